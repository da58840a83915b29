import { resolve } from 'node:path';
import { LABEL_OPTION, TASK_OPTION, THRESHOLD_OPTION } from '../../core/prediction-options.js';
import { runCheck } from '../../core/run-check.js';
import type { StepDefinition } from '../../core/step.js';
import { readTable } from '../../data/read-table.js';
import { computeMetrics, type Task } from './metrics.js';
import { metricsPresenter } from './present.js';

export interface MetricsOptions {
  data: string;
  label: string;
  score: string;
  task?: Task;
  threshold: number;
}

export const metricsStep: StepDefinition<MetricsOptions> = {
  check: 'metrics',
  title: 'Metrics',
  summary: 'Classification or regression metrics of a predictions file, computed as scikit-learn does',
  examples: [
    'model-ci metrics --data preds.csv --label churned --score p_churn --out metrics.json',
    'model-ci metrics --data preds.csv --label price --score predicted_price --task regression',
  ],
  options: {
    data: {
      type: 'path',
      required: true,
      description: 'predictions file (CSV, JSON Lines or Parquet)',
      metavar: 'FILE',
    },
    label: LABEL_OPTION,
    score: {
      type: 'string',
      required: true,
      description: 'column with the predicted probability of class 1, or the prediction',
      metavar: 'COLUMN',
    },
    task: TASK_OPTION,
    threshold: THRESHOLD_OPTION,
  },
  markdown: metricsPresenter.markdown,
  async execute(options, ctx) {
    const file = resolve(ctx.baseDir, options.data);
    const inputs = {
      data: options.data,
      label: options.label,
      score: options.score,
      task: options.task ?? null,
      threshold: options.threshold,
    };
    return runCheck(
      'metrics',
      inputs,
      async () => {
        const table = await readTable(file, {
          columns: [options.label, options.score],
          progress: ctx.logger.progress?.(`reading ${options.data}`),
        });
        return computeMetrics({
          table: { ...table, file: options.data },
          label: options.label,
          score: options.score,
          task: options.task,
          threshold: options.threshold,
        });
      },
      ctx.clock,
    );
  },
};
