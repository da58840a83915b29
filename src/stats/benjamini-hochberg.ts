/**
 * Benjamini–Hochberg adjusted p-values (false discovery rate), as statsmodels
 * `multipletests(p, method='fdr_bh')[1]`: sort ascending, p_(i)·m/i, running minimum from the largest
 * rank down, capped at 1, returned in the input order. NaN p-values are left out of m and stay NaN.
 *
 * Complexity: O(m log m).
 * @see https://www.statsmodels.org/stable/generated/statsmodels.stats.multitest.multipletests.html
 * @see Y. Benjamini, Y. Hochberg (1995), https://doi.org/10.1111/j.2517-6161.1995.tb02031.x
 * @example benjaminiHochberg([0.01, 0.04, 0.03]) // ≈ [0.03, 0.04, 0.04]
 */
export function benjaminiHochberg(pvalues: readonly number[]): number[] {
  const out = pvalues.map(() => NaN);
  const idx = pvalues.map((_, i) => i).filter((i) => !Number.isNaN(pvalues[i]));
  idx.sort((a, b) => pvalues[a] - pvalues[b] || a - b);
  const m = idx.length;
  let running = Infinity;
  for (let r = m - 1; r >= 0; r--) {
    const i = idx[r];
    const adj = pvalues[i] / ((r + 1) / m);
    running = Math.min(running, adj);
    out[i] = Math.min(1, running);
  }
  return out;
}
