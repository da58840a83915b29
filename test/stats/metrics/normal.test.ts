import { describe, expect, test } from '@jest/globals';
import { erfc, normalCdf, normalQuantile, normalSf } from '../../../src/stats/metrics/normal.js';
import { loadFixture } from './fixtures.js';

const { cases } = loadFixture<{ cases: Record<'erfc' | 'sf' | 'cdf' | 'quantile', [number, number][]> }>(
  'normal.json',
);

/** Relative error (absolute below 1e-300). */
function relErr(got: number, exp: number): number {
  if (exp === 0) return Math.abs(got);
  return Math.abs(got - exp) / Math.abs(exp);
}

describe('normal distribution vs mpmath (normal.json)', () => {
  test.each(cases.erfc)('erfc(%p)', (x, exp) => expect(relErr(erfc(x), exp)).toBeLessThanOrEqual(1e-15));
  test.each(cases.sf)('normalSf(%p)', (x, exp) =>
    expect(relErr(normalSf(x), exp)).toBeLessThanOrEqual(2e-15),
  );
  test.each(cases.cdf)('normalCdf(%p)', (x, exp) =>
    expect(relErr(normalCdf(x), exp)).toBeLessThanOrEqual(2e-15),
  );
  test.each(cases.quantile)('normalQuantile(%p)', (p, exp) =>
    expect(relErr(normalQuantile(p), exp)).toBeLessThanOrEqual(2e-15),
  );
});

describe('normal edge cases', () => {
  test('quantile limits and domain', () => {
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1)).toBe(Infinity);
    expect(normalQuantile(1.5)).toBeNaN();
    expect(erfc(NaN)).toBeNaN();
    expect(erfc(-30)).toBe(2);
    expect(erfc(30)).toBe(0);
  });
});
