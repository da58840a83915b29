/**
 * Builds one typed column from CSV batches (STATISTICS.md §1 rule 6). A column starts numeric and
 * stores doubles; the first non-null, non-numeric cell turns it categorical for good.
 *
 * A categorical value is the raw cell string, but cells before the flip were kept only as numbers
 * (`1.50` and `1.5` are both 1.5), and in the batch where the flip happens the tokenizer kept only the
 * value of plain numbers, not their bytes. Rather than keep every cell's text in case of a flip, the
 * builder marks rows `[0, prefixRows)` — everything up to the end of that batch — for a second pass
 * (`readCsv` re-reads just those rows of just the flipped columns, then `finishPrefix` merges).
 * A column with no number before its first text cell (the usual categorical column) needs no
 * second pass.
 */
import { kernel } from './csv-kernel.js';

/**
 * `new CsvColumnBuilder(name, capacity)`: `reserve`, `add(batch, k)`, `addPrefix`/`finishPrefix` for the
 * re-read, `finish()` → Column. Numeric storage is on shared memory (checks/data/parallel-sort.ts sorts
 * columns on a worker thread without copying them). The code lives in csv-kernel.ts.
 */
export const { CsvColumnBuilder } = kernel;
export type CsvColumnBuilder = InstanceType<typeof CsvColumnBuilder>;
