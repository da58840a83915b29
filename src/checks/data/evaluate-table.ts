/**
 * Row-level evaluation of a prepared expectation on a Table, with Great Expectations' semantics:
 * value expectations ignore nulls (they are neither expected nor unexpected) and `mostly` is the fraction
 * of non-null values that must pass; the null expectations count over all rows. ±∞ are values (pandas
 * does not treat them as null) — except in the aggregate statistics (mean, median, stdev, min, max,
 * quantiles), which follow docs/statistics.md §2 and use finite values only.
 */
import type { Column, Table } from '../../data/table.js';
import { quantileSorted } from '../../stats/quantile.js';
import { sampleStd } from '../../stats/sketches/moments.js';
import { summarizeCategorical, summarizeNumeric } from './column-summary.js';
import { columnDtype, gxTypeName, typeMatches } from './column-dtype.js';
import type { Interpolation, PreparedExpectation } from './expectation-catalog.js';
import {
  PARTIAL_UNEXPECTED_LIMIT,
  baseResult,
  betweenResult,
  inBounds,
  type ExpectationResult,
} from './expectation-result.js';
import { pythonFloatStr, pythonIntStr } from './python-str.js';
import { valueSetMatcher } from './value-set.js';
import { evaluateMulticolumn } from './evaluate-multicolumn.js';
import { evaluateColumnMore } from './evaluate-column-more.js';
import { InputError } from '../../core/errors.js';
import type { OtherTables } from './other-tables.js';
import { datetimeSetMatcher, evaluateDatetime } from './datetime-expectations.js';
import { evaluateBoolAggregate } from './bool-expectations.js';
import { Unexpected, cellValue, distinctValues, mapResult, valueMap } from './row-map.js';

/** Distinct values listed in observed_value at most (the rest is counted in details). */
export const OBSERVED_VALUES_LIMIT = 1000;

export function evaluateOnTable(
  e: PreparedExpectation,
  table: Table,
  otherTables?: OtherTables,
): ExpectationResult {
  switch (e.type) {
    case 'expect_table_row_count_to_equal_other_table':
      return rowCountOtherTable(e, table.rows, otherTables);
    case 'expect_table_row_count_to_be_between':
      return betweenResult(e, table.rows);
    case 'expect_table_columns_to_match_set':
      return columnsMatchSet(e, table.header);
    case 'expect_column_to_exist':
      return columnExists(e, table.header);
  }
  const tableLevel = tableShape(e, table.header, table.rows);
  if (tableLevel) return tableLevel;
  if (e.domain === 'column-pair' || e.domain === 'multicolumn') return evaluateMulticolumn(e, table);
  const column = table.columns.find((c) => c.name === e.column);
  if (!column) throw new RangeError(`column "${e.column}" was not read from ${table.file}`);
  const dated = evaluateDatetime(e, column) ?? evaluateBoolAggregate(e, column, table, evaluateOnTable);
  if (dated) return dated;
  const more = evaluateColumnMore(e, column);
  if (more) return more;
  switch (e.type) {
    case 'expect_column_values_to_not_be_null':
    case 'expect_column_values_to_be_null':
      return nullMap(e, column);
    case 'expect_column_values_to_be_between':
      if (column.type !== 'numeric') return notNumeric(e, column);
      return valueMap(e, column, (x) => !inBounds(x, e), null);
    case 'expect_column_values_to_be_in_set':
    case 'expect_column_values_to_not_be_in_set': {
      const m = valueSetMatcher(e.valueSet!);
      const want = e.type === 'expect_column_values_to_be_in_set';
      // JSON booleans compare as Python values (True in [1] holds, True in ["true"] does not); dates also
      // match the same instant written another way (pandas' isin converts ISO strings).
      const typedBool = column.type === 'categorical' && column.textDtype === 'bool';
      const sameInstant = datetimeSetMatcher(column, e.valueSet!);
      return valueMap(
        e,
        column,
        (x) => m.numeric(x) !== want,
        typedBool
          ? (s) => m.bool(s === 'true') !== want
          : (s, code) => (m.text(s) || sameInstant(code)) !== want,
      );
    }
    case 'expect_column_values_to_match_regex':
    case 'expect_column_values_to_not_match_regex': {
      const want = e.type === 'expect_column_values_to_match_regex';
      const rx = e.regex!;
      const str = numericStr(column);
      // Numbers repeat: test each distinct value once.
      const cache = new Map<number, boolean>();
      const badNumber = (x: number): boolean => {
        let bad = cache.get(x);
        if (bad === undefined) cache.set(x, (bad = rx.test(str(x)) !== want));
        return bad;
      };
      return valueMap(e, column, badNumber, (s) => rx.test(s) !== want);
    }
    case 'expect_column_values_to_be_unique':
      return uniqueMap(e, column);
    case 'expect_column_values_to_be_of_type': {
      const dtype = columnDtype(column);
      return {
        ...baseResult(e),
        success: typeMatches(e.typeName!, dtype),
        observed_value: gxTypeName(dtype),
      };
    }
    case 'expect_column_proportion_of_unique_values_to_be_between': {
      const { distinct, nonNull } = distinctCount(column);
      return betweenResult(e, nonNull === 0 ? 0 : distinct / nonNull);
    }
    case 'expect_column_unique_value_count_to_be_between':
      return betweenResult(e, distinctCount(column).distinct);
    case 'expect_column_distinct_values_to_be_in_set':
      return distinctInSet(e, column);
  }
  if (column.type !== 'numeric') return notNumeric(e, column);
  const s = summarizeNumeric(column);
  const n = s.count;
  switch (e.type) {
    case 'expect_column_mean_to_be_between':
      return betweenResult(e, n === 0 ? null : s.sum / n);
    case 'expect_column_median_to_be_between':
      return betweenResult(e, n === 0 ? null : quantileSorted(s.sorted, 0.5));
    case 'expect_column_stdev_to_be_between':
      return betweenResult(e, n < 2 ? null : sampleStd(s.moments));
    case 'expect_column_min_to_be_between':
      return betweenResult(e, n === 0 ? null : s.min);
    case 'expect_column_max_to_be_between':
      return betweenResult(e, n === 0 ? null : s.max);
    case 'expect_column_quantile_values_to_be_between': {
      const values = e.quantiles!.map((p) => (n === 0 ? null : quantileWith(s.sorted, p, e.interpolation)));
      return quantileResult(e, values);
    }
  }
  throw new RangeError(`no row-level evaluation for ${e.type}`);
}

/** GX: observed_value {self, other}; success when the row counts are equal. */
export function rowCountOtherTable(
  e: PreparedExpectation,
  rows: number,
  otherTables: OtherTables | undefined,
): ExpectationResult {
  const name = e.args.other_table_name as string;
  const other = otherTables?.get(name);
  if (!other) throw new InputError(`other table "${name}" was not read`);
  if ('error' in other) throw new InputError(other.error);
  return {
    ...baseResult(e),
    success: rows === other.rows,
    observed_value: { self: rows, other: other.rows },
    details: { other_table_file: other.file },
  };
}

/** Shared by row- and profile-level evaluation. */
export function quantileResult(
  e: PreparedExpectation,
  values: (number | null)[],
  extra: Partial<ExpectationResult> = {},
): ExpectationResult {
  const details = values.map((v, i) => {
    const [lo, hi] = e.valueRanges![i];
    return v !== null && (lo === null || v >= lo) && (hi === null || v <= hi);
  });
  return {
    ...baseResult(e),
    success: details.every(Boolean),
    observed_value: { quantiles: e.quantiles, values },
    details: { success_details: details },
    ...extra,
  };
}

export function columnsMatchSet(e: PreparedExpectation, header: readonly string[]): ExpectationResult {
  const expected = new Set(e.columnSet);
  const observed = new Set(header);
  const missing = [...expected].filter((c) => !observed.has(c));
  const unexpected = header.filter((c) => !expected.has(c));
  const success = missing.length === 0 && (!e.exactMatch || unexpected.length === 0);
  return {
    ...baseResult(e),
    success,
    observed_value: [...header],
    ...(success ? {} : { details: { mismatched: { unexpected: e.exactMatch ? unexpected : [], missing } } }),
  };
}

export function columnExists(e: PreparedExpectation, header: readonly string[]): ExpectationResult {
  const index = header.indexOf(e.column!);
  const success = index >= 0 && (e.columnIndex === null || index === e.columnIndex);
  const result: ExpectationResult = { ...baseResult(e), success };
  if (e.columnIndex !== null) result.observed_value = index >= 0 ? index : null;
  if (!success) {
    result.reason =
      index < 0
        ? `no column "${e.column}"; columns: ${header.join(', ')}`
        : `column "${e.column}" is at index ${index}, not ${e.columnIndex}`;
  }
  return result;
}

function notNumeric(e: PreparedExpectation, column: Column): ExpectationResult {
  return {
    ...baseResult(e),
    success: false,
    reason: `column "${column.name}" is not numeric (it has non-numeric values)`,
  };
}

/** not_null: nulls are unexpected; be_null: values are unexpected. Both count over every row, as GX. */
function nullMap(e: PreparedExpectation, column: Column): ExpectationResult {
  const wantNull = e.type === 'expect_column_values_to_be_null';
  const u = new Unexpected(e);
  const rows = column.type === 'numeric' ? column.values.length : column.codes.length;
  let nulls = 0;
  for (let i = 0; i < rows; i++) {
    const isNull = column.type === 'numeric' ? Number.isNaN(column.values[i]) : column.codes[i] < 0;
    if (isNull) nulls++;
    if (isNull !== wantNull) u.add(i, cellValue(column, i));
  }
  return mapResult(e, rows, nulls, u, rows);
}

/** GX: every occurrence of a value that occurs more than once is unexpected. */
function uniqueMap(e: PreparedExpectation, column: Column): ExpectationResult {
  if (column.type === 'categorical') {
    const counts = summarizeCategorical(column).counts;
    return valueMap(
      e,
      column,
      () => false,
      (_s, code) => counts[code] > 1,
    );
  }
  // Duplicated values from the sorted summary (no per-row map of counts); ±∞ are values too.
  const s = summarizeNumeric(column);
  const duplicated = new Set<number>();
  for (let i = 1; i < s.sorted.length; i++) if (s.sorted[i] === s.sorted[i - 1]) duplicated.add(s.sorted[i]);
  if (s.posInf > 1) duplicated.add(Infinity);
  if (s.negInf > 1) duplicated.add(-Infinity);
  return valueMap(e, column, (x) => duplicated.has(x), null);
}

/** Distinct non-null values (±∞ count as values, 0.0 and −0.0 as one) and the non-null count. */
function distinctCount(column: Column): { distinct: number; nonNull: number } {
  if (column.type === 'categorical') {
    const s = summarizeCategorical(column);
    return { distinct: s.distinct, nonNull: s.count };
  }
  const s = summarizeNumeric(column);
  return {
    distinct: s.distinct + (s.posInf > 0 ? 1 : 0) + (s.negInf > 0 ? 1 : 0),
    nonNull: s.count + s.posInf + s.negInf,
  };
}

function distinctInSet(e: PreparedExpectation, column: Column): ExpectationResult {
  const m = valueSetMatcher(e.valueSet!);
  return distinctInSetResult(e, distinctValues(column), (v) =>
    typeof v === 'number' ? m.numeric(v) : m.text(v),
  );
}

export function distinctInSetResult(
  e: PreparedExpectation,
  distinct: (number | string)[],
  inSet: (v: number | string) => boolean,
  extra: Partial<ExpectationResult> = {},
): ExpectationResult {
  const outside = distinct.filter((v) => !inSet(v));
  const result: ExpectationResult = {
    ...baseResult(e),
    success: outside.length === 0,
    observed_value: distinct.slice(0, OBSERVED_VALUES_LIMIT),
    details: {
      unexpected_values: outside.slice(0, PARTIAL_UNEXPECTED_LIMIT),
      unexpected_value_count: outside.length,
    },
    ...extra,
  };
  if (distinct.length > OBSERVED_VALUES_LIMIT) result.details!.distinct_value_count = distinct.length;
  return result;
}

/** How pandas' astype(str) writes this column's numbers (see python-str.ts). */
function numericStr(column: Column): (x: number) => string {
  if (column.type !== 'numeric') return String;
  const dtype = columnDtype(column);
  return dtype === 'int64' || dtype === 'uint64' ? pythonIntStr : pythonFloatStr;
}

/**
 * pandas `Series.quantile(p, interpolation=…)` on sorted finite values (numpy's methods; 'nearest' rounds
 * the index half to even, as numpy.around).
 */
export function quantileWith(sorted: Float64Array, p: number, method: Interpolation): number {
  if (method === 'linear') return quantileSorted(sorted, p);
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  const g = h - lo;
  switch (method) {
    case 'lower':
      return sorted[lo];
    case 'higher':
      return g > 0 ? sorted[hi] : sorted[lo];
    case 'midpoint':
      return g > 0 ? (sorted[lo] + sorted[hi]) / 2 : sorted[lo];
    case 'nearest': {
      const up = g > 0.5 || (g === 0.5 && lo % 2 === 1);
      return sorted[up ? hi : lo];
    }
  }
}

/** Row and column counts and the ordered column list: answered alike from rows and from a profile. */
export function tableShape(
  e: PreparedExpectation,
  header: readonly string[],
  rows: number,
): ExpectationResult | undefined {
  switch (e.type) {
    case 'expect_table_row_count_to_equal':
      return { ...baseResult(e), success: rows === e.args.value, observed_value: rows };
    case 'expect_table_column_count_to_equal':
      return { ...baseResult(e), success: header.length === e.args.value, observed_value: header.length };
    case 'expect_table_column_count_to_be_between':
      return betweenResult(e, header.length);
    case 'expect_table_columns_to_match_ordered_list': {
      const expected = e.args.column_list as string[];
      const mismatched = [];
      for (let i = 0; i < Math.max(expected.length, header.length); i++) {
        if (expected[i] !== header[i])
          mismatched.push({
            'Expected Column Position': i,
            Expected: expected[i] ?? null,
            Found: header[i] ?? null,
          });
      }
      const result: ExpectationResult = {
        ...baseResult(e),
        success: mismatched.length === 0,
        observed_value: [...header],
      };
      if (mismatched.length > 0) result.details = { mismatched };
      return result;
    }
  }
  return undefined;
}
