/**
 * The binned statistics' intervals from summaries (src/stats/sketched-two-sample.ts) against every
 * possibility the summaries allow: for small, coarse KLL sketches (k = 8, so the rank errors are large),
 * true cumulative counts at the bin cuts are drawn adversarially — box corners (where a convex statistic
 * peaks), ties that empty bins, single-count bins, random interior points — always nondecreasing and within
 * each cut's error box. Jensen–Shannon and PSI on those bin counts must lie in the stated interval; and the
 * rows' own statistics too (the realistic case). The Wasserstein interval: the exact mean difference as
 * its lower end, the recorded transport bound (or rank error × range without it) around the estimate.
 */
import { describe, expect, test } from '@jest/globals';
import { jensenShannonCounts } from '../../src/stats/jensen-shannon.js';
import { psiFromCounts } from '../../src/stats/psi.js';
import {
  countAtMost,
  countBelow,
  mergeSketched,
  sampleFromKll,
  wassersteinSideBound,
  sketchedJensenShannon,
  sketchedPsi,
  type SketchedSample,
} from '../../src/stats/sketched-two-sample.js';
import { KllSketch } from '../../src/stats/sketches/kll.js';
import { mulberry32, normal } from './sketches/rng.js';

function side(values: Float64Array, seed: number): { sample: SketchedSample; sorted: Float64Array } {
  const sorted = Float64Array.from(values).sort();
  const kll = KllSketch.fromSorted(sorted, 8, seed);
  return { sample: sampleFromKll(kll, sorted[0], sorted[sorted.length - 1]), sorted };
}

/** Nondecreasing cumulative counts within [lo, hi] per cut, drawn in one of several adversarial ways. */
function drawCumulative(lo: number[], hi: number[], r: () => number): number[] {
  const mode = Math.floor(r() * 4);
  const t = lo.map((l, k) => {
    const h = hi[k];
    if (mode === 0) return r() < 0.5 ? l : h; // box corners
    if (mode === 1) return l + Math.floor(r() * (h - l + 1)); // anywhere
    if (mode === 2) return k % 2 ? l : h; // alternating: every other bin as large as possible
    return k % 2 ? h : l;
  });
  // Repair monotonicity towards the previous cut, staying in each box: a tie (empty bin) or +1 (one value).
  for (let k = 1; k < t.length; k++) {
    if (t[k] < t[k - 1]) t[k] = Math.min(hi[k], t[k - 1] + (r() < 0.5 ? 0 : 1));
    if (t[k] < t[k - 1]) return [];
  }
  return t;
}

const bins = (t: number[]) => t.slice(1).map((v, k) => v - t[k]);

describe('binned statistics from summaries: intervals hold against every allowed count vector', () => {
  const shapes: [string, (r: () => number) => number][] = [
    ['normal', (r) => normal(r)],
    ['lognormal', (r) => Math.exp(1.5 * normal(r))],
    ['few values', (r) => Math.floor(r() * 6)],
  ];
  test.each(shapes)('%s, shifted and not', (_name, gen) => {
    const r = mulberry32(77);
    let checked = 0;
    for (let trial = 0; trial < 12; trial++) {
      const shift = [0, 0.2, 1][trial % 3];
      const nx = 200 + Math.floor(r() * 800);
      const ny = 200 + Math.floor(r() * 800);
      const x = side(
        Float64Array.from({ length: nx }, () => gen(r)),
        trial,
      );
      const y = side(
        Float64Array.from({ length: ny }, () => gen(r) + shift),
        trial + 100,
      );
      const js = sketchedJensenShannon(x.sample, y.sample);
      const psi = sketchedPsi(x.sample, y.sample);
      // The rows' own statistics on the same bins.
      const rowsBelow = (s: Float64Array, e: number, closed: boolean) => {
        let c = 0;
        for (const v of s) if (closed ? v <= e : v < e) c++;
        return c;
      };
      if (!js.degenerate) {
        const cut = (s: Float64Array) =>
          js.edges.map((e, k) => (k === js.edges.length - 1 ? s.length : rowsBelow(s, e, false)));
        const d = jensenShannonCounts(bins(cut(x.sorted)), bins(cut(y.sorted))).distance;
        expect(d).toBeGreaterThanOrEqual(js.low - 1e-12);
        expect(d).toBeLessThanOrEqual(js.high + 1e-12);
      }
      const psiCut = (s: Float64Array) => [0, ...psi.edges.map((e) => rowsBelow(s, e, true)), s.length];
      const p = psiFromCounts(bins(psiCut(x.sorted)), bins(psiCut(y.sorted))).value;
      expect(p).toBeGreaterThanOrEqual(psi.low - 1e-12);
      expect(p).toBeLessThanOrEqual(psi.high * (1 + 1e-12));

      // Every count vector the summaries allow: cut boxes as the bounds state them.
      const boxes = (s: SketchedSample, cuts: number[], exactAt: (k: number, e: number) => boolean) => {
        const lo: number[] = [];
        const hi: number[] = [];
        cuts.forEach((c, k) => {
          const exact = exactAt(k, c);
          lo.push(exact ? c : Math.max(0, c - s.error));
          hi.push(exact ? c : Math.min(s.n, c + s.error));
        });
        return { lo, hi };
      };
      const jsBox = (s: SketchedSample) =>
        boxes(
          s,
          js.edges.map((e, k) => (k === js.edges.length - 1 ? s.n : countBelow(s, e))),
          (k) => k === js.edges.length - 1 || js.edges[k] <= s.min || js.edges[k] > s.max,
        );
      const psiBox = (s: SketchedSample) =>
        boxes(
          s,
          [0, ...psi.edges.map((e) => countAtMost(s, e)), s.n],
          (k) =>
            k === 0 || k === psi.edges.length + 1 || psi.edges[k - 1] < s.min || psi.edges[k - 1] >= s.max,
        );
      const [jx, jy, px, py] = [jsBox(x.sample), jsBox(y.sample), psiBox(x.sample), psiBox(y.sample)];
      for (let draw = 0; draw < 400; draw++) {
        if (!js.degenerate) {
          const a = drawCumulative(jx.lo, jx.hi, r);
          const b = drawCumulative(jy.lo, jy.hi, r);
          if (a.length && b.length) {
            const d = jensenShannonCounts(bins(a), bins(b)).distance;
            expect(d).toBeGreaterThanOrEqual(js.low - 1e-12);
            expect(d).toBeLessThanOrEqual(js.high + 1e-12);
            checked++;
          }
        }
        const a = drawCumulative(px.lo, px.hi, r);
        const b = drawCumulative(py.lo, py.hi, r);
        if (a.length && b.length) {
          const v = psiFromCounts(bins(a), bins(b)).value;
          expect(v).toBeGreaterThanOrEqual(psi.low - 1e-12);
          expect(v).toBeLessThanOrEqual(psi.high * (1 + 1e-12));
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(1000);
  });
});

describe('Wasserstein interval from summaries', () => {
  const rowsW1 = (a: Float64Array, b: Float64Array) => {
    // Equal sizes: the mean absolute difference of the sorted samples.
    let s = 0;
    for (let i = 0; i < a.length; i++) s += Math.abs(a[i] - b[i]);
    return s / a.length;
  };
  const mean = (a: Float64Array) => a.reduce((x, y) => x + y, 0) / a.length;

  test('a shifted copy: the exact mean difference lifts the lower end to W itself', () => {
    const r = mulberry32(8);
    const a = Float64Array.from({ length: 3000 }, () => normal(r)).sort();
    const b = a.map((v) => v + 0.25);
    const x = { ...side(a, 1).sample, mean: mean(a) };
    const y = { ...side(b, 2).sample, mean: mean(b) };
    const w = mergeSketched(x, y).wasserstein;
    const truth = rowsW1(a, b);
    expect(truth).toBeCloseTo(0.25, 12);
    expect(w.low).toBeCloseTo(0.25, 9);
    expect(w.low).toBeLessThanOrEqual(truth);
    expect(w.high).toBeGreaterThanOrEqual(truth);
    // Without the means the lower end is the triangle bound only, well below.
    const without = mergeSketched(side(a, 1).sample, side(b, 2).sample).wasserstein;
    expect(without.low).toBeLessThan(w.low - 0.01);
  });

  test('the transport bound is used when recorded, rank error × range otherwise, and both hold', () => {
    const r = mulberry32(9);
    for (let trial = 0; trial < 20; trial++) {
      const a = Float64Array.from({ length: 2000 }, () => normal(r) / Math.sqrt(-Math.log(1 - r()))).sort();
      const b = Float64Array.from(
        { length: 2000 },
        () => normal(r) / Math.sqrt(-Math.log(1 - r())) + 0.1,
      ).sort();
      const [x, y] = [side(a, trial).sample, side(b, trial + 50).sample];
      expect(wassersteinSideBound(x).from).toBe('transport');
      const truth = rowsW1(a, b);
      const tight = mergeSketched(x, y).wasserstein;
      const { w1: _a, ...oldX } = x;
      const { w1: _b, ...oldY } = y;
      expect(wassersteinSideBound(oldX).from).toBe('rank-range');
      const loose = mergeSketched(oldX, oldY).wasserstein;
      for (const i of [tight, loose]) {
        expect(truth).toBeGreaterThanOrEqual(i.low - 1e-12);
        expect(truth).toBeLessThanOrEqual(i.high + 1e-12);
      }
      expect(tight.high - tight.low).toBeLessThan(loose.high - loose.low);
    }
  });
});
