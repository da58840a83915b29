import type { CheckResult, Finding, MetricValue, Status } from '../core/result.js';
import { escapeMarkdown, truncateText } from './escape.js';
import { displaySeverity, formatNumber, markdownHeading, resultLabel, statusIcon } from './format.js';

export { statusIcon };

/** A metric value for people: numbers formatted, objects as `field value` pairs. */
export function metricText(v: MetricValue): string {
  if (v === null || typeof v === 'number' || typeof v === 'string') return formatNumber(v);
  return Object.entries(v)
    .map(([k, x]) => `${k} ${formatNumber(x)}`)
    .join(', ');
}

const MAX_FINDINGS = 50;

/**
 * One result as Markdown when its check has no presenter of its own: heading, summary, metrics table,
 * findings list. Every text from the result is escaped (a result file is as trustworthy as its PR).
 */
export function resultMarkdown(r: CheckResult): string {
  const lines = markdownHeading(r);
  const metrics = Object.entries(r.metrics);
  if (metrics.length) {
    lines.push('| metric | value |', '| --- | --- |');
    for (const [k, v] of metrics)
      lines.push(`| ${escapeMarkdown(truncateText(k, 80))} | ${escapeMarkdown(metricText(v))} |`);
    lines.push('');
  }
  lines.push(...findingsMarkdown(r.findings, r.status));
  return lines.join('\n');
}

/**
 * Findings as a Markdown list (at most 50, then how many more); empty when there are none. With the
 * result's status, an error that did not fail the result is shown as a warning ({@link displaySeverity}).
 */
export function findingsMarkdown(findings: readonly Finding[], status: Status = 'fail'): string[] {
  if (!findings.length) return [];
  const lines: string[] = [];
  for (const f of findings.slice(0, MAX_FINDINGS)) {
    const where = f.file
      ? ` (${escapeMarkdown(truncateText(f.file, 120))}${f.line ? `:${f.line}` : ''})`
      : '';
    lines.push(
      `- **${displaySeverity(f, { status })}** ${escapeMarkdown(truncateText(f.message, 500))}${where}`,
    );
  }
  if (findings.length > MAX_FINDINGS)
    lines.push(`- … and ${findings.length - MAX_FINDINGS} more findings in the result file`);
  lines.push('');
  return lines;
}

/** The pipeline overview: one row per check, then each check's section (its own Markdown when it has one). */
export function pipelineMarkdown(
  results: readonly CheckResult[],
  render: (r: CheckResult) => string = resultMarkdown,
): string {
  const lines = ['## model-ci', '', '| check | status | summary |', '| --- | --- | --- |'];
  for (const r of results)
    lines.push(
      `| ${escapeMarkdown(resultLabel(r))} | ${statusIcon(r.status)} ${r.status} | ${escapeMarkdown(r.summary)} |`,
    );
  lines.push('');
  for (const r of results) lines.push(render(r));
  return lines.join('\n');
}
