/**
 * The profile state file format (`model-ci data profile` / `data merge`, `details.profile`): its types and
 * its validation. Shared by the data check (which writes and merges profiles) and the drift check (which
 * compares two of them), so neither check imports the other.
 *
 * Versions: `@2` adds `kll.error` to every numeric column, the sketch's deterministic rank-error bound,
 * which drift from profiles needs to state its error. `@1` files (written before) still parse, merge with
 * each other and check expectations; drift refuses them with a message saying what is missing.
 */
import { DataFormatError } from '../core/errors.js';
import { FrequentItems, type FrequentItemsJson } from '../stats/sketches/frequent-items.js';
import { HyperLogLog, type HyperLogLogJson } from '../stats/sketches/hyperloglog.js';
import { KllSketch, type KllJson } from '../stats/sketches/kll.js';
import { SYNTAX_NAMES, type SyntaxName } from './number-syntax.js';
import { parseIsoDatetime } from './iso-datetime.js';

export const PROFILE_STATE_FORMAT = 'model-ci/profile-state@2';
/** Profiles written before the sketches' error bounds were recorded. */
export const PROFILE_STATE_FORMAT_V1 = 'model-ci/profile-state@1';
export type ProfileStateFormat = typeof PROFILE_STATE_FORMAT | typeof PROFILE_STATE_FORMAT_V1;

export interface ProfileSource {
  file: string;
  rows: number;
  shard?: { index: number; count: number };
}

export interface NumericState {
  type: 'numeric';
  nulls: number;
  pos_inf: number;
  neg_inf: number;
  count: number;
  /** Exact sum of the finite values as non-overlapping partials (ExactSum). */
  sum: number[];
  /** Σ(x − mean)² over the finite values (Chan et al.). */
  m2: number;
  min: number | null;
  max: number | null;
  /** Every finite value is an integer. */
  integral: boolean;
  /**
   * How the source wrote the numbers (data/number-syntax.ts: "float" when a cell had a decimal point,
   * an exponent or inf, …), which decides the pandas dtype; absent when the source has no such text
   * (JSON Lines) and in profiles written before it was recorded: the dtype then follows the values.
   */
  number_syntax?: SyntaxName[];
  kll: KllJson;
  hll: HyperLogLogJson;
  /** Value counts keyed by the shortest round-trip string of the number (−0 as "0"). */
  values: FrequentItemsJson;
}

export interface CategoricalState {
  type: 'categorical';
  nulls: number;
  count: number;
  hll: HyperLogLogJson;
  values: FrequentItemsJson;
  /**
   * A datetime column (every value an ISO 8601 date/time, one UTC offset or none; data/datetime-column.ts):
   * its pandas dtype and earliest/latest value as `Timestamp.isoformat()` text. Absent for text columns
   * and in profiles written before datetimes were typed (they read as text).
   */
  datetime?: { dtype: string; min: string; max: string };
  /** The dtype a reader decided from typed values (JSON Lines booleans: `bool`); absent for CSV text. */
  text_dtype?: 'bool' | 'object';
}

export type ColumnState = NumericState | CategoricalState;

export interface ProfileState {
  format: ProfileStateFormat;
  rows: number;
  /** What was profiled, sorted by file then shard index (so merge order does not show). */
  sources: ProfileSource[];
  /** Keyed by column name, in the first source's column order. */
  columns: Record<string, ColumnState>;
}

/**
 * Validate parsed JSON as a profile state: the bare state, or a result file whose `details.profile` is one
 * (what `model-ci data profile --out` writes).
 * @throws DataFormatError naming the file and the key path that is wrong.
 */
export function parseProfileState(json: unknown, file: string): ProfileState {
  let doc = json;
  if (isObject(doc) && !('format' in doc) && isObject(doc.details) && 'profile' in doc.details)
    doc = doc.details.profile;
  const fail = (path: string, expected: string): never => {
    throw new DataFormatError({ file }, `${path}: expected ${expected}`);
  };
  if (!isObject(doc)) return fail('(root)', `a profile (an object with "format": "${PROFILE_STATE_FORMAT}")`);
  if (doc.format !== PROFILE_STATE_FORMAT && doc.format !== PROFILE_STATE_FORMAT_V1)
    return fail(
      'format',
      `"${PROFILE_STATE_FORMAT}" (or the older "${PROFILE_STATE_FORMAT_V1}"), got ${JSON.stringify(doc.format)}`,
    );
  const v2 = doc.format === PROFILE_STATE_FORMAT;
  if (!isCount(doc.rows)) fail('rows', 'a non-negative integer');
  if (!Array.isArray(doc.sources)) fail('sources', 'an array');
  if (!isObject(doc.columns)) fail('columns', 'an object keyed by column name');
  for (const [name, c] of Object.entries(doc.columns as Record<string, unknown>)) {
    const path = `columns.${name}`;
    if (!isObject(c)) fail(path, 'an object');
    const col = c as Record<string, unknown>;
    if (col.type !== 'numeric' && col.type !== 'categorical')
      fail(`${path}.type`, '"numeric" or "categorical"');
    const counts = col.type === 'numeric' ? ['nulls', 'pos_inf', 'neg_inf', 'count'] : ['nulls', 'count'];
    for (const k of counts) if (!isCount(col[k])) fail(`${path}.${k}`, 'a non-negative integer');
    const parts = counts.reduce((a, k) => a + (col[k] as number), 0);
    if (parts !== doc.rows) fail(`${path}`, `counts that add up to rows (${doc.rows}), got ${parts}`);
    if (col.type === 'numeric') {
      if (!Array.isArray(col.sum) || !col.sum.every((x) => typeof x === 'number'))
        fail(`${path}.sum`, 'an array of numbers');
      if (typeof col.m2 !== 'number') fail(`${path}.m2`, 'a number');
      for (const k of ['min', 'max'])
        if (col[k] !== null && typeof col[k] !== 'number') fail(`${path}.${k}`, 'a number or null');
      if (typeof col.integral !== 'boolean') fail(`${path}.integral`, 'a boolean');
      const syntax = col.number_syntax;
      if (
        syntax !== undefined &&
        !(Array.isArray(syntax) && syntax.every((n) => (SYNTAX_NAMES as readonly unknown[]).includes(n)))
      )
        fail(`${path}.number_syntax`, `a list of ${SYNTAX_NAMES.map((n) => JSON.stringify(n)).join(', ')}`);
    }
    if (col.type === 'categorical' && col.datetime !== undefined) {
      const d = col.datetime as Record<string, unknown>;
      const dt = isObject(d) && typeof d.dtype === 'string' && d.dtype.startsWith('datetime64[ns');
      const ends = ['min', 'max'].every((k) => typeof d[k] === 'string' && parseIsoDatetime(d[k] as string));
      if (!dt || !ends)
        fail(`${path}.datetime`, '{dtype: "datetime64[ns…]", min, max} with ISO 8601 min and max');
    }
    if (
      col.type === 'categorical' &&
      col.text_dtype !== undefined &&
      col.text_dtype !== 'bool' &&
      col.text_dtype !== 'object'
    )
      fail(`${path}.text_dtype`, '"bool" or "object"');
    if (col.type === 'numeric' && !isObject(col.kll))
      fail(`${path}.kll`, 'a KLL quantile sketch (as model-ci data profile writes it)');
    if (!isObject(col.hll)) fail(`${path}.hll`, 'a HyperLogLog sketch (as model-ci data profile writes it)');
    if (!isObject(col.values)) fail(`${path}.values`, 'value counts (as model-ci data profile writes them)');
    if (col.type === 'numeric' && v2 && typeof (col.kll as Record<string, unknown>).error !== 'number')
      fail(`${path}.kll.error`, `the sketch's rank-error bound (required by ${PROFILE_STATE_FORMAT})`);
    try {
      if (col.type === 'numeric') KllSketch.fromJSON(col.kll as KllJson);
      HyperLogLog.fromJSON(col.hll as HyperLogLogJson);
      FrequentItems.fromJSON(col.values as FrequentItemsJson);
    } catch (e) {
      fail(path, `valid sketch state (${(e as Error).message})`);
    }
  }
  return doc as unknown as ProfileState;
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function isCount(x: unknown): boolean {
  return typeof x === 'number' && Number.isInteger(x) && x >= 0;
}
