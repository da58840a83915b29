import { describe, expect, test } from '@jest/globals';
import { ExactSum } from '../../../src/stats/sketches/exact-sum.js';
import { HyperLogLog } from '../../../src/stats/sketches/hyperloglog.js';
import { KllSketch } from '../../../src/stats/sketches/kll.js';
import { momentsOf, momentsOfFinite } from '../../../src/stats/sketches/moments.js';
import { mulberry32 } from './rng.js';

const { floor } = Math;

function oneByOne(values: ArrayLike<number>): ExactSum {
  const s = new ExactSum();
  for (let i = 0; i < values.length; i++) if (values[i] - values[i] === 0) s.add(values[i]);
  return s;
}

describe('ExactSum.addAll is the exact sum, as adding one by one', () => {
  const r = mulberry32(99);
  const cases: [string, Float64Array][] = [
    ['decimals', Float64Array.from({ length: 10_000 }, () => floor((r() - 0.5) * 1e8) / 1e4)],
    [
      'every exponent',
      Float64Array.from({ length: 10_000 }, () => (r() - 0.5) * 10 ** floor(r() * 616 - 308)),
    ],
    ['subnormals', Float64Array.from({ length: 1000 }, () => (r() - 0.5) * 1e-310)],
    ['huge (per-value path)', Float64Array.of(1.7e308, -1.7e308, 1e300, 3, 8.98e307, 8.98e307, -1e300)],
    ['cancelling', Float64Array.of(1e100, 1, -1e100, 1e-100, -1, -1e-100)],
    ['nulls and ±∞ are skipped', Float64Array.of(NaN, 1.5, Infinity, 2.25, -Infinity, NaN)],
    ['only −0', Float64Array.of(-0, -0, -0)],
    ['−0 and 0', Float64Array.of(-0, 0)],
    ['nothing', new Float64Array(0)],
  ];
  test.each(cases)('%s', (_name, values) => {
    const bulk = new ExactSum().addAll(values);
    const want = oneByOne(values).value();
    expect(Object.is(bulk.value(), want)).toBe(true);
    // The state is exact: merging either with more values gives the same value.
    const more = Float64Array.of(0.1, 1e-20, -3e15);
    expect(bulk.merge(oneByOne(more)).value()).toBe(oneByOne([...values, ...more]).value());
  });

  test('overflow in the sum behaves as one by one', () => {
    const values = Float64Array.of(1.7e308, 1.7e308);
    expect(new ExactSum().addAll(values).value()).toBe(oneByOne(values).value());
  });
});

describe('momentsOfFinite equals momentsOf of the finite values', () => {
  test('bit for bit', () => {
    const r = mulberry32(5);
    const values = Float64Array.from({ length: 5000 }, () =>
      r() < 0.05 ? [NaN, Infinity, -Infinity][floor(r() * 3)] : (r() - 0.5) * 1e6,
    );
    const finite = values.filter((v) => v - v === 0);
    const sum = oneByOne(finite).value();
    expect(momentsOfFinite(values, finite.length, sum)).toEqual(momentsOf(finite, sum));
    expect(momentsOfFinite(Float64Array.of(NaN), 0, 0)).toEqual(momentsOf([]));
  });
});

describe('KllSketch.fromSorted', () => {
  /** The original construction, halving copies of the sorted run. */
  function fromSortedByCopies(sorted: Float64Array, k: number, seed: number): unknown {
    // Same coin flips: a sketch with the same seed.
    const coins = new KllSketch(k, seed) as unknown as { coin(): boolean };
    let cur = sorted;
    const levels: Float64Array[] = [];
    while (cur.length > k) {
      const odd = cur.length & 1;
      const offset = odd + (coins.coin() ? 1 : 0);
      const next = new Float64Array((cur.length - offset + 1) >> 1);
      for (let i = offset, j = 0; i < cur.length; i += 2) next[j++] = cur[i];
      levels.push(cur.slice(0, odd));
      cur = next;
    }
    levels.push(cur.slice());
    return levels.map((l) => Array.from(l).sort((a, b) => a - b));
  }

  test.each([0, 1, 200, 201, 1000, 12_345, 100_003])('same levels as halving copies, n = %p', (n) => {
    const r = mulberry32(n + 1);
    const sorted = Float64Array.from({ length: n }, () => r()).sort();
    const json = KllSketch.fromSorted(sorted, 200, 77).toJSON();
    const levels = json.levels.map((b64) => {
      const bytes = Buffer.from(b64, 'base64');
      return Array.from({ length: bytes.length / 8 }, (_, i) => bytes.readDoubleLE(i * 8));
    });
    expect(levels).toEqual(fromSortedByCopies(sorted, 200, 77));
    expect(json.n).toBe(n);
  });
});

describe('HyperLogLog.addDoubles', () => {
  test('the registers of adding one by one (−0 as 0)', () => {
    const r = mulberry32(17);
    const values = Float64Array.from({ length: 50_000 }, (_, i) =>
      i % 97 === 0 ? -0 : i % 89 === 0 ? 5e-324 : (r() - 0.5) * 10 ** floor(r() * 40 - 20),
    );
    const one = new HyperLogLog();
    for (const v of values) one.addDouble(v);
    const bulk = new HyperLogLog().addDoubles(values);
    expect(Buffer.from(bulk.registers).equals(Buffer.from(one.registers))).toBe(true);
    expect(Buffer.from(new HyperLogLog().addDoubles(Float64Array.of(-0)).registers)).toEqual(
      Buffer.from(new HyperLogLog().addDoubles(Float64Array.of(0)).registers),
    );
  });
});
