/**
 * Sorting the numeric columns of a drift comparison before the statistics, on several cores. Sorting is
 * most of the drift statistics' time (two sorts per numeric column; everything after is one merge and a
 * few binary searches) and the columns are independent: stats/parallel-sort.ts shares them out to worker
 * threads, which sort with the same code as this thread, so the result never depends on the threads.
 */
import type { Table } from '../../data/table.js';
import { forEachSorted } from '../../stats/parallel-sort.js';
import { sortFinite, type SortedFinite } from '../../stats/sort-float64.js';

export type { SortedFinite } from '../../stats/sort-float64.js';
export { PARALLEL_MIN_VALUES } from '../../stats/parallel-sort.js';

/**
 * {@link sortFinite} of every array, on several threads when they are large enough and the machine has
 * more than one core. The caller's arrays stay intact.
 */
export function sortFiniteColumns(columns: readonly Float64Array[], threads?: number): SortedFinite[] {
  const results: SortedFinite[] = new Array(columns.length);
  forEachSorted(
    columns,
    (j) => sortFinite(columns[j]),
    (j, { sorted, nulls, infinite }) => {
      results[j] = { sorted, nulls: nulls!, infinite: infinite! };
    },
    { threads, extras: columns.map(() => ({ counts: true })) },
  );
  return results;
}

/**
 * The numeric columns that `drift()` will compare (numeric in both tables, not excluded), sorted with
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
  const sorted = sortFiniteColumns(arrays);
  return new Map(arrays.map((a, i) => [a, sorted[i]]));
}
