/**
 * The offline HTML report: one self-contained file with every detail the comment had to cut. Inline CSS
 * and inline SVG only — no script, no external request (fonts, images, styles), enforced by a
 * Content-Security-Policy meta that forbids both, so it is safe to open from an artifact and reads the
 * same offline. Light and dark themes follow the system; it prints (no collapsed content, no sticky
 * parts, page breaks between checks). Every text from a result is escaped with {@link escapeHtml}.
 */
import type { Finding } from '../core/result.js';
import { escapeHtml, truncateText } from './escape.js';
import { formatNumber, htmlStatus, htmlTable, resultLabel, statusIcon } from './format.js';
import { countsText, type FigureComparison, type ReportEntry, type ReportModel } from './model.js';
import { metricText } from './result-markdown.js';

/** Forbids every fetch and every script; allows only the inline style sheet and inline/`data:` images. */
export const REPORT_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

export interface HtmlOptions {
  title?: string;
  /** e.g. `acme/churn-model #42 at 3f1c0a9` (unescaped). */
  context?: string;
  version?: string;
  /** ISO time the report was made (pinned in tests). */
  generatedAt?: string;
}

const CSS = `
:root{--fg:#1f2328;--muted:#59636e;--bg:#fff;--card:#f6f8fa;--line:#d1d9e0;--pass:#1a7f37;--warn:#9a6700;--fail:#d1242f;--error:#8250df;--skip:#59636e}
@media (prefers-color-scheme:dark){:root{--fg:#e6edf3;--muted:#9198a1;--bg:#0d1117;--card:#151b23;--line:#3d444d;--pass:#3fb950;--warn:#d29922;--fail:#f85149;--error:#ab7df8;--skip:#9198a1}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:14px/1.5 -apple-system,BlinkMacSystemFont,"Segoe UI","Noto Sans",Helvetica,Arial,sans-serif}
main{max-width:1100px;margin:0 auto;padding:24px}
header{border-bottom:1px solid var(--line);margin-bottom:16px;padding-bottom:12px}
h1{font-size:24px;margin:0 0 4px}h2{font-size:18px;margin:0}h3{font-size:15px;margin:16px 0 8px}h4{font-size:14px;margin:16px 0 6px}
.meta,.note,small{color:var(--muted)}
.verdict{font-size:16px;font-weight:600;margin:8px 0 0}
table{border-collapse:collapse;width:auto;max-width:100%;margin:8px 0 12px;font-size:13px}
table.wide{width:100%}
th,td{border:1px solid var(--line);padding:4px 8px;text-align:left;vertical-align:top;overflow-wrap:break-word}
th{background:var(--card);font-weight:600}
table.overview td:nth-child(3){white-space:nowrap}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.badge{display:inline-block;padding:0 7px;border-radius:10px;font-size:12px;font-weight:600;color:#fff;white-space:nowrap}
.badge.pass{background:var(--pass)}.badge.warn{background:var(--warn)}.badge.fail{background:var(--fail)}.badge.error{background:var(--error)}.badge.skipped{background:var(--skip)}
.better{color:var(--pass)}.worse{color:var(--fail)}
section.check{border:1px solid var(--line);border-radius:8px;padding:12px 16px;margin:16px 0;break-inside:auto}
section.check.fail,section.check.error{border-left:4px solid var(--fail)}section.check.warn{border-left:4px solid var(--warn)}section.check.pass{border-left:4px solid var(--pass)}
section.check>p.summary{margin:4px 0 8px}
.charts{display:flex;flex-wrap:wrap;gap:12px;margin:8px 0}
figure.chart{margin:0;background:#fff;border:1px solid var(--line);border-radius:6px;padding:6px;color:#1f2328}
ul.findings{padding-left:20px}ul.findings li{margin:2px 0}
.warnings{background:var(--card);border:1px solid var(--warn);border-radius:6px;padding:8px 12px}
nav ol{columns:2;padding-left:20px;margin:8px 0}
a{color:#0969da}@media (prefers-color-scheme:dark){a{color:#4493f8}}
footer{margin-top:24px;color:var(--muted);font-size:12px}
@media print{body{font-size:11px}main{max-width:none;padding:0}nav{display:none}section.check{break-inside:avoid-page;page-break-inside:avoid}a{color:inherit;text-decoration:none}}
`;

function changeHtml(c: FigureComparison): string {
  const parts: string[] = [];
  if (c.change) parts.push(`<span class="${c.verdict ?? ''}">${escapeHtml(c.change)}</span>`);
  if (c.added.length) parts.push(`new: ${escapeHtml(c.added.join(', '))}`);
  if (c.removed.length) parts.push(`gone: ${escapeHtml(c.removed.join(', '))}`);
  return parts.join(' · ');
}

function anchor(i: number): string {
  return `check-${i + 1}`;
}

function overviewHtml(model: ReportModel): string {
  const header = ['check', 'status', model.compared ? 'key figures (vs base)' : 'key figures', 'summary'];
  const rows = model.entries.map((e, i) => {
    const figures = e.figures.map((f) => {
      const change = model.compared && e.base ? changeHtml(f) : '';
      return `${escapeHtml(f.text)}${change ? ` <small>(${change})</small>` : ''}`;
    });
    return [
      `<a href="#${anchor(i)}">${escapeHtml(truncateText(resultLabel(e.result), 120))}</a>`,
      htmlStatus(e.result.status),
      (model.compared && !e.base ? ['<small>new check</small>'] : []).concat(figures).join('<br>') || '–',
      escapeHtml(truncateText(e.result.summary, 400)),
    ];
  });
  return htmlTable(header, rows, { className: 'wide overview' });
}

function findingsHtml(findings: readonly Finding[]): string {
  if (!findings.length) return '';
  const items = findings.slice(0, 1000).map((f) => {
    const where = f.file ? ` <small>${escapeHtml(f.file)}${f.line ? `:${f.line}` : ''}</small>` : '';
    const sev = f.severity === 'error' ? 'fail' : f.severity === 'warning' ? 'warn' : 'skipped';
    return `<li><span class="badge ${sev}">${f.severity}</span> ${escapeHtml(f.message)}${where}</li>`;
  });
  const more =
    findings.length > 1000 ? `<li>… and ${findings.length - 1000} more in the result file</li>` : '';
  return `<h4>Findings (${findings.length})</h4><ul class="findings">${items.join('')}${more}</ul>`;
}

function genericHtml(e: ReportEntry): string {
  const metrics = Object.entries(e.result.metrics);
  return metrics.length
    ? htmlTable(
        ['metric', 'value'],
        metrics.map(([k, v]) => [escapeHtml(k), escapeHtml(metricText(v))]),
        { numeric: [1] },
      )
    : '';
}

function entryHtml(e: ReportEntry, i: number): string {
  const r = e.result;
  let body: string;
  try {
    body = e.presenter?.html ? e.presenter.html(r) : genericHtml(e);
  } catch (err) {
    body = `${genericHtml(e)}<p class="note">The ${escapeHtml(r.check)} presenter failed on this result (${escapeHtml((err as Error).message)}); shown generically.</p>`;
  }
  const meta = [
    `file ${escapeHtml(e.file)}`,
    `took ${formatNumber(r.durationMs / 1000, 2)} s`,
    `started ${escapeHtml(r.startedAt)}`,
  ].join(' · ');
  return [
    `<section class="check ${r.status}" id="${anchor(i)}">`,
    `<h2>${htmlStatus(r.status)} ${escapeHtml(resultLabel(r))}</h2>`,
    `<p class="summary">${escapeHtml(r.summary)}</p>`,
    body,
    findingsHtml(r.findings),
    `<p class="meta"><small>${meta}</small></p>`,
    '</section>',
  ].join('\n');
}

/** The whole report as one HTML document. */
export function renderHtml(model: ReportModel, options: HtmlOptions = {}): string {
  const title = options.title ?? 'model-ci';
  const verdict = `${model.entries.length ? statusIcon(model.status) : 'ℹ️'} ${countsText(model.counts)}`;
  const warnings = model.warnings.length
    ? `<div class="warnings"><strong>Skipped or unreadable:</strong><ul>${model.warnings.map((w) => `<li>${escapeHtml(w)}</li>`).join('')}</ul></div>`
    : '';
  const removed = model.removed.length
    ? `<p class="note">Run on the base branch but not here: ${escapeHtml(model.removed.map(resultLabel).join(', '))}.</p>`
    : '';
  const nav =
    model.entries.length > 12
      ? `<nav><ol>${model.entries.map((e, i) => `<li><a href="#${anchor(i)}">${escapeHtml(truncateText(resultLabel(e.result), 80))}</a> ${htmlStatus(e.result.status)}</li>`).join('')}</ol></nav>`
      : '';
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>${escapeHtml(title)} report: ${escapeHtml(countsText(model.counts))}</title>
<style>${CSS}</style>
</head>
<body>
<main>
<header>
<h1>${escapeHtml(title)} report</h1>
${options.context ? `<div class="meta">${escapeHtml(options.context)}</div>` : ''}
<p class="verdict">${verdict}${model.compared ? ' <small>· compared with the base branch</small>' : ''}</p>
</header>
${warnings}
${model.entries.length ? overviewHtml(model) : '<p>No model-ci results were found.</p>'}
${removed}
${nav}
${model.entries.map(entryHtml).join('\n')}
<footer>Made by model-ci${options.version ? ` ${escapeHtml(options.version)}` : ''}${options.generatedAt ? ` on ${escapeHtml(options.generatedAt)}` : ''}. This file is self-contained: it loads nothing and runs no script.</footer>
</main>
</body>
</html>
`;
}
