/**
 * Two-sample drift statistics from summaries instead of rows: each side is a weighted, ascending list of
 * items (a KLL sketch's held items, or exact value counts) with a deterministic bound `error` on how far
 * its count of values ≤ x can be from the true count, for every x at once. Every statistic comes with an
 * interval that contains the value the same definition gives on the rows (docs/statistics.md §3):
 *
 * - KS: D̂ = sup |F̂ − Ĝ| over every item of both sides; |D̂ − D| ≤ εF + εG (ε = error/n), because
 *   F̂ − Ĝ is within εF + εG of F − G at every x. The p-value is the row-level formula applied to D̂ and to
 *   the ends of D's interval (it treats D̂ as if it were the exact statistic: a caveat, not a bound on the
 *   p-value's own approximation).
 * - Wasserstein-1: Ŵ = ∫|F̂ − Ĝ|dx = W1(F̂, Ĝ). By the triangle inequality for W1,
 *   |Ŵ − W| ≤ W1(F, F̂) + W1(G, Ĝ), and each side's W1(data, sketch) = ∫|F − F̂|dx is at most both
 *   (a) the sketch's recorded transport bound w1/n (kll.w1: exact when the sketch was built from the
 *   sorted column, plus the exact cost of every later merge compaction; a merged sketch's data and items
 *   are mixtures with the same weights n_i/n, and W1 is convex under such mixtures), and
 *   (b) ε·(max − min) (|F − F̂| ≤ ε everywhere and F̂ = F outside [min, max], exact in the profile), the only
 *   bound for sketches written before w1 was recorded. Each side uses the smaller.
 *   Lower bound: W = ∫|F − G|dx ≥ |∫(F − G)dx| = |mean(X) − mean(Y)|, and both means are exact in a
 *   profile (exact sums), so W ≥ |μF − μG| whatever the sketches; the estimate is clamped into the interval.
 * - Jensen–Shannon (10 equal-width bins over the exact [min, max] of both) and PSI (bins cut at the
 *   reference sketch's deciles): each bin count is within the errors of its two edges; each bin's term is
 *   jointly convex in (p, q) and grows away from p = q, so its range over the box of possible (p, q) is
 *   reached at the box's corners; the sum of the per-bin ranges bounds the statistic. The upper end is then
 *   tightened to the exact maximum over the true cumulative counts the summaries allow (nondecreasing,
 *   each within its cut's error): adjacent bins share a cut, so they cannot both be at their extremes in
 *   the same direction (chainMax: a convex maximum over a polytope is at a vertex; a dynamic programme
 *   over the cuts' vertex values finds it). Cuts below a side's exact minimum or beyond its maximum are exact.
 *
 * With exact value counts (error 0) every interval is a point and the statistics equal the row-level ones
 * (PSI's deciles use numpy's 'linear' quantile on the counts, as on the rows).
 */
import { equalWidthEdges } from './equal-width-histogram.js';
import { jensenShannonCounts, JS_NUMERIC_BINS } from './jensen-shannon.js';
import { ks2sampFromStatistic, type KsStatistic } from './ks-2samp.js';
import { PSI_EPSILON } from './psi.js';
import type { KllSketch } from './sketches/kll.js';

const { abs, max, min, sqrt, log } = Math;

export interface SketchedSample {
  /** Held items, ascending (repeats allowed). */
  values: Float64Array;
  /** Cumulative weight up to and including each item; the last equals n. */
  cumulative: Float64Array;
  /** Number of values summarised. */
  n: number;
  /** Bound on |estimated count of values ≤ x − true count| for every x (0: exact). */
  error: number;
  /** Exact smallest and largest value. */
  min: number;
  max: number;
  /**
   * Bound on ∫|true count ≤ x − estimated count ≤ x|dx = n·W1(values, summary) (0: exact; undefined:
   * not recorded, the Wasserstein bound then falls back to error × range).
   */
  w1?: number;
  /** Exact mean of the values, when known (gives a lower bound on the Wasserstein distance). */
  mean?: number;
}

/** A sample from exact value counts (values ascending, counts > 0). */
export function sampleFromCounts(values: Float64Array, counts: ArrayLike<number>): SketchedSample {
  const cumulative = new Float64Array(values.length);
  let acc = 0;
  for (let i = 0; i < values.length; i++) cumulative[i] = acc += counts[i];
  return { values, cumulative, n: acc, error: 0, w1: 0, min: values[0], max: values[values.length - 1] };
}

/**
 * A sample from a KLL sketch whose rank-error bound is known, with the exact min and max (and the exact
 * mean when known); its transport bound w1 when the sketch recorded one.
 */
export function sampleFromKll(
  kll: KllSketch,
  minValue: number,
  maxValue: number,
  mean?: number,
): SketchedSample {
  const error = kll.rankErrorBound;
  if (error === undefined) throw new RangeError('the KLL sketch does not record its rank-error bound');
  const { values, cumulative } = kll.weighted();
  const w1 = kll.transportBound;
  return {
    values,
    cumulative,
    n: kll.count,
    error,
    min: minValue,
    max: maxValue,
    ...(w1 === undefined ? {} : { w1 }),
    ...(mean === undefined ? {} : { mean }),
  };
}

/**
 * Bound on W1(values, summary) of one side: the smaller of its transport bound w1/n and ε·(max − min)
 * (module doc); which one applies is reported so that a profile without w1 can say re-profiling helps.
 */
export function wassersteinSideBound(s: SketchedSample): { bound: number; from: 'transport' | 'rank-range' } {
  const rankRange = (s.error / s.n) * (s.max - s.min);
  if (s.w1 === undefined || rankRange <= s.w1 / s.n) return { bound: rankRange, from: 'rank-range' };
  return { bound: s.w1 / s.n, from: 'transport' };
}

/** Estimated number of values ≤ x. */
export function countAtMost(s: SketchedSample, x: number): number {
  let lo = 0;
  let hi = s.values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (s.values[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo === 0 ? 0 : s.cumulative[lo - 1];
}

/** Estimated number of values < x. */
export function countBelow(s: SketchedSample, x: number): number {
  let lo = 0;
  let hi = s.values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (s.values[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo === 0 ? 0 : s.cumulative[lo - 1];
}

/** The value at 0-based rank r of an exact sample (the r-th smallest). */
function valueAtRank(s: SketchedSample, r: number): number {
  let lo = 0;
  let hi = s.values.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (s.cumulative[mid] > r) hi = mid;
    else lo = mid + 1;
  }
  return s.values[lo];
}

/**
 * p-quantile: numpy 'linear' (docs/statistics.md §2) on exact counts; on a sketch, the smallest item whose
 * cumulative weight reaches p·n (as KllSketch.quantile), clamped to the exact [min, max].
 */
export function sampleQuantile(s: SketchedSample, p: number): number {
  if (s.error === 0) {
    const h = (s.n - 1) * p;
    const i = Math.floor(h);
    const g = h - i;
    const a = valueAtRank(s, i);
    const b = valueAtRank(s, min(i + 1, s.n - 1));
    return g >= 0.5 ? b - (b - a) * (1 - g) : a + (b - a) * g;
  }
  const target = p * s.n;
  let lo = 0;
  let hi = s.values.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (s.cumulative[mid] >= target) hi = mid;
    else lo = mid + 1;
  }
  return min(s.max, max(s.min, s.values[lo]));
}

export interface Interval {
  value: number;
  /** Smallest and largest value the row-level statistic can have given the summaries' errors. */
  low: number;
  high: number;
}

export interface SketchedKs {
  ks: KsStatistic;
  /** Bound on |D̂ − D|. */
  error: number;
  pvalue: number;
  method: 'exact' | 'asymp';
  /** p-values at the ends of D's interval: [p(D̂ + error), p(D̂ − error)]. */
  pvalueLow: number;
  pvalueHigh: number;
}

export interface SketchedMerge {
  ks: SketchedKs;
  /** Ŵ and its interval (clamped at 0). */
  wasserstein: Interval;
}

/**
 * One merge of two summaries: the KS statistic (with scipy's sign and location conventions, as
 * ksStatisticSorted) and the Wasserstein-1 distance of the summarised CDFs, with their bounds.
 */
export function mergeSketched(x: SketchedSample, y: SketchedSample): SketchedMerge {
  const n1 = x.n;
  const n2 = y.n;
  const xs = x.values;
  const ys = y.values;
  const l1 = xs.length;
  const l2 = ys.length;
  let maxX = -Infinity;
  let maxXAt = NaN;
  let maxY = -Infinity;
  let maxYAt = NaN;
  let minX = Infinity;
  let minXAt = NaN;
  let minY = Infinity;
  let minYAt = NaN;
  let sum = 0;
  let comp = 0;
  let prev = 0;
  let term = 0;
  let first = true;
  let i = 0;
  let j = 0;
  while (i < l1 || j < l2) {
    let v: number;
    let inX: boolean;
    if (j >= l2 || (i < l1 && xs[i] < ys[j])) {
      v = xs[i++];
      inX = true;
      while (i < l1 && xs[i] === v) i++;
    } else if (i >= l1 || ys[j] < xs[i]) {
      v = ys[j++];
      inX = false;
      while (j < l2 && ys[j] === v) j++;
    } else {
      v = xs[i++];
      j++;
      inX = true;
      while (i < l1 && xs[i] === v) i++;
      while (j < l2 && ys[j] === v) j++;
    }
    if (!first) {
      const t = term * (v - prev);
      const s = sum + t;
      comp += abs(sum) >= abs(t) ? sum - s + t : t - s + sum;
      sum = s;
    }
    first = false;
    const c = (i ? x.cumulative[i - 1] : 0) / n1 - (j ? y.cumulative[j - 1] : 0) / n2;
    term = abs(c);
    prev = v;
    if (inX) {
      if (c > maxX) [maxX, maxXAt] = [c, v];
      if (c < minX) [minX, minXAt] = [c, v];
    } else {
      if (c > maxY) [maxY, maxYAt] = [c, v];
      if (c < minY) [minY, minYAt] = [c, v];
    }
  }
  const maxS = max(maxX, maxY);
  const locMax = maxX === maxS ? maxXAt : maxYAt;
  const minC = min(minX, minY);
  const locMin = minX === minC ? minXAt : minYAt;
  const minS = min(1, max(0, -minC));
  const ks: KsStatistic =
    minS > maxS
      ? { statistic: minS, sign: -1, location: locMin }
      : { statistic: maxS, sign: 1, location: locMax };
  const ksError = x.error / n1 + y.error / n2;
  const test = ks2sampFromStatistic(n1, n2, ks);
  const pAt = (d: number) => ks2sampFromStatistic(n1, n2, { ...ks, statistic: min(1, max(0, d)) }).pvalue;
  const wHat = sum + comp;
  const wError = wassersteinSideBound(x).bound + wassersteinSideBound(y).bound;
  // W ≥ |μF − μG| (module doc); the margin covers the rounding of the two means.
  const meanGap =
    x.mean === undefined || y.mean === undefined || wError === 0
      ? 0
      : abs(x.mean - y.mean) * (1 - 2 ** -40) - 4 * Number.EPSILON * max(abs(x.mean), abs(y.mean));
  const wLow = max(0, wHat - wError, meanGap);
  const wHigh = max(wHat + wError, wLow);
  const w = min(wHigh, max(wLow, wHat));
  return {
    ks: {
      ks,
      error: ksError,
      pvalue: test.pvalue,
      method: test.method,
      pvalueLow: ksError === 0 ? test.pvalue : pAt(ks.statistic + ksError),
      pvalueHigh: ksError === 0 ? test.pvalue : pAt(ks.statistic - ksError),
    },
    wasserstein: { value: w, low: wLow, high: wHigh },
  };
}

/** A bin count and the range the true count can be in. */
interface BinCount {
  count: number;
  low: number;
  high: number;
}

/**
 * Counts between consecutive cut points, from counts below each cut (`below[k]`, `exact[k]` when that
 * cumulative count is known exactly, e.g. 0 below the minimum).
 */
function binsFromCumulative(below: number[], exact: boolean[], n: number, error: number): BinCount[] {
  const bins: BinCount[] = [];
  for (let k = 0; k + 1 < below.length; k++) {
    const count = below[k + 1] - below[k];
    const slack = (exact[k] ? 0 : error) + (exact[k + 1] ? 0 : error);
    bins.push({ count, low: max(0, count - slack), high: min(n, count + slack) });
  }
  return bins;
}

/** The interval a true cumulative count lies in (integers: counts and rank errors are whole numbers). */
interface CutBox {
  lo: number;
  hi: number;
}

function cutBoxes(below: number[], exact: boolean[], n: number, error: number): CutBox[] {
  return below.map((b, k) =>
    exact[k] ? { lo: b, hi: b } : { lo: max(0, b - error), hi: min(n, b + error) },
  );
}

/** Largest candidate set per cut for {@link chainMax}; beyond it the per-bin box bound is used alone. */
const MAX_CANDIDATES = 16;

/**
 * Candidate values of each true cumulative count at the vertices of the feasible set (see
 * {@link chainMax}): a vertex fixes each cut either at a box end or, through a chain of active steps
 * T_{k+1} − T_k = δ (δ = 0: an empty bin; δ = 1: a bin at its smallest non-empty count, where PSI's share
 * jumps), at a neighbour's value ± δ — so the closure of the box ends under ±δ steps, kept inside each box.
 * Undefined when a set grows past {@link MAX_CANDIDATES} (heavily overlapping boxes).
 */
function vertexCandidates(boxes: CutBox[], steps: number[]): number[][] | undefined {
  const sets = boxes.map((b) => new Set([b.lo, b.hi]));
  const inside = (v: number, b: CutBox) => v >= b.lo && v <= b.hi;
  for (let round = 0, changed = true; changed && round <= boxes.length; round++) {
    changed = false;
    for (let k = 0; k < boxes.length; k++) {
      const add = (v: number) => {
        if (inside(v, boxes[k]) && !sets[k].has(v)) {
          sets[k].add(v);
          changed = true;
        }
      };
      for (const d of steps) {
        if (k > 0) for (const c of [...sets[k - 1]]) add(c + d);
        if (k + 1 < boxes.length) for (const c of [...sets[k + 1]]) add(c - d);
      }
      if (sets[k].size > MAX_CANDIDATES) return undefined;
    }
  }
  return sets.map((set) => [...set].sort((a, b) => a - b));
}

/**
 * The largest value of Σ_k term(bF_k, bG_k) over every pair of true cumulative-count vectors (TF, TG)
 * that lie in their cut boxes and are nondecreasing (bins b_k = T_{k+1} − T_k ≥ 0), or +∞ when the
 * candidate sets are too large. Sound and tighter than the per-bin box: adjacent bins share a cut, so
 * they cannot both take their extreme counts in the same direction. Why it is the maximum: the feasible
 * set is a polytope (for PSI, a union of polytopes, one per choice of which bins are empty, on each of which
 * the shares are affine in T), the sum is jointly convex there (each bin term is), so the maximum lies at a
 * vertex, and every vertex value is in {@link vertexCandidates}. The sum is a chain over consecutive cuts,
 * so a dynamic programme over (TF_k, TG_k) finds it exactly.
 */
function chainMax(
  F: CutBox[],
  G: CutBox[],
  term: (bF: number, bG: number, k: number) => number,
  steps: number[],
): number {
  const cf = vertexCandidates(F, steps);
  const cg = vertexCandidates(G, steps);
  if (!cf || !cg) return Infinity;
  let best = new Float64Array(cf[0].length * cg[0].length);
  for (let k = 1; k < F.length; k++) {
    const [pf, pg, tf, tg] = [cf[k - 1], cg[k - 1], cf[k], cg[k]];
    const next = new Float64Array(tf.length * tg.length).fill(-Infinity);
    for (let a = 0; a < tf.length; a++)
      for (let b = 0; b < tg.length; b++) {
        let m = -Infinity;
        for (let i = 0; i < pf.length && pf[i] <= tf[a]; i++)
          for (let j = 0; j < pg.length && pg[j] <= tg[b]; j++) {
            const prev = best[i * pg.length + j];
            if (prev === -Infinity) continue;
            const v = prev + term(tf[a] - pf[i], tg[b] - pg[j], k - 1);
            if (v > m) m = v;
          }
        next[a * tg.length + b] = m;
      }
    best = next;
  }
  let result = -Infinity;
  for (const v of best) result = max(result, v);
  // No feasible vector cannot happen (the true counts are one); keep the box bound then.
  return result === -Infinity ? Infinity : result;
}

/** h(p, q) = ½p·ln(2p/(p+q)) + ½q·ln(2q/(p+q)) (0·ln 0 = 0): one bin's share of the JS divergence. */
function jsTerm(p: number, q: number): number {
  const m = (p + q) / 2;
  return (p > 0 ? 0.5 * p * log(p / m) : 0) + (q > 0 ? 0.5 * q * log(q / m) : 0);
}

/** (a − p)·ln(a/p): one bin's PSI term. */
function psiTerm(p: number, a: number): number {
  return (a - p) * log(a / p);
}

/**
 * Range of a jointly convex bin term f(p, q) that is 0 on p = q and grows away from it, over the box
 * [p1, p2] × [q1, q2]: the maximum is at a corner; the minimum is 0 if the box meets the diagonal, else at
 * the corner nearest to it.
 */
function termRange(
  f: (p: number, q: number) => number,
  [p1, p2]: [number, number],
  [q1, q2]: [number, number],
): [number, number] {
  const hi = max(f(p1, q1), f(p1, q2), f(p2, q1), f(p2, q2));
  const lo = p2 < q1 ? f(p2, q1) : q2 < p1 ? f(p1, q2) : 0;
  return [lo, hi];
}

export interface SketchedJs extends Interval {
  /** √(JSD/ln 2) for the point estimate. */
  distanceBase2: number;
  edges: number[];
  refCounts: number[];
  curCounts: number[];
  degenerate: boolean;
}

/**
 * Jensen–Shannon distance over 10 shared equal-width bins [e_k, e_{k+1}) (last closed) between the exact
 * min and max of both sides (docs/statistics.md §3.3), bin counts from the summaries.
 */
export function sketchedJensenShannon(x: SketchedSample, y: SketchedSample): SketchedJs {
  const lo = min(x.min, y.min);
  const hi = max(x.max, y.max);
  if (lo === hi) {
    return {
      value: 0,
      low: 0,
      high: 0,
      distanceBase2: 0,
      edges: [lo, hi],
      refCounts: [x.n],
      curCounts: [y.n],
      degenerate: true,
    };
  }
  const edges = equalWidthEdges(lo, hi, JS_NUMERIC_BINS);
  const side = (s: SketchedSample) => {
    // Counts below each edge; the last cut counts every value (the last bin is closed).
    const below = edges.map((e, k) => (k === edges.length - 1 ? s.n : countBelow(s, e)));
    // Exact below the minimum (0) and above the maximum (n): the profile's min and max are exact.
    const exact = edges.map((e, k) => s.error === 0 || k === edges.length - 1 || e <= s.min || e > s.max);
    return {
      bins: binsFromCumulative(below, exact, s.n, s.error),
      cuts: cutBoxes(below, exact, s.n, s.error),
    };
  };
  const { bins: bx, cuts: cx } = side(x);
  const { bins: by, cuts: cy } = side(y);
  const refCounts = bx.map((b) => b.count);
  const curCounts = by.map((b) => b.count);
  const point = jensenShannonCounts(refCounts, curCounts);
  let jsdLow = 0;
  let jsdHigh = 0;
  for (let k = 0; k < bx.length; k++) {
    const [l, h] = termRange(
      jsTerm,
      [bx[k].low / x.n, bx[k].high / x.n],
      [by[k].low / y.n, by[k].high / y.n],
    );
    jsdLow += l;
    jsdHigh += h;
  }
  jsdHigh = min(
    jsdHigh,
    chainMax(cx, cy, (bF, bG) => jsTerm(bF / x.n, bG / y.n), [0]),
  );
  if (x.error === 0 && y.error === 0) [jsdLow, jsdHigh] = [point.distance ** 2, point.distance ** 2];
  return {
    value: point.distance,
    low: min(point.distance, sqrt(max(0, jsdLow))),
    high: max(point.distance, sqrt(max(0, jsdHigh))),
    distanceBase2: point.distanceBase2,
    edges,
    refCounts,
    curCounts,
    degenerate: false,
  };
}

export interface SketchedPsi extends Interval {
  /** The reference summary's deciles q1..q9 (exact when its counts are). */
  edges: number[];
  refCounts: number[];
  curCounts: number[];
  terms: number[];
}

/**
 * PSI over the 10 bins (−∞, q1], (q1, q2], …, (q9, ∞) cut at the reference summary's deciles
 * (docs/statistics.md §3.4; ε = 1e-4 for an empty share). The interval holds the PSI of the rows on these
 * same edges; with exact counts the edges are the rows' deciles.
 */
export function sketchedPsi(x: SketchedSample, y: SketchedSample): SketchedPsi {
  const edges: number[] = [];
  for (let k = 1; k <= 9; k++) edges.push(sampleQuantile(x, k / 10));
  const side = (s: SketchedSample) => {
    const below = [0, ...edges.map((e) => countAtMost(s, e)), s.n];
    // Exact at the ends, and at cuts below the exact minimum (0) or at/above the exact maximum (n).
    const exact = below.map(
      (_, k) =>
        s.error === 0 || k === 0 || k === below.length - 1 || edges[k - 1] < s.min || edges[k - 1] >= s.max,
    );
    return {
      bins: binsFromCumulative(below, exact, s.n, s.error),
      cuts: cutBoxes(below, exact, s.n, s.error),
    };
  };
  const { bins: bx, cuts: cx } = side(x);
  const { bins: by, cuts: cy } = side(y);
  const share = (c: number, n: number) => (c === 0 ? PSI_EPSILON : c / n);
  // A share whose count may be 0 may also be any positive count: its smallest possible value is min(ε, 1/n).
  const range = (b: BinCount, n: number): [number, number] => [
    b.low > 0 ? b.low / n : min(PSI_EPSILON, 1 / n),
    max(share(b.high, n), b.low > 0 ? 0 : PSI_EPSILON),
  ];
  const exact = x.error === 0 && y.error === 0;
  const terms: number[] = [];
  let value = 0;
  let low = 0;
  let high = 0;
  for (let k = 0; k < bx.length; k++) {
    const t = psiTerm(share(bx[k].count, x.n), share(by[k].count, y.n));
    terms.push(t);
    value += t;
    const [l, h] = exact ? [t, t] : termRange(psiTerm, range(bx[k], x.n), range(by[k], y.n));
    low += l;
    high += h;
  }
  if (!exact)
    high = min(
      high,
      chainMax(cx, cy, (bF, bG) => psiTerm(share(bF, x.n), share(bG, y.n)), [0, 1]),
    );
  return {
    value,
    low: min(value, low),
    high: max(value, high),
    edges,
    refCounts: bx.map((b) => b.count),
    curCounts: by.map((b) => b.count),
    terms,
  };
}
