/**
 * Worker-thread entry of the parallel CSV reader (csv-parallel.ts): parses its range of the file
 * (csv-range.ts) and posts the columns, or the problem. Bundled beside each bundle's index.js as
 * `csv-worker.js` (scripts/build.mjs); started with threads/start-worker.ts.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { DataFormatError } from '../core/errors.js';
import { readCsvRange, type CsvRangeJob } from './csv-range.js';

try {
  parentPort!.postMessage(readCsvRange(workerData as CsvRangeJob));
} catch (err) {
  const data = err instanceof DataFormatError;
  parentPort!.postMessage({
    error: {
      message: data ? err.detail : String((err as Error)?.message ?? err),
      position: data ? err.position : undefined,
      data,
    },
  });
}
