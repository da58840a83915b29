import { quantileSorted } from '../../stats/quantile.js';

export interface LatencySummary {
  runs: number;
  p50_ms: number;
  p95_ms: number;
  p99_ms: number;
  mean_ms: number;
  min_ms: number;
  max_ms: number;
}

/** Run `fn` `warmup` times untimed, then `runs` times timed; returns each timed call's wall time in ms. */
export async function timeRuns(
  fn: () => Promise<unknown>,
  warmup: number,
  runs: number,
  now: () => number = () => performance.now(),
): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = now();
    await fn();
    samples.push(now() - t0);
  }
  return samples;
}

/** p50/p95/p99 by docs/statistics.md §2 (numpy linear), mean, min and max of latency samples (ms). */
export function summarizeLatency(samples: readonly number[]): LatencySummary {
  const sorted = Float64Array.from(samples).sort();
  const mean = samples.reduce((a, b) => a + b, 0) / samples.length;
  return {
    runs: samples.length,
    p50_ms: quantileSorted(sorted, 0.5),
    p95_ms: quantileSorted(sorted, 0.95),
    p99_ms: quantileSorted(sorted, 0.99),
    mean_ms: mean,
    min_ms: sorted[0],
    max_ms: sorted[sorted.length - 1],
  };
}

/** Rows per second when every call handles `batch` rows: batch · runs / total seconds. */
export function throughputPerSecond(samples: readonly number[], batch: number): number {
  const totalMs = samples.reduce((a, b) => a + b, 0);
  return totalMs > 0 ? (batch * samples.length * 1000) / totalMs : Infinity;
}
