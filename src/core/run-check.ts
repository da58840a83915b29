import { RESULT_SCHEMA_ID, type CheckOutcome, type CheckResult, type Finding } from './result.js';
import { redactDeep } from './data-url.js';
import { visible } from './visible.js';
import { TOOL_VERSION } from './version.js';

export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };

/**
 * A finding's human text with its control characters made visible: messages quote data and file names a
 * pull request controls, and the result's text ends up in logs, annotations and comments.
 */
function visibleFinding(f: Finding): Finding {
  const out: Finding = { ...f, id: visible(f.id), message: visible(f.message) };
  if (f.file !== undefined) out.file = visible(f.file);
  if (f.subject !== undefined) out.subject = visible(f.subject);
  return out;
}

/**
 * Wrap a check's outcome into a full result: schema id, timing, inputs and tool version.
 * Checks compute a {@link CheckOutcome}; only this function knows about the envelope. The human text
 * (title, summary, finding messages) is passed through {@link visible}, so no check can forget to.
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
    title: visible(outcome.title),
    summary: visible(outcome.summary),
    metrics: outcome.metrics ?? {},
    findings: (outcome.findings ?? []).map(visibleFinding),
    details: outcome.details ?? {},
    // A data URL's credentials (userinfo, a presigned query) never reach a result file or a report.
    inputs: redactDeep(inputs) as Record<string, unknown>,
    startedAt: started.toISOString(),
    durationMs,
    tool: { name: 'model-ci', version: TOOL_VERSION },
  };
}
