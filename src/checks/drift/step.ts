import { resolve } from 'node:path';
import { dataLocation, shownData } from '../../core/data-url.js';
import { InputError, didYouMean } from '../../core/errors.js';
import { keyValueEntries } from '../../core/key-values.js';
import { runCheck } from '../../core/run-check.js';
import { optionName, type StepDefinition } from '../../core/step.js';
import { readJsonFile } from '../../core/json-file.js';
import { parseProfileState } from '../../data/profile-state-format.js';
import { readTable } from '../../data/read-table.js';
import { driftFromProfiles } from './profile-drift.js';
import { drift } from './drift.js';
import { driftPresenter } from './present.js';
import { presortDriftColumns } from './presort.js';
import { DRIFT_TESTS, type ColumnOverride, type DriftOptions, type DriftTestName } from './types.js';

export interface DriftStepOptions {
  reference?: string;
  current?: string;
  referenceProfile?: string;
  currentProfile?: string;
  columns?: string[];
  exclude?: string[];
  threshold?: number;
  thresholds?: Partial<Record<DriftTestName, number>>;
  numericTest?: DriftTestName;
  categoricalTest?: DriftTestName;
  perColumn?: Record<string, ColumnOverride>;
  bhCorrection: boolean;
  driftShare: number;
  failOnDrift: boolean;
  predictionColumn?: string;
  targetColumn?: string;
  largeSampleRows?: number;
  minSampleSize?: number;
}

function checkTest(name: unknown, where: string): DriftTestName {
  if (typeof name !== 'string' || !(DRIFT_TESTS as readonly string[]).includes(name)) {
    throw new InputError(
      `${where}: unknown test ${JSON.stringify(name)}${typeof name === 'string' ? didYouMean(name, DRIFT_TESTS) : ''}; tests: ${DRIFT_TESTS.join(', ')}`,
    );
  }
  return name as DriftTestName;
}

function checkThreshold(v: unknown, where: string): number {
  const x = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
  if (typeof x !== 'number' || !Number.isFinite(x) || x < 0)
    throw new InputError(`${where}: expected a number ≥ 0, got ${JSON.stringify(v)}`);
  return x;
}

/** `ks=0.01, psi=0.2` (a flag or action input) or a mapping (config) -> thresholds per test. */
export function parseThresholds(value: unknown, where: string): Partial<Record<DriftTestName, number>> {
  const entries = keyValueEntries(value, where, 'ks=0.01, psi=0.2');
  const out: Partial<Record<DriftTestName, number>> = {};
  for (const [k, v] of entries) out[checkTest(k, where)] = checkThreshold(v, `${where}.${k}`);
  return out;
}

/** `per-column` in the config: `{ column: { test?, threshold? } }`. */
function parsePerColumn(value: Record<string, unknown>, where: string): Record<string, ColumnOverride> {
  const out: Record<string, ColumnOverride> = {};
  for (const [column, raw] of Object.entries(value)) {
    const at = `${where}.${column}`;
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
      throw new InputError(`${at}: expected { test, threshold }`);
    const o: ColumnOverride = {};
    for (const [k, v] of Object.entries(raw)) {
      if (k === 'test') o.test = checkTest(v, `${at}.test`);
      else if (k === 'threshold') o.threshold = checkThreshold(v, `${at}.threshold`);
      else
        throw new InputError(
          `${at}: unknown key "${k}"${didYouMean(k, ['test', 'threshold'])}; allowed: test, threshold`,
        );
    }
    out[column] = o;
  }
  return out;
}

/**
 * Rows (`reference` + `current`) or profiles (`referenceProfile` + `currentProfile`): exactly one pair.
 * @throws InputError naming the options when the pair is incomplete or both are given.
 */
function inputMode(o: DriftStepOptions): 'rows' | 'profiles' {
  const rows = [o.reference, o.current].filter(Boolean).length;
  const profiles = [o.referenceProfile, o.currentProfile].filter(Boolean).length;
  if (rows > 0 && profiles > 0)
    throw new InputError(
      'reference/current (data) and reference-profile/current-profile (profiles) exclude each other; give one pair',
    );
  if (profiles === 1)
    throw new InputError(
      `${o.referenceProfile ? 'current-profile' : 'reference-profile'} is missing: drift from profiles needs reference-profile and current-profile`,
    );
  if (profiles === 2) return 'profiles';
  if (rows < 2)
    throw new InputError(
      `${o.reference ? 'current' : 'reference'} is missing: drift needs reference and current data (or reference-profile and current-profile)`,
    );
  return 'rows';
}

export const driftStep: StepDefinition<DriftStepOptions> = {
  check: 'drift',
  title: 'Data drift',
  summary:
    'Compare current data with reference data column by column (KS, Wasserstein, Jensen–Shannon, PSI, chi-square) and decide dataset drift',
  examples: [
    'model-ci drift --reference data/train.csv --current data/latest.csv --exclude id --out drift.json',
    'model-ci drift --reference ref.parquet --current cur.parquet --columns age,income --thresholds "ks=0.01"',
    'model-ci drift --reference-profile train-profile.json --current-profile latest-profile.json --out drift.json',
  ],
  options: {
    reference: {
      type: 'path',
      url: true,
      description:
        'reference data (e.g. the training set): CSV, JSON Lines or Parquet, a file or an http(s) URL (or use --reference-profile)',
      metavar: 'FILE|URL',
    },
    current: {
      type: 'path',
      url: true,
      description:
        'current data to compare with the reference, a file or an http(s) URL (or use --current-profile)',
      metavar: 'FILE|URL',
    },
    referenceProfile: {
      type: 'path',
      description:
        'compare profiles instead of rows: the reference profile (model-ci data profile / data merge --out)',
      metavar: 'FILE',
    },
    currentProfile: {
      type: 'path',
      description: 'the current profile, with --reference-profile (statistics approximate, with their error)',
      metavar: 'FILE',
    },
    columns: {
      type: 'list',
      description: 'compare only these columns (default: every column in both files)',
    },
    exclude: { type: 'list', description: 'leave these columns out (ids, timestamps)' },
    threshold: {
      type: 'number',
      exclusiveMin: 0,
      description: "one threshold for every column's deciding test (Evidently's stattest_threshold)",
    },
    thresholds: {
      type: 'object',
      parseText: parseThresholds,
      description: 'thresholds per test, e.g. ks=0.01,wasserstein=0.2',
      metavar: 'TEST=X,...',
    },
    numericTest: {
      type: 'string',
      choices: DRIFT_TESTS,
      description:
        'test for numeric columns (default: KS up to 1000 reference rows, else normed Wasserstein)',
    },
    categoricalTest: {
      type: 'string',
      choices: DRIFT_TESTS,
      description:
        'test for categorical columns (default: chi-square or z-test up to 1000 rows, else Jensen–Shannon)',
    },
    perColumn: {
      type: 'object',
      configOnly: true,
      description: 'per-column test and threshold: { column: { test, threshold } }',
    },
    bhCorrection: {
      type: 'boolean',
      default: true,
      description: 'adjust p-values for the number of columns (Benjamini–Hochberg)',
    },
    driftShare: {
      type: 'number',
      default: 0.5,
      exclusiveMin: 0,
      max: 1,
      description: 'dataset drift when at least this share of columns drifted',
    },
    failOnDrift: {
      type: 'boolean',
      default: true,
      description: 'fail the check on dataset drift; turned off, drift only warns',
    },
    predictionColumn: {
      type: 'string',
      description: 'column with the model prediction (reported as prediction drift)',
      metavar: 'COLUMN',
    },
    targetColumn: {
      type: 'string',
      description: 'column with the label (reported as target drift)',
      metavar: 'COLUMN',
    },
    largeSampleRows: {
      type: 'integer',
      min: 1,
      description: 'reference rows above which distances replace p-value tests (default 1000)',
    },
    minSampleSize: {
      type: 'integer',
      min: 1,
      description: 'warn when a side has fewer usable values (default 30)',
    },
  },
  async execute(options, ctx) {
    const {
      reference: _reference,
      current: _current,
      referenceProfile,
      currentProfile,
      thresholds,
      perColumn,
      ...rest
    } = options;
    const mode = inputMode(options);
    const driftOptions: DriftOptions = { ...rest, describe: (k) => optionName(ctx, k) };
    if (thresholds) driftOptions.thresholds = parseThresholds(thresholds, optionName(ctx, 'thresholds'));
    if (perColumn) driftOptions.perColumn = parsePerColumn(perColumn, optionName(ctx, 'perColumn'));
    for (const key of Object.keys(driftOptions) as (keyof DriftOptions)[])
      if (driftOptions[key] === undefined) delete driftOptions[key];
    return runCheck(
      'drift',
      { ...options },
      async () => {
        if (mode === 'profiles') {
          const [ref, cur] = [referenceProfile as string, currentProfile as string];
          ctx.logger.info(`reading the profiles ${ref} and ${cur}`);
          const read = (file: string) => ({
            file,
            state: parseProfileState(readJsonFile(resolve(ctx.baseDir, file), 'profile'), file),
          });
          return driftFromProfiles(read(ref), read(cur), driftOptions);
        }
        const [referenceAt, currentAt] = [options.reference as string, options.current as string];
        // A URL is shown without its credentials everywhere: log lines, the result, the report.
        const [reference, current] = [shownData(referenceAt), shownData(currentAt)];
        ctx.logger.info(`reading ${reference} and ${current}`);
        // With an explicit column list only those columns are read (the readers skip the rest cheaply).
        const wanted = options.columns
          ? [
              ...new Set([
                ...options.columns,
                ...[options.predictionColumn, options.targetColumn].filter((c): c is string => !!c),
              ]),
            ]
          : undefined;
        const [ref, cur] = await Promise.all([
          readTable(dataLocation(ctx.baseDir, referenceAt), {
            columns: wanted,
            progress: ctx.logger.progress?.(`reading ${reference}`),
          }),
          readTable(dataLocation(ctx.baseDir, currentAt), {
            columns: wanted,
            progress: ctx.logger.progress?.(`reading ${current}`),
          }),
        ]);
        // The numeric columns are sorted on every core first; drift() then only merges and searches them.
        const presorted = await presortDriftColumns(ref, cur, driftOptions.exclude);
        return drift({ ...ref, file: reference }, { ...cur, file: current }, driftOptions, presorted);
      },
      ctx.clock,
    );
  },
  markdown: driftPresenter.markdown,
};
