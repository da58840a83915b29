import { binaryMetrics, type BinaryMetrics } from './binary-metrics.js';
import { regressionMetrics, type RegressionMetrics } from './regression-metrics.js';

/** Default minimum rows for a slice to be gated (see {@link sliceMetrics}). */
export const DEFAULT_MIN_SLICE_ROWS = 30;

/** Why a slice is reported but not gated. */
export type SliceFlag = 'too_few_rows' | 'single_class';

export interface SliceResult<T> {
  /** The slice value (the raw category string); null for rows whose slice cell is null. */
  slice: string | null;
  rows: number;
  metrics: T;
  /** Present when the slice must not be gated: its metrics are too noisy or undefined. */
  flag?: SliceFlag;
  /** The flag in words, e.g. "12 rows, fewer than min_slice_rows 30". */
  reason?: string;
}

export interface SliceOptions {
  /** Slices with fewer rows are flagged `too_few_rows` (default 30). */
  minSliceRows?: number;
  /** Labels 0/1: slices containing a single class are flagged `single_class` (AUC undefined). */
  binaryLabels?: ArrayLike<number>;
}

/**
 * Metrics per slice of a categorical column (dictionary codes, −1 = null): the rows of each slice are
 * gathered and passed to `compute`. Slices come in dictionary order, the null slice last (when present).
 *
 * A slice is *flagged, not gated* when it has fewer than `minSliceRows` rows (default 30: below that the
 * sampling error of a rate is ≥ 0.09, larger than any useful tolerance) or, for binary tasks, a single
 * class. Flags are for the caller to turn into notices; the metrics are still computed.
 *
 * Complexity: O(n) to group plus the cost of `compute` on each slice.
 * @throws RangeError when `minSliceRows` is not a non-negative integer.
 * @example sliceMetrics(codes, ['eu', 'us'], (rows) => rows.length)
 */
export function sliceMetrics<T>(
  codes: Int32Array,
  dictionary: readonly string[],
  compute: (rows: Uint32Array) => T,
  options: SliceOptions = {},
): SliceResult<T>[] {
  const minRows = options.minSliceRows ?? DEFAULT_MIN_SLICE_ROWS;
  if (!(Number.isInteger(minRows) && minRows >= 0))
    throw new RangeError(`min_slice_rows must be a non-negative integer, got ${minRows}`);
  const k = dictionary.length;
  const counts = new Uint32Array(k + 1); // last = null slice
  for (let i = 0; i < codes.length; i++) counts[codes[i] < 0 ? k : codes[i]]++;
  const members = Array.from(counts, (c) => new Uint32Array(c));
  const fill = new Uint32Array(k + 1);
  for (let i = 0; i < codes.length; i++) {
    const s = codes[i] < 0 ? k : codes[i];
    members[s][fill[s]++] = i;
  }
  const out: SliceResult<T>[] = [];
  for (let s = 0; s <= k; s++) {
    const rows = members[s];
    if (s === k && rows.length === 0) continue;
    const result: SliceResult<T> = {
      slice: s === k ? null : dictionary[s],
      rows: rows.length,
      metrics: compute(rows),
    };
    if (rows.length < minRows) {
      result.flag = 'too_few_rows';
      result.reason = `${rows.length} rows, fewer than min_slice_rows ${minRows}`;
    } else if (options.binaryLabels) {
      let pos = 0;
      for (const r of rows) if (options.binaryLabels[r] === 1) pos++;
      if (pos === 0 || pos === rows.length) {
        result.flag = 'single_class';
        result.reason = `only class ${pos === 0 ? 0 : 1} in ${rows.length} rows (AUC undefined)`;
      }
    }
    out.push(result);
  }
  return out;
}

/** Gather `values[rows]` into a new array. */
export function gather(values: ArrayLike<number>, rows: Uint32Array): Float64Array {
  const out = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i++) out[i] = values[rows[i]];
  return out;
}

/** {@link binaryMetrics} per slice, single-class slices flagged. */
export function binarySliceMetrics(
  codes: Int32Array,
  dictionary: readonly string[],
  labels: Float64Array,
  scores: Float64Array,
  threshold = 0.5,
  minSliceRows = DEFAULT_MIN_SLICE_ROWS,
): SliceResult<BinaryMetrics>[] {
  return sliceMetrics(
    codes,
    dictionary,
    (rows) => binaryMetrics(gather(labels, rows), gather(scores, rows), threshold),
    {
      minSliceRows,
      binaryLabels: labels,
    },
  );
}

/** {@link regressionMetrics} per slice. */
export function regressionSliceMetrics(
  codes: Int32Array,
  dictionary: readonly string[],
  y: Float64Array,
  yhat: Float64Array,
  minSliceRows = DEFAULT_MIN_SLICE_ROWS,
): SliceResult<RegressionMetrics>[] {
  return sliceMetrics(codes, dictionary, (rows) => regressionMetrics(gather(y, rows), gather(yhat, rows)), {
    minSliceRows,
  });
}
