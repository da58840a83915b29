/**
 * Reading a large CSV file on two threads: this thread reads the first half, a worker thread the second,
 * and the halves are joined. Reading is a profile's largest single cost and pandas' `read_csv` uses one
 * core; the machines this runs on (CI runners) have two.
 *
 * The split is the first record boundary after the middle of the file — the byte after the first LF
 * there, unless that LF is inside a quoted field. That cannot be known from the middle, so it is checked
 * afterwards: this thread parses `[0, split)` as if the file ended at `split`, and a quoted field still
 * open there means the guess was wrong. The worker meanwhile parses `[split, end)` from a record start,
 * with the header (and which columns are already known to be text) from this thread's first batch.
 *
 * The worker (csv-worker.ts, its own entry: `csv-worker.js` beside a bundle's index.js) runs the same
 * modules as this thread (csv-range.ts over the tokenizer and column builder), so both halves are parsed
 * by the same code; joining appends the worker's rows to this thread's columns exactly as if they had come in
 * batches (CsvColumnBuilder.append: dictionaries merged in order of first appearance). Whenever the
 * result could differ from reading in one pass — the split was inside quotes, a column is numeric in one
 * half and text in the other, a column turned text after numbers in the worker's half, the worker failed
 * — `readCsvParallel` returns undefined and the caller reads the file in one pass. A malformed record in
 * the worker's half is reported with its line in the whole file, after any problem in the first half.
 */
import type { Progress } from '../core/progress.js';
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { DataFormatError, type SourcePosition } from '../core/errors.js';
import { startWorker } from '../threads/start-worker.js';
import { CsvColumnBuilder } from './csv-column.js';
import type { CsvBatch, CsvHeader } from './csv-fields.js';
import type { CsvRangeJob, CsvRangeResult } from './csv-range.js';
import { feed } from './csv-scanner.js';
import { Tokenizer } from './csv-tokenizer.js';
import { openDataFile } from './open-file.js';
import type { Table } from './table.js';

/** The worker entry, bundled beside index.js (scripts/build.mjs). */
const CSV_WORKER = 'csv-worker.js';

/** Files smaller than this are read on one thread (a worker costs ~30 ms to start). */
export const PARALLEL_MIN_BYTES = 32 << 20;
const CHUNK = 1 << 20;
/** How far past the middle to look for a line feed. */
const SPLIT_WINDOW = 1 << 16;

export interface ParallelReadOptions {
  /** Read only these columns. */
  columns?: readonly string[];
  /** Threads available (default: available parallelism); below 2 nothing is done here. */
  threads?: number;
  /** Minimum file size (default {@link PARALLEL_MIN_BYTES}); lowered by tests. */
  minBytes?: number;
  /** Read size in bytes (tests). */
  chunkSize?: number;
  /** Progress of the read: this thread's half scaled to the whole file (the worker's half runs alongside). */
  progress?: Progress;
}

/** What the worker posts: its range's columns, or why it could not. */
type WorkerResult = Partial<CsvRangeResult> & {
  error?: { message: string; position?: SourcePosition; data: boolean };
};

/**
 * Reads `file` on two threads (see the module doc); undefined when it is too small, there is one core, or
 * the halves cannot be joined to exactly what one pass gives.
 * @throws DataFormatError for malformed content, as `readCsv`.
 */
export async function readCsvParallel(
  file: string,
  options: ParallelReadOptions,
  rereadPrefixes: (builders: CsvColumnBuilder[]) => Promise<void>,
): Promise<Table | undefined> {
  const threads = options.threads ?? availableParallelism();
  if (threads < 2) return undefined;
  const handle = await openDataFile(file);
  let worker: Worker | undefined;
  try {
    const size = (await handle.stat()).size;
    if (size < (options.minBytes ?? PARALLEL_MIN_BYTES)) return undefined;
    const split = await splitPoint(handle, size);
    if (split < 0) return undefined;
    const chunkSize = options.chunkSize ?? CHUNK;

    let builders: CsvColumnBuilder[] = [];
    let rows = 0;
    let result: Promise<WorkerResult> | undefined;
    let storage: (Float64Array | undefined)[] = [];
    const tokenizer = new Tokenizer(
      file,
      {
        onHeader(h: CsvHeader) {
          builders = h.selected.map((field) => new CsvColumnBuilder(h.names[field], 0));
        },
        onBatch(batch: CsvBatch) {
          const need = rows + batch.rows;
          // Builders differ in capacity once storage is split with the worker: the least decides.
          let least = Infinity;
          for (const b of builders) least = Math.min(least, b.capacity);
          if (builders.length > 0 && need > least) {
            // Size for the whole file, as readCsv: the worker's rows are appended here.
            const estimate = Math.ceil((need / Math.max(1, batch.bytesDone)) * size * 1.02) + 16;
            const capacity = Math.max(need, estimate, Math.ceil(least * 1.5));
            for (const b of builders) b.reserve(capacity);
          }
          for (let c = 0; c < builders.length; c++) builders[c].add(batch, c);
          rows = need;
          if (split > 0)
            options.progress?.update(
              Math.min(size, (batch.bytesDone / split) * size),
              size,
              Math.round((rows * size) / Math.max(1, batch.bytesDone)),
            );
          if (!result && tokenizer.knownHeader) {
            // After the first batch: which columns are text is known; start on the second half. Numeric
            // storage, sized for the whole file, is shared: rows from a bit more than this half's
            // estimate on are the worker's to write, and are moved down to follow this half's rows.
            const perByte = need / Math.max(1, batch.bytesDone);
            const firstHalf = Math.ceil(perByte * split * 1.05) + 1024;
            const secondHalf = Math.ceil(perByte * (size - split) * 1.05) + 1024;
            storage = builders.map((b) => {
              b.reserve(firstHalf + secondHalf); // untouched storage costs no memory
              return b.splitStorage(firstHalf);
            });
            const job: CsvRangeJob = {
              storage,
              file,
              from: split,
              to: size,
              header: tokenizer.knownHeader,
              textOnly: batch.textOnly.slice(),
              chunkSize,
            };
            ({ worker, result } = startRangeWorker(job));
          }
        },
      },
      { columns: options.columns },
      size,
    );
    tokenizer.endIsSplit = true;
    await feed(handle, tokenizer, 0, split, chunkSize);
    // A split inside a quoted field (not a record boundary), or no data record before it: one pass.
    const header = tokenizer.knownHeader;
    if (tokenizer.openQuoteAtEnd || !header || !result) return undefined;
    await rereadPrefixes(builders);
    const rest = await result;
    if (rest.error) {
      if (!rest.error.data) return undefined;
      // A malformed record in the second half: its line in the whole file.
      const p = rest.error.position ?? { file };
      const line = p.line === undefined ? undefined : p.line + tokenizer.nextLine - 1;
      const detail = rest.error.message;
      throw new DataFormatError({ file, line, column: p.column }, detail);
    }
    if (!rest.columns || rest.columns.length !== builders.length) return undefined;
    for (let c = 0; c < builders.length; c++) {
      const column = rest.columns[c];
      const shared = storage[c];
      if (column?.type === 'numeric' && rest.inPlace?.[c] && shared && builders[c].sharesMemory(shared)) {
        // The worker wrote its rows to our storage, after ours: move them down.
        builders[c].appendMoved(column.values.length, shared, column.syntax);
      } else if (!column || !builders[c].append(column)) {
        return undefined;
      }
    }
    return {
      file,
      rows: rows + (rest.rows ?? 0),
      header: header.names,
      columns: builders.map((b) => b.finish()),
    };
  } finally {
    if (worker) void worker.terminate();
    await handle.close();
  }
}

function startRangeWorker(job: CsvRangeJob): { worker: Worker | undefined; result: Promise<WorkerResult> } {
  let worker: Worker;
  try {
    worker = startWorker(CSV_WORKER, import.meta.url, { workerData: job });
  } catch {
    return { worker: undefined, result: Promise.resolve({ error: { message: 'no worker', data: false } }) };
  }
  const result = new Promise<WorkerResult>((resolve) => {
    worker.once('message', (m: WorkerResult) => resolve(m));
    worker.once('error', (e) => resolve({ error: { message: String(e), data: false } }));
    worker.once('exit', () => resolve({ error: { message: 'the worker exited', data: false } }));
  });
  return { worker, result };
}

/** The byte after the first line feed at or after the middle of the file; -1 if there is none nearby. */
async function splitPoint(handle: import('node:fs/promises').FileHandle, size: number): Promise<number> {
  const middle = Math.floor(size / 2);
  const window = new Uint8Array(Math.min(SPLIT_WINDOW, size - middle));
  const { bytesRead } = await handle.read(window, 0, window.length, middle);
  const lf = window.subarray(0, bytesRead).indexOf(0x0a);
  if (lf < 0 || middle + lf + 1 >= size) return -1;
  return middle + lf + 1;
}
