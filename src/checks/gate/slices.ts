/**
 * The gate per slice (`--slice-by`): baseline and candidate metrics of every value of a column, and the
 * gate's own rules applied to each slice, so a model that wins overall but loses on one segment is seen.
 *
 * Semantics (docs/gate.md, "Slices"): a slice is checked against the rules' `threshold` and
 * `max_regression` / `max_regression_relative` conditions, with the same tolerances and comparison as the
 * overall gate, on point values (no per-slice interval: slices are small, and a bootstrap per slice would
 * multiply the cost). `min_improvement` conditions are left out: a slice that merely did not improve has
 * not regressed. A slice that breaks a condition is *flagged* (a warning finding `gate/slice-regressed`,
 * status at least `warn`); slices never fail the gate, as many small comparisons would fail it on noise.
 * Slices with too few rows or a single class (see src/stats/metrics/slices.ts) are shown but not checked.
 */
import type { Finding } from '../../core/result.js';
import type { MetricRecord } from '../../stats/metrics/metric-sets.js';
import type { SliceFlag, SliceResult } from '../../stats/metrics/slices.js';
import { gate, type RuleReport } from './gate.js';
import type { GateRules } from './rules.js';

/** One slice as the result file records it (`details.slices[]`). */
export interface SliceReport {
  /** The slice's value of the `--slice-by` column; null for rows where it is empty. */
  slice: string | null;
  rows: number;
  /** Candidate metrics on the slice's rows. */
  metrics: MetricRecord;
  /** Baseline metrics on the same rows; null when the baseline is a metrics file (no rows to slice). */
  baseline_metrics: MetricRecord | null;
  /** Why the slice is shown but not checked (too few rows, a single class). */
  flag?: SliceFlag;
  reason?: string;
  /** The rule conditions evaluated on this slice; empty when flagged. */
  conditions: Pick<RuleReport, 'metric' | 'rule' | 'kind' | 'outcome' | 'reason'>[];
  /** True when a condition failed (or warned) on this slice. */
  regressed: boolean;
}

/** The rules as they apply to one slice: thresholds and regression limits, no improvement demands. */
export function sliceRules(rules: GateRules): GateRules {
  return rules
    .map((r) => ({ ...r, min_improvement: undefined, min_improvement_relative: undefined }))
    .filter(
      (r) =>
        r.threshold !== undefined ||
        r.max_regression !== undefined ||
        r.max_regression_relative !== undefined,
    );
}

/**
 * Pair the candidate's and the baseline's slices (computed on the same rows and slice codes, so in the
 * same order) and check each against the rules. Pure. O(slices · rules).
 */
export function compareSlices(
  candidate: readonly SliceResult<MetricRecord>[],
  baseline: readonly SliceResult<MetricRecord>[] | null,
  rules: GateRules,
): SliceReport[] {
  const checked = sliceRules(rules);
  return candidate.map((c, i) => {
    const b = baseline?.[i];
    if (b && b.slice !== c.slice) throw new Error(`slices out of order: ${b.slice} vs ${c.slice}`);
    const report: SliceReport = {
      slice: c.slice,
      rows: c.rows,
      metrics: c.metrics,
      baseline_metrics: b ? b.metrics : null,
      ...(c.flag ? { flag: c.flag, reason: c.reason } : {}),
      conditions: [],
      regressed: false,
    };
    if (c.flag || checked.length === 0) return report;
    const outcome = gate({ candidate: c.metrics, baseline: report.baseline_metrics }, checked);
    report.conditions = (outcome.details?.rules as RuleReport[]).map((r) => ({
      metric: r.metric,
      rule: r.rule,
      kind: r.kind,
      outcome: r.outcome,
      reason: r.reason,
    }));
    report.regressed = report.conditions.some((r) => r.outcome === 'fail' || r.outcome === 'warn');
    return report;
  });
}

/** `plan=basic`, `plan=(empty)`: a slice's name for messages. */
export function sliceLabel(column: string, slice: string | null): string {
  return `${column}=${slice === null ? '(empty)' : slice}`;
}

/** A warning finding per regressed slice. */
export function sliceFindings(column: string, slices: readonly SliceReport[]): Finding[] {
  return slices
    .filter((s) => s.regressed)
    .map((s) => {
      const broken = s.conditions.filter((r) => r.outcome === 'fail' || r.outcome === 'warn');
      return {
        id: 'gate/slice-regressed',
        severity: 'warning' as const,
        subject: sliceLabel(column, s.slice),
        message: `slice ${sliceLabel(column, s.slice)} (${s.rows} rows): ${broken.map((r) => `${r.metric} ${r.reason} (rule: ${r.rule})`).join('; ')}`,
      };
    });
}
