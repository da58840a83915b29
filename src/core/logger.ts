/**
 * One logger for library code: the CLI maps it to stderr, an action to @actions/core.
 * Library code never calls console directly.
 */
import type { ProgressStart } from './progress.js';
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  debug(message: string): void;
  /** Runs `fn` inside a collapsible section (a `core.group` in an action). */
  group<T>(title: string, fn: () => Promise<T>): Promise<T>;
  /**
   * Echo text that someone else wrote (a served model's log lines): in an action it is wrapped in
   * `::stop-commands::` so no line of it can act as a workflow command; on a terminal its control
   * characters are made visible.
   */
  foreign(title: string, text: string): void;
  /** Mask a secret (a registry password or token) in everything logged afterwards (core.setSecret). */
  secret?(value: string): void;
  /** Progress of a long phase (a bar on a terminal); absent where nobody watches (actions, tests). */
  progress?: ProgressStart;
}

export const silentLogger: Logger = {
  info() {},
  warn() {},
  debug() {},
  group: (_title, fn) => fn(),
  foreign() {},
};
