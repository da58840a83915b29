import { gateStep } from '../checks/gate/step.js';
import type { StepDefinition } from '../core/step.js';
import type { ActionIo } from './action-io.js';
import { runStepAction } from './harness.js';
import { actionSpec } from './registry-spec.js';

export const GATE_OUTPUTS = ['passed'] as const;
export const gateAction = actionSpec(gateStep as StepDefinition<never>, GATE_OUTPUTS);

export function runGateAction(io: ActionIo) {
  return runStepAction(gateStep, io, (r) => ({ passed: String(r.status === 'pass' || r.status === 'warn') }));
}
