import { sortFloat64 } from '../sort-float64.js';

/**
 * Area under the ROC curve, `sklearn.metrics.roc_auc_score` for binary labels (docs/statistics.md §4):
 * the Mann–Whitney statistic `U / (n_pos·n_neg)` with `U = Σ_{y=1} rank_i − n_pos(n_pos+1)/2` and average
 * ranks for ties (a positive tied with a negative counts ½).
 *
 * Algorithm: the positive and the negative scores are sorted separately (radix sort, {@link sortFloat64})
 * and merged once, counting for each distinct positive score the negatives strictly below it and tied
 * with it. U is a sum of half-integers below 2^53, so it is exact; the only rounding is the final division.
 *
 * Complexity: O(n) time with the radix sort (O(n log n) below 4096 rows), O(n) memory.
 * Returns null when a class is absent (AUC undefined; the caller reports a finding, never NaN).
 * Inputs are not validated here: labels must be 0/1 and scores finite (NaN throws a RangeError from the sort).
 * @see https://scikit-learn.org/1.2/modules/generated/sklearn.metrics.roc_auc_score.html
 * @example rocAuc(Float64Array.of(0, 0, 1, 1), Float64Array.of(0.1, 0.4, 0.35, 0.8)) // 0.75
 */
export function rocAuc(labels: ArrayLike<number>, scores: ArrayLike<number>): number | null {
  const n = labels.length;
  let nPos = 0;
  for (let i = 0; i < n; i++) if (labels[i] === 1) nPos++;
  const nNeg = n - nPos;
  if (nPos === 0 || nNeg === 0) return null;
  const pos = new Float64Array(nPos);
  const neg = new Float64Array(nNeg);
  let ip = 0;
  let ineg = 0;
  for (let i = 0; i < n; i++) {
    if (labels[i] === 1) pos[ip++] = scores[i];
    else neg[ineg++] = scores[i];
  }
  return mannWhitneyU(sortFloat64(pos), sortFloat64(neg)) / (nPos * nNeg);
}

/**
 * U = #{(p, q) : p > q} + ½·#{(p, q) : p = q} over positive scores p and negative scores q, both sorted
 * ascending. Exact (half-integers).
 */
export function mannWhitneyU(pos: Float64Array, neg: Float64Array): number {
  const nPos = pos.length;
  const nNeg = neg.length;
  let u2 = 0; // 2·U, an integer
  let below = 0; // negatives strictly below the current positive value
  let j = 0;
  let i = 0;
  while (i < nPos) {
    const v = pos[i];
    let count = 0;
    while (i < nPos && pos[i] === v) {
      count++;
      i++;
    }
    while (j < nNeg && neg[j] < v) {
      j++;
      below++;
    }
    let ties = 0;
    while (j < nNeg && neg[j] === v) {
      j++;
      ties++;
    }
    u2 += count * (2 * below + ties);
    below += ties;
  }
  return u2 / 2;
}
