/**
 * The KLL sketch's recorded error bounds against brute force: `error` (sup over x of |sketched count ≤ x −
 * true count|) and `w1` (∫ of the same difference = n × Wasserstein-1 distance between the values and the
 * held items). Exact for a sketch built from a sorted column; a bound (never below the truth) after
 * streamed updates and merges — including adversarial shard splits: sorted shards, one tiny shard, all
 * values equal.
 */
import { describe, expect, test } from '@jest/globals';
import { KllSketch, countDiscrepancy } from '../../../src/stats/sketches/kll.js';
import { mulberry32, normal, shuffle } from './rng.js';

/** The sketch's held items expanded by weight: n values, ascending. */
function expanded(s: KllSketch): Float64Array {
  const { values, cumulative } = s.weighted();
  const out = new Float64Array(s.count);
  let prev = 0;
  values.forEach((v, i) => {
    out.fill(v, prev, cumulative[i]);
    prev = cumulative[i];
  });
  return out;
}

/** n·W1 between two equal-size samples: in one dimension the sorted (monotone) coupling is optimal. */
function bruteW1(a: Float64Array, b: Float64Array): number {
  const x = Float64Array.from(a).sort();
  const y = Float64Array.from(b).sort();
  let sum = 0;
  for (let i = 0; i < x.length; i++) sum += Math.abs(x[i] - y[i]);
  return sum;
}

/** sup over x of |#a ≤ x − #b ≤ x| by counting at every value of both. */
function bruteSup(a: Float64Array, b: Float64Array): number {
  let sup = 0;
  for (const x of [...a, ...b]) {
    let ca = 0;
    let cb = 0;
    for (const v of a) if (v <= x) ca++;
    for (const v of b) if (v <= x) cb++;
    sup = Math.max(sup, Math.abs(ca - cb));
  }
  return sup;
}

function streamed(values: ArrayLike<number>, k: number, seed: number): KllSketch {
  const s = new KllSketch(k, seed);
  for (let i = 0; i < values.length; i++) s.update(values[i]);
  return s;
}

/** Both recorded bounds hold (w1 up to float rounding of the brute-force sum). */
function expectBoundsHold(s: KllSketch, data: Float64Array): void {
  const items = expanded(s);
  const w1 = bruteW1(data, items);
  expect(s.transportBound!).toBeGreaterThanOrEqual(w1 * (1 - 1e-12));
  expect(s.rankErrorBound!).toBeGreaterThanOrEqual(bruteSup(data, items));
}

const gens: [string, (r: () => number, i: number) => number][] = [
  ['normal', (r) => normal(r)],
  ['lognormal', (r) => Math.exp(2 * normal(r))],
  ['ties (5 values)', (r) => Math.floor(r() * 5)],
  ['ascending', (_r, i) => i],
];

describe('KLL recorded error bounds', () => {
  test('countDiscrepancy: sup and L1 norm of a hand-computed count difference', () => {
    // A = {0, 1, 3} (weight 1 each), B = {1 (weight 2), 3}: A − B = 1 on [0, 1), 0 on [1, 3), 0 after.
    const d = countDiscrepancy(Float64Array.of(0, 1, 3), null, Float64Array.of(1, 3), Float64Array.of(2, 3));
    expect(d.sup).toBe(1);
    expect(d.l1).toBeCloseTo(1, 9);
    expect(d.l1).toBeGreaterThanOrEqual(1);
    // B = {2 (weight 3)} vs A = {0, 1, 3}: 1 on [0,1), 2 on [1,2), −1 on [2,3): sup 2, L1 1 + 2 + 1.
    const e = countDiscrepancy(Float64Array.of(0, 1, 3), null, Float64Array.of(2), Float64Array.of(3));
    expect(e.sup).toBe(2);
    expect(e.l1).toBeCloseTo(4, 9);
  });

  test.each(gens)('fromSorted records the exact W1 and sup rank error (%s)', (_name, gen) => {
    for (const [n, k] of [
      [50, 8],
      [1000, 8],
      [3000, 20],
    ]) {
      const r = mulberry32(n + k);
      const data = Float64Array.from({ length: n }, (_, i) => gen(r, i)).sort();
      const s = KllSketch.fromSorted(data, k, 7);
      expect(s.exact).toBe(false);
      const items = expanded(s);
      const w1 = bruteW1(data, items);
      expect(Math.abs(s.transportBound! - w1)).toBeLessThanOrEqual(1e-9 * Math.max(1, w1));
      expect(s.rankErrorBound).toBe(bruteSup(data, items));
      // Never above the old worst case (2^H − 1: the sum of the halvings' item weights).
      expect(s.rankErrorBound!).toBeLessThan((2 * n) / k);
      // Survives the JSON round trip.
      const back = KllSketch.fromJSON(JSON.parse(JSON.stringify(s.toJSON())));
      expect(back.transportBound).toBe(s.transportBound);
      expect(back.rankErrorBound).toBe(s.rankErrorBound);
    }
    // While the sketch holds every value both are 0.
    const few = KllSketch.fromSorted(Float64Array.of(1, 2, 3), 8);
    expect([few.transportBound, few.rankErrorBound]).toEqual([0, 0]);
  });

  test.each(gens)('streamed updates: the recorded bounds hold (%s)', (_name, gen) => {
    for (const seed of [1, 2, 3]) {
      const r = mulberry32(seed * 31);
      const data = Float64Array.from({ length: 2000 }, (_, i) => gen(r, i));
      const s = streamed(data, 8, seed);
      expect(s.exact).toBe(false);
      expectBoundsHold(s, data);
    }
  });

  describe('merged shard sketches: the bounds hold on adversarial splits', () => {
    const r = mulberry32(2024);
    const n = 4000;
    const base = Float64Array.from({ length: n }, () => Math.exp(normal(r)));
    const sorted = Float64Array.from(base).sort();
    const splits: [string, Float64Array, number[]][] = [
      ['sorted shards (each shard one quarter of the range)', sorted, [1000, 2000, 3000]],
      ['one tiny shard (3 values) and three large ones', base, [3, 1300, 2600]],
      [
        'a tiny shard holding the extremes',
        Float64Array.of(
          ...sorted.subarray(0, 2),
          ...sorted.subarray(2, n - 2).reverse(),
          ...sorted.subarray(n - 2),
        ),
        [4, 2000, 3000],
      ],
      ['all values equal', new Float64Array(n).fill(2.5), [1000, 2000, 3000]],
      [
        'two values, shards of one value each',
        Float64Array.from({ length: n }, (_, i) => (i < n / 2 ? -1 : 1)),
        [2000],
      ],
    ];
    test.each(splits)('%s', (_name, data, cuts) => {
      const bounds = [0, ...cuts, data.length];
      const parts = bounds.slice(1).map((end, i) => data.slice(bounds[i], end));
      for (const build of ['fromSorted', 'streamed'] as const) {
        const sketches = parts.map((p, i) =>
          build === 'fromSorted'
            ? KllSketch.fromSorted(Float64Array.from(p).sort(), 8, i)
            : streamed(p, 8, i),
        );
        // Merge in a shuffled order and a left fold, through JSON as `data merge` does.
        const order = shuffle(
          sketches.map((s) => KllSketch.fromJSON(JSON.parse(JSON.stringify(s.toJSON())))),
          mulberry32(parts.length),
        );
        const merged = order.reduce((a, b) => a.merge(b));
        expect(merged.count).toBe(data.length);
        expectBoundsHold(merged, data);
        if (data.every((v) => v === data[0])) {
          // Equal values: every compaction moves nothing.
          expect([merged.transportBound, merged.rankErrorBound]).toEqual([0, 0]);
        }
      }
    });
  });

  test('a sketch written before w1 was recorded reads as unknown, and merges stay unknown', () => {
    const r = mulberry32(5);
    const a = KllSketch.fromSorted(Float64Array.from({ length: 500 }, () => r()).sort(), 8, 1);
    const { w1: _dropped, ...old } = a.toJSON();
    const legacy = KllSketch.fromJSON(old);
    expect(legacy.transportBound).toBeUndefined();
    expect(legacy.rankErrorBound).toBe(a.rankErrorBound);
    expect(legacy.toJSON()).not.toHaveProperty('w1');
    const merged = KllSketch.fromJSON(a.toJSON()).merge(legacy);
    expect(merged.transportBound).toBeUndefined();
    expect(merged.rankErrorBound).toBeGreaterThanOrEqual(2 * a.rankErrorBound!);
    expect(() => KllSketch.fromJSON({ ...a.toJSON(), w1: -1 })).toThrow(/w1 must be a finite number ≥ 0/);
    expect(() => KllSketch.fromJSON({ ...a.toJSON(), w1: Number.NaN })).toThrow(/w1/);
  });
});
