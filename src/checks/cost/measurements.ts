/**
 * What the cost model takes from other checks' result files: the smoke check's measured service times
 * (per batch size), peak memory and load time, and the image check's size and layers. Results are data
 * (read as JSON, never by importing the other check); every missing or malformed field is an InputError
 * naming the file and the key.
 */
import { statSync } from 'node:fs';
import { InputError } from '../../core/errors.js';
import { fromJsonNumber, type CheckResult, type MetricValue } from '../../core/result.js';
import { readResultFile } from '../../core/validate-result.js';
import { visible } from '../../core/visible.js';

/** Result files are small; anything bigger is not one (and is not read whole into memory). */
const MAX_RESULT_BYTES = 64 * 1024 * 1024;

/** Read and validate a result file; a FIFO, a folder or a huge file is refused before it is opened. */
export function readResult(file: string, shown: string): CheckResult {
  let size: number;
  try {
    const s = statSync(file);
    if (!s.isFile()) throw new InputError(`${shown}: not a regular file (expected a model-ci result JSON)`);
    size = s.size;
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(`${shown}: file not found (expected a model-ci result JSON)`);
  }
  if (size > MAX_RESULT_BYTES)
    throw new InputError(
      `${shown}: ${size} bytes is too large for a model-ci result (at most ${MAX_RESULT_BYTES})`,
    );
  try {
    return readResultFile(file);
  } catch (e) {
    throw new InputError((e as Error).message.split(file).join(shown));
  }
}

/** Service time statistics of one request of `batch` rows, in ms. */
export interface ServicePoint {
  batch: number;
  mean_ms: number;
  p50_ms: number;
  p95_ms: number;
  p99_ms: number;
}

export interface ServiceProfile {
  /** Measured points, by increasing batch size (at least batch 1 or the model's fixed batch). */
  points: ServicePoint[];
  peakRssMb?: number;
  loadMs?: number;
  backend: string;
  /** The machine the smoke test ran on, when the smoke result says (`details.host`). */
  host?: { arch?: string; cpu?: string; cpus?: number };
  /** How the points were obtained, for the assumptions. */
  notes: string[];
}

function finite(v: MetricValue | unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (v === null || typeof v === 'string') {
    const x = fromJsonNumber(v as null);
    return Number.isFinite(x) ? x : undefined;
  }
  return undefined;
}

function need(file: string, key: string, v: number | undefined, why: string): number {
  if (v === undefined) throw new InputError(`${file}: ${key}: missing; ${why}`);
  if (v <= 0) throw new InputError(`${file}: ${key}: expected a positive number, got ${v}`);
  return v;
}

/**
 * The measured service profile of a smoke result.
 * @throws InputError when the file is not a smoke result or has no latency (the smoke check failed before
 *   timing, or an older/foreign file)
 */
export function serviceProfile(r: CheckResult, file: string): ServiceProfile {
  if (r.check !== 'smoke')
    throw new InputError(`${file}: $.check: expected a smoke result, got a "${visible(r.check)}" result`);
  const why = `the cost needs the smoke check's latency (its result is "${r.status}": ${visible(r.summary)})`;
  const p50 = need(file, 'metrics.latency_p50_ms', finite(r.metrics.latency_p50_ms), why);
  const p95 = need(file, 'metrics.latency_p95_ms', finite(r.metrics.latency_p95_ms), why);
  const p99 = need(file, 'metrics.latency_p99_ms', finite(r.metrics.latency_p99_ms), why);
  const notes: string[] = [];
  const points: ServicePoint[] = [];
  const latency = r.details.latency;
  if (latency && typeof latency === 'object' && !Array.isArray(latency)) {
    for (const [key, v] of Object.entries(latency as Record<string, unknown>)) {
      const m = /^batch_(\d+)$/.exec(key);
      if (!m || typeof v !== 'object' || v === null) continue;
      const s = v as Record<string, unknown>;
      const at = (k: string) =>
        need(file, `details.latency.${key}.${k}`, finite(s[k]), 'each measured batch needs it');
      points.push({
        batch: Number(m[1]),
        mean_ms: at('mean_ms'),
        p50_ms: at('p50_ms'),
        p95_ms: at('p95_ms'),
        p99_ms: at('p99_ms'),
      });
    }
  }
  if (points.length === 0) {
    // Older or hand-written smoke results: the metrics alone (batch 1), the mean taken as the median.
    points.push({ batch: 1, mean_ms: p50, p50_ms: p50, p95_ms: p95, p99_ms: p99 });
    notes.push(
      `${file} has no details.latency: the mean service time at batch 1 is taken as the measured p50`,
    );
  }
  points.sort((a, b) => a.batch - b.batch);
  if (r.status !== 'pass')
    notes.push(
      `the smoke result's status is "${r.status}" (${visible(r.summary)}); its latency is used as measured`,
    );
  const hostRaw = r.details.host as Record<string, unknown> | undefined;
  const host =
    hostRaw && typeof hostRaw === 'object'
      ? {
          arch: typeof hostRaw.arch === 'string' ? visible(hostRaw.arch) : undefined,
          cpu: typeof hostRaw.cpu === 'string' ? visible(hostRaw.cpu) : undefined,
          cpus: typeof hostRaw.cpus === 'number' ? hostRaw.cpus : undefined,
        }
      : undefined;
  return {
    points,
    peakRssMb: finite(r.metrics.peak_rss_mb),
    loadMs: finite(r.metrics.load_ms),
    backend: visible(
      typeof r.details.backend === 'string'
        ? r.details.backend
        : typeof r.details.mode === 'string'
          ? r.details.mode
          : 'unknown',
    ),
    host,
    notes,
  };
}

/**
 * Service time statistics at `batch` rows per request: a measured point when there is one, else linear
 * interpolation between the two measured batch sizes around it (or extrapolation from the two largest);
 * with a single measured point, time grows in proportion to the batch (no batching gain assumed).
 */
export function serviceAt(profile: ServiceProfile, batch: number): { point: ServicePoint; how: string } {
  const pts = profile.points;
  const exact = pts.find((p) => p.batch === batch);
  if (exact) return { point: exact, how: `measured at batch ${batch}` };
  if (pts.length === 1) {
    const p = pts[0];
    const k = batch / p.batch;
    return {
      point: {
        batch,
        mean_ms: p.mean_ms * k,
        p50_ms: p.p50_ms * k,
        p95_ms: p.p95_ms * k,
        p99_ms: p.p99_ms * k,
      },
      how: `batch ${p.batch} times ${batch}/${p.batch} (one measured batch size: no batching gain assumed)`,
    };
  }
  let i = pts.findIndex((p) => p.batch > batch);
  if (i <= 0) i = i === 0 ? 1 : pts.length - 1;
  const a = pts[i - 1];
  const b = pts[i];
  const t = (batch - a.batch) / (b.batch - a.batch);
  const lerp = (x: number, y: number) => Math.max(0, x + t * (y - x));
  return {
    point: {
      batch,
      mean_ms: lerp(a.mean_ms, b.mean_ms),
      p50_ms: lerp(a.p50_ms, b.p50_ms),
      p95_ms: lerp(a.p95_ms, b.p95_ms),
      p99_ms: lerp(a.p99_ms, b.p99_ms),
    },
    how: `${batch > b.batch || batch < a.batch ? 'extrapolated' : 'interpolated'} linearly from batches ${a.batch} and ${b.batch}`,
  };
}

export interface ImageSizes {
  /** Bytes of the image as stored in the registry (compressed layers + config). */
  sizeBytes: number;
  /** Compressed size of each layer, in order (the last holds the model files when model-ci built it). */
  layers: number[];
  ref?: string;
}

/** Size and layer sizes of an image result (`details.size_bytes`, `details.layers`). */
export function imageSizes(r: CheckResult, file: string): ImageSizes {
  if (r.check !== 'image')
    throw new InputError(`${file}: $.check: expected an image result, got a "${visible(r.check)}" result`);
  const size = finite(r.details.size_bytes);
  if (size === undefined || size <= 0)
    throw new InputError(
      `${file}: details.size_bytes: missing; the cost needs the image's size (its result is "${r.status}": ${visible(r.summary)})`,
    );
  const layers: number[] = [];
  const raw = r.details.layers;
  if (Array.isArray(raw))
    raw.forEach((l, i) => {
      const v =
        typeof l === 'number'
          ? l
          : l && typeof l === 'object'
            ? finite((l as Record<string, unknown>).size ?? (l as Record<string, unknown>).size_bytes)
            : undefined;
      if (v === undefined || v < 0)
        throw new InputError(`${file}: details.layers[${i}]: expected a layer with a size in bytes`);
      layers.push(v);
    });
  const ref = typeof r.details.image_ref === 'string' ? visible(r.details.image_ref) : undefined;
  return { sizeBytes: size, layers, ref };
}
