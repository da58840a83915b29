/**
 * What the text of a numeric column says about its type, beyond the values. pandas' C parser types a
 * CSV column by the text of its cells, not by the numbers they stand for: `64.0` is a float64 column
 * even though 64.0 is a whole number, because the parser first tries to read every cell as an integer
 * (`_try_int64`: optional sign and digits only) and only then as a double (`_try_double`). The readers
 * record these flags per numeric column (`NumericColumn.syntax`) and `dtypeOf` (checks/data/column-dtype.ts)
 * turns them into the dtype name pandas would report.
 *
 * The rule, checked against pandas 1.5 (`pd.read_csv` with default options) in test/data/number-syntax.test.ts:
 * - a cell written with a decimal point, an exponent or as inf/infinity makes the column float64
 *   (`64.0`, `64.`, `1e3`, `inf`); so does a null cell (NaN needs a float);
 * - otherwise every cell is an integer: int64 when all fit in int64;
 * - integers above int64 (≥ 2^63) but below 2^64, with no null, no minus sign and no float cell: uint64;
 *   with float cells and no minus sign: float64; with a null or a minus sign anywhere: pandas gives up
 *   on numbers and keeps the text (object);
 * - an integer at or above 2^64, or a finite number too large for a double (`1e400`): object; an
 *   integer below −2^63: float64 when there is a float cell, else object.
 * Whatever pandas reports, our columns stay numeric (docs/statistics.md §1 rule 5): only the dtype name follows
 * pandas. The flags merge by OR, so shards and threads combine them in any order.
 */

/** A cell with a decimal point, an exponent or an inf/infinity word (or a floating-point Parquet column). */
export const SYNTAX_FLOAT = 1;
/** A cell with a minus sign (only recorded when {@link SYNTAX_ABOVE_INT64} is, where it matters). */
export const SYNTAX_NEGATIVE = 2;
/** An integer cell above 2^63 − 1 (the int64 maximum). */
export const SYNTAX_ABOVE_INT64 = 4;
/** An integer cell above 2^64 − 1 (the uint64 maximum), or a finite number that overflows a double. */
export const SYNTAX_BEYOND = 8;
/** An integer cell below −2^63 (the int64 minimum). */
export const SYNTAX_BELOW_INT64 = 16;

/** The names of the flags in a profile state file (profile-state.ts), in bit order. */
export const SYNTAX_NAMES = ['float', 'negative', 'above_int64', 'beyond', 'below_int64'] as const;
export type SyntaxName = (typeof SYNTAX_NAMES)[number];

export function syntaxToNames(flags: number): SyntaxName[] {
  return SYNTAX_NAMES.filter((_, bit) => (flags & (1 << bit)) !== 0);
}

export function syntaxFromNames(names: readonly string[]): number {
  let flags = 0;
  for (const name of names) {
    const bit = SYNTAX_NAMES.indexOf(name as SyntaxName);
    if (bit >= 0) flags |= 1 << bit;
  }
  return flags;
}

/**
 * Doubles beyond this magnitude may stand for integers outside int64 (the int64 bounds round to ±2^63):
 * only such cells need their text looked at exactly.
 */
export const INT64_SAFE = 9223372036854774784; // 2^63 − 1024, the largest double below 2^63

const DOT = 0x2e;
const MINUS = 0x2d;
const PLUS = 0x2b;
const ZERO = 0x30;

/**
 * The flags of one numeric token `bytes[s, e)` (trimmed: no blanks around it, and known to match the
 * numeric-token grammar of docs/statistics.md §1 rule 5) whose value is `value`. Integer tokens of 19 digits
 * or more are compared with the int64/uint64 bounds exactly, by their digits.
 */
export function numberSyntaxBytes(bytes: Uint8Array, s: number, e: number, value: number): number {
  let flags = 0;
  for (let i = s; i < e; i++) {
    const b = bytes[i] | 0x20; // ASCII lower case ('.' stays '.')
    if (b === DOT || b === 0x65 /* e */ || b === 0x69 /* i: inf, infinity */) {
      flags = SYNTAX_FLOAT;
      break;
    }
  }
  if (bytes[s] === MINUS) flags |= SYNTAX_NEGATIVE;
  if (flags & SYNTAX_FLOAT) {
    // A finite number too large for a double: pandas keeps such a column as text.
    if ((value === Infinity || value === -Infinity) && !isInfWord(bytes, s)) flags |= SYNTAX_BEYOND;
    return flags;
  }
  if (value > -INT64_SAFE && value < INT64_SAFE) return flags;
  return flags | integerRange(bytes, s, e);
}

/** The same for a token given as a string (tests, and readers that have strings). */
export function numberSyntax(token: string, value: number): number {
  return numberSyntaxBytes(new TextEncoder().encode(token), 0, token.length, value);
}

function isInfWord(bytes: Uint8Array, s: number): boolean {
  let i = s;
  if (bytes[i] === MINUS || bytes[i] === PLUS) i++;
  return (bytes[i] | 0x20) === 0x69;
}

const INT64_MAX = '9223372036854775807';
const INT64_MIN_ABS = '9223372036854775808';
const UINT64_MAX = '18446744073709551615';

/** Where an integer token lies relative to int64 and uint64, by comparing its digits. */
function integerRange(bytes: Uint8Array, s: number, e: number): number {
  let i = s;
  const negative = bytes[i] === MINUS;
  if (negative || bytes[i] === PLUS) i++;
  while (i < e - 1 && bytes[i] === ZERO) i++; // leading zeros do not count
  let digits = '';
  for (; i < e; i++) digits += String.fromCharCode(bytes[i]);
  const above = (bound: string) =>
    digits.length > bound.length || (digits.length === bound.length && digits > bound);
  if (negative) return above(INT64_MIN_ABS) ? SYNTAX_BELOW_INT64 : 0;
  if (above(UINT64_MAX)) return SYNTAX_BEYOND;
  return above(INT64_MAX) ? SYNTAX_ABOVE_INT64 : 0;
}

/**
 * The pandas dtype name of a numeric column from its flags, whether it has a null cell and whether its
 * values are negative anywhere (a minus sign is only recorded where it matters): see the module doc.
 */
export function pandasNumericDtype(
  flags: number,
  hasNull: boolean,
): 'int64' | 'uint64' | 'float64' | 'object' {
  const float = (flags & SYNTAX_FLOAT) !== 0;
  if (flags & SYNTAX_BEYOND) return 'object';
  if (flags & SYNTAX_BELOW_INT64) return float ? 'float64' : 'object';
  if (flags & SYNTAX_ABOVE_INT64) {
    if (hasNull || flags & SYNTAX_NEGATIVE) return 'object';
    return float ? 'float64' : 'uint64';
  }
  return float || hasNull ? 'float64' : 'int64';
}
