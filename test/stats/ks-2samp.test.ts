import { describe, expect, test } from '@jest/globals';
import { kolmognSfBranch, kolmogorovSf, kstwoSf } from '../../src/stats/kolmogorov-distribution.js';
import { ks2samp, ks2sampExactPvalue, roundHalfEven } from '../../src/stats/ks-2samp.js';
import { smirnovSf } from '../../src/stats/smirnov.js';
import { expectClose } from '../helpers/close.js';
import { generate } from './drift-data.js';
import { oracle } from './drift-oracle.js';

describe('ks_2samp against scipy 1.10', () => {
  test.each(oracle.numeric.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const e = c.expect.ks;
    const r = ks2samp(generate(c.x), generate(c.y));
    expectClose(r.statistic, e.statistic);
    expectClose(r.pvalue, e.pvalue, 1e-9, true);
    expect(r.method).toBe(e.method);
    expect(r.statisticLocation).toBe(e.location);
    expect(r.statisticSign).toBe(e.sign);
    expect(r.enRounded).toBe(e.en_rounded);
    // scipy's method='asymp' (kstwo.sf of the rounded effective n), also for the exact-sized samples.
    expectClose(r.pvalueAsymp, e.pvalue_asymp, 1e-9, true);
    expectClose(r.pvalueKolmogorovLimit, e.pvalue_kolmogorov_limit, 1e-9, true);
    if (e.method === 'exact') expect(r.pvalueExact).toBe(r.pvalue);
  });

  test('the fixtures cover n1 = n2, n1 ≠ n2 exact and the asymptotic path', () => {
    const kinds = new Set(
      oracle.numeric.map((c) =>
        c.expect.ks.method === 'asymp'
          ? 'asymp'
          : c.expect.n1 === c.expect.n2
            ? 'exact-equal'
            : 'exact-unequal',
      ),
    );
    expect([...kinds].sort()).toEqual(['asymp', 'exact-equal', 'exact-unequal']);
  });

  test('explicit methods', () => {
    const x = [0.1, 0.4, 0.7, 1.1, 1.5];
    const y = [0.3, 0.9, 1.2, 1.6, 2.0, 2.2];
    expect(ks2samp(x, y, 'asymp').method).toBe('asymp');
    expect(ks2samp(x, y, 'exact').method).toBe('exact');
    expect(ks2samp(x, y, 'exact').pvalue).toBe(ks2samp(x, y).pvalue);
  });

  test('drops nulls and infinities, rejects empty samples', () => {
    expect(ks2samp([NaN, 1, 2, Infinity], [1, 2, -Infinity]).statistic).toBe(0);
    expect(() => ks2samp([NaN], [1])).toThrow(RangeError);
  });

  test('h = 0 gives p = 1; identical samples', () => {
    expect(ks2sampExactPvalue(5, 7, 0)).toBe(1);
    const r = ks2samp([1, 2, 3], [3, 2, 1]);
    expect(r.statistic).toBe(0);
    expect(r.pvalue).toBe(1);
  });

  test('roundHalfEven is numpy.round', () => {
    expect([0.5, 1.5, 2.5, -0.5, -1.5, 2.4999, 2.5000001].map(roundHalfEven)).toEqual([
      0, 2, 2, -0, -2, 2, 3,
    ]);
  });
});

describe('kstwo.sf: every branch of scipy _kolmogn', () => {
  test.each(oracle.kstwo)('n=%p d=%p', (n, x, exp, branch) => {
    expect(kolmognSfBranch(n, x)).toBe(branch);
    expectClose(kstwoSf(x, n), exp, 1e-9, true);
    // Far tighter in practice: the ports follow scipy operation by operation.
    expectClose(kstwoSf(x, n), exp, 1e-13, true);
  });

  test('the grid reaches Durbin, Pomeranz, Pelz–Good, smirnov and Ruben–Gambino', () => {
    const seen = new Set(oracle.kstwo.map((r) => r[3]));
    for (const b of ['durbin', 'pomeranz', 'pelz-good', 'smirnov', 'ruben-gambino', 'trivial'])
      expect(seen).toContain(b);
  });

  test('support', () => {
    expect(kstwoSf(0, 10)).toBe(1);
    expect(kstwoSf(0.05, 10)).toBe(1);
    expect(kstwoSf(1, 10)).toBe(0);
    expect(kstwoSf(0.5, 0)).toBeNaN();
  });
});

describe('scipy.special.smirnov and kolmogorov', () => {
  test.each(oracle.smirnov)('smirnov(%p, %p)', (n, x, exp) => {
    const got = smirnovSf(n, x);
    expectClose(got, exp, 1e-12, true);
    if (exp > 1e-300) expectClose(got / exp, 1, 1e-9);
  });
  test.each(oracle.kolmogorov)('kolmogorov(%p)', (x, exp) => {
    expectClose(kolmogorovSf(x), exp, 1e-14, true);
  });
});
