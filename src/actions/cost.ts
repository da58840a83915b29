import { costStep } from '../checks/cost/step.js';
import type { StepDefinition } from '../core/step.js';
import type { ActionIo } from './action-io.js';
import { runStepAction } from './harness.js';
import { actionSpec } from './registry-spec.js';

export const COST_OUTPUTS = [
  'monthly-usd',
  'cost-per-million-usd',
  'instances',
  'instance-type',
  'monthly-delta-usd',
  'comment',
] as const;
export const costAction = actionSpec(costStep as StepDefinition<never>, COST_OUTPUTS);

const text = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? String(v) : '');

export function runCostAction(io: ActionIo) {
  return runStepAction(costStep, io, (r) => {
    const diff = r.details.diff as { total?: { delta_usd?: number }; comment?: boolean } | undefined;
    return {
      'monthly-usd': text(r.metrics.monthly_usd),
      'cost-per-million-usd': text(r.metrics.cost_per_million_usd),
      instances: text(r.metrics.instances),
      'instance-type': typeof r.details.instance_type === 'string' ? r.details.instance_type : '',
      'monthly-delta-usd': text(diff?.total?.delta_usd),
      // Without a base there is nothing to compare: a report decides by the status alone.
      comment: diff ? String(diff.comment === true) : '',
    };
  });
}
