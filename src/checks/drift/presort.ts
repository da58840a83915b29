/**
 * Sorting the numeric columns of a drift comparison on several cores. Sorting is most of the drift
 * statistics' time (two radix sorts per numeric column; everything after is one merge and a few binary
 * searches), and the columns are independent, so they are shared out to worker threads, one per core. The workers run the source text of {@link sortFiniteFloat64} itself (it is self-contained),
 * so both sides compute exactly the same sorted arrays. Any failure of a worker (none can be started, one
 * dies) falls back to sorting on the main thread: the result never depends on the threads.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Table } from '../../data/table.js';
import { sortFiniteFloat64 } from '../../stats/metrics/sort.js';

export interface SortedFinite {
  sorted: Float64Array;
  nulls: number;
  infinite: number;
}

/** Below this many values in all (both files, every numeric column) one thread does it all. */
export const PARALLEL_MIN_VALUES = 1_000_000;
/** At most this many worker threads (one per core). */
const MAX_WORKERS = 4;

const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const sortFiniteFloat64 = ${sortFiniteFloat64.toString()};
parentPort.on('message', ({ index, values }) => {
  try {
    const r = sortFiniteFloat64(values);
    parentPort.postMessage({ index, sorted: r.sorted, nulls: r.nulls, infinite: r.infinite }, [r.sorted.buffer]);
  } catch (err) {
    parentPort.postMessage({ index, error: String(err && err.message || err) });
  }
});
`;

/**
 * {@link sortFiniteFloat64} of every array, in parallel when they are large enough and the machine has
 * more than one core. The workers get copies: the caller's arrays stay intact.
 */
export async function sortFiniteColumns(
  columns: readonly Float64Array[],
  threads = availableParallelism(),
): Promise<SortedFinite[]> {
  const results: (SortedFinite | undefined)[] = new Array(columns.length);
  const total = columns.reduce((a, c) => a + c.length, 0);
  const workerCount = Math.min(MAX_WORKERS, threads, columns.length);
  if (total < PARALLEL_MIN_VALUES || workerCount < 2) return columns.map((c) => sortFiniteFloat64(c));

  // Largest first, from one queue. The main thread only hands out work, so a worker that finishes a
  // column gets the next one at once.
  const order = columns.map((_, i) => i).sort((a, b) => columns[b].length - columns[a].length);
  let next = 0;
  const take = (): number => (next < order.length ? order[next++] : -1);

  const workers: Worker[] = [];
  const done: Promise<void>[] = [];
  for (let w = 0; w < workerCount; w++) {
    let worker: Worker;
    try {
      worker = new Worker(WORKER_SOURCE, { eval: true });
    } catch {
      break;
    }
    workers.push(worker);
    done.push(
      new Promise<void>((resolve) => {
        const send = () => {
          const index = take();
          if (index < 0) return resolve();
          // A copy of just this column's values (a clone of the view would copy its whole buffer).
          const values = columns[index].slice();
          worker.postMessage({ index, values }, [values.buffer]);
        };
        worker.on('message', (m: { index: number; error?: string } & Partial<SortedFinite>) => {
          if (m.error === undefined && m.sorted) {
            results[m.index] = { sorted: m.sorted, nulls: m.nulls as number, infinite: m.infinite as number };
          }
          send();
        });
        // A dead worker takes nothing more; whatever it had is sorted on the main thread below.
        worker.on('error', () => resolve());
        worker.on('exit', () => resolve());
        send();
      }),
    );
  }
  await Promise.all(done);
  await Promise.all(workers.map((w) => w.terminate()));
  return columns.map((c, i) => results[i] ?? sortFiniteFloat64(c));
}

/**
 * The numeric columns that {@link drift} will compare (numeric in both tables, not excluded), sorted with
 * {@link sortFiniteColumns}: pass the map to `drift()` as `presorted`.
 */
export async function presortDriftColumns(
  reference: Table,
  current: Table,
  exclude: readonly string[] = [],
): Promise<Map<Float64Array, SortedFinite>> {
  const skip = new Set(exclude);
  const cur = new Map(current.columns.map((c) => [c.name, c]));
  const arrays: Float64Array[] = [];
  for (const r of reference.columns) {
    const c = cur.get(r.name);
    if (!c || skip.has(r.name) || r.type !== 'numeric' || c.type !== 'numeric') continue;
    arrays.push(r.values, c.values);
  }
  const sorted = await sortFiniteColumns(arrays);
  return new Map(arrays.map((a, i) => [a, sorted[i]]));
}
