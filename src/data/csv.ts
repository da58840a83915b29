/**
 * `readCsv`: a CSV file as a typed `Table` (docs/statistics.md §1). The tokenizer is `csv-scanner.ts`
 * (use `scanCsv` directly to stream without holding columns); typing and storage per column is
 * `csv-column.ts`.
 *
 * Memory: one Float64Array (numeric) or Int32Array of codes (categorical) per selected column, sized
 * from an estimate of the row count (rows seen per byte × file size) so they rarely reallocate.
 * Numeric columns are on shared memory (a profile sorts them on a worker thread without copying).
 * Time: one pass, plus — for columns that turn categorical — a second pass over just those columns
 * that stops at the end of the chunk where they turned (usually the first chunk). Files of 32 MiB and
 * more are read on two threads, half each (`csv-parallel.ts`), with exactly the result of one pass.
 */
import { CsvColumnBuilder } from './csv-column.js';
import { readCsvParallel } from './csv-parallel.js';
import type { CsvBatch, CsvHeader } from './csv-fields.js';
import { scanCsv } from './csv-scanner.js';
import type { Table } from './table.js';
import type { Progress } from '../core/progress.js';
import type { StreamSource } from './stream-source.js';

export { scanCsv } from './csv-scanner.js';
export {
  decodeField,
  unquoteField,
  FIELD_QUOTED,
  FIELD_ESCAPED,
  FIELD_NUMBER,
  FIELD_HASHED,
} from './csv-fields.js';
export { batchCellKind, batchCellText } from './csv-cells.js';
export type { CsvBatch, CsvHeader, CsvScanOptions, CsvScanSummary, CsvVisitor } from './csv-fields.js';

export interface CsvReadOptions {
  /** Read only these columns (in file order in the result); unknown names are an InputError. */
  columns?: readonly string[];
  /** Read size in bytes; mainly for tests of chunk boundaries. */
  chunkSize?: number;
  /** Reading on two threads (csv-parallel.ts); tests lower `minBytes`, `threads: 1` turns it off. */
  parallel?: { threads?: number; minBytes?: number };
  /** Bytes and rows read so far, after each batch (src/core/progress.ts). */
  progress?: Progress;
  /**
   * Read this stream (an http(s) URL) instead of the file named `file`, in one pass: the two-thread read
   * needs random access to the file's second half, and over a network the transfer, not the parsing, is
   * what takes the time.
   */
  source?: StreamSource;
}

/** Reads `file` as CSV into typed columns. Throws DataFormatError (file:line:column) on malformed input. */
export async function readCsv(file: string, options: CsvReadOptions = {}): Promise<Table> {
  if (options.source) return readCsvSequential(file, options);
  const parallel = await readCsvParallel(
    file,
    {
      columns: options.columns,
      chunkSize: options.chunkSize,
      ...options.parallel,
      ...(options.progress ? { progress: options.progress } : {}),
    },
    (builders) => rereadPrefixes(file, builders, options),
  );
  return parallel ?? readCsvSequential(file, options);
}

async function readCsvSequential(file: string, options: CsvReadOptions): Promise<Table> {
  let builders: CsvColumnBuilder[] = [];
  let rows = 0;
  const { header } = await scanCsv(
    file,
    {
      onHeader(h: CsvHeader) {
        builders = h.selected.map((field) => new CsvColumnBuilder(h.names[field], 0));
      },
      onBatch(batch: CsvBatch) {
        const need = rows + batch.rows;
        if (builders.length > 0 && need > builders[0].capacity) {
          // Size for the whole file from the rows per byte so far, so storage is allocated about once.
          const estimate = Math.ceil((need / Math.max(1, batch.bytesDone)) * batch.fileSize * 1.02) + 16;
          const capacity = Math.max(need, estimate, Math.ceil(builders[0].capacity * 1.5));
          for (const b of builders) b.reserve(capacity);
        }
        for (let k = 0; k < builders.length; k++) builders[k].add(batch, k);
        rows = need;
        options.progress?.update(batch.bytesDone, batch.fileSize, rows);
      },
    },
    options,
  );
  await rereadPrefixes(file, builders, options);
  return { file, rows, header: header.names, columns: builders.map((b) => b.finish()) };
}

/** Second pass for columns that turned categorical: the raw strings of their rows up to the flip batch. */
async function rereadPrefixes(
  file: string,
  builders: CsvColumnBuilder[],
  options: CsvReadOptions,
): Promise<void> {
  const flipped = builders.filter((b) => b.prefixRows > 0);
  if (flipped.length === 0) return;
  await scanCsv(
    file,
    {
      onBatch(batch: CsvBatch) {
        for (let k = 0; k < flipped.length; k++)
          if (batch.rowStart < flipped[k].prefixRows) flipped[k].addPrefix(batch, k);
      },
    },
    {
      columns: flipped.map((b) => b.name),
      rowLimit: Math.max(...flipped.map((b) => b.prefixRows)),
      chunkSize: options.chunkSize,
      text: true,
      // A stream is read again from its start, and only as far as the flipped columns' prefix rows.
      ...(options.source ? { source: options.source } : {}),
    },
  );
  for (const b of flipped) b.finishPrefix();
}
