import { resolve } from 'node:path';
import { isUrlLike } from './data-url.js';
import { FileGuard, type OutputClaim } from './file-guard.js';
import type { Clock } from './run-check.js';
import type { Logger } from './logger.js';
import { kebab, type OptionSpecs } from './options.js';
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
  /**
   * Names an option as the user wrote it where it came from: `--drift-share` (CLI), `input "drift-share"`
   * (action), `.model-ci.yml:7:16: drift.drift-share` (config). Checks that validate an option beyond its
   * spec use it (through {@link optionName}), never the internal camelCase name.
   */
  describe?: (key: string) => string;
  /** Line of a key path below this step's block in `source`, when it came from a configuration file. */
  lineOf?: (path: (string | number)[]) => number | undefined;
  /**
   * The command's inputs and outputs. Steps write every file of their own (a recorded golden file, a
   * suite, SARIF, an HTML report) through `files.write`, which refuses to replace an input and writes
   * atomically. Absent in unit tests: use {@link guardOf}.
   */
  files?: FileGuard;
  /**
   * In `model-ci run`: the results of the steps that ran before this one, in order, with their files, so a
   * step that builds on another's result (cost on smoke and image) uses this run's, not a stale file.
   */
  previousResults?: readonly { result: CheckResult; file: string }[];
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
  /**
   * Every file the step will read with these options (absolute paths): data, suites, rules, model.json
   * *and* its weight shards, golden files when not recording, baselines. Outputs are checked against
   * them before anything runs. Default: the values of the `path` options. Best effort for derived files:
   * when a manifest cannot be read, list what is known; reading it later reports the problem.
   */
  inputFiles?(options: O, baseDir: string): string[];
  /** Files the step writes besides its result (a golden file when recording, `--suite-out`, `--sarif`). */
  outputFiles?(options: O, baseDir: string): OutputClaim[];
}

/** An option's name for a message: the context's spelling, else the kebab-case key (`drift-share`). */
export function optionName(ctx: Pick<StepContext, 'describe'>, key: string): string {
  return ctx.describe?.(key) ?? kebab(key);
}

/** The values of a step's `path` options, resolved against `baseDir`: the default input list. */
export function pathOptionValues(specs: OptionSpecs, options: object, baseDir: string): string[] {
  const values = options as Record<string, unknown>;
  return (
    Object.entries(specs)
      .filter(([, s]) => s.type === 'path')
      // A data URL is fetched, not a file: nothing to record, confine or protect from overwriting.
      .map(([k, s]) =>
        s.url && typeof values[k] === 'string' && isUrlLike(values[k]) ? undefined : values[k],
      )
      .filter((v): v is string => typeof v === 'string' && v !== '')
      .map((v) => resolve(baseDir, v))
  );
}

/** Every input file of a step for these options ({@link StepDefinition.inputFiles} or the path options). */
export function stepInputFiles<O>(step: StepDefinition<O>, options: O, baseDir: string): string[] {
  return step.inputFiles
    ? step.inputFiles(options, baseDir)
    : pathOptionValues(step.options, options as object, baseDir);
}

/**
 * Record a step's inputs and claim its own outputs in `guard`, before it runs: an output that is one of
 * the inputs is refused now, not after the input was read and replaced.
 */
export function guardStep<O>(guard: FileGuard, step: StepDefinition<O>, options: O, baseDir: string): void {
  guard.addInputs(stepInputFiles(step, options, baseDir));
  for (const claim of step.outputFiles?.(options, baseDir) ?? []) guard.claimOutput(claim.path, claim.what);
}

/** The context's guard, or a fresh one (unit tests call steps without a command around them). */
export function guardOf(ctx: StepContext): FileGuard {
  return ctx.files ?? new FileGuard(ctx.baseDir);
}
