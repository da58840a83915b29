/**
 * Aggregates on a `bool` column (CSV True/False, JSON Lines booleans), as pandas computes them: the values
 * are 1 and 0, so the mean is the share of true, the sum the count of true, and the median and standard
 * deviation follow; min and max are booleans (GX reports `false`/`true`), and so are quantiles by
 * `nearest`/`lower`/`higher` (pandas refuses `linear` and `midpoint` on booleans: the expectation raises).
 */
import type { CategoricalColumn, Column, NumericColumn, Table } from '../../data/table.js';
import { columnDtype } from './column-dtype.js';
import type { PreparedExpectation } from './expectation-catalog.js';
import type { ExpectationResult } from './expectation-result.js';

const AGGREGATES = new Set<string>([
  'expect_column_mean_to_be_between',
  'expect_column_median_to_be_between',
  'expect_column_stdev_to_be_between',
  'expect_column_min_to_be_between',
  'expect_column_max_to_be_between',
  'expect_column_sum_to_be_between',
  'expect_column_quantile_values_to_be_between',
]);

const cache = new WeakMap<CategoricalColumn, NumericColumn>();

/** The column's values as 1 (true) and 0 (false), NaN for nulls. */
export function boolValues(column: CategoricalColumn): NumericColumn {
  let numeric = cache.get(column);
  if (!numeric) {
    const truth = column.dictionary.map((s) => (s.toLowerCase() === 'true' ? 1 : 0));
    const values = Float64Array.from(column.codes, (c) => (c < 0 ? NaN : truth[c]));
    numeric = { name: column.name, type: 'numeric', values };
    cache.set(column, numeric);
  }
  return numeric;
}

/**
 * The result of an aggregate expectation on a bool column, computed by `evaluate` on its 1/0 values;
 * undefined for other expectations and columns.
 */
export function evaluateBoolAggregate(
  e: PreparedExpectation,
  column: Column,
  table: Table,
  evaluate: (e: PreparedExpectation, table: Table) => ExpectationResult,
): ExpectationResult | undefined {
  if (!AGGREGATES.has(e.type) || column.type !== 'categorical' || columnDtype(column) !== 'bool')
    return undefined;
  if (
    e.type === 'expect_column_quantile_values_to_be_between' &&
    !['nearest', 'lower', 'higher'].includes(e.interpolation)
  )
    throw new RangeError(
      `quantiles of the bool column "${column.name}" need interpolation nearest, lower or higher (pandas cannot interpolate booleans linearly)`,
    );
  const numeric = boolValues(column);
  const result = evaluate(e, { ...table, columns: table.columns.map((c) => (c === column ? numeric : c)) });
  const asBool = (v: unknown) => (typeof v === 'number' && !Number.isNaN(v) ? v !== 0 : v);
  if (e.type === 'expect_column_min_to_be_between' || e.type === 'expect_column_max_to_be_between')
    result.observed_value = asBool(result.observed_value) as ExpectationResult['observed_value'];
  if (e.type === 'expect_column_quantile_values_to_be_between') {
    const obs = result.observed_value as { quantiles: number[]; values: unknown[] };
    result.observed_value = { ...obs, values: obs.values.map(asBool) } as ExpectationResult['observed_value'];
  }
  return result;
}
