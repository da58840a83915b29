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
      const counts = new Map<string, number>();
      const keys = kept.map((row) => columns.map((c) => keyOf(value(c, row))).join('\u0000'));
      for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1);
      kept.forEach((row, i) => {
        if (counts.get(keys[i])! > 1) u.add(row, record(row));
      });
      break;
    }
    case 'expect_select_column_values_to_be_unique_within_record':
      // pandas nunique(dropna=False) per row must equal the number of columns: two nulls are a repeat too.
      for (const row of kept) {
        const seen = new Set(columns.map((c) => keyOf(value(c, row))));
        if (seen.size < columns.length) u.add(row, record(row));
      }
      break;
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
