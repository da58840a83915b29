/**
 * Exact column profiles, field for field as docs/statistics.md §2 defines them (pandas/numpy semantics):
 * numeric statistics use the finite values only; ±∞ are counted in `infinite`; quantiles are numpy
 * 'linear'; std is the sample standard deviation (ddof = 1); the mean is the exactly rounded sum / count.
 */
import type { CategoricalColumn, Column, NumericColumn, Table } from '../../data/table.js';
import { datetimeRange } from '../../data/datetime-column.js';
import { quantileSorted } from '../../stats/quantile.js';
import { compareCodePoints } from '../../stats/sketches/code-point-order.js';
import { sampleStd } from '../../stats/sketches/moments.js';
import {
  SortBuffers,
  adoptNumericScan,
  isSummarized,
  sortedAndRuns,
  summarizeCategorical,
  summarizeNumeric,
  type NumericSummary,
} from './column-summary.js';
import { forEachSorted, type ParallelSortOptions } from '../../stats/parallel-sort.js';

/** value_counts is listed only up to this many distinct values (docs/statistics.md §2). */
export const VALUE_COUNTS_LIMIT = 50;

export interface NumericProfile {
  type: 'numeric';
  rows: number;
  count: number;
  nulls: number;
  infinite: number;
  distinct: number;
  mean: number | null;
  std: number | null;
  min: number | null;
  max: number | null;
  p05: number | null;
  p50: number | null;
  p95: number | null;
  /** Fields that are sketch estimates rather than exact values (merged profiles only). */
  approximate?: string[];
}

export interface CategoricalProfile {
  type: 'categorical';
  rows: number;
  count: number;
  nulls: number;
  distinct: number;
  /** Datetime columns: the pandas dtype and the earliest/latest value as `Timestamp.isoformat()`. */
  dtype?: string;
  min?: string;
  max?: string;
  /** [value, count], count descending then value in code-point order; present when distinct ≤ 50. */
  value_counts?: [string, number][];
  approximate?: string[];
}

export type ColumnProfile = NumericProfile | CategoricalProfile;

export interface TableProfile {
  rows: number;
  /** Keyed by column name, in file order. */
  columns: Record<string, ColumnProfile>;
}

const orNull = (x: number): number | null => (Number.isNaN(x) ? null : x);

const profileCache = new WeakMap<Column, ColumnProfile>();

export function profileColumn(column: Column): ColumnProfile {
  let profile = profileCache.get(column);
  if (!profile) {
    if (column.type === 'numeric') {
      const s = summarizeNumeric(column);
      profile = numericProfile(s, s.sorted, s.distinct);
    } else {
      profile = categoricalProfile(column);
    }
    profileCache.set(column, profile);
  }
  return copyProfile(profile);
}

/** Remember the profile of `column` (computed elsewhere from the same data), for {@link profileColumn}. */
export function cacheProfile(column: Column, profile: ColumnProfile): void {
  profileCache.set(column, copyProfile(profile));
}

function copyProfile(p: ColumnProfile): ColumnProfile {
  return p.type === 'categorical' && p.value_counts
    ? { ...p, value_counts: p.value_counts.map(([v, c]) => [v, c]) }
    : { ...p };
}

/** The profile of a numeric column from its summary, its finite values ascending and their distinct count. */
export function numericProfile(s: NumericSummary, sorted: Float64Array, distinct: number): NumericProfile {
  const count = s.count;
  const q = (p: number) => (count === 0 ? null : quantileSorted(sorted, p));
  return {
    type: 'numeric',
    rows: s.rows,
    count,
    nulls: s.nulls,
    infinite: s.posInf + s.negInf,
    distinct,
    mean: count === 0 ? null : s.sum / count,
    std: orNull(sampleStd(s.moments)),
    min: count === 0 ? null : s.min,
    max: count === 0 ? null : s.max,
    p05: q(0.05),
    p50: q(0.5),
    p95: q(0.95),
  };
}

export function categoricalProfile(column: CategoricalColumn): CategoricalProfile {
  const s = summarizeCategorical(column);
  const profile: CategoricalProfile = {
    type: 'categorical',
    rows: s.rows,
    count: s.count,
    nulls: s.nulls,
    distinct: s.distinct,
  };
  const datetime = datetimeRange(column, s.counts);
  if (datetime) Object.assign(profile, datetime);
  if (s.distinct <= VALUE_COUNTS_LIMIT) profile.value_counts = valueCounts(column.dictionary, s.counts);
  return profile;
}

/** [value, count] of the codes that occur, count descending then value in code-point order. */
export function valueCounts(dictionary: readonly string[], counts: ArrayLike<number>): [string, number][] {
  const out: [string, number][] = [];
  for (let c = 0; c < counts.length; c++) if (counts[c] > 0) out.push([dictionary[c], counts[c]]);
  return out.sort((a, b) => b[1] - a[1] || compareCodePoints(a[0], b[0]));
}

/**
 * Exact profile of every column read. The numeric columns not profiled before are sorted once each, into
 * working arrays shared by the columns, on several threads when the table is large (stats/parallel-sort.ts).
 */
export function profileTable(table: Table, options: ParallelSortOptions = {}): TableProfile {
  const todo: NumericColumn[] = [];
  for (const column of table.columns) {
    if (profileCache.has(column)) continue;
    if (column.type === 'numeric') todo.push(column);
    else profileCache.set(column, categoricalProfile(column));
  }
  const buffers = new SortBuffers();
  forEachSorted(
    todo.map((c) => c.values),
    (j) => sortedAndRuns(todo[j], buffers),
    (j, { sorted, runs, scan }) => {
      if (scan) adoptNumericScan(todo[j], scan);
      const s = summarizeNumeric(todo[j]);
      profileCache.set(todo[j], numericProfile(s, sorted, runs!.values.length));
    },
    { extras: todo.map((c) => ({ scan: !isSummarized(c), runs: true })), ...options },
  );
  const columns: Record<string, ColumnProfile> = {};
  for (const column of table.columns) columns[column.name] = profileColumn(column);
  return { rows: table.rows, columns };
}
