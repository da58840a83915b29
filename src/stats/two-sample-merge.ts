import type { KsStatistic } from './ks-2samp.js';

// Math functions bound once: hot loops then skip a global lookup per call (expensive in jest's vm
// sandbox, where every global access is intercepted; harmless elsewhere).
const { abs, max, min } = Math;

export interface MergedTwoSample {
  /** The KS statistic, sign and location, as {@link ksStatisticSorted}. */
  ks: KsStatistic;
  /** The Wasserstein-1 distance, as {@link wassersteinDistanceSorted}. */
  wasserstein: number;
  /** Number of distinct values of both samples together. */
  distinct: number;
  /** The first `distinctCap` distinct values, ascending. */
  distinctValues: number[];
}

/**
 * One merge of two ascending, finite, non-empty samples that yields what the drift check needs from the
 * merged order: the KS statistic (with its sign and location), the Wasserstein distance and the distinct
 * values. Each number is formed with exactly the operations of {@link ksStatisticSorted},
 * {@link wassersteinDistanceSorted} and the distinct count, so the results are bit-identical to calling
 * them one by one — in one pass over the data instead of three.
 *
 * Complexity: O(n1 + n2).
 * @throws RangeError when a sample is empty.
 */
export function mergeSortedSamples(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  distinctCap: number,
): MergedTwoSample {
  const n1 = x.length;
  const n2 = y.length;
  if (n1 === 0 || n2 === 0) throw new RangeError('two non-empty samples are needed');
  // KS extremes of c(v) = F1(v) − F2(v), tracked separately for values seen in x and values only in y.
  let maxX = -Infinity;
  let maxXAt = NaN;
  let maxY = -Infinity;
  let maxYAt = NaN;
  let minX = Infinity;
  let minXAt = NaN;
  let minY = Infinity;
  let minYAt = NaN;
  // Wasserstein: compensated (Neumaier) Σ |F1 − F2|·gap.
  let sum = 0;
  let comp = 0;
  let prev = 0;
  let term = 0;
  let count = 0;
  const values: number[] = [];
  let i = 0;
  let j = 0;
  while (i < n1 || j < n2) {
    let v: number;
    let inX: boolean;
    if (j >= n2 || (i < n1 && x[i] < y[j])) {
      v = x[i++];
      inX = true;
      while (i < n1 && x[i] === v) i++;
    } else if (i >= n1 || y[j] < x[i]) {
      v = y[j++];
      inX = false;
      while (j < n2 && y[j] === v) j++;
    } else {
      v = x[i++];
      j++;
      inX = true;
      while (i < n1 && x[i] === v) i++;
      while (j < n2 && y[j] === v) j++;
    }
    if (count > 0) {
      const t = term * (v - prev);
      const s = sum + t;
      comp += abs(sum) >= abs(t) ? sum - s + t : t - s + sum;
      sum = s;
    }
    if (++count <= distinctCap) values.push(v);
    const c = i / n1 - j / n2;
    term = abs(c);
    prev = v;
    if (inX) {
      if (c > maxX) {
        maxX = c;
        maxXAt = v;
      }
      if (c < minX) {
        minX = c;
        minXAt = v;
      }
    } else {
      if (c > maxY) {
        maxY = c;
        maxYAt = v;
      }
      if (c < minY) {
        minY = c;
        minYAt = v;
      }
    }
  }
  const maxS = max(maxX, maxY);
  const locMax = maxX === maxS ? maxXAt : maxYAt;
  const minC = min(minX, minY);
  const locMin = minX === minC ? minXAt : minYAt;
  const minS = min(max(-minC, 0), 1);
  const ks: KsStatistic =
    minS > maxS
      ? { statistic: minS, sign: -1, location: locMin }
      : { statistic: maxS, sign: 1, location: locMax };
  return { ks, wasserstein: sum + comp, distinct: count, distinctValues: values };
}
