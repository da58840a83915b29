import { describe, expect, test } from '@jest/globals';
import { benjaminiHochberg } from '../../src/stats/benjamini-hochberg.js';
import { chiSquareContingency, cramersV } from '../../src/stats/chi-square-contingency.js';
import { jensenShannonCounts } from '../../src/stats/jensen-shannon.js';
import { twoProportionZTest } from '../../src/stats/two-proportion-z.js';
import { expectClose } from '../helpers/close.js';
import { oracle } from './drift-oracle.js';

describe('chi2_contingency (scipy, correction=True) and categorical Jensen–Shannon', () => {
  test.each(oracle.categorical.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const r = chiSquareContingency(c.ref, c.cur);
    const e = c.expect.chi2;
    expect(r.dof).toBe(e.dof);
    expect(r.yates).toBe(e.dof === 1);
    expectClose(r.statistic, e.statistic);
    expectClose(r.pvalue, e.pvalue, 1e-9, true);
    expectClose(r.uncorrected.statistic, e.uncorrected.statistic);
    expectClose(r.uncorrected.pvalue, e.uncorrected.pvalue, 1e-9, true);
    r.expected.forEach((row, i) => row.forEach((v, j) => expectClose(v, e.expected[i][j])));
    const js = jensenShannonCounts(c.ref, c.cur);
    expectClose(js.distance, c.expect.js.distance);
    expectClose(js.distanceBase2, c.expect.js.distance_base2);
    if (c.expect.z) {
      const z = twoProportionZTest(c.ref[0], c.ref[0] + c.ref[1], c.cur[0], c.cur[0] + c.cur[1]);
      expectClose(z.statistic, c.expect.z.statistic);
      expectClose(z.pvalue, c.expect.z.pvalue, 1e-9, true);
    }
  });
  test('a zero row is an error (scipy: zero expected frequency)', () => {
    expect(() => chiSquareContingency([0, 0], [1, 2])).toThrow(RangeError);
    expect(() => chiSquareContingency([1], [1, 2])).toThrow(RangeError);
  });
  test("Cramér's V", () => {
    expectClose(cramersV(8, 100, 3), Math.sqrt(0.08));
    expect(cramersV(0, 10, 1)).toBe(0);
  });
});

describe('two-proportion z-test (statsmodels proportions_ztest, pooled)', () => {
  test.each(oracle.z.map((c) => [`${c.c1}/${c.n1} vs ${c.c2}/${c.n2}`, c] as const))('%s', (_name, c) => {
    const r = twoProportionZTest(c.c1, c.n1, c.c2, c.n2);
    if (c.expect === null) {
      // statsmodels: NaN; both samples are one category: no evidence of a difference.
      expect(r).toEqual({ statistic: 0, pvalue: 1 });
    } else {
      expectClose(r.statistic, c.expect.statistic);
      expectClose(r.pvalue, c.expect.pvalue, 1e-9, true);
    }
  });
  test('bad input', () => {
    expect(() => twoProportionZTest(1, 0, 1, 2)).toThrow(RangeError);
    expect(() => twoProportionZTest(3, 2, 1, 2)).toThrow(RangeError);
  });
});

describe('Benjamini–Hochberg (statsmodels multipletests fdr_bh)', () => {
  test.each(oracle.bh.map((c) => [c.p.length, c] as const))('%p p-values', (_n, c) => {
    const got = benjaminiHochberg(c.p);
    got.forEach((g, i) => expectClose(g, c.adjusted[i], 1e-12, true));
  });
  test('NaN stays NaN and is not counted', () => {
    const got = benjaminiHochberg([0.01, NaN, 0.02]);
    expect(got[1]).toBeNaN();
    expectClose(got[0], 0.02);
    expectClose(got[2], 0.02);
    expect(benjaminiHochberg([])).toEqual([]);
  });
});
