import { escapeMarkdown } from '../../report/escape.js';
import { formatNumber } from './drift.js';
import { columnHistogram, type DriftHistogram } from './histogram.js';
import { verdictComparison } from './verdict.js';
import type { ColumnDrift, DriftDetails, DriftTestName } from './types.js';

/**
 * The drift section of the PR comment: a table of the compared columns, drifted first and then by
 * severity, and for each drifted column a reference-vs-current histogram.
 *
 * Charts: a Mermaid `xychart-beta` block, which GitHub renders natively in comments (Mermaid ≥ 10.3; no
 * hosted image, nothing leaves the repository). xychart has no legend and draws several `bar` series on
 * top of each other (the taller hides the shorter), so the reference is the bars and the current sample
 * the line over them, said in the chart title. Under the chart, two Unicode block sparklines on a shared
 * scale carry the same information where Mermaid is not rendered (e-mail notifications, the job summary
 * in some viewers, terminals).
 *
 * Column and category names come from the data files, i.e. from whoever opened the PR: in table cells
 * and HTML they are reduced to inert text by {@link escapeMarkdownText} (HTML entities for every
 * character Markdown, HTML, autolinks, @-mentions or math could act on); inside Mermaid they are limited
 * to letters, digits and a few punctuation marks by {@link mermaidLabel}.
 *
 * Complexity: O(columns · bins). Nothing throws.
 * @example renderDriftMarkdown(details) // "**2 of 6 columns drifted** …\n\n| Column | …"
 */
export function renderDriftMarkdown(details: DriftDetails, options: { maxCharts?: number } = {}): string {
  const maxCharts = options.maxCharts ?? 10;
  const rows = sortColumns(details.columns);
  const lines: string[] = [];
  const drifted = details.drifted_columns.length;
  let head = `**${drifted} of ${details.columns_compared} columns drifted**`;
  head += details.dataset_drift
    ? ` — dataset drift (share ${formatNumber(details.share_drifted)} ≥ ${formatNumber(details.drift_share)})`
    : ` — no dataset drift (share ${formatNumber(details.share_drifted)} < ${formatNumber(details.drift_share)})`;
  if (details.dataset_drift_undecided)
    head = head.replace(/ — no dataset drift \(/, ' — dataset drift undecided (');
  if (details.bh_correction) head += '; p-values Benjamini–Hochberg adjusted';
  lines.push(head, '');
  if (details.approximate) {
    const undecided = details.undecided_columns?.length ?? 0;
    lines.push(
      `_From profiles: statistics are approximate, shown with the interval the row-level value lies in` +
        (undecided
          ? `; ${undecided} verdict${undecided === 1 ? ' is' : 's are'} undecided (the interval contains the threshold): a row-level run or a larger \`--sketch-k\` decides ${undecided === 1 ? 'it' : 'them'}._`
          : '._'),
      '',
    );
  }
  lines.push('| Column | Type | Test | Statistic | Verdict |');
  lines.push('| --- | --- | --- | --- | --- |');
  for (const c of rows) {
    const name = escapeMarkdownText(truncate(c.name, 80)) + (c.role !== 'feature' ? ` (${c.role})` : '');
    const type = c.type_mismatch ? `${c.type} (mismatch)` : c.type;
    lines.push(
      `| ${name} | ${type} | ${c.test ? TEST_SHORT[c.test] : '–'} | ${statisticCell(c)} | ${verdictCell(c)} |`,
    );
  }
  const charts = rows.filter((c) => c.drifted).slice(0, maxCharts);
  for (const c of charts) {
    const h = columnHistogram(c);
    if (!h) continue;
    lines.push(
      '',
      `<details><summary>Histogram: ${escapeMarkdownText(truncate(c.name, 80))}</summary>`,
      '',
      mermaidChart(c.name, h),
      '',
      sparklines(h),
      '',
      '</details>',
    );
  }
  const hidden = rows.filter((c) => c.drifted).length - charts.length;
  if (hidden > 0)
    lines.push('', `_${hidden} more drifted column${hidden === 1 ? '' : 's'} without a chart._`);
  return lines.join('\n') + '\n';
}

const TEST_SHORT: Readonly<Record<DriftTestName, string>> = {
  ks: 'KS',
  wasserstein: 'Wasserstein',
  js: 'Jensen–Shannon',
  psi: 'PSI',
  chi2: 'χ²',
  z: 'z-test',
};

/** Drifted first, then by severity (descending), then by name. */
export function sortColumns(columns: readonly ColumnDrift[]): ColumnDrift[] {
  return [...columns].sort(
    (a, b) =>
      Number(b.drifted) - Number(a.drifted) ||
      b.severity - a.severity ||
      (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
  );
}

/**
 * What the test measured besides the number that decided (that one is in the verdict): the test
 * statistic, the raw p-value when the verdict uses the BH-adjusted one, and the effect size when it is not
 * the deciding distance itself. `–` when there is nothing more to say.
 */
export function statisticText(c: ColumnDrift): string {
  // The raw p-value only when the BH adjustment changed it (else the verdict already shows the number).
  const raw = (p: number | undefined) =>
    c.pvalue_adjusted !== undefined && p !== undefined && formatNumber(p) !== formatNumber(c.pvalue_adjusted)
      ? [`raw p = ${formatNumber(p)}`]
      : [];
  const parts: string[] = [];
  switch (c.test) {
    case 'ks':
      parts.push(`D = ${formatNumber(c.ks?.statistic ?? NaN)}`, ...raw(c.ks?.pvalue));
      break;
    case 'chi2':
      parts.push(
        `χ² = ${formatNumber(c.chi2?.statistic ?? NaN)} (dof ${c.chi2?.dof})`,
        ...raw(c.chi2?.pvalue),
      );
      break;
    case 'z':
      parts.push(`z = ${formatNumber(c.z?.statistic ?? NaN)}`, ...raw(c.z?.pvalue));
      break;
    default:
      break;
  }
  if (c.effect_size && !DECIDING_EFFECT[c.test ?? 'ks']?.includes(c.effect_size.name))
    parts.push(`${EFFECT_LABEL[c.effect_size.name]} ${formatNumber(c.effect_size.value)}`);
  return parts.length ? parts.join('; ') : '–';
}

const EFFECT_LABEL = { wasserstein_normed: 'W/σ', cramers_v: 'Cramér’s V', js_distance: 'JS', psi: 'PSI' };

/** Effect sizes that are the deciding distance itself (already in the verdict). */
const DECIDING_EFFECT: Partial<Record<DriftTestName, readonly string[]>> = {
  wasserstein: ['wasserstein_normed'],
  js: ['js_distance'],
  psi: ['psi'],
};

function statisticCell(c: ColumnDrift): string {
  return escapeMarkdownText(statisticText(c));
}

function verdictCell(c: ColumnDrift): string {
  if (c.skipped) return `skipped: ${escapeMarkdownText(c.skipped)}`;
  const text = verdictComparison(c) ?? (c.drifted ? 'drifted' : 'no drift');
  if (c.undecided) return `🟡 ${text}`;
  return c.drifted ? `🔴 **${text}**` : `🟢 ${text}`;
}

/**
 * Text from data files made inert in a Markdown table cell or HTML: the report's one escaping rule
 * ({@link escapeMarkdown}): entities for everything Markdown or HTML could act on, and a word joiner after
 * `@`, `#` and in `://` so GitHub makes no mention, reference or link of it.
 */
export const escapeMarkdownText = escapeMarkdown;

/**
 * A label safe inside a Mermaid quoted string: letters, digits, space and `. , _ + - /` kept, anything
 * else (quotes, brackets, backticks, `#`, `;`, `%`, `<`, `:`, line breaks…) replaced by `_`, at most 30 characters.
 * @example mermaidLabel('a"b`c') // "a_b_c"
 */
export function mermaidLabel(s: string): string {
  const cleaned = [...s].map((ch) => (/^[\p{L}\p{N} ._,+\-/]$/u.test(ch) ? ch : '_')).join('');
  return truncate(cleaned, 30).trim() || '_';
}

function truncate(s: string, max: number): string {
  const chars = [...s];
  return chars.length > max ? chars.slice(0, max - 1).join('') + '…' : s;
}

/** Shares as percentages with one decimal. */
function percents(xs: readonly number[]): string {
  return xs.map((x) => String(Math.round(x * 1000) / 10)).join(', ');
}

function mermaidChart(name: string, h: DriftHistogram): string {
  const top = Math.max(...h.reference, ...h.current);
  const yMax = Math.min(100, Math.ceil((top * 100 + 1e-9) / 5) * 5 || 5);
  return [
    '```mermaid',
    'xychart-beta',
    `  title "${mermaidLabel(name)}: bars = reference, line = current"`,
    `  x-axis [${h.labels.map((l) => `"${mermaidLabel(l)}"`).join(', ')}]`,
    `  y-axis "% of rows" 0 --> ${yMax}`,
    `  bar [${percents(h.reference)}]`,
    `  line [${percents(h.current)}]`,
    '```',
  ].join('\n');
}

const BLOCKS = '▁▂▃▄▅▆▇█';

/** One character per bar on a scale shared by both rows; `·` marks an empty bin. */
export function sparkline(values: readonly number[], max: number): string {
  return values
    .map((v) => (v <= 0 || !(max > 0) ? '·' : BLOCKS[Math.min(7, Math.floor((v / max) * 7.999))]))
    .join('');
}

function sparklines(h: DriftHistogram): string {
  const max = Math.max(...h.reference, ...h.current);
  return `reference \`${sparkline(h.reference, max)}\`<br>current \`${sparkline(h.current, max)}\``;
}
