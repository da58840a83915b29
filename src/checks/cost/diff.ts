/**
 * Base vs head, like Infracost's diff: Δ$/month and Δ% per cost line and in total, and the verdicts of the
 * `fail-on` and `comment-on` thresholds.
 */
import { InputError, didYouMean } from '../../core/errors.js';
import { fromJsonNumber, type CheckResult, type JsonNumber } from '../../core/result.js';
import { keyValueEntries } from '../../core/key-values.js';
import { visible } from '../../core/visible.js';
import type { CostLine } from './estimate.js';

/** What one side of the diff needs: the chosen option's total and lines. */
export interface CostSnapshot {
  monthly_usd: number;
  cost_per_million_usd: number;
  instances: number;
  instance_type: string;
  lines: CostLine[];
}

export interface Thresholds {
  /** USD per month. */
  maxMonthlyIncrease?: number;
  /** A fraction of the base's monthly cost (0.1 = 10 %). */
  maxRelativeIncrease?: number;
}

export const THRESHOLD_KEYS = ['max-monthly-increase', 'max-relative-increase'] as const;

/** `max-monthly-increase=50, max-relative-increase=0.1` (a flag or input) or a mapping (config). */
export function parseThresholds(value: unknown, where: string): Thresholds {
  const entries = keyValueEntries(value, where, 'max-monthly-increase=50, max-relative-increase=0.1');
  const out: Thresholds = {};
  for (const [k, raw] of entries) {
    if (!(THRESHOLD_KEYS as readonly string[]).includes(k))
      throw new InputError(
        `${where}: unknown key "${visible(k)}"${didYouMean(k, THRESHOLD_KEYS)}; allowed: ${THRESHOLD_KEYS.join(', ')}`,
      );
    const v = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0)
      throw new InputError(`${where}.${k}: expected a number ≥ 0, got ${JSON.stringify(raw)}`);
    if (k === 'max-monthly-increase') out.maxMonthlyIncrease = v;
    else out.maxRelativeIncrease = v;
  }
  return out;
}

export interface DiffLine {
  line: string;
  base_usd: number;
  head_usd: number;
  delta_usd: number;
  /** Δ ÷ base; null when the base is 0. */
  delta_relative: number | null;
}

export interface CostDiff {
  /** Where the base came from, in words. */
  base_source: string;
  base: { monthly_usd: number; cost_per_million_usd: number; instances: number; instance_type: string };
  lines: DiffLine[];
  total: DiffLine;
  /** `fail`: an increase beyond fail-on; `comment`: a change beyond comment-on; `quiet`: neither. */
  verdict: 'fail' | 'comment' | 'quiet';
  /** Whether a report should comment (the change is beyond comment-on, either way). */
  comment: boolean;
  reasons: string[];
}

function signed(usd: number): string {
  return `${usd < 0 ? '−' : '+'}$${Math.abs(usd).toFixed(2)}`;
}

function relText(rel: number | null): string {
  return rel === null ? 'from $0' : `${rel < 0 ? '−' : '+'}${Math.abs(rel * 100).toFixed(1)} %`;
}

/** Cents decide: a change below half a cent a month is no change. */
const EPSILON_USD = 0.005;

function diffLine(line: string, base: number, head: number): DiffLine {
  const delta = head - base;
  return {
    line,
    base_usd: base,
    head_usd: head,
    delta_usd: delta,
    delta_relative: base === 0 ? (delta === 0 ? 0 : null) : delta / base,
  };
}

/** The compute line is named by what computes, so a change of instance type shows as its own line. */
function lineKey(l: CostLine, s: CostSnapshot): string {
  return l.line === 'compute' ? `compute (${s.instance_type})` : l.line;
}

function exceeds(delta: number, base: number, t: Thresholds): string[] {
  const out: string[] = [];
  if (t.maxMonthlyIncrease !== undefined && delta > t.maxMonthlyIncrease + EPSILON_USD)
    out.push(`$${delta.toFixed(2)}/month is more than ${'$'}${t.maxMonthlyIncrease}`);
  if (t.maxRelativeIncrease !== undefined && delta > EPSILON_USD) {
    const rel = base === 0 ? Infinity : delta / base;
    if (rel > t.maxRelativeIncrease)
      out.push(
        `${rel === Infinity ? 'an increase from $0' : `+${(rel * 100).toFixed(1)} %`} is more than ${(t.maxRelativeIncrease * 100).toFixed(1)} %`,
      );
  }
  return out;
}

/**
 * Compare base and head. `fail-on` looks at increases only; `comment-on` at changes either way (a drop is
 * news too). Without comment-on thresholds, any change of at least a cent a month is worth a comment.
 */
export function diffCosts(
  base: CostSnapshot,
  head: CostSnapshot,
  baseSource: string,
  failOn: Thresholds,
  commentOn: Thresholds,
): CostDiff {
  const keys: string[] = [];
  const baseBy = new Map<string, number>();
  const headBy = new Map<string, number>();
  for (const l of base.lines) {
    const k = lineKey(l, base);
    if (!keys.includes(k)) keys.push(k);
    baseBy.set(k, (baseBy.get(k) ?? 0) + l.monthly_usd);
  }
  for (const l of head.lines) {
    const k = lineKey(l, head);
    if (!keys.includes(k)) keys.push(k);
    headBy.set(k, (headBy.get(k) ?? 0) + l.monthly_usd);
  }
  const lines = keys.map((k) => diffLine(k, baseBy.get(k) ?? 0, headBy.get(k) ?? 0));
  const total = diffLine('total', base.monthly_usd, head.monthly_usd);
  const failReasons = exceeds(total.delta_usd, base.monthly_usd, failOn);
  const moved = Math.abs(total.delta_usd);
  const commentReasons =
    commentOn.maxMonthlyIncrease === undefined && commentOn.maxRelativeIncrease === undefined
      ? moved >= EPSILON_USD
        ? [`the monthly cost moved by ${signed(total.delta_usd)}`]
        : []
      : exceeds(moved, base.monthly_usd, commentOn).length
        ? [
            `the monthly cost moved by ${signed(total.delta_usd)} (${relText(total.delta_relative)}), beyond comment-on`,
          ]
        : [];
  return {
    base_source: baseSource,
    base: {
      monthly_usd: base.monthly_usd,
      cost_per_million_usd: base.cost_per_million_usd,
      instances: base.instances,
      instance_type: base.instance_type,
    },
    lines,
    total,
    verdict: failReasons.length ? 'fail' : commentReasons.length ? 'comment' : 'quiet',
    comment: failReasons.length > 0 || commentReasons.length > 0,
    reasons: failReasons.length ? failReasons.map((r) => `fail-on: ${r}`) : commentReasons,
  };
}

function numberAt(r: CheckResult, file: string, key: string, v: JsonNumber | unknown): number {
  const x =
    typeof v === 'number' ? v : v === null || typeof v === 'string' ? fromJsonNumber(v as JsonNumber) : NaN;
  if (!Number.isFinite(x))
    throw new InputError(
      `${file}: ${key}: missing or not a number; a base cost result needs it (its result is "${r.status}": ${visible(r.summary)})`,
    );
  return x;
}

/** The base side from a base branch's cost result. */
export function snapshotFromResult(r: CheckResult, file: string): CostSnapshot {
  if (r.check !== 'cost')
    throw new InputError(`${file}: $.check: expected a cost result, got a "${visible(r.check)}" result`);
  const linesRaw = r.details.lines;
  if (!Array.isArray(linesRaw))
    throw new InputError(`${file}: details.lines: missing; a base cost result needs its cost lines`);
  const lines: CostLine[] = linesRaw.map((l, i) => {
    const o = (l ?? {}) as Record<string, unknown>;
    if (typeof o.line !== 'string')
      throw new InputError(`${file}: details.lines[${i}].line: expected a string`);
    return {
      line: visible(o.line),
      detail: typeof o.detail === 'string' ? visible(o.detail) : '',
      monthly_usd: numberAt(r, file, `details.lines[${i}].monthly_usd`, o.monthly_usd),
    };
  });
  return {
    monthly_usd: numberAt(r, file, 'metrics.monthly_usd', r.metrics.monthly_usd),
    cost_per_million_usd: numberAt(r, file, 'metrics.cost_per_million_usd', r.metrics.cost_per_million_usd),
    instances: numberAt(r, file, 'metrics.instances', r.metrics.instances),
    instance_type:
      typeof r.details.instance_type === 'string'
        ? visible(r.details.instance_type)
        : (() => {
            throw new InputError(`${file}: details.instance_type: expected a string`);
          })(),
    lines,
  };
}
