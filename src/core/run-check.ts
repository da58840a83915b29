import { RESULT_SCHEMA_ID, type CheckOutcome, type CheckResult } from './result.js';
import { TOOL_VERSION } from './version.js';

export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };

/**
 * Wrap a check's outcome into a full result: schema id, timing, inputs and tool version.
 * Checks compute a {@link CheckOutcome}; only this function knows about the envelope.
 */
export async function runCheck(
  check: string,
  inputs: Record<string, unknown>,
  compute: () => Promise<CheckOutcome> | CheckOutcome,
  clock: Clock = systemClock,
): Promise<CheckResult> {
  const started = clock.now();
  const outcome = await compute();
  const durationMs = Math.max(0, clock.now().getTime() - started.getTime());
  return {
    schema: RESULT_SCHEMA_ID,
    check,
    status: outcome.status,
    title: outcome.title,
    summary: outcome.summary,
    metrics: outcome.metrics ?? {},
    findings: outcome.findings ?? [],
    details: outcome.details ?? {},
    inputs,
    startedAt: started.toISOString(),
    durationMs,
    tool: { name: 'model-ci', version: TOOL_VERSION },
  };
}
