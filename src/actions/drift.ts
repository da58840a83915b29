import { driftStep } from '../checks/drift/step.js';
import type { StepDefinition } from '../core/step.js';
import type { ActionIo } from './action-io.js';
import { runStepAction } from './harness.js';
import { actionSpec } from './registry-spec.js';

export const DRIFT_OUTPUTS = ['drifted', 'share-drifted', 'drifted-columns'] as const;
export const driftAction = actionSpec(driftStep as StepDefinition<never>, DRIFT_OUTPUTS);

export function runDriftAction(io: ActionIo) {
  return runStepAction(driftStep, io, (r) => ({
    drifted: String(r.details.dataset_drift === true),
    'share-drifted': String(r.metrics.share_drifted ?? ''),
    'drifted-columns': ((r.details.drifted_columns as string[] | undefined) ?? []).join(','),
  }));
}
