/**
 * The shape of one expectation's result in `details.results`, grouped as Great Expectations'
 * ExpectationValidationResult so GX tooling reads it: `success`, `expectation_config` (type, kwargs,
 * meta), `result` (the fields the expectation's `result_format` asks for), `exception_info`. model-ci adds
 * `severity`, `line` (the suite line), `skipped`/`reason`, `approximate`/`error_bound` (merged
 * profiles), and 1-based row numbers beside GX's 0-based indices (`partial_unexpected_row_numbers`,
 * `unexpected_row_numbers`: data rows counted from 1, the header is not a row).
 *
 * result_format, as GX's pandas engine:
 *   BOOLEAN_ONLY  no `result` fields;
 *   BASIC         counts and percents, `observed_value`, `partial_unexpected_list`;
 *   SUMMARY       (default) + `partial_unexpected_index_list`, `partial_unexpected_counts`, `details`;
 *   COMPLETE      + every unexpected value and index: `unexpected_list`, `unexpected_index_list`.
 */
import type { ExceptionInfo, PreparedExpectation, Severity } from './expectation-catalog.js';
import type { ExpectationResult, ResultValue } from './expectation-result.js';

export interface ValidationResult {
  success: boolean | null;
  expectation_config: {
    type: string;
    /** GX 0.x name of `type`. */
    expectation_type: string;
    kwargs: Record<string, unknown>;
    meta: Record<string, unknown>;
  };
  result: Record<string, unknown>;
  exception_info: ExceptionInfo;
  severity: Severity;
  /** 1-based line of the expectation in the suite. */
  line: number;
  skipped?: boolean;
  reason?: string;
  approximate?: boolean;
  error_bound?: string;
}

const NO_EXCEPTION: ExceptionInfo = {
  raised_exception: false,
  exception_message: null,
  exception_traceback: null,
};

/** GX's partial_unexpected_counts: value counts of the listed unexpected values, most common first. */
function valueCounts(values: readonly ResultValue[], limit: number): { value: ResultValue; count: number }[] {
  const counts = new Map<string, { value: ResultValue; count: number }>();
  for (const v of values) {
    const key = typeof v === 'string' ? `s${v}` : `v${JSON.stringify(v)}`;
    const entry = counts.get(key);
    if (entry) entry.count++;
    else counts.set(key, { value: v, count: 1 });
  }
  return [...counts.values()].sort((a, b) => b.count - a.count).slice(0, limit);
}

export function toValidationResult(e: PreparedExpectation, r: ExpectationResult): ValidationResult {
  const { kind, partialUnexpectedCount: partial } = e.resultFormat;
  const result: Record<string, unknown> = {};
  if (kind !== 'BOOLEAN_ONLY' && !r.exception_info) {
    if (r.observed_value !== undefined) result.observed_value = r.observed_value;
    if (r.unexpected_count !== undefined) {
      result.element_count = r.element_count;
      result.missing_count = r.missing_count;
      result.missing_percent = r.missing_percent;
      result.unexpected_count = r.unexpected_count;
      result.unexpected_percent = r.unexpected_percent;
      result.unexpected_percent_total = r.unexpected_percent_total;
      result.unexpected_percent_nonmissing = r.unexpected_percent;
    }
    const values = r.unexpected_list;
    const indices = r.unexpected_index_list;
    if (values && indices) {
      result.partial_unexpected_list = values.slice(0, partial);
      if (kind !== 'BASIC') {
        result.partial_unexpected_index_list = indices.slice(0, partial);
        result.partial_unexpected_row_numbers = indices.slice(0, partial).map((i) => i + 1);
        result.partial_unexpected_counts = valueCounts(values.slice(0, partial), partial);
      }
      if (kind === 'COMPLETE') {
        result.unexpected_list = values;
        result.unexpected_index_list = indices;
        result.unexpected_row_numbers = indices.map((i) => i + 1);
      }
    } else if (r.partial_unexpected_counts && kind !== 'BASIC') {
      // Profiles know unexpected values with their counts, never their rows.
      result.partial_unexpected_counts = r.partial_unexpected_counts.slice(0, partial);
    }
    if (r.details && kind !== 'BASIC') result.details = r.details;
  } else if (r.details?.supported_expectation_types) {
    result.details = r.details;
  }
  const out: ValidationResult = {
    success: r.success,
    expectation_config: {
      type: r.expectation_type,
      expectation_type: r.expectation_type,
      kwargs: r.kwargs,
      meta: e.meta,
    },
    result,
    exception_info: r.exception_info ?? NO_EXCEPTION,
    severity: r.severity,
    line: r.line,
  };
  if (r.skipped) out.skipped = true;
  if (r.reason !== undefined) out.reason = r.reason;
  if (r.approximate) out.approximate = true;
  if (r.error_bound !== undefined) out.error_bound = r.error_bound;
  return out;
}
