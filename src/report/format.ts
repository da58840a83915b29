/**
 * Numbers and small pieces shared by every presenter and the report, so a figure reads the same in the
 * comment, the job summary and the HTML report.
 */
import {
  fromJsonNumber,
  type CheckResult,
  type Finding,
  type JsonNumber,
  type MetricValue,
  type Severity,
  type Status,
} from '../core/result.js';
import { escapeHtml, escapeMarkdown } from './escape.js';

const ICON: Record<Status, string> = { pass: '✅', warn: '⚠️', fail: '❌', error: '💥' };

export function statusIcon(status: Status): string {
  return ICON[status];
}

/** `Title (name)` of a result, unescaped. */
export function resultLabel(r: Pick<CheckResult, 'title' | 'name'>): string {
  return r.name ? `${r.title} (${r.name})` : r.title;
}

/** Significant digits of every number shown to people (console, job summary, PR comment, HTML). */
export const DISPLAY_DIGITS = 4;

/**
 * A number for people: integers as they are (thousands grouped from 10 000), other values with four
 * significant digits (exponent form below 1e-4); `–` for a missing value, `∞`/`−∞` for infinities, a real
 * minus sign. Result files keep the full double; this is for display only.
 * @example formatNumber(0.81873) // "0.8187"
 * @example formatNumber(40967.01104218362) // "40 967"
 */
export function formatNumber(x: JsonNumber | number | undefined, digits = DISPLAY_DIGITS): string {
  if (x === null || x === undefined) return '–';
  const v = typeof x === 'number' ? x : fromJsonNumber(x);
  if (Number.isNaN(v)) return '–';
  if (!Number.isFinite(v)) return v > 0 ? '∞' : '−∞';
  let s: string;
  if (Number.isInteger(v) && Math.abs(v) < 1e15)
    s = Math.abs(v) >= 10_000 ? v.toLocaleString('en-US').replace(/,/g, '\u202f') : String(v);
  else if (Math.abs(v) >= 10 ** digits && Math.abs(v) < 1e15)
    s = Math.round(v).toLocaleString('en-US').replace(/,/g, '\u202f');
  else if (v !== 0 && Math.abs(v) < 1e-4)
    s = v
      .toExponential(digits - 1)
      .replace(/(\.\d*?)0+e/, '$1e')
      .replace(/\.e/, 'e')
      .replace(/e\+?/, 'e');
  else
    s = v
      .toPrecision(digits)
      .replace(/(\.\d*?)0+(e|$)/, '$1$2')
      .replace(/\.(e|$)/, '$1');
  return s.replace(/^-/, '−');
}

/** A metric value of a result for people: numbers via {@link formatNumber}, `{k: v}` as `k=v k=v`. */
export function formatMetricValue(v: MetricValue, text: (s: string) => string = (s) => s): string {
  if (v === null) return 'n/a';
  if (typeof v === 'number' || v === 'Infinity' || v === '-Infinity') return formatNumber(v);
  if (typeof v === 'string') return text(v);
  return Object.entries(v)
    .map(([k, x]) => `${text(k)}=${formatMetricValue(x, text)}`)
    .join(' ');
}

/**
 * The severity a finding is shown with. An `error` finding of a result that did not fail (a check set
 * never to fail: `fail-on-drift: false`, `fail-on: never`, a baselined lint error…) did not decide
 * anything, so people see it as a warning; the result file keeps what the check recorded.
 */
export function displaySeverity(f: Pick<Finding, 'severity'>, r: Pick<CheckResult, 'status'>): Severity {
  return f.severity === 'error' && (r.status === 'pass' || r.status === 'warn') ? 'warning' : f.severity;
}

/** A change with its sign: `+0.012`, `−0.3`, `±0`, with {@link formatNumber}'s digits. */
export function formatSigned(x: number): string {
  if (x === 0) return '±0';
  const s = formatNumber(x);
  return x > 0 ? `+${s}` : s;
}

/** A relative change in percent: `+12%`, `−8%`, `−0.4%`, `±0%`. */
export function formatPercentChange(ratio: number): string {
  if (!Number.isFinite(ratio)) return ratio > 0 ? '+∞%' : '−∞%';
  const pct = ratio * 100;
  if (pct === 0) return '±0%';
  const text =
    Math.abs(pct) >= 9.95 ? String(Math.round(Math.abs(pct))) : Math.abs(pct).toFixed(1).replace(/\.0$/, '');
  return `${pct > 0 ? '+' : '−'}${text}%`;
}

/** Milliseconds for people: `0.71 ms`, `250 ms`, `1.3 s`. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${formatNumber(ms, ms < 10 ? 2 : 3)} ms`;
  return `${formatNumber(ms / 1000, 2)} s`;
}

/**
 * The heading and summary every presenter's Markdown starts with. The report folds this heading into the
 * `<summary>` line of the check's collapsible section, so presenters keep this exact shape.
 */
export function markdownHeading(r: CheckResult): string[] {
  return [`### ${statusIcon(r.status)} ${escapeMarkdown(resultLabel(r))}`, '', escapeMarkdown(r.summary), ''];
}

/** A Markdown table from a header and rows of already-escaped cells. */
export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  return [
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ];
}

/** An HTML table from a header and rows of already-escaped cells; `numeric` columns align right. */
export function htmlTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  options: { numeric?: readonly number[]; className?: string } = {},
): string {
  const num = new Set(options.numeric ?? []);
  const cls = (i: number) => (num.has(i) ? ' class="num"' : '');
  return [
    `<table${options.className ? ` class="${escapeHtml(options.className)}"` : ''}><thead><tr>`,
    header.map((h, i) => `<th${cls(i)}>${h}</th>`).join(''),
    '</tr></thead><tbody>',
    ...rows.map((r) => `<tr>${r.map((c, i) => `<td${cls(i)}>${c}</td>`).join('')}</tr>`),
    '</tbody></table>',
  ].join('');
}

/** A status as a small coloured label for the HTML report. */
export function htmlStatus(status: Status | 'skipped'): string {
  const text = status === 'skipped' ? 'skipped' : status;
  return `<span class="badge ${text}">${text}</span>`;
}

/** Characters a cell of a console table may take; longer text ends in `…`. */
export const TEXT_CELL_MAX = 28;

/**
 * A plain-text table for the console: columns padded to their widest cell, numbers (cells of
 * `numeric` columns) right-aligned, cells longer than `maxCell` characters cut with `…`. Cells must be
 * display-safe already (data text through `visible()`).
 * @example textTable(['column', 'nulls'], [['age', '3']], { numeric: [1] }) // ["column  nulls", "age         3"]
 */
export function textTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  options: { numeric?: readonly number[]; maxCell?: number } = {},
): string[] {
  const max = options.maxCell ?? TEXT_CELL_MAX;
  const num = new Set(options.numeric ?? []);
  const cut = (s: string) => {
    const chars = [...s];
    return chars.length > max ? chars.slice(0, max - 1).join('') + '…' : s;
  };
  const all = [header, ...rows].map((r) => r.map(cut));
  const width = header.map((_, i) => Math.max(...all.map((r) => [...(r[i] ?? '')].length)));
  const pad = (s: string, i: number) => {
    const fill = ' '.repeat(Math.max(0, width[i] - [...s].length));
    return num.has(i) ? fill + s : s + fill;
  };
  return all.map((r) =>
    header
      .map((_, i) => pad(r[i] ?? '', i))
      .join('  ')
      .trimEnd(),
  );
}
