import { join } from 'node:path';
import { lintStep, makeLintStep } from '../checks/lint/step.js';
import type { StepDefinition } from '../core/step.js';
import type { ActionIo } from './action-io.js';
import { runStepAction, workspaceOf } from './harness.js';
import { actionSpec } from './registry-spec.js';

export const LINT_OUTPUTS = ['errors', 'warnings', 'new-errors', 'sarif-path'] as const;
export const lintAction = actionSpec(lintStep as StepDefinition<never>, LINT_OUTPUTS);

/**
 * actions/lint: every credential found is masked with `core.setSecret` as soon as it is found (findings
 * only ever carry a masked form, this is a second line of defence), and SARIF is always written — to
 * `sarif-file`, or to `$RUNNER_TEMP/model-ci/lint.sarif` — so `sarif-path` can feed upload-sarif.
 */
export function runLintAction(io: ActionIo) {
  const step = makeLintStep({ onSecret: (value) => io.setSecret(value) });
  const defaultSarifFile = join(
    io.env.RUNNER_TEMP || join(workspaceOf(io), '.model-ci'),
    'model-ci',
    'lint.sarif',
  );
  const withDefault: StepDefinition<Parameters<typeof step.execute>[0]> = {
    ...step,
    execute: (options, ctx) => step.execute({ ...options, defaultSarifFile }, ctx),
    outputFiles: (options, baseDir) => step.outputFiles!({ ...options, defaultSarifFile }, baseDir),
  };
  return runStepAction(withDefault, io, (r) => ({
    errors: String(r.metrics.errors ?? 0),
    warnings: String(r.metrics.warnings ?? 0),
    'new-errors': String(r.metrics.new_errors ?? 0),
    'sarif-path': typeof r.details.sarif === 'string' ? r.details.sarif : '',
  }));
}
