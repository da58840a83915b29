import { join } from 'node:path';
import type { ModelCiConfig } from '../core/config.js';
import { ModelCiError } from '../core/errors.js';
import { FileGuard } from '../core/file-guard.js';
import type { Logger } from '../core/logger.js';
import { worstStatus, toJsonText, type CheckResult, type Status } from '../core/result.js';
import { runCheck, type Clock } from '../core/run-check.js';
import { guardStep } from '../core/step.js';
import { validateResult } from '../core/validate-result.js';
import { pipelineMarkdown, resultMarkdown } from '../report/result-markdown.js';

export interface PipelineRun {
  status: Status;
  results: { result: CheckResult; file: string }[];
  summaryFile: string;
  /** The run's inputs and outputs; later writers (the report) claim and write through it too. */
  files: FileGuard;
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
  extraOutputs: readonly string[] = [],
): Promise<PipelineRun> {
  // Before the first check runs: every input of every step is known and every output is claimed, so a
  // result name or a step's own output that would replace an input stops the run here, not halfway.
  const files = new FileGuard(config.dir);
  files.addInput(config.file, 'configuration');
  for (const entry of config.entries) guardStep(files, entry.step, entry.options as never, config.dir);
  const used = new Set<string>();
  const resultFiles = config.entries.map((entry) => {
    let fileName = resultFileName(entry.step.check, entry.name);
    for (let k = 2; used.has(fileName); k++)
      fileName = resultFileName(entry.step.check, `${entry.name ?? ''} ${k}`);
    used.add(fileName);
    return files.claimOutput(join(outDir, fileName), 'result file');
  });
  const summaryFile = files.claimOutput(join(outDir, 'summary.md'), 'summary');
  for (const name of extraOutputs) files.claimOutput(join(outDir, name), name);

  const results: PipelineRun['results'] = [];
  for (const [index, entry] of config.entries.entries()) {
    const label = entry.name ? `${entry.step.check} (${entry.name})` : entry.step.check;
    const result = await logger.group(label, async () => {
      let r: CheckResult;
      try {
        r = await entry.step.execute(entry.options as never, {
          baseDir: config.dir,
          logger,
          clock,
          source: config.file,
          keyPath: entry.keyPath,
          lineOf: entry.lineOf,
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
            findings: [{ id: `${entry.step.check}/input-error`, severity: 'error', message: e.message }],
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
