/**
 * Whether a text column is a datetime column, and its values. pandas types a column at read time, so the
 * decision is made on every distinct cell text of the column as read (its dictionary), once per column
 * and cached: a text column pays one character test per distinct value, not per row.
 *
 * The rule (docs/data.md, "Dates and times"): every non-null cell is an ISO 8601 date/time
 * (iso-datetime.ts), and either none carries an offset or all carry the same one (`Z` and `+00:00` are the
 * same). A naive cell beside a zoned one, or two different offsets, leave the column text — as
 * `pd.read_csv(parse_dates=[col])` leaves such a column `object` (pandas needs `utc=True` to mix offsets).
 */
import type { CategoricalColumn, Column } from './table.js';
import { MIN_NS, datetimeDtype, isoFormat, parseIsoDatetime } from './iso-datetime.js';

export interface DatetimeColumnInfo {
  /** Nanoseconds since the epoch (the UTC instant) of each dictionary entry. */
  ns: BigInt64Array;
  /** Minutes east of UTC shared by every value, or null when the values are naive. */
  offset: number | null;
  /** The pandas dtype: `datetime64[ns]`, `datetime64[ns, UTC]`, `datetime64[ns, UTC+01:00]`. */
  dtype: string;
}

const cache = new WeakMap<readonly string[], DatetimeColumnInfo | null>();

/** The datetime view of `column`, or undefined when it is not a datetime column. */
export function datetimeInfo(column: Column): DatetimeColumnInfo | undefined {
  if (column.type !== 'categorical') return undefined;
  return datetimeOfDictionary(column.dictionary);
}

export function isDatetimeColumn(column: Column): column is CategoricalColumn {
  return datetimeInfo(column) !== undefined;
}

export function datetimeOfDictionary(dictionary: readonly string[]): DatetimeColumnInfo | undefined {
  let info = cache.get(dictionary);
  if (info === undefined) {
    info = detect(dictionary);
    cache.set(dictionary, info);
  }
  return info ?? undefined;
}

function detect(dictionary: readonly string[]): DatetimeColumnInfo | null {
  if (dictionary.length === 0) return null;
  const ns = new BigInt64Array(dictionary.length);
  let offset: number | null | undefined;
  for (let c = 0; c < dictionary.length; c++) {
    const v = parseIsoDatetime(dictionary[c]);
    if (!v) return null;
    if (offset === undefined) offset = v.offset;
    else if (offset !== v.offset) return null;
    ns[c] = v.ns;
  }
  return { ns, offset: offset ?? null, dtype: datetimeDtype(offset ?? null) };
}

/**
 * A datetime column's dtype and its earliest and latest value (`Timestamp.isoformat()`), over the codes
 * that occur (`counts[code] > 0`); undefined for other columns or when no value occurs.
 */
export function datetimeRange(
  column: CategoricalColumn,
  counts: ArrayLike<number>,
): { dtype: string; min: string; max: string } | undefined {
  const info = datetimeInfo(column);
  if (!info) return undefined;
  let lo = -1;
  let hi = -1;
  for (let c = 0; c < counts.length; c++) {
    if (counts[c] === 0) continue;
    if (lo < 0 || info.ns[c] < info.ns[lo]) lo = c;
    if (hi < 0 || info.ns[c] > info.ns[hi]) hi = c;
  }
  if (lo < 0) return undefined;
  return {
    dtype: info.dtype,
    min: isoFormat(info.ns[lo], info.offset),
    max: isoFormat(info.ns[hi], info.offset),
  };
}

const keyCache = new WeakMap<DatetimeColumnInfo, string[]>();
const KEY_WIDTH = 20;

/** A string that orders as the instant does: nanoseconds above pandas' minimum, zero-padded. */
export function instantKey(ns: bigint): string {
  return (ns - MIN_NS).toString().padStart(KEY_WIDTH, '0');
}

/**
 * For row conditions: each dictionary entry of a datetime column as an {@link instantKey}, so comparing
 * keys as strings compares instants (`day >= "2024-01-01"` as pandas' query does on a datetime column).
 */
export function instantKeys(info: DatetimeColumnInfo): string[] {
  let keys = keyCache.get(info);
  if (!keys) {
    keys = Array.from(info.ns, instantKey);
    keyCache.set(info, keys);
  }
  return keys;
}
