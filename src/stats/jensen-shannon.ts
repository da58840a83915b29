import { equalWidthHistogramSorted } from './equal-width-histogram.js';

/**
 * Jensen–Shannon distance between two discrete distributions given as counts, as
 * `scipy.spatial.distance.jensenshannon(p, q)` (docs/statistics.md §3.3): p = counts/Σcounts, m = (p + q)/2,
 * JSD = ½Σ p·ln(p/m) + ½Σ q·ln(q/m) (0·ln 0 = 0), distance = √JSD (natural log, ≤ √ln 2 ≈ 0.83255) and
 * `distanceBase2` = √(JSD/ln 2) (≤ 1). Rounding can make JSD a hair below 0 for near-identical inputs,
 * where scipy returns NaN; here it is clamped to 0.
 *
 * {@link jensenShannonNumeric} bins two numeric samples into 10 shared equal-width bins over the range
 * of both (numpy.histogram) first; when that range is a single value the distance is 0 (`degenerate`).
 *
 * Complexity: O(k) for k bins or categories; O(k log n) for the numeric version on sorted input.
 * @throws RangeError when the count vectors differ in length or one of them sums to 0.
 * @see https://docs.scipy.org/doc/scipy-1.10.1/reference/generated/scipy.spatial.distance.jensenshannon.html
 * @example jensenShannonCounts([1, 0], [0, 1]).distance // 0.8325546111576977 (= √ln 2)
 */
export function jensenShannonCounts(
  refCounts: readonly number[],
  curCounts: readonly number[],
): { distance: number; distanceBase2: number } {
  if (refCounts.length !== curCounts.length)
    throw new RangeError('jensenshannon needs count vectors of equal length');
  let n1 = 0;
  let n2 = 0;
  for (const c of refCounts) n1 += c;
  for (const c of curCounts) n2 += c;
  if (!(n1 > 0 && n2 > 0)) throw new RangeError('jensenshannon needs two non-empty distributions');
  let left = 0;
  let right = 0;
  for (let k = 0; k < refCounts.length; k++) {
    const p = refCounts[k] / n1;
    const q = curCounts[k] / n2;
    const m = (p + q) / 2;
    if (p > 0) left += p * Math.log(p / m);
    if (q > 0) right += q * Math.log(q / m);
  }
  const js = Math.max(0, left + right);
  return { distance: Math.sqrt(js / 2), distanceBase2: Math.sqrt(js / Math.LN2 / 2) };
}

export interface NumericJensenShannon {
  distance: number;
  distanceBase2: number;
  /** True when every value of both samples is the same number (distance 0, one bin). */
  degenerate: boolean;
  /** 11 bin edges, or [v, v] when degenerate. */
  edges: number[];
  refCounts: number[];
  curCounts: number[];
}

/** Number of shared equal-width bins of the numeric Jensen–Shannon distance. */
export const JS_NUMERIC_BINS = 10;

/** Jensen–Shannon distance of two ascending, finite, non-empty samples over 10 shared equal-width bins. */
export function jensenShannonNumeric(x: ArrayLike<number>, y: ArrayLike<number>): NumericJensenShannon {
  if (x.length === 0 || y.length === 0) throw new RangeError('jensenshannon needs two non-empty samples');
  const lo = Math.min(x[0], y[0]);
  const hi = Math.max(x[x.length - 1], y[y.length - 1]);
  if (lo === hi) {
    return {
      distance: 0,
      distanceBase2: 0,
      degenerate: true,
      edges: [lo, hi],
      refCounts: [x.length],
      curCounts: [y.length],
    };
  }
  const hx = equalWidthHistogramSorted(x, lo, hi, JS_NUMERIC_BINS);
  const hy = equalWidthHistogramSorted(y, lo, hi, JS_NUMERIC_BINS);
  return {
    ...jensenShannonCounts(hx.counts, hy.counts),
    degenerate: false,
    edges: hx.edges,
    refCounts: hx.counts,
    curCounts: hy.counts,
  };
}
