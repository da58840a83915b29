import type { CheckResult, MetricValue, Status } from '../core/result.js';
import { escapeMarkdown } from './escape.js';

const ICON: Record<Status, string> = { pass: '✅', warn: '⚠️', fail: '❌', error: '💥' };

export function statusIcon(status: Status): string {
  return ICON[status];
}

function metricText(v: MetricValue): string {
  if (v === null) return 'n/a';
  if (typeof v === 'string') return v === 'Infinity' ? '∞' : '−∞';
  if (typeof v === 'number')
    return Number.isInteger(v) ? String(v) : v.toPrecision(4).replace(/\.?0+(e|$)/, '$1');
  return Object.entries(v)
    .map(([k, x]) => `${k} ${metricText(x)}`)
    .join(', ');
}

function label(r: CheckResult): string {
  return escapeMarkdown(r.name ? `${r.title} (${r.name})` : r.title);
}

/** One result as Markdown: heading, summary, metrics table, findings list. For job summaries. */
export function resultMarkdown(r: CheckResult): string {
  const lines = [`### ${statusIcon(r.status)} ${label(r)}`, '', escapeMarkdown(r.summary), ''];
  const metrics = Object.entries(r.metrics);
  if (metrics.length) {
    lines.push('| metric | value |', '| --- | --- |');
    for (const [k, v] of metrics) lines.push(`| ${escapeMarkdown(k)} | ${escapeMarkdown(metricText(v))} |`);
    lines.push('');
  }
  if (r.findings.length) {
    for (const f of r.findings.slice(0, 50)) {
      const where = f.file ? ` (${escapeMarkdown(f.file)}${f.line ? `:${f.line}` : ''})` : '';
      lines.push(`- **${f.severity}** ${escapeMarkdown(f.message)}${where}`);
    }
    if (r.findings.length > 50)
      lines.push(`- … and ${r.findings.length - 50} more findings in the result file`);
    lines.push('');
  }
  return lines.join('\n');
}

/** The pipeline overview: one row per check, then each check's section (its own Markdown when it has one). */
export function pipelineMarkdown(
  results: readonly CheckResult[],
  render: (r: CheckResult) => string = resultMarkdown,
): string {
  const lines = ['## model-ci', '', '| check | status | summary |', '| --- | --- | --- |'];
  for (const r of results)
    lines.push(`| ${label(r)} | ${statusIcon(r.status)} ${r.status} | ${escapeMarkdown(r.summary)} |`);
  lines.push('');
  for (const r of results) lines.push(render(r));
  return lines.join('\n');
}
