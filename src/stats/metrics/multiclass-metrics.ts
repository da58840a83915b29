import { LOG_LOSS_EPS } from './log-loss.js';
import { rocAuc } from './roc-auc.js';

// Module-level aliases: under jest's vm context each global `Math` lookup in a hot loop is very slow.
const { abs, log } = Math;

/** Per-class figures of {@link multiclassMetrics} (one-vs-rest). */
export interface ClassMetrics {
  class: number;
  /** Rows whose true class is this one. */
  support: number;
  /** Rows predicted as this class (argmax). */
  predicted: number;
  precision: number;
  recall: number;
  f1: number;
  /** One-vs-rest ROC AUC of column `class`; null when the class is absent from the labels (or is every label). */
  roc_auc: number | null;
}

export interface MulticlassMetrics {
  n: number;
  k: number;
  accuracy: number;
  precision_macro: number;
  recall_macro: number;
  f1_macro: number;
  f1_weighted: number;
  log_loss: number;
  /** Mean of the per-class one-vs-rest AUCs; null when some class has no row (scikit-learn raises then). */
  roc_auc_ovr_macro: number | null;
  /** Prevalence-weighted mean of the one-vs-rest AUCs; null in the same cases. */
  roc_auc_ovr_weighted: number | null;
  per_class: ClassMetrics[];
}

/**
 * Multiclass classification metrics as scikit-learn 1.2 computes them, for labels 0..k−1 and an n×k
 * row-major probability matrix:
 * - prediction = argmax of the row (first maximum on ties, as `numpy.argmax`);
 * - `accuracy` = share of rows predicted right;
 * - `precision_macro`, `recall_macro`, `f1_macro`, `f1_weighted` = `precision_score` / `recall_score` /
 *   `f1_score` with `average='macro'|'weighted'` and scikit-learn's default label set: the classes present in
 *   the labels or the predictions (a class in neither is left out); 0 for zero denominators;
 * - `log_loss` = `log_loss(y, P, labels=range(k))`: every probability clipped to [ε, 1 − ε] (ε = float64
 *   eps), then each row divided by its sum, then `−mean(ln P[i, y_i])`;
 * - `roc_auc_ovr_macro` / `_weighted` = `roc_auc_score(y, P, multi_class='ovr', average=…)`: the binary AUC
 *   of (y = c) against column c, averaged plainly or weighted by class prevalence. scikit-learn raises when
 *   a class has no row or rows do not sum to 1; we return null for the first and compute anyway for the
 *   second (AUC is rank-based; only the averaging would be questionable).
 *
 * Labels must be integers in 0..k−1 and probabilities finite (the caller validates).
 * Complexity: O(n·k) plus k AUCs, O(n·k) total with radix sorts.
 * @example multiclassMetrics(Int32Array.of(0, 1, 2), Float64Array.of(.8,.1,.1, .2,.7,.1, .3,.3,.4), 3).accuracy // 1
 */
export function multiclassMetrics(
  labels: ArrayLike<number>,
  probs: ArrayLike<number>,
  k: number,
): MulticlassMetrics {
  const n = labels.length;
  if (probs.length !== n * k)
    throw new RangeError(`probability matrix has ${probs.length} values, expected n·k = ${n * k}`);
  const support = new Float64Array(k);
  const predicted = new Float64Array(k);
  const correct = new Float64Array(k);
  let logSum = 0;
  let logComp = 0;
  for (let i = 0; i < n; i++) {
    const y = labels[i];
    const row = i * k;
    let best = 0;
    let rowSum = 0;
    for (let c = 0; c < k; c++) {
      const p = probs[row + c];
      if (p > probs[row + best]) best = c;
      rowSum += clip(p);
    }
    support[y]++;
    predicted[best]++;
    if (best === y) correct[y]++;
    const term = log(clip(probs[row + y]) / rowSum);
    const t = logSum + term;
    logComp += abs(logSum) >= abs(term) ? logSum - t + term : term - t + logSum;
    logSum = t;
  }
  const perClass: ClassMetrics[] = [];
  let used = 0;
  let pSum = 0;
  let rSum = 0;
  let fSum = 0;
  let fWeighted = 0;
  let hits = 0;
  let aucMacro: number | null = 0;
  let aucWeighted: number | null = 0;
  const indicator = new Float64Array(n);
  const column = new Float64Array(n);
  for (let c = 0; c < k; c++) {
    const tp = correct[c];
    const precision = predicted[c] === 0 ? 0 : tp / predicted[c];
    const recall = support[c] === 0 ? 0 : tp / support[c];
    const f1 = support[c] + predicted[c] === 0 ? 0 : (2 * tp) / (support[c] + predicted[c]);
    hits += tp;
    if (support[c] > 0 || predicted[c] > 0) {
      used++;
      pSum += precision;
      rSum += recall;
      fSum += f1;
      fWeighted += f1 * support[c];
    }
    for (let i = 0; i < n; i++) {
      indicator[i] = labels[i] === c ? 1 : 0;
      column[i] = probs[i * k + c];
    }
    const auc = rocAuc(indicator, column);
    if (auc === null || aucMacro === null || aucWeighted === null) {
      aucMacro = null;
      aucWeighted = null;
    } else {
      aucMacro += auc / k;
      aucWeighted += (auc * support[c]) / n;
    }
    perClass.push({
      class: c,
      support: support[c],
      predicted: predicted[c],
      precision,
      recall,
      f1,
      roc_auc: auc,
    });
  }
  if (n === 0) {
    aucMacro = null;
    aucWeighted = null;
  }
  return {
    n,
    k,
    accuracy: n === 0 ? 0 : hits / n,
    precision_macro: used === 0 ? 0 : pSum / used,
    recall_macro: used === 0 ? 0 : rSum / used,
    f1_macro: used === 0 ? 0 : fSum / used,
    f1_weighted: n === 0 ? 0 : fWeighted / n,
    log_loss: n === 0 ? NaN : -(logSum + logComp) / n,
    roc_auc_ovr_macro: aucMacro,
    roc_auc_ovr_weighted: aucWeighted,
    per_class: perClass,
  };
}

function clip(p: number): number {
  return p < LOG_LOSS_EPS ? LOG_LOSS_EPS : p > 1 - LOG_LOSS_EPS ? 1 - LOG_LOSS_EPS : p;
}
