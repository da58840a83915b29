/**
 * Expectations that compare datetime values (docs/data.md, "Dates and times"): values between, min/max
 * between and increasing/decreasing on a datetime column, with GX's pandas semantics — bounds are ISO 8601
 * strings parsed into datetimes (as GX 1.x's pydantic fields and 0.x's `parse_strings_as_datetimes` do),
 * comparisons are on the instant to the nanosecond, and a zoned column cannot be compared with a naive
 * bound (or the other way round), which pandas refuses with a TypeError: the expectation raises.
 * Unexpected and observed values are written as GX writes a pandas Timestamp into JSON (`isoformat()`).
 */
import type { CategoricalColumn, Column } from '../../data/table.js';
import { datetimeInfo, type DatetimeColumnInfo } from '../../data/datetime-column.js';
import { isoFormat, parseIsoDatetime } from '../../data/iso-datetime.js';
import { summarizeCategorical } from './column-summary.js';
import { columnDtype } from './column-dtype.js';
import type { PreparedExpectation } from './expectation-catalog.js';
import { baseResult, skipped, type ExpectationResult } from './expectation-result.js';
import type { ColumnState } from '../../data/profile-state-format.js';
import { Unexpected, codeMap, mapResult } from './row-map.js';
import { visible } from '../../core/visible.js';

const DATED = new Set<string>([
  'expect_column_values_to_be_between',
  'expect_column_min_to_be_between',
  'expect_column_max_to_be_between',
  'expect_column_values_to_be_increasing',
  'expect_column_values_to_be_decreasing',
]);

function hasDateBounds(e: PreparedExpectation): boolean {
  return e.minDatetime !== undefined || e.maxDatetime !== undefined;
}

/**
 * The result of `e` when it compares datetimes: on a datetime column, or with date bounds (which any other
 * column refuses, as pandas refuses to compare a number or a string with a datetime). Undefined when the
 * expectation is not about datetimes, so the numeric/text evaluators take it.
 */
export function evaluateDatetime(e: PreparedExpectation, column: Column): ExpectationResult | undefined {
  if (!DATED.has(e.type)) return undefined;
  const info = datetimeInfo(column);
  const parseFlag = e.args.parse_strings_as_datetimes === true;
  if (!info) {
    if (hasDateBounds(e) || parseFlag) throw new RangeError(notDatetime(e, column));
    return undefined;
  }
  const col = column as CategoricalColumn;
  if (
    e.type === 'expect_column_values_to_be_increasing' ||
    e.type === 'expect_column_values_to_be_decreasing'
  )
    return monotonic(e, col, info);
  if (e.minValue !== null || e.maxValue !== null)
    throw new RangeError(
      `column "${visible(column.name)}" is ${info.dtype}: compare it with dates (e.g. min_value: "2024-01-01"), not numbers`,
    );
  checkZones(e, column, info);
  if (e.type === 'expect_column_values_to_be_between') return valuesBetween(e, col, info);
  return minMaxBetween(e, col, info);
}

function notDatetime(e: PreparedExpectation, column: Column): string {
  const dtype = columnDtype(column);
  if (column.type === 'numeric')
    return `column "${visible(column.name)}" is ${dtype}, not a datetime column; its bounds must be numbers`;
  const counts = summarizeCategorical(column).counts;
  const bad = column.dictionary.find((s, c) => counts[c] > 0 && parseIsoDatetime(s) === undefined);
  const why =
    bad !== undefined
      ? `"${visible(bad.length > 40 ? `${bad.slice(0, 40)}…` : bad)}" is not an ISO 8601 date/time`
      : 'its values mix UTC offsets (or zoned and naive times)';
  return `column "${visible(column.name)}" is ${dtype}, not a datetime column (${why}), so ${e.type} cannot compare it with dates`;
}

/** pandas: "Cannot compare tz-naive and tz-aware datetime-like objects". */
function checkZones(
  e: PreparedExpectation,
  column: { name: string },
  info: { offset: number | null; dtype: string },
): void {
  for (const [key, bound] of [
    ['min_value', e.minDatetime],
    ['max_value', e.maxDatetime],
  ] as const) {
    if (!bound || (bound.offset === null) === (info.offset === null)) continue;
    throw new RangeError(
      info.offset === null
        ? `cannot compare the naive (zone-less) column "${visible(column.name)}" with ${key} ${JSON.stringify(e.kwargs[key])}, which has a UTC offset`
        : `cannot compare column "${visible(column.name)}" (${info.dtype}) with ${key} ${JSON.stringify(e.kwargs[key])}, which has no UTC offset`,
    );
  }
}

function inDateBounds(ns: bigint, e: PreparedExpectation): boolean {
  const lo = e.minDatetime;
  const hi = e.maxDatetime;
  if (lo && (e.strictMin ? !(ns > lo.ns) : !(ns >= lo.ns))) return false;
  if (hi && (e.strictMax ? !(ns < hi.ns) : !(ns <= hi.ns))) return false;
  return true;
}

function iso(info: DatetimeColumnInfo, code: number): string {
  return isoFormat(info.ns[code], info.offset);
}

function valuesBetween(
  e: PreparedExpectation,
  column: CategoricalColumn,
  info: DatetimeColumnInfo,
): ExpectationResult {
  const bad = new Uint8Array(column.dictionary.length);
  for (let c = 0; c < bad.length; c++) if (!inDateBounds(info.ns[c], e)) bad[c] = 1;
  return codeMap(e, column, bad, (c) => iso(info, c));
}

function minMaxBetween(
  e: PreparedExpectation,
  column: CategoricalColumn,
  info: DatetimeColumnInfo,
): ExpectationResult {
  const counts = summarizeCategorical(column).counts;
  const wantMin = e.type === 'expect_column_min_to_be_between';
  let best = -1;
  for (let c = 0; c < counts.length; c++) {
    if (counts[c] === 0) continue;
    if (best < 0 || (wantMin ? info.ns[c] < info.ns[best] : info.ns[c] > info.ns[best])) best = c;
  }
  // GX: a null metric (no values) fails.
  return {
    ...baseResult(e),
    success: best >= 0 && inDateBounds(info.ns[best], e),
    observed_value: best < 0 ? null : iso(info, best),
  };
}

/**
 * GX's pandas engine: the difference to the previous non-null value must be ≥ 0 (> 0 strictly; ≤ / <
 * for decreasing); the first value passes.
 */
function monotonic(
  e: PreparedExpectation,
  column: CategoricalColumn,
  info: DatetimeColumnInfo,
): ExpectationResult {
  const up = e.type === 'expect_column_values_to_be_increasing';
  const strictly = e.args.strictly === true;
  const u = new Unexpected(e);
  const codes = column.codes;
  let nulls = 0;
  let prev: bigint | undefined;
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i];
    if (c < 0) {
      nulls++;
      continue;
    }
    const ns = info.ns[c];
    if (prev !== undefined) {
      const d = up ? ns - prev : prev - ns;
      if (strictly ? d <= 0n : d < 0n) u.add(i, iso(info, c));
    }
    prev = ns;
  }
  return mapResult(e, codes.length, nulls, u, codes.length - nulls);
}

/**
 * The same expectations on a (merged) profile, whose datetime columns keep their dtype and earliest and
 * latest value: min/max are exact; values_between is exact when every value is inside the bounds (or with
 * `mostly` = 1); increasing/decreasing need the rows' order (skipped).
 */
export function evaluateDatetimeOnProfile(
  e: PreparedExpectation,
  c: ColumnState,
  rows: number,
): ExpectationResult | undefined {
  if (!DATED.has(e.type)) return undefined;
  const range = c.type === 'categorical' ? c.datetime : undefined;
  if (!range) {
    if (hasDateBounds(e) || e.args.parse_strings_as_datetimes === true)
      throw new RangeError(
        `column "${visible(e.column!)}" is not a datetime column in the profile, so ${e.type} cannot compare it with dates`,
      );
    return undefined;
  }
  if (
    e.type === 'expect_column_values_to_be_increasing' ||
    e.type === 'expect_column_values_to_be_decreasing'
  )
    return skipped(e, 'needs row-level data (the order of the rows)');
  if (e.minValue !== null || e.maxValue !== null)
    throw new RangeError(
      `column "${visible(e.column!)}" is ${range.dtype}: compare it with dates (e.g. min_value: "2024-01-01"), not numbers`,
    );
  const offset = range.dtype === 'datetime64[ns]' ? null : 0;
  checkZones(e, { name: e.column! }, { offset, dtype: range.dtype });
  const ns = (text: string) => parseIsoDatetime(text)!.ns;
  if (e.type === 'expect_column_min_to_be_between' || e.type === 'expect_column_max_to_be_between') {
    const observed = e.type === 'expect_column_min_to_be_between' ? range.min : range.max;
    return { ...baseResult(e), success: inDateBounds(ns(observed), e), observed_value: observed };
  }
  const considered = rows - c.nulls;
  const base = { ...baseResult(e), element_count: rows, missing_count: c.nulls };
  if (inDateBounds(ns(range.min), e) && inDateBounds(ns(range.max), e))
    return { ...base, success: true, unexpected_count: 0, unexpected_percent: considered ? 0 : null };
  if (e.mostly >= 1)
    return {
      ...base,
      success: false,
      reason: `the observed range [${range.min}, ${range.max}] is outside the bounds`,
    };
  return {
    ...skipped(e, 'needs row-level data (mostly < 1 with values outside the bounds needs exact counts)'),
  };
}

/**
 * For in_set/not_in_set on a datetime column: whether the value of dictionary `code` is the same instant
 * as an ISO 8601 string of the set (`"2024-01-01"` matches a cell `2024-01-01T00:00:00`), as pandas'
 * `isin` converts such strings; zoned and naive never match each other. Always false on other columns.
 */
export function datetimeSetMatcher(column: Column, set: readonly unknown[]): (code: number) => boolean {
  const info = datetimeInfo(column);
  if (!info) return () => false;
  const instants = new Set<bigint>();
  for (const v of set) {
    const d = typeof v === 'string' ? parseIsoDatetime(v) : undefined;
    if (d && (d.offset === null) === (info.offset === null)) instants.add(d.ns);
  }
  return instants.size === 0 ? () => false : (code) => instants.has(info.ns[code]);
}

/**
 * expect_column_pair_values_to_be_equal / _a_to_be_greater_than_b on two datetime columns of the same kind
 * (both naive or both zoned): instants compared to the nanosecond, as pandas compares Timestamps.
 * Unexpected pairs are listed as isoformat text. Undefined otherwise: a datetime column beside a text
 * column (a stray non-date value made it text) is compared by text, as GX does on a `read_csv` without
 * `parse_dates` — suites written for that reading keep working.
 */
export function evaluateDatetimePair(
  e: PreparedExpectation,
  a: Column,
  b: Column,
  rows: number,
): ExpectationResult | undefined {
  if (
    e.type !== 'expect_column_pair_values_to_be_equal' &&
    e.type !== 'expect_column_pair_values_a_to_be_greater_than_b'
  )
    return undefined;
  const ia = datetimeInfo(a);
  const ib = datetimeInfo(b);
  if (!ia || !ib || (ia.offset === null) !== (ib.offset === null)) return undefined;
  const greater = e.type === 'expect_column_pair_values_a_to_be_greater_than_b';
  const orEqual = e.args.or_equal === true;
  const ignore = (e.args.ignore_row_if as string | undefined) ?? 'both_values_are_missing';
  const ca = (a as CategoricalColumn).codes;
  const cb = (b as CategoricalColumn).codes;
  const u = new Unexpected(e);
  let ignored = 0;
  for (let row = 0; row < rows; row++) {
    const ka = ca[row];
    const kb = cb[row];
    const na = ka < 0;
    const nb = kb < 0;
    if (
      (ignore === 'both_values_are_missing' && na && nb) ||
      (ignore === 'either_value_is_missing' && (na || nb))
    ) {
      ignored++;
      continue;
    }
    let ok = false;
    if (!na && !nb) {
      const x = ia.ns[ka];
      const y = ib.ns[kb];
      ok = greater ? (orEqual ? x >= y : x > y) : x === y;
    }
    if (!ok) u.add(row, [na ? null : iso(ia, ka), nb ? null : iso(ib, kb)]);
  }
  return mapResult(e, rows, ignored, u, rows - ignored);
}
