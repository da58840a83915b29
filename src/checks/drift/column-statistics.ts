import { standardDeviation } from 'simple-statistics';
import type { Column } from '../../data/table.js';
import { chiSquareContingency, cramersV } from '../../stats/chi-square-contingency.js';
import { jensenShannonCounts, jensenShannonNumeric } from '../../stats/jensen-shannon.js';
import { ks2sampFromStatistic } from '../../stats/ks-2samp.js';
import { psiSorted } from '../../stats/psi.js';
import { sortFinite } from '../../stats/sort-float64.js';
import { twoProportionZTest } from '../../stats/two-proportion-z.js';
import { mergeSortedSamples } from '../../stats/two-sample-merge.js';
import type { SortedFinite } from '../../stats/sort-float64.js';
import type { Chi2Block, ColumnDrift, JsBlock, ZBlock } from './types.js';

/**
 * One side (reference or current) of a column, reduced to what the drift statistics need.
 * Numeric: the sorted finite values. Categorical: counts per non-null value.
 */
export type PreparedSide =
  | { kind: 'numeric'; sorted: Float64Array; nulls: number; infinite: number }
  | { kind: 'categorical'; counts: Map<string, number>; count: number; nulls: number; infinite?: number };

/** Above this many categories the per-category arrays in `details` keep only the most frequent ones. */
export const MAX_REPORTED_CATEGORIES = 100;

/** Wasserstein normaliser floor (Evidently: max(np.std(reference), 0.001)). */
export const WASSERSTEIN_NORM_FLOOR = 0.001;

/**
 * Reduce a table column to a numeric side: the finite values, sorted (stats/sort-float64.ts), and the null
 * (NaN) and ±∞ counts; the column itself is not modified. `presorted`: that result, computed
 * already (on another thread).
 */
export function prepareNumeric(values: Float64Array, presorted?: SortedFinite): PreparedSide {
  const { sorted, nulls, infinite } = presorted ?? sortFinite(values);
  return { kind: 'numeric', sorted, nulls, infinite };
}

/**
 * Reduce a table column to a categorical side. A numeric column (type mismatch) contributes its
 * numbers as text (`String(v)`: 3 → "3", 0.5 → "0.5", ±∞ → "Infinity"/"-Infinity"); NaN is null.
 */
export function prepareCategorical(column: Column): PreparedSide {
  const counts = new Map<string, number>();
  let nulls = 0;
  let count = 0;
  if (column.type === 'categorical') {
    const perCode = new Float64Array(column.dictionary.length);
    for (let i = 0; i < column.codes.length; i++) {
      const c = column.codes[i];
      if (c < 0) nulls++;
      else perCode[c]++;
    }
    for (let c = 0; c < perCode.length; c++) {
      if (perCode[c] > 0) {
        counts.set(column.dictionary[c], (counts.get(column.dictionary[c]) ?? 0) + perCode[c]);
        count += perCode[c];
      }
    }
    return { kind: 'categorical', counts, count, nulls };
  }
  let infinite = 0;
  for (let i = 0; i < column.values.length; i++) {
    const v = column.values[i];
    if (Number.isNaN(v)) {
      nulls++;
      continue;
    }
    if (!Number.isFinite(v)) infinite++;
    const key = String(v);
    counts.set(key, (counts.get(key) ?? 0) + 1);
    count++;
  }
  return { kind: 'categorical', counts, count, nulls, infinite };
}

/** Number of usable values of a side. */
export function sideCount(side: PreparedSide): number {
  return side.kind === 'numeric' ? side.sorted.length : side.count;
}

/** Compare strings by Unicode code point (Python's order), not UTF-16 code unit. */
export function compareCodePoints(a: string, b: string): number {
  const ia = a[Symbol.iterator]();
  const ib = b[Symbol.iterator]();
  for (;;) {
    const x = ia.next();
    const y = ib.next();
    if (x.done) return y.done ? 0 : -1;
    if (y.done) return 1;
    const cx = x.value.codePointAt(0) as number;
    const cy = y.value.codePointAt(0) as number;
    if (cx !== cy) return cx - cy;
  }
}

/** Which blocks to compute besides the ones every column of its type gets. */
export interface BlockRequest {
  chi2: boolean;
  z: boolean;
}

export type ColumnStatistics = Pick<
  ColumnDrift,
  | 'distinct'
  | 'ks'
  | 'wasserstein'
  | 'wasserstein_approximation'
  | 'wasserstein_normed'
  | 'reference_std'
  | 'js'
  | 'psi'
  | 'chi2'
  | 'z'
>;

/** Distinct values of two ascending arrays together, stopping once there are more than `cap`. */
export function distinctSortedValues(
  x: Float64Array,
  y: Float64Array,
  cap: number,
): { count: number; values: number[] } {
  const values: number[] = [];
  const n1 = x.length;
  const n2 = y.length;
  let count = 0;
  let i = 0;
  let j = 0;
  while (i < n1 || j < n2) {
    const v = j >= n2 || (i < n1 && x[i] < y[j]) ? x[i] : y[j];
    while (i < n1 && x[i] === v) i++;
    while (j < n2 && y[j] === v) j++;
    if (++count <= cap) values.push(v);
  }
  return { count, values };
}

/** Run-length counts of ascending data at the given ascending distinct values. */
function countsAt(sorted: Float64Array, values: readonly number[]): number[] {
  const counts = values.map(() => 0);
  let k = 0;
  for (let i = 0; i < sorted.length; i++) {
    while (sorted[i] !== values[k]) k++;
    counts[k]++;
  }
  return counts;
}

/**
 * Every numeric drift statistic for two non-empty sorted samples. KS, Wasserstein and the distinct values
 * come from one merge of the two sorted arrays ({@link mergeSortedSamples}); the Jensen–Shannon bins and
 * the PSI deciles are binary searches in the same sorted arrays, so nothing is sorted or copied again.
 */
export function numericStatistics(x: Float64Array, y: Float64Array, want: BlockRequest): ColumnStatistics {
  const merged = mergeSortedSamples(x, y, want.chi2 || want.z ? Infinity : 5);
  const ks = ks2sampFromStatistic(x.length, y.length, merged.ks);
  const wasserstein = merged.wasserstein;
  const std = standardDeviation(x as unknown as number[]);
  const js = jensenShannonNumeric(x, y);
  const psi = psiSorted(x, y);
  const all = { count: merged.distinct, values: merged.distinctValues };
  const out: ColumnStatistics = {
    distinct: all.count,
    ks: {
      statistic: ks.statistic,
      pvalue: ks.pvalue,
      method: ks.method,
      statistic_sign: ks.statisticSign,
      statistic_location: ks.statisticLocation,
    },
    wasserstein,
    wasserstein_normed: wasserstein / Math.max(std, WASSERSTEIN_NORM_FLOOR),
    reference_std: std,
    js: {
      distance: js.distance,
      distance_base2: js.distanceBase2,
      edges: js.edges,
      ref_counts: js.refCounts,
      cur_counts: js.curCounts,
      ...(js.degenerate ? { degenerate: true } : {}),
    },
    psi: {
      value: psi.value,
      edges: psi.edges,
      ref_counts: psi.refCounts,
      cur_counts: psi.curCounts,
      terms: psi.terms,
      left_closed_variant: {
        value: psi.leftClosedVariant.value,
        ref_counts: psi.leftClosedVariant.refCounts,
        cur_counts: psi.leftClosedVariant.curCounts,
        terms: psi.leftClosedVariant.terms,
      },
    },
  };
  if (all.count <= 5 || want.chi2 || want.z) {
    const labels = all.values.map((v) => String(v));
    const refCounts = countsAt(x, all.values);
    const curCounts = countsAt(y, all.values);
    out.chi2 = chi2Block(refCounts, curCounts, all.count <= MAX_REPORTED_CATEGORIES);
    if (all.count <= 2) out.z = zBlock(labels, refCounts, curCounts);
  }
  return out;
}

/** Every categorical drift statistic for two non-empty sides. */
export function categoricalStatistics(ref: Map<string, number>, cur: Map<string, number>): ColumnStatistics {
  const union = new Set<string>([...ref.keys(), ...cur.keys()]);
  const categories = [...union].sort(compareCodePoints);
  const refCounts = categories.map((c) => ref.get(c) ?? 0);
  const curCounts = categories.map((c) => cur.get(c) ?? 0);
  const js = jensenShannonCounts(refCounts, curCounts);
  const K = categories.length;
  const out: ColumnStatistics = {
    distinct: K,
    js: {
      distance: js.distance,
      distance_base2: js.distanceBase2,
      ...reportedCategories(categories, refCounts, curCounts),
    },
    chi2: chi2Block(refCounts, curCounts, K <= MAX_REPORTED_CATEGORIES),
  };
  if (K <= 2) out.z = zBlock(categories, refCounts, curCounts);
  return out;
}

/** The categories listed in `details`: all of them, or the most frequent 100 (still sorted) plus "other". */
function reportedCategories(
  categories: string[],
  refCounts: number[],
  curCounts: number[],
): Pick<
  JsBlock,
  'categories' | 'categories_total' | 'ref_counts' | 'cur_counts' | 'other_ref_count' | 'other_cur_count'
> {
  const K = categories.length;
  if (K <= MAX_REPORTED_CATEGORIES) {
    return { categories, categories_total: K, ref_counts: refCounts, cur_counts: curCounts };
  }
  const order = categories.map((_, i) => i);
  order.sort((a, b) => refCounts[b] + curCounts[b] - (refCounts[a] + curCounts[a]) || a - b);
  const keep = order.slice(0, MAX_REPORTED_CATEGORIES).sort((a, b) => a - b);
  const kept = new Set(keep);
  let otherRef = 0;
  let otherCur = 0;
  for (let i = 0; i < K; i++) {
    if (!kept.has(i)) {
      otherRef += refCounts[i];
      otherCur += curCounts[i];
    }
  }
  return {
    categories: keep.map((i) => categories[i]),
    categories_total: K,
    ref_counts: keep.map((i) => refCounts[i]),
    cur_counts: keep.map((i) => curCounts[i]),
    other_ref_count: otherRef,
    other_cur_count: otherCur,
  };
}

export function chi2Block(refCounts: number[], curCounts: number[], withExpected: boolean): Chi2Block {
  const r = chiSquareContingency(refCounts, curCounts);
  let minExpected = Infinity;
  for (const row of r.expected) for (const e of row) minExpected = Math.min(minExpected, e);
  return {
    statistic: r.statistic,
    pvalue: r.pvalue,
    dof: r.dof,
    yates: r.yates,
    uncorrected: r.uncorrected,
    ...(withExpected ? { expected: r.expected } : {}),
    min_expected: minExpected,
  };
}

/** Z-test on the share of the first category (sorted order) in each file. */
export function zBlock(categories: string[], refCounts: number[], curCounts: number[]): ZBlock {
  const n1 = refCounts.reduce((a, b) => a + b, 0);
  const n2 = curCounts.reduce((a, b) => a + b, 0);
  const z = twoProportionZTest(refCounts[0], n1, curCounts[0], n2);
  return { statistic: z.statistic, pvalue: z.pvalue, category: categories[0] };
}

/** Cramér's V of a column from its chi-square block (0 when there is a single category). */
export function columnCramersV(stats: ColumnStatistics, n1: number, n2: number): number {
  if (!stats.chi2) return 0;
  return cramersV(stats.chi2.uncorrected.statistic, n1 + n2, stats.distinct);
}
