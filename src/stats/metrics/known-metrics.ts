/** What model-ci knows about a metric name: its task, direction and range (for gate rules and reports). */
export interface MetricInfo {
  name: string;
  task: 'binary' | 'multiclass' | 'regression';
  greater_is_better: boolean;
  /** Smallest and largest possible value (±Infinity when unbounded). */
  min: number;
  max: number;
  description: string;
}

const info = (
  name: string,
  task: MetricInfo['task'],
  greater: boolean,
  min: number,
  max: number,
  description: string,
): MetricInfo => ({ name, task, greater_is_better: greater, min, max, description });

/**
 * Every metric the `metrics` check computes and the gate can compare, with its direction
 * (`greater_is_better`) and range. Counts (n, tp, …) are reported but not gateable, so they are not here.
 */
export const KNOWN_METRICS: readonly MetricInfo[] = [
  info('roc_auc', 'binary', true, 0, 1, 'area under the ROC curve'),
  info('average_precision', 'binary', true, 0, 1, 'average precision (step-wise PR-AUC)'),
  info('log_loss', 'binary', false, 0, Infinity, 'log loss (cross-entropy)'),
  info('brier', 'binary', false, 0, 1, 'Brier score'),
  info('ece', 'binary', false, 0, 1, 'expected calibration error, 10 bins'),
  info('accuracy', 'binary', true, 0, 1, 'accuracy at the threshold'),
  info('precision', 'binary', true, 0, 1, 'precision at the threshold'),
  info('recall', 'binary', true, 0, 1, 'recall at the threshold'),
  info('f1', 'binary', true, 0, 1, 'F1 at the threshold'),
  info('precision_macro', 'multiclass', true, 0, 1, 'macro-averaged precision'),
  info('recall_macro', 'multiclass', true, 0, 1, 'macro-averaged recall'),
  info('f1_macro', 'multiclass', true, 0, 1, 'macro-averaged F1'),
  info('f1_weighted', 'multiclass', true, 0, 1, 'support-weighted F1'),
  info('roc_auc_ovr_macro', 'multiclass', true, 0, 1, 'one-vs-rest ROC AUC, macro average'),
  info('roc_auc_ovr_weighted', 'multiclass', true, 0, 1, 'one-vs-rest ROC AUC, prevalence-weighted'),
  info('mse', 'regression', false, 0, Infinity, 'mean squared error'),
  info('rmse', 'regression', false, 0, Infinity, 'root mean squared error'),
  info('mae', 'regression', false, 0, Infinity, 'mean absolute error'),
  info('mape', 'regression', false, 0, Infinity, 'mean absolute percentage error (a fraction)'),
  info('r2', 'regression', true, -Infinity, 1, 'coefficient of determination'),
  info('mean_error', 'regression', false, -Infinity, Infinity, 'mean of y − ŷ (bias)'),
];

/** Counts reported beside the metrics (n, confusion cells, classes): never gated, not compared. */
export const COUNT_METRICS: ReadonlySet<string> = new Set([
  'n',
  'n_pos',
  'n_neg',
  'tp',
  'fp',
  'tn',
  'fn',
  'k',
]);

/** {@link KNOWN_METRICS} by name. (`accuracy` and `log_loss` also apply to multiclass tasks.) */
export const METRIC_INFO: ReadonlyMap<string, MetricInfo> = new Map(KNOWN_METRICS.map((m) => [m.name, m]));

/** The gateable metric names, for "did you mean" suggestions. */
export const KNOWN_METRIC_NAMES: readonly string[] = KNOWN_METRICS.map((m) => m.name);

const LOWER_IS_BETTER = /(^|_)(loss|error|mse|rmse|mae|brier|ece|mce|mape)($|_)/i;

/**
 * Default direction of a metric: the known value for a known name; otherwise false when the name
 * contains a token loss/error/mse/rmse/mae/brier/ece/mce/mape (`val_loss`, `error_rate`), else true.
 * @example defaultGreaterIsBetter('val_loss') // false
 */
export function defaultGreaterIsBetter(name: string): boolean {
  const known = METRIC_INFO.get(name);
  if (known) return known.greater_is_better;
  return !LOWER_IS_BETTER.test(name);
}
