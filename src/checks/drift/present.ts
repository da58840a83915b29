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
import { formatNumber } from './drift.js';
import { renderDriftMarkdown, sortColumns } from './markdown.js';
import { renderDriftHistogramSvg } from './svg.js';
import type { ColumnDrift, DriftDetails } from './types.js';

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
  const notes = findingsMarkdown(result.findings.filter((f) => f.id !== 'drift/column-drifted'));
  return [...markdownHeading(result), ...notes, renderDriftMarkdown(details)].join('\n');
}

function statisticText(c: ColumnDrift): string {
  const p = (x: number | undefined) =>
    `p = ${formatNumber(x ?? NaN)}${c.pvalue_adjusted !== undefined ? ` (adj. ${formatNumber(c.pvalue_adjusted)})` : ''}`;
  switch (c.test) {
    case 'ks':
      return `KS D = ${formatNumber(c.ks?.statistic ?? NaN)}; ${p(c.ks?.pvalue)}`;
    case 'chi2':
      return `χ² = ${formatNumber(c.chi2?.statistic ?? NaN)}; ${p(c.chi2?.pvalue)}`;
    case 'z':
      return `z = ${formatNumber(c.z?.statistic ?? NaN)}; ${p(c.z?.pvalue)}`;
    case 'wasserstein':
      return `W/σ = ${formatNumber(c.wasserstein_normed ?? NaN)}`;
    case 'js':
      return `JS = ${formatNumber(c.js?.distance ?? NaN)}`;
    case 'psi':
      return `PSI = ${formatNumber(c.psi?.value ?? NaN)}`;
    default:
      return '–';
  }
}

function driftHtml(result: CheckResult): string {
  const details = detailsOf(result);
  if (!details) return '';
  const rows = sortColumns(details.columns);
  const table = htmlTable(
    ['column', 'type', 'statistic', 'threshold', 'verdict'],
    rows.map((c) => [
      escapeHtml(truncateText(c.name, 200)) + (c.role !== 'feature' ? ` <small>(${c.role})</small>` : ''),
      c.type_mismatch ? `${c.type} (mismatch)` : c.type,
      escapeHtml(statisticText(c)),
      String(c.threshold),
      c.skipped
        ? `<span class="badge skipped">skipped</span> ${escapeHtml(c.skipped)}`
        : c.undecided
          ? '<span class="badge warn">undecided</span>'
          : c.drifted
            ? '<span class="badge fail">drifted</span>'
            : '<span class="badge pass">ok</span>',
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
