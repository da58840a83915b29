import { InputError } from '../../core/errors.js';
import type { CheckOutcome, Finding } from '../../core/result.js';
import type { Column, Table } from '../../data/table.js';
import { binaryMetrics } from '../../stats/metrics/binary-metrics.js';
import { regressionMetrics } from '../../stats/metrics/regression-metrics.js';

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
  binary: ['roc_auc', 'log_loss', 'accuracy', 'precision', 'recall', 'f1', 'tp', 'fp', 'tn', 'fn'],
  regression: ['rmse', 'mse', 'mae', 'r2', 'mean_error'],
};

/** Find a column or throw naming the file, the role and the columns that exist. */
export function requireColumn(table: Table, name: string, role: string): Column {
  const col = table.columns.find((c) => c.name === name);
  if (!col) {
    throw new InputError(
      `${table.file}: no ${role} column "${name}"; the columns are: ${table.header.join(', ')}`,
    );
  }
  return col;
}

/** Numeric values of a column with no nulls, or InputError naming file, column and the first bad row. */
export function requireNumbers(table: Table, col: Column, role: string): Float64Array {
  if (col.type !== 'numeric') {
    const sample = col.dictionary.find((v) => !/^\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*$/.test(v));
    throw new InputError(
      `${table.file}: ${role} column "${col.name}" must be numeric, but it has non-numeric values such as "${sample ?? col.dictionary[0]}"`,
    );
  }
  const v = col.values;
  for (let i = 0; i < v.length; i++) {
    if (Number.isNaN(v[i])) {
      throw new InputError(
        `${table.file}: ${role} column "${col.name}" is empty or NaN at data row ${i + 1}; every row needs a value`,
      );
    }
    if (!Number.isFinite(v[i])) {
      throw new InputError(
        `${table.file}: ${role} column "${col.name}" is ${v[i]} at data row ${i + 1}; expected a finite number`,
      );
    }
  }
  return v;
}

function isBinary(v: Float64Array): boolean {
  for (let i = 0; i < v.length; i++) if (v[i] !== 0 && v[i] !== 1) return false;
  return true;
}

/**
 * Classification or regression metrics of one score column against the labels, as scikit-learn computes
 * them (STATISTICS.md §4–5). Input problems are InputErrors (exit 2); an undefined AUC is a finding.
 */
export function computeMetrics(input: MetricsInput): CheckOutcome {
  const { table } = input;
  if (table.rows === 0) throw new InputError(`${table.file}: no data rows; metrics need at least one row`);
  const labels = requireNumbers(table, requireColumn(table, input.label, 'label'), 'label');
  const scores = requireNumbers(table, requireColumn(table, input.score, 'score'), 'score');
  const task: Task = input.task ?? (isBinary(labels) ? 'binary' : 'regression');
  const findings: Finding[] = [];

  if (task === 'regression') {
    const m = regressionMetrics(labels, scores);
    const metrics = { rmse: m.rmse, mse: m.mse, mae: m.mae, r2: m.r2, mean_error: m.mean_error };
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

  for (let i = 0; i < labels.length; i++) {
    if (labels[i] !== 0 && labels[i] !== 1) {
      throw new InputError(
        `${table.file}: label column "${input.label}" has ${labels[i]} at data row ${i + 1}; binary labels must be 0 or 1`,
      );
    }
  }
  for (let i = 0; i < scores.length; i++) {
    if (scores[i] < 0 || scores[i] > 1) {
      throw new InputError(
        `${table.file}: score column "${input.score}" has ${scores[i]} at data row ${i + 1}; binary scores are probabilities in [0, 1]`,
      );
    }
  }
  const m = binaryMetrics(labels, scores, input.threshold);
  if (m.roc_auc === null) {
    findings.push({
      id: 'metrics/auc-undefined',
      severity: 'warning',
      message: `ROC AUC is undefined: the labels contain only class ${m.n_pos > 0 ? 1 : 0} (${m.n} rows)`,
      subject: 'roc_auc',
    });
  }
  const metrics = {
    roc_auc: m.roc_auc,
    log_loss: m.log_loss,
    accuracy: m.accuracy,
    precision: m.precision,
    recall: m.recall,
    f1: m.f1,
    tp: m.tp,
    fp: m.fp,
    tn: m.tn,
    fn: m.fn,
  };
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

/** Four significant digits for summaries; the result keeps full precision. */
export function fmt(x: number | null): string {
  if (x === null || Number.isNaN(x)) return 'n/a';
  return Number.isInteger(x) ? String(x) : x.toPrecision(4).replace(/\.?0+$/, '');
}
