import { sortFloat64 } from '../sort-float64.js';

/**
 * Average precision (area under the precision–recall curve, step-wise), `sklearn.metrics.average_precision_score`
 * 1.2 for binary labels: `AP = Σ_k (R_k − R_{k−1})·P_k` over the distinct score thresholds in decreasing
 * order, where P_k and R_k are the precision and recall when every row with score ≥ threshold k is
 * predicted positive. Not interpolated (no trapezoids, no max-precision envelope). Tied scores form one
 * threshold. This is what model-ci calls PR-AUC.
 *
 * Algorithm: positives and negatives are sorted separately (radix) and merged from the top.
 * Complexity: O(n). Returns null when there is no positive row (recall undefined; scikit-learn warns and
 * returns a meaningless value). With no negative row AP is 1.
 * @see https://scikit-learn.org/1.2/modules/generated/sklearn.metrics.average_precision_score.html
 * @example averagePrecision(Float64Array.of(0, 0, 1, 1), Float64Array.of(0.1, 0.4, 0.35, 0.8)) // 0.8333333333333333
 */
export function averagePrecision(labels: ArrayLike<number>, scores: ArrayLike<number>): number | null {
  const n = labels.length;
  let nPos = 0;
  for (let i = 0; i < n; i++) if (labels[i] === 1) nPos++;
  if (nPos === 0) return null;
  const posScores = new Float64Array(nPos);
  const negScores = new Float64Array(n - nPos);
  let ip = 0;
  let ineg = 0;
  for (let i = 0; i < n; i++) {
    if (labels[i] === 1) posScores[ip++] = scores[i];
    else negScores[ineg++] = scores[i];
  }
  const pos = sortFloat64(posScores);
  const neg = sortFloat64(negScores);
  let i = nPos - 1;
  let j = neg.length - 1;
  let tp = 0;
  let fp = 0;
  let ap = 0;
  while (i >= 0) {
    const v = j >= 0 && neg[j] > pos[i] ? neg[j] : pos[i];
    let a = 0;
    while (i >= 0 && pos[i] === v) {
      a++;
      i--;
    }
    while (j >= 0 && neg[j] === v) {
      fp++;
      j--;
    }
    if (a > 0) {
      tp += a;
      ap += (a / nPos) * (tp / (tp + fp));
    }
  }
  return ap;
}
