import { describe, expect, test } from '@jest/globals';
import { createRng } from '../../src/stats/metrics/random.js';
import { scanNumeric } from '../../src/stats/numeric-scan.js';
import { forEachSorted, PARALLEL_MIN_VALUES } from '../../src/stats/parallel-sort.js';
import {
  argsortFloat64,
  countNonFinite,
  looksFewDistinct,
  runsOf,
  sortedFinite,
  sortFinite,
  sortFloat64,
} from '../../src/stats/sort-float64.js';
import { mulberry32 } from './sketches/rng.js';

// The one sort of model-ci (profile, drift, metrics), against the native sort as the oracle: same values,
// same bits (−0 before +0), on one thread and on several.

const { floor } = Math;

function nativeSortedFinite(values: Float64Array): Float64Array {
  return Float64Array.from(values.filter((v) => v - v === 0)).sort();
}

/** Bit-exact equality (−0 vs 0 and NaN payloads included). */
function sameBits(a: Float64Array, b: Float64Array): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(
    Buffer.from(b.buffer, b.byteOffset, b.byteLength),
  );
}

/** Columns that take every path: counting sort, decimal sort, radix sort, small inputs, specials. */
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
      expect(sameBits(sortedFinite(values), want)).toBe(true);
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

  test('looksFewDistinct tells a counting-sort column from the others', () => {
    const [many, few] = columnsOf(3, 20_000);
    expect(looksFewDistinct(few)).toBe(true);
    expect(looksFewDistinct(many)).toBe(false);
  });
});

describe('sortFinite: the finite values with the nulls and ±∞ counted (drift)', () => {
  test.each([10, 5000, 60_000])('n = %p', (n) => {
    for (const values of columnsOf(n + 1, n)) {
      const before = values.slice();
      const { sorted, nulls, infinite } = sortFinite(values);
      expect(sameBits(sorted, nativeSortedFinite(values))).toBe(true);
      expect(nulls).toBe(values.filter((v) => v !== v).length);
      expect(infinite).toBe(values.filter((v) => v === Infinity || v === -Infinity).length);
      expect(countNonFinite(values)).toEqual({ nulls, infinite });
      expect(sameBits(values, before)).toBe(true);
    }
  });

  test('nothing finite', () => {
    const r = sortFinite(new Float64Array(3000).fill(NaN));
    expect(r.sorted.length).toBe(0);
    expect(r.nulls).toBe(3000);
    expect(r.infinite).toBe(0);
  });
});

describe('sortFloat64 and argsortFloat64 (metrics: every value, NaN refused)', () => {
  function scores(n: number, seed: number): Float64Array {
    const rng = createRng(seed);
    const a = new Float64Array(n);
    for (let i = 0; i < n; i++) a[i] = Math.round(rng.normal() * 100) / 10; // many ties, both signs, zeros
    a[0] = -0;
    a[1] = 1e308;
    a[2] = -Infinity;
    a[3] = 5e-324;
    a[4] = Infinity;
    return a;
  }

  test.each([100, 5000, 70_000])('n = %p', (n) => {
    const a = scores(n, n);
    const want = a.slice().sort();
    // In place (the metrics own their score arrays), as the native sort orders them (−0 before +0).
    expect(sortFloat64(a)).toBe(a);
    expect(sameBits(a, want)).toBe(true);
    const b = scores(n, n + 1);
    const order = argsortFloat64(b);
    // Stable; −0 and +0 tie (as numpy's argsort(kind='stable') orders them).
    const expected = Array.from(b.keys()).sort((x, y) => (b[x] === b[y] ? x - y : b[x] - b[y]));
    expect(Array.from(order)).toEqual(expected);
  });

  test('NaN is refused with its index', () => {
    expect(() => sortFloat64(Float64Array.of(1, NaN))).toThrow('cannot sort NaN (index 1)');
    expect(() => argsortFloat64(Float64Array.of(NaN))).toThrow(RangeError);
  });
});

describe('forEachSorted: on several threads, the result of one', () => {
  test('visits every column once; the workers take some, with the same scan, runs and counts', () => {
    const columns = columnsOf(5, 20_000);
    const here = new Set<Float64Array>();
    const seen: number[] = [];
    let fromWorkers = 0;
    forEachSorted(
      columns,
      (j) => {
        // Slow on this thread, so that the workers have started and take columns too.
        const until = Date.now() + 150;
        while (Date.now() < until);
        const sorted = nativeSortedFinite(columns[j]);
        here.add(sorted);
        return { sorted, runs: runsOf(sorted), scan: scanNumeric(columns[j]), ...countNonFinite(columns[j]) };
      },
      (j, { sorted, runs, scan, nulls, infinite }) => {
        seen.push(j);
        if (!here.has(sorted)) {
          fromWorkers++;
          // The worker's scan is the one made here, bit for bit (ExactSum partials included).
          expect(scan).toEqual(scanNumeric(columns[j]));
          expect({ nulls, infinite }).toEqual(countNonFinite(columns[j]));
        }
        expect(sameBits(sorted, nativeSortedFinite(columns[j]))).toBe(true);
        const want = runsOf(nativeSortedFinite(columns[j]));
        expect(sameBits(runs!.values, want.values)).toBe(true);
        expect(Array.from(runs!.counts)).toEqual(Array.from(want.counts));
      },
      { threads: 3, minValues: 0, extras: columns.map(() => ({ scan: true, runs: true, counts: true })) },
    );
    expect(seen.sort((a, b) => a - b)).toEqual(columns.map((_, j) => j));
    expect(fromWorkers).toBeGreaterThan(0);
  });

  test('below the threshold or on one thread, everything is sorted here', () => {
    const columns = columnsOf(6, 1000);
    let calls = 0;
    const sortHere = (j: number) => {
      calls++;
      return { sorted: sortedFinite(columns[j]) };
    };
    forEachSorted(columns, sortHere, () => {}, { threads: 2 });
    forEachSorted(columns, sortHere, () => {}, { threads: 1, minValues: 0 });
    expect(calls).toBe(2 * columns.length);
    expect(PARALLEL_MIN_VALUES).toBeGreaterThan(columns.length * 1000);
  });
});
