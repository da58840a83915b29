/**
 * The pandas dtype name a column would have had (reported by expect_column_values_to_be_of_type and used
 * for regexes on numbers).
 *
 * A numeric column read from text (CSV) is typed by its text, as pandas' C parser does
 * (data/number-syntax.ts): `int64` when every cell is an integer written without a decimal point or
 * exponent and none is null, `float64` as soon as one cell is written `64.0`, `1e3` or `inf` or one is null,
 * `uint64`/`object` for integers beyond int64. A numeric column whose source keeps no text for its numbers
 * (JSON Lines: pandas' `read_json` turns a float column of whole numbers into int64) is typed by its values:
 * `int64` when it has values, every value is an integer below 2^63 in magnitude and there are no nulls or
 * ±∞, otherwise `float64`. A column with no rows is `object`, as pandas reads it.
 * A categorical column is `bool` when every cell is True/False (any case, no nulls), a datetime dtype when
 * every cell is an ISO 8601 date/time (data/datetime-column.ts), otherwise `object`.
 */
import type { Column } from '../../data/table.js';
import { datetimeInfo } from '../../data/datetime-column.js';
import { pandasNumericDtype } from '../../data/number-syntax.js';
import { summarizeCategorical, summarizeNumeric } from './column-summary.js';
import { TYPE_FAMILIES } from './expectation-catalog.js';

/** `datetime64[ns]`, or zoned: `datetime64[ns, UTC]`, `datetime64[ns, UTC+01:00]`. */
export type DatetimeDtype = `datetime64[ns${string}]`;
export type Dtype = 'int64' | 'uint64' | 'float64' | 'object' | 'bool' | DatetimeDtype;

export function isDatetimeDtype(dtype: string): dtype is DatetimeDtype {
  return dtype.startsWith('datetime64[ns');
}

/**
 * The name GX reports as `observed_value` of the type expectations: numpy's `dtype.type.__name__`
 * (`object_`, `bool_`, `datetime64`; a zoned column's type is pandas' `Timestamp`).
 */
export function gxTypeName(dtype: Dtype): string {
  if (dtype === 'object') return 'object_';
  if (dtype === 'bool') return 'bool_';
  if (isDatetimeDtype(dtype)) return dtype === 'datetime64[ns]' ? 'datetime64' : 'Timestamp';
  return dtype;
}

export interface DtypeFacts {
  type: 'numeric' | 'categorical';
  nulls: number;
  infinite: number;
  count: number;
  integral: boolean;
  min: number | null;
  max: number | null;
  /** Numeric: how the source wrote the numbers (number-syntax.ts flags), when it has text for them. */
  syntax?: number;
  /** Categorical: the distinct values, when known. */
  values?: readonly string[];
  /** Categorical: the datetime dtype, when every value is an ISO 8601 date/time. */
  datetime?: DatetimeDtype;
}

const BOOL_TEXT = new Set(['true', 'false']);

export function dtypeOf(f: DtypeFacts): Dtype {
  if (f.count + f.nulls + f.infinite === 0) return 'object';
  if (f.type === 'numeric') {
    if (f.syntax !== undefined) return pandasNumericDtype(f.syntax, f.nulls > 0);
    const small = f.min !== null && f.max !== null && Math.abs(f.min) < 2 ** 63 && Math.abs(f.max) < 2 ** 63;
    return f.count > 0 && f.nulls === 0 && f.infinite === 0 && f.integral && small ? 'int64' : 'float64';
  }
  if (f.datetime) return f.datetime;
  if (
    f.nulls === 0 &&
    f.values &&
    f.values.length > 0 &&
    f.values.every((v) => BOOL_TEXT.has(v.toLowerCase()))
  )
    return 'bool';
  return 'object';
}

/** The dtype of a column read into a table. */
export function columnDtype(column: Column): Dtype {
  if (column.type === 'numeric') {
    const s = summarizeNumeric(column);
    return dtypeOf({
      type: 'numeric',
      nulls: s.nulls,
      infinite: s.posInf + s.negInf,
      count: s.count,
      integral: s.integral,
      min: s.count ? s.min : null,
      max: s.count ? s.max : null,
      syntax: column.syntax,
    });
  }
  const dt = datetimeInfo(column);
  if (dt) return dt.dtype as DatetimeDtype;
  if (column.textDtype) return column.textDtype;
  const s = summarizeCategorical(column);
  return dtypeOf({
    type: 'categorical',
    nulls: s.nulls,
    infinite: 0,
    count: s.count,
    integral: false,
    min: null,
    max: null,
    values: column.dictionary.filter((_, c) => s.counts[c] > 0),
  });
}

/**
 * Whether a type_ name accepts a column of this dtype, as GX's pandas engine decides: the name's numpy
 * type must be the column's (`float` does not accept an int64 column, nor `int` a float64 one). `number`
 * and `numeric` accept any numeric column. `datetime64` is numpy's type of a naive datetime column; a zoned
 * column's type is pandas' `Timestamp` (`np.dtype('datetime64')` does not accept it).
 */
export function typeMatches(typeName: string, dtype: Dtype): boolean {
  const family = Object.entries(TYPE_FAMILIES).find(([, names]) => names.includes(typeName))?.[0];
  switch (family) {
    case 'int':
      return dtype === 'int64';
    case 'uint':
      return dtype === 'uint64';
    case 'float':
      return dtype === 'float64';
    case 'number':
      return dtype === 'int64' || dtype === 'uint64' || dtype === 'float64';
    case 'object':
      return dtype === 'object';
    case 'bool':
      return dtype === 'bool';
    case 'datetime':
      return dtype === 'datetime64[ns]';
    case 'timestamp':
      return isDatetimeDtype(dtype) && dtype !== 'datetime64[ns]';
    default:
      return false;
  }
}
