// Module-level aliases: under jest's vm context each global `Math` lookup in a hot loop is very slow.
const { abs, sqrt } = Math;

/** docs/statistics.md §5. */
export interface RegressionMetrics {
  n: number;
  mse: number;
  rmse: number;
  mae: number;
  r2: number;
  mean_error: number;
}

/**
 * Regression metrics exactly as docs/statistics.md §5 (= scikit-learn 1.2), with `e = y − ŷ`:
 * `mse = Σe²/n`, `rmse = √mse`, `mae = Σ|e|/n`, `mean_error = Σe/n` (positive: the model under-predicts),
 * `r2 = 1 − Σe²/Σ(y − ȳ)²`. Constant target (Σ(y − ȳ)² = 0): `r2 = 1` if every prediction is exact, else 0,
 * as `sklearn.metrics.r2_score`. "Constant" is decided exactly (all y equal), not by the rounded sum,
 * which can be a tiny positive number for e.g. y = [0.1, 0.1, 0.1] (scikit-learn then returns a huge
 * negative r2; we follow the mathematical definition).
 *
 * r2 is NaN for n < 2 (scikit-learn: "not well-defined with less than two samples").
 * Sums are compensated (Neumaier). n = 0 → every metric NaN.
 * Inputs are pre-validated by the caller (finite, equal lengths).
 * Complexity: O(n).
 * @see https://scikit-learn.org/1.2/modules/model_evaluation.html#regression-metrics
 * @example regressionMetrics(Float64Array.of(1, 2, 3), Float64Array.of(1, 2, 4)).mse // 0.3333333333333333
 */
export function regressionMetrics(y: Float64Array, yhat: Float64Array): RegressionMetrics {
  const n = y.length;
  let se = 0;
  let seC = 0;
  let ae = 0;
  let aeC = 0;
  let e1 = 0;
  let e1C = 0;
  let sy = 0;
  let syC = 0;
  let constant = true;
  const y0 = y[0];
  for (let i = 0; i < n; i++) {
    const yi = y[i];
    if (yi !== y0) constant = false;
    const e = yi - yhat[i];
    let t = se + e * e;
    seC += abs(se) >= e * e ? se - t + e * e : e * e - t + se;
    se = t;
    const a = abs(e);
    t = ae + a;
    aeC += ae >= a ? ae - t + a : a - t + ae;
    ae = t;
    t = e1 + e;
    e1C += abs(e1) >= abs(e) ? e1 - t + e : e - t + e1;
    e1 = t;
    t = sy + yi;
    syC += abs(sy) >= abs(yi) ? sy - t + yi : yi - t + sy;
    sy = t;
  }
  if (n === 0) return { n, mse: NaN, rmse: NaN, mae: NaN, r2: NaN, mean_error: NaN };
  const sse = se + seC;
  const mean = (sy + syC) / n;
  let r2: number;
  if (n < 2) {
    r2 = NaN;
  } else if (constant) {
    r2 = sse === 0 ? 1 : 0;
  } else {
    let ss = 0;
    let ssC = 0;
    for (let i = 0; i < n; i++) {
      const d = y[i] - mean;
      const q = d * d;
      const t = ss + q;
      ssC += ss >= q ? ss - t + q : q - t + ss;
      ss = t;
    }
    r2 = 1 - sse / (ss + ssC);
  }
  const mse = sse / n;
  return { n, mse, rmse: sqrt(mse), mae: (ae + aeC) / n, r2, mean_error: (e1 + e1C) / n };
}
