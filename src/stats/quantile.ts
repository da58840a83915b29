/**
 * Quantile of sorted data, numpy `method='linear'` (Hyndman–Fan type 7), exactly as docs/statistics.md §2,
 * including numpy's two-sided lerp (it matters only in the last bit).
 * O(1) on sorted input; `sorted` must be ascending and non-empty.
 * @example quantileSorted(Float64Array.of(1, 2, 3, 4), 0.5) // 2.5
 */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) throw new RangeError('quantile of an empty sample');
  if (!(p >= 0 && p <= 1)) throw new RangeError(`quantile probability ${p} is outside [0, 1]`);
  const h = (n - 1) * p;
  const i = Math.floor(h);
  const g = h - i;
  const a = sorted[i];
  const b = sorted[Math.min(i + 1, n - 1)];
  return g >= 0.5 ? b - (b - a) * (1 - g) : a + (b - a) * g;
}
