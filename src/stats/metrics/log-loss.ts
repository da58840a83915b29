// Module-level aliases: under jest's vm context each global `Math` lookup in a hot loop is very slow.
const { abs, log, max, min } = Math;

/** scikit-learn 1.2's `eps='auto'` for float64 input: `np.finfo(np.float64).eps`. */
export const LOG_LOSS_EPS = 2.220446049250313e-16;

/**
 * Binary log loss (cross-entropy), `sklearn.metrics.log_loss` 1.2.1 with `eps='auto'` (docs/statistics.md §4):
 * `p' = min(max(p, ε), 1 − ε)` with ε = 2.220446049250313e-16 (float64 machine epsilon), then
 * `−(1/n)·Σ [y·ln p' + (1 − y)·ln(1 − p')]`. (scikit-learn < 1.2 clipped at 1e-15: a different value for
 * exact 0/1 scores.) scikit-learn also divides each row [1 − p', p'] by its sum, which differs from 1 by at
 * most one ulp: that changes the result by < 1e-16, far inside the 1e-9 contract, so it is skipped.
 *
 * Summation is compensated (Neumaier), so the result does not drift with n (5M rows).
 * Complexity: O(n). n = 0 → NaN. Labels 0/1 and finite scores are the caller's responsibility.
 * @see https://scikit-learn.org/1.2/modules/generated/sklearn.metrics.log_loss.html
 * @example logLoss(Float64Array.of(0, 1), Float64Array.of(0.2, 0.7)) // 0.2899092476264711
 */
export function logLoss(labels: ArrayLike<number>, scores: ArrayLike<number>): number {
  const n = labels.length;
  const hi = 1 - LOG_LOSS_EPS;
  let sum = 0;
  let comp = 0;
  for (let i = 0; i < n; i++) {
    let p = scores[i];
    if (p < LOG_LOSS_EPS) p = LOG_LOSS_EPS;
    else if (p > hi) p = hi;
    const term = labels[i] === 1 ? log(p) : log(1 - p);
    const t = sum + term;
    comp += abs(sum) >= abs(term) ? sum - t + term : term - t + sum;
    sum = t;
  }
  return n === 0 ? NaN : -(sum + comp) / n;
}

/** The per-row loss term −[y ln p' + (1−y) ln(1−p')] (for bootstrap resampling). */
export function logLossTerm(label: number, score: number): number {
  const p = min(max(score, LOG_LOSS_EPS), 1 - LOG_LOSS_EPS);
  return label === 1 ? -log(p) : -log(1 - p);
}
