/**
 * Evaluating expectations on a (merged) profile instead of rows. What a profile can answer:
 *
 * exact, always: row count, column set / existence, not_null and be_null (with mostly, from counts),
 *   of_type, mean, stdev, min, max, values_between when every value is inside the bounds or mostly = 1;
 * exact while the column's value counts are exact (≤ 1000 distinct values): values_between with any
 *   mostly, in_set, not_in_set, unique, match_regex, not_match_regex, distinct_values_in_set /
 *   _contain_set / _equal_set, most_common_value_in_set, unique_value_count, proportion_of_unique_values;
 * exact while the KLL sketch holds every value (≤ 200 values), else approximate (rank error ≤ 1.65%):
 *   median, quantile_values;
 * approximate (HyperLogLog, ±2.4% at 3σ) beyond 1000 distinct values: unique_value_count,
 *   proportion_of_unique_values.
 * Anything else is skipped with the reason "needs row-level data". Profile results carry no row numbers;
 * `partial_unexpected_counts` lists unexpected values with their counts instead.
 */
import { KLL_RANK_ERROR } from '../../stats/sketches/kll.js';
import { FREQUENT_ITEMS_CAPACITY, FrequentItems } from '../../stats/sketches/frequent-items.js';
import { HyperLogLog } from '../../stats/sketches/hyperloglog.js';
import { dtypeOf, gxTypeName, typeMatches, type DatetimeDtype } from './column-dtype.js';
import { evaluateDatetimeOnProfile } from './datetime-expectations.js';
import type { PreparedExpectation } from './expectation-catalog.js';
import {
  PARTIAL_UNEXPECTED_LIMIT,
  baseResult,
  betweenResult,
  inBounds,
  mostlySuccess,
  percent,
  skipped,
  type ExpectationResult,
} from './expectation-result.js';
import {
  columnExists,
  columnsMatchSet,
  distinctInSetResult,
  tableShape,
  quantileResult,
  quantileWith,
  rowCountOtherTable,
} from './evaluate-table.js';
import type { OtherTables } from './other-tables.js';
import {
  numericEstimates,
  stateQuantile,
  stateSyntax,
  type ColumnState,
  type ProfileState,
} from './profile-state.js';
import { pythonFloatStr, pythonIntStr } from './python-str.js';
import { compareCodePoints } from '../../stats/sketches/code-point-order.js';
import { valueSetMatcher } from './value-set.js';
import { distinctSetResult, mostCommonResult } from './evaluate-column-more.js';
import { klFromValueCounts, type Partition } from './kl-divergence.js';

export const NEEDS_ROWS = 'needs row-level data';
const KLL_BOUND = `rank error ≤ ${Number((KLL_RANK_ERROR * 100).toPrecision(3))}% (KLL k=200)`;
const HLL_BOUND = 'relative error ≈ 0.8% (1σ), 2.4% (3σ) (HyperLogLog p=14)';

type Entry = [number | string, number];

/** Exact [value, count] of every non-null value (±∞ included), or undefined once counts are approximate. */
function exactEntries(c: ColumnState): Entry[] | undefined {
  const values = FrequentItems.fromJSON(c.values);
  if (!values.exact) return undefined;
  if (c.type === 'categorical') return values.entries();
  const out: Entry[] = values.entries().map(([k, n]) => [Number(k), n]);
  if (c.neg_inf > 0) out.push([-Infinity, c.neg_inf]);
  if (c.pos_inf > 0) out.push([Infinity, c.pos_inf]);
  return out;
}

/** mean/stdev/median/min/max of a bool column from its (exact: two values) counts, true as 1 as in pandas. */
function boolAggregate(e: PreparedExpectation, c: ColumnState): ExpectationResult | undefined {
  const counts = new Map((exactEntries(c) ?? []).map(([v, n]) => [String(v).toLowerCase(), n]));
  const t = counts.get('true') ?? 0;
  const n = t + (counts.get('false') ?? 0);
  const mean = n === 0 ? null : t / n;
  switch (e.type) {
    case 'expect_column_mean_to_be_between':
      return betweenResult(e, mean);
    case 'expect_column_stdev_to_be_between':
      return betweenResult(e, n < 2 ? null : Math.sqrt((t * (n - t)) / n / (n - 1)));
    case 'expect_column_median_to_be_between': {
      // numpy's linear median of sorted 0s then 1s.
      const at = (i: number) => (i < n - t ? 0 : 1);
      return betweenResult(
        e,
        n === 0 ? null : (at(Math.floor((n - 1) / 2)) + at(Math.ceil((n - 1) / 2))) / 2,
      );
    }
    case 'expect_column_min_to_be_between':
    case 'expect_column_max_to_be_between': {
      const min = e.type === 'expect_column_min_to_be_between';
      const x = n === 0 ? null : min ? (t === n ? 1 : 0) : t > 0 ? 1 : 0;
      const r = betweenResult(e, x);
      return { ...r, observed_value: x === null ? null : x === 1 };
    }
  }
  return undefined;
}

function dtypeOfState(c: ColumnState) {
  if (c.type === 'numeric') {
    return dtypeOf({
      type: 'numeric',
      nulls: c.nulls,
      infinite: c.pos_inf + c.neg_inf,
      count: c.count,
      integral: c.integral,
      min: c.min,
      max: c.max,
      syntax: stateSyntax(c),
    });
  }
  if (c.datetime) return c.datetime.dtype as DatetimeDtype;
  if (c.text_dtype) return c.text_dtype;
  const entries = exactEntries(c);
  return dtypeOf({
    type: 'categorical',
    nulls: c.nulls,
    infinite: 0,
    count: c.count,
    integral: false,
    min: null,
    max: null,
    values: entries?.map((e) => e[0] as string),
  });
}

/** A value expectation answered from exact value counts. */
function countsMap(
  e: PreparedExpectation,
  rows: number,
  c: ColumnState,
  entries: Entry[],
  bad: (v: number | string) => boolean,
): ExpectationResult {
  const considered = rows - c.nulls;
  let unexpected = 0;
  const partial: { value: number | string; count: number }[] = [];
  for (const [v, n] of entries) {
    if (!bad(v)) continue;
    unexpected += n;
    partial.push({ value: v, count: n });
  }
  partial.sort(
    (a, b) =>
      b.count - a.count ||
      (typeof a.value === 'number'
        ? (a.value as number) - (b.value as number)
        : compareCodePoints(String(a.value), String(b.value))),
  );
  return {
    ...baseResult(e),
    success: mostlySuccess(considered, unexpected, e.mostly),
    element_count: rows,
    missing_count: c.nulls,
    missing_percent: percent(c.nulls, rows),
    unexpected_count: unexpected,
    unexpected_percent: percent(unexpected, considered),
    unexpected_percent_total: percent(unexpected, rows),
    partial_unexpected_counts: partial.slice(0, PARTIAL_UNEXPECTED_LIMIT),
  };
}

function numberStr(c: ColumnState): (x: number) => string {
  const dtype = dtypeOfState(c);
  return dtype === 'int64' || dtype === 'uint64' ? pythonIntStr : pythonFloatStr;
}

export function evaluateOnProfile(
  e: PreparedExpectation,
  state: ProfileState,
  otherTables?: OtherTables,
): ExpectationResult {
  if (e.condition) return skipped(e, `${NEEDS_ROWS} (row_condition selects rows)`);
  const header = Object.keys(state.columns);
  switch (e.type) {
    case 'expect_table_row_count_to_equal_other_table':
      return rowCountOtherTable(e, state.rows, otherTables);
    case 'expect_table_row_count_to_be_between':
      return betweenResult(e, state.rows);
    case 'expect_table_columns_to_match_set':
      return columnsMatchSet(e, header);
    case 'expect_column_to_exist':
      return columnExists(e, header);
  }
  const shape = tableShape(e, header, state.rows);
  if (shape) return shape;
  if (e.domain === 'column-pair' || e.domain === 'multicolumn') return skipped(e, NEEDS_ROWS);
  const c = state.columns[e.column!];
  const rows = state.rows;
  const entries = exactEntries(c);
  const tooMany = `${NEEDS_ROWS} (column "${e.column}" has more than ${FREQUENT_ITEMS_CAPACITY} distinct values, so the profile holds approximate counts)`;
  const dated = evaluateDatetimeOnProfile(e, c, rows);
  if (dated) return dated;
  const notNumeric = (): ExpectationResult => ({
    ...baseResult(e),
    success: false,
    reason: `column "${e.column}" is not numeric (it has non-numeric values)`,
  });

  switch (e.type) {
    case 'expect_column_values_to_not_be_null':
    case 'expect_column_values_to_be_null': {
      const unexpected = e.type === 'expect_column_values_to_not_be_null' ? c.nulls : rows - c.nulls;
      return {
        ...baseResult(e),
        success: mostlySuccess(rows, unexpected, e.mostly),
        element_count: rows,
        missing_count: c.nulls,
        missing_percent: percent(c.nulls, rows),
        unexpected_count: unexpected,
        unexpected_percent: percent(unexpected, rows),
        unexpected_percent_total: percent(unexpected, rows),
      };
    }
    case 'expect_column_values_to_be_between': {
      if (c.type !== 'numeric') return notNumeric();
      if (entries) return countsMap(e, rows, c, entries, (v) => !inBounds(v as number, e));
      const allInside =
        (c.count === 0 || (inBounds(c.min!, e) && inBounds(c.max!, e))) &&
        (c.pos_inf === 0 || inBounds(Infinity, e)) &&
        (c.neg_inf === 0 || inBounds(-Infinity, e));
      const considered = rows - c.nulls;
      if (allInside) {
        return {
          ...baseResult(e),
          success: true,
          element_count: rows,
          missing_count: c.nulls,
          unexpected_count: 0,
          unexpected_percent: percent(0, considered),
        };
      }
      if (e.mostly >= 1) {
        return {
          ...baseResult(e),
          success: false,
          element_count: rows,
          missing_count: c.nulls,
          reason: `the observed range [${c.min}, ${c.max}] (or ±∞) is outside the bounds`,
        };
      }
      return skipped(e, `${NEEDS_ROWS} (mostly < 1 with values outside the bounds needs exact counts)`);
    }
    case 'expect_column_values_to_be_in_set':
    case 'expect_column_values_to_not_be_in_set': {
      if (!entries) return skipped(e, tooMany);
      const m = valueSetMatcher(e.valueSet!);
      const want = e.type === 'expect_column_values_to_be_in_set';
      return countsMap(
        e,
        rows,
        c,
        entries,
        (v) => (typeof v === 'number' ? m.numeric(v) : m.text(v)) !== want,
      );
    }
    case 'expect_column_values_to_match_regex':
    case 'expect_column_values_to_not_match_regex': {
      if (!entries) return skipped(e, tooMany);
      const want = e.type === 'expect_column_values_to_match_regex';
      const str = numberStr(c);
      return countsMap(
        e,
        rows,
        c,
        entries,
        (v) => e.regex!.test(typeof v === 'number' ? str(v) : v) !== want,
      );
    }
    case 'expect_column_values_to_be_unique': {
      if (!entries) return skipped(e, tooMany);
      const counts = new Map(entries);
      return countsMap(e, rows, c, entries, (v) => counts.get(v)! > 1);
    }
    case 'expect_column_values_to_be_of_type': {
      const dtype = dtypeOfState(c);
      return {
        ...baseResult(e),
        success: typeMatches(e.typeName!, dtype),
        observed_value: gxTypeName(dtype),
      };
    }
    case 'expect_column_values_to_be_in_type_list': {
      const dtype = dtypeOfState(c);
      const types = e.args.type_list as string[];
      return {
        ...baseResult(e),
        success: types.some((t) => typeMatches(t, dtype)),
        observed_value: gxTypeName(dtype),
      };
    }
    case 'expect_column_distinct_values_to_be_in_set': {
      if (!entries) return skipped(e, tooMany);
      const m = valueSetMatcher(e.valueSet!);
      const distinct = entries.map((x) => x[0]);
      distinct.sort((a, b) =>
        typeof a === 'number' && typeof b === 'number' ? a - b : compareCodePoints(String(a), String(b)),
      );
      return distinctInSetResult(e, distinct, (v) => (typeof v === 'number' ? m.numeric(v) : m.text(v)));
    }
    case 'expect_column_distinct_values_to_contain_set':
    case 'expect_column_distinct_values_to_equal_set': {
      if (!entries) return skipped(e, tooMany);
      const distinct = entries.map((x) => x[0]);
      distinct.sort((a, b) =>
        typeof a === 'number' && typeof b === 'number' ? a - b : compareCodePoints(String(a), String(b)),
      );
      return distinctSetResult(e, distinct);
    }
    case 'expect_column_most_common_value_to_be_in_set':
      if (!entries) return skipped(e, tooMany);
      return mostCommonResult(e, entries);
    case 'expect_column_kl_divergence_to_be_less_than': {
      // A categorical partition needs only the value counts; bins need the values themselves.
      const partition = e.args.partition as Partition;
      if (partition.kind !== 'categorical')
        return skipped(e, `${NEEDS_ROWS} (a continuous partition bins the values)`);
      if (!entries) return skipped(e, tooMany);
      const threshold = (e.args.threshold as number | undefined) ?? null;
      const { divergence, details } = klFromValueCounts(
        entries,
        dtypeOfState(c) === 'bool',
        partition,
        (e.args.tail_weight_holdout as number | undefined) ?? 0,
      );
      return {
        ...baseResult(e),
        success: threshold === null ? true : divergence <= threshold,
        observed_value: Number.isFinite(divergence) ? divergence : null,
        details,
      };
    }
    case 'expect_column_unique_value_count_to_be_between':
    case 'expect_column_proportion_of_unique_values_to_be_between': {
      const nonNull = rows - c.nulls;
      let distinct: number;
      const extra: Partial<ExpectationResult> = {};
      if (entries) distinct = entries.length;
      else {
        distinct =
          c.type === 'numeric'
            ? numericEstimates(c).distinct + (c.pos_inf > 0 ? 1 : 0) + (c.neg_inf > 0 ? 1 : 0)
            : Math.round(HyperLogLog.fromJSON(c.hll).estimate());
        Object.assign(extra, { approximate: true, error_bound: HLL_BOUND });
      }
      const observed =
        e.type === 'expect_column_unique_value_count_to_be_between'
          ? distinct
          : nonNull === 0
            ? 0
            : distinct / nonNull;
      return betweenResult(e, observed, extra);
    }
  }
  const bool = c.type === 'categorical' && dtypeOfState(c) === 'bool' ? boolAggregate(e, c) : undefined;
  if (bool) return bool;
  if (c.type !== 'numeric') return notNumeric();
  const est = numericEstimates(c);
  const n = c.count;
  switch (e.type) {
    case 'expect_column_mean_to_be_between':
      return betweenResult(e, n === 0 ? null : est.mean);
    case 'expect_column_stdev_to_be_between':
      return betweenResult(e, n < 2 ? null : est.std);
    case 'expect_column_min_to_be_between':
      return betweenResult(e, c.min);
    case 'expect_column_max_to_be_between':
      return betweenResult(e, c.max);
    case 'expect_column_median_to_be_between': {
      const exact = est.kll.sortedValues();
      if (exact) return betweenResult(e, n === 0 ? null : quantileWith(exact, 0.5, 'linear'));
      return betweenResult(e, stateQuantile(c, est.kll, 0.5), { approximate: true, error_bound: KLL_BOUND });
    }
    case 'expect_column_quantile_values_to_be_between': {
      const exact = est.kll.sortedValues();
      if (exact)
        return quantileResult(
          e,
          e.quantiles!.map((p) => (n === 0 ? null : quantileWith(exact, p, e.interpolation))),
        );
      return quantileResult(
        e,
        e.quantiles!.map((p) => stateQuantile(c, est.kll, p)),
        { approximate: true, error_bound: KLL_BOUND },
      );
    }
  }
  return skipped(e, NEEDS_ROWS);
}
