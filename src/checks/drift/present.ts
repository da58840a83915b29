/**
 * How a drift result is shown: the column table sorted by verdict and severity with a histogram per
 * drifted column (Mermaid + Unicode sparklines in Markdown, inline SVG in the HTML report). The key figure
 * is the number of drifted columns, with their names, so the report can say which drifted columns are new
 * against the base branch.
 */
import type { CheckPresenter, KeyFigure } from '../../core/present.js';
import type { CheckResult } from '../../core/result.js';
import { escapeHtml, truncateText } from '../../report/escape.js';
import { htmlTable, markdownHeading } from '../../report/format.js';
import { findingsMarkdown, resultMarkdown } from '../../report/result-markdown.js';
import { renderDriftMarkdown, sortColumns, statisticText } from './markdown.js';
import { verdictComparison } from './verdict.js';
import { TEST_LABELS } from './drift.js';
import { renderDriftHistogramSvg } from './svg.js';
import type { DriftDetails } from './types.js';

/** At most this many histograms in the HTML report (each is about 2 KB). */
const MAX_HTML_CHARTS = 200;

function detailsOf(result: CheckResult): DriftDetails | undefined {
  const d = result.details as unknown as DriftDetails;
  return Array.isArray(d.columns) ? d : undefined;
}

function driftMarkdown(result: CheckResult): string {
  const details = detailsOf(result);
  if (!details) return resultMarkdown(result);
  // Drifted columns are in the table; other findings (small samples, type mismatches) are listed.
  const notes = findingsMarkdown(
    result.findings.filter((f) => f.id !== 'drift/column-drifted'),
    result.status,
  );
  return [...markdownHeading(result), ...notes, renderDriftMarkdown(details)].join('\n');
}

function driftHtml(result: CheckResult): string {
  const details = detailsOf(result);
  if (!details) return '';
  const rows = sortColumns(details.columns);
  const table = htmlTable(
    ['column', 'type', 'test', 'statistic', 'verdict'],
    rows.map((c) => [
      escapeHtml(truncateText(c.name, 200)) + (c.role !== 'feature' ? ` <small>(${c.role})</small>` : ''),
      c.type_mismatch ? `${c.type} (mismatch)` : c.type,
      c.test ? escapeHtml(TEST_LABELS[c.test]) : '–',
      escapeHtml(statisticText(c)),
      c.skipped
        ? `<span class="badge skipped">skipped</span> ${escapeHtml(c.skipped)}`
        : `<span class="badge ${c.undecided ? 'warn' : c.drifted ? 'fail' : 'pass'}">${c.undecided ? 'undecided' : c.drifted ? 'drifted' : 'ok'}</span> ${escapeHtml(verdictComparison(c) ?? '')}`,
    ]),
    { className: 'drift wide' },
  );
  const charted = rows.filter((c) => c.drifted).slice(0, MAX_HTML_CHARTS);
  const charts = charted
    .map((c) => renderDriftHistogramSvg(c, { width: 360, height: 170 }))
    .filter((svg): svg is string => svg !== null)
    .map((svg) => `<figure class="chart">${svg}</figure>`);
  const more = rows.filter((c) => c.drifted).length - charted.length;
  return [
    charts.length ? `<div class="charts">${charts.join('')}</div>` : '',
    more > 0 ? `<p class="note">${more} more drifted columns without a chart.</p>` : '',
    table,
  ].join('\n');
}

function driftKeyFigures(result: CheckResult): KeyFigure[] {
  const details = detailsOf(result);
  if (!details) return [];
  return [
    {
      label: 'drifted columns',
      value: details.drifted_columns.length,
      better: 'lower',
      members: [...details.drifted_columns],
    },
  ];
}

export const driftPresenter: CheckPresenter = {
  check: 'drift',
  markdown: driftMarkdown,
  keyFigures: driftKeyFigures,
  html: driftHtml,
};
