/**
 * The metric-regression gate: candidate metrics against thresholds and against a baseline, with
 * tolerances and (optionally) confidence intervals of the change. A pure function from computed metrics
 * and validated rules to a {@link CheckOutcome}; computing metrics, intervals and DeLong is done before
 * (see paired.ts for paired predictions, baseline.ts for a baseline metrics file).
 *
 * Semantics (docs/gate.md): for a metric with candidate c and baseline b, the change is Δ = c − b and the
 * *good change* g = Δ if greater is better, −Δ otherwise (positive = improvement).
 * - threshold t: pass iff c ≥ t (greater is better) or c ≤ t.
 * - max_regression T: fail iff g < −T. max_regression_relative r: the same with T = r·|b|.
 * - min_improvement X: fail iff g < X. min_improvement_relative r: X = r·|b|.
 * - b = 0 with a relative rule: any worsening is an infinite relative change (fails a regression rule);
 *   an improvement rule then needs g > 0 (any improvement is infinitely large).
 * - significant: a comparison fails only when the whole confidence interval of g is on the failing side
 *   (its upper end < −T, or < X); without an interval (baseline from a metrics file) the point values
 *   are compared and the reason says so.
 * - Comparisons allow 1e-12·max(1, |c|, |b|) for floating-point rounding (a drop of exactly T passes).
 * - An undefined candidate value (null: e.g. AUC with one class) fails its rules; a missing or undefined
 *   baseline value skips the comparisons (reported as `skipped`), thresholds still apply.
 * Status: fail if a `severity: fail` condition fails, else warn if a `severity: warn` one does, else pass.
 */
import {
  jsonNumber,
  type CheckOutcome,
  type Finding,
  type MetricValue,
  type Status,
} from '../../core/result.js';
import type { DelongResult } from '../../stats/metrics/delong.js';
import { COUNT_METRICS } from '../../stats/metrics/known-metrics.js';
import type { MetricRecord } from '../../stats/metrics/metric-sets.js';
import { conditionText, percent, type ConditionKind, type GateRule, type GateRules } from './rules.js';

/** A confidence interval of candidate − baseline for one metric. */
export interface ChangeInterval {
  low: number | null;
  high: number | null;
  confidence: number;
  method: 'bootstrap-percentile' | 'delong';
}

export interface GateInput {
  /** Candidate metric values by name (null = undefined on these data). */
  candidate: MetricRecord;
  /** Baseline metric values; absent/null when there is no baseline (comparison rules are skipped). */
  baseline?: MetricRecord | null;
  /** How the baseline was obtained, for the summary and details. */
  baselineSource?: { kind: 'paired-predictions' | 'metrics-file'; file?: string };
  /** Paired confidence intervals of candidate − baseline by metric (paired predictions only). */
  intervals?: Record<string, ChangeInterval>;
  /** DeLong's test for roc_auc on paired predictions (reported in details). */
  delong?: DelongResult | null;
  /** Bootstrap settings used for `intervals` (reported in details). */
  bootstrap?: { resamples: number; confidence: number; seed: number };
}

export type RuleOutcome = 'pass' | 'fail' | 'warn' | 'skipped';

/** One condition of one rule, as reported in `details.rules`. */
export interface RuleReport {
  metric: string;
  /** The condition in words: "roc_auc may drop by at most 0.01 from the baseline". */
  rule: string;
  kind: ConditionKind;
  outcome: RuleOutcome;
  /** Why, in words, with the numbers. */
  reason: string;
  severity: 'fail' | 'warn';
  significant: boolean;
  keyPath: string;
  file?: string;
  line?: number;
}

/**
 * Evaluate rules on candidate (and baseline) metrics. Pure; never throws for data reasons.
 * Complexity: O(rules + metrics).
 * @example gate({ candidate: { roc_auc: 0.79 }, baseline: { roc_auc: 0.81 } }, parseRules({ roc_auc: { max_regression: 0.01 } }, where))
 */
export function gate(input: GateInput, rules: GateRules): CheckOutcome {
  const reports: RuleReport[] = [];
  for (const rule of rules) reports.push(...evaluateRule(input, rule));
  const findings = reports.flatMap(findingFor);
  const failed = reports.filter((r) => r.outcome === 'fail');
  const warned = reports.filter((r) => r.outcome === 'warn');
  const skipped = reports.filter((r) => r.outcome === 'skipped');
  const status: Status = failed.length > 0 ? 'fail' : warned.length > 0 ? 'warn' : 'pass';
  const details: Record<string, unknown> = {
    rules: reports,
    baseline: input.baseline ? (input.baselineSource ?? { kind: 'metrics-file' }) : null,
  };
  if (input.delong) details.delong = input.delong;
  if (input.bootstrap)
    details.bootstrap = { ...input.bootstrap, method: 'percentile, paired, rows resampled with replacement' };
  return {
    status,
    title: 'Metric gate',
    summary: summarize(reports, failed, warned, skipped),
    metrics: metricTable(input, rules),
    findings,
    details,
  };
}

function summarize(
  all: RuleReport[],
  failed: RuleReport[],
  warned: RuleReport[],
  skipped: RuleReport[],
): string {
  if (all.length === 0) return 'No gate rules: nothing to check';
  const brief = (list: RuleReport[]) =>
    list
      .slice(0, 3)
      .map((r) => `${r.metric} ${r.reason}`)
      .join('; ') + (list.length > 3 ? '; …' : '');
  const skippedText = skipped.length > 0 ? `; ${skipped.length} skipped (${skipped[0].reason})` : '';
  const n = all.length;
  const conditions = (k: number) => `${k} of ${n} condition${n === 1 ? '' : 's'}`;
  if (failed.length > 0) {
    return `Gate failed: ${conditions(failed.length)} failed: ${brief(failed)}${warned.length ? `; ${warned.length} warning${warned.length === 1 ? '' : 's'}` : ''}${skippedText}`;
  }
  if (warned.length > 0)
    return `Gate passed with ${warned.length} warning${warned.length === 1 ? '' : 's'}: ${brief(warned)}${skippedText}`;
  const passed = n - skipped.length;
  if (passed === 0)
    return `Gate passed: no condition could be checked; ${skipped.length} skipped (${skipped[0].reason})`;
  return `Gate passed: ${conditions(passed)} passed${skippedText}`;
}

function findingFor(r: RuleReport): Finding[] {
  if (r.outcome === 'pass') return [];
  const id =
    r.outcome === 'skipped'
      ? 'gate/rule-skipped'
      : r.kind === 'threshold'
        ? 'gate/below-threshold'
        : r.kind.startsWith('max_regression')
          ? 'gate/metric-regressed'
          : 'gate/insufficient-improvement';
  const severity = r.outcome === 'fail' ? 'error' : r.outcome === 'warn' ? 'warning' : 'notice';
  const where = { ...(r.file ? { file: r.file } : {}), ...(r.line ? { line: r.line } : {}) };
  return [
    { id, severity, message: `${r.metric}: ${r.reason} (rule: ${r.rule})`, subject: r.metric, ...where },
  ];
}

/** `metrics.<name> = {baseline, candidate, delta, delta_relative, ci_low, ci_high}` for every metric of interest. */
function metricTable(input: GateInput, rules: GateRules): Record<string, MetricValue> {
  const names = new Set<string>();
  for (const [k, v] of Object.entries(input.candidate))
    if (!COUNT_METRICS.has(k) && (typeof v === 'number' || v === null)) names.add(k);
  for (const r of rules) names.add(r.metric);
  const out: Record<string, MetricValue> = {};
  for (const name of names) {
    const c = value(input.candidate[name]);
    const b = input.baseline ? value(input.baseline[name]) : null;
    const delta = c !== null && b !== null ? c - b : null;
    const ci = input.intervals?.[name];
    out[name] = {
      baseline: jsonNumber(b),
      candidate: jsonNumber(c),
      delta: jsonNumber(delta),
      delta_relative: jsonNumber(delta === null || b === null ? null : relative(delta, b)),
      ci_low: jsonNumber(ci?.low ?? null),
      ci_high: jsonNumber(ci?.high ?? null),
    };
  }
  return out;
}

/** Δ/|b|; b = 0: 0 when Δ = 0, else ±∞. */
function relative(delta: number, b: number): number {
  if (b === 0) return delta === 0 ? 0 : delta > 0 ? Infinity : -Infinity;
  return delta / Math.abs(b);
}

function value(v: number | null | undefined): number | null {
  return v === undefined || v === null || Number.isNaN(v) ? null : v;
}

/** Shortest readable form: 4 significant digits. */
function fmt(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  return String(Number(x.toPrecision(4)));
}

function evaluateRule(input: GateInput, rule: GateRule): RuleReport[] {
  const reports: RuleReport[] = [];
  const m = rule.metric;
  const has = Object.prototype.hasOwnProperty.call(input.candidate, m);
  const c = value(input.candidate[m]);
  const failOutcome: RuleOutcome = rule.severity === 'fail' ? 'fail' : 'warn';
  const better = rule.greater_is_better;
  const worse = better ? 'dropped' : 'rose';
  const improvedWord = better ? 'rose' : 'dropped';
  const base = {
    metric: m,
    severity: rule.severity,
    significant: rule.significant,
    keyPath: rule.keyPath,
    ...(rule.file ? { file: rule.file } : {}),
    ...(rule.line ? { line: rule.line } : {}),
  };
  const undefinedReason = has
    ? `candidate ${m} is undefined on these data (e.g. only one class)`
    : `candidate has no ${m} (not computed for this task?)`;

  if (rule.threshold !== undefined) {
    const t = rule.threshold;
    const text = conditionText(rule, 'threshold');
    if (c === null) {
      reports.push({ ...base, rule: text, kind: 'threshold', outcome: failOutcome, reason: undefinedReason });
    } else {
      const slack = 1e-12 * Math.max(1, Math.abs(c), Math.abs(t));
      const ok = better ? c >= t - slack : c <= t + slack;
      const reason = ok
        ? `${fmt(c)} ${better ? '≥' : '≤'} ${t}`
        : `${fmt(c)} is ${better ? 'below' : 'above'} the threshold ${t}`;
      reports.push({ ...base, rule: text, kind: 'threshold', outcome: ok ? 'pass' : failOutcome, reason });
    }
  }

  const comparisons: {
    kind: Exclude<ConditionKind, 'threshold'>;
    limit: number;
    regression: boolean;
    relative: boolean;
  }[] = [];
  if (rule.max_regression !== undefined)
    comparisons.push({
      kind: 'max_regression',
      limit: rule.max_regression,
      regression: true,
      relative: false,
    });
  if (rule.max_regression_relative !== undefined) {
    comparisons.push({
      kind: 'max_regression_relative',
      limit: rule.max_regression_relative,
      regression: true,
      relative: true,
    });
  }
  if (rule.min_improvement !== undefined)
    comparisons.push({
      kind: 'min_improvement',
      limit: rule.min_improvement,
      regression: false,
      relative: false,
    });
  if (rule.min_improvement_relative !== undefined) {
    comparisons.push({
      kind: 'min_improvement_relative',
      limit: rule.min_improvement_relative,
      regression: false,
      relative: true,
    });
  }

  for (const cmp of comparisons) {
    const limitText = cmp.relative ? percent(cmp.limit) : String(cmp.limit);
    const text = conditionText(rule, cmp.kind);
    const report = (outcome: RuleOutcome, reason: string) =>
      reports.push({ ...base, rule: text, kind: cmp.kind, outcome, reason });
    if (c === null) {
      report(failOutcome, undefinedReason);
      continue;
    }
    if (!input.baseline) {
      report('skipped', 'no baseline to compare with');
      continue;
    }
    const b = value(input.baseline[m]);
    if (b === null) {
      report(
        'skipped',
        Object.prototype.hasOwnProperty.call(input.baseline, m)
          ? `baseline ${m} is undefined`
          : `baseline has no ${m}`,
      );
      continue;
    }
    const delta = c - b;
    const g = better ? delta : -delta;
    const slack = 1e-12 * Math.max(1, Math.abs(c), Math.abs(b));
    // The bound on g: g must be ≥ bound (regression: −T; improvement: X); `strict` for b = 0 improvements.
    let bound: number;
    let strict = false;
    let zeroNote = '';
    if (cmp.relative && b === 0) {
      bound = 0;
      strict = !cmp.regression;
      zeroNote = cmp.regression
        ? '; the baseline is 0, so any worsening is an infinite relative change'
        : '; the baseline is 0, so any improvement is an infinite relative change';
    } else {
      const abs = cmp.relative ? cmp.limit * Math.abs(b) : cmp.limit;
      bound = cmp.regression ? -abs : abs;
    }
    const violates = (x: number) => (strict ? x <= bound + slack : x < bound - slack);
    const change =
      g >= 0
        ? `${g === 0 ? 'did not change' : `${improvedWord} by ${fmt(Math.abs(delta))}`}`
        : `${worse} by ${fmt(Math.abs(delta))}`;
    const relText =
      b !== 0 && delta !== 0 ? ` (${fmt((Math.abs(delta) / Math.abs(b)) * 100)}% of the baseline)` : '';
    const point = violates(g);
    const limitWords = cmp.regression
      ? `more than the tolerated ${cmp.relative && b !== 0 ? `${fmt(-bound)} (${limitText} of ${fmt(Math.abs(b))})` : fmt(-bound)}`
      : `less than the required improvement ${cmp.relative && b !== 0 ? `${fmt(bound)} (${limitText} of ${fmt(Math.abs(b))})` : fmt(bound)}`;
    const okWords = cmp.regression ? 'within the tolerance' : 'enough';
    if (!rule.significant) {
      report(
        point ? failOutcome : 'pass',
        `${change}${relText}${point ? `, ${limitWords}` : `, ${okWords}`}${zeroNote}`,
      );
      continue;
    }
    const ci = input.intervals?.[m];
    if (!ci || ci.low === null || ci.high === null) {
      const why = input.intervals
        ? 'no confidence interval for this metric'
        : 'no confidence interval (the baseline is a metrics file)';
      report(
        point ? failOutcome : 'pass',
        `${change}${relText}${point ? `, ${limitWords}` : `, ${okWords}`}; ${why}, so the point values were compared${zeroNote}`,
      );
      continue;
    }
    // CI of g: flip for lower-is-better metrics.
    const gHigh = better ? ci.high : -ci.low;
    const ciText = `${Math.round(ci.confidence * 100)}% CI of the change [${fmt(ci.low)}, ${fmt(ci.high)}] (${ci.method})`;
    const significantFail = violates(gHigh);
    if (significantFail) {
      report(failOutcome, `${change}${relText}, ${limitWords}, significantly: ${ciText}${zeroNote}`);
    } else if (point) {
      report('pass', `${change}${relText}, ${limitWords}, but not significantly: ${ciText}${zeroNote}`);
    } else {
      report('pass', `${change}${relText}, ${okWords}; ${ciText}${zeroNote}`);
    }
  }
  return reports;
}
