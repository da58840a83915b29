/**
 * Count, mean and M2 (sum of squared deviations from the mean) that merge across shards:
 * Chan, Golub & LeVeque (1979), "Updating formulae and a pairwise algorithm for computing sample variances":
 *
 *   n = nA + nB,  δ = meanB − meanA,  mean = meanA + δ·nB/n,  M2 = M2A + M2B + δ²·nA·nB/n.
 *
 * Why not Σx and Σx²: the textbook formula loses all precision when the mean is large relative to the
 * spread; Chan's update is as stable as a two-pass computation. Sample variance = M2/(n−1).
 * @see https://en.wikipedia.org/wiki/Algorithms_for_calculating_variance#Parallel_algorithm
 */
// Module-level aliases: under jest's VM context every `Math.x` lookup on a hot path costs ~0.3 µs.
const { abs, sqrt, max } = Math;
export interface Moments {
  count: number;
  mean: number;
  m2: number;
}

export const EMPTY_MOMENTS: Moments = { count: 0, mean: NaN, m2: 0 };

/**
 * Two-pass moments of finite values (nulls/±∞ must already be excluded): the mean from `sum`
 * (pass the exactly rounded sum when you have it), then M2 with Neumaier compensation.
 */
export function momentsOf(values: ArrayLike<number>, sum?: number): Moments {
  const n = values.length;
  if (n === 0) return { ...EMPTY_MOMENTS };
  let s = sum;
  if (s === undefined) {
    s = 0;
    for (let i = 0; i < n; i++) s += values[i];
  }
  const mean = s / n;
  let m2 = 0;
  let c = 0;
  for (let i = 0; i < n; i++) {
    const d = values[i] - mean;
    const t = d * d;
    const u = m2 + t;
    c += abs(m2) >= t ? m2 - u + t : t - u + m2;
    m2 = u;
  }
  return { count: n, mean, m2: m2 + c };
}

/**
 * {@link momentsOf} of the finite values of `values` (NaN and ±∞ skipped, `count` of them), without
 * copying them out first: the same arithmetic in the same order, so the same result bit for bit.
 * The profile's sort workers run it too (stats/numeric-scan.ts), with the same result.
 */
export function momentsOfFinite(values: ArrayLike<number>, count: number, sum: number): Moments {
  if (count === 0) return { count: 0, mean: NaN, m2: 0 };
  const abs = Math.abs; // bound once: `Math.x` lookups in the loop are slow under jest's VM context
  const mean = sum / count;
  let m2 = 0;
  let c = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v - v !== 0) continue; // NaN or ±∞
    const d = v - mean;
    const t = d * d;
    const u = m2 + t;
    c += abs(m2) >= t ? m2 - u + t : t - u + m2;
    m2 = u;
  }
  return { count, mean, m2: m2 + c };
}

/** Chan et al.'s pairwise combination; commutative, and associative up to rounding. */
export function combineMoments(a: Moments, b: Moments): Moments {
  if (a.count === 0) return { ...b };
  if (b.count === 0) return { ...a };
  const n = a.count + b.count;
  const delta = b.mean - a.mean;
  // Weighted form of the mean keeps merge(a, b) === merge(b, a) bit for bit.
  const mean = (a.mean * a.count + b.mean * b.count) / n;
  const m2 = a.m2 + b.m2 + delta * delta * ((a.count * b.count) / n);
  return { count: n, mean: Number.isFinite(mean) ? mean : a.mean + (delta * b.count) / n, m2 };
}

/** Sample standard deviation (ddof = 1); NaN when count < 2. */
export function sampleStd(m: Moments): number {
  return m.count < 2 ? NaN : sqrt(max(0, m.m2) / (m.count - 1));
}
