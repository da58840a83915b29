/**
 * One expectation's outcome, shaped like Great Expectations' validation result (flattened: GX nests the
 * counts under `result`). Shared by row-level evaluation and profile-level evaluation.
 */
import { isoFormat, type IsoDatetime } from '../../data/iso-datetime.js';
import type { ExceptionInfo, PreparedExpectation, Severity } from './expectation-catalog.js';
import { conditionColumns } from './row-condition.js';

/** At most this many unexpected values (and their rows) are listed, as GX's SUMMARY result format. */
export const PARTIAL_UNEXPECTED_LIMIT = 20;

/** A cell value, or a `[A, B]` pair / `{column: value}` record for expectations on several columns. */
export type ResultValue =
  string | number | boolean | null | ResultValue[] | { [column: string]: ResultValue };

export interface ExpectationResult {
  expectation_type: string;
  kwargs: Record<string, unknown>;
  /** null when skipped. */
  success: boolean | null;
  severity: Severity;
  /** 1-based line of the expectation in the suite. */
  line: number;
  skipped?: boolean;
  /** Why it was skipped, or what went wrong (e.g. a regex on a numeric column). */
  reason?: string;
  /** The value was estimated from a sketch (merged profiles); `error_bound` says how far off it may be. */
  approximate?: boolean;
  error_bound?: string;
  observed_value?: unknown;
  element_count?: number;
  missing_count?: number;
  missing_percent?: number | null;
  unexpected_count?: number;
  /** Percent of the non-null values (GX: unexpected_percent = unexpected_percent_nonmissing). */
  unexpected_percent?: number | null;
  unexpected_percent_total?: number | null;
  /**
   * Row-level results: the unexpected values and their 0-based row indices (GX's pandas index), every one
   * with result_format COMPLETE, else the first partial_unexpected_count (validation-result.ts shapes them).
   */
  unexpected_list?: ResultValue[];
  unexpected_index_list?: number[];
  /** Profile-level results: unexpected distinct values with their counts (no row numbers in a profile). */
  partial_unexpected_counts?: { value: ResultValue; count: number }[];
  details?: Record<string, unknown>;
  /** GX's exception_info: set (raised_exception true) when the expectation could not be evaluated. */
  exception_info?: ExceptionInfo;
}

/** A failed result for an expectation that raised (bad kwargs, missing column…), as GX with catch_exceptions. */
export function exceptionResult(e: PreparedExpectation, message: string): ExpectationResult {
  return {
    ...baseResult(e),
    success: false,
    exception_info: { raised_exception: true, exception_message: message, exception_traceback: null },
  };
}

/** Every column an expectation reads (column, column_A/B, column_list). */
export function expectationColumns(e: PreparedExpectation): string[] {
  if (e.type === 'expect_column_to_exist') return [];
  const out: string[] = [];
  if (e.column !== undefined) out.push(e.column);
  if (e.columnA !== undefined) out.push(e.columnA);
  if (e.columnB !== undefined) out.push(e.columnB);
  if (e.columnList) out.push(...e.columnList);
  if (e.condition) for (const c of conditionColumns(e.condition)) if (!out.includes(c)) out.push(c);
  return out;
}

export function baseResult(e: PreparedExpectation): ExpectationResult {
  return { expectation_type: e.type, kwargs: e.kwargs, success: null, severity: e.severity, line: e.line };
}

export function skipped(e: PreparedExpectation, reason: string): ExpectationResult {
  return { ...baseResult(e), skipped: true, reason };
}

/** GX's `mostly` rule: vacuously true with nothing to check, else (considered − unexpected)/considered ≥ mostly. */
export function mostlySuccess(considered: number, unexpected: number, mostly: number): boolean {
  if (considered === 0) return true;
  return (considered - unexpected) / considered >= mostly;
}

export const percent = (part: number, whole: number): number | null =>
  whole === 0 ? null : (100 * part) / whole;

/** min/max bounds with GX's strict_min/strict_max; a null bound is open. */
export function inBounds(
  x: number,
  e: Pick<PreparedExpectation, 'minValue' | 'maxValue' | 'strictMin' | 'strictMax'>,
): boolean {
  if (e.minValue !== null && (e.strictMin ? !(x > e.minValue) : !(x >= e.minValue))) return false;
  if (e.maxValue !== null && (e.strictMax ? !(x < e.maxValue) : !(x <= e.maxValue))) return false;
  return true;
}

/** Aggregate "metric between" result; GX: a null metric (e.g. the mean of no values) fails. */
export function betweenResult(
  e: PreparedExpectation,
  observed: number | null,
  extra: Partial<ExpectationResult> = {},
): ExpectationResult {
  const ok = observed !== null && !Number.isNaN(observed) && inBounds(observed, e);
  return {
    ...baseResult(e),
    success: ok,
    observed_value: observed !== null && Number.isNaN(observed) ? null : observed,
    ...extra,
  };
}

/** Describe the bounds of a between expectation for messages, e.g. `[0, 120]` or `> 0`. */
export function describeBounds(e: PreparedExpectation): string {
  const date = (d: IsoDatetime | undefined) => (d ? isoFormat(d.ns, d.offset) : null);
  const lo = e.minValue ?? date(e.minDatetime);
  const hi = e.maxValue ?? date(e.maxDatetime);
  if (lo !== null && hi !== null) return `${e.strictMin ? '(' : '['}${lo}, ${hi}${e.strictMax ? ')' : ']'}`;
  if (lo !== null) return `${e.strictMin ? '>' : '≥'} ${lo}`;
  return `${e.strictMax ? '<' : '≤'} ${hi}`;
}
