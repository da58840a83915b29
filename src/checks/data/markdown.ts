import type { CheckResult } from '../../core/result.js';
import { escapeMarkdown } from '../../report/escape.js';
import { statusIcon } from '../../report/result-markdown.js';
import type { ExpectationResult } from './expectation-result.js';

const MAX_ROWS = 50;

function show(v: unknown): string {
  const s = typeof v === 'string' ? JSON.stringify(v) : (JSON.stringify(v) ?? String(v));
  return s.length > 60 ? `${s.slice(0, 57)}…` : s;
}

/** The data check's job-summary section: failing expectations first, with examples of unexpected values. */
export function dataMarkdown(result: CheckResult): string {
  const results = result.details.results as ExpectationResult[];
  const order = (r: ExpectationResult) =>
    r.success === false ? (r.severity === 'error' ? 0 : 1) : r.success === null ? 2 : 3;
  const rows = [...results].sort((a, b) => order(a) - order(b) || a.line - b.line);
  const lines = [
    `### ${statusIcon(result.status)} ${escapeMarkdown(result.title)}`,
    '',
    escapeMarkdown(result.summary),
    '',
  ];
  lines.push(
    '| | expectation | column | unexpected | examples | line |',
    '| --- | --- | --- | --- | --- | --- |',
  );
  for (const r of rows.slice(0, MAX_ROWS)) {
    const mark = r.success === true ? '✅' : r.success === null ? '⏭️' : r.severity === 'error' ? '❌' : '⚠️';
    const column = typeof r.kwargs.column === 'string' ? escapeMarkdown(r.kwargs.column) : '';
    const unexpected =
      r.unexpected_count !== undefined
        ? `${r.unexpected_count}${r.unexpected_percent !== null && r.unexpected_percent !== undefined ? ` (${r.unexpected_percent.toPrecision(3)}%)` : ''}`
        : r.observed_value !== undefined
          ? `observed ${escapeMarkdown(show(r.observed_value))}`
          : r.reason
            ? escapeMarkdown(r.reason)
            : '';
    const examples = (r.partial_unexpected_list ?? [])
      .slice(0, 5)
      .map(
        (v, i) =>
          `${escapeMarkdown(show(v))}${r.partial_unexpected_index_list ? ` (row ${r.partial_unexpected_index_list[i]})` : ''}`,
      )
      .join(', ');
    lines.push(
      `| ${mark} | ${escapeMarkdown(r.expectation_type)} | ${column} | ${unexpected} | ${examples} | ${r.line} |`,
    );
  }
  if (rows.length > MAX_ROWS)
    lines.push('', `_${rows.length - MAX_ROWS} more expectations in the result file._`);
  lines.push('');
  return lines.join('\n');
}
