/**
 * The gate's slices (`--slice-by`) for people: one row per slice with baseline → candidate (Δ) of each
 * gated metric and the slice's verdict, regressed slices first, in the console, the Markdown (job
 * summary, PR comment) and the HTML report. Slice values come from the data: escaped (Markdown, HTML) or
 * made visible (console).
 */
import type { CheckResult } from '../../core/result.js';
import { visible } from '../../core/visible.js';
import { escapeHtml, escapeMarkdown, truncateText } from '../../report/escape.js';
import { formatNumber, htmlTable, markdownTable, textTable } from '../../report/format.js';
import type { RuleReport } from './gate.js';
import type { SliceReport } from './slices.js';

/** At most this many slices in the Markdown and on the console (the result file has them all). */
const MAX_SLICES = 50;

function slicesOf(result: CheckResult): { by: string; slices: SliceReport[] } | undefined {
  const s = result.details.slices as SliceReport[] | undefined;
  if (!Array.isArray(s) || s.length === 0 || !s[0] || !('conditions' in s[0])) return undefined;
  return { by: String(result.details.slice_by ?? 'slice'), slices: s };
}

/** The metrics the rules name, in rule order, each once. */
function gatedMetrics(result: CheckResult): string[] {
  const rules = Array.isArray(result.details.rules) ? (result.details.rules as RuleReport[]) : [];
  return [...new Set(rules.map((r) => r.metric))];
}

/** Regressed first, then checked, then the ones shown but not checked; by rows within each. */
function ordered(slices: readonly SliceReport[]): SliceReport[] {
  const rank = (s: SliceReport) => (s.regressed ? 0 : s.flag ? 2 : 1);
  return [...slices].sort((a, b) => rank(a) - rank(b) || b.rows - a.rows);
}

/** `0.8123 → 0.7901 (−0.02216)`, or the candidate alone without a baseline. */
function change(s: SliceReport, metric: string): string {
  const c = s.metrics[metric];
  if (c === undefined) return '–';
  const b = s.baseline_metrics?.[metric];
  if (b === undefined || b === null || s.baseline_metrics === null) return formatNumber(c);
  if (c === null) return `${formatNumber(b)} → –`;
  const d = c - b;
  return `${formatNumber(b)} → ${formatNumber(c)} (${d === 0 ? '±0' : `${d > 0 ? '+' : ''}${formatNumber(d)}`})`;
}

function verdict(s: SliceReport): { word: string; why: string } {
  if (s.regressed)
    return {
      word: 'regressed',
      why: s.conditions
        .filter((r) => r.outcome === 'fail' || r.outcome === 'warn')
        .map((r) => `${r.metric} ${r.reason}`)
        .join('; '),
    };
  if (s.flag) return { word: 'not checked', why: s.reason ?? s.flag };
  return { word: 'ok', why: '' };
}

function header(result: CheckResult, metrics: string[], slices: SliceReport[]): string[] {
  const paired = slices.some((s) => s.baseline_metrics !== null);
  return ['slice', 'rows', ...metrics.map((m) => (paired ? `${m} (baseline → candidate, Δ)` : m)), 'verdict'];
}

function label(s: SliceReport): string {
  return s.slice === null ? '(empty)' : s.slice;
}

/** The slices table in Markdown, with the reasons of regressed slices below it. */
export function slicesMarkdown(result: CheckResult): string[] {
  const found = slicesOf(result);
  if (!found) return [];
  const metrics = gatedMetrics(result);
  const rows = ordered(found.slices);
  const shown = rows.slice(0, MAX_SLICES);
  const regressed = rows.filter((s) => s.regressed).length;
  const lines = [
    `**Slices by ${escapeMarkdown(truncateText(found.by, 80))}**: ${regressed ? `${regressed} of ${rows.length} regressed` : `none of ${rows.length} regressed`}`,
    '',
    ...markdownTable(
      header(result, metrics, rows),
      shown.map((s) => {
        const v = verdict(s);
        return [
          escapeMarkdown(truncateText(label(s), 80)),
          String(s.rows),
          ...metrics.map((m) => change(s, m)),
          s.regressed
            ? `🔴 **regressed**: ${escapeMarkdown(truncateText(v.why, 300))}`
            : s.flag
              ? `⚪ not checked: ${escapeMarkdown(v.why)}`
              : '🟢 ok',
        ];
      }),
    ),
  ];
  if (rows.length > shown.length)
    lines.push('', `_${rows.length - shown.length} more slices in the result file._`);
  lines.push('');
  return lines;
}

/** The slices table for the HTML report. */
export function slicesHtml(result: CheckResult): string {
  const found = slicesOf(result);
  if (!found) return '';
  const metrics = gatedMetrics(result);
  const rows = ordered(found.slices);
  return [
    `<h4>Slices by ${escapeHtml(found.by)}</h4>`,
    htmlTable(
      header(result, metrics, rows).map(escapeHtml),
      rows.map((s) => {
        const v = verdict(s);
        const badge = s.regressed ? 'fail' : s.flag ? 'skipped' : 'pass';
        return [
          escapeHtml(truncateText(label(s), 200)),
          String(s.rows),
          ...metrics.map((m) => escapeHtml(change(s, m))),
          `<span class="badge ${badge}">${v.word}</span>${v.why ? ` ${escapeHtml(v.why)}` : ''}`,
        ];
      }),
      { numeric: [1], className: 'wide' },
    ),
  ].join('\n');
}

/** The slices table on the console (the reasons of regressed slices are the warnings below it). */
export function slicesText(result: CheckResult): string[] {
  const found = slicesOf(result);
  if (!found) return [];
  const metrics = gatedMetrics(result);
  const rows = ordered(found.slices);
  const shown = rows.slice(0, MAX_SLICES);
  const lines = [
    `slices by ${visible(found.by)}:`,
    ...textTable(
      header(result, metrics, rows),
      shown.map((s) => [
        visible(label(s)),
        String(s.rows),
        ...metrics.map((m) => change(s, m)),
        s.regressed ? 'REGRESSED' : s.flag ? `not checked (${visible(verdict(s).why)})` : 'ok',
      ]),
      { numeric: [1], maxCell: 64 },
    ).map((l) => `  ${l}`),
  ];
  if (rows.length > shown.length)
    lines.push(`  … ${rows.length - shown.length} more slices in the result file`);
  return lines;
}
