import type { OptionSpec } from './options.js';

/** Options every check that reads predictions shares (metrics, gate), so they read and behave the same. */
export const LABEL_OPTION: OptionSpec = {
  type: 'string',
  required: true,
  description: 'column with the true labels (0/1) or targets',
  metavar: 'COLUMN',
};

export const TASK_OPTION: OptionSpec = {
  type: 'string',
  choices: ['binary', 'regression'],
  description: 'binary or regression (default: binary when every label is 0 or 1)',
};

export const THRESHOLD_OPTION: OptionSpec = {
  type: 'number',
  default: 0.5,
  min: 0,
  max: 1,
  description: 'decision threshold: class 1 iff score ≥ threshold',
};
