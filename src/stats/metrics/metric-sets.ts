import { averagePrecision } from './average-precision.js';
import { binaryMetrics, type BinaryMetrics } from './binary-metrics.js';
import { brierScore } from './brier.js';
import { expectedCalibrationError } from './calibration.js';
import { mape } from './mape.js';
import { multiclassMetrics } from './multiclass-metrics.js';
import { regressionMetrics, type RegressionMetrics } from './regression-metrics.js';

/** A flat record of metric values by name (NaN/undefined as null), as the gate consumes them. */
export type MetricRecord = Record<string, number | null>;

export type BinaryMetricSet = BinaryMetrics & {
  average_precision: number | null;
  brier: number;
  ece: number;
};
export type RegressionMetricSet = RegressionMetrics & { mape: number };

/**
 * Every binary metric model-ci knows: {@link binaryMetrics} plus average precision, Brier score and ECE.
 * O(n). Inputs pre-validated (labels 0/1, scores finite; Brier and ECE assume scores in [0, 1]).
 */
export function binaryMetricSet(
  labels: Float64Array,
  scores: Float64Array,
  threshold = 0.5,
): BinaryMetricSet {
  return {
    ...binaryMetrics(labels, scores, threshold),
    average_precision: averagePrecision(labels, scores),
    brier: brierScore(labels, scores),
    ece: expectedCalibrationError(labels, scores),
  };
}

/** Every regression metric: {@link regressionMetrics} plus MAPE. O(n). */
export function regressionMetricSet(y: Float64Array, yhat: Float64Array): RegressionMetricSet {
  return { ...regressionMetrics(y, yhat), mape: mape(y, yhat) };
}

/** The scalar multiclass metrics (per-class figures dropped) as a record. O(n·k). */
export function multiclassMetricSet(
  labels: ArrayLike<number>,
  probs: ArrayLike<number>,
  k: number,
): MetricRecord {
  const { per_class: _perClass, ...scalars } = multiclassMetrics(labels, probs, k);
  return toRecord(scalars);
}

/** Plain numbers only, NaN → null. */
export function toRecord(values: object): MetricRecord {
  const out: MetricRecord = {};
  for (const [key, v] of Object.entries(values)) {
    if (typeof v === 'number') out[key] = Number.isNaN(v) ? null : v;
    else if (v === null) out[key] = null;
  }
  return out;
}
