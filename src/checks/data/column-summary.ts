/**
 * One pass of bookkeeping per column, shared by the profile and by every expectation on that column:
 * a suite with ten expectations on `age` sorts `age` once. Summaries are cached per column object
 * (a WeakMap), so they die with the table.
 */
import type { CategoricalColumn, NumericColumn } from '../../data/table.js';
import { ExactSum } from '../../stats/sketches/exact-sum.js';
import type { Moments } from '../../stats/sketches/moments.js';
import { scanNumeric, type NumericScan } from '../../stats/numeric-scan.js';
import { runsOf, sortedFinite } from '../../stats/sort-float64.js';

export type { NumericScan } from '../../stats/numeric-scan.js';

export interface NumericSummary {
  rows: number;
  nulls: number;
  posInf: number;
  negInf: number;
  /** Number of finite values. */
  count: number;
  /** Finite values, ascending (sorted on first access: mean, min or a range check never pay for it). */
  readonly sorted: Float64Array;
  /** Exactly rounded sum of the finite values. */
  sum: number;
  sumState: ExactSum;
  moments: Moments;
  /** Smallest and largest finite value (NaN when there is none). */
  min: number;
  max: number;
  /** Distinct finite values (0.0 == −0.0); computed from `sorted` on first access. */
  readonly distinct: number;
  /** The distinct finite values and their counts; computed from `sorted` on first access. */
  readonly runs: Runs;
  /** Every finite value is an integer (what pandas would read as int64 if there are no nulls or ±∞). */
  integral: boolean;
}

/**
 * Run-length encoding of sorted values: `values[r]` (ascending, the first of its run, so −0.0 when a run
 * of zeros starts with it) occurs `counts[r]` times. Equality is `===`: −0.0 and 0.0 are one run.
 */
export interface Runs {
  values: Float64Array;
  counts: Int32Array;
}

export interface CategoricalSummary {
  rows: number;
  nulls: number;
  count: number;
  /** Occurrences of each dictionary code. */
  counts: Float64Array;
  /** Codes that occur at least once. */
  distinct: number;
}

const numericCache = new WeakMap<NumericColumn, NumericSummary>();
const categoricalCache = new WeakMap<CategoricalColumn, CategoricalSummary>();
/** Summaries whose `sorted` has been computed (and is cached). */
const withSorted = new WeakSet<NumericSummary>();

export function summarizeNumeric(column: NumericColumn): NumericSummary {
  return numericCache.get(column) ?? adoptNumericScan(column, scanNumeric(column.values));
}

/** Whether `column` has been summarized (its summary is cached). */
export function isSummarized(column: NumericColumn): boolean {
  return numericCache.has(column);
}

/** Installs the summary of `column` from its scan (made here or on a worker thread); returns it. */
export function adoptNumericScan(column: NumericColumn, scan: NumericScan): NumericSummary {
  const cached = numericCache.get(column);
  if (cached) return cached;
  const values = column.values;
  const count = scan.count;
  let sorted: Float64Array | undefined;
  let runs: Runs | undefined;
  const summary: NumericSummary = {
    rows: values.length,
    nulls: scan.nulls,
    posInf: scan.posInf,
    negInf: scan.negInf,
    count,
    get sorted() {
      if (!sorted) {
        sorted = sortedFinite(values, count);
        withSorted.add(this);
      }
      return sorted;
    },
    sum: scan.sum,
    sumState: ExactSum.ofPartials(scan.partials),
    moments: count === 0 ? { count: 0, mean: NaN, m2: 0 } : { count, mean: scan.mean, m2: scan.m2 },
    min: scan.min,
    max: scan.max,
    get distinct() {
      return this.runs.values.length;
    },
    get runs() {
      return (runs ??= runsOf(this.sorted));
    },
    integral: scan.integral,
  };
  numericCache.set(column, summary);
  return summary;
}

/**
 * Working arrays for sorting many columns one after the other (a profile): reusing them saves allocating
 * (and page-faulting in) four arrays per column. Grown on demand.
 */
export class SortBuffers {
  private sorted = new Float64Array(0);
  private scratch = new Float64Array(0);
  private runValues = new Float64Array(0);
  private runCounts = new Int32Array(0);

  /** Arrays of at least `n` elements; valid until the next call. */
  take(n: number): {
    sorted: Float64Array;
    scratch: Float64Array;
    runValues: Float64Array;
    runCounts: Int32Array;
  } {
    if (this.sorted.length < n) {
      this.sorted = new Float64Array(n);
      this.scratch = new Float64Array(n);
      this.runValues = new Float64Array(n);
      this.runCounts = new Int32Array(n);
    }
    return {
      sorted: this.sorted,
      scratch: this.scratch,
      runValues: this.runValues,
      runCounts: this.runCounts,
    };
  }
}

/**
 * The sorted finite values and runs of a column for a one-off pass over them (a profile), in `buffers`
 * (valid until their next use) unless the column's summary already holds them. Nothing is cached: a
 * profile of a large table keeps no sorted copy of each column.
 */
export function sortedAndRuns(
  column: NumericColumn,
  buffers: SortBuffers,
): { sorted: Float64Array; runs: Runs } {
  const s = summarizeNumeric(column);
  if (withSorted.has(s)) return { sorted: s.sorted, runs: s.runs };
  const b = buffers.take(s.count);
  const sorted = sortedFinite(column.values, s.count, b.sorted, b.scratch);
  return { sorted, runs: runsOf(sorted, b.runValues, b.runCounts) };
}

export function summarizeCategorical(column: CategoricalColumn): CategoricalSummary {
  const cached = categoricalCache.get(column);
  if (cached) return cached;
  const codes = column.codes;
  const counts = new Float64Array(column.dictionary.length);
  let nulls = 0;
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i];
    if (c < 0) nulls++;
    else counts[c]++;
  }
  let distinct = 0;
  for (let c = 0; c < counts.length; c++) if (counts[c] > 0) distinct++;
  const summary: CategoricalSummary = {
    rows: codes.length,
    nulls,
    count: codes.length - nulls,
    counts,
    distinct,
  };
  categoricalCache.set(column, summary);
  return summary;
}
