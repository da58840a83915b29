import { logLoss } from './log-loss.js';
import { rocAuc } from './roc-auc.js';

export { rocAuc } from './roc-auc.js';
export { logLoss } from './log-loss.js';

/** docs/statistics.md §4, one value per name; `roc_auc` is null when a class is absent. */
export interface BinaryMetrics {
  n: number;
  n_pos: number;
  n_neg: number;
  roc_auc: number | null;
  log_loss: number;
  accuracy: number;
  precision: number;
  recall: number;
  f1: number;
  tp: number;
  fp: number;
  tn: number;
  fn: number;
}

/** The confusion counts at a threshold: ŷ = 1 iff score ≥ threshold. */
export interface Confusion {
  tp: number;
  fp: number;
  tn: number;
  fn: number;
}

/** Confusion counts with ŷ = 1 iff `score ≥ threshold` (labels 0/1). O(n). */
export function confusion(labels: ArrayLike<number>, scores: ArrayLike<number>, threshold = 0.5): Confusion {
  let tp = 0;
  let fp = 0;
  let tn = 0;
  let fn = 0;
  for (let i = 0; i < labels.length; i++) {
    const predicted = scores[i] >= threshold;
    if (labels[i] === 1) {
      if (predicted) tp++;
      else fn++;
    } else if (predicted) fp++;
    else tn++;
  }
  return { tp, fp, tn, fn };
}

/** a / b, or 0 when b = 0 (scikit-learn's `zero_division` result, without the warning). */
export function ratio(a: number, b: number): number {
  return b === 0 ? 0 : a / b;
}

/** accuracy, precision, recall, F1 from confusion counts (0 for a zero denominator). */
export function thresholdMetrics(
  c: Confusion,
): Pick<BinaryMetrics, 'accuracy' | 'precision' | 'recall' | 'f1'> {
  return {
    accuracy: ratio(c.tp + c.tn, c.tp + c.fp + c.tn + c.fn),
    precision: ratio(c.tp, c.tp + c.fp),
    recall: ratio(c.tp, c.tp + c.fn),
    f1: ratio(2 * c.tp, 2 * c.tp + c.fp + c.fn),
  };
}

/**
 * Binary classification metrics exactly as docs/statistics.md §4 (= scikit-learn 1.2.1): ROC AUC (average
 * ranks, null when a class is absent), log loss (ε = float64 eps), and accuracy / precision / recall / F1
 * with ŷ = 1 iff `score ≥ threshold`, 0 for zero denominators.
 *
 * Inputs are pre-validated by the caller (labels exactly 0 or 1, scores finite, equal lengths).
 * Complexity: O(n) with the radix sort inside {@link rocAuc}; ~0.4 s for 5M rows on Node 20.
 * @example binaryMetrics(Float64Array.of(0, 1, 1), Float64Array.of(0.2, 0.6, 0.4)).recall // 0.5
 */
export function binaryMetrics(labels: Float64Array, scores: Float64Array, threshold = 0.5): BinaryMetrics {
  const n = labels.length;
  const c = confusion(labels, scores, threshold);
  const nPos = c.tp + c.fn;
  return {
    n,
    n_pos: nPos,
    n_neg: n - nPos,
    roc_auc: rocAuc(labels, scores),
    log_loss: logLoss(labels, scores),
    ...thresholdMetrics(c),
    ...c,
  };
}
