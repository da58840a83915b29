/**
 * Parsing a run of whole records of a CSV file, bytes `[from, to)`, into columns: the second half of a
 * parallel read (csv-parallel.ts), done on a worker thread (csv-worker.ts) with synchronous reads. The
 * header, and which columns are already known to be text, come from the main thread's first batch.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { CsvColumnBuilder } from './csv-column.js';
import type { CsvBatch, CsvHeader } from './csv-fields.js';
import { ChunkLoop } from './csv-chunk-loop.js';
import { Tokenizer } from './csv-tokenizer.js';
import type { Column } from './table.js';

export interface CsvRangeJob {
  /** Per selected column: where to write numeric rows (a view of the main thread's shared storage), if any. */
  storage: (Float64Array | undefined)[];
  file: string;
  from: number;
  to: number;
  header: CsvHeader;
  textOnly: Uint8Array;
  chunkSize: number;
}

export interface CsvRangeResult {
  rows: number;
  /** The columns of the range; null for one that turned text after numbers (it would need a re-read). */
  columns: (Column | null)[];
  /** Per column: its rows are in the storage the main thread handed over (CsvRangeJob.storage). */
  inPlace: boolean[];
}

/** Parses the records in `[job.from, job.to)`. @throws DataFormatError (lines counted from `from`). */
export function readCsvRange(job: CsvRangeJob): CsvRangeResult {
  const builders = job.header.selected.map((field) => new CsvColumnBuilder(job.header.names[field], 0));
  let rows = 0;
  const tokenizer = new Tokenizer(
    job.file,
    {
      onBatch(batch: CsvBatch) {
        const need = rows + batch.rows;
        // Builders differ in capacity (storage handed over by the main thread): the least decides.
        let least = Infinity;
        for (const b of builders) least = Math.min(least, b.capacity);
        if (builders.length > 0 && need > least) {
          const estimate = Math.ceil((need / Math.max(1, batch.bytesDone)) * (job.to - job.from) * 1.02) + 16;
          const capacity = Math.max(need, estimate, Math.ceil(least * 1.5));
          for (const b of builders) b.reserve(capacity);
        }
        for (let c = 0; c < builders.length; c++) builders[c].add(batch, c);
        rows = need;
      },
    },
    {},
    job.to - job.from,
  );
  tokenizer.resume(job.header, job.textOnly);
  // Columns known to be text get text cells from the tokenizer (FIELD_HASHED): they start categorical.
  builders.forEach((b, c) => {
    if (job.textOnly[c]) b.startAsText();
    else if (job.storage[c]) b.useStorage(job.storage[c]!);
  });
  const loop = new ChunkLoop(tokenizer, job.chunkSize, true);
  const fd = openSync(job.file, 'r');
  try {
    let position = job.from;
    for (;;) {
      let bytesRead = 0;
      if (!loop.eof) {
        const at = loop.room();
        const length = Math.min(job.chunkSize, job.to - position);
        bytesRead = length > 0 ? readSync(fd, loop.bytes, at, length, position) : 0;
        position += bytesRead;
      }
      if (loop.advance(bytesRead)) break;
    }
  } finally {
    closeSync(fd);
  }
  const inPlace = builders.map((b, c) => job.storage[c] !== undefined && b.writesTo(job.storage[c]!));
  return { rows, inPlace, columns: builders.map((b) => (b.prefixRows > 0 ? null : b.finish())) };
}
