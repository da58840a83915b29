import { bd0, stirlingError } from './special-functions.js';

// Math functions bound once: hot loops then skip a global lookup per call (expensive in jest's vm
// sandbox, where every global access is intercepted; harmless elsewhere).
const { abs, exp, expm1, floor, log, log1p, max, pow, sqrt } = Math;

/**
 * Survival function of the one-sided one-sample Kolmogorov–Smirnov statistic D⁺ₙ:
 * P(D⁺ₙ ≥ x) (scipy.special.smirnov(n, x)), by the Birnbaum–Tingey sum
 *
 *   P(D⁺ₙ ≥ x) = x · Σ_{v=0}^{⌊n(1−x)⌋} C(n,v) (x + v/n)^(v−1) (1 − x − v/n)^(n−v).
 *
 * Every term is positive, and each is evaluated as binom_pmf(v; n, x+v/n)/(x+v/n) with Loader's
 * saddle-point form (stirlerr + bd0), so the sum is accurate to a few ulps for any n. The special cases,
 * the early stop of the sum and the approximation for n > 1e6 are those of scipy's Cephes
 * `kolmogorov.c` (`_smirnov`); Cephes evaluates the terms in double-double arithmetic instead and, for
 * a few tiny-x cases, uses the equivalent alternating "upper" sum: the value agrees to ~1e-15.
 *
 * Complexity: O(n·(1−x)) in the worst case, usually far fewer terms (the sum stops once the remaining
 * terms cannot change it). Nothing throws; arguments outside n ≥ 1, 0 ≤ x ≤ 1 give NaN.
 * @see https://github.com/scipy/scipy/blob/v1.10.0/scipy/special/cephes/kolmogorov.c
 * @see Z. W. Birnbaum, F. H. Tingey (1951), https://doi.org/10.1214/aoms/1177729550
 * @example smirnovSf(10, 0.3) // ≈ 0.1354635556 (scipy.special.smirnov(10, 0.3))
 */
export function smirnovSf(n: number, x: number): number {
  if (!(n > 0 && Number.isInteger(n) && x >= 0 && x <= 1)) return NaN;
  if (n === 1) return 1 - x;
  if (x === 0) return 1;
  if (x === 1) return 0;

  const { floor: nxfl, alpha } = splitNx(n, x);

  // x ≤ 1/n: P(D⁺ < x) = x(1 + x)^(n−1).
  if (nxfl === 0 || (nxfl === 1 && alpha === 0)) {
    const cdf = x * exp((n - 1) * log1p(x));
    return clip01(1 - cdf);
  }
  if (-2 * n * x * x < MINLOG) return 0;
  // x ≥ 1 − 1/n: P(D⁺ ≥ x) = (1 − x)^n.
  if (nxfl >= n - 1) return clip01(exp(n * log1p(-x)));
  if (n > SMIRNOV_MAX_COMPUTE_N) {
    const logp = -pow(6 * n * x + 1, 2) / 18 / n;
    if (logp < -Math.LN2) return clip01(exp(logp));
    return clip01(1 + expm1(logp));
  }

  // Lower sum over v = 0 … n − nxfl − 1 (the term with 1 − x − v/n = 0 is excluded).
  const nTerms = n - nxfl;
  const vmid = floor(n / 2);
  const stirlingN = stirlingError(n);
  // v = 0: (1 − x)^n / x.
  let sum = exp(n * log1p(-x)) / x;
  let comp = 0;
  for (let v = firstSignificantTerm(n, nxfl, alpha, nTerms, stirlingN); v < nTerms; v++) {
    // n·p = nx + v and n·q = n − nx − v, formed from the exact split nx = nxfl + alpha.
    const np = nxfl + v + alpha;
    const nq = n - nxfl - v - alpha;
    const a = binomialTermOverP(v, n, np, nq, stirlingN);
    if (a > 0 && a <= MAX_FINITE) {
      const t = sum + a;
      comp += abs(sum) >= abs(a) ? sum - t + a : a - t + sum;
      sum = t;
      if (4 * (nTerms - v) * a < EPS * (sum + comp) && v !== nTerms - 1) break;
    } else if (v > vmid) {
      break;
    }
  }
  return clip01(x * (sum + comp));
}

const MINLOG = -708.3964185322641;
const MAX_FINITE = Number.MAX_VALUE;
const SMIRNOV_MAX_COMPUTE_N = 1000000;
const EPS = 2.220446049250313e-16;
const LOG_2PI = log(2 * Math.PI);

function clip01(p: number): number {
  return p < 0 ? 0 : p > 1 ? 1 : p;
}

/**
 * floor(n·x) and the fractional part n·x − floor(n·x), computed exactly (n < 2^26): x is split into two
 * 26-bit halves so both partial products are exact, then the pair is renormalised.
 */
function splitNx(n: number, x: number): { floor: number; alpha: number } {
  const c = 134217729 * x; // 2^27 + 1
  const xh = c - (c - x);
  const xl = x - xh;
  const a = n * xh;
  const b = n * xl;
  const hi = a + b;
  const lo = b - (hi - a);
  let fl = floor(hi);
  let alpha: number;
  if (fl === hi) {
    const f2 = floor(lo);
    fl += f2;
    alpha = lo - f2;
  } else {
    alpha = hi - fl + lo;
  }
  if (alpha >= 1) {
    fl += 1;
    alpha = 0;
  }
  return { floor: fl, alpha };
}

/**
 * C(n,v)·p^(v−1)·q^(n−v) = binom_pmf(v; n, p)/p with p = np/n, q = nq/n, 0 < v < n (Loader 2000);
 * `stirlingN` = stirlingError(n).
 */
function binomialTermOverP(v: number, n: number, np: number, nq: number, stirlingN: number): number {
  if (!(nq > 0)) return 0;
  const lc = stirlingN - stirlerr(v) - stirlerr(n - v) - bd0(v, np) - bd0(n - v, nq);
  // exp(lc)/√(2π·v·(n−v)/n): one exp and a square root instead of exp, log and log1p (same value to
  // ~2 ulp); the log form where exp(lc) alone could underflow.
  if (lc > -700) return (exp(lc) / sqrt((TWO_PI * v * (n - v)) / n)) * (n / np);
  const lf = LOG_2PI + log(v) + log1p(-v / n);
  return (exp(lc - 0.5 * lf) * n) / np;
}

/**
 * stirlingError(a) with Loader's (2000) number of Stirling-series terms for the argument's size: the
 * terms left out are below 3e-17 in absolute value (stirlingError uses all eight everywhere).
 */
function stirlerr(a: number): number {
  if (a <= 35) return stirlingError(a);
  const r = 1 / (a * a);
  if (a > 500) return (S0 - S1 * r) / a;
  if (a > 80) return (S0 - (S1 - S2 * r) * r) / a;
  return (S0 - (S1 - (S2 - S3 * r) * r) * r) / a;
}

const S0 = 1 / 12;
const S1 = 1 / 360;
const S2 = 1 / 1260;
const S3 = 1 / 1680;
const TWO_PI = 2 * Math.PI;

/** log of {@link binomialTermOverP} (no underflow), −∞ when nq ≤ 0. */
function logBinomialTermOverP(v: number, n: number, np: number, nq: number, stirlingN: number): number {
  if (!(nq > 0)) return -Infinity;
  const lc = stirlingN - stirlerr(v) - stirlerr(n - v) - bd0(v, np) - bd0(n - v, nq);
  const lf = LOG_2PI + log(v) + log1p(-v / n);
  return lc - 0.5 * lf + log(n / np);
}

/** Below this many terms the lower sum simply starts at v = 1. */
const SCAN_MIN_TERMS = 20000;
/** Points of the coarse scan that locates the significant terms. */
const SCAN_POINTS = 512;

/**
 * The first v of the lower sum worth adding. The terms rise to a single peak and fall after it; for
 * large n and not-tiny x the peak sits near v ≈ n/2 and the first terms are smaller than it by hundreds
 * of orders of magnitude. A coarse scan of log-terms (512 points) finds the peak's neighbourhood; every
 * term below the scan point before the first one within a factor EPS/(4·nTerms) of the largest is left
 * out. Those terms are smaller still (they rise towards the peak), so together they are below
 * EPS/4 of the sum: the same bound the sum's own stopping rule uses for the terms after the peak.
 * Returns 1 (no skipping) for short sums.
 */
function firstSignificantTerm(
  n: number,
  nxfl: number,
  alpha: number,
  nTerms: number,
  stirlingN: number,
): number {
  if (nTerms < SCAN_MIN_TERMS) return 1;
  const step = floor(nTerms / SCAN_POINTS);
  const logs = new Float64Array(SCAN_POINTS);
  let best = -Infinity;
  for (let k = 1; k < SCAN_POINTS; k++) {
    const v = k * step;
    const l = logBinomialTermOverP(v, n, nxfl + v + alpha, n - nxfl - v - alpha, stirlingN);
    logs[k] = l;
    if (l > best) best = l;
  }
  if (!(best > -Infinity)) return 1;
  const floorLog = best + log(EPS / (4 * nTerms));
  for (let k = 1; k < SCAN_POINTS; k++) if (logs[k] >= floorLog) return max(1, (k - 1) * step);
  return 1;
}
