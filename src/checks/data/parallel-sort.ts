/**
 * Sorting the numeric columns of a profile on two threads. Sorting (and the one-pass scan: counts, exact
 * sum, moments) is most of a profile's time after reading, and the columns are independent: this thread
 * and one worker thread take columns from a shared counter, so whichever is free takes the next — the
 * columns of many distinct values first, the cheap ones last. The worker runs the source text of
 * {@link sortKernel}, {@link numericScanKernel} and its dependencies (all self-contained), so both threads
 * compute exactly the same scans, sorted arrays and runs: the results are bit for bit those of one thread.
 *
 * Synchronous on purpose (a profile is a synchronous computation): the worker reads the column values
 * from shared memory (`SharedArrayBuffer`; a column that is not on one is copied there first), posts each
 * result on a message port and wakes this thread through `Atomics.notify`; this thread takes results with
 * `receiveMessageOnPort`, without the event loop. Anything going wrong with the worker (it cannot start,
 * throws, or stops answering) falls back to sorting here: the result never depends on the threads.
 */
import { availableParallelism } from 'node:os';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { exactSumKernel } from '../../stats/sketches/exact-sum.js';
import { momentsOfFinite } from '../../stats/sketches/moments.js';
import { numericScanKernel, type NumericScan } from './column-summary.js';
import { looksFewDistinct, sortKernel } from './sort-float64.js';

/** Below this many values in all, one thread does everything (starting a worker costs ~30 ms). */
export const PARALLEL_MIN_VALUES = 1_000_000;
/** Give up on the worker when it has not delivered a result for this long (it may have died). */
const STALL_MS = 60_000;

/** ctrl[CLAIM]: next column index to take; ctrl[POSTED]: results the worker has posted. */
const CLAIM = 0;
const POSTED = 1;

const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
const ExactSum = (${exactSumKernel.toString()})();
const momentsOfFinite = (${momentsOfFinite.toString()});
const scanNumeric = (${numericScanKernel.toString()})(ExactSum, momentsOfFinite);
const kernel = (${sortKernel.toString()})();
const { columns, order, scan: needScan, ctrl, port } = workerData;
let scratch = new Float64Array(0);
for (;;) {
  const claim = Atomics.add(ctrl, ${CLAIM}, 1);
  if (claim >= columns.length) break;
  const index = order[claim];
  try {
    const values = columns[index];
    const scan = needScan[index] ? scanNumeric(values) : undefined;
    if (scratch.length < values.length) scratch = new Float64Array(values.length);
    const sorted = kernel.sortedFinite(values, scan && scan.count, undefined, scratch);
    // Runs into arrays as long as the values (the untouched rest costs no memory), in one pass.
    const runs = kernel.runsOf(sorted, new Float64Array(sorted.length), new Int32Array(sorted.length));
    port.postMessage(
      { index, scan, sorted, runValues: runs.values, runCounts: runs.counts },
      [sorted.buffer, runs.values.buffer, runs.counts.buffer],
    );
  } catch (err) {
    port.postMessage({ index, error: String((err && err.message) || err) });
  }
  Atomics.add(ctrl, ${POSTED}, 1);
  Atomics.notify(ctrl, ${POSTED});
}
port.close();
`;

export interface SortedRuns {
  sorted: Float64Array;
  runs: { values: Float64Array; counts: Int32Array };
  /** The column's scan, when the worker made it (see ParallelSortOptions.scan). */
  scan?: NumericScan;
}

interface WorkerResult {
  index: number;
  error?: string;
  scan?: NumericScan;
  sorted?: Float64Array;
  runValues?: Float64Array;
  runCounts?: Int32Array;
}

export interface ParallelSortOptions {
  /** Per column: the worker also scans it (numericScanKernel) when it takes it; default: none. */
  scan?: readonly boolean[];
  /** Threads to use (default: available parallelism); 1 sorts everything on this thread. */
  threads?: number;
  /** Below this many values in all, sort on this thread (default {@link PARALLEL_MIN_VALUES}). */
  minValues?: number;
}

/**
 * Calls `use(j, sorted, runs)` once for every column j of `columns` (in no particular order), with the
 * finite values of `columns[j]` ascending and their runs. `sortHere(j)` sorts column j on this thread
 * (its result may live in reused buffers: `use` must be done with it before returning). Columns are
 * shared with one worker thread when there are enough values and more than one core.
 */
export function forEachSorted(
  columns: readonly Float64Array[],
  sortHere: (j: number) => SortedRuns,
  use: (j: number, sorted: SortedRuns) => void,
  options: ParallelSortOptions = {},
): void {
  const total = columns.reduce((a, c) => a + c.length, 0);
  const threads = options.threads ?? availableParallelism();
  if (columns.length < 2 || threads < 2 || total < (options.minValues ?? PARALLEL_MIN_VALUES)) {
    for (let j = 0; j < columns.length; j++) use(j, sortHere(j));
    return;
  }
  // Columns of many distinct values first: the cheap ones (counting sort) fill in at the end, so that
  // both threads finish at about the same time.
  const light = columns.map((c) => looksFewDistinct(c));
  const order = columns.map((_, j) => j).sort((a, b) => Number(light[a]) - Number(light[b]) || a - b);
  const ctrl = new Int32Array(new SharedArrayBuffer(8));
  const { port1, port2 } = new MessageChannel();
  let worker: Worker | undefined;
  try {
    worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: {
        columns: columns.map(shared),
        order,
        scan: columns.map((_, j) => options.scan?.[j] === true),
        ctrl,
        port: port2,
      },
      transferList: [port2],
    });
    worker.unref();
  } catch {
    port1.close();
    for (let j = 0; j < columns.length; j++) use(j, sortHere(j));
    return;
  }
  try {
    drive(order, ctrl, port1, sortHere, use);
  } finally {
    port1.close();
    void worker.terminate();
  }
}

function drive(
  order: readonly number[],
  ctrl: Int32Array,
  port: MessagePort,
  sortHere: (j: number) => SortedRuns,
  use: (j: number, sorted: SortedRuns) => void,
): void {
  const k = order.length;
  const done = new Uint8Array(k);
  let received = 0;
  // Results the worker has posted are used as soon as this thread is between columns.
  const drain = (): void => {
    for (let m = receiveMessageOnPort(port); m; m = receiveMessageOnPort(port)) {
      received++;
      const r = m.message as WorkerResult;
      if (done[r.index]) continue;
      done[r.index] = 1;
      if (r.error !== undefined || !r.sorted || !r.runValues || !r.runCounts) use(r.index, sortHere(r.index));
      else
        use(r.index, { sorted: r.sorted, runs: { values: r.runValues, counts: r.runCounts }, scan: r.scan });
    }
  };
  for (let claim = Atomics.add(ctrl, CLAIM, 1); claim < k; claim = Atomics.add(ctrl, CLAIM, 1)) {
    const j = order[claim];
    done[j] = 1;
    use(j, sortHere(j));
    drain();
  }
  // Everything is claimed; wait for the worker's columns.
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
    // Wake up when the worker posts again (or shortly, if a posted result is not on the port yet).
    Atomics.wait(ctrl, POSTED, posted, posted > received ? 1 : 1000);
  }
  // The worker stopped answering: do its columns here (anything it posts later is ignored).
  for (let j = 0; j < k; j++) {
    if (!done[j]) {
      done[j] = 1;
      use(j, sortHere(j));
    }
  }
}

/** `values` itself when it is on shared memory, else a copy that is. */
function shared(values: Float64Array): Float64Array {
  if (values.buffer instanceof SharedArrayBuffer) return values;
  const copy = new Float64Array(new SharedArrayBuffer(values.byteLength));
  copy.set(values);
  return copy;
}
