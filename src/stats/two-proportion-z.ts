import { normalSf } from './metrics/normal.js';

/**
 * Two-sample z-test for proportions with the pooled variance, two-sided, as statsmodels
 * `proportions_ztest([c1, c2], [n1, n2])`: p̂ = (c1 + c2)/(n1 + n2),
 * z = (c1/n1 − c2/n2)/√(p̂(1 − p̂)(1/n1 + 1/n2)), p = 2·Φ(−|z|).
 * When p̂ is 0 or 1 (both samples entirely one category) statsmodels returns NaN; here z = 0 and p = 1,
 * which is also what Evidently reports for two identical constant columns.
 *
 * Complexity: O(1).
 * @throws RangeError when n1 or n2 is not positive or a count is outside [0, n].
 * @see https://www.statsmodels.org/stable/generated/statsmodels.stats.proportion.proportions_ztest.html
 * @example twoProportionZTest(30, 100, 50, 100).pvalue // ≈ 0.0038924
 */
export function twoProportionZTest(
  count1: number,
  nobs1: number,
  count2: number,
  nobs2: number,
): { statistic: number; pvalue: number } {
  if (!(nobs1 > 0 && nobs2 > 0)) throw new RangeError('proportions z-test needs two non-empty samples');
  if (!(count1 >= 0 && count1 <= nobs1 && count2 >= 0 && count2 <= nobs2)) {
    throw new RangeError('proportions z-test counts must lie in [0, nobs]');
  }
  const diff = count1 / nobs1 - count2 / nobs2;
  const pooled = ((count1 + count2) * 1) / (nobs1 + nobs2);
  const variance = pooled * (1 - pooled) * (1 / nobs1 + 1 / nobs2);
  const std = Math.sqrt(variance);
  if (!(std > 0)) return { statistic: 0, pvalue: 1 };
  const z = diff / std;
  return { statistic: z, pvalue: Math.min(1, normalSf(Math.abs(z)) * 2) };
}
