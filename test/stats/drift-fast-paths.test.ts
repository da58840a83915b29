import { describe, expect, test } from '@jest/globals';
import { PARALLEL_MIN_VALUES, sortFiniteColumns } from '../../src/checks/drift/presort.js';
import { ksStatisticSorted } from '../../src/stats/ks-2samp.js';
import { kstwoSf } from '../../src/stats/kolmogorov-distribution.js';
import { createRng } from '../../src/stats/metrics/random.js';
import { sortFinite } from '../../src/stats/sort-float64.js';
import { smirnovSf } from '../../src/stats/smirnov.js';
import { mergeSortedSamples } from '../../src/stats/two-sample-merge.js';
import { wassersteinDistanceSorted } from '../../src/stats/wasserstein.js';
import { expectClose } from '../helpers/close.js';

function data(n: number, seed: number, shift = 0): Float64Array {
  const rng = createRng(seed);
  const a = new Float64Array(n);
  for (let i = 0; i < n; i++) a[i] = Math.round((rng.normal() + shift) * 100) / 10; // ties, both signs
  return a;
}

describe('sortFiniteColumns (worker threads) equals sortFinite', () => {
  test('above the parallel threshold, two threads', async () => {
    const n = Math.ceil(PARALLEL_MIN_VALUES / 3);
    const columns = [data(n, 11), data(n, 12, 1), data(n + 7, 13), data(5, 14)];
    columns[0][17] = NaN;
    columns[2][3] = -Infinity;
    const got = sortFiniteColumns(columns, 2);
    columns.forEach((c, i) => {
      const want = sortFinite(c);
      expect(got[i].nulls).toBe(want.nulls);
      expect(got[i].infinite).toBe(want.infinite);
      expect(
        Buffer.from(got[i].sorted.buffer, got[i].sorted.byteOffset, got[i].sorted.byteLength).equals(
          Buffer.from(want.sorted.buffer, want.sorted.byteOffset, want.sorted.byteLength),
        ),
      ).toBe(true);
    });
  });
});

describe('mergeSortedSamples is bit-identical to the separate passes', () => {
  test.each([
    [50, 70, 0],
    [3000, 2500, 0.3],
    [4000, 4000, 0],
  ])('n1=%p n2=%p shift=%p', (n1, n2, shift) => {
    const x = sortFinite(data(n1, 1)).sorted;
    const y = sortFinite(data(n2, 2, shift)).sorted;
    const m = mergeSortedSamples(x, y, 5);
    expect(m.ks).toEqual(ksStatisticSorted(x, y));
    expect(m.wasserstein).toBe(wassersteinDistanceSorted(x, y));
    const all = new Set([...x, ...y]);
    expect(m.distinct).toBe(all.size);
    expect(m.distinctValues).toEqual([...all].sort((a, b) => a - b).slice(0, 5));
    // y below x: the negative side wins, located in y
    const neg = mergeSortedSamples(Float64Array.of(2, 3), Float64Array.of(1, 2), Infinity);
    expect(neg.ks).toEqual(ksStatisticSorted(Float64Array.of(2, 3), Float64Array.of(1, 2)));
  });
});

describe('smirnov for large n (the skipped leading terms) against scipy 1.10', () => {
  // scipy.special.smirnov(n, x) and scipy.stats.kstwo.sf(x, n), n = 500000 (2·smirnov on this branch).
  test.each([
    [500000, 0.0025, 0.0038544560212235442],
    [500000, 0.005, 2.767991769909747e-11],
    [500000, 0.01, 7.374635645083527e-44],
    [500000, 0.02, 3.6481966551764204e-174],
    [50000, 0.01, 9.018048811843602e-5],
  ])('kstwo.sf(%p, %p)', (n, x, expected) => {
    const got = kstwoSf(x, n);
    expectClose(got / expected, 1, 1e-13);
    expect(2 * smirnovSf(n, x)).toBe(got);
  });
});
