/**
 * Sorting many columns on several threads: the profile's numeric columns, the drift comparison's.
 * Sorting (and, for a profile, the one-pass scan: counts, exact sum, moments) is most of their time after
 * reading, and the columns are independent: this thread and up to {@link MAX_THREADS} − 1 worker threads
 * (sort-worker.ts, its own entry: `sort-worker.js` beside a bundle's index.js) claim columns from one
 * shared counter, so whichever is free takes the next — the columns of many distinct values first, the
 * cheap ones (counting sort) last. The workers run the same modules as this thread (sort-float64.ts,
 * numeric-scan.ts): the results are bit for bit those of one thread.
 *
 * Synchronous on purpose (a profile is a synchronous computation): the workers read the column values
 * from shared memory (`SharedArrayBuffer`; a column that is not on one is copied there first), post each
 * result on a message port and wake this thread through `Atomics.notify`; this thread takes results with
 * `receiveMessageOnPort`, without the event loop. Anything going wrong with a worker (it cannot start,
 * throws, or stops answering) falls back to sorting here: the result never depends on the threads.
 */
import { availableParallelism } from 'node:os';
import { MessageChannel, receiveMessageOnPort, type MessagePort, type Worker } from 'node:worker_threads';
import { startWorker } from '../threads/start-worker.js';
import { looksFewDistinct } from './sort-float64.js';
import {
  CLAIM,
  POSTED,
  type SortedColumn,
  type SortExtras,
  type SortMessage,
  type SortWorkerData,
} from './sort-protocol.js';

export type { SortedColumn, SortExtras } from './sort-protocol.js';

/** Below this many values in all, one thread does everything (starting a worker costs ~30 ms). */
export const PARALLEL_MIN_VALUES = 1_000_000;
/** At most this many threads in all (this one included). */
export const MAX_THREADS = 4;
/** Give up on the workers when none has delivered a result for this long (they may have died). */
const STALL_MS = 60_000;
/** The worker entry, bundled beside index.js (scripts/build.mjs). */
const SORT_WORKER = 'sort-worker.js';

export interface ParallelSortOptions {
  /** Per column, what a worker computes besides the sorted values; default: runs only. */
  extras?: readonly SortExtras[];
  /** Threads to use (default: available parallelism); 1 sorts everything on this thread. */
  threads?: number;
  /** Below this many values in all, sort on this thread (default {@link PARALLEL_MIN_VALUES}). */
  minValues?: number;
}

/**
 * Calls `use(j, sorted)` once for every column j of `columns` (in no particular order), with the finite
 * values of `columns[j]` ascending and what `options.extras[j]` asks for. `sortHere(j)` sorts column j
 * on this thread (its result may live in reused buffers: `use` must be done with it before returning).
 * Columns are shared with worker threads when there are enough values and more than one core.
 */
export function forEachSorted(
  columns: readonly Float64Array[],
  sortHere: (j: number) => SortedColumn,
  use: (j: number, sorted: SortedColumn) => void,
  options: ParallelSortOptions = {},
): void {
  const total = columns.reduce((a, c) => a + c.length, 0);
  const threads = Math.min(MAX_THREADS, options.threads ?? availableParallelism(), columns.length);
  if (threads < 2 || total < (options.minValues ?? PARALLEL_MIN_VALUES)) {
    for (let j = 0; j < columns.length; j++) use(j, sortHere(j));
    return;
  }
  // Columns of many distinct values first: the cheap ones (counting sort) fill in at the end, so that
  // the threads finish at about the same time.
  const light = columns.map((c) => looksFewDistinct(c));
  const order = columns.map((_, j) => j).sort((a, b) => Number(light[a]) - Number(light[b]) || a - b);
  const ctrl = new Int32Array(new SharedArrayBuffer(8));
  const shared = columns.map(onSharedMemory);
  const extras = columns.map((_, j) => options.extras?.[j] ?? { runs: true });
  const ports: MessagePort[] = [];
  const workers: Worker[] = [];
  for (let w = 0; w < threads - 1; w++) {
    const { port1, port2 } = new MessageChannel();
    const workerData: SortWorkerData = { columns: shared, order, extras, ctrl, port: port2 };
    try {
      const worker = startWorker(SORT_WORKER, import.meta.url, { workerData, transferList: [port2] });
      worker.unref();
      workers.push(worker);
      ports.push(port1);
    } catch {
      port1.close();
      port2.close();
      break;
    }
  }
  try {
    drive(order, ctrl, ports, sortHere, use);
  } finally {
    for (const port of ports) port.close();
    for (const worker of workers) void worker.terminate();
  }
}

function drive(
  order: readonly number[],
  ctrl: Int32Array,
  ports: readonly MessagePort[],
  sortHere: (j: number) => SortedColumn,
  use: (j: number, sorted: SortedColumn) => void,
): void {
  const k = order.length;
  const done = new Uint8Array(k);
  let received = 0;
  // Results the workers have posted are used as soon as this thread is between columns.
  const drain = (): void => {
    for (const port of ports) {
      for (let m = receiveMessageOnPort(port); m; m = receiveMessageOnPort(port)) {
        received++;
        const r = m.message as SortMessage;
        if (done[r.index]) continue;
        done[r.index] = 1;
        use(r.index, r.error === undefined && r.result ? r.result : sortHere(r.index));
      }
    }
  };
  for (let claim = Atomics.add(ctrl, CLAIM, 1); claim < k; claim = Atomics.add(ctrl, CLAIM, 1)) {
    const j = order[claim];
    done[j] = 1;
    use(j, sortHere(j));
    drain();
  }
  // Everything is claimed; wait for the workers' columns.
  let seen = received;
  let lastProgress = Date.now();
  for (;;) {
    drain();
    if (done.every((d) => d === 1)) return;
    if (received > seen) {
      seen = received;
      lastProgress = Date.now();
    } else if (Date.now() - lastProgress > STALL_MS) {
      break;
    }
    const posted = Atomics.load(ctrl, POSTED);
    // Wake up when a worker posts again (or shortly, if a posted result is not on a port yet).
    Atomics.wait(ctrl, POSTED, posted, posted > received ? 1 : 1000);
  }
  // The workers stopped answering: do their columns here (anything they post later is ignored).
  for (let j = 0; j < k; j++) {
    if (!done[j]) {
      done[j] = 1;
      use(j, sortHere(j));
    }
  }
}

/** `values` itself when it is on shared memory, else a copy that is. */
function onSharedMemory(values: Float64Array): Float64Array {
  if (values.buffer instanceof SharedArrayBuffer) return values;
  const copy = new Float64Array(new SharedArrayBuffer(values.byteLength));
  copy.set(values);
  return copy;
}
