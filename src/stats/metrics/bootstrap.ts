/**
 * Seeded paired bootstrap confidence intervals (Efron & Tibshirani 1993, ch. 13; the percentile method).
 *
 * Method, exactly:
 * 1. A resample draws n row indices uniformly **with replacement** (xoshiro128** from `seed`,
 *    {@link createRng}); it is represented by the multiplicities w (w[i] = times row i was drawn).
 * 2. **Paired**: the same w is used for the candidate and the baseline, so the interval is for the
 *    difference on the same rows (their correlation shrinks it) — never two independent resamplings.
 * 3. Per resample the statistic is `metric(candidate, w) − metric(baseline, w)`; resamples where it is
 *    undefined (NaN, e.g. a single class drawn) are dropped and counted (`valid`).
 * 4. The interval is the (α/2, 1 − α/2) quantiles of the valid values, α = 1 − confidence, with numpy's
 *    default linear quantile (`np.percentile`, type 7). Null when fewer than half the resamples are valid.
 * Defaults: 1000 resamples, confidence 0.95, seed 0. Same inputs + seed → the same interval, bit for bit.
 *
 * Complexity: O(B·(n + cost of the statistics on weights)); O(B·n) for every metric of `resampling.ts`.
 * @throws RangeError for resamples < 1 or confidence outside (0, 1).
 * @example bootstrapDelta(labels, candidate, baseline, 'roc_auc') // { low: -0.012, high: 0.021, valid: 1000, ... }
 */
import { quantileSorted } from '../quantile.js';
import { createRng, type Rng } from './random.js';
import {
  BINARY_RESAMPLED,
  binaryResamplers,
  REGRESSION_RESAMPLED,
  regressionResamplers,
  type WeightedStatistic,
} from './resampling.js';

/** Default number of resamples B. */
export const DEFAULT_RESAMPLES = 1000;
/** Default two-sided coverage. */
export const DEFAULT_CONFIDENCE = 0.95;
/** Default PRNG seed. */
export const DEFAULT_SEED = 0;

export interface BootstrapOptions {
  /** Number of resamples B (default 1000). */
  resamples?: number;
  /** Two-sided coverage of the interval (default 0.95). */
  confidence?: number;
  /** PRNG seed (default 0). */
  seed?: number;
}

export interface BootstrapInterval {
  low: number | null;
  high: number | null;
  confidence: number;
  resamples: number;
  /** Resamples on which the statistic was defined. */
  valid: number;
  method: 'percentile';
}

/** Fill `out` (length n) with the multiplicities of n draws with replacement. O(n). */
export function resampleCounts(rng: Rng, out: Uint32Array): Uint32Array {
  const n = out.length;
  out.fill(0);
  for (let i = 0; i < n; i++) out[rng.below(n)]++;
  return out;
}

/** The percentile interval of values (any order; NaN dropped). */
export function percentileInterval(
  values: Float64Array,
  confidence: number,
  resamples = values.length,
): BootstrapInterval {
  const finite = values.filter((v) => !Number.isNaN(v)).sort();
  const valid = finite.length;
  const alpha = 1 - confidence;
  if (valid === 0 || valid * 2 < resamples)
    return { low: null, high: null, confidence, resamples, valid, method: 'percentile' };
  return {
    low: quantileSorted(finite, alpha / 2),
    high: quantileSorted(finite, 1 - alpha / 2),
    confidence,
    resamples,
    valid,
    method: 'percentile',
  };
}

function checkOptions(options: BootstrapOptions): Required<BootstrapOptions> {
  const resamples = options.resamples ?? DEFAULT_RESAMPLES;
  const confidence = options.confidence ?? DEFAULT_CONFIDENCE;
  const seed = options.seed ?? DEFAULT_SEED;
  if (!(Number.isInteger(resamples) && resamples >= 1))
    throw new RangeError(`resamples must be a positive integer, got ${resamples}`);
  if (!(confidence > 0 && confidence < 1))
    throw new RangeError(`confidence must be in (0, 1), got ${confidence}`);
  return { resamples, confidence, seed };
}

/**
 * Bootstrap distribution of several statistics over the same resamples: for each name, the B values
 * of `statistics[name](w)` (NaN where undefined).
 */
export function bootstrapDistributions(
  n: number,
  statistics: Record<string, WeightedStatistic>,
  options: BootstrapOptions = {},
): Record<string, Float64Array> {
  const { resamples, seed } = checkOptions(options);
  const rng = createRng(seed);
  const names = Object.keys(statistics);
  const out: Record<string, Float64Array> = {};
  for (const name of names) out[name] = new Float64Array(resamples);
  if (names.length === 0) return out;
  const w = new Uint32Array(n);
  for (let b = 0; b < resamples; b++) {
    resampleCounts(rng, w);
    for (const name of names) out[name][b] = statistics[name](w);
  }
  return out;
}

/**
 * Paired intervals of candidate − baseline for every metric present in both maps, all from the same
 * resamples (one w per resample shared by every metric and both models).
 */
export function bootstrapDeltas(
  n: number,
  candidate: Record<string, WeightedStatistic>,
  baseline: Record<string, WeightedStatistic>,
  options: BootstrapOptions = {},
): Record<string, BootstrapInterval> {
  const { resamples, confidence } = checkOptions(options);
  const deltas: Record<string, WeightedStatistic> = {};
  for (const name of Object.keys(candidate)) {
    const base = baseline[name];
    const cand = candidate[name];
    if (base) deltas[name] = (w) => cand(w) - base(w);
  }
  const dist = bootstrapDistributions(n, deltas, options);
  const out: Record<string, BootstrapInterval> = {};
  for (const [name, values] of Object.entries(dist))
    out[name] = percentileInterval(values, confidence, resamples);
  return out;
}

/** Paired interval of candidate − baseline for one weighted metric. */
export function bootstrapWeightedDelta(
  n: number,
  candidate: WeightedStatistic,
  baseline: WeightedStatistic,
  options: BootstrapOptions = {},
): BootstrapInterval {
  return bootstrapDeltas(n, { delta: candidate }, { delta: baseline }, options).delta;
}

/** A metric of (truth, predictions); null or NaN when undefined. */
export type MetricFunction = (truth: Float64Array, predictions: Float64Array) => number | null;

/**
 * Paired interval of `metric(truth, candidate) − metric(truth, baseline)`.
 * - `metric` a name (`'roc_auc'`, `'log_loss'`, `'rmse'`, … see BINARY_RESAMPLED / REGRESSION_RESAMPLED):
 *   the fast weighted version, O(n) per resample (binary metrics use ŷ = 1 iff score ≥ 0.5).
 * - `metric` a function: generic; each resample gathers the drawn rows (in row order) into new arrays and
 *   calls it twice, so it costs two metric evaluations per resample (O(n log n) for AUC).
 * @throws RangeError for an unknown metric name, different lengths or bad options.
 * @example bootstrapDelta(labels, candidate, baseline, 'roc_auc', { resamples: 1000, seed: 1 })
 */
export function bootstrapDelta(
  truth: Float64Array,
  candidate: Float64Array,
  baseline: Float64Array,
  metric: string | MetricFunction,
  options: BootstrapOptions = {},
): BootstrapInterval {
  const n = truth.length;
  if (candidate.length !== n || baseline.length !== n) {
    throw new RangeError(
      `lengths differ: ${n} truth, ${candidate.length} candidate, ${baseline.length} baseline`,
    );
  }
  if (typeof metric === 'string') {
    const binary = (BINARY_RESAMPLED as readonly string[]).includes(metric);
    const regression = (REGRESSION_RESAMPLED as readonly string[]).includes(metric);
    if (!binary && !regression) {
      throw new RangeError(
        `no resampling version of metric "${metric}"; known: ${[...BINARY_RESAMPLED, ...REGRESSION_RESAMPLED].join(', ')}`,
      );
    }
    const make = (scores: Float64Array) =>
      binary
        ? binaryResamplers(truth, scores, 0.5, [metric])[metric]
        : regressionResamplers(truth, scores, [metric])[metric];
    return bootstrapWeightedDelta(n, make(candidate), make(baseline), options);
  }
  const ys = new Float64Array(n);
  const cs = new Float64Array(n);
  const bs = new Float64Array(n);
  const stat: WeightedStatistic = (w) => {
    let k = 0;
    for (let i = 0; i < n; i++) {
      for (let r = 0; r < w[i]; r++) {
        ys[k] = truth[i];
        cs[k] = candidate[i];
        bs[k] = baseline[i];
        k++;
      }
    }
    const c = metric(ys, cs);
    const b = metric(ys, bs);
    return c === null || b === null ? NaN : c - b;
  };
  const { confidence, resamples } = checkOptions(options);
  return percentileInterval(bootstrapDistributions(n, { delta: stat }, options).delta, confidence, resamples);
}
