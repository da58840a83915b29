import { chiSquareSf } from './special-functions.js';

/**
 * Chi-square test of independence on a 2×K table (rows: reference, current; columns: categories), as
 * `scipy.stats.chi2_contingency(table, correction=True)` (docs/statistics.md §3.5).
 * E_ij = R_i·C_j/N, dof = K − 1. dof = 0 → statistic 0, p 1. dof = 1 → Yates' continuity correction
 * O' = O + sign(E − O)·min(0.5, |E − O|). Otherwise Σ(O − E)²/E. p = chi2.sf(stat, dof) = Q(dof/2, stat/2).
 * `uncorrected` is the same without Yates (= correction=False); it equals the main result when dof ≠ 1.
 *
 * Complexity: O(K).
 * @throws RangeError when the rows differ in length, K = 0, a count is negative, or an expected count is 0
 *   (a row or a column sums to 0; scipy raises ValueError).
 * @see https://docs.scipy.org/doc/scipy-1.10.1/reference/generated/scipy.stats.chi2_contingency.html
 * @example chiSquareContingency([10, 20], [20, 10]).pvalue // ≈ 0.0201368 (with Yates)
 */

export interface ChiSquareStatistic {
  statistic: number;
  pvalue: number;
}

export interface ChiSquareContingencyResult extends ChiSquareStatistic {
  dof: number;
  /** True when Yates' correction was applied (dof = 1). */
  yates: boolean;
  /** Expected counts [reference row, current row]. */
  expected: [number[], number[]];
  uncorrected: ChiSquareStatistic;
}

export function chiSquareContingency(
  refCounts: readonly number[],
  curCounts: readonly number[],
): ChiSquareContingencyResult {
  const K = refCounts.length;
  if (K === 0 || curCounts.length !== K)
    throw new RangeError('chi2_contingency needs two rows of equal, non-zero length');
  const rows = [refCounts, curCounts];
  const R = [0, 0];
  const C: number[] = new Array(K).fill(0);
  for (let i = 0; i < 2; i++) {
    for (let j = 0; j < K; j++) {
      const o = rows[i][j];
      if (!(o >= 0)) throw new RangeError('chi2_contingency counts must be non-negative');
      R[i] += o;
      C[j] += o;
    }
  }
  const N = R[0] + R[1];
  const expected: [number[], number[]] = [[], []];
  for (let i = 0; i < 2; i++) {
    for (let j = 0; j < K; j++) {
      const e = (R[i] * C[j]) / N;
      if (!(e > 0)) throw new RangeError(`chi2_contingency: expected frequency is zero at (${i}, ${j})`);
      expected[i].push(e);
    }
  }
  const dof = K - 1;
  if (dof === 0) {
    return { statistic: 0, pvalue: 1, dof, yates: false, expected, uncorrected: { statistic: 0, pvalue: 1 } };
  }
  const raw = pearson(rows, expected, false);
  const uncorrected = { statistic: raw, pvalue: chiSquareSf(raw, dof) };
  if (dof !== 1) return { ...uncorrected, dof, yates: false, expected, uncorrected };
  const stat = pearson(rows, expected, true);
  return { statistic: stat, pvalue: chiSquareSf(stat, dof), dof, yates: true, expected, uncorrected };
}

/** Σ (O − E)²/E, with O moved towards E by at most ½ when `yates`. */
function pearson(
  rows: readonly (readonly number[])[],
  expected: readonly number[][],
  yates: boolean,
): number {
  let s = 0;
  for (let i = 0; i < 2; i++) {
    for (let j = 0; j < rows[i].length; j++) {
      const e = expected[i][j];
      let o = rows[i][j];
      if (yates) {
        const diff = e - o;
        o = o + Math.min(0.5, Math.abs(diff)) * Math.sign(diff);
      }
      s += ((o - e) * (o - e)) / e;
    }
  }
  return s;
}

/**
 * Cramér's V of a 2×K table from its uncorrected chi-square statistic: √(χ²/(N·(min(2, K) − 1))); 0 when K < 2.
 * @example cramersV(8, 100, 3) // 0.28284271247461906
 */
export function cramersV(chi2Uncorrected: number, total: number, categories: number): number {
  const k = Math.min(2, categories) - 1;
  if (k <= 0 || !(total > 0)) return 0;
  return Math.sqrt(chi2Uncorrected / (total * k));
}
