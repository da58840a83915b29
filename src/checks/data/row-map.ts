/**
 * Row-level building blocks shared by the evaluators (evaluate-table.ts, evaluate-column-more.ts,
 * evaluate-multicolumn.ts): collecting unexpected values with their rows, GX's map-expectation result,
 * a value expectation over a column, and a column's distinct values.
 */
import type { CategoricalColumn, Column } from '../../data/table.js';
import { compareCodePoints } from '../../stats/sketches/code-point-order.js';
import { summarizeCategorical, summarizeNumeric } from './column-summary.js';
import type { PreparedExpectation } from './expectation-catalog.js';
import {
  baseResult,
  mostlySuccess,
  percent,
  type ExpectationResult,
  type ResultValue,
} from './expectation-result.js';

/**
 * Collects unexpected values and their 0-based row indices: every one for result_format COMPLETE (GX's
 * unexpected_list), else up to partial_unexpected_count.
 */
export class Unexpected {
  count = 0;
  readonly values: ResultValue[] = [];
  readonly rows: number[] = [];
  private readonly limit: number;
  constructor(e: PreparedExpectation) {
    this.limit = e.resultFormat.kind === 'COMPLETE' ? Infinity : e.resultFormat.partialUnexpectedCount;
  }
  add(row: number, value: ResultValue): void {
    if (this.count++ < this.limit) {
      this.values.push(value);
      this.rows.push(row);
    }
  }
}

export function mapResult(
  e: PreparedExpectation,
  rows: number,
  nulls: number,
  u: Unexpected,
  considered: number,
): ExpectationResult {
  return {
    ...baseResult(e),
    success: mostlySuccess(considered, u.count, e.mostly),
    element_count: rows,
    missing_count: nulls,
    missing_percent: percent(nulls, rows),
    unexpected_count: u.count,
    unexpected_percent: percent(u.count, considered),
    unexpected_percent_total: percent(u.count, rows),
    unexpected_list: u.values,
    unexpected_index_list: u.rows,
  };
}

export function cellValue(column: Column, row: number): ResultValue {
  if (column.type === 'numeric') {
    const v = column.values[row];
    return Number.isNaN(v) ? null : v;
  }
  const c = column.codes[row];
  return c < 0 ? null : listed(column, c);
}

/** A value as GX lists it: JSON booleans as booleans (Python True/False), other values as their text. */
function listed(column: CategoricalColumn, code: number): ResultValue {
  const text = column.dictionary[code];
  return column.textDtype === 'bool' ? text === 'true' : text;
}

/**
 * A value expectation: `badNumber`/`badText` say whether a non-null value is unexpected. Categorical
 * predicates run once per dictionary entry, not once per row.
 */
export function valueMap(
  e: PreparedExpectation,
  column: Column,
  badNumber: (x: number) => boolean,
  badText: ((s: string, code: number) => boolean) | null,
): ExpectationResult {
  if (column.type === 'numeric') {
    const u = new Unexpected(e);
    const values = column.values;
    let nulls = 0;
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (v !== v) nulls++;
      else if (badNumber(v)) u.add(i, v);
    }
    return mapResult(e, values.length, nulls, u, values.length - nulls);
  }
  return codeMap(e, column, codeVerdicts(column, badText!), (c) => listed(column, c));
}

/**
 * A value expectation on a categorical column whose verdict is known per dictionary entry
 * (`unexpected[code]`); `shown(code)` is how an unexpected value is listed.
 */
export function codeMap(
  e: PreparedExpectation,
  column: CategoricalColumn,
  unexpected: Uint8Array,
  shown: (code: number) => ResultValue,
): ExpectationResult {
  const u = new Unexpected(e);
  const codes = column.codes;
  let nulls = 0;
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i];
    if (c < 0) nulls++;
    else if (unexpected[c]) u.add(i, shown(c));
  }
  return mapResult(e, codes.length, nulls, u, codes.length - nulls);
}

function codeVerdicts(column: CategoricalColumn, bad: (s: string, code: number) => boolean): Uint8Array {
  const counts = summarizeCategorical(column).counts;
  const verdict = new Uint8Array(column.dictionary.length);
  for (let c = 0; c < verdict.length; c++) if (counts[c] > 0 && bad(column.dictionary[c], c)) verdict[c] = 1;
  return verdict;
}

/** Sorted distinct non-null values (numbers ascending, strings in code-point order). */
export function distinctValues(column: Column): (number | string)[] {
  if (column.type === 'categorical') {
    const counts = summarizeCategorical(column).counts;
    return column.dictionary.filter((_, c) => counts[c] > 0).sort(compareCodePoints);
  }
  const s = summarizeNumeric(column);
  const out: number[] = s.negInf > 0 ? [-Infinity] : [];
  for (let i = 0; i < s.sorted.length; i++)
    if (i === 0 || s.sorted[i] !== s.sorted[i - 1]) out.push(s.sorted[i] === 0 ? 0 : s.sorted[i]);
  if (s.posInf > 0) out.push(Infinity);
  return out;
}
