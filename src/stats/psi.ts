import { lowerBound, upperBound } from './equal-width-histogram.js';
import { quantileSorted } from './quantile.js';

/**
 * Population Stability Index over the reference's deciles (docs/statistics.md §3.4).
 * Edges q_k = Q(X, k/10), k = 1..9 (numpy linear quantile, duplicates kept). Primary bins are
 * right-closed, (−∞, q1], (q1, q2], …, (q9, ∞): the bin of v is #{k : q_k < v}. P_i = ref share,
 * A_i = current share, a share that is exactly 0 becomes ε = 1e-4 (no renormalisation), and
 * PSI = Σ (A_i − P_i)·ln(A_i/P_i). `leftClosedVariant` uses bins [q_{k−1}, q_k) (bin = #{k : q_k ≤ v});
 * it is informational and differs on discrete data and degenerate references.
 *
 * Complexity: O(log n) per edge on sorted input (20 binary searches per sample).
 * @throws RangeError when a sample is empty.
 * @see docs/statistics.md §3.4 (the definition matched here); B. Yurdakul, "Statistical Properties of Population
 *   Stability Index", dissertation, Western Michigan University, 2018
 * @example psiSorted(Float64Array.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10), Float64Array.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10)).value // 0
 */

export const PSI_EPSILON = 1e-4;

export interface PsiBins {
  value: number;
  refCounts: number[];
  curCounts: number[];
  /** Per-bin (A_i − P_i)·ln(A_i/P_i). */
  terms: number[];
}

export interface PsiResult extends PsiBins {
  /** q1..q9. */
  edges: number[];
  leftClosedVariant: PsiBins;
}

export function psiSorted(x: ArrayLike<number>, y: ArrayLike<number>): PsiResult {
  if (x.length === 0 || y.length === 0) throw new RangeError('psi needs two non-empty samples');
  const edges: number[] = [];
  for (let k = 1; k <= 9; k++) edges.push(quantileSorted(x, k / 10));
  const right = psiFromCounts(binCounts(x, edges, upperBound), binCounts(y, edges, upperBound));
  const left = psiFromCounts(binCounts(x, edges, lowerBound), binCounts(y, edges, lowerBound));
  return { ...right, edges, leftClosedVariant: left };
}

/** Counts in the 10 bins cut at `edges`; `bound(v)` = #elements before the cut at v. */
function binCounts(sorted: ArrayLike<number>, edges: readonly number[], bound: typeof upperBound): number[] {
  const counts: number[] = [];
  let prev = 0;
  for (const e of edges) {
    const next = bound(sorted, e);
    counts.push(next - prev);
    prev = next;
  }
  counts.push(sorted.length - prev);
  return counts;
}

/** PSI from bin counts of the reference and the current sample (ε for empty shares). */
export function psiFromCounts(refCounts: readonly number[], curCounts: readonly number[]): PsiBins {
  let n1 = 0;
  let n2 = 0;
  for (const c of refCounts) n1 += c;
  for (const c of curCounts) n2 += c;
  const terms: number[] = [];
  let value = 0;
  for (let i = 0; i < refCounts.length; i++) {
    const p = refCounts[i] === 0 ? PSI_EPSILON : refCounts[i] / n1;
    const a = curCounts[i] === 0 ? PSI_EPSILON : curCounts[i] / n2;
    const t = (a - p) * Math.log(a / p);
    terms.push(t);
    value += t;
  }
  return { value, refCounts: [...refCounts], curCounts: [...curCounts], terms };
}
