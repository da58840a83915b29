/**
 * Row-level evaluation of expectations on several columns, with GX's pandas semantics:
 *
 * column pairs (`column_A`, `column_B`): rows are dropped first by `ignore_row_if`
 *   (`both_values_are_missing`, the default; `either_value_is_missing`; `neither`); a remaining row with one
 *   null value is unexpected (pandas compares NaN as unequal and not greater); `mostly` is the fraction of
 *   the remaining rows that must pass; `missing_count` counts the dropped rows.
 * several columns (`column_list`): rows are dropped by `ignore_row_if` (`all_values_are_missing`, the
 *   default; `any_value_is_missing`; `never`), the same way.
 *
 * Unexpected values are `[A, B]` pairs, or `{column: value}` records for column lists, as GX lists them.
 */
import { evaluateDatetimePair } from './datetime-expectations.js';
import type { Column, Table } from '../../data/table.js';
import type { PreparedExpectation } from './expectation-catalog.js';
import type { ExpectationResult, ResultValue } from './expectation-result.js';
import { Unexpected, mapResult } from './row-map.js';

function columnOf(table: Table, name: string): Column {
  const c = table.columns.find((x) => x.name === name);
  if (!c) throw new RangeError(`column "${name}" was not read from ${table.file}`);
  return c;
}

const isNull = (c: Column, row: number): boolean =>
  c.type === 'numeric' ? Number.isNaN(c.values[row]) : c.codes[row] < 0;

function value(c: Column, row: number): ResultValue {
  if (c.type === 'numeric') {
    const v = c.values[row];
    return Number.isNaN(v) ? null : v;
  }
  const code = c.codes[row];
  return code < 0 ? null : c.dictionary[code];
}

/** A key that tells values apart as pandas does: 1 and "1" differ, 1 and 1.0 do not. */
export function keyOf(v: ResultValue): string {
  if (v === null) return 'n';
  if (typeof v === 'number') return `d${v === 0 ? 0 : v}`;
  if (typeof v === 'object') return `o${JSON.stringify(v)}`;
  return `${typeof v === 'string' ? 's' : 'b'}${String(v)}`;
}

export function evaluateMulticolumn(e: PreparedExpectation, table: Table): ExpectationResult {
  return e.domain === 'column-pair' ? pair(e, table) : multi(e, table);
}

function pair(e: PreparedExpectation, table: Table): ExpectationResult {
  const a = columnOf(table, e.columnA!);
  const b = columnOf(table, e.columnB!);
  const dated = evaluateDatetimePair(e, a, b, table.rows);
  if (dated) return dated;
  const ignore = (e.args.ignore_row_if as string | undefined) ?? 'both_values_are_missing';
  let bad: (va: ResultValue, vb: ResultValue) => boolean;
  switch (e.type) {
    case 'expect_column_pair_values_to_be_equal':
      bad = (va, vb) => va === null || vb === null || keyOf(va) !== keyOf(vb);
      break;
    case 'expect_column_pair_values_a_to_be_greater_than_b': {
      if ((a.type === 'numeric') !== (b.type === 'numeric'))
        throw new RangeError(
          `cannot compare column "${a.name}" (${a.type}) with column "${b.name}" (${b.type}), as pandas cannot`,
        );
      const orEqual = e.args.or_equal === true;
      bad = (va, vb) => {
        if (va === null || vb === null) return true;
        return orEqual
          ? !((va as number | string) >= (vb as number | string))
          : !((va as number | string) > (vb as number | string));
      };
      break;
    }
    default: {
      const pairs = new Set(
        (e.args.value_pairs_set as ResultValue[][]).map(([x, y]) => `${keyOf(x)}\u0000${keyOf(y)}`),
      );
      bad = (va, vb) => !pairs.has(`${keyOf(va)}\u0000${keyOf(vb)}`);
    }
  }
  const u = new Unexpected(e);
  let ignored = 0;
  for (let row = 0; row < table.rows; row++) {
    const na = isNull(a, row);
    const nb = isNull(b, row);
    if (
      (ignore === 'both_values_are_missing' && na && nb) ||
      (ignore === 'either_value_is_missing' && (na || nb))
    ) {
      ignored++;
      continue;
    }
    const va = value(a, row);
    const vb = value(b, row);
    if (bad(va, vb)) u.add(row, [va, vb]);
  }
  return mapResult(e, table.rows, ignored, u, table.rows - ignored);
}

function multi(e: PreparedExpectation, table: Table): ExpectationResult {
  const columns = e.columnList!.map((n) => columnOf(table, n));
  const ignore = (e.args.ignore_row_if as string | undefined) ?? 'all_values_are_missing';
  const kept: number[] = [];
  for (let row = 0; row < table.rows; row++) {
    let nulls = 0;
    for (const c of columns) if (isNull(c, row)) nulls++;
    if (ignore === 'all_values_are_missing' && nulls === columns.length) continue;
    if (ignore === 'any_value_is_missing' && nulls > 0) continue;
    kept.push(row);
  }
  const record = (row: number): ResultValue =>
    Object.fromEntries(columns.map((c) => [c.name, value(c, row)]));
  const u = new Unexpected(e);
  switch (e.type) {
    case 'expect_compound_columns_to_be_unique': {
      // GX: every row whose combination occurs more than once is unexpected (pandas duplicated(keep=False)).
      const fast = combinationIds(columns, kept);
      if (fast) {
        const counts = new Uint32Array(fast.count);
        for (let i = 0; i < kept.length; i++) counts[fast.ids[i]]++;
        for (let i = 0; i < kept.length; i++) if (counts[fast.ids[i]] > 1) u.add(kept[i], record(kept[i]));
        break;
      }
      const counts = new Map<string, number>();
      const keys = kept.map((row) => columns.map((c) => keyOf(value(c, row))).join('\u0000'));
      for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1);
      kept.forEach((row, i) => {
        if (counts.get(keys[i])! > 1) u.add(row, record(row));
      });
      break;
    }
    case 'expect_select_column_values_to_be_unique_within_record': {
      // pandas nunique(dropna=False) per row must equal the number of columns: two nulls are a repeat too.
      const same = sameValueTests(columns);
      if (same) {
        for (const row of kept) if (same.some((t) => t(row))) u.add(row, record(row));
        break;
      }
      for (const row of kept) {
        const seen = new Set(columns.map((c) => keyOf(value(c, row))));
        if (seen.size < columns.length) u.add(row, record(row));
      }
      break;
    }
    case 'expect_multicolumn_sum_to_equal': {
      for (const c of columns)
        if (c.type !== 'numeric')
          throw new RangeError(`column "${c.name}" is not numeric, so it cannot be summed`);
      const total = e.args.sum_total as number;
      // pandas sum(axis=1) skips nulls.
      for (const row of kept) {
        let sum = 0;
        for (const c of columns) {
          const v = (c as { values: Float64Array }).values[row];
          if (!Number.isNaN(v)) sum += v;
        }
        if (sum !== total) u.add(row, record(row));
      }
      break;
    }
  }
  return mapResult(e, table.rows, table.rows - kept.length, u, kept.length);
}

// Fast paths for the two expectations that compare whole values across rows or columns: keyOf() builds a
// string per cell, which at millions of rows dominated a suite's time (bench: `npm run bench -- check`).
// Both give exactly keyOf's answer: a categorical column's dictionary holds distinct strings (so codes are
// equal iff the strings are), a numeric column's values are equal iff their keys are (0 and -0 as one, as
// keyOf), and a number's key never equals a string's. Any other column shape takes the keyOf path.

const plain = (c: Column): boolean =>
  c.type === 'numeric' ? c.values instanceof Float64Array : c.codes instanceof Int32Array;

/**
 * Per kept row, a dense id of its combination of values (nulls equal to each other, as pandas'
 * `duplicated`), or undefined when a column is of another shape or the ids would overflow 2^53.
 */
function combinationIds(columns: Column[], kept: number[]): { ids: Uint32Array; count: number } | undefined {
  if (!columns.every(plain)) return undefined;
  const own = columns.map((c) => columnIds(c, kept));
  // A column whose kept cells are all distinct (a key, such as an order id) makes every combination unique.
  const key = own.find((o) => o.distinct === kept.length);
  if (key) return key;
  let combined: { ids: Uint32Array; count: number } = own[0];
  for (const o of own.slice(1)) {
    if (combined.count * o.count >= 2 ** 53) return undefined;
    const keys = new Float64Array(kept.length);
    for (let i = 0; i < kept.length; i++) keys[i] = combined.ids[i] * o.count + o.ids[i];
    combined = denseRanks(keys);
  }
  return combined;
}

/**
 * Ids of one column's kept cells, below `count`: equal ids iff equal keyOf keys (null is one more id);
 * `distinct` is the number of ids in use when known, else -1.
 */
function columnIds(c: Column, kept: number[]): { ids: Uint32Array; count: number; distinct: number } {
  if (c.type === 'categorical') {
    // The codes are already ids (distinct strings have distinct codes); null is the code after the last.
    const nullId = c.dictionary.length;
    const ids = new Uint32Array(kept.length);
    for (let i = 0; i < kept.length; i++) {
      const code = c.codes[kept[i]];
      ids[i] = code < 0 ? nullId : code;
    }
    return { ids, count: nullId + 1, distinct: -1 };
  }
  // NaN (null) sorts last in a typed-array sort and ranks as one value; -0 becomes 0.
  const keys = new Float64Array(kept.length);
  for (let i = 0; i < kept.length; i++) {
    const v = c.values[kept[i]];
    keys[i] = v === 0 ? 0 : v;
  }
  const ranks = denseRanks(keys);
  return { ...ranks, distinct: ranks.count };
}

/** The rank of each key among the distinct keys (NaN counted as one distinct key, the last). */
function denseRanks(keys: Float64Array): { ids: Uint32Array; count: number } {
  const sorted = Float64Array.from(keys).sort();
  let count = 0;
  for (let i = 0; i < sorted.length; i++) {
    const v = sorted[i];
    if (i > 0 && (v === sorted[count - 1] || (Number.isNaN(v) && Number.isNaN(sorted[count - 1])))) continue;
    sorted[count++] = v;
  }
  const distinct = sorted.subarray(0, count);
  const ids = new Uint32Array(keys.length);
  const nanId = Number.isNaN(distinct[count - 1]) ? count - 1 : -1;
  for (let i = 0; i < keys.length; i++) {
    const v = keys[i];
    if (Number.isNaN(v)) {
      ids[i] = nanId;
      continue;
    }
    let lo = 0;
    let hi = nanId >= 0 ? nanId - 1 : count - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (distinct[mid] < v) lo = mid + 1;
      else hi = mid;
    }
    ids[i] = lo;
  }
  return { ids, count };
}

/**
 * For every pair of columns, a test "these two cells hold the same value" at a row (two nulls are the same,
 * as pandas' nunique(dropna=False) counts them once), or undefined for columns of another shape.
 */
function sameValueTests(columns: Column[]): ((row: number) => boolean)[] | undefined {
  if (!columns.every(plain)) return undefined;
  const tests: ((row: number) => boolean)[] = [];
  for (let i = 0; i < columns.length; i++)
    for (let j = i + 1; j < columns.length; j++) tests.push(sameValue(columns[i], columns[j]));
  return tests;
}

function sameValue(a: Column, b: Column): (row: number) => boolean {
  if (a.type === 'numeric' && b.type === 'numeric') {
    const [x, y] = [a.values, b.values];
    return (row) => x[row] === y[row] || (Number.isNaN(x[row]) && Number.isNaN(y[row]));
  }
  if (a.type === 'categorical' && b.type === 'categorical') {
    // b's codes translated into a's (-2: a string a does not have).
    const inA = new Map(a.dictionary.map((s, code) => [s, code]));
    const bToA = Int32Array.from(b.dictionary, (s) => inA.get(s) ?? -2);
    const [x, y] = [a.codes, b.codes];
    return (row) => (y[row] < 0 ? x[row] < 0 : bToA[y[row]] === x[row]);
  }
  // A number never equals a string: only two nulls are the same.
  return (row) => isNull(a, row) && isNull(b, row);
}
