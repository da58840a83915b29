import { kolmogorovSf, kstwoSf } from './kolmogorov-distribution.js';
import { sortedFinite } from './sort-float64.js';

// Math functions bound once: hot loops then skip a global lookup per call (expensive in jest's vm
// sandbox, where every global access is intercepted; harmless elsewhere).
const { abs, ceil, floor, max, min, round, sqrt } = Math;

/**
 * Two-sample Kolmogorov–Smirnov test, two-sided, exactly as scipy 1.10 `scipy.stats.ks_2samp`
 * (docs/statistics.md §3.1): statistic, its sign and location, and the p-value by the exact lattice-path
 * count (max(n1, n2) ≤ 10000 with `method: 'auto'`) or the finite-n Kolmogorov distribution
 * `kstwo.sf(D, round(n1·n2/(n1+n2)))`.
 *
 * The exact p-value ports scipy's `_compute_prob_outside_square` (n1 = n2) and the Hodges "inside method"
 * with Viehmann's 1 − p recursion (`_compute_outer_prob_inside_method`, scipy `_stats_pythran.py`,
 * BSD-3-Clause). If it is not finite or not in [0, 1], scipy falls back to the asymptotic p-value and so
 * does this function (`method` then reports `asymp`).
 *
 * Complexity: O(n1 + n2) for the statistic on sorted input (O(n log n) with {@link ks2samp}); exact p
 * O(n1 + n2) when n1 = n2, else O(m · window) ≤ O(n1·n2/gcd) in the worst case; asymptotic p see
 * `kolmogorov-distribution.ts`.
 * @throws RangeError when a sample is empty.
 * @see https://docs.scipy.org/doc/scipy-1.10.1/reference/generated/scipy.stats.ks_2samp.html
 * @see T. Viehmann, "Numerically more stable computation of the p-values for the two-sample
 *   Kolmogorov-Smirnov test", arXiv:2102.08037
 * @example ks2samp([1, 2, 3, 4], [3, 4, 5, 6, 7]).statistic // 0.6
 */

export type KsMethod = 'auto' | 'exact' | 'asymp';

export interface Ks2SampResult {
  /** D = max |F1 − F2| (the raw difference, not rounded to the lattice). */
  statistic: number;
  /** +1 when F1 − F2 attains D (reference above current), −1 when F2 − F1 does. */
  statisticSign: 1 | -1;
  /** The first value, in sorted(x) ++ sorted(y) order, where D is attained. */
  statisticLocation: number;
  /** The method whose p-value is `pvalue`. */
  method: 'exact' | 'asymp';
  pvalue: number;
  /** Exact p (null when not computed: asymp requested or `auto` with max(n1, n2) > 10000, or it failed). */
  pvalueExact: number | null;
  /** kstwo.sf(D, round(en)), always computed. */
  pvalueAsymp: number;
  /** kstwobign.sf(√en · D) with unrounded en: the limiting distribution (informational). */
  pvalueKolmogorovLimit: number;
  /** h/lcm, h = round_half_even(D·lcm), when the exact method ran. */
  statisticExactLattice: number | null;
  lcm: number;
  h: number | null;
  /** n1·n2/(n1+n2). */
  en: number;
  enRounded: number;
}

/** `max(n1, n2)` up to which `auto` uses the exact p-value (scipy's MAX_AUTO_N). */
export const KS_MAX_AUTO_N = 10000;
const INT32_MAX = 2147483647;

/** KS test on the finite values of two samples (nulls as NaN and ±∞ are dropped first). */
export function ks2samp(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  method: KsMethod = 'auto',
): Ks2SampResult {
  return ks2sampSorted(sortedFinite(x), sortedFinite(y), method);
}

/** KS test on two ascending, finite, non-empty samples. */
export function ks2sampSorted(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  method: KsMethod = 'auto',
): Ks2SampResult {
  if (x.length === 0 || y.length === 0) throw new RangeError('ks_2samp needs two non-empty samples');
  return ks2sampFromStatistic(x.length, y.length, ksStatisticSorted(x, y), method);
}

/**
 * The KS test from its statistic (as {@link ksStatisticSorted} returns it) and the sample sizes: the
 * p-values of {@link ks2sampSorted} without another pass over the data.
 */
export function ks2sampFromStatistic(
  n1: number,
  n2: number,
  { statistic, sign, location }: KsStatistic,
  method: KsMethod = 'auto',
): Ks2SampResult {
  if (n1 === 0 || n2 === 0) throw new RangeError('ks_2samp needs two non-empty samples');

  const g = gcd(n1, n2);
  const lcm = (n1 / g) * n2;
  const [m, n] = n1 >= n2 ? [n1, n2] : [n2, n1];
  const en = (m * n) / (m + n);
  const enRounded = roundHalfEven(en);
  const pvalueAsymp = clip01(kstwoSf(statistic, enRounded));
  const pvalueKolmogorovLimit = kolmogorovSf(sqrt(en) * statistic);

  let used: 'exact' | 'asymp' =
    method === 'auto' ? (max(n1, n2) <= KS_MAX_AUTO_N ? 'exact' : 'asymp') : method;
  // scipy: an explicit 'exact' whose lcm would not fit an int32 switches to 'asymp'.
  if (method === 'exact' && n1 / g >= INT32_MAX / (n2 / g)) used = 'asymp';
  let pvalueExact: number | null = null;
  let h: number | null = null;
  let lattice: number | null = null;
  if (used === 'exact') {
    h = roundHalfEven(statistic * lcm);
    lattice = h / lcm;
    const p = ks2sampExactPvalue(n1, n2, h);
    if (Number.isFinite(p) && p >= 0 && p <= 1) pvalueExact = p;
    else used = 'asymp';
  }
  return {
    statistic,
    statisticSign: sign,
    statisticLocation: location,
    method: used,
    pvalue: used === 'exact' ? (pvalueExact as number) : pvalueAsymp,
    pvalueExact,
    pvalueAsymp,
    pvalueKolmogorovLimit,
    statisticExactLattice: lattice,
    lcm,
    h,
    en,
    enRounded,
  };
}

/** D, its sign (+1: F1 − F2 attains it) and its location (see {@link Ks2SampResult}). */
export interface KsStatistic {
  statistic: number;
  sign: 1 | -1;
  location: number;
}

/**
 * D, its sign and location for ascending samples x, y: c(v) = F1(v) − F2(v) over every value,
 * D = max(max c, clip(−min c, 0, 1)), ties going to the positive side (as scipy).
 */

export function ksStatisticSorted(x: ArrayLike<number>, y: ArrayLike<number>): KsStatistic {
  const n1 = x.length;
  const n2 = y.length;
  // scipy takes argmax/argmin over sorted(x) ++ sorted(y): a value present in x comes before any
  // value only in y, so track the extremes separately for values seen in x and values only in y.
  let maxX = -Infinity;
  let maxXAt = NaN;
  let maxY = -Infinity;
  let maxYAt = NaN;
  let minX = Infinity;
  let minXAt = NaN;
  let minY = Infinity;
  let minYAt = NaN;
  let i = 0;
  let j = 0;
  // One step per distinct value: consume every copy of it in both samples, then evaluate F1 − F2.
  while (i < n1 || j < n2) {
    let v: number;
    let inX: boolean;
    if (j >= n2 || (i < n1 && x[i] < y[j])) {
      v = x[i++];
      inX = true;
      while (i < n1 && x[i] === v) i++;
    } else if (i >= n1 || y[j] < x[i]) {
      v = y[j++];
      inX = false;
      while (j < n2 && y[j] === v) j++;
    } else {
      v = x[i++];
      j++;
      inX = true;
      while (i < n1 && x[i] === v) i++;
      while (j < n2 && y[j] === v) j++;
    }
    const c = i / n1 - j / n2;
    if (inX) {
      if (c > maxX) {
        maxX = c;
        maxXAt = v;
      }
      if (c < minX) {
        minX = c;
        minXAt = v;
      }
    } else {
      if (c > maxY) {
        maxY = c;
        maxYAt = v;
      }
      if (c < minY) {
        minY = c;
        minYAt = v;
      }
    }
  }
  const maxS = max(maxX, maxY);
  const locMax = maxX === maxS ? maxXAt : maxYAt;
  const minC = min(minX, minY);
  const locMin = minX === minC ? minXAt : minYAt;
  const minS = min(max(-minC, 0), 1);
  if (minS > maxS) return { statistic: minS, sign: -1, location: locMin };
  return { statistic: maxS, sign: 1, location: locMax };
}

/**
 * Exact two-sided P(D ≥ h/lcm) for sample sizes n1, n2 on the lattice (scipy `_attempt_exact_2kssamp`).
 * h = 0 → 1. May return a non-finite value or one outside [0, 1] when floating point fails (caller falls
 * back to the asymptotic p-value, as scipy).
 */
export function ks2sampExactPvalue(n1: number, n2: number, h: number): number {
  if (h === 0) return 1;
  if (n1 === n2) return probOutsideSquare(n1, h);
  return outerProbInsideMethod(n1, n2, gcd(n1, n2), h);
}

/** Pr(D_{n,n} ≥ h/n) = 2·Σ_k (−1)^(k−1) C(2n, n−kh)/C(2n, n) by a Horner-like product. */
function probOutsideSquare(n: number, h: number): number {
  let P = 0;
  for (let k = floor(n / h); k >= 0; k--) {
    let p1 = 1;
    for (let j = 0; j < h; j++) p1 = ((n - k * h - j) * p1) / (n + k * h + j + 1);
    P = p1 * (1 - P);
  }
  return 2 * P;
}

/** 1 − (proportion of lattice paths staying strictly inside |x/m − y/n| < h/lcm), Viehmann's recursion. */
function outerProbInsideMethod(m0: number, n0: number, g: number, h: number): number {
  const [m, n] = m0 < n0 ? [n0, m0] : [m0, n0];
  const mg = m / g;
  const ng = n / g;
  let minj = 0;
  let maxj = min(ceil(h / mg), n + 1);
  let curlen = maxj - minj;
  const lenA = min(2 * maxj + 2, n + 1);
  const A = new Float64Array(lenA).fill(1);
  A.fill(0, minj, maxj);
  for (let i = 1; i <= m; i++) {
    const lastminj = minj;
    const lastlen = curlen;
    minj = max(floor((ng * i - h) / mg) + 1, 0);
    minj = min(minj, n);
    maxj = min(ceil((ng * i + h) / mg), n + 1);
    if (maxj <= minj) return 1;
    let val = minj === 0 ? 0 : 1;
    for (let jj = 0; jj < maxj - minj; jj++) {
      const j = jj + minj;
      val = (A[jj + minj - lastminj] * i + val * j) / (i + j);
      A[jj] = val;
    }
    curlen = maxj - minj;
    if (lastlen > curlen) A.fill(1, maxj - minj, maxj - minj + (lastlen - curlen));
  }
  return A[maxj - minj - 1];
}

function gcd(a: number, b: number): number {
  let x = a;
  let y = b;
  while (y) [x, y] = [y, x % y];
  return x;
}

/** numpy.round: round half to even. */
export function roundHalfEven(x: number): number {
  const r = round(x);
  return abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

function clip01(p: number): number {
  return p < 0 ? 0 : p > 1 ? 1 : p;
}
