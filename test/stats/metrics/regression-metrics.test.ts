import { describe, expect, test } from '@jest/globals';
import { mape } from '../../../src/stats/metrics/mape.js';
import { regressionMetrics } from '../../../src/stats/metrics/regression-metrics.js';
import { expectClose } from '../../helpers/close.js';
import { loadFixture } from './fixtures.js';

interface Case {
  name: string;
  y: number[];
  yhat: number[];
  expected: Record<string, number | null>;
}
const { cases } = loadFixture<{ cases: Case[] }>('regression.json');

describe('regressionMetrics and mape vs scikit-learn 1.2.1 (regression.json)', () => {
  test.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const y = Float64Array.from(c.y);
    const yhat = Float64Array.from(c.yhat);
    const got = regressionMetrics(y, yhat);
    const { mape: expMape, ...rest } = c.expected;
    expect(Object.keys(got).sort()).toEqual(Object.keys(rest).sort());
    expect(got.n).toBe(rest.n);
    for (const key of ['mse', 'rmse', 'mae', 'r2', 'mean_error'] as const) expectClose(got[key], rest[key]);
    expectClose(mape(y, yhat), expMape);
  });
});

describe('regressionMetrics edge cases', () => {
  test('constant target is decided exactly: y = [0.1]*3 gives r2 0, not scikit-learn’s -5e31', () => {
    expect(regressionMetrics(Float64Array.of(0.1, 0.1, 0.1), Float64Array.of(0.2, 0.2, 0.2)).r2).toBe(0);
    expect(regressionMetrics(Float64Array.of(0.1, 0.1, 0.1), Float64Array.of(0.1, 0.1, 0.1)).r2).toBe(1);
  });
  test('no rows gives NaN everywhere', () => {
    const m = regressionMetrics(new Float64Array(0), new Float64Array(0));
    expect(m.n).toBe(0);
    expect(m.mse).toBeNaN();
    expect(m.r2).toBeNaN();
  });
});
