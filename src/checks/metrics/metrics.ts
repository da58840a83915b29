import { InputError } from '../../core/errors.js';
import type { CheckOutcome, Finding } from '../../core/result.js';
import {
  isBinaryLabels,
  requireBinaryLabels,
  requireColumn,
  requireNumbers,
  requireProbabilities,
} from '../../data/require-column.js';
import type { Table } from '../../data/table.js';
import { binaryMetricSet, regressionMetricSet } from '../../stats/metrics/metric-sets.js';

export type Task = 'binary' | 'regression';

export interface MetricsInput {
  table: Table;
  label: string;
  score: string;
  /** Inferred from the labels when absent: all 0/1 -> binary, else regression. */
  task?: Task;
  threshold: number;
}

/** The names metrics writes, by task (the gate and the report rely on them). */
export const METRIC_NAMES: Record<Task, readonly string[]> = {
  binary: [
    'roc_auc',
    'log_loss',
    'accuracy',
    'precision',
    'recall',
    'f1',
    'tp',
    'fp',
    'tn',
    'fn',
    'average_precision',
    'brier',
    'ece',
  ],
  regression: ['rmse', 'mse', 'mae', 'r2', 'mean_error', 'mape'],
};

/**
 * Classification or regression metrics of one score column against the labels, as scikit-learn computes
 * them (docs/statistics.md §4–5). Input problems are InputErrors (exit 2); an undefined AUC is a finding.
 */
export function computeMetrics(input: MetricsInput): CheckOutcome {
  const { table } = input;
  if (table.rows === 0) throw new InputError(`${table.file}: no data rows; metrics need at least one row`);
  const labels = requireNumbers(table, requireColumn(table, input.label, 'label'), 'label');
  const scores = requireNumbers(table, requireColumn(table, input.score, 'score'), 'score');
  const task: Task = input.task ?? (isBinaryLabels(labels) ? 'binary' : 'regression');
  const findings: Finding[] = [];

  if (task === 'regression') {
    const m = regressionMetricSet(labels, scores);
    const metrics = pick(m, METRIC_NAMES.regression);
    return {
      status: 'pass',
      title: 'Metrics',
      summary: `regression on ${m.n} rows: RMSE ${fmt(m.rmse)}, MAE ${fmt(m.mae)}, R² ${fmt(m.r2)}`,
      metrics,
      findings,
      details: {
        task,
        rows: m.n,
        label: input.label,
        score: input.score,
        inferred_task: input.task === undefined,
      },
    };
  }

  requireBinaryLabels(table, input.label, labels);
  requireProbabilities(table, input.score, scores);
  const m = binaryMetricSet(labels, scores, input.threshold);
  if (m.roc_auc === null) {
    findings.push({
      id: 'metrics/auc-undefined',
      severity: 'warning',
      message: `ROC AUC is undefined: the labels contain only class ${m.n_pos > 0 ? 1 : 0} (${m.n} rows)`,
      subject: 'roc_auc',
    });
  }
  const metrics = pick(m, METRIC_NAMES.binary);

  return {
    status: findings.length ? 'warn' : 'pass',
    title: 'Metrics',
    summary: `binary on ${m.n} rows (${m.n_pos} positive): AUC ${fmt(m.roc_auc)}, log loss ${fmt(m.log_loss)}, F1 ${fmt(m.f1)} at threshold ${input.threshold}`,
    metrics,
    findings,
    details: {
      task,
      rows: m.n,
      n_pos: m.n_pos,
      n_neg: m.n_neg,
      threshold: input.threshold,
      label: input.label,
      score: input.score,
      inferred_task: input.task === undefined,
    },
  };
}

/** The named metrics, in the documented order (the result's `metrics` keeps it). */
function pick(m: object, names: readonly string[]): Record<string, number | null> {
  const values = m as Record<string, number | null>;
  return Object.fromEntries(names.map((k) => [k, values[k] ?? null]));
}

/** Four significant digits for summaries; the result keeps full precision. */
export function fmt(x: number | null): string {
  if (x === null || Number.isNaN(x)) return 'n/a';
  return Number.isInteger(x) ? String(x) : x.toPrecision(4).replace(/\.?0+$/, '');
}
