/**
 * Equal-width histogram of sorted data over [lo, hi], exactly as
 * `numpy.histogram(a, bins=k, range=(lo, hi))` (docs/statistics.md §3.3): edges e_i = i·((hi − lo)/k) + lo
 * for i < k and e_k = hi (numpy.linspace); a value v goes to bin #{i ∈ 1..k−1 : e_i ≤ v}, so bins are
 * [e_i, e_{i+1}) and the last one is closed, [e_{k−1}, hi]. Values outside [lo, hi] are not counted.
 *
 * Complexity: O(k log n) on sorted input (binary searches at the edges).
 * @throws RangeError when lo ≥ hi, either is not finite, or bins < 1.
 * @see https://numpy.org/doc/1.24/reference/generated/numpy.histogram.html
 * @example equalWidthHistogramSorted(Float64Array.of(0, 1, 2, 10), 0, 10, 2) // {edges: [0, 5, 10], counts: [3, 1]}
 */
export function equalWidthHistogramSorted(
  sorted: ArrayLike<number>,
  lo: number,
  hi: number,
  bins: number,
): { edges: number[]; counts: number[] } {
  const edges = equalWidthEdges(lo, hi, bins);
  return { edges, counts: countsBetweenEdges(sorted, edges) };
}

/** numpy.linspace(lo, hi, bins + 1): i·step + lo with step = (hi − lo)/bins, last edge exactly hi. */
export function equalWidthEdges(lo: number, hi: number, bins: number): number[] {
  if (!(Number.isFinite(lo) && Number.isFinite(hi) && lo < hi)) {
    throw new RangeError(`histogram range [${lo}, ${hi}] must be finite with lo < hi`);
  }
  if (!(Number.isInteger(bins) && bins >= 1))
    throw new RangeError(`histogram bins must be a positive integer, got ${bins}`);
  const step = (hi - lo) / bins;
  const edges: number[] = [];
  for (let i = 0; i < bins; i++) edges.push(i * step + lo);
  edges.push(hi);
  return edges;
}

/** Counts per bin [e_i, e_{i+1}), last bin closed, of ascending data (values outside the edges ignored). */
export function countsBetweenEdges(sorted: ArrayLike<number>, edges: readonly number[]): number[] {
  const k = edges.length - 1;
  const counts: number[] = [];
  let prev = lowerBound(sorted, edges[0]);
  for (let i = 1; i <= k; i++) {
    const next = i === k ? upperBound(sorted, edges[k]) : lowerBound(sorted, edges[i]);
    counts.push(next - prev);
    prev = next;
  }
  return counts;
}

/** Number of elements < v in ascending data. */
export function lowerBound(sorted: ArrayLike<number>, v: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Number of elements ≤ v in ascending data. */
export function upperBound(sorted: ArrayLike<number>, v: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
