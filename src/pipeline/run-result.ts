import { relative, sep } from 'node:path';
import type { CheckResult, Status } from '../core/result.js';
import { TOOL_VERSION } from '../core/version.js';

/** The `schema` field of the run file `model-ci run --out` writes (`schema/run.schema.json`). */
export const RUN_SCHEMA_ID = 'model-ci/run@1';

/** What one `model-ci run` did: each check's status and result file, and the worst status. */
export interface RunResult {
  schema: typeof RUN_SCHEMA_ID;
  status: Status;
  /** Configuration file, relative to the working directory. */
  config: string;
  results: { check: string; name?: string; status: Status; summary: string; path: string }[];
  /** summary.md, report.md, report.html, relative to the working directory. */
  summary: string;
  report: { markdown: string; html: string };
  tool: { name: 'model-ci'; version: string };
}

/**
 * The run file's content. Paths are relative to `cwd` (the workspace), with `/`, so the file means the same
 * on any runner and a script can open each result from where the command ran.
 */
export function runResult(
  cwd: string,
  run: {
    status: Status;
    config: string;
    results: readonly { result: CheckResult; file: string }[];
    summaryFile: string;
    report: { markdown: string; html: string };
  },
): RunResult {
  const rel = (p: string) => relative(cwd, p).split(sep).join('/') || '.';
  return {
    schema: RUN_SCHEMA_ID,
    status: run.status,
    config: rel(run.config),
    results: run.results.map(({ result, file }) => ({
      check: result.check,
      ...(result.name ? { name: result.name } : {}),
      status: result.status,
      summary: result.summary,
      path: rel(file),
    })),
    summary: rel(run.summaryFile),
    report: { markdown: rel(run.report.markdown), html: rel(run.report.html) },
    tool: { name: 'model-ci', version: TOOL_VERSION },
  };
}
