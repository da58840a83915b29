import { smokeStep } from '../checks/smoke/step.js';
import type { StepDefinition } from '../core/step.js';
import type { ActionIo } from './action-io.js';
import { runStepAction } from './harness.js';
import { actionSpec } from './registry-spec.js';

export const SMOKE_OUTPUTS = ['backend', 'latency-p95-ms', 'throughput-per-s'] as const;
export const smokeAction = actionSpec(smokeStep as StepDefinition<never>, SMOKE_OUTPUTS);

export function runSmokeAction(io: ActionIo) {
  return runStepAction(smokeStep, io, (r) => ({
    backend: String(r.details.backend ?? ''),
    'latency-p95-ms': String(r.metrics.latency_p95_ms ?? ''),
    'throughput-per-s': String(r.metrics.throughput_per_s ?? ''),
  }));
}
