import { describe, expect, test } from '@jest/globals';
import { standardDeviation } from 'simple-statistics';
import { countsBetweenEdges, equalWidthEdges } from '../../src/stats/equal-width-histogram.js';
import { jensenShannonCounts, jensenShannonNumeric } from '../../src/stats/jensen-shannon.js';
import { psiFromCounts, psiSorted, PSI_EPSILON } from '../../src/stats/psi.js';
import { sortedFinite } from '../../src/stats/sort-float64.js';
import { wassersteinDistance, wassersteinDistanceSorted } from '../../src/stats/wasserstein.js';
import { expectClose } from '../helpers/close.js';
import { generate } from './drift-data.js';
import { oracle } from './drift-oracle.js';

const cases = oracle.numeric.map((c) => [c.name, c] as const);

function expectAllClose(got: readonly number[], exp: readonly number[]): void {
  expect(got.length).toBe(exp.length);
  got.forEach((g, i) => expectClose(g, exp[i]));
}

describe('wasserstein_distance, np.std (scipy / numpy)', () => {
  test.each(cases)('%s', (_name, c) => {
    const x = sortedFinite(generate(c.x));
    const y = sortedFinite(generate(c.y));
    expect([x.length, y.length]).toEqual([c.expect.n1, c.expect.n2]);
    expectClose(wassersteinDistanceSorted(x, y), c.expect.wasserstein);
    // np.std (ddof = 0), the Wasserstein normaliser, via simple-statistics.
    expectClose(standardDeviation(x as unknown as number[]), c.expect.std_ref);
  });
  test('drops nulls and infinities; symmetric; empty throws', () => {
    expect(wassersteinDistance([0, 1, 3, NaN], [5, 6, 8, Infinity])).toBe(5);
    expect(wassersteinDistance([5, 6, 8], [0, 1, 3])).toBe(5);
    expect(() => wassersteinDistance([], [1])).toThrow(RangeError);
  });
});

describe('Jensen–Shannon on 10 shared bins (numpy.histogram + scipy jensenshannon)', () => {
  test.each(cases)('%s', (_name, c) => {
    const x = sortedFinite(generate(c.x));
    const y = sortedFinite(generate(c.y));
    const r = jensenShannonNumeric(x, y);
    const e = c.expect.js;
    expect(r.degenerate).toBe(e.degenerate);
    expectClose(r.distance, e.distance);
    expectClose(r.distanceBase2, e.distance_base2);
    if (!e.degenerate) {
      expect(r.edges).toEqual(e.edges); // linspace edges, bit for bit
      expect(r.refCounts).toEqual(e.ref_counts);
      expect(r.curCounts).toEqual(e.cur_counts);
    } else {
      expect(r.refCounts).toEqual([x.length]);
    }
  });
  test('bounds', () => {
    expectClose(jensenShannonCounts([1, 0], [0, 1]).distance, Math.sqrt(Math.LN2));
    expect(jensenShannonCounts([1, 0], [0, 1]).distanceBase2).toBe(1);
    expect(jensenShannonCounts([3, 5], [6, 10]).distance).toBe(0);
    expect(() => jensenShannonCounts([1], [1, 2])).toThrow(RangeError);
    expect(() => jensenShannonCounts([0, 0], [1, 2])).toThrow(RangeError);
  });
  test('histogram: last bin closed, values on an edge go right', () => {
    const edges = equalWidthEdges(0, 10, 5);
    expect(edges).toEqual([0, 2, 4, 6, 8, 10]);
    expect(countsBetweenEdges(Float64Array.of(0, 2, 3.9, 4, 9.99, 10), edges)).toEqual([1, 2, 1, 0, 2]);
    expect(() => equalWidthEdges(1, 1, 10)).toThrow(RangeError);
  });
});

describe('PSI over reference deciles (numpy.quantile, searchsorted)', () => {
  test.each(cases)('%s', (_name, c) => {
    const x = sortedFinite(generate(c.x));
    const y = sortedFinite(generate(c.y));
    const r = psiSorted(x, y);
    for (const [got, e] of [
      [r, c.expect.psi],
      [r.leftClosedVariant, c.expect.psi_left],
    ] as const) {
      expect(got.refCounts).toEqual(e.ref_counts);
      expect(got.curCounts).toEqual(e.cur_counts);
      expectAllClose(got.terms, e.terms);
      expectClose(got.value, e.value);
    }
    expectAllClose(r.edges, c.expect.psi.edges);
  });
  test('ε replaces empty shares; bins empty on both sides add 0', () => {
    const r = psiFromCounts([10, 0, 0], [0, 10, 0]);
    expectClose(r.terms[0], (PSI_EPSILON - 1) * Math.log(PSI_EPSILON));
    expectClose(r.terms[1], (1 - PSI_EPSILON) * Math.log(1 / PSI_EPSILON));
    expect(r.terms[2]).toBe(0);
  });
  test('a constant reference puts everything at or below the edge in bin 0 (right-closed)', () => {
    const r = psiSorted(Float64Array.of(2, 2, 2, 2), Float64Array.of(1, 2, 3, 3));
    expect(r.refCounts).toEqual([4, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(r.curCounts).toEqual([2, 0, 0, 0, 0, 0, 0, 0, 0, 2]);
    expect(r.leftClosedVariant.refCounts).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 4]);
  });
});
