/** Model metrics (scikit-learn 1.2 definitions), resampling, bootstrap intervals and DeLong's test. */
export {
  binaryMetrics,
  confusion,
  logLoss,
  rocAuc,
  thresholdMetrics,
  type BinaryMetrics,
  type Confusion,
} from './binary-metrics.js';
export { regressionMetrics, type RegressionMetrics } from './regression-metrics.js';
export { multiclassMetrics, type ClassMetrics, type MulticlassMetrics } from './multiclass-metrics.js';
export { averagePrecision } from './average-precision.js';
export { brierScore } from './brier.js';
export {
  calibration,
  calibrationBinOf,
  expectedCalibrationError,
  ECE_BINS,
  type Calibration,
  type CalibrationBin,
} from './calibration.js';
export { mape } from './mape.js';
export {
  binaryMetricSet,
  multiclassMetricSet,
  regressionMetricSet,
  toRecord,
  type BinaryMetricSet,
  type MetricRecord,
  type RegressionMetricSet,
} from './metric-sets.js';
export {
  binarySliceMetrics,
  DEFAULT_MIN_SLICE_ROWS,
  gather,
  regressionSliceMetrics,
  sliceMetrics,
  type SliceFlag,
  type SliceOptions,
  type SliceResult,
} from './slices.js';
export {
  COUNT_METRICS,
  defaultGreaterIsBetter,
  KNOWN_METRIC_NAMES,
  KNOWN_METRICS,
  METRIC_INFO,
  type MetricInfo,
} from './known-metrics.js';
export {
  bootstrapDelta,
  bootstrapDeltas,
  bootstrapDistributions,
  DEFAULT_CONFIDENCE,
  DEFAULT_RESAMPLES,
  DEFAULT_SEED,
  bootstrapWeightedDelta,
  percentileInterval,
  resampleCounts,
  type BootstrapInterval,
  type BootstrapOptions,
  type MetricFunction,
} from './bootstrap.js';
export {
  BINARY_RESAMPLED,
  binaryResamplers,
  REGRESSION_RESAMPLED,
  regressionResamplers,
  weightedAuc,
  weightedAveragePrecision,
  weightedMean,
  type WeightedStatistic,
} from './resampling.js';
export { delongTest, type DelongResult } from './delong.js';
export { createRng, type Rng } from './random.js';
export { erf, erfc, normalCdf, normalPdf, normalQuantile, normalSf } from './normal.js';
export { argsortFloat64, sortFloat64 } from '../sort-float64.js';
