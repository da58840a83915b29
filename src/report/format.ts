/**
 * Numbers and small pieces shared by every presenter and the report, so a figure reads the same in the
 * comment, the job summary and the HTML report.
 */
import { fromJsonNumber, type CheckResult, type JsonNumber, type Status } from '../core/result.js';
import { escapeHtml, escapeMarkdown } from './escape.js';

const ICON: Record<Status, string> = { pass: '✅', warn: '⚠️', fail: '❌', error: '💥' };

export function statusIcon(status: Status): string {
  return ICON[status];
}

/** `Title (name)` of a result, unescaped. */
export function resultLabel(r: Pick<CheckResult, 'title' | 'name'>): string {
  return r.name ? `${r.title} (${r.name})` : r.title;
}

/**
 * A number for people: integers as they are (thousands grouped from 10 000), other values with three
 * significant digits; `–` for a missing value, `∞`/`−∞` for infinities, a real minus sign.
 * @example formatNumber(0.8187) // "0.819"
 */
export function formatNumber(x: JsonNumber | number | undefined, digits = 3): string {
  if (x === null || x === undefined) return '–';
  const v = typeof x === 'number' ? x : fromJsonNumber(x);
  if (Number.isNaN(v)) return '–';
  if (!Number.isFinite(v)) return v > 0 ? '∞' : '−∞';
  let s: string;
  if (Number.isInteger(v) && Math.abs(v) < 1e15)
    s = Math.abs(v) >= 10_000 ? v.toLocaleString('en-US').replace(/,/g, '\u202f') : String(v);
  else if (Math.abs(v) >= 10 ** digits && Math.abs(v) < 1e15)
    s = Math.round(v).toLocaleString('en-US').replace(/,/g, '\u202f');
  else
    s = v
      .toPrecision(digits)
      .replace(/(\.\d*?)0+(e|$)/, '$1$2')
      .replace(/\.(e|$)/, '$1');
  return s.replace(/^-/, '−');
}

/** A change with its sign: `+0.012`, `−0.3`, `±0`. Two significant digits. */
export function formatSigned(x: number): string {
  if (x === 0) return '±0';
  const s = formatNumber(x, 2);
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
