/**
 * The binned statistics' intervals from summaries (src/stats/sketched-two-sample.ts) against every
 * possibility the summaries allow: for small, coarse KLL sketches (k = 8, so the rank errors are large),
 * true cumulative counts at the bin cuts are drawn adversarially — box corners (where a convex statistic
 * peaks), ties that empty bins, single-count bins, random interior points — always nondecreasing and within
 * each cut's error box. Jensen–Shannon and PSI on those bin counts must lie in the stated interval; and the
 * rows' own statistics too (the realistic case).
 */
import { describe, expect, test } from '@jest/globals';
import { jensenShannonCounts } from '../../src/stats/jensen-shannon.js';
import { psiFromCounts } from '../../src/stats/psi.js';
import {
  countAtMost,
  countBelow,
  sampleFromKll,
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
