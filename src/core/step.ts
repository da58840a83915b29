import type { Clock } from './run-check.js';
import type { Logger } from './logger.js';
import type { OptionSpecs } from './options.js';
import type { CheckResult } from './result.js';

/** What a step needs from its surroundings; injected so tests pin time and paths. */
export interface StepContext {
  /** Relative paths in options resolve against this directory (the config file's folder, or the cwd). */
  baseDir: string;
  logger: Logger;
  clock?: Clock;
  /** Where the option values came from, for messages (e.g. `.model-ci.yml`). */
  source?: string;
  /** Key path of this step's options in `source` (e.g. `gate`), for messages about nested values. */
  keyPath?: string;
  /** Line of a key path below this step's block in `source`, when it came from a configuration file. */
  lineOf?: (path: (string | number)[]) => number | undefined;
}

/**
 * A check as the three faces see it: the CLI command, the action and the pipeline all take the option
 * specs from here and call `execute`. The check's logic itself lives in pure functions below it.
 */
export interface StepDefinition<O = Record<string, unknown>> {
  /** Check id: result `check` field, config key, action folder, CLI command (`data check` -> `data-check`). */
  check: string;
  title: string;
  /** One line for --help. */
  summary: string;
  /** Examples for --help. */
  examples: readonly string[];
  options: OptionSpecs;
  execute(options: O, ctx: StepContext): Promise<CheckResult>;
  /** The check's own Markdown for job summaries and the pipeline summary (default: a generic rendering). */
  markdown?(result: CheckResult): string;
}
