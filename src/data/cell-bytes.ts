/**
 * docs/statistics.md §1 rules 3–5 applied to a cell's UTF-8 bytes, without making a string: the CSV
 * reader calls this for every cell of every numeric-so-far column, so it is the hot path.
 *
 * Numbers: plain decimals with at most 15 significant digits and a decimal exponent within ±22
 * are computed as `m × 10^k` or `m / 10^k` with both operands exact doubles (m < 2^53, 10^k ≤ 10^22),
 * so the single IEEE operation is correctly rounded (Clinger's fast path) and equals `Number(token)`
 * bit for bit. Anything else that matches the numeric-token grammar falls back to `Number(token)`.
 * `cell.ts` is the readable reference on strings; the two must agree bit for bit (tested).
 */
import { CELL_NULL, CELL_NUMBER, CELL_TEXT, type CellKind } from './cell.js';

const MINUS = 0x2d;
const PLUS = 0x2b;
const DOT = 0x2e;
const ZERO = 0x30;
/** Exact powers of ten 10^0 … 10^22 (each is a double exactly). */
export const POW10 = new Float64Array(23).map((_, i) => Number(`1e${i}`));
const MAX_FAST_DIGITS = 15;

const SPACE = 0x20;
const TAB = 0x09;
const SLASH = 0x2f;
/** ASCII letter to lower case; only compared against lower-case letters, where it is exact. */
const LOWER = 0x20;

/**
 * Classifies `bytes[start, end)` (one raw cell, quotes already removed) as CELL_NULL, CELL_NUMBER or
 * CELL_TEXT (cell.ts). A numeric value is written to `out[0]`.
 */
export function classifyCellBytes(
  bytes: Uint8Array,
  start: number,
  end: number,
  out: Float64Array,
): CellKind {
  let s = start;
  let e = end;
  while (s < e && (bytes[s] === SPACE || bytes[s] === TAB)) s++;
  while (e > s && (bytes[e - 1] === SPACE || bytes[e - 1] === TAB)) e--;
  if (s === e) return CELL_NULL;

  let i = s;
  const c = bytes[i];
  const negative = c === MINUS;
  if (negative || c === PLUS) i++;

  let mantissa = 0;
  let significant = 0;
  let exponent = 0;
  let digits = 0;
  // Integer part.
  while (i < e) {
    const d = bytes[i] - ZERO;
    if (d < 0 || d > 9) break;
    if (mantissa !== 0 || d !== 0) {
      mantissa = mantissa * 10 + d;
      significant++;
    }
    digits++;
    i++;
  }
  // Fraction.
  if (i < e && bytes[i] === DOT) {
    i++;
    while (i < e) {
      const d = bytes[i] - ZERO;
      if (d < 0 || d > 9) break;
      if (mantissa !== 0 || d !== 0) {
        mantissa = mantissa * 10 + d;
        significant++;
      }
      exponent--;
      digits++;
      i++;
    }
  }
  if (digits === 0) return classifyWord(bytes, s, e, out);
  // Exponent.
  if (i < e && (bytes[i] | LOWER) === 0x65 /* e */) {
    i++;
    let expNegative = false;
    if (i < e && (bytes[i] === MINUS || bytes[i] === PLUS)) {
      expNegative = bytes[i] === MINUS;
      i++;
    }
    const expStart = i;
    let value = 0;
    while (i < e) {
      const d = bytes[i] - ZERO;
      if (d < 0 || d > 9) break;
      if (value < 100000) value = value * 10 + d; // beyond that the result is 0 or ∞ anyway
      i++;
    }
    if (i === expStart) return CELL_TEXT;
    exponent += expNegative ? -value : value;
  }
  if (i !== e) return CELL_TEXT;

  let v: number;
  if (mantissa === 0) v = 0;
  else if (significant <= MAX_FAST_DIGITS && exponent >= -22 && exponent <= 22) {
    v = exponent >= 0 ? mantissa * POW10[exponent] : mantissa / POW10[-exponent];
  } else {
    out[0] = Number(latin1(bytes, s, e));
    return CELL_NUMBER;
  }
  out[0] = negative ? -v : v;
  return CELL_NUMBER;
}

/** True iff the cell is null under rule 4 (used once a column is known to be categorical). */
export function isNullCellBytes(bytes: Uint8Array, start: number, end: number): boolean {
  let s = start;
  let e = end;
  while (s < e && (bytes[s] === SPACE || bytes[s] === TAB)) s++;
  while (e > s && (bytes[e - 1] === SPACE || bytes[e - 1] === TAB)) e--;
  return e - s > 4 ? false : s === e || nullWord(bytes, s, e - s);
}

/** Null tokens and ±inf/±infinity; everything else is text. `s`, `e` are trimmed and non-empty. */
function classifyWord(bytes: Uint8Array, s: number, e: number, out: Float64Array): CellKind {
  const n = e - s;
  if (n <= 4 && nullWord(bytes, s, n)) return CELL_NULL;
  let i = s;
  const c = bytes[i];
  if (c === MINUS || c === PLUS) i++;
  const m = e - i;
  if ((m === 3 || m === 8) && isWord(bytes, i, m === 3 ? 'inf' : 'infinity')) {
    out[0] = c === MINUS ? -Infinity : Infinity;
    return CELL_NUMBER;
  }
  return CELL_TEXT;
}

function nullWord(bytes: Uint8Array, s: number, n: number): boolean {
  switch (n) {
    case 2:
      return isWord(bytes, s, 'na');
    case 3:
      return (
        isWord(bytes, s, 'nan') ||
        ((bytes[s] | LOWER) === 0x6e && bytes[s + 1] === SLASH && (bytes[s + 2] | LOWER) === 0x61)
      );
    case 4:
      return isWord(bytes, s, 'null') || isWord(bytes, s, 'none');
    default:
      return false;
  }
}

/** Case-insensitive match of ASCII letters `word` at `bytes[s…]`. */
function isWord(bytes: Uint8Array, s: number, word: string): boolean {
  for (let k = 0; k < word.length; k++) if ((bytes[s + k] | LOWER) !== word.charCodeAt(k)) return false;
  return true;
}

function latin1(bytes: Uint8Array, s: number, e: number): string {
  let t = '';
  for (let k = s; k < e; k++) t += String.fromCharCode(bytes[k]);
  return t;
}
