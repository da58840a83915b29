import { DataFormatError, InputError } from '../../core/errors.js';
import type { CheckOutcome, Finding } from '../../core/result.js';
import {
  PROFILE_STATE_FORMAT,
  type ColumnState,
  type NumericState,
  type ProfileState,
} from '../../data/profile-state-format.js';
import { FrequentItems } from '../../stats/sketches/frequent-items.js';
import { HyperLogLog } from '../../stats/sketches/hyperloglog.js';
import { ExactSum } from '../../stats/sketches/exact-sum.js';
import { KllSketch } from '../../stats/sketches/kll.js';
import {
  mergeSketched,
  sampleFromCounts,
  sampleFromKll,
  sketchedJensenShannon,
  sketchedPsi,
  wassersteinSideBound,
  type Interval,
  type SketchedSample,
} from '../../stats/sketched-two-sample.js';
import { jensenShannonCounts } from '../../stats/jensen-shannon.js';
import {
  categoricalStatistics,
  MAX_REPORTED_CATEGORIES,
  chi2Block,
  zBlock,
  WASSERSTEIN_NORM_FLOOR,
  type ColumnStatistics,
} from './column-statistics.js';
import {
  applyTest,
  assembleDrift,
  normalizeOptions,
  requestedTest,
  selectColumns,
  skipDatetime,
  type NormalizedOptions,
} from './drift.js';
import type { Approximation, ColumnDrift, ColumnRole, DriftOptions } from './types.js';

/** A profile and the file it came from (for messages). */
export interface ProfileSide {
  file: string;
  state: ProfileState;
}

const KS_CAVEAT =
  'p-value of the sketched statistic as if it were exact; pvalue_bounds are the p-values at the ends of the statistic’s interval';

/**
 * Data drift from two profiles (`model-ci data profile`, merged or not) instead of the rows: the same
 * columns, tests, thresholds and result format as {@link drift}, every statistic with the interval the
 * row-level value lies in (src/stats/sketched-two-sample.ts). Numeric columns use the exact value counts
 * while a profile kept every value (≤ 1000 distinct: the statistics are then exact) and the KLL sketch
 * otherwise; categorical columns use the value counts (exact, or a frequent-items summary with its error).
 * A verdict whose interval contains its threshold is `undecided` (a warning), never a silent pass or fail.
 *
 * @throws DataFormatError for a profile written before the sketches recorded their error (format @1);
 *   InputError for columns whose types differ when the numeric side's values were not all kept.
 */
export function driftFromProfiles(
  reference: ProfileSide,
  current: ProfileSide,
  options: DriftOptions = {},
): CheckOutcome {
  const opts = normalizeOptions(options);
  for (const side of [reference, current]) {
    if (side.state.format !== PROFILE_STATE_FORMAT) {
      const other = side === reference ? current : reference;
      throw new DataFormatError(
        { file: side.file },
        `profile format ${side.state.format} has no rank-error bounds for its quantile sketches (kll.error), which drift from profiles needs` +
          (other.state.format !== side.state.format ? ` (${other.file} is ${other.state.format})` : '') +
          '; profile the data again with this model-ci version (data profile, then data merge)',
      );
    }
  }
  if (reference.state.rows === 0)
    throw new InputError(`${reference.file} profiles no data rows; drift needs a reference sample`);
  if (current.state.rows === 0)
    throw new InputError(`${current.file} profiles no data rows; drift needs a current sample`);
  const sel = selectColumns(
    { file: reference.file, names: Object.keys(reference.state.columns) },
    { file: current.file, names: Object.keys(current.state.columns) },
    opts,
  );
  const findings: Finding[] = [];
  for (const side of [reference, current]) {
    const loose = sel.selected.filter((name) => {
      const c = side.state.columns[name];
      return c.type === 'numeric' && c.kll.w1 === undefined && !valueCounts(c).exact;
    });
    if (loose.length > 0)
      findings.push({
        id: 'drift/profile-bounds-loose',
        severity: 'notice',
        file: side.file,
        message: `${side.file} was profiled before quantile sketches recorded their transport bound (kll.w1), so the Wasserstein bounds of ${loose.length === 1 ? 'column' : 'columns'} ${namesList(loose)} fall back to rank error × range, which is looser; profiling the data again (data profile, then data merge) gives tighter bounds and fewer undecided verdicts`,
      });
  }
  const columns = sel.selected.map((name) =>
    compareProfiles(
      name,
      reference.state.columns[name],
      current.state.columns[name],
      [reference.file, current.file],
      opts,
      findings,
    ),
  );
  const k = (s: ProfileState) => {
    const numeric = Object.values(s.columns).find((c): c is NumericState => c.type === 'numeric');
    return numeric ? numeric.kll.k : null;
  };
  const outcome = assembleDrift(
    columns,
    findings,
    sel,
    { file: reference.file, rows: reference.state.rows },
    { file: current.file, rows: current.state.rows },
    opts,
    {
      decideHint: `row-level drift (model-ci drift --reference DATA --current DATA) decides it, or profiles with a larger --sketch-k (now ${k(reference.state) ?? '-'}/${k(current.state) ?? '-'}) narrow the interval`,
    },
  );
  (outcome.details as Record<string, unknown>).sketch_k = {
    reference: k(reference.state),
    current: k(current.state),
  };
  return outcome;
}

/** Up to 5 quoted column names, then how many more. */
function namesList(names: string[]): string {
  const shown = names.slice(0, 5).map((n) => `"${n}"`);
  return shown.join(', ') + (names.length > 5 ? ` and ${names.length - 5} more` : '');
}

/** Value counts of a state; `exact` while every distinct value was kept. */
function valueCounts(c: ColumnState): { counts: Map<string, number>; exact: boolean; error: number } {
  const fi = FrequentItems.fromJSON(c.values);
  return { counts: new Map(fi.entries()), exact: fi.exact, error: fi.error };
}

function roleOf(name: string, opts: NormalizedOptions): ColumnRole {
  return name === opts.predictionColumn ? 'prediction' : name === opts.targetColumn ? 'target' : 'feature';
}

function compareProfiles(
  name: string,
  ref: ColumnState,
  cur: ColumnState,
  files: [string, string],
  opts: NormalizedOptions,
  findings: Finding[],
): ColumnDrift {
  const mismatch = ref.type !== cur.type;
  const type = mismatch ? 'categorical' : ref.type;
  const column: ColumnDrift = {
    name,
    role: roleOf(name, opts),
    type,
    ...(mismatch ? { type_mismatch: { reference: ref.type, current: cur.type } } : {}),
    reference_count: 0,
    current_count: 0,
    reference_nulls: ref.nulls,
    current_nulls: cur.nulls,
    distinct: 0,
    test: null,
    threshold: null,
    value: null,
    effect_size: null,
    drifted: false,
    severity: 0,
  };
  const datetime =
    (ref.type === 'categorical' ? ref.datetime : undefined) ??
    (cur.type === 'categorical' ? cur.datetime : undefined);
  if (datetime) return skipDatetime(column, datetime.dtype, findings);
  if (ref.type === 'numeric' || cur.type === 'numeric') {
    column.reference_infinite = ref.type === 'numeric' ? ref.pos_inf + ref.neg_inf : 0;
    column.current_infinite = cur.type === 'numeric' ? cur.pos_inf + cur.neg_inf : 0;
  }
  if (mismatch) {
    // Row-level drift compares such a column as text; from a profile that needs every numeric value kept.
    const [numeric, numericFile, categoricalFile] =
      ref.type === 'numeric' ? [ref, files[0], files[1]] : [cur as NumericState, files[1], files[0]];
    if (!valueCounts(numeric).exact)
      throw new InputError(
        `column "${name}" is numeric in ${numericFile} but categorical in ${categoricalFile}, and ${numericFile} kept only its most frequent values, so it cannot be compared as text; fix the column's type or run row-level drift`,
      );
    findings.push({
      id: 'drift/type-mismatch',
      severity: 'warning',
      subject: name,
      message: `Column "${name}" is numeric in ${numericFile} but categorical in ${categoricalFile}; compared as categorical (numbers as text)`,
    });
  }
  const n1 = type === 'numeric' ? ref.count : textCount(ref);
  const n2 = type === 'numeric' ? cur.count : textCount(cur);
  column.reference_count = n1;
  column.current_count = n2;
  if (n1 === 0 || n2 === 0) {
    const file = n1 === 0 ? files[0] : files[1];
    const what = type === 'numeric' ? 'finite' : 'non-null';
    column.skipped = `no ${what} values in ${file}`;
    findings.push({
      id: 'drift/column-empty',
      severity: 'warning',
      subject: name,
      message: `Column "${name}" has no ${what} values in ${file}; not compared`,
    });
    return column;
  }
  const { requested, requestedFrom } = requestedTest(name, type, opts);
  let stats: ColumnStatistics;
  if (type === 'numeric') {
    stats = numericFromProfiles(ref as NumericState, cur as NumericState, name, files, requested);
  } else {
    const r = textCounts(ref);
    const c = textCounts(cur);
    if (r.exact && c.exact) {
      stats = categoricalStatistics(r.counts, c.counts);
      const exact = (v: number): Approximation => ({ approximate: false, error: 0, bounds: [v, v] });
      stats.js!.approximation = exact(stats.js!.distance);
    } else {
      if (
        requested === 'chi2' ||
        requested === 'z' ||
        (requested === undefined && n1 <= opts.largeSampleRows)
      ) {
        const file = r.exact ? files[1] : files[0];
        column.skipped = `${file} kept only the most frequent values of this column (more than 1000 distinct); the chi-square and z tests need every count`;
        findings.push({
          id: 'drift/column-not-comparable',
          severity: 'warning',
          subject: name,
          message: `Column "${name}": ${column.skipped}; compare it with js or run row-level drift`,
        });
        return column;
      }
      stats = approximateCategorical(r, c, n1, n2);
    }
  }
  Object.assign(column, stats);
  applyTest(column, stats, requested, requestedFrom, files, opts, findings);
  column.value_bounds = decidingBounds(column);
  if (!column.value_bounds) delete column.value_bounds;
  return column;
}

/** Non-null values of a column compared as text (numeric: finite and infinite values). */
function textCount(c: ColumnState): number {
  return c.type === 'numeric' ? c.count + c.pos_inf + c.neg_inf : c.count;
}

/** Value counts as text: numbers keyed as String(v) (as row-level drift does), ±∞ included. */
function textCounts(c: ColumnState): { counts: Map<string, number>; exact: boolean; error: number } {
  const v = valueCounts(c);
  if (c.type === 'numeric') {
    if (c.pos_inf) v.counts.set('Infinity', c.pos_inf);
    if (c.neg_inf) v.counts.set('-Infinity', c.neg_inf);
  }
  return v;
}

/** The interval of the column's deciding value (before BH adjustment), when it is approximate. */
function decidingBounds(c: ColumnDrift): [number, number] | undefined {
  switch (c.test) {
    case 'ks':
      return c.ks?.approximation?.approximate ? c.ks.approximation.pvalue_bounds : undefined;
    case 'wasserstein':
      return c.wasserstein_approximation?.approximate ? c.wasserstein_approximation.normed_bounds : undefined;
    case 'js':
      return c.js?.approximation?.approximate ? c.js.approximation.bounds : undefined;
    case 'psi':
      return c.psi?.approximation?.approximate ? c.psi.approximation.bounds : undefined;
    default:
      return undefined;
  }
}

function approximation(i: Interval, approximate: boolean): Approximation {
  return {
    approximate,
    error: Math.max(i.value - i.low, i.high - i.value),
    bounds: [i.low, i.high],
  };
}

/**
 * One side of a numeric column: exact value counts when all were kept, else the KLL sketch; with the
 * exact mean (from the exact sum), which bounds the Wasserstein distance from below.
 */
function numericSample(c: NumericState): SketchedSample {
  const v = valueCounts(c);
  const mean = ExactSum.fromJSON(c.sum).value() / c.count;
  if (v.exact) {
    const entries = [...v.counts].map(([k, n]) => [Number(k), n] as const).sort((a, b) => a[0] - b[0]);
    const sample = sampleFromCounts(
      Float64Array.from(entries, (e) => e[0]),
      entries.map((e) => e[1]),
    );
    return { ...sample, mean };
  }
  return sampleFromKll(KllSketch.fromJSON(c.kll), c.min as number, c.max as number, mean);
}

/** Which bound on W1(data, summary) a side's Wasserstein interval used (see wassersteinSideBound). */
function boundFrom(s: SketchedSample): 'exact' | 'transport' | 'rank-range' {
  return s.error === 0 ? 'exact' : wassersteinSideBound(s).from;
}

function numericFromProfiles(
  ref: NumericState,
  cur: NumericState,
  name: string,
  files: [string, string],
  requested: string | undefined,
): ColumnStatistics {
  const x = numericSample(ref);
  const y = numericSample(cur);
  const approximate = x.error > 0 || y.error > 0;
  const merged = mergeSketched(x, y);
  const js = sketchedJensenShannon(x, y);
  const psi = sketchedPsi(x, y);
  // np.std(reference) with ddof = 0, from the exact M2.
  const std = Math.sqrt(ref.m2 / ref.count);
  const norm = Math.max(std, WASSERSTEIN_NORM_FLOOR);
  const w = merged.wasserstein;
  const refCounts = valueCounts(ref);
  const curCounts = valueCounts(cur);
  const distinct =
    refCounts.exact && curCounts.exact
      ? new Set([...refCounts.counts.keys(), ...curCounts.counts.keys()]).size
      : Math.round(HyperLogLog.fromJSON(ref.hll).merge(HyperLogLog.fromJSON(cur.hll)).estimate());
  const ksI: Interval = {
    value: merged.ks.ks.statistic,
    low: Math.max(0, merged.ks.ks.statistic - merged.ks.error),
    high: Math.min(1, merged.ks.ks.statistic + merged.ks.error),
  };
  const out: ColumnStatistics = {
    distinct,
    ks: {
      approximation: {
        ...approximation(ksI, approximate),
        pvalue_bounds: [merged.ks.pvalueLow, merged.ks.pvalueHigh],
        caveat: KS_CAVEAT,
      },
      statistic: merged.ks.ks.statistic,
      pvalue: merged.ks.pvalue,
      method: merged.ks.method,
      statistic_sign: merged.ks.ks.sign,
      statistic_location: merged.ks.ks.location,
    },
    wasserstein: w.value,
    wasserstein_approximation: {
      ...approximation(w, approximate),
      normed_bounds: [w.low / norm, w.high / norm],
      bound_from: { reference: boundFrom(x), current: boundFrom(y) },
    },
    wasserstein_normed: w.value / norm,
    reference_std: std,
    js: {
      approximation: approximation(js, approximate),
      distance: js.value,
      distance_base2: js.distanceBase2,
      edges: js.edges,
      ref_counts: js.refCounts,
      cur_counts: js.curCounts,
      ...(js.degenerate ? { degenerate: true } : {}),
    },
    psi: {
      approximation: {
        ...approximation(psi, x.error > 0 || y.error > 0),
        edges_from: x.error > 0 ? 'reference sketch' : 'exact value counts',
      },
      value: psi.value,
      edges: psi.edges,
      ref_counts: psi.refCounts,
      cur_counts: psi.curCounts,
      terms: psi.terms,
    },
  };
  if (distinct <= 5 || requested === 'chi2' || requested === 'z') {
    if (!(refCounts.exact && curCounts.exact)) {
      const file = refCounts.exact ? files[1] : files[0];
      throw new InputError(
        `the ${requested} test needs every value count of column "${name}", but ${file} kept only the most frequent ones (more than 1000 distinct values); use ks, wasserstein, js or psi, or run row-level drift`,
      );
    }
    // As row-level drift: categories are the distinct numbers ascending, labelled String(v).
    const values = [...new Set([...refCounts.counts.keys(), ...curCounts.counts.keys()])]
      .map(Number)
      .sort((a, b) => a - b);
    const keyOf = (v: number) => (v === 0 ? '0' : String(v));
    const rc = values.map((v) => refCounts.counts.get(keyOf(v)) ?? 0);
    const cc = values.map((v) => curCounts.counts.get(keyOf(v)) ?? 0);
    out.chi2 = chi2Block(rc, cc, values.length <= MAX_REPORTED_CATEGORIES);
    if (values.length <= 2) out.z = zBlock(values.map(String), rc, cc);
  }
  return out;
}

/**
 * Jensen–Shannon from frequent-items summaries (some side kept only its most frequent values): the held
 * categories plus one "other" bin. Each held count c' satisfies c' ≤ c ≤ c' + error; the categories
 * folded into "other" can add at most ½(p_other + q_other)·ln 2 to the divergence (disjoint at worst)
 * and at least what the coarse "other" bin shows.
 */
function approximateCategorical(
  r: { counts: Map<string, number>; error: number },
  c: { counts: Map<string, number>; error: number },
  n1: number,
  n2: number,
): ColumnStatistics {
  const categories = [...new Set([...r.counts.keys(), ...c.counts.keys()])].sort();
  const refCounts = categories.map((k) => r.counts.get(k) ?? 0);
  const curCounts = categories.map((k) => c.counts.get(k) ?? 0);
  const otherRef = n1 - refCounts.reduce((a, b) => a + b, 0);
  const otherCur = n2 - curCounts.reduce((a, b) => a + b, 0);
  const point = jensenShannonCounts([...refCounts, otherRef], [...curCounts, otherCur]);
  const h = (p: number, q: number) => {
    const m = (p + q) / 2;
    return (p > 0 ? 0.5 * p * Math.log(p / m) : 0) + (q > 0 ? 0.5 * q * Math.log(q / m) : 0);
  };
  let low = 0;
  let high = 0;
  for (let i = 0; i < categories.length; i++) {
    const p: [number, number] = [refCounts[i] / n1, Math.min(1, (refCounts[i] + r.error) / n1)];
    const q: [number, number] = [curCounts[i] / n2, Math.min(1, (curCounts[i] + c.error) / n2)];
    high += Math.max(h(p[0], q[0]), h(p[0], q[1]), h(p[1], q[0]), h(p[1], q[1]));
    low += p[1] < q[0] ? h(p[1], q[0]) : q[1] < p[0] ? h(p[0], q[1]) : 0;
  }
  high += ((otherRef / n1 + otherCur / n2) / 2) * Math.LN2;
  const shown = categories.length <= MAX_REPORTED_CATEGORIES;
  return {
    distinct: Math.max(categories.length, 1),
    js: {
      approximation: {
        approximate: true,
        error: Math.max(point.distance - Math.sqrt(low), Math.sqrt(high) - point.distance, 0),
        bounds: [
          Math.min(point.distance, Math.sqrt(low)),
          Math.max(point.distance, Math.sqrt(Math.min(high, Math.LN2))),
        ],
      },
      distance: point.distance,
      distance_base2: point.distanceBase2,
      ...(shown ? { categories } : {}),
      categories_total: categories.length,
      ref_counts: shown ? refCounts : [],
      cur_counts: shown ? curCounts : [],
      other_ref_count: otherRef,
      other_cur_count: otherCur,
    },
  };
}
