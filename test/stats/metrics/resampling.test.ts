import { describe, expect, test } from '@jest/globals';
import { binaryMetricSet, regressionMetricSet } from '../../../src/stats/metrics/metric-sets.js';
import { createRng } from '../../../src/stats/metrics/random.js';
import { binaryResamplers, regressionResamplers } from '../../../src/stats/metrics/resampling.js';
import { resampleCounts } from '../../../src/stats/metrics/bootstrap.js';
import { expectClose } from '../../helpers/close.js';

function binaryData(n: number, seed: number): { y: Float64Array; p: Float64Array } {
  const rng = createRng(seed);
  const y = new Float64Array(n);
  const p = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    y[i] = rng.float() < 0.4 ? 1 : 0;
    p[i] = Math.min(1, Math.max(0, Math.round((0.3 * y[i] + 0.35 + 0.2 * rng.normal()) * 50) / 50));
  }
  return { y, p };
}

function expand(w: Uint32Array, ...arrays: Float64Array[]): Float64Array[] {
  return arrays.map((a) => {
    const out: number[] = [];
    w.forEach((m, i) => {
      for (let r = 0; r < m; r++) out.push(a[i]);
    });
    return Float64Array.from(out);
  });
}

describe.each([300, 3000])('weighted metrics equal the plain metrics (n = %p)', (n) => {
  const { y, p } = binaryData(n, n);
  const resamplers = binaryResamplers(y, p, 0.5);
  test('all weights 1', () => {
    const plain = binaryMetricSet(y, p);
    const ones = new Uint32Array(n).fill(1);
    for (const [name, stat] of Object.entries(resamplers))
      expectClose(stat(ones), plain[name as keyof typeof plain] as number, 1e-12);
  });
  test('a bootstrap resample equals the metric on the expanded rows', () => {
    const w = resampleCounts(createRng(9), new Uint32Array(n));
    const [ye, pe] = expand(w, y, p);
    const plain = binaryMetricSet(ye, pe);
    for (const [name, stat] of Object.entries(resamplers))
      expectClose(stat(w), plain[name as keyof typeof plain] as number, 1e-12);
  });
  test('regression resamplers', () => {
    const rng = createRng(n + 5);
    const t = Float64Array.from({ length: n }, () => rng.normal() * 3 + 1);
    const h = Float64Array.from(t, (v) => v + rng.normal());
    t[0] = 0; // MAPE eps path
    const reg = regressionResamplers(t, h);
    const w = resampleCounts(rng, new Uint32Array(n));
    const [te, he] = expand(w, t, h);
    const plain = regressionMetricSet(te, he);
    for (const [name, stat] of Object.entries(reg))
      expectClose(stat(w), plain[name as keyof typeof plain] as number, 1e-9);
  });
});

test('undefined on a resample → NaN (single class drawn)', () => {
  const r = binaryResamplers(Float64Array.of(0, 1), Float64Array.of(0.2, 0.8));
  expect(r.roc_auc(Uint32Array.of(2, 0))).toBeNaN();
  expect(r.average_precision(Uint32Array.of(2, 0))).toBeNaN();
});
