/**
 * What the main thread and the sort workers (parallel-sort.ts, sort-worker.ts) exchange: columns on
 * shared memory, a shared counter from which every thread claims the next column, and one message per
 * column sorted by a worker.
 */
import type { NumericScan } from './numeric-scan.js';

/** ctrl[CLAIM]: next index into `order` to take; ctrl[POSTED]: results the workers have posted. */
export const CLAIM = 0;
export const POSTED = 1;

/** What to compute for a column besides its sorted finite values. */
export interface SortExtras {
  /** The numeric scan (numeric-scan.ts): counts, min, max, exact sum, moments. */
  scan?: boolean;
  /** The runs of the sorted values (sort-float64.ts `runsOf`). */
  runs?: boolean;
  /** The numbers of nulls and ±∞ (sort-float64.ts `countNonFinite`). */
  counts?: boolean;
}

export interface SortWorkerData {
  /** The columns, on shared memory. */
  columns: Float64Array[];
  /** Column indices in the order they are claimed. */
  order: number[];
  extras: SortExtras[];
  /** Int32Array of 2 on a SharedArrayBuffer: CLAIM and POSTED. */
  ctrl: Int32Array;
  /** Where the worker posts its results (a port of its own). */
  port: import('node:worker_threads').MessagePort;
}

/** The result for one column, as posted (or computed on the main thread). */
export interface SortedColumn {
  /** The finite values, ascending. */
  sorted: Float64Array;
  runs?: { values: Float64Array; counts: Int32Array };
  scan?: NumericScan;
  nulls?: number;
  infinite?: number;
}

export interface SortMessage {
  index: number;
  error?: string;
  result?: SortedColumn;
}
