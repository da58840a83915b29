import { describe, expect, test } from '@jest/globals';
import { profileRows, profileWithState } from '../../../src/checks/data/profile-state.js';
import { profileTable } from '../../../src/checks/data/profile.js';
import { numericScanKernel } from '../../../src/checks/data/column-summary.js';
import { forEachSorted } from '../../../src/checks/data/parallel-sort.js';
import { runsOf, sortedFinite } from '../../../src/checks/data/sort-float64.js';
import type { Column, Table } from '../../../src/data/table.js';
import { ExactSum } from '../../../src/stats/sketches/exact-sum.js';
import { momentsOfFinite } from '../../../src/stats/sketches/moments.js';
import { mulberry32 } from '../../stats/sketches/rng.js';

const { floor } = Math;
const scanHere = numericScanKernel(ExactSum, momentsOfFinite);

function nativeSortedFinite(values: Float64Array): Float64Array {
  return Float64Array.from(values.filter((v) => v - v === 0)).sort();
}

/** Bit-exact equality (−0 vs 0 and NaN payloads included). */
function sameBits(a: Float64Array, b: Float64Array): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(
    Buffer.from(b.buffer, b.byteOffset, b.byteLength),
  );
}

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

describe('sortedFinite equals filtering + Float64Array.prototype.sort, bit for bit', () => {
  test.each([10, 5000, 60_000])('n = %p', (n) => {
    for (const values of columnsOf(n, n)) {
      const before = values.slice();
      const want = nativeSortedFinite(values);
      expect(sameBits(sortedFinite(values, want.length), want)).toBe(true);
      // Into reused buffers, larger than needed.
      const into = new Float64Array(n + 3).fill(7);
      const scratch = new Float64Array(n + 5).fill(9);
      expect(sameBits(sortedFinite(values, want.length, into, scratch), want)).toBe(true);
      expect(sameBits(values, before)).toBe(true); // input untouched
    }
  });

  test('runs: first value of each run (−0 before 0), counts; into buffers or new arrays', () => {
    const sorted = Float64Array.of(-2, -2, -0, 0, 0, 1, 3, 3, 3);
    const runs = runsOf(sorted);
    expect(Array.from(runs.values)).toEqual([-2, -0, 1, 3]);
    expect(Object.is(runs.values[1], -0)).toBe(true);
    expect(Array.from(runs.counts)).toEqual([2, 3, 1, 3]);
    const reused = runsOf(sorted, new Float64Array(20), new Int32Array(20));
    expect(Array.from(reused.values)).toEqual(Array.from(runs.values));
    expect(Array.from(reused.counts)).toEqual(Array.from(runs.counts));
    expect(runsOf(new Float64Array(0)).values.length).toBe(0);
  });
});

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

  test('forEachSorted visits every column once, and the worker takes some', () => {
    const columns = columnsOf(5, 20_000);
    const here = new Set<Float64Array>();
    const seen: number[] = [];
    let fromWorker = 0;
    forEachSorted(
      columns,
      (j) => {
        // Slow on this thread, so that the worker has started and takes columns too.
        const until = Date.now() + 150;
        while (Date.now() < until);
        const sorted = nativeSortedFinite(columns[j]);
        here.add(sorted);
        return { sorted, runs: runsOf(sorted) };
      },
      (j, { sorted, runs, scan }) => {
        seen.push(j);
        if (!here.has(sorted)) {
          fromWorker++;
          // The worker's scan is the one made here, bit for bit (ExactSum partials included).
          expect(scan).toEqual(scanHere(columns[j]));
        }
        expect(sameBits(sorted, nativeSortedFinite(columns[j]))).toBe(true);
        const want = runsOf(nativeSortedFinite(columns[j]));
        expect(sameBits(runs.values, want.values)).toBe(true);
        expect(Array.from(runs.counts)).toEqual(Array.from(want.counts));
      },
      { threads: 2, minValues: 0, scan: columns.map(() => true) },
    );
    expect(seen.sort((a, b) => a - b)).toEqual(columns.map((_, j) => j));
    // Instrumented code (coverage) cannot run in the worker; everything is then sorted here.
    if (!('__coverage__' in globalThis)) expect(fromWorker).toBeGreaterThan(0);
  });
});
