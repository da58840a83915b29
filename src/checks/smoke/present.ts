/**
 * How a smoke result is shown: what ran (model, format, backend), one line per sub-check with its verdict
 * and message, and the latency table per batch size. Key figures: p95 latency at batch 1 (lower is
 * better, compared in percent) and throughput.
 */
import type { CheckPresenter, KeyFigure } from '../../core/present.js';
import type { CheckResult } from '../../core/result.js';
import { escapeHtml, escapeMarkdown, truncateText } from '../../report/escape.js';
import { formatNumber, htmlStatus, htmlTable, markdownHeading, markdownTable } from '../../report/format.js';
import { findingsMarkdown } from '../../report/result-markdown.js';

interface SubCheck {
  name: string;
  status: 'pass' | 'warn' | 'fail' | 'skipped' | 'error';
  message: string;
}

interface LatencyBlock {
  runs?: number;
  p50_ms?: number;
  p95_ms?: number;
  p99_ms?: number;
  throughput_per_s?: number;
}

const MARK: Record<string, string> = { pass: '✅', warn: '⚠️', fail: '❌', error: '💥', skipped: '⏭️' };

function subChecks(result: CheckResult): SubCheck[] {
  const checks = result.details.checks;
  return Array.isArray(checks) ? (checks as SubCheck[]).filter((c) => c && typeof c.name === 'string') : [];
}

/** `batch_1` -> rows of the latency table, batch sizes ascending. */
function latencyRows(result: CheckResult): [string, LatencyBlock][] {
  const latency = result.details.latency;
  if (!latency || typeof latency !== 'object') return [];
  return Object.entries(latency as Record<string, unknown>)
    .filter(([k, v]) => /^batch_\d+$/.test(k) && v && typeof v === 'object')
    .map(([k, v]) => [k.slice(6), v as LatencyBlock] as [string, LatencyBlock])
    .sort((a, b) => Number(a[0]) - Number(b[0]));
}

function latencyCells(batch: string, l: LatencyBlock): string[] {
  const ms = (x: number | undefined) => (x === undefined ? '–' : `${formatNumber(x)} ms`);
  return [
    batch,
    String(l.runs ?? '–'),
    ms(l.p50_ms),
    ms(l.p95_ms),
    ms(l.p99_ms),
    l.throughput_per_s === undefined ? '–' : `${formatNumber(l.throughput_per_s)}/s`,
  ];
}

const LATENCY_HEADER = ['batch', 'runs', 'p50', 'p95', 'p99', 'rows/s'];

/** What was loaded and where it ran, unescaped. */
function ranOn(result: CheckResult): string {
  const d = result.details as Record<string, unknown>;
  const what = [d.format, d.model ?? d.url].filter((x): x is string => typeof x === 'string');
  const where = [d.backend, d.runtime].filter((x): x is string => typeof x === 'string');
  return [what.join(' '), where.length ? `on ${where[0]}${where[1] ? ` (${where[1]})` : ''}` : '']
    .filter(Boolean)
    .join(' ');
}

function smokeMarkdown(result: CheckResult): string {
  const lines = markdownHeading(result);
  const ran = ranOn(result);
  if (ran) lines.push(`_${escapeMarkdown(truncateText(ran, 300))}_`, '');
  const checks = subChecks(result);
  if (checks.length)
    lines.push(
      ...markdownTable(
        ['', 'check', 'result'],
        checks.map((c) => [
          MARK[c.status] ?? '',
          escapeMarkdown(c.name),
          escapeMarkdown(truncateText(c.message, 300)),
        ]),
      ),
      '',
    );
  const latency = latencyRows(result);
  if (latency.length)
    lines.push(
      ...markdownTable(
        LATENCY_HEADER,
        latency.map(([b, l]) => latencyCells(b, l)),
      ),
      '',
    );
  // Sub-check failures are in the table; other findings (a crashed server's output, a warning) follow.
  if (!checks.length) lines.push(...findingsMarkdown(result.findings, result.status));
  return lines.join('\n');
}

function smokeHtml(result: CheckResult): string {
  const ran = ranOn(result);
  const checks = subChecks(result);
  const latency = latencyRows(result);
  return [
    ran ? `<p class="note">${escapeHtml(ran)}</p>` : '',
    checks.length
      ? htmlTable(
          ['', 'check', 'result'],
          checks.map((c) => [
            htmlStatus(c.status === 'error' ? 'error' : c.status),
            escapeHtml(c.name),
            escapeHtml(c.message),
          ]),
        )
      : '',
    latency.length
      ? htmlTable(
          LATENCY_HEADER,
          latency.map(([b, l]) => latencyCells(b, l)),
          { numeric: [0, 1, 2, 3, 4, 5] },
        )
      : '',
  ].join('\n');
}

function smokeKeyFigures(result: CheckResult): KeyFigure[] {
  const num = (k: string) => (typeof result.metrics[k] === 'number' ? (result.metrics[k] as number) : null);
  const figures: KeyFigure[] = [];
  if (num('latency_p95_ms') !== null)
    figures.push({
      label: 'p95',
      value: num('latency_p95_ms'),
      unit: 'ms',
      change: 'relative',
      better: 'lower',
    });
  if (num('throughput_per_s') !== null)
    figures.push({
      label: 'throughput',
      value: num('throughput_per_s'),
      unit: 'rows/s',
      change: 'relative',
      better: 'higher',
    });
  const failed = subChecks(result).filter((c) => c.status === 'fail' || c.status === 'error');
  if (failed.length || !figures.length)
    figures.unshift({
      label: 'failed checks',
      value: failed.length,
      better: 'lower',
      members: failed.map((c) => c.name),
    });
  return figures;
}

export const smokePresenter: CheckPresenter = {
  check: 'smoke',
  markdown: smokeMarkdown,
  keyFigures: smokeKeyFigures,
  html: smokeHtml,
};
