/**
 * One logger for library code: the CLI maps it to stderr, an action to @actions/core.
 * Library code never calls console directly.
 */
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  debug(message: string): void;
  /** Runs `fn` inside a collapsible section (a `core.group` in an action). */
  group<T>(title: string, fn: () => Promise<T>): Promise<T>;
}

export const silentLogger: Logger = {
  info() {},
  warn() {},
  debug() {},
  group: (_title, fn) => fn(),
};
