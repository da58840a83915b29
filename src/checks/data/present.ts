/**
 * How data results are shown: the expectation suite's results (failing expectations first, with examples
 * of unexpected values and their rows) and the column table of a profile (`data profile`, `data merge`).
 * Key figures: failed expectations (with which ones, so the report can say which failures are new), and
 * rows and columns for a profile.
 */
import type { CheckPresenter, KeyFigure } from '../../core/present.js';
import type { CheckResult } from '../../core/result.js';
import { escapeHtml, escapeMarkdown, truncateText } from '../../report/escape.js';
import {
  formatNumber,
  htmlStatus,
  htmlTable,
  markdownHeading,
  markdownTable,
  textTable,
} from '../../report/format.js';
import { visible } from '../../core/visible.js';
import { resultMarkdown } from '../../report/result-markdown.js';
import type { ValidationResult } from './validation-result.js';

const MAX_ROWS = 50;

function show(v: unknown): string {
  const s = typeof v === 'string' ? JSON.stringify(v) : (JSON.stringify(v) ?? String(v));
  return truncateText(s, 60);
}

function expectationsOf(result: CheckResult): ValidationResult[] | undefined {
  return Array.isArray(result.details.results) ? (result.details.results as ValidationResult[]) : undefined;
}

/** Failing errors, failing warnings, skipped, passing; by suite line within each. */
function ordered(results: readonly ValidationResult[]): ValidationResult[] {
  const order = (r: ValidationResult) =>
    r.success === false ? (r.severity === 'error' ? 0 : 1) : r.success === null ? 2 : 3;
  return [...results].sort((a, b) => order(a) - order(b) || a.line - b.line);
}

/** `expect_column_values_to_not_be_null(age)`: how an expectation is named in lists. */
export function expectationName(r: ValidationResult): string {
  // A base branch's result may predate the GX grouping (flat expectation_type/kwargs).
  const flat = r as unknown as { expectation_type?: string; kwargs?: Record<string, unknown> };
  const type = r.expectation_config?.type ?? flat.expectation_type ?? '';
  const kwargs = r.expectation_config?.kwargs ?? flat.kwargs ?? {};
  const column = typeof kwargs.column === 'string' ? kwargs.column : undefined;
  return column === undefined ? type : `${type}(${column})`;
}

/** column_A/column_B or column_list, for expectations on several columns. */
function pairOrListText(kwargs: Record<string, unknown>): string {
  if (typeof kwargs.column_A === 'string' && typeof kwargs.column_B === 'string')
    return `${kwargs.column_A}, ${kwargs.column_B}`;
  if (Array.isArray(kwargs.column_list)) return kwargs.column_list.map(String).join(', ');
  return '';
}

interface Cells {
  mark: string;
  status: 'pass' | 'fail' | 'warn' | 'skipped';
  column: string;
  unexpected: string;
  examples: string;
}

/** Unescaped cell texts of one expectation result. */
function cellsOf(r: ValidationResult, maxExamples: number): Cells {
  const status =
    r.success === true ? 'pass' : r.success === null ? 'skipped' : r.severity === 'error' ? 'fail' : 'warn';
  const mark = { pass: '✅', skipped: '⏭️', fail: '❌', warn: '⚠️' }[status];
  const kwargs = r.expectation_config.kwargs;
  const column = typeof kwargs.column === 'string' ? kwargs.column : pairOrListText(kwargs);
  const res = r.result as {
    unexpected_count?: number;
    unexpected_percent?: number | null;
    observed_value?: unknown;
    partial_unexpected_list?: unknown[];
    partial_unexpected_row_numbers?: number[];
    partial_unexpected_counts?: { value: unknown; count: number }[];
  };
  const unexpected = r.exception_info.raised_exception
    ? `error: ${r.exception_info.exception_message ?? ''}`
    : res.unexpected_count !== undefined
      ? `${res.unexpected_count}${res.unexpected_percent !== null && res.unexpected_percent !== undefined ? ` (${formatNumber(res.unexpected_percent)}%)` : ''}`
      : res.observed_value !== undefined
        ? `observed ${show(res.observed_value)}`
        : (r.reason ?? '');
  const rows = res.partial_unexpected_row_numbers;
  const listed = res.partial_unexpected_list
    ? res.partial_unexpected_list.map((v, i) => `${show(v)}${rows ? ` (row ${rows[i]})` : ''}`)
    : (res.partial_unexpected_counts ?? []).map((c) => `${show(c.value)} ×${c.count}`);
  return { mark, status, column, unexpected, examples: listed.slice(0, maxExamples).join(', ') };
}

/** The data check's Markdown: failing expectations first, with examples of unexpected values. */
export function dataMarkdown(result: CheckResult): string {
  const results = expectationsOf(result);
  if (!results) return resultMarkdown(result);
  const rows = ordered(results);
  const lines = markdownHeading(result);
  lines.push(
    ...markdownTable(
      ['', 'expectation', 'column', 'unexpected', 'examples', 'line'],
      rows.slice(0, MAX_ROWS).map((r) => {
        const c = cellsOf(r, 5);
        return [
          c.mark,
          escapeMarkdown(r.expectation_config.type),
          escapeMarkdown(truncateText(c.column, 80)),
          escapeMarkdown(truncateText(c.unexpected, 200)),
          escapeMarkdown(c.examples),
          String(r.line),
        ];
      }),
    ),
  );
  if (rows.length > MAX_ROWS)
    lines.push('', `_${rows.length - MAX_ROWS} more expectations in the result file._`);
  lines.push('');
  return lines.join('\n');
}

function dataHtml(result: CheckResult): string {
  const results = expectationsOf(result);
  if (!results) return '';
  return htmlTable(
    ['', 'expectation', 'column', 'unexpected', 'examples', 'line'],
    ordered(results).map((r) => {
      const c = cellsOf(r, 20);
      return [
        htmlStatus(c.status),
        escapeHtml(r.expectation_config.type),
        escapeHtml(c.column),
        escapeHtml(c.unexpected),
        escapeHtml(c.examples),
        String(r.line),
      ];
    }),
    { numeric: [5], className: 'wide' },
  );
}

function dataKeyFigures(result: CheckResult): KeyFigure[] {
  const results = expectationsOf(result);
  if (!results) return [];
  const failed = results.filter((r) => r.success === false);
  return [
    {
      label: 'failed expectations',
      value: failed.length,
      better: 'lower',
      members: failed.map(expectationName),
    },
  ];
}

export const dataPresenter: CheckPresenter = {
  check: 'data',
  markdown: dataMarkdown,
  keyFigures: dataKeyFigures,
  html: dataHtml,
};

// Profiles (`data profile`, `data merge`): one row per column.

interface ColumnProfile {
  type?: string;
  rows?: number;
  count?: number;
  nulls?: number;
  distinct?: number;
  mean?: number | null;
  std?: number | null;
  min?: number | string | null;
  p50?: number | null;
  max?: number | string | null;
  approximate?: boolean;
  /** Categorical: the most frequent values with their counts, most frequent first. */
  value_counts?: [string, number][];
}

const PROFILE_HEADER = [
  'column',
  'type',
  'count',
  'nulls',
  'distinct',
  'mean',
  'std',
  'min',
  'median',
  'max',
];

/** The column's type: its datetime dtype (`datetime64[ns]`, with min/max as dates) or numeric/categorical. */
function typeLabel(c: ColumnProfile): string {
  return (c as { dtype?: unknown }).dtype === undefined
    ? (c.type ?? '')
    : String((c as { dtype?: unknown }).dtype);
}

function profileCells(name: string, c: ColumnProfile, escape: (s: string) => string): string[] {
  const n = (x: unknown) =>
    typeof x === 'number' || x === null
      ? formatNumber(x as number | null)
      : typeof x === 'string'
        ? escape(truncateText(x, 40))
        : '–';
  return [
    escape(truncateText(name, 80)),
    escape(typeLabel(c)),
    n(c.count),
    n(c.nulls),
    n(c.distinct),
    n(c.mean),
    n(c.std),
    n(c.min),
    n(c.p50),
    n(c.max),
  ];
}

function columnsOf(result: CheckResult): [string, ColumnProfile][] | undefined {
  const columns = result.details.columns;
  return columns && typeof columns === 'object' && !Array.isArray(columns)
    ? Object.entries(columns as Record<string, ColumnProfile>)
    : undefined;
}

function profileMarkdown(result: CheckResult): string {
  const columns = columnsOf(result);
  if (!columns) return resultMarkdown(result);
  const lines = markdownHeading(result);
  lines.push(
    ...markdownTable(
      PROFILE_HEADER,
      columns.slice(0, MAX_ROWS).map(([k, c]) => profileCells(k, c, escapeMarkdown)),
    ),
  );
  if (columns.length > MAX_ROWS)
    lines.push('', `_${columns.length - MAX_ROWS} more columns in the result file._`);
  lines.push('');
  return lines.join('\n');
}

function profileHtml(result: CheckResult): string {
  const columns = columnsOf(result);
  if (!columns) return '';
  return htmlTable(
    PROFILE_HEADER,
    columns.map(([k, c]) => profileCells(k, c, escapeHtml)),
    {
      numeric: [2, 3, 4, 5, 6, 7, 8, 9],
    },
  );
}

function profileKeyFigures(result: CheckResult): KeyFigure[] {
  const num = (x: unknown) => (typeof x === 'number' ? x : null);
  return [
    { label: 'rows', value: num(result.metrics.rows), change: 'relative' },
    { label: 'columns', value: num(result.metrics.columns), members: columnsOf(result)?.map(([k]) => k) },
  ];
}

/** At most this many columns on the console (the result file and the report have them all). */
const MAX_TEXT_COLUMNS = 60;

/** `basic 106, standard 103, …`: the most frequent values of a categorical column. */
function topValues(c: ColumnProfile): string {
  const counts = Array.isArray(c.value_counts) ? c.value_counts : [];
  if (!counts.length) return '–';
  const shown = counts
    .slice(0, 3)
    .map(([v, n]) => `${visible(truncateText(String(v), 16))} ${formatNumber(n)}`)
    .join(', ');
  return counts.length > 3 ? `${shown}, …` : shown;
}

/**
 * The profile on the console, like pandas' `describe()` turned on its side: one line per column with
 * type, nulls (and their share), distinct values, min / mean / median / max for numbers and the most
 * frequent values for categories. Long names and values are cut; data text is made visible.
 */
function profileText(result: CheckResult): string[] {
  const columns = columnsOf(result);
  if (!columns) return [];
  const cell = (x: unknown) =>
    typeof x === 'number' || x === null
      ? formatNumber(x as number | null)
      : typeof x === 'string'
        ? visible(x)
        : '–';
  const nulls = (c: ColumnProfile) => {
    if (typeof c.nulls !== 'number') return '–';
    const rows = c.rows ?? (c.count ?? 0) + c.nulls;
    return c.nulls && rows
      ? `${formatNumber(c.nulls)} (${formatNumber((100 * c.nulls) / rows, 2)}%)`
      : String(c.nulls);
  };
  const shown = columns.slice(0, MAX_TEXT_COLUMNS);
  const lines = textTable(
    ['column', 'type', 'nulls', 'distinct', 'min', 'mean', 'median', 'max', 'top values'],
    shown.map(([name, c]) => [
      visible(name),
      visible(typeLabel(c) || '–'),
      nulls(c),
      cell(c.distinct),
      cell(c.min),
      cell(c.mean),
      cell(c.p50),
      cell(c.max),
      topValues(c),
    ]),
    { numeric: [2, 3, 4, 5, 6, 7], maxCell: 32 },
  );
  if (columns.length > shown.length)
    lines.push(`… ${columns.length - shown.length} more columns in the result file`);
  return lines;
}

export const dataProfilePresenter: CheckPresenter = {
  check: 'data-profile',
  markdown: profileMarkdown,
  keyFigures: profileKeyFigures,
  html: profileHtml,
  text: profileText,
};

export const dataMergePresenter: CheckPresenter = { ...dataProfilePresenter, check: 'data-merge' };
