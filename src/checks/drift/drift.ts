import { visible } from '../../core/visible.js';
import { datetimeInfo } from '../../data/datetime-column.js';
import { formatNumber as formatReportNumber } from '../../report/format.js';
import { didYouMean, InputError } from '../../core/errors.js';
import { kebab } from '../../core/options.js';
import { statusFromFindings, type CheckOutcome, type Finding } from '../../core/result.js';
import type { Column, Table } from '../../data/table.js';
import { benjaminiHochberg } from '../../stats/benjamini-hochberg.js';
import type { SortedFinite } from './presort.js';
import {
  categoricalStatistics,
  columnCramersV,
  numericStatistics,
  prepareCategorical,
  prepareNumeric,
  sideCount,
  type ColumnStatistics,
  type PreparedSide,
} from './column-statistics.js';
import {
  DEFAULT_THRESHOLDS,
  DRIFT_TESTS,
  PVALUE_TESTS,
  type ColumnDrift,
  type ColumnRole,
  type DriftColumnType,
  type DriftDetails,
  type DriftOptions,
  type DriftTestName,
  type EffectSize,
} from './types.js';

/**
 * Data drift between a reference and a current table, per column and for the dataset.
 *
 * Which test decides a column follows Evidently's defaults (`get_default_stattest`), with n = usable
 * reference values (finite for numeric, non-null for categorical) and "distinct" counted over both files:
 *
 * | column      | n ≤ 1000 (`largeSampleRows`)                               | n > 1000                           |
 * |-------------|------------------------------------------------------------|------------------------------------|
 * | numeric     | KS p < 0.05; ≤ 5 distinct: chi-square p < 0.05; ≤ 2: z-test | Wasserstein/std ≥ 0.1; ≤ 5 distinct: JS ≥ 0.1 |
 * | categorical | chi-square p < 0.05; ≤ 2 categories: z-test p < 0.05       | Jensen–Shannon distance ≥ 0.1      |
 *
 * The dataset drifts when the share of drifted columns is ≥ 0.5. Differences from Evidently, on purpose:
 * p-values are Benjamini–Hochberg adjusted across the columns a p-value decides (switch off with
 * `bhCorrection: false`); the chi-square test is the 2×K contingency test of docs/statistics.md §3.5 (Evidently
 * uses a goodness-of-fit test against the reference frequencies); numeric Jensen–Shannon uses the 10 shared
 * bins of §3.3. Wasserstein is normalised by np.std(reference) with ddof = 0, floored at 0.001, as Evidently.
 *
 * Every numeric column also gets KS, Wasserstein, Jensen–Shannon and PSI blocks; categorical columns get
 * Jensen–Shannon and chi-square (and z for two categories), so the report can show all of them.
 * A column that is numeric in one file and categorical in the other is compared as categorical (the
 * numbers as text, e.g. 3 → "3") with a warning. A column with no usable values on a side is skipped
 * (warning) and left out of the share.
 *
 * Status: `fail` when the dataset drifts and `failOnDrift` (default), `warn` when a column drifted or a
 * verdict rests on a small sample (< 30 values on a side, chi-square expected count < 5), else `pass`.
 *
 * `presorted` may hold the sorted finite values of numeric columns, keyed by the column's `values` array
 * ({@link sortFiniteColumns} computes them on several cores); columns without an entry are sorted here.
 *
 * @throws InputError for an empty table, no common column, unknown column names or bad options.
 */
export function drift(
  reference: Table,
  current: Table,
  options: DriftOptions = {},
  presorted?: ReadonlyMap<Float64Array, SortedFinite>,
): CheckOutcome {
  const opts = normalizeOptions(options);
  if (reference.rows === 0)
    throw new InputError(`${reference.file} has no data rows; drift needs a reference sample`);
  if (current.rows === 0)
    throw new InputError(`${current.file} has no data rows; drift needs a current sample`);

  const refByName = new Map(reference.columns.map((c) => [c.name, c]));
  const curByName = new Map(current.columns.map((c) => [c.name, c]));
  const sel = selectColumns(
    { file: reference.file, names: reference.columns.map((c) => c.name) },
    { file: current.file, names: current.columns.map((c) => c.name) },
    opts,
  );
  const findings: Finding[] = [];
  const columns: ColumnDrift[] = sel.selected.map((name) =>
    compareColumn(
      refByName.get(name) as Column,
      curByName.get(name) as Column,
      name,
      reference,
      current,
      opts,
      findings,
      presorted,
    ),
  );

  return assembleDrift(columns, findings, sel, reference, current, opts);
}

export interface NormalizedOptions {
  columns?: readonly string[];
  exclude: readonly string[];
  numericTest?: DriftTestName;
  categoricalTest?: DriftTestName;
  threshold?: number;
  thresholds: Partial<Record<DriftTestName, number>>;
  perColumn: Readonly<Record<string, { test?: DriftTestName; threshold?: number }>>;
  bhCorrection: boolean;
  driftShare: number;
  failOnDrift: boolean;
  predictionColumn?: string;
  targetColumn?: string;
  largeSampleRows: number;
  minSampleSize: number;
  minExpectedCount: number;
  describe: (key: string) => string;
}

export function normalizeOptions(o: DriftOptions): NormalizedOptions {
  const describe = o.describe ?? kebab;
  const checkTest = (key: string, t: unknown): DriftTestName | undefined => {
    if (t === undefined) return undefined;
    if (typeof t !== 'string' || !(DRIFT_TESTS as readonly string[]).includes(t)) {
      throw new InputError(
        `${key}: unknown test "${String(t)}"${didYouMean(String(t), DRIFT_TESTS)} (allowed: ${DRIFT_TESTS.join(', ')})`,
      );
    }
    return t as DriftTestName;
  };
  const checkNumber = (
    where: string,
    v: unknown,
    ok: (x: number) => boolean,
    allowed: string,
  ): number | undefined => {
    if (v === undefined) return undefined;
    if (typeof v !== 'number' || !ok(v))
      throw new InputError(`${where}: ${String(v)} is not allowed; expected ${allowed}`);
    return v;
  };
  const thresholds: Partial<Record<DriftTestName, number>> = {};
  for (const [t, v] of Object.entries(o.thresholds ?? {})) {
    const test = checkTest(`${describe('thresholds')}.${t}`, t) as DriftTestName;
    thresholds[test] = checkThreshold(`${describe('thresholds')}.${t}`, test, v);
  }
  const perColumn: Record<string, { test?: DriftTestName; threshold?: number }> = {};
  for (const [name, ov] of Object.entries(o.perColumn ?? {})) {
    const test = checkTest(`${describe('perColumn')}.${name}.test`, ov.test);
    const threshold = checkNumber(
      `${describe('perColumn')}.${name}.threshold`,
      ov.threshold,
      (x) => x > 0 && Number.isFinite(x),
      'a positive number',
    );
    perColumn[name] = { test, threshold };
  }
  const count = (key: string, v: unknown, dflt: number): number =>
    checkNumber(describe(key), v, (x) => Number.isInteger(x) && x >= 0, 'a non-negative integer') ?? dflt;
  return {
    columns: o.columns,
    exclude: o.exclude ?? [],
    numericTest: checkTest(describe('numericTest'), o.numericTest),
    categoricalTest: checkTest(describe('categoricalTest'), o.categoricalTest),
    threshold: checkNumber(
      describe('threshold'),
      o.threshold,
      (x) => x > 0 && Number.isFinite(x),
      'a positive number',
    ),
    thresholds,
    perColumn,
    bhCorrection: o.bhCorrection ?? true,
    driftShare:
      checkNumber(describe('driftShare'), o.driftShare, (x) => x > 0 && x <= 1, 'a number in (0, 1]') ?? 0.5,
    failOnDrift: o.failOnDrift ?? true,
    predictionColumn: o.predictionColumn,
    targetColumn: o.targetColumn,
    largeSampleRows: count('largeSampleRows', o.largeSampleRows, 1000),
    minSampleSize: count('minSampleSize', o.minSampleSize, 30),
    minExpectedCount:
      checkNumber(
        describe('minExpectedCount'),
        o.minExpectedCount,
        (x) => x >= 0 && Number.isFinite(x),
        'a non-negative number',
      ) ?? 5,
    describe,
  };
}

/** p-value tests need a threshold in (0, 1); distances any positive number. */
function checkThreshold(key: string, test: DriftTestName, v: unknown): number {
  const pTest = PVALUE_TESTS.has(test);
  const ok = typeof v === 'number' && Number.isFinite(v) && v > 0 && (!pTest || v < 1);
  if (!ok)
    throw new InputError(
      `${key}: ${String(v)} is not allowed; expected ${pTest ? 'a significance level in (0, 1)' : 'a positive number'}`,
    );
  return v as number;
}

function compareColumn(
  refCol: Column,
  curCol: Column,
  name: string,
  reference: Table,
  current: Table,
  opts: NormalizedOptions,
  findings: Finding[],
  presorted?: ReadonlyMap<Float64Array, SortedFinite>,
): ColumnDrift {
  const role: ColumnRole =
    name === opts.predictionColumn ? 'prediction' : name === opts.targetColumn ? 'target' : 'feature';
  const mismatch = refCol.type !== curCol.type;
  const type: DriftColumnType = mismatch ? 'categorical' : refCol.type;
  let ref: PreparedSide;
  let cur: PreparedSide;
  if (type === 'numeric') {
    const refValues = (refCol as { values: Float64Array }).values;
    const curValues = (curCol as { values: Float64Array }).values;
    ref = prepareNumeric(refValues, presorted?.get(refValues));
    cur = prepareNumeric(curValues, presorted?.get(curValues));
  } else {
    ref = prepareCategorical(refCol);
    cur = prepareCategorical(curCol);
  }
  const n1 = sideCount(ref);
  const n2 = sideCount(cur);
  const column: ColumnDrift = {
    name,
    role,
    type,
    ...(mismatch ? { type_mismatch: { reference: refCol.type, current: curCol.type } } : {}),
    reference_count: n1,
    current_count: n2,
    reference_nulls: ref.nulls,
    current_nulls: cur.nulls,
    ...(ref.infinite !== undefined || cur.infinite !== undefined
      ? { reference_infinite: ref.infinite ?? 0, current_infinite: cur.infinite ?? 0 }
      : {}),
    distinct: 0,
    test: null,
    threshold: null,
    value: null,
    effect_size: null,
    drifted: false,
    severity: 0,
  };
  const datetime = datetimeInfo(refCol) ?? datetimeInfo(curCol);
  if (datetime) return skipDatetime(column, datetime.dtype, findings);
  if (mismatch) {
    const numericFile = refCol.type === 'numeric' ? reference.file : current.file;
    const categoricalFile = refCol.type === 'numeric' ? current.file : reference.file;
    findings.push({
      id: 'drift/type-mismatch',
      severity: 'warning',
      subject: name,
      message: `Column "${name}" is numeric in ${numericFile} but categorical in ${categoricalFile}; compared as categorical (numbers as text)`,
    });
  }
  if (n1 === 0 || n2 === 0) {
    const file = n1 === 0 ? reference.file : current.file;
    column.skipped = `no ${type === 'numeric' ? 'finite' : 'non-null'} values in ${file}`;
    findings.push({
      id: 'drift/column-empty',
      severity: 'warning',
      subject: name,
      message: `Column "${name}" has no ${type === 'numeric' ? 'finite' : 'non-null'} values in ${file}; not compared`,
    });
    return column;
  }

  const { requested, requestedFrom } = requestedTest(name, type, opts);
  let stats: ColumnStatistics;
  if (ref.kind === 'numeric' && cur.kind === 'numeric') {
    stats = numericStatistics(ref.sorted, cur.sorted, { chi2: requested === 'chi2', z: requested === 'z' });
  } else if (ref.kind === 'categorical' && cur.kind === 'categorical') {
    stats = categoricalStatistics(ref.counts, cur.counts);
  } else {
    throw new Error('unreachable: sides of different kinds');
  }
  Object.assign(column, stats);
  applyTest(column, stats, requested, requestedFrom, [reference.file, current.file], opts, findings);
  return column;
}

/**
 * Datetime columns are not compared, as Evidently leaves datetime features out of its drift tests: a
 * later time window always "drifts" on its timestamps. A notice says so and what to compare instead.
 */
export function skipDatetime(column: ColumnDrift, dtype: string, findings: Finding[]): ColumnDrift {
  column.skipped = `datetime column (${dtype}): not compared, as in Evidently`;
  findings.push({
    id: 'drift/column-datetime',
    severity: 'notice',
    subject: column.name,
    message: `Column "${visible(column.name)}" holds dates (${dtype}); drift does not compare datetime columns (as Evidently); derive a feature from it (hour, weekday, age in days) to compare`,
  });
  return column;
}

/** The test a column's options ask for (none: the default), and the option it came from, validated. */
export function requestedTest(
  name: string,
  type: DriftColumnType,
  opts: NormalizedOptions,
): { requested: DriftTestName | undefined; requestedFrom: string } {
  const override = opts.perColumn[name] ?? {};
  const requested = override.test ?? (type === 'numeric' ? opts.numericTest : opts.categoricalTest);
  const requestedFrom = override.test
    ? `${opts.describe('perColumn')}.${name}.test`
    : opts.describe(type === 'numeric' ? 'numericTest' : 'categoricalTest');
  if (
    requested !== undefined &&
    type === 'categorical' &&
    (requested === 'ks' || requested === 'wasserstein' || requested === 'psi')
  ) {
    throw new InputError(
      `${requestedFrom}: "${requested}" needs a numeric column; column "${name}" is categorical (allowed: js, chi2, z)`,
    );
  }
  return { requested, requestedFrom };
}

/**
 * Choose the deciding test and threshold of a compared column (its statistics already in `column`), set
 * its value and effect size, and add the small-sample and low-expected-count warnings.
 */
export function applyTest(
  column: ColumnDrift,
  stats: ColumnStatistics,
  requested: DriftTestName | undefined,
  requestedFrom: string,
  [referenceFile, currentFile]: [string, string],
  opts: NormalizedOptions,
  findings: Finding[],
): void {
  const { name, type } = column;
  const n1 = column.reference_count;
  const n2 = column.current_count;
  const override = opts.perColumn[name] ?? {};
  const test = requested ?? defaultTest(type, n1, stats.distinct, opts.largeSampleRows);
  if (test === 'z' && !column.z) {
    throw new InputError(
      `${requestedFrom}: "z" needs a binary column; column "${name}" has ${stats.distinct} distinct values`,
    );
  }
  const threshold =
    override.threshold !== undefined
      ? checkThreshold(`per-column.${name}.threshold`, test, override.threshold)
      : (opts.thresholds[test] ??
        (opts.threshold !== undefined
          ? checkThreshold('threshold', test, opts.threshold)
          : DEFAULT_THRESHOLDS[test]));
  column.test = test;
  column.threshold = threshold;
  column.value = decidingValue(column, test);
  if (PVALUE_TESTS.has(test)) column.pvalue = column.value;
  column.effect_size = effectSize(column, test, stats, n1, n2);

  if (Math.min(n1, n2) < opts.minSampleSize) {
    const side = n1 <= n2 ? referenceFile : currentFile;
    findings.push({
      id: 'drift/small-sample',
      severity: 'warning',
      subject: name,
      message: `Column "${name}": only ${Math.min(n1, n2)} values in ${side}; the ${TEST_LABELS[test]} verdict is unreliable below ${opts.minSampleSize}`,
    });
  }
  if (
    (test === 'chi2' || test === 'z') &&
    column.chi2 &&
    column.chi2.dof > 0 &&
    column.chi2.min_expected < opts.minExpectedCount
  ) {
    findings.push({
      id: 'drift/low-expected-count',
      severity: 'warning',
      subject: name,
      message: `Column "${name}": smallest expected count ${formatNumber(column.chi2.min_expected)} < ${opts.minExpectedCount}; the ${TEST_LABELS[test]} p-value is approximate`,
    });
  }
}

/** Evidently's default test for a column (see {@link drift}). */
export function defaultTest(
  type: DriftColumnType,
  referenceCount: number,
  distinct: number,
  largeSampleRows: number,
): DriftTestName {
  if (referenceCount <= largeSampleRows) {
    if (type === 'numeric') return distinct > 5 ? 'ks' : distinct > 2 ? 'chi2' : 'z';
    return distinct > 2 ? 'chi2' : 'z';
  }
  if (type === 'numeric') return distinct > 5 ? 'wasserstein' : 'js';
  return 'js';
}

function decidingValue(c: ColumnDrift, test: DriftTestName): number {
  switch (test) {
    case 'ks':
      return (c.ks as NonNullable<ColumnDrift['ks']>).pvalue;
    case 'wasserstein':
      return c.wasserstein_normed as number;
    case 'js':
      return (c.js as NonNullable<ColumnDrift['js']>).distance;
    case 'psi':
      return (c.psi as NonNullable<ColumnDrift['psi']>).value;
    case 'chi2':
      return (c.chi2 as NonNullable<ColumnDrift['chi2']>).pvalue;
    case 'z':
      return (c.z as NonNullable<ColumnDrift['z']>).pvalue;
  }
}

function effectSize(
  c: ColumnDrift,
  test: DriftTestName,
  stats: ColumnStatistics,
  n1: number,
  n2: number,
): EffectSize {
  if (test === 'js') return { name: 'js_distance', value: (c.js as NonNullable<ColumnDrift['js']>).distance };
  if (test === 'psi') return { name: 'psi', value: (c.psi as NonNullable<ColumnDrift['psi']>).value };
  if (c.type === 'numeric' && (test === 'ks' || test === 'wasserstein')) {
    return { name: 'wasserstein_normed', value: c.wasserstein_normed as number };
  }
  return { name: 'cramers_v', value: columnCramersV(stats, n1, n2) };
}

export const TEST_LABELS: Readonly<Record<DriftTestName, string>> = {
  ks: 'Kolmogorov–Smirnov',
  wasserstein: 'Wasserstein (normed)',
  js: 'Jensen–Shannon',
  psi: 'PSI',
  chi2: 'chi-square',
  z: 'two-proportion z-test',
};

function verdictText(c: ColumnDrift): string {
  const test = c.test as DriftTestName;
  if (PVALUE_TESTS.has(test)) {
    const adj = c.pvalue_adjusted !== undefined ? `, BH-adjusted ${formatNumber(c.pvalue_adjusted)}` : '';
    return `${TEST_LABELS[test]} p-value ${formatNumber(c.pvalue as number)}${adj} < ${c.threshold}`;
  }
  return `${TEST_LABELS[test]} ${test === 'psi' ? 'value' : 'distance'} ${formatNumber(c.value as number)} ≥ ${c.threshold}`;
}

function missingFinding(name: string, inFile: string, notInFile: string): Finding {
  return {
    id: 'drift/column-missing',
    severity: 'notice',
    subject: name,
    message: `Column "${name}" is in ${inFile} but not in ${notInFile}; not compared`,
  };
}

/** A number for people, as everywhere in model-ci: {@link formatReportNumber} (4 significant digits). */
export function formatNumber(x: number): string {
  return formatReportNumber(x);
}

function formatShare(x: number): string {
  return String(Number(x.toFixed(3)));
}

function listNames(names: readonly string[]): string {
  if (names.length === 0) return 'none';
  const shown = names.slice(0, 10).join(', ');
  return names.length > 10 ? `${shown}, …` : shown;
}

/** A side of the comparison as column selection sees it. */
export interface SideNames {
  file: string;
  names: readonly string[];
}

export interface ColumnSelection {
  selected: string[];
  onlyInReference: string[];
  onlyInCurrent: string[];
  excluded: Set<string>;
}

/**
 * The columns to compare: those in both sides, restricted by `columns`, minus `exclude`.
 * @throws InputError for no common column, unknown names, or everything excluded.
 */
export function selectColumns(
  reference: SideNames,
  current: SideNames,
  opts: NormalizedOptions,
): ColumnSelection {
  const refNames = new Set(reference.names);
  const curNames = new Set(current.names);
  const common = reference.names.filter((n) => curNames.has(n));
  const onlyInReference = reference.names.filter((n) => !curNames.has(n));
  const onlyInCurrent = current.names.filter((n) => !refNames.has(n));
  if (common.length === 0) {
    throw new InputError(
      `${reference.file} and ${current.file} have no column in common ` +
        `(reference: ${listNames(reference.names)}; current: ${listNames(current.names)})`,
    );
  }
  for (const [option, name] of [
    ['predictionColumn', opts.predictionColumn],
    ['targetColumn', opts.targetColumn],
  ] as const) {
    if (name !== undefined && !refNames.has(name) && !curNames.has(name)) {
      throw new InputError(
        `${opts.describe(option)}: column "${name}" is in neither file${didYouMean(name, common)}`,
      );
    }
  }
  let selected = common;
  if (opts.columns) {
    for (const name of opts.columns) {
      if (!refNames.has(name) || !curNames.has(name)) {
        const where =
          !refNames.has(name) && !curNames.has(name)
            ? 'either file'
            : !refNames.has(name)
              ? reference.file
              : current.file;
        throw new InputError(
          `${opts.describe('columns')}: "${name}" is not in ${where}${didYouMean(name, common)}`,
        );
      }
    }
    const wanted = new Set(opts.columns);
    selected = common.filter((n) => wanted.has(n));
  }
  for (const name of Object.keys(opts.perColumn)) {
    if (!refNames.has(name) && !curNames.has(name)) {
      throw new InputError(
        `${opts.describe('perColumn')}: column "${name}" is in neither file${didYouMean(name, common)}`,
      );
    }
  }
  const excluded = new Set(opts.exclude);
  selected = selected.filter((n) => !excluded.has(n));
  if (selected.length === 0) throw new InputError('every common column is excluded; nothing to compare');
  return { selected, onlyInReference, onlyInCurrent, excluded };
}

/** Where a verdict lies relative to its threshold once the value's error interval is taken into account. */
function decide(c: ColumnDrift, value: number, bounds: [number, number] | undefined, pTest: boolean): void {
  const t = c.threshold as number;
  const [low, high] = bounds ?? [value, value];
  if (pTest) {
    c.drifted = high < t;
    c.undecided = !c.drifted && low < t ? true : undefined;
    c.severity = value >= 1 ? 0 : Math.log(Math.max(value, 1e-300)) / Math.log(t);
  } else {
    c.drifted = low >= t;
    c.undecided = !c.drifted && high >= t ? true : undefined;
    c.severity = value / t;
  }
  if (!c.undecided) delete c.undecided;
}

/**
 * Benjamini–Hochberg, verdicts (drifted / undecided), the dataset verdict, findings and summary, for
 * columns already compared (row-level or from profiles).
 */
export function assembleDrift(
  columns: ColumnDrift[],
  findings: Finding[],
  sel: ColumnSelection,
  reference: { file: string; rows: number },
  current: { file: string; rows: number },
  opts: NormalizedOptions,
  approximate?: { decideHint: string },
): CheckOutcome {
  const { onlyInReference, onlyInCurrent, excluded } = sel;
  // Benjamini–Hochberg across the columns whose verdict is a p-value. Adjusted p-values are monotone in
  // each raw p-value, so adjusting the low and the high ends of the intervals bounds the adjusted value.
  const pColumns = columns.filter((c) => c.pvalue !== undefined);
  if (opts.bhCorrection && pColumns.length > 0) {
    const adjusted = benjaminiHochberg(pColumns.map((c) => c.pvalue as number));
    pColumns.forEach((c, i) => (c.pvalue_adjusted = adjusted[i]));
    if (pColumns.some((c) => c.value_bounds)) {
      const lows = benjaminiHochberg(pColumns.map((c) => (c.value_bounds ?? [c.pvalue!, c.pvalue!])[0]));
      const highs = benjaminiHochberg(pColumns.map((c) => (c.value_bounds ?? [c.pvalue!, c.pvalue!])[1]));
      pColumns.forEach((c, i) => {
        if (c.value_bounds) c.pvalue_adjusted_bounds = [lows[i], highs[i]];
      });
    }
  }
  for (const c of columns) {
    if (c.test === null || c.threshold === null || c.value === null) continue;
    if (PVALUE_TESTS.has(c.test)) {
      const p = c.pvalue_adjusted ?? (c.pvalue as number);
      decide(c, p, c.pvalue_adjusted_bounds ?? c.value_bounds, true);
    } else {
      decide(c, c.value, c.value_bounds, false);
    }
  }

  const compared = columns.filter((c) => c.test !== null);
  const drifted = compared.filter((c) => c.drifted);
  const undecided = compared.filter((c) => c.undecided);
  const share = compared.length === 0 ? 0 : drifted.length / compared.length;
  const shareHigh = compared.length === 0 ? 0 : (drifted.length + undecided.length) / compared.length;
  const datasetDrift = compared.length > 0 && share >= opts.driftShare;
  const datasetUndecided = !datasetDrift && compared.length > 0 && shareHigh >= opts.driftShare;
  const failing = datasetDrift && opts.failOnDrift;
  const driftFindings: Finding[] = drifted.map((c) => ({
    id: 'drift/column-drifted',
    severity: failing ? 'error' : 'warning',
    message: `Column "${c.name}" drifted: ${verdictText(c)}`,
    subject: c.name,
  }));
  const undecidedFindings: Finding[] = undecided.map((c) => ({
    id: 'drift/undecided',
    severity: 'warning',
    message: `Column "${c.name}": ${undecidedText(c)}; ${approximate?.decideHint ?? 'a row-level run would decide it'}`,
    subject: c.name,
  }));
  if (!opts.columns) {
    for (const name of onlyInReference)
      if (!excluded.has(name)) findings.push(missingFinding(name, reference.file, current.file));
    for (const name of onlyInCurrent)
      if (!excluded.has(name)) findings.push(missingFinding(name, current.file, reference.file));
  }
  const allFindings = [...driftFindings, ...undecidedFindings, ...findings];

  const names = drifted.map((c) => c.name);
  let summary = `${drifted.length} of ${compared.length} columns drifted`;
  if (names.length > 0)
    summary += ` (${names.slice(0, 5).join(', ')}${names.length > 5 ? `, … ${names.length - 5} more` : ''})`;
  if (undecided.length > 0) summary += `, ${undecided.length} undecided`;
  if (datasetDrift)
    summary += `; dataset drift (share ${formatShare(share)} ≥ ${formatShare(opts.driftShare)})`;
  else if (datasetUndecided) summary += '; dataset drift undecided';
  if (approximate) summary += ' (approximate, from profiles)';

  const details: DriftDetails = {
    columns,
    columns_compared: compared.length,
    drifted_columns: names,
    share_drifted: share,
    dataset_drift: datasetDrift,
    drift_share: opts.driftShare,
    bh_correction: opts.bhCorrection,
    only_in_reference: onlyInReference,
    only_in_current: onlyInCurrent,
    reference_rows: reference.rows,
    current_rows: current.rows,
    ...(approximate
      ? {
          approximate: true,
          undecided_columns: undecided.map((c) => c.name),
          dataset_drift_undecided: datasetUndecided,
        }
      : {}),
  };
  const outcomeFindings = datasetUndecided
    ? [
        ...allFindings,
        {
          id: 'drift/dataset-undecided',
          severity: 'warning' as const,
          message: `Dataset drift is undecided: ${drifted.length} drifted and ${undecided.length} undecided of ${compared.length} columns, drift share ${formatShare(opts.driftShare)}`,
        },
      ]
    : allFindings;
  return {
    status: statusFromFindings(outcomeFindings),
    title: 'Data drift',
    summary,
    metrics: {
      share_drifted: share,
      drifted_columns: drifted.length,
      columns_compared: compared.length,
      dataset_drift: datasetDrift ? 1 : 0,
      ...(approximate ? { undecided_columns: undecided.length } : {}),
    },
    findings: outcomeFindings,
    details: details as unknown as Record<string, unknown>,
  };
}

function undecidedText(c: ColumnDrift): string {
  const test = c.test as DriftTestName;
  const pTest = PVALUE_TESTS.has(test);
  const [low, high] = (pTest ? (c.pvalue_adjusted_bounds ?? c.value_bounds) : c.value_bounds) as [
    number,
    number,
  ];
  const what = pTest
    ? `${TEST_LABELS[test]} p-value`
    : `${TEST_LABELS[test]} ${test === 'psi' ? 'value' : 'distance'}`;
  const value = pTest ? (c.pvalue_adjusted ?? (c.pvalue as number)) : (c.value as number);
  return `the ${what} ${formatNumber(value)} could be anywhere in [${formatNumber(low)}, ${formatNumber(high)}] given the sketches' error, which contains the threshold ${c.threshold} (undecided)`;
}
