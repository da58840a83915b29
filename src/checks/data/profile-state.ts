/**
 * Mergeable profiles: each shard of a dataset (a matrix job, a file per day) is profiled on its own into
 * a small JSON state, and the states merge into the profile of all the data without reading it again.
 *
 * Per numeric column: exact `rows/nulls/pos_inf/neg_inf/count/min/max`, the exact sum (Shewchuk partials,
 * so the merged mean is bit-identical to one pass), Chan et al.'s M2 for the standard deviation, a KLL
 * sketch (k = 200, rank error ≤ 1.65%) for quantiles, a HyperLogLog (p = 14, 0.81% standard error) for the
 * distinct count, and value counts that are exact up to 1000 distinct values (Misra–Gries beyond).
 * Per categorical column: exact counts of nulls/non-null, HyperLogLog, and the same value counts.
 *
 * Merging is associative and commutative for every exact field, the sum and the HyperLogLog registers;
 * the KLL sketch and an overflowed Misra–Gries summary may differ under regrouping but keep their bounds.
 * While the value counts are exact (≤ 1000 distinct), `distinct`, value_counts and set expectations stay
 * exact, and while the KLL sketch has never compacted (≤ 200 values) quantiles are exact too.
 */
import { datetimeRange } from '../../data/datetime-column.js';
import { parseIsoDatetime } from '../../data/iso-datetime.js';
import { DataFormatError } from '../../core/errors.js';
import type { CategoricalColumn, NumericColumn, Table } from '../../data/table.js';
import { ExactSum } from '../../stats/sketches/exact-sum.js';
import { FrequentItems } from '../../stats/sketches/frequent-items.js';
import { HyperLogLog } from '../../stats/sketches/hyperloglog.js';
import { KLL_K, KllSketch, mix32 } from '../../stats/sketches/kll.js';
import { combineMoments, sampleStd } from '../../stats/sketches/moments.js';
import { compareCodePoints } from '../../stats/sketches/code-point-order.js';
import { syntaxFromNames, syntaxToNames, type SyntaxName } from '../../data/number-syntax.js';
import {
  SortBuffers,
  adoptNumericScan,
  isSummarized,
  sortedAndRuns,
  summarizeCategorical,
  summarizeNumeric,
  type NumericSummary,
  type Runs,
} from './column-summary.js';
import {
  VALUE_COUNTS_LIMIT,
  cacheProfile,
  categoricalProfile,
  numericProfile,
  type ColumnProfile,
  type TableProfile,
} from './profile.js';
import { forEachSorted, type ParallelSortOptions } from '../../stats/parallel-sort.js';
import { shardRange, sliceTable, type Shard } from './shard.js';

import {
  PROFILE_STATE_FORMAT,
  type CategoricalState,
  type ColumnState,
  type NumericState,
  type ProfileSource,
  type ProfileState,
} from '../../data/profile-state-format.js';
export {
  PROFILE_STATE_FORMAT,
  PROFILE_STATE_FORMAT_V1,
  parseProfileState,
  type CategoricalState,
  type ColumnState,
  type NumericState,
  type ProfileSource,
  type ProfileState,
} from '../../data/profile-state-format.js';

export interface ProfileShardOptions {
  /** Profile only this shard's rows (see shard.ts); default: all rows. */
  shard?: Shard;
  /** KLL sketch size k (default 200: rank error < 1%; error shrinks as 1/k, size grows as k). */
  sketchK?: number;
}

/** Profile a table (or one shard of it) into mergeable state. */
export function profileShard(table: Table, options: ProfileShardOptions = {}): ProfileState {
  if (!options.shard) return profileRows(table, undefined, options.sketchK);
  const [start, end] = shardRange(table.rows, options.shard);
  return profileRows(sliceTable(table, start, end), options.shard, options.sketchK);
}

/** Mergeable state of every row of `part` (already sliced to `shard` when one is given). */
export function profileRows(part: Table, shard?: Shard, sketchK: number = KLL_K): ProfileState {
  const seed = shardSeed(shard);
  const columns: Record<string, ColumnState> = {};
  for (const column of part.columns) {
    if (column.type === 'numeric') {
      const s = summarizeNumeric(column);
      columns[column.name] = numericState(s, s.sorted, s.runs, seed, column.syntax, sketchK);
    } else {
      columns[column.name] = categoricalState(column);
    }
  }
  return stateOf(part, columns, shard);
}

/**
 * The exact profile ({@link profileTable}) and the mergeable state ({@link profileRows}) of `part` in one
 * pass over its columns: each numeric column is sorted once, into working arrays shared by the columns
 * (its sorted copy is not kept), on several threads when the table is large (stats/parallel-sort.ts).
 */
export function profileWithState(
  part: Table,
  shard?: Shard,
  options: ParallelSortOptions & { sketchK?: number } = {},
): { columns: Record<string, ColumnProfile>; state: ProfileState } {
  const seed = shardSeed(shard);
  const profiles: (ColumnProfile | undefined)[] = part.columns.map(() => undefined);
  const states: (ColumnState | undefined)[] = part.columns.map(() => undefined);
  const numeric: number[] = [];
  part.columns.forEach((column, i) => {
    if (column.type === 'numeric') numeric.push(i);
    else {
      profiles[i] = categoricalProfile(column);
      states[i] = categoricalState(column);
    }
  });
  const buffers = new SortBuffers();
  const columnOf = (j: number) => part.columns[numeric[j]] as NumericColumn;
  forEachSorted(
    numeric.map((i) => (part.columns[i] as NumericColumn).values),
    (j) => sortedAndRuns(columnOf(j), buffers),
    (j, { sorted, runs, scan }) => {
      if (scan) adoptNumericScan(columnOf(j), scan);
      const s = summarizeNumeric(columnOf(j));
      profiles[numeric[j]] = numericProfile(s, sorted, runs!.values.length);
      states[numeric[j]] = numericState(s, sorted, runs!, seed, columnOf(j).syntax, options.sketchK ?? KLL_K);
    },
    { extras: numeric.map((_, j) => ({ scan: !isSummarized(columnOf(j)), runs: true })), ...options },
  );
  const columns: Record<string, ColumnProfile> = {};
  const state: Record<string, ColumnState> = {};
  part.columns.forEach((column, i) => {
    columns[column.name] = profiles[i]!;
    state[column.name] = states[i]!;
    cacheProfile(column, profiles[i]!);
  });
  return { columns, state: stateOf(part, state, shard) };
}

function shardSeed(shard: Shard | undefined): number {
  return mix32(0x2545f491 + (shard?.index ?? 0));
}

function stateOf(part: Table, columns: Record<string, ColumnState>, shard: Shard | undefined): ProfileState {
  const source: ProfileSource = { file: part.file, rows: part.rows };
  if (shard) source.shard = { ...shard };
  return { format: PROFILE_STATE_FORMAT, rows: part.rows, sources: [source], columns };
}

/** A numeric column's state from its summary, its finite values ascending and their runs. */
function numericState(
  s: NumericSummary,
  sorted: Float64Array,
  runs: Runs,
  seed: number,
  syntax: number | undefined,
  k: number,
): NumericState {
  // The distinct values and their counts feed the value counts and the HyperLogLog (idempotent under
  // repeats, so each distinct value is hashed once).
  const { values: runValues, counts: runCounts } = runs;
  const hll = new HyperLogLog().addDoubles(runValues);
  const count = s.count;
  const kll = KllSketch.fromSorted(sorted, k, seed);
  return {
    type: 'numeric',
    nulls: s.nulls,
    pos_inf: s.posInf,
    neg_inf: s.negInf,
    count,
    sum: s.sumState.toJSON(),
    m2: s.moments.m2,
    min: count ? s.min : null,
    max: count ? s.max : null,
    integral: s.integral,
    ...(syntax === undefined ? {} : { number_syntax: syntaxToNames(syntax) }),
    kll: kll.toJSON(),
    hll: hll.toJSON(),
    values: FrequentItems.fromCounts(runCounts, (i) => numberKey(runValues[i])).toJSON(),
  };
}

function categoricalState(column: CategoricalColumn): CategoricalState {
  const s = summarizeCategorical(column);
  const hll = new HyperLogLog();
  s.counts.forEach((c, code) => {
    if (c > 0) hll.addString(column.dictionary[code]);
  });
  const datetime = datetimeRange(column, s.counts);
  return {
    type: 'categorical',
    nulls: s.nulls,
    count: s.count,
    hll: hll.toJSON(),
    values: FrequentItems.fromCounts(s.counts, (code) => column.dictionary[code]).toJSON(),
    ...(datetime ? { datetime } : {}),
    ...(column.textDtype ? { text_dtype: column.textDtype } : {}),
  };
}

/** The key a number has in value counts: shortest round-trip form, −0 written as "0". */
export function numberKey(x: number): string {
  return x === 0 ? '0' : String(x);
}

/**
 * Merge profile states of disjoint parts of one dataset.
 * @throws DataFormatError when the parts have different columns or a column is numeric in one part and
 * categorical in another (a part whose column is entirely null merges with either type).
 */
export function mergeProfiles(...states: ProfileState[]): ProfileState {
  if (states.length === 0) throw new RangeError('mergeProfiles needs at least one profile');
  const [first, ...rest] = states;
  const names = Object.keys(first.columns);
  const describe = (s: ProfileState) =>
    s.sources.map((src) => src.file + (src.shard ? `#${src.shard.index}/${src.shard.count}` : '')).join(', ');
  for (const s of rest) {
    if (s.format !== first.format)
      throw new DataFormatError(
        { file: describe(s) },
        `profile is ${s.format} but ${describe(first)} is ${first.format}; profile every part with the same model-ci version`,
      );
    for (const [name, c] of Object.entries(s.columns)) {
      const o = first.columns[name];
      if (c.type === 'numeric' && o?.type === 'numeric' && c.kll.k !== o.kll.k)
        throw new DataFormatError(
          { file: describe(s) },
          `column "${name}" was sketched with --sketch-k ${c.kll.k} but ${describe(first)} with ${o.kll.k}; profile every part with the same --sketch-k`,
        );
    }
  }
  for (const s of rest) {
    const theirs = Object.keys(s.columns);
    const missing = names.filter((n) => !(n in s.columns));
    const extra = theirs.filter((n) => !(n in first.columns));
    if (missing.length || extra.length) {
      throw new DataFormatError(
        { file: describe(s) },
        `profile has different columns than ${describe(first)}` +
          (missing.length ? `; missing ${missing.join(', ')}` : '') +
          (extra.length ? `; extra ${extra.join(', ')}` : ''),
      );
    }
  }
  const columns: Record<string, ColumnState> = {};
  for (const name of names) {
    const parts = states.map((s) => s.columns[name]);
    const types = new Set(parts.filter((p) => !isAllNull(p)).map((p) => p.type));
    if (types.size > 1) {
      const numeric = states.find((s) => s.columns[name].type === 'numeric' && !isAllNull(s.columns[name]))!;
      const categorical = states.find((s) => s.columns[name].type === 'categorical')!;
      throw new DataFormatError(
        { file: describe(categorical) },
        `column "${name}" is categorical here but numeric in ${describe(numeric)}; profile the data as one file or fix the non-numeric values`,
      );
    }
    columns[name] = types.has('categorical')
      ? mergeCategorical(parts)
      : mergeNumeric(parts.map((p) => asNumeric(p, sketchKOf(parts))));
  }
  const sources = states.flatMap((s) => s.sources.map((src) => ({ ...src })));
  // The same part twice would double-count every row.
  const seen = new Set<string>();
  for (const src of sources) {
    const key = JSON.stringify([src.file, src.shard?.index, src.shard?.count]);
    if (seen.has(key)) {
      const what = src.shard ? `shard ${src.shard.index}/${src.shard.count} of ${src.file}` : src.file;
      throw new DataFormatError(
        { file: src.file },
        `${what} is in more than one of the profiles being merged`,
      );
    }
    seen.add(key);
  }
  sources.sort(
    (a, b) =>
      compareCodePoints(a.file, b.file) || (a.shard?.index ?? -1) - (b.shard?.index ?? -1) || a.rows - b.rows,
  );
  return { format: first.format, rows: states.reduce((a, s) => a + s.rows, 0), sources, columns };
}

/** A categorical part with no values, seen as numeric (docs/statistics.md §1: a column with no values is numeric). */
function asNumeric(c: ColumnState, k: number): NumericState {
  if (c.type === 'numeric') return c;
  return {
    type: 'numeric',
    nulls: c.nulls,
    pos_inf: 0,
    neg_inf: 0,
    count: 0,
    sum: [],
    m2: 0,
    min: null,
    max: null,
    integral: true,
    kll: new KllSketch(k).toJSON(),
    hll: c.hll,
    values: c.values,
  };
}

/** The KLL k of a column's numeric parts (they agree: checked in mergeProfiles). */
function sketchKOf(parts: ColumnState[]): number {
  const numeric = parts.find((p): p is NumericState => p.type === 'numeric');
  return numeric ? numeric.kll.k : KLL_K;
}

function isAllNull(c: ColumnState): boolean {
  return c.count === 0 && (c.type === 'categorical' || c.pos_inf + c.neg_inf === 0);
}

function mergeNumeric(parts: NumericState[]): NumericState {
  const sum = new ExactSum();
  let moments = { count: 0, mean: NaN, m2: 0 };
  const kll = KllSketch.fromJSON(parts[0].kll);
  const hll = HyperLogLog.fromJSON(parts[0].hll);
  const values = FrequentItems.fromJSON(parts[0].values);
  let min: number | null = null;
  let max: number | null = null;
  parts.forEach((p, i) => {
    const partSum = ExactSum.fromJSON(p.sum);
    sum.merge(partSum);
    moments = combineMoments(moments, {
      count: p.count,
      mean: p.count ? partSum.value() / p.count : NaN,
      m2: p.m2,
    });
    if (p.min !== null && (min === null || p.min < min)) min = p.min;
    if (p.max !== null && (max === null || p.max > max)) max = p.max;
    if (i > 0) {
      kll.merge(KllSketch.fromJSON(p.kll));
      hll.merge(HyperLogLog.fromJSON(p.hll));
      values.merge(FrequentItems.fromJSON(p.values));
    }
  });
  return {
    type: 'numeric',
    nulls: total(parts, 'nulls'),
    pos_inf: total(parts, 'pos_inf'),
    neg_inf: total(parts, 'neg_inf'),
    count: total(parts, 'count'),
    sum: sum.toJSON(),
    m2: moments.m2,
    min,
    max,
    integral: parts.every((p) => p.integral),
    ...mergedSyntax(parts),
    kll: kll.toJSON(),
    hll: hll.toJSON(),
    values: values.toJSON(),
  };
}

/** The union of the parts' number syntax; absent when no part recorded one. */
function mergedSyntax(parts: NumericState[]): { number_syntax?: SyntaxName[] } {
  const recorded = parts.filter((p) => p.number_syntax !== undefined);
  if (recorded.length === 0) return {};
  return { number_syntax: syntaxToNames(syntaxFromNames(recorded.flatMap((p) => p.number_syntax!))) };
}

/** The number-syntax flags of a numeric state (undefined when not recorded: typed by value). */
export function stateSyntax(c: NumericState): number | undefined {
  return c.number_syntax === undefined ? undefined : syntaxFromNames(c.number_syntax);
}

function mergeCategorical(parts: ColumnState[]): CategoricalState {
  const hll = new HyperLogLog();
  let values: FrequentItems | undefined;
  for (const p of parts) {
    hll.merge(HyperLogLog.fromJSON(p.hll));
    // An all-null numeric part contributes only its nulls; its (empty) value counts are skipped.
    if (p.type === 'numeric') continue;
    const v = FrequentItems.fromJSON(p.values);
    values = values ? values.merge(v) : v;
  }
  const datetime = mergeDatetime(parts);
  const textDtypes = new Set(
    parts.filter((p) => p.count > 0).map((p) => (p.type === 'categorical' ? p.text_dtype : undefined)),
  );
  const textDtype = textDtypes.size === 1 ? [...textDtypes][0] : undefined;
  return {
    type: 'categorical',
    nulls: total(parts, 'nulls'),
    count: total(parts, 'count'),
    hll: hll.toJSON(),
    values: (values ?? new FrequentItems()).toJSON(),
    ...(datetime ? { datetime } : {}),
    // A bool part beside a part with nulls is object for pandas (the nulls make the column object).
    ...(textDtype
      ? { text_dtype: textDtype === 'bool' && parts.some((p) => p.nulls > 0) ? 'object' : textDtype }
      : {}),
  };
}

/**
 * The merged datetime range: the whole data is a datetime column when every part with values is one with
 * the same dtype (same UTC offset, or none); a text part or another offset makes it text, as pandas would
 * read the whole file.
 */
function mergeDatetime(parts: ColumnState[]): CategoricalState['datetime'] {
  const withValues = parts.filter((p) => p.count > 0);
  if (withValues.length === 0) return undefined;
  const ranges = withValues.map((p) => (p.type === 'categorical' ? p.datetime : undefined));
  if (ranges.some((r) => !r || r.dtype !== ranges[0]!.dtype)) return undefined;
  const ns = (text: string) => parseIsoDatetime(text)!.ns;
  let { min, max } = ranges[0]!;
  for (const r of ranges) {
    if (ns(r!.min) < ns(min)) min = r!.min;
    if (ns(r!.max) > ns(max)) max = r!.max;
  }
  return { dtype: ranges[0]!.dtype, min, max };
}

function total<T>(parts: T[], key: keyof T): number {
  return parts.reduce((a, p) => a + (p[key] as number), 0);
}

/** Estimates read from a column's state, shared by the summary and by profile-level expectations. */
export interface NumericEstimates {
  sum: number;
  mean: number;
  std: number;
  kll: KllSketch;
  values: FrequentItems;
  distinct: number;
  distinctExact: boolean;
}

export function numericEstimates(c: NumericState): NumericEstimates {
  const sum = ExactSum.fromJSON(c.sum).value();
  const values = FrequentItems.fromJSON(c.values);
  const distinctExact = values.exact;
  return {
    sum,
    mean: c.count ? sum / c.count : NaN,
    std: sampleStd({ count: c.count, mean: NaN, m2: c.m2 }),
    kll: KllSketch.fromJSON(c.kll),
    values,
    distinct: distinctExact ? values.size : Math.round(HyperLogLog.fromJSON(c.hll).estimate()),
    distinctExact,
  };
}

/** Estimated p-quantile from the KLL sketch, clamped to the exact [min, max]. */
export function stateQuantile(c: NumericState, kll: KllSketch, p: number): number | null {
  if (c.count === 0 || c.min === null || c.max === null) return null;
  return Math.min(c.max, Math.max(c.min, kll.quantile(p)));
}

/**
 * The profile (docs/statistics.md §2 fields) a state implies. Fields that are estimates are listed in
 * `approximate`: p05/p50/p95 once the KLL sketch has compacted, distinct (and value_counts) once more than
 * 1000 distinct values were seen.
 */
export function summarizeState(state: ProfileState): TableProfile {
  const columns: Record<string, ColumnProfile> = {};
  for (const [name, c] of Object.entries(state.columns)) {
    if (c.type === 'numeric') {
      const e = numericEstimates(c);
      const approximate: string[] = [];
      if (!e.kll.exact) approximate.push('p05', 'p50', 'p95');
      if (!e.distinctExact) approximate.push('distinct');
      columns[name] = {
        type: 'numeric',
        rows: state.rows,
        count: c.count,
        nulls: c.nulls,
        infinite: c.pos_inf + c.neg_inf,
        distinct: e.distinct,
        mean: c.count ? e.mean : null,
        std: c.count >= 2 ? e.std : null,
        min: c.min,
        max: c.max,
        p05: stateQuantile(c, e.kll, 0.05),
        p50: stateQuantile(c, e.kll, 0.5),
        p95: stateQuantile(c, e.kll, 0.95),
        ...(approximate.length ? { approximate } : {}),
      };
    } else {
      const values = FrequentItems.fromJSON(c.values);
      const distinct = values.exact ? values.size : Math.round(HyperLogLog.fromJSON(c.hll).estimate());
      const profile: ColumnProfile = {
        type: 'categorical',
        rows: state.rows,
        count: c.count,
        nulls: c.nulls,
        distinct,
      };
      if (c.datetime) Object.assign(profile, c.datetime);
      if (values.exact && distinct <= VALUE_COUNTS_LIMIT) profile.value_counts = values.entries();
      if (!values.exact) profile.approximate = ['distinct'];
      columns[name] = profile;
    }
  }
  return { rows: state.rows, columns };
}
