/**
 * The pandas dtype name a column would have had (reported by expect_column_values_to_be_of_type and used
 * for regexes on numbers): a numeric column is `int64` when it has values, every value is an integer
 * below 2^63 in magnitude and there are no nulls or ±∞ (pandas needs NaN, a float, to hold a null);
 * otherwise `float64`. A categorical column is `bool` when every cell is True/False (any case, no nulls),
 * otherwise `object`.
 */
import { TYPE_FAMILIES } from './expectation-catalog.js';

export type Dtype = 'int64' | 'float64' | 'object' | 'bool';

export interface DtypeFacts {
  type: 'numeric' | 'categorical';
  nulls: number;
  infinite: number;
  count: number;
  integral: boolean;
  min: number | null;
  max: number | null;
  /** Categorical: the distinct values, when known. */
  values?: readonly string[];
}

const BOOL_TEXT = new Set(['true', 'false']);

export function dtypeOf(f: DtypeFacts): Dtype {
  if (f.type === 'numeric') {
    const small = f.min !== null && f.max !== null && Math.abs(f.min) < 2 ** 63 && Math.abs(f.max) < 2 ** 63;
    return f.count > 0 && f.nulls === 0 && f.infinite === 0 && f.integral && small ? 'int64' : 'float64';
  }
  if (
    f.nulls === 0 &&
    f.values &&
    f.values.length > 0 &&
    f.values.every((v) => BOOL_TEXT.has(v.toLowerCase()))
  )
    return 'bool';
  return 'object';
}

/**
 * Whether a type_ name accepts a column of this dtype. Float names accept every numeric column (our
 * readers cannot tell "3" from "3.0" in a CSV, both read as 3); integer names need `int64`.
 */
export function typeMatches(typeName: string, dtype: Dtype): boolean {
  const family = Object.entries(TYPE_FAMILIES).find(([, names]) => names.includes(typeName))?.[0];
  switch (family) {
    case 'int':
      return dtype === 'int64';
    case 'float':
      return dtype === 'int64' || dtype === 'float64';
    case 'object':
      return dtype === 'object' || dtype === 'bool';
    case 'bool':
      return dtype === 'bool';
    default:
      return false;
  }
}
