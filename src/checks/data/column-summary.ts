/**
 * One pass of bookkeeping per column, shared by the profile and by every expectation on that column:
 * a suite with ten expectations on `age` sorts `age` once. Summaries are cached per column object
 * (a WeakMap), so they die with the table.
 */
import type { CategoricalColumn, NumericColumn } from '../../data/table.js';
import { ExactSum } from '../../stats/sketches/exact-sum.js';
import { momentsOf, type Moments } from '../../stats/sketches/moments.js';
import { sortFinite } from './sort-float64.js';

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
  /** Every finite value is an integer (what pandas would read as int64 if there are no nulls or ±∞). */
  integral: boolean;
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

export function summarizeNumeric(column: NumericColumn): NumericSummary {
  const cached = numericCache.get(column);
  if (cached) return cached;
  const values = column.values;
  const n = values.length;
  let nulls = 0;
  let posInf = 0;
  let negInf = 0;
  const finite = new Float64Array(n);
  let count = 0;
  const sumState = new ExactSum();
  let integral = true;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (v !== v) nulls++;
    else if (v === Infinity) posInf++;
    else if (v === -Infinity) negInf++;
    else {
      finite[count++] = v;
      sumState.add(v);
      if (integral && v % 1 !== 0) integral = false;
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  const data = finite.subarray(0, count);
  const sum = sumState.value();
  let sorted: Float64Array | undefined;
  let distinct: number | undefined;
  const summary: NumericSummary = {
    rows: n,
    nulls,
    posInf,
    negInf,
    count,
    get sorted() {
      // Sorting in place is safe: every other field is order-independent and already computed.
      return (sorted ??= sortFinite(data));
    },
    sum,
    sumState,
    moments: momentsOf(data, sum),
    min: count ? min : NaN,
    max: count ? max : NaN,
    get distinct() {
      if (distinct === undefined) {
        const s = this.sorted;
        distinct = count > 0 ? 1 : 0;
        for (let i = 1; i < count; i++) if (s[i] !== s[i - 1]) distinct++;
      }
      return distinct;
    },
    integral,
  };
  numericCache.set(column, summary);
  return summary;
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
