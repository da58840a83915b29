import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ModelCiConfig } from '../core/config.js';
import { ModelCiError } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import { worstStatus, toJsonText, type CheckResult, type Status } from '../core/result.js';
import { runCheck, type Clock } from '../core/run-check.js';
import { validateResult } from '../core/validate-result.js';
import { pipelineMarkdown, resultMarkdown } from '../report/result-markdown.js';

export interface PipelineRun {
  status: Status;
  results: { result: CheckResult; file: string }[];
  summaryFile: string;
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
): Promise<PipelineRun> {
  mkdirSync(outDir, { recursive: true });
  const results: PipelineRun['results'] = [];
  const used = new Set<string>();
  for (const entry of config.entries) {
    const label = entry.name ? `${entry.step.check} (${entry.name})` : entry.step.check;
    const result = await logger.group(label, async () => {
      let r: CheckResult;
      try {
        r = await entry.step.execute(entry.options as never, {
          baseDir: config.dir,
          logger,
          clock,
          source: config.file,
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
    let fileName = resultFileName(entry.step.check, entry.name);
    for (let k = 2; used.has(fileName); k++)
      fileName = resultFileName(entry.step.check, `${entry.name ?? ''} ${k}`);
    used.add(fileName);
    const file = join(outDir, fileName);
    // A result that breaks the schema is our bug: fail loudly rather than write it.
    const text = toJsonText(result);
    validateResult(JSON.parse(text), file);
    writeFileSync(file, text);
    results.push({ result, file });
  }
  const summaryFile = join(outDir, 'summary.md');
  const renderers = new Map(config.entries.map((e, i) => [results[i].result, e.step.markdown]));
  writeFileSync(
    summaryFile,
    pipelineMarkdown(
      results.map((r) => r.result),
      (r) => renderers.get(r)?.(r) ?? resultMarkdown(r),
    ),
  );
  return { status: worstStatus(...results.map((r) => r.result.status)), results, summaryFile };
}
