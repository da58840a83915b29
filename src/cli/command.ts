import type { OptionSpecs } from '../core/options.js';
import type { CliIo } from './io.js';

/** A CLI command: a small file over the shared machinery (parsing, help, errors, exit codes). */
export interface Command {
  /** Words after `model-ci`, e.g. `metrics` or `data check`. */
  name: string;
  summary: string;
  options: OptionSpecs;
  examples: readonly string[];
  /** e.g. `PROFILE...` for commands that take files as arguments. */
  positionals?: { metavar: string; max: number };
  run(values: Record<string, unknown>, positionals: string[], io: CliIo): Promise<number>;
}
