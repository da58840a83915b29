import { InputError } from '../core/errors.js';
import type { Column, Table } from './table.js';

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

/** Labels must be 0 or 1 (binary classification); InputError names the first other value and its row. */
export function requireBinaryLabels(table: Table, column: string, labels: Float64Array): void {
  for (let i = 0; i < labels.length; i++) {
    if (labels[i] !== 0 && labels[i] !== 1) {
      throw new InputError(
        `${table.file}: label column "${column}" has ${labels[i]} at data row ${i + 1}; binary labels must be 0 or 1`,
      );
    }
  }
}

/** Scores must be probabilities in [0, 1] (log loss needs them); InputError names the first other value. */
export function requireProbabilities(table: Table, column: string, scores: Float64Array): void {
  for (let i = 0; i < scores.length; i++) {
    if (scores[i] < 0 || scores[i] > 1) {
      throw new InputError(
        `${table.file}: score column "${column}" has ${scores[i]} at data row ${i + 1}; binary scores are probabilities in [0, 1]`,
      );
    }
  }
}

/** Every value is 0 or 1: the labels of a binary task (used to infer the task when none is given). */
export function isBinaryLabels(labels: Float64Array): boolean {
  for (let i = 0; i < labels.length; i++) if (labels[i] !== 0 && labels[i] !== 1) return false;
  return true;
}
