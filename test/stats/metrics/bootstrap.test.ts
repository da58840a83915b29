import { describe, expect, test } from '@jest/globals';
import { rocAuc } from '../../../src/stats/metrics/binary-metrics.js';
import {
  bootstrapDelta,
  bootstrapDeltas,
  bootstrapWeightedDelta,
  percentileInterval,
  resampleCounts,
} from '../../../src/stats/metrics/bootstrap.js';
import { createRng } from '../../../src/stats/metrics/random.js';
import { binaryResamplers, weightedAuc } from '../../../src/stats/metrics/resampling.js';
import { expectClose } from '../../helpers/close.js';

function models(n: number, seed: number): { y: Float64Array; a: Float64Array; b: Float64Array } {
  const rng = createRng(seed);
  const y = new Float64Array(n);
  const a = new Float64Array(n);
  const b = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const z = rng.normal();
    y[i] = z + rng.normal() > 0 ? 1 : 0;
    a[i] = 1 / (1 + Math.exp(-(z + 0.6 * rng.normal())));
    b[i] = 1 / (1 + Math.exp(-(z + 0.9 * rng.normal())));
  }
  return { y, a, b };
}

describe('resampleCounts', () => {
  test('draws n rows with replacement', () => {
    const w = resampleCounts(createRng(1), new Uint32Array(1000));
    expect(w.reduce((s, m) => s + m, 0)).toBe(1000);
    const zeros = w.filter((m) => m === 0).length;
    expect(Math.abs(zeros / 1000 - Math.exp(-1))).toBeLessThan(0.05); // ≈ 36.8 % of rows left out
  });
});

describe('percentileInterval', () => {
  test('numpy linear percentiles of the valid values', () => {
    const v = Float64Array.from({ length: 101 }, (_, i) => 100 - i);
    const ci = percentileInterval(v, 0.9);
    expectClose(ci.low, 5, 1e-12);
    expectClose(ci.high, 95, 1e-12);
    expect(ci.valid).toBe(101);
  });
  test('null when fewer than half the resamples are valid', () => {
    expect(percentileInterval(Float64Array.of(1, NaN, NaN), 0.95).low).toBeNull();
  });
});

describe('paired bootstrap', () => {
  const { y, a, b } = models(400, 2);
  test('is reproducible with a seed and changes with it', () => {
    const run = (seed: number) =>
      bootstrapWeightedDelta(y.length, weightedAuc(y, a), weightedAuc(y, b), { resamples: 200, seed });
    expect(run(5)).toEqual(run(5));
    expect(run(5).low).not.toBe(run(6).low);
  });
  test('the generic (gathering) bootstrap gives the same AUC interval as the weighted one', () => {
    const options = { resamples: 100, seed: 3 };
    const fast = bootstrapDelta(y, a, b, 'roc_auc', options);
    const slow = bootstrapDelta(y, a, b, rocAuc, options);
    expectClose(fast.low, slow.low as number, 1e-12);
    expectClose(fast.high, slow.high as number, 1e-12);
  });
  test('the interval contains the observed delta and is for candidate − baseline', () => {
    const ci = bootstrapDeltas(y.length, binaryResamplers(y, a), binaryResamplers(y, b), { resamples: 500 });
    const delta = (rocAuc(y, a) as number) - (rocAuc(y, b) as number);
    expect(delta).toBeGreaterThan(0);
    expect(ci.roc_auc.low as number).toBeLessThan(delta);
    expect(ci.roc_auc.high as number).toBeGreaterThan(delta);
    expect(Object.keys(ci).sort()).toEqual(Object.keys(binaryResamplers(y, a)).sort());
  });
  test('rejects bad options', () => {
    const s = weightedAuc(y, a);
    expect(() => bootstrapWeightedDelta(y.length, s, s, { resamples: 0 })).toThrow(RangeError);
    expect(() => bootstrapWeightedDelta(y.length, s, s, { confidence: 1 })).toThrow(RangeError);
    expect(() => bootstrapDelta(y, a, b, 'auc')).toThrow(/no resampling version of metric "auc"/);
    expect(() => bootstrapDelta(y, a, b.subarray(1), 'roc_auc')).toThrow(RangeError);
  });
  test('AUC: 1000 resamples of 100k rows take seconds', () => {
    const big = models(100_000, 4);
    const t0 = performance.now();
    const ci = bootstrapDelta(big.y, big.a, big.b, 'roc_auc');
    const seconds = (performance.now() - t0) / 1000;
    expect(ci.valid).toBe(1000);
    expect(seconds).toBeLessThan(20);
  });
});
