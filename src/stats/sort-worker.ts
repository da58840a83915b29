/**
 * Worker-thread entry of the parallel sort (parallel-sort.ts): claims columns from the shared counter
 * until none is left, and posts each one's sorted values (and scan, runs, counts as asked) on its port.
 * It runs the very modules the main thread runs (sort-float64.ts, numeric-scan.ts), so the results are
 * bit for bit those of one thread. Bundled beside each bundle's index.js as `sort-worker.js`.
 */
import { workerData } from 'node:worker_threads';
import { scanNumeric } from './numeric-scan.js';
import { nonFiniteBesides, runsOf, sortedFinite } from './sort-float64.js';
import { CLAIM, POSTED, type SortedColumn, type SortWorkerData } from './sort-protocol.js';

const { columns, order, extras, ctrl, port } = workerData as SortWorkerData;
let scratch = new Float64Array(0);
for (;;) {
  const claim = Atomics.add(ctrl, CLAIM, 1);
  if (claim >= order.length) break;
  const index = order[claim];
  try {
    const values = columns[index];
    const want = extras[index];
    const result: SortedColumn = { sorted: new Float64Array(0) };
    const transfer: ArrayBuffer[] = [];
    let finite: number | undefined;
    if (want.scan) {
      result.scan = scanNumeric(values);
      finite = result.scan.count;
    }
    if (scratch.length < values.length) scratch = new Float64Array(values.length);
    result.sorted = sortedFinite(values, finite, undefined, scratch);
    transfer.push(result.sorted.buffer as ArrayBuffer);
    if (want.counts) Object.assign(result, nonFiniteBesides(values, result.sorted));
    if (want.runs) {
      // Runs into arrays as long as the values (the untouched rest costs no memory), in one pass.
      const n = result.sorted.length;
      result.runs = runsOf(result.sorted, new Float64Array(n), new Int32Array(n));
      transfer.push(result.runs.values.buffer as ArrayBuffer, result.runs.counts.buffer as ArrayBuffer);
    }
    port.postMessage({ index, result }, transfer);
  } catch (err) {
    port.postMessage({ index, error: String((err as Error)?.message ?? err) });
  }
  Atomics.add(ctrl, POSTED, 1);
  Atomics.notify(ctrl, POSTED);
}
port.close();
