/**
 * Brier score, `sklearn.metrics.brier_score_loss` (1.2) for labels 0/1 and P(class 1):
 * `(1/n)·Σ (p − y)²`. Lower is better; 0.25 for a constant 0.5 forecast.
 * Compensated sum. Complexity: O(n). n = 0 → NaN. Scores in [0, 1] are the caller's responsibility
 * (scikit-learn raises on values outside it).
 * @see https://scikit-learn.org/1.2/modules/generated/sklearn.metrics.brier_score_loss.html
 * @example brierScore(Float64Array.of(0, 1), Float64Array.of(0.1, 0.8)) // 0.02499999999999999
 */
export function brierScore(labels: ArrayLike<number>, scores: ArrayLike<number>): number {
  const n = labels.length;
  let sum = 0;
  let comp = 0;
  for (let i = 0; i < n; i++) {
    const d = scores[i] - labels[i];
    const term = d * d;
    const t = sum + term;
    comp += sum >= term ? sum - t + term : term - t + sum;
    sum = t;
  }
  return n === 0 ? NaN : (sum + comp) / n;
}
