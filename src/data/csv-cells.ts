/**
 * One cell of a `CsvBatch`, for consumers of `scanCsv` that stream instead of building columns
 * (docs/statistics.md §1 rules 3–5 applied to the cell's bytes).
 */
import { CELL_NUMBER, type CellKind } from './cell.js';
import { classifyCellBytes } from './cell-bytes.js';
import {
  FIELD_ESCAPED,
  FIELD_NUMBER,
  FIELD_QUOTED,
  decodeField,
  unquoteField,
  type CsvBatch,
} from './csv-fields.js';

/**
 * Kind of the cell of batch column `k`, row `r` (CELL_NULL, CELL_NUMBER or CELL_TEXT); a number is
 * written to `out[0]`.
 */
export function batchCellKind(batch: CsvBatch, k: number, r: number, out: Float64Array): CellKind {
  const i = k * batch.stride + r;
  const f = batch.flags[i];
  if (f === FIELD_NUMBER) {
    out[0] = batch.numbers[i];
    return CELL_NUMBER;
  }
  if (f & FIELD_ESCAPED) {
    const content = unquoteField(batch.bytes, batch.starts[i], batch.ends[i]);
    return classifyCellBytes(content, 0, content.length, out);
  }
  const quoted = f === FIELD_QUOTED ? 1 : 0;
  return classifyCellBytes(batch.bytes, batch.starts[i] + quoted, batch.ends[i] - quoted, out);
}

/**
 * The raw cell string of batch column `k`, row `r` (quotes removed, not trimmed). A FIELD_NUMBER cell
 * has no bytes left, only its value: scan with `text: true` (or set `textOnly`) to get text for
 * every cell.
 */
export function batchCellText(batch: CsvBatch, k: number, r: number): string {
  const i = k * batch.stride + r;
  const f = batch.flags[i];
  if (f === FIELD_NUMBER)
    throw new Error('batchCellText: a FIELD_NUMBER cell keeps only its value; scan with text: true');
  return decodeField(batch.bytes, batch.starts[i], batch.ends[i], f);
}
