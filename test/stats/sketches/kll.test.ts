import { describe, expect, test } from '@jest/globals';
import { KLL_RANK_ERROR, KllSketch } from '../../../src/stats/sketches/kll.js';
import { quantileSorted } from '../../../src/stats/quantile.js';
import { mulberry32, normal, shuffle } from './rng.js';

const QS = Array.from({ length: 99 }, (_, i) => (i + 1) / 100);

/** Largest distance between p and the true normalised rank interval [#<v, #≤v]/n of each estimate v. */
function maxRankError(sketch: KllSketch, sorted: Float64Array): number {
  let worst = 0;
  for (const p of QS) {
    const v = sketch.quantile(p);
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid] < v) lo = mid + 1;
      else hi = mid;
    }
    let le = lo;
    while (le < sorted.length && sorted[le] === v) le++;
    const below = lo / sorted.length;
    const atOrBelow = le / sorted.length;
    const err = p < below ? below - p : p > atOrBelow ? p - atOrBelow : 0;
    worst = Math.max(worst, err);
  }
  return worst;
}

function build(values: ArrayLike<number>, seed: number): KllSketch {
  const s = new KllSketch(200, seed);
  for (let i = 0; i < values.length; i++) s.update(values[i]);
  return s;
}

const distributions: [string, (r: () => number, i: number, n: number) => number][] = [
  ['uniform', (r) => r()],
  ['normal', (r) => normal(r)],
  ['lognormal', (r) => Math.exp(2 * normal(r))],
  ['sorted ascending', (_r, i) => i],
  ['sorted descending', (_r, i, n) => n - i],
  ['few distinct values', (r) => Math.floor(r() * 7)],
];

describe('KLL sketch', () => {
  test('holds every value and is exact (numpy linear) until the first compaction', () => {
    const values = [5, 1, 4, 2, 3, 9, -1];
    const s = build(values, 1);
    expect(s.exact).toBe(true);
    const sorted = Float64Array.from(values).sort();
    for (const p of [0, 0.05, 0.5, 0.95, 1]) expect(s.quantile(p)).toBe(quantileSorted(sorted, p));
    expect(new KllSketch().quantile(0.5)).toBeNaN();
  });

  test.each(distributions)(
    `rank error stays below ${KLL_RANK_ERROR} (%s, 100k values, 10 seeds)`,
    (_name, gen) => {
      const n = 100_000;
      let worst = 0;
      for (let seed = 1; seed <= 10; seed++) {
        const r = mulberry32(seed * 7919);
        const values = Float64Array.from({ length: n }, (_, i) => gen(r, i, n));
        const s = build(values, seed);
        expect(s.count).toBe(n);
        expect(s.exact).toBe(false);
        worst = Math.max(worst, maxRankError(s, Float64Array.from(values).sort()));
      }
      expect(worst).toBeLessThanOrEqual(KLL_RANK_ERROR);
    },
  );

  test('merged shard sketches stay within the bound in any grouping', () => {
    const r = mulberry32(99);
    const n = 200_000;
    const values = Float64Array.from({ length: n }, () => normal(r) * 3 + 10);
    const sorted = Float64Array.from(values).sort();
    const shards = Array.from({ length: 8 }, (_, i) =>
      build(values.subarray((i * n) / 8, ((i + 1) * n) / 8), 1000 + i),
    );
    let worst = 0;
    for (let trial = 0; trial < 10; trial++) {
      const order = shuffle(
        shards.map((s) => KllSketch.fromJSON(s.toJSON())),
        r,
      );
      // Random binary grouping: repeatedly merge two random neighbours.
      while (order.length > 1) {
        const i = Math.floor(r() * (order.length - 1));
        order.splice(i, 2, order[i].merge(order[i + 1]));
      }
      expect(order[0].count).toBe(n);
      worst = Math.max(worst, maxRankError(order[0], sorted));
    }
    expect(worst).toBeLessThanOrEqual(KLL_RANK_ERROR);
  });

  test.each(distributions)(
    'fromSorted (bulk build of a shard) stays within 2/k (%s, 100k values)',
    (_name, gen) => {
      const n = 100_000;
      const r = mulberry32(17);
      const sorted = Float64Array.from({ length: n }, (_, i) => gen(r, i, n)).sort();
      const s = KllSketch.fromSorted(sorted, 200, 9);
      expect(s.count).toBe(n);
      expect(maxRankError(s, sorted)).toBeLessThanOrEqual(2 / 200);
      // Exact while at most k values.
      const few = Float64Array.from([3, 1, 2]).sort();
      expect(KllSketch.fromSorted(few).exact).toBe(true);
      expect(KllSketch.fromSorted(few).quantile(0.5)).toBe(2);
    },
  );

  test('bulk-built shard sketches merge within the bound', () => {
    const r = mulberry32(123);
    const n = 400_000;
    const values = Float64Array.from({ length: n }, () => Math.exp(normal(r)));
    const shards = Array.from({ length: 16 }, (_, i) =>
      KllSketch.fromSorted(values.slice((i * n) / 16, ((i + 1) * n) / 16).sort(), 200, i),
    );
    const merged = shards.reduce((a, b) => a.merge(b));
    expect(merged.count).toBe(n);
    expect(maxRankError(merged, values.slice().sort())).toBeLessThanOrEqual(KLL_RANK_ERROR);
  });

  test('merge is commutative bit for bit and survives a JSON round trip', () => {
    const r = mulberry32(5);
    const a = build(
      Float64Array.from({ length: 30_000 }, () => r()),
      1,
    );
    const b = build(
      Float64Array.from({ length: 12_345 }, () => r() * 2),
      2,
    );
    const ab = KllSketch.fromJSON(a.toJSON()).merge(KllSketch.fromJSON(b.toJSON()));
    const ba = KllSketch.fromJSON(b.toJSON()).merge(KllSketch.fromJSON(a.toJSON()));
    expect(ab.toJSON()).toEqual(ba.toJSON());
    expect(KllSketch.fromJSON(JSON.parse(JSON.stringify(ab))).toJSON()).toEqual(ab.toJSON());
    expect(ab.count).toBe(42_345);
  });

  test('size stays bounded (about 3k items)', () => {
    const s = build(
      Float64Array.from({ length: 1_000_000 }, (_, i) => i),
      3,
    );
    const items = s.toJSON().levels.reduce((a, b64) => a + Buffer.from(b64, 'base64').length / 8, 0);
    expect(items).toBeLessThan(700);
  });

  test('fromJSON rejects inconsistent state', () => {
    const j = build([1, 2, 3], 1).toJSON();
    expect(() => KllSketch.fromJSON({ ...j, n: 4 })).toThrow(/weight 3 but n is 4/);
    expect(() => KllSketch.fromJSON({ ...j, levels: ['AAA='] })).toThrow(/whole number/);
  });
});
