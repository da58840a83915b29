import { normalQuantile, normalSf } from './normal.js';
import { argsortFloat64 } from '../sort-float64.js';

// Module-level aliases: under jest's vm context each global `Math` lookup in a hot loop is very slow.
const { abs, max, sqrt } = Math;

/** DeLong's test of two correlated ROC AUCs on the same rows; "1" is the candidate, "2" the baseline. */
export interface DelongResult {
  auc1: number;
  auc2: number;
  /** auc1 − auc2. */
  delta: number;
  /** Estimated variance of delta (null with fewer than 2 positives or 2 negatives). */
  variance: number | null;
  se: number | null;
  /** delta / se; 0 when both are 0 (identical rankings), ±Infinity when only se is 0. */
  z: number | null;
  /** Two-sided p-value 2·(1 − Φ(|z|)). */
  p_value: number | null;
  /** Normal interval delta ± z_{(1+confidence)/2}·se. */
  ci_low: number | null;
  ci_high: number | null;
  confidence: number;
  n_pos: number;
  n_neg: number;
}

/**
 * Structural components of one model: per positive row V10 = (#neg below + ½·#neg tied)/n_neg, per negative
 * row V01 = 1 − (#pos below + ½·#pos tied)/n_pos (Sun & Xu's `(tz − tx)/n` and `1 − (tz − ty)/m` with
 * midranks), and 2U for the exact AUC. Uses one stable argsort.
 */
function components(
  labels: ArrayLike<number>,
  scores: Float64Array,
  nPos: number,
  nNeg: number,
): { v: Float64Array; u2: number } {
  const order = argsortFloat64(scores);
  const n = order.length;
  const v = new Float64Array(n);
  let posBefore = 0;
  let negBefore = 0;
  let u2 = 0;
  let start = 0;
  while (start < n) {
    const value = scores[order[start]];
    let end = start;
    let a = 0;
    let b = 0;
    while (end < n && scores[order[end]] === value) {
      if (labels[order[end]] === 1) a++;
      else b++;
      end++;
    }
    const v10 = (negBefore + b / 2) / nNeg;
    const v01 = 1 - (posBefore + a / 2) / nPos;
    for (let k = start; k < end; k++) {
      const row = order[k];
      v[row] = labels[row] === 1 ? v10 : v01;
    }
    u2 += a * (2 * negBefore + b);
    posBefore += a;
    negBefore += b;
    start = end;
  }
  return { v, u2 };
}

/**
 * DeLong, DeLong & Clarke-Pearson (1988) test for the difference of two correlated ROC AUCs, with the
 * fast midrank algorithm of Sun & Xu (2014, IEEE Signal Processing Letters 21(11)). The variance of
 * delta = auc1 − auc2 is `S11 + S22 − 2·S12` with `S = cov(V10)/n_pos + cov(V01)/n_neg` (sample covariances,
 * ddof = 1, across models). Oracle: the widely used numpy implementation (Yandex `compare_auc_delong_xu.py`)
 * transcribed in test/fixtures/metrics/gen_extra.py.
 *
 * Complexity: O(n log n) (one sort per model), O(n) memory.
 * Returns null when a class is absent. Labels 0/1 and finite scores are the caller's responsibility.
 * @example delongTest(labels, candidateScores, baselineScores).p_value // 0.031…
 */
export function delongTest(
  labels: ArrayLike<number>,
  scores1: Float64Array,
  scores2: Float64Array,
  confidence = 0.95,
): DelongResult | null {
  const n = labels.length;
  let nPos = 0;
  for (let i = 0; i < n; i++) if (labels[i] === 1) nPos++;
  const nNeg = n - nPos;
  if (nPos === 0 || nNeg === 0) return null;
  const c1 = components(labels, scores1, nPos, nNeg);
  const c2 = components(labels, scores2, nPos, nNeg);
  const auc1 = c1.u2 / (2 * nPos * nNeg);
  const auc2 = c2.u2 / (2 * nPos * nNeg);
  const delta = auc1 - auc2;
  const base = { auc1, auc2, delta, confidence, n_pos: nPos, n_neg: nNeg };
  if (nPos < 2 || nNeg < 2)
    return { ...base, variance: null, se: null, z: null, p_value: null, ci_low: null, ci_high: null };
  const pos = covariance(labels, c1.v, c2.v, 1);
  const neg = covariance(labels, c1.v, c2.v, 0);
  const s11 = pos[0] / nPos + neg[0] / nNeg;
  const s22 = pos[1] / nPos + neg[1] / nNeg;
  const s12 = pos[2] / nPos + neg[2] / nNeg;
  const variance = max(0, s11 + s22 - 2 * s12);
  const se = sqrt(variance);
  const z = se === 0 ? (delta === 0 ? 0 : delta > 0 ? Infinity : -Infinity) : delta / se;
  const half = normalQuantile(0.5 + confidence / 2) * se;
  return {
    ...base,
    variance,
    se,
    z,
    p_value: 2 * normalSf(abs(z)),
    ci_low: delta - half,
    ci_high: delta + half,
  };
}

/** [var(a), var(b), cov(a, b)] over the rows with label === cls, ddof = 1, two-pass. */
function covariance(
  labels: ArrayLike<number>,
  a: Float64Array,
  b: Float64Array,
  cls: number,
): [number, number, number] {
  let count = 0;
  let sa = 0;
  let sb = 0;
  for (let i = 0; i < a.length; i++) {
    if ((labels[i] === 1 ? 1 : 0) !== cls) continue;
    count++;
    sa += a[i];
    sb += b[i];
  }
  const ma = sa / count;
  const mb = sb / count;
  let vaa = 0;
  let vbb = 0;
  let vab = 0;
  for (let i = 0; i < a.length; i++) {
    if ((labels[i] === 1 ? 1 : 0) !== cls) continue;
    const da = a[i] - ma;
    const db = b[i] - mb;
    vaa += da * da;
    vbb += db * db;
    vab += da * db;
  }
  return [vaa / (count - 1), vbb / (count - 1), vab / (count - 1)];
}
