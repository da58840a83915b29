import { dataCheckStep } from '../checks/data/step.js';
import type { StepDefinition } from '../core/step.js';
import type { ActionIo } from './action-io.js';
import { runStepAction } from './harness.js';
import { actionSpec } from './registry-spec.js';

export const DATA_CHECK_OUTPUTS = ['success', 'failed-expectations'] as const;
export const dataCheckAction = actionSpec(dataCheckStep as StepDefinition<never>, DATA_CHECK_OUTPUTS);

export function runDataCheckAction(io: ActionIo) {
  return runStepAction(dataCheckStep, io, (r) => ({
    success: String(r.metrics.failed === 0),
    'failed-expectations': String(r.metrics.failed ?? ''),
  }));
}
