// Module-level aliases: under jest's vm context each global `Math` lookup in a hot loop is very slow.
const { abs, max } = Math;

/** scikit-learn's guard against division by zero in MAPE: `np.finfo(np.float64).eps`. */
export const MAPE_EPS = 2.220446049250313e-16;

/**
 * Mean absolute percentage error, `sklearn.metrics.mean_absolute_percentage_error` (1.2):
 * `(1/n)·Σ |y − ŷ| / max(|y|, ε)` with ε = float64 eps. A fraction, not a percentage (0.05 = 5 %); a zero
 * target makes the term huge (|ŷ|/ε) on purpose, as in scikit-learn.
 *
 * Compensated sum. Complexity: O(n). n = 0 → NaN. Finite inputs are the caller's responsibility.
 * @see https://scikit-learn.org/1.2/modules/generated/sklearn.metrics.mean_absolute_percentage_error.html
 * @example mape(Float64Array.of(100, 200), Float64Array.of(110, 190)) // 0.07500000000000001
 */
export function mape(y: ArrayLike<number>, yhat: ArrayLike<number>): number {
  const n = y.length;
  let sum = 0;
  let comp = 0;
  for (let i = 0; i < n; i++) {
    const term = abs(yhat[i] - y[i]) / max(abs(y[i]), MAPE_EPS);
    const t = sum + term;
    comp += sum >= term ? sum - t + term : term - t + sum;
    sum = t;
  }
  return n === 0 ? NaN : (sum + comp) / n;
}
