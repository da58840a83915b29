import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadConfig } from '../core/config.js';
import { isInside } from '../core/confine.js';
import { visible } from '../core/visible.js';
import { ModelCiError } from '../core/errors.js';
import { runPipeline } from '../pipeline/run-pipeline.js';
import { PIPELINE_STEPS } from '../pipeline/steps.js';
import type { ActionIo } from './action-io.js';
import { annotateFindings, failStep, workspaceOf } from './harness.js';

/** The root action's interface; `action.yml` at the repository root mirrors these (a test checks). */
export const MAIN_INPUTS = ['config', 'out-dir'] as const;
export const MAIN_OUTPUTS = ['status', 'result-dir', 'summary-path', 'failed-checks'] as const;

/** The whole pipeline from `.model-ci.yml`, as the root action. */
export async function runMain(io: ActionIo): Promise<void> {
  try {
    const workspace = workspaceOf(io);
    const config = resolve(workspace, io.getInput('config').trim() || '.model-ci.yml');
    const outDir = resolve(workspace, io.getInput('out-dir').trim() || 'model-ci-report');
    const loaded = loadConfig(config, PIPELINE_STEPS);
    // In an action the repository is the workspace: every path the configuration names stays inside it.
    if (isInside(resolve(workspace), loaded.dir)) loaded.root = resolve(workspace);
    const run = await runPipeline(loaded, outDir, io.logger);
    const failed = run.results.filter((r) => r.result.status === 'fail' || r.result.status === 'error');
    io.setOutput('status', run.status);
    io.setOutput('result-dir', outDir);
    io.setOutput('summary-path', run.summaryFile);
    io.setOutput(
      'failed-checks',
      failed
        .map((r) => (r.result.name ? `${r.result.check}:${visible(r.result.name)}` : r.result.check))
        .join(','),
    );
    for (const { result } of run.results) annotateFindings(result.findings, io, workspace);
    await io.appendSummary(readFileSync(run.summaryFile, 'utf8'));
    if (failed.length) {
      failStep(
        io,
        `model-ci: ${failed.length} of ${run.results.length} checks did not pass: ${failed.map((r) => r.result.summary).join('; ')}`,
      );
    }
  } catch (e) {
    failStep(
      io,
      e instanceof ModelCiError ? e.message : `internal error in model-ci: ${(e as Error).message}`,
    );
  }
}
