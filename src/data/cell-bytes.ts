/**
 * STATISTICS.md §1 rules 3–5 applied to a cell's UTF-8 bytes, without making a string: the CSV
 * reader calls this for every cell of every numeric-so-far column, so it is the hot path.
 *
 * Numbers: plain decimals with at most 15 significant digits and a decimal exponent within ±22
 * are computed as `m × 10^k` or `m / 10^k` with both operands exact doubles (m < 2^53, 10^k ≤ 10^22),
 * so the single IEEE operation is correctly rounded (Clinger's fast path) and equals `Number(token)`
 * bit for bit. Anything else that matches the numeric-token grammar falls back to `Number(token)`.
 */
import { kernel } from './csv-kernel.js';

/**
 * `classifyCellBytes(bytes, start, end, out)` classifies `bytes[start, end)` (one raw cell, quotes already
 * removed) as CELL_NULL, CELL_NUMBER or CELL_TEXT (cell.ts); a numeric value is written to `out[0]`.
 * `isNullCellBytes(bytes, start, end)` is true iff the cell is null under rule 4.
 * The code lives in csv-kernel.ts (shared with the parallel reader's worker).
 */
export const { classifyCellBytes, isNullCellBytes } = kernel;
