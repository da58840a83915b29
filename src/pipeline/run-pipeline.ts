import { existsSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { ConfigEntry, ModelCiConfig } from '../core/config.js';
import { escapesRoot, isInside, repositoryRoot } from '../core/confine.js';
import { InputError, ModelCiError } from '../core/errors.js';
import { displayPath } from '../core/paths.js';
import { FileGuard, type OutputClaim } from '../core/file-guard.js';
import type { Logger } from '../core/logger.js';
import { worstStatus, toJsonText, type CheckResult, type Status } from '../core/result.js';
import { runCheck, type Clock } from '../core/run-check.js';
import { guardStep, stepInputFiles } from '../core/step.js';
import { validateResult } from '../core/validate-result.js';
import { visible } from '../core/visible.js';
import { pipelineMarkdown, resultMarkdown } from '../report/result-markdown.js';

export interface PipelineRun {
  status: Status;
  results: { result: CheckResult; file: string }[];
  summaryFile: string;
  /** The run's inputs and outputs; later writers (the report) claim and write through it too. */
  files: FileGuard;
}

class OutsideRootError extends InputError {}

/** An input file named in the configuration that is not there: the finding points at its key. */
class MissingFileError extends InputError {
  constructor(
    message: string,
    readonly position: { line?: number; column?: number },
  ) {
    super(message);
  }
}

/**
 * The first input file an entry names by a path option that does not exist, as an error at that key
 * (`.model-ci.yml:5:14: drift.current: no such file: data/latest.csv`): said before the check runs, where
 * the user wrote the name, not as a bare path from deep inside a reader.
 */
function missingInput(config: ModelCiConfig, entry: ConfigEntry): MissingFileError | undefined {
  const inputs = new Set(stepInputFiles(entry.step, entry.options as never, config.dir));
  for (const [key, spec] of Object.entries(entry.step.options)) {
    const value = entry.options[key];
    if (spec.type !== 'path' || typeof value !== 'string' || value === '') continue;
    const path = resolve(config.dir, value);
    if (!inputs.has(path) || existsSync(path)) continue;
    return new MissingFileError(
      `${entry.describe(key)}: no such file: ${visible(relative(config.dir, path) || path)} (paths are relative to the configuration file's folder)`,
      entry.position(key),
    );
  }
  return undefined;
}

/** Why one of an entry's files (read or written) is outside `root`, or undefined when none is. */
function outsideRoot(root: string, config: ModelCiConfig, entry: ConfigEntry): string | undefined {
  const paths = [
    ...stepInputFiles(entry.step, entry.options as never, config.dir),
    ...(entry.step.outputFiles?.(entry.options as never, config.dir) ?? []).map((o) => o.path),
  ];
  const where = displayPath(process.cwd(), config.file);
  for (const path of paths) {
    if (!isInside(resolve(root), path))
      return `${entry.keyPath}: ${path} is outside the repository ${root}; paths in ${where} must stay inside it`;
    const why = escapesRoot(root, path, false);
    if (why)
      return `${entry.keyPath}: ${relative(config.dir, path)} leads out of the repository ${root} (${why}); paths in ${where} must stay inside it`;
  }
  return undefined;
}

/** `data` + `shard 1/4` -> `data-shard-1-4.json`: file-name safe, stable. */
export function resultFileName(check: string, name?: string): string {
  const slug = name
    ? '-' +
      name
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-|-$/g, '')
    : '';
  return `${check}${slug}.json`;
}

/**
 * Run every configured check in order, writing each result into `outDir`. A check that fails or whose input
 * is bad does not stop the others: bad input becomes an `error` result. The overall status is the worst one.
 */
export async function runPipeline(
  config: ModelCiConfig,
  outDir: string,
  logger: Logger,
  clock?: Clock,
  /** More files the run writes: names inside `outDir`, or claims of their own (`--out`). */
  extraOutputs: readonly (string | OutputClaim)[] = [],
): Promise<PipelineRun> {
  // Before the first check runs: every input of every step is known and every output is claimed, so a
  // result name or a step's own output that would replace an input stops the run here, not halfway.
  const root = config.root ?? repositoryRoot(config.dir);
  const files = new FileGuard(config.dir, { root, shownFrom: process.cwd() });
  files.addInput(config.file, 'configuration');
  // Paths in the configuration are a pull request's to choose: a check whose files are outside the
  // repository (as written or through a symbolic link) does not run; it is an error result of its own.
  const outside = new Map<number, string>();
  config.entries.forEach((entry, i) => {
    const problem = outsideRoot(root, config, entry);
    if (problem) outside.set(i, problem);
    else guardStep(files, entry.step, entry.options as never, config.dir);
  });
  const used = new Set<string>();
  const resultFiles = config.entries.map((entry) => {
    let fileName = resultFileName(entry.step.check, entry.name);
    for (let k = 2; used.has(fileName); k++)
      fileName = resultFileName(entry.step.check, `${entry.name ?? ''} ${k}`);
    used.add(fileName);
    return files.claimOutput(join(outDir, fileName), 'result file');
  });
  const summaryFile = files.claimOutput(join(outDir, 'summary.md'), 'summary');
  for (const o of extraOutputs)
    if (typeof o === 'string') files.claimOutput(join(outDir, o), o);
    else files.claimOutput(o.path, o.what);

  const results: PipelineRun['results'] = [];
  for (const [index, entry] of config.entries.entries()) {
    const label = entry.name ? `${entry.step.check} (${entry.name})` : entry.step.check;
    const result = await logger.group(label, async () => {
      let r: CheckResult;
      try {
        const problem = outside.get(index);
        if (problem) throw new OutsideRootError(problem);
        const missing = missingInput(config, entry);
        if (missing) throw missing;
        r = await entry.step.execute(entry.options as never, {
          baseDir: config.dir,
          logger,
          clock,
          source: displayPath(process.cwd(), config.file),
          keyPath: entry.keyPath,
          lineOf: entry.lineOf,
          describe: entry.describe,
          files,
          previousResults: [...results],
        });
      } catch (e) {
        if (!(e instanceof ModelCiError)) throw e;
        r = await runCheck(
          entry.step.check,
          { config: `${config.file} ${entry.keyPath}` },
          () => ({
            status: 'error',
            title: entry.step.title,
            summary: e.message,
            findings: [
              e instanceof MissingFileError
                ? {
                    id: `${entry.step.check}/input-not-found`,
                    severity: 'error',
                    message: e.message,
                    file: displayPath(config.dir, config.file),
                    ...e.position,
                  }
                : e instanceof OutsideRootError
                  ? {
                      id: `${entry.step.check}/path-outside-repository`,
                      severity: 'error',
                      message: e.message,
                      file: displayPath(config.dir, config.file),
                      ...(entry.line ? { line: entry.line } : {}),
                    }
                  : { id: `${entry.step.check}/input-error`, severity: 'error', message: e.message },
            ],
          }),
          clock,
        );
      }
      if (entry.name) r = { ...r, name: entry.name };
      logger.info(`${r.status}: ${r.summary}`);
      return r;
    });
    const file = resultFiles[index];
    // A result that breaks the schema is our bug: fail loudly rather than write it.
    const text = toJsonText(result);
    validateResult(JSON.parse(text), file);
    files.write(file, text, 'result file');
    results.push({ result, file });
  }
  const renderers = new Map(config.entries.map((e, i) => [results[i].result, e.step.markdown]));
  files.write(
    summaryFile,
    pipelineMarkdown(
      results.map((r) => r.result),
      (r) => renderers.get(r)?.(r) ?? resultMarkdown(r),
    ),
    'summary',
  );
  return { status: worstStatus(...results.map((r) => r.result.status)), results, summaryFile, files };
}
