/**
 * The typed-column model every reader (CSV, JSON Lines, Parquet) produces and every check consumes.
 * Typing follows docs/statistics.md §1: a column is numeric iff every non-null cell is a numeric token
 * (a column with no non-null cell is numeric); otherwise categorical.
 */
import type { Progress } from '../core/progress.js';
import type { HttpOptions } from './http-request.js';

export interface NumericColumn {
  name: string;
  type: 'numeric';
  /** One value per data row; NaN marks a null cell, ±Infinity are real values. */
  values: Float64Array;
  /**
   * How the source wrote the numbers (number-syntax.ts flags: a decimal point or exponent, integers beyond
   * int64…), from which the dtype pandas would read follows. Absent when the source keeps no such text
   * (JSON Lines, whose numbers pandas types by value): the dtype is then decided by the values.
   */
  syntax?: number;
}

export interface CategoricalColumn {
  name: string;
  type: 'categorical';
  /** Dictionary encoding: codes[i] indexes `dictionary`, -1 marks a null cell. */
  codes: Int32Array;
  /** Distinct raw (un-trimmed) cell strings in order of first appearance. */
  dictionary: string[];
  /**
   * The pandas dtype when the reader knows it from typed values (JSON Lines: JSON booleans are `bool`,
   * the string "true" is not). Absent for text sources (CSV), whose dtype follows the cell text.
   */
  textDtype?: 'bool' | 'object';
}

export type Column = NumericColumn | CategoricalColumn;

export interface Table {
  /** The path the table was read from (for messages). */
  file: string;
  /** Number of data rows (header excluded). */
  rows: number;
  /** Every column name in the file, in file order, whether or not it was read. */
  header: string[];
  /** The columns that were read, in file order. */
  columns: Column[];
}

export type DataFormat = 'csv' | 'jsonl' | 'parquet';

export interface ReadOptions {
  /** Read only these columns (others are skipped cheaply). Unknown names are an InputError listing the columns. */
  columns?: readonly string[];
  /** Default: from the file extension (.csv, .jsonl/.ndjson, .parquet; anything else is read as csv). */
  format?: DataFormat;
  /** Reports bytes and rows read (CSV) to this progress, e.g. `logger.progress?.('reading x.csv')`. */
  progress?: Progress;
  /** For an http(s) URL: retries, timeouts, extra CA certificates (http-request.ts). */
  http?: HttpOptions;
  /** For an http(s) URL: called after the read with the bytes fetched and the file's size. */
  onFetched?: (fetched: { bytes: number; size: number | undefined; requests: number }) => void;
}
