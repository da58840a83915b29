import { describe, expect, test } from '@jest/globals';
import { dataCheck } from '../../../src/checks/data/check.js';
import { keyOf } from '../../../src/checks/data/evaluate-multicolumn.js';
import { parseSuite } from '../../../src/checks/data/suite.js';
import type { ValidationResult } from '../../../src/checks/data/validation-result.js';
import type { Column, Table } from '../../../src/data/table.js';

// expect_compound_columns_to_be_unique and expect_select_column_values_to_be_unique_within_record compare
// typed cells (dense ranks, code translation) instead of keyOf strings. This checks them against the keyOf
// definition (pandas' duplicated(keep=False) / nunique(dropna=False)) on random tables full of ties, nulls,
// 0 and -0, infinities, numbers next to strings that spell them, and every ignore_row_if.

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const NUMBERS = [0, -0, 1, 1.5, -2, Infinity, -Infinity, 1e300, NaN];
const STRINGS = ['1', '0', 'a', 'b', '', ' a', '1.5'];

function randomTable(seed: number, rows: number): Table {
  const rnd = lcg(seed);
  const pick = <T>(xs: T[]): T => xs[Math.floor(rnd() * xs.length)];
  const numeric = (name: string, pool: number[]): Column => ({
    name,
    type: 'numeric',
    values: Float64Array.from({ length: rows }, () => pick(pool)),
  });
  const categorical = (name: string, pool: string[]): Column => {
    // Dictionary in order of first appearance, as the readers build it.
    const dictionary: string[] = [];
    const codes = Int32Array.from({ length: rows }, () => {
      if (rnd() < 0.15) return -1;
      const s = pick(pool);
      const at = dictionary.indexOf(s);
      return at >= 0 ? at : dictionary.push(s) - 1;
    });
    return { name, type: 'categorical', codes, dictionary };
  };
  // A key column (every value distinct, in shuffled order) and one with a single duplicated value.
  const ids = Float64Array.from({ length: rows }, (_, i) => i * 3 - rows);
  for (let i = rows - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [ids[i], ids[j]] = [ids[j], ids[i]];
  }
  const nearKey = Float64Array.from(ids);
  nearKey[rows - 1] = nearKey[0];
  const columns = [
    { name: 'id', type: 'numeric', values: ids } as Column,
    { name: 'near_key', type: 'numeric', values: nearKey } as Column,
    numeric('n1', NUMBERS),
    numeric('n2', NUMBERS.slice(0, 4).concat(NaN)),
    numeric(
      'wide',
      Array.from({ length: 50 }, (_, i) => i / 7),
    ),
    categorical('s1', STRINGS),
    categorical('s2', STRINGS.slice(0, 3)),
  ];
  return { file: 'random.csv', rows, header: columns.map((c) => c.name), columns };
}

function cell(c: Column, row: number): string | number | null {
  if (c.type === 'numeric') return Number.isNaN(c.values[row]) ? null : c.values[row];
  return c.codes[row] < 0 ? null : c.dictionary[c.codes[row]];
}

/** The unexpected rows by the keyOf definition. */
function expected(table: Table, type: string, names: string[], ignore: string): number[] {
  const cols = names.map((n) => table.columns.find((c) => c.name === n)!);
  const kept: number[] = [];
  for (let row = 0; row < table.rows; row++) {
    const nulls = cols.filter((c) => cell(c, row) === null).length;
    if (ignore === 'all_values_are_missing' && nulls === cols.length) continue;
    if (ignore === 'any_value_is_missing' && nulls > 0) continue;
    kept.push(row);
  }
  const key = (row: number) => cols.map((c) => keyOf(cell(c, row))).join('\u0000');
  if (type === 'expect_compound_columns_to_be_unique') {
    const counts = new Map<string, number>();
    for (const row of kept) counts.set(key(row), (counts.get(key(row)) ?? 0) + 1);
    return kept.filter((row) => counts.get(key(row))! > 1);
  }
  return kept.filter((row) => new Set(cols.map((c) => keyOf(cell(c, row)))).size < cols.length);
}

function unexpectedRows(table: Table, type: string, names: string[], ignore: string): number[] {
  const suite = parseSuite(
    `expectations:\n  - {type: ${type}, column_list: [${names.join(', ')}], ignore_row_if: ${ignore}, result_format: COMPLETE}\n`,
    's.yml',
  );
  const r = (dataCheck(table, suite).details!.results as ValidationResult[])[0];
  expect(r.exception_info?.raised_exception ?? false).toBe(false);
  return r.result.unexpected_index_list as number[];
}

const LISTS = [
  ['n1'],
  ['n1', 'n2'],
  ['n1', 's1'],
  ['s1', 's2'],
  ['n2', 's2', 'n1'],
  ['wide', 'n1', 's1', 's2'],
  ['s1', 'id'],
  ['near_key', 's2'],
  ['near_key'],
];
const IGNORE = ['all_values_are_missing', 'any_value_is_missing', 'never'];

describe('multicolumn uniqueness on typed cells equals the keyOf definition', () => {
  for (const type of [
    'expect_compound_columns_to_be_unique',
    'expect_select_column_values_to_be_unique_within_record',
  ])
    test(type, () => {
      let compared = 0;
      let nonEmpty = 0;
      for (const seed of [1, 2, 3, 4, 5]) {
        const table = randomTable(seed, seed === 5 ? 3000 : 200);
        for (const names of LISTS)
          for (const ignore of IGNORE) {
            if (type !== 'expect_compound_columns_to_be_unique' && names.length < 2) continue;
            const want = expected(table, type, names, ignore);
            expect({ names, ignore, seed, rows: unexpectedRows(table, type, names, ignore) }).toEqual({
              names,
              ignore,
              seed,
              rows: want,
            });
            compared++;
            if (want.length > 0 && want.length < table.rows) nonEmpty++;
          }
      }
      // The cases must discriminate: most have some unexpected rows and some expected ones.
      expect(compared).toBeGreaterThan(50);
      expect(nonEmpty).toBeGreaterThan(compared / 3);
    });

  test('0 and -0 are one value, NaN (null) rows are one value, a number never equals its string', () => {
    const table: Table = {
      file: 't.csv',
      rows: 4,
      header: ['n', 's'],
      columns: [
        { name: 'n', type: 'numeric', values: Float64Array.of(0, -0, NaN, 1) },
        { name: 's', type: 'categorical', codes: Int32Array.of(-1, -1, -1, 0), dictionary: ['1'] },
      ],
    };
    expect(unexpectedRows(table, 'expect_compound_columns_to_be_unique', ['n'], 'never')).toEqual([0, 1]);
    expect(unexpectedRows(table, 'expect_compound_columns_to_be_unique', ['n', 's'], 'never')).toEqual([
      0, 1,
    ]);
    expect(
      unexpectedRows(table, 'expect_select_column_values_to_be_unique_within_record', ['n', 's'], 'never'),
    ).toEqual([2]);
  });
});
