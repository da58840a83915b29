/**
 * GX's expect_column_kl_divergence_to_be_less_than on its pandas engine: the column's distribution is
 * binned by the suite's partition object (GX's `bins`/`weights`/`tail_weights` for continuous data,
 * `values`/`weights` for categorical data), the expected weights are adjusted by the weight holdouts, and
 * the divergence is scipy.stats.entropy(observed, expected) — both normalised, Σ p·ln(p/q), infinite
 * where an observed bin was expected to have no weight.
 *
 * The partition is validated when the suite is loaded (kl-partition.ts).
 */
import type { Column } from '../../data/table.js';
import { summarizeCategorical } from './column-summary.js';
import { columnDtype } from './column-dtype.js';
import type { CategoricalPartition, ContinuousPartition, Partition } from './kl-partition.js';

export type { Partition } from './kl-partition.js';

export interface KlOptions {
  partition: Partition;
  threshold: number | null;
  tailWeightHoldout: number;
  internalWeightHoldout: number;
}

export interface KlOutcome {
  /** The divergence (Infinity or NaN when it is not finite; GX then reports observed_value null). */
  divergence: number;
  details: Record<string, unknown>;
}

/** scipy.stats.entropy(pk, qk): both normalised to sum 1, Σ rel_entr(p, q) (natural log). */
export function scipyEntropy(pk: number[], qk: number[]): number {
  const sp = pk.reduce((a, b) => a + b, 0);
  const sq = qk.reduce((a, b) => a + b, 0);
  let s = 0;
  for (let i = 0; i < pk.length; i++) {
    const p = pk[i] / sp;
    const q = qk[i] / sq;
    if (Number.isNaN(p) || Number.isNaN(q)) s += NaN;
    else if (p > 0 && q > 0) s += p * Math.log(p / q);
    else if (p === 0 && q >= 0) s += 0;
    else s += Infinity;
  }
  return s;
}

/** The KL divergence of `column` against the partition, with GX's details. */
export function klDivergence(column: Column, o: KlOptions): KlOutcome {
  return o.partition.kind === 'categorical'
    ? categorical(column, o.partition, o.tailWeightHoldout)
    : continuous(column, o.partition, o);
}

type Key = string | number | boolean;

/** pandas value_counts(sort by value) of the non-null values, as partition keys. */
function valueCounts(column: Column): {
  counts: Map<string, number>;
  keys: Map<string, Key>;
  nonNull: number;
} {
  const counts = new Map<string, number>();
  const keys = new Map<string, Key>();
  let nonNull = 0;
  if (column.type === 'numeric') {
    for (const v of column.values) {
      if (Number.isNaN(v)) continue;
      nonNull++;
      const x = v === 0 ? 0 : v;
      const k = `n:${x}`;
      counts.set(k, (counts.get(k) ?? 0) + 1);
      keys.set(k, x);
    }
  } else {
    const isBool = columnDtype(column) === 'bool';
    const c = summarizeCategorical(column).counts;
    column.dictionary.forEach((text, i) => {
      if (c[i] === 0) return;
      nonNull += c[i];
      const value: Key = isBool ? text.toLowerCase() === 'true' : text;
      const k = keyOf(value);
      counts.set(k, (counts.get(k) ?? 0) + c[i]);
      keys.set(k, value);
    });
  }
  return { counts, keys, nonNull };
}

/** pandas index alignment: numbers match numbers (1 = 1.0), strings strings, booleans booleans. */
function keyOf(v: Key): string {
  return typeof v === 'number' ? `n:${v === 0 ? 0 : v}` : typeof v === 'boolean' ? `b:${v}` : `s:${v}`;
}

function sortKeys(a: Key, b: Key): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  const x = String(a);
  const y = String(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * GX: observed weights are value_counts / non-null count; values observed but not in the partition get
 * tail_weight_holdout split equally (the expected weights scaled by 1 − holdout); partition values not
 * observed have observed weight 0. The values are the partition's, then the unexpected ones sorted.
 */
function categorical(column: Column, p: CategoricalPartition, tailHoldout: number): KlOutcome {
  return categoricalFromCounts(valueCounts(column), p, tailHoldout);
}

/**
 * The categorical divergence from [value, count] of every non-null value (a merged profile's exact value
 * counts): numbers stay numbers, text of a bool column becomes true/false.
 */
export function klFromValueCounts(
  entries: [number | string, number][],
  isBool: boolean,
  p: CategoricalPartition,
  tailHoldout: number,
): KlOutcome {
  const counts = new Map<string, number>();
  const keys = new Map<string, Key>();
  let nonNull = 0;
  for (const [raw, n] of entries) {
    const value: Key = typeof raw === 'string' && isBool ? raw.toLowerCase() === 'true' : raw;
    const k = keyOf(value);
    counts.set(k, (counts.get(k) ?? 0) + n);
    keys.set(k, value);
    nonNull += n;
  }
  return categoricalFromCounts({ counts, keys, nonNull }, p, tailHoldout);
}

function categoricalFromCounts(
  { counts, keys, nonNull }: { counts: Map<string, number>; keys: Map<string, Key>; nonNull: number },
  p: CategoricalPartition,
  tailHoldout: number,
): KlOutcome {
  const index: Key[] = [...p.values];
  const expected = new Map<string, number>();
  p.values.forEach((v, i) => expected.set(keyOf(v), p.weights[i]));
  const extra = [...keys.entries()]
    .filter(([k]) => !expected.has(k))
    .map(([, v]) => v)
    .sort(sortKeys);
  index.push(...extra);
  const pk = index.map((v) => {
    const n = counts.get(keyOf(v));
    return n === undefined ? 0 : n / nonNull;
  });
  const qk =
    extra.length > 0
      ? index.map((v) => {
          const w = expected.get(keyOf(v));
          return w === undefined ? tailHoldout / extra.length : w * (1 - tailHoldout);
        })
      : [...p.weights];
  return {
    divergence: scipyEntropy(pk, qk),
    details: {
      observed_partition: { values: index, weights: pk },
      expected_partition: { values: index, weights: qk },
    },
  };
}

/** numpy.histogram on `bins` (each bin half-open, the last closed) plus the counts below and above. */
function histogram(values: Float64Array | number[], bins: number[]) {
  const hist = new Array<number>(bins.length - 1).fill(0);
  let below = 0;
  let above = 0;
  let nonNull = 0;
  const last = bins.length - 1;
  for (const v of values) {
    if (Number.isNaN(v)) continue;
    nonNull++;
    if (v < bins[0]) below++;
    else if (v > bins[last]) above++;
    else if (v === bins[last]) hist[last - 1]++;
    else {
      // Largest i with bins[i] <= v.
      let lo = 0;
      let hi = last;
      while (hi - lo > 1) {
        const mid = (lo + hi) >> 1;
        if (bins[mid] <= v) lo = mid;
        else hi = mid;
      }
      hist[lo]++;
    }
  }
  return { hist, below, above, nonNull };
}

function continuous(column: Column, p: ContinuousPartition, o: KlOptions): KlOutcome {
  if (column.type !== 'numeric')
    throw new RangeError(
      `a continuous partition (bins) needs numeric values, but column "${column.name}" has text values (use a partition with "values")`,
    );
  const { hist, below, above, nonNull } = histogram(column.values, p.bins);
  // GX divides the counts below and above the bins (Python ints) by the non-null count, which raises.
  if (nonNull === 0)
    throw new RangeError(`column "${column.name}" has no non-null values (GX: division by zero)`);
  let observed = hist.map((h) => h / nonNull);
  const tail = o.tailWeightHoldout;
  const internal = o.internalWeightHoldout;
  let expected = p.weights.map((w) => w * (1 - tail - internal));
  if (internal > 0) {
    const zeros = expected.filter((w) => w === 0).length;
    if (zeros > 0) expected = expected.map((w) => (w === 0 ? internal / zeros : w));
  }
  const bins = p.bins;
  const lowInf = bins[0] === -Infinity;
  const highInf = bins[bins.length - 1] === Infinity;
  let combExpected: number[];
  let combObserved: number[];
  let expectedBins: number[];
  let expectedTails: number[];
  let observedTails: number[];
  if (lowInf && highInf) {
    expectedBins = bins.slice(1, -1);
    combExpected = expected;
    combObserved = observed;
    expectedTails = [expected[0], expected[expected.length - 1]];
    observedTails = [observed[0], observed[observed.length - 1]];
    expected = expected.slice(1, -1);
    observed = observed.slice(1, -1);
  } else if (lowInf) {
    expectedBins = bins.slice(1);
    combExpected = [...expected, tail];
    combObserved = [...observed, above / nonNull];
    expectedTails = [expected[0], tail];
    observedTails = [observed[0], above / nonNull];
    expected = expected.slice(1);
    observed = observed.slice(1);
  } else if (highInf) {
    expectedBins = bins.slice(0, -1);
    combExpected = [tail, ...expected];
    combObserved = [below / nonNull, ...observed];
    expectedTails = [tail, expected[expected.length - 1]];
    observedTails = [below / nonNull, observed[observed.length - 1]];
    expected = expected.slice(0, -1);
    observed = observed.slice(0, -1);
  } else {
    expectedBins = bins;
    expectedTails = p.tailWeights ? [...p.tailWeights] : [tail / 2, tail / 2];
    combExpected = [expectedTails[0], ...expected, expectedTails[1]];
    combObserved = [below / nonNull, ...observed, above / nonNull];
    observedTails = [below / nonNull, above / nonNull];
  }
  return {
    divergence: scipyEntropy(combObserved, combExpected),
    details: {
      observed_partition: { bins: expectedBins, weights: observed, tail_weights: observedTails },
      expected_partition: { bins: expectedBins, weights: expected, tail_weights: expectedTails },
    },
  };
}
