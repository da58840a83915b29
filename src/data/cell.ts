/**
 * docs/statistics.md §1 rules 3–5 on a cell string: trim, null tokens, numeric tokens.
 * This is the readable reference; the CSV reader uses the byte-level twin in `cell-bytes.ts`,
 * which must agree with it bit for bit (tested).
 */

/** `classifyCell` result: the cell is null (rule 4). */
export const CELL_NULL = 0;
/** `classifyCell` result: the cell is a numeric token; its value was written to `out[0]`. */
export const CELL_NUMBER = 1;
/** `classifyCell` result: the cell is neither null nor numeric, so its column is categorical. */
export const CELL_TEXT = 2;
export type CellKind = typeof CELL_NULL | typeof CELL_NUMBER | typeof CELL_TEXT;

const NULL_TOKENS: ReadonlySet<string> = new Set(['', 'nan', 'null', 'na', 'n/a', 'none']);
// ASCII digits only: the contract's `\d` means 0-9 (JS `Number` rejects other scripts' digits).
const NUMERIC_TOKEN = /^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/;
const INFINITE_TOKEN = /^([+-]?)(?:inf|infinity)$/i;

/** Removes leading and trailing SPACE and TAB only (rule 3), unlike `String.prototype.trim`. */
export function trimCell(cell: string): string {
  let start = 0;
  let end = cell.length;
  while (start < end && isBlank(cell.charCodeAt(start))) start++;
  while (end > start && isBlank(cell.charCodeAt(end - 1))) end--;
  return start === 0 && end === cell.length ? cell : cell.slice(start, end);
}

function isBlank(code: number): boolean {
  return code === 0x20 || code === 0x09;
}

/** Rule 4: `lower(trim(cell))` is one of "", nan, null, na, n/a, none. */
export function isNullCell(cell: string): boolean {
  const t = trimCell(cell);
  return t.length <= 4 && NULL_TOKENS.has(t.toLowerCase());
}

/**
 * Classifies one raw cell (rules 3–5). For a numeric token the correctly rounded double
 * (`Number(trim(cell))`, or ±Infinity for inf/infinity) is written to `out[0]`.
 */
export function classifyCell(cell: string, out: Float64Array): CellKind {
  const t = trimCell(cell);
  if (t.length <= 4 && NULL_TOKENS.has(t.toLowerCase())) return CELL_NULL;
  if (NUMERIC_TOKEN.test(t)) {
    out[0] = Number(t);
    return CELL_NUMBER;
  }
  const inf = INFINITE_TOKEN.exec(t);
  if (inf) {
    out[0] = inf[1] === '-' ? -Infinity : Infinity;
    return CELL_NUMBER;
  }
  return CELL_TEXT;
}
