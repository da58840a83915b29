import { smirnovSf } from './smirnov.js';

// Math functions bound once: hot loops then skip a global lookup per call (expensive in jest's vm
// sandbox, where every global access is intercepted; harmless elsewhere).
const { abs, ceil, exp, floor, log, max, min, pow, sqrt } = Math;

/**
 * The two-sided one-sample Kolmogorov–Smirnov distribution for a finite sample size n
 * (scipy.stats.kstwo) and its limit (scipy.stats.kstwobign).
 *
 * `kolmogn(n, x, cdf)` is a port of scipy 1.10 `scipy/stats/_ksstats.py` (`_kolmogn`, BSD-3-Clause):
 * the Simard–L'Ecuyer (2011) dispatch between Ruben–Gambino closed forms, the Durbin matrix
 * (Marsaglia–Tsang–Wang), the Pomeranz recursion, 2·smirnov and the Pelz–Good asymptotic series. The
 * thresholds, the order of the operations and the 2^±128 rescaling are kept, so the approximations
 * (Pelz–Good, the smirnov branch for the SF) give the same numbers as scipy, not just "close" ones.
 * scipy rescales with numpy `longdouble` constants, which silently turns a few scalars into 80-bit
 * values; here everything is binary64 (differences ~1e-16).
 *
 * `kolmogorovSf(x)` = kstwobign.sf(x) = scipy.special.kolmogorov(x), ported from Cephes `kolmogorov.c`.
 *
 * Complexity: Durbin O(k³ log n) with k = ⌈n·x⌉ (k ≤ 59 where the dispatch uses it), Pomeranz O(n²)
 * (n ≤ 140), smirnov O(n), Pelz–Good O(√n·x). Nothing throws; bad arguments give NaN.
 * @see https://github.com/scipy/scipy/blob/v1.10.0/scipy/stats/_ksstats.py
 * @see R. Simard, P. L'Ecuyer, "Computing the Two-Sided Kolmogorov-Smirnov Distribution", JSS 39(11), 2011
 * @example kstwoSf(0.274, 20) // ≈ 0.0810010 (scipy.stats.kstwo.sf(0.274, 20))
 */

const E128 = 128;
const EP128 = 2 ** 128;
const EM128 = 2 ** -128;
const SQRT2PI = sqrt(2 * Math.PI);
const LOG_2PI = log(2 * Math.PI);
const MIN_LOG = -708;
const SQRT3 = sqrt(3);
const PI_SQUARED = Math.PI ** 2;
const PI_FOUR = Math.PI ** 4;
const PI_SIX = Math.PI ** 6;

// B_{2j}/(2j)/(2j−1) for j = 8 … 1 (highest power first, as numpy.polyval takes them).
const STIRLING_COEFFS = [
  -2.9550653594771242e-2, 6.41025641025641e-3, -1.9175269175269176e-3, 8.417508417508417e-4,
  -5.952380952380953e-4, 7.936507936507937e-4, -2.777777777777778e-3, 8.333333333333333e-2,
];

function clip01(p: number): number {
  return p < 0 ? 0 : p > 1 ? 1 : p;
}

function select(cdfProb: number, sfProb: number, cdf: boolean): number {
  return clip01(cdf ? cdfProb : sfProb);
}

/** x·2^e without intermediate overflow/underflow of 2^e. */
function ldexp(x: number, e: number): number {
  let r = x;
  let k = e;
  while (k > 1000) {
    r *= 2 ** 1000;
    k -= 1000;
  }
  while (k < -1000) {
    r *= 2 ** -1000;
    k += 1000;
  }
  return r * 2 ** k;
}

/** log(n!/n^n) by Stirling's series with n·log(n) removed up front. */
function logNFactorialDivNPowN(n: number): number {
  const rn = 1 / n;
  let poly = 0;
  for (const c of STIRLING_COEFFS) poly = poly * (rn / n) + c;
  return log(n) / 2 - n + LOG_2PI / 2 + rn * poly;
}

/** Row-major m×m product a·b. */
function matmul(a: Float64Array, b: Float64Array, m: number): Float64Array {
  const c = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    const ci = i * m;
    for (let k = 0; k < m; k++) {
      const aik = a[ci + k];
      if (aik === 0) continue;
      const bk = k * m;
      for (let j = 0; j < m; j++) c[ci + j] += aik * b[bk + j];
    }
  }
  return c;
}

/** Pr(D_n ≤ d) by the Durbin matrix algorithm as organised by Marsaglia, Tsang & Wang (2003). */
export function kolmognDurbin(n: number, d: number, cdf = true): number {
  if (d >= 1) return select(1, 0, cdf);
  const nd = n * d;
  if (nd <= 0.5) return select(0, 1, cdf);
  const k = ceil(nd);
  const h = k - nd;
  const m = 2 * k - 1;

  const v = new Float64Array(m);
  const w = new Float64Array(m);
  for (let j = 1; j <= m; j++) v[j - 1] = 1 - h ** j;
  let fac = 1;
  for (let j = 1; j <= m; j++) {
    w[j - 1] = fac;
    fac /= j;
    v[j - 1] *= fac;
  }
  const tt = max(2 * h - 1, 0) ** m - 2 * h ** m;
  v[m - 1] = (1 + tt) * fac;

  let H: Float64Array = new Float64Array(m * m);
  for (let i = 1; i < m; i++) {
    for (let r = i - 1; r < m; r++) H[r * m + i] = w[r - (i - 1)];
  }
  for (let r = 0; r < m; r++) H[r * m] = v[r];
  for (let c = 0; c < m; c++) H[(m - 1) * m + c] = v[m - 1 - c];

  let Hpwr: Float64Array = new Float64Array(m * m);
  for (let i = 0; i < m; i++) Hpwr[i * m + i] = 1;
  let nn = n;
  let expnt = 0;
  let hExpnt = 0;
  const kk = (k - 1) * m + (k - 1);
  while (nn > 0) {
    if (nn % 2) {
      Hpwr = matmul(Hpwr, H, m);
      expnt += hExpnt;
    }
    H = matmul(H, H, m);
    hExpnt *= 2;
    if (abs(H[kk]) > EP128) {
      for (let i = 0; i < H.length; i++) H[i] /= EP128;
      hExpnt += E128;
    }
    nn = floor(nn / 2);
  }

  let p = Hpwr[kk];
  for (let i = 1; i <= n; i++) {
    p = (i * p) / n;
    if (abs(p) < EM128) {
      p *= EP128;
      expnt -= E128;
    }
  }
  if (expnt !== 0) p = ldexp(p, expnt);
  return select(p, 1 - p, cdf);
}

/** Python's `a[start:stop]` on a typed array (negative indices count from the end, bounds clamp). */
function pySlice(a: Float64Array, start: number, stop: number): Float64Array {
  const len = a.length;
  const s = start < 0 ? max(len + start, 0) : min(start, len);
  const e = stop < 0 ? max(len + stop, 0) : min(stop, len);
  return a.subarray(s, max(s, e));
}

/** numpy.convolve(a, b), mode 'full'. */
function convolve(a: Float64Array, b: Float64Array): Float64Array {
  const out = new Float64Array(a.length + b.length - 1);
  for (let i = 0; i < a.length; i++) {
    const ai = a[i];
    if (ai === 0) continue;
    for (let j = 0; j < b.length; j++) out[i + j] += ai * b[j];
  }
  return out;
}

function pomeranzJ1J2(i: number, n: number, ll: number, ceilf: number, roundf: number): [number, number] {
  let j1: number;
  let j2: number;
  if (i === 0) {
    j1 = -ll - ceilf - 1;
    j2 = ll + ceilf - 1;
  } else {
    const ip1div2 = floor((i + 1) / 2);
    const ip1mod2 = (i + 1) % 2;
    if (ip1mod2 === 0) {
      if (ip1div2 === n + 1) {
        j1 = n - ll - ceilf - 1;
        j2 = n + ll + ceilf - 1;
      } else {
        j1 = ip1div2 - 1 - ll - roundf - 1;
        j2 = ip1div2 + ll - 1 + ceilf - 1;
      }
    } else {
      j1 = ip1div2 - 1 - ll - 1;
      j2 = ip1div2 + ll + roundf - 1;
    }
  }
  return [max(j1 + 2, 0), min(j2, n)];
}

/** Pr(D_n ≤ x) by the Pomeranz (1974) recursion. */
export function kolmognPomeranz(n: number, x: number, cdf = true): number {
  const t = n * x;
  const ll = floor(t);
  const f = t - ll;
  const g = min(f, 1 - f);
  const ceilf = f > 0 ? 1 : 0;
  const roundf = f > 0.5 ? 1 : 0;
  const npwrs = 2 * (ll + 1);
  const gpower = new Float64Array(npwrs);
  const twogpower = new Float64Array(npwrs);
  const onem2gpower = new Float64Array(npwrs);
  gpower[0] = 1;
  twogpower[0] = 1;
  onem2gpower[0] = 1;
  let expnt = 0;
  const gOverN = g / n;
  const twoGOverN = (2 * g) / n;
  const oneMinusTwoGOverN = (1 - 2 * g) / n;
  for (let m = 1; m < npwrs; m++) {
    gpower[m] = (gpower[m - 1] * gOverN) / m;
    twogpower[m] = (twogpower[m - 1] * twoGOverN) / m;
    onem2gpower[m] = (onem2gpower[m - 1] * oneMinusTwoGOverN) / m;
  }

  let V0 = new Float64Array(npwrs);
  let V1 = new Float64Array(npwrs);
  V1[0] = 1;
  let V0s = 0;
  let V1s = 0;
  let [j1, j2] = pomeranzJ1J2(0, n, ll, ceilf, roundf);
  for (let i = 1; i < 2 * n + 2; i++) {
    const k1 = j1;
    [V0, V1] = [V1, V0];
    [V0s, V1s] = [V1s, V0s];
    V1.fill(0);
    [j1, j2] = pomeranzJ1J2(i, n, ll, ceilf, roundf);
    const pwrs = i === 1 || i === 2 * n + 1 ? gpower : i % 2 ? twogpower : onem2gpower;
    const ln2 = j2 - k1 + 1;
    if (ln2 > 0) {
      const conv = convolve(pySlice(V0, k1 - V0s, k1 - V0s + ln2), pwrs.subarray(0, ln2));
      const convStart = j1 - k1;
      const convLen = j2 - j1 + 1;
      const src = pySlice(conv, convStart, convStart + convLen);
      V1.set(src.subarray(0, min(src.length, V1.length)), 0);
      let vmax = -Infinity;
      for (let q = 0; q < V1.length; q++) if (V1[q] > vmax) vmax = V1[q];
      if (vmax > 0 && vmax < EM128) {
        for (let q = 0; q < V1.length; q++) V1[q] *= EP128;
        expnt -= E128;
      }
      V1s = V0s + j1 - k1;
    }
  }
  let ans = V1[n - V1s];
  for (let m = 1; m <= n; m++) {
    if (abs(ans) > EP128) {
      ans *= EM128;
      expnt += E128;
    }
    ans *= m;
  }
  if (expnt !== 0) ans = ldexp(ans, expnt);
  return select(ans, 1 - ans, cdf);
}

/** The Pelz–Good (1976) approximation to Pr(D_n ≤ x), 0 ≤ x ≤ 1 (an approximation, ported exactly). */
export function kolmognPelzGood(n: number, x: number, cdf = true): number {
  if (x <= 0) return select(0, 1, cdf);
  if (x >= 1) return select(1, 0, cdf);
  const z = sqrt(n) * x;
  const zsquared = z ** 2;
  const zthree = z ** 3;
  const zfour = z ** 4;
  const zsix = z ** 6;
  const qlog = -PI_SQUARED / 8 / zsquared;
  if (qlog < MIN_LOG) return select(0, 1, cdf);
  let q = exp(qlog);

  const k1a = -zsquared;
  const k1b = PI_SQUARED / 4;
  const k2a = 6 * zsix + 2 * zfour;
  const k2b = ((2 * zfour - 5 * zsquared) * PI_SQUARED) / 4;
  const k2c = (PI_FOUR * (1 - 2 * zsquared)) / 16;
  const k3d = (PI_SIX * (5 - 30 * zsquared)) / 64;
  const k3c = (PI_FOUR * (-60 * zsquared + 212 * zfour)) / 16;
  const k3b = (PI_SQUARED * (135 * zfour - 96 * zsix)) / 4;
  const k3a = -30 * zsix - 90 * z ** 8;

  const K = [0, 0, 0, 0];
  const maxk = ceil((16 * z) / Math.PI);
  for (let k = maxk; k > 0; k--) {
    const m = 2 * k - 1;
    const msquared = m ** 2;
    const mfour = m ** 4;
    const msix = m ** 6;
    const qpower = q ** (8 * k);
    const coeffs = [
      1.0,
      k1a + k1b * msquared,
      k2a + k2b * msquared + k2c * mfour,
      k3a + k3b * msquared + k3c * mfour + k3d * msix,
    ];
    for (let i = 0; i < 4; i++) K[i] = K[i] * qpower + coeffs[i];
  }
  const denom = [z, 6 * zfour, 72 * z ** 7, 6480 * z ** 10];
  for (let i = 0; i < 4; i++) K[i] = (K[i] * q * SQRT2PI) / denom[i];

  q = exp(-PI_SQUARED / 2 / zsquared);
  const sqrt3z = SQRT3 * z;
  let k2extra = 0;
  let k3extra = 0;
  for (let k = maxk; k > 0; k--) {
    const ksquared = k ** 2;
    const qp = q ** ksquared;
    const kspi = Math.PI * k;
    k2extra += ksquared * qp;
    k3extra += (sqrt3z + kspi) * (sqrt3z - kspi) * ksquared * qp;
  }
  K[2] += k2extra * ((PI_SQUARED * SQRT2PI) / (-36 * zthree));
  K[3] += k3extra * ((PI_SQUARED * SQRT2PI) / (216 * zsix));
  for (let i = 1; i < 4; i++) K[i] /= pow(n, i / 2);
  if (!cdf) {
    for (let i = 0; i < 4; i++) K[i] = -K[i];
    K[0] += 1;
  }
  return K[0] + K[1] + K[2] + K[3];
}

/**
 * CDF (or SF when `cdf` is false) of the two-sided one-sample KS statistic D_n at x, as scipy's
 * `_kolmogn`. n must be a positive integer (else NaN).
 */
export function kolmogn(n: number, x: number, cdf = true): number {
  if (Number.isNaN(n) || Number.isNaN(x)) return NaN;
  if (!Number.isInteger(n) || n <= 0) return NaN;
  if (x >= 1) return select(1, 0, cdf);
  if (x <= 0) return select(0, 1, cdf);
  const t = n * x;
  if (t <= 1) {
    // Ruben–Gambino: 1/2n ≤ x ≤ 1/n.
    if (t <= 0.5) return select(0, 1, cdf);
    let prob: number;
    if (n <= 140) {
      prob = 1;
      for (let i = 1; i <= n; i++) prob *= i * (1 / n) * (2 * t - 1);
    } else {
      prob = exp(logNFactorialDivNPowN(n) + n * log(2 * t - 1));
    }
    return select(prob, 1 - prob, cdf);
  }
  if (t >= n - 1) {
    const prob = 2 * (1 - x) ** n;
    return select(1 - prob, prob, cdf);
  }
  if (x >= 0.5) {
    const prob = 2 * smirnovSf(n, x);
    return select(1 - prob, prob, cdf);
  }
  const nxsquared = t * x;
  if (n <= 140) {
    if (nxsquared <= 0.754693) {
      const prob = kolmognDurbin(n, x, true);
      return select(prob, 1 - prob, cdf);
    }
    if (nxsquared <= 4) {
      const prob = kolmognPomeranz(n, x, true);
      return select(prob, 1 - prob, cdf);
    }
    const prob = 2 * smirnovSf(n, x);
    return select(1 - prob, prob, cdf);
  }
  if (!cdf) {
    if (nxsquared >= 370) return 0;
    if (nxsquared >= 2.2) return clip01(2 * smirnovSf(n, x));
  }
  let cdfprob: number;
  if (nxsquared >= 18) cdfprob = 1;
  else if (n <= 100000 && n * x ** 1.5 <= 1.4) cdfprob = kolmognDurbin(n, x, true);
  else cdfprob = kolmognPelzGood(n, x, true);
  return select(cdfprob, 1 - cdfprob, cdf);
}

/** Which branch {@link kolmogn} takes for the survival function (for tests and reports). */
export type KolmogorovBranch = 'trivial' | 'ruben-gambino' | 'durbin' | 'pomeranz' | 'smirnov' | 'pelz-good';

export function kolmognSfBranch(n: number, x: number): KolmogorovBranch {
  if (x >= 1 || x <= 0) return 'trivial';
  const t = n * x;
  if (t <= 0.5) return 'trivial';
  if (t <= 1 || t >= n - 1) return 'ruben-gambino';
  if (x >= 0.5) return 'smirnov';
  const nxsquared = t * x;
  if (n <= 140) return nxsquared <= 0.754693 ? 'durbin' : nxsquared <= 4 ? 'pomeranz' : 'smirnov';
  if (nxsquared >= 370) return 'trivial';
  if (nxsquared >= 2.2) return 'smirnov';
  return n <= 100000 && n * x ** 1.5 <= 1.4 ? 'durbin' : 'pelz-good';
}

/**
 * scipy.stats.kstwo.sf(d, n): P(D_n ≥ d). d ≤ 1/(2n) → 1, d ≥ 1 → 0 (the distribution's support).
 * @example kstwoSf(0.5, 10) // ≈ 0.00777741
 */
export function kstwoSf(d: number, n: number): number {
  if (Number.isNaN(d) || !(n >= 1) || !Number.isInteger(n)) return NaN;
  if (d <= 0.5 / n) return 1;
  if (d >= 1) return 0;
  return kolmogn(n, d, false);
}

/**
 * Survival function of the limiting Kolmogorov distribution, scipy.stats.kstwobign.sf(x) =
 * scipy.special.kolmogorov(x) = 2Σ_{k≥1}(−1)^{k−1}e^{−2k²x²} (Cephes `_kolmogorov`).
 * @example kolmogorovSf(1) // 0.26999967167735456
 */
export function kolmogorovSf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x <= 0) return 1;
  if (x <= Math.PI / sqrt(746 * 8)) return 1;
  let sf: number;
  if (x <= 0.82) {
    const w = sqrt(2 * Math.PI) / x;
    const logu8 = (-Math.PI * Math.PI) / (x * x);
    const u = exp(logu8 / 8);
    let P: number;
    if (u === 0) {
      P = exp(logu8 / 8 + log(w));
    } else {
      const u8 = exp(logu8);
      const u8cub = pow(u8, 3);
      P = 1;
      P = 1 + u8cub * P;
      P = 1 + u8 * u8 * P;
      P = 1 + u8 * P;
      P = w * u * P;
    }
    sf = 1 - P;
  } else {
    const v = exp(-2 * x * x);
    const vsq = v * v;
    const v3 = pow(v, 3);
    let P = 1;
    let vpwr = v3 * v3 * v;
    P = 1 - vpwr * P;
    vpwr = v3 * vsq;
    P = 1 - vpwr * P;
    vpwr = v3;
    P = 1 - vpwr * P;
    sf = 2 * v * P;
  }
  return clip01(sf);
}
