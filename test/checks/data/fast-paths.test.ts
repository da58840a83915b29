import { describe, expect, test } from '@jest/globals';
import { profileRows, profileWithState } from '../../../src/checks/data/profile-state.js';
import { profileTable } from '../../../src/checks/data/profile.js';
import type { Column, Table } from '../../../src/data/table.js';
import { mulberry32 } from '../../stats/sketches/rng.js';

const { floor } = Math;

/** Numeric columns that take every path of the sort (stats/sort-float64.ts) and of the scan. */
function columnsOf(seed: number, n: number): Float64Array[] {
  const r = mulberry32(seed);
  const special = [
    NaN,
    Infinity,
    -Infinity,
    0,
    -0,
    5e-324,
    -5e-324,
    2.2250738585072014e-308,
    1.7976931348623157e308,
    -1.7976931348623157e308,
  ];
  return [
    Float64Array.from({ length: n }, () => (r() - 0.5) * 200), // both signs, many distinct: radix sort
    Float64Array.from({ length: n }, () => floor(r() * 30)), // few distinct: counting sort
    Float64Array.from({ length: n }, () =>
      r() < 0.02 ? special[floor(r() * special.length)] : floor((r() - 0.5) * 100) / 4,
    ),
    Float64Array.from({ length: n }, () => (r() < 0.5 ? -0 : 0)), // only zeros of both signs
    Float64Array.from({ length: n }, () => (r() - 0.5) * 10 ** floor(r() * 600 - 300)), // every exponent
    Float64Array.from({ length: n }, () => (r() < 0.3 ? NaN : 1.5)), // one value and nulls
    new Float64Array(n).fill(NaN), // nothing finite
    Float64Array.from({ length: n }, (_, i) => (i < 5000 ? floor(r() * 10) : r())), // few distinct first, then many
    // Decimal data (as parsed from a CSV): sorted as scaled integers when the keys fit 32 bits.
    Float64Array.from({ length: n }, () => Number(((r() - 0.3) * 200).toFixed(4))),
    Float64Array.from({ length: n }, (_, i) =>
      // More decimals late in the column (the scale grows), −0, nulls and ±∞ mixed in.
      i === n - 3
        ? 0.0000123
        : i % 1000 === 7
          ? -0
          : i % 777 === 0
            ? [NaN, Infinity, -Infinity][i % 3]
            : Number((r() * 50).toFixed(3)),
    ),
    Float64Array.from({ length: n }, () => Number(((r() - 0.5) * 2).toPrecision(6))), // needs > 32 bits: radix
    Float64Array.from({ length: n }, () => Number((r() * 1e9).toFixed(0)) / 8), // eighths: decimals 0–3
    Float64Array.from({ length: n }, (_, i) => (i % 501 === 0 ? -0 : Number((r() * 100 - 50).toFixed(2)))), // keys < 2^16
  ];
}

describe('profiles on two threads equal one thread', () => {
  function table(seed: number, n: number): Table {
    const columns: Column[] = columnsOf(seed, n).map((values, i) => ({
      name: `c${i}`,
      type: 'numeric',
      values,
    }));
    columns.splice(2, 0, {
      name: 'cat',
      type: 'categorical',
      codes: Int32Array.from({ length: n }, (_, i) => (i % 7) - 1),
      dictionary: ['a', 'b', 'c', 'd', 'e', 'f'],
    });
    return { file: 'mem.csv', rows: n, header: columns.map((c) => c.name), columns };
  }
  const copy = (t: Table): Table => ({ ...t, columns: t.columns.map((c) => ({ ...c })) });

  test('profileWithState and profileTable, threads 2 vs 1 vs the cached per-column path', () => {
    const t = table(11, 30_000);
    const one = profileWithState(copy(t), undefined, { threads: 1 });
    const two = profileWithState(copy(t), undefined, { threads: 2, minValues: 0 });
    expect(two).toEqual(one);
    expect(profileTable(copy(t), { threads: 2, minValues: 0 })).toEqual({
      rows: t.rows,
      columns: one.columns,
    });
    // The per-column path (summaries cache the sorted values) gives the same profile and state.
    const c = copy(t);
    expect(profileTable(c, { threads: 1 }).columns).toEqual(one.columns);
    expect(profileRows(copy(t))).toEqual(one.state);
  });
});
