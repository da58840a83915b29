/**
 * How a gate result is shown: a table of every rule condition with the metric's baseline, candidate and
 * change with its interval, the reasons of the conditions that did not pass, then the metrics no rule
 * looks at. The key figure is the first rule's metric (the one a team gates on first, e.g. `AUC 0.819`).
 */
import type { KeyFigure, CheckPresenter } from '../../core/present.js';
import type { CheckResult, JsonNumber } from '../../core/result.js';
import { escapeHtml, escapeMarkdown, truncateText } from '../../report/escape.js';
import { formatNumber, htmlStatus, htmlTable, markdownHeading, markdownTable } from '../../report/format.js';
import { resultMarkdown } from '../../report/result-markdown.js';
import { KNOWN_METRICS } from '../../stats/metrics/known-metrics.js';
import type { RuleReport } from './gate.js';
import { slicesHtml, slicesMarkdown, slicesText } from './present-slices.js';

type Row = Record<'baseline' | 'candidate' | 'delta' | 'delta_relative' | 'ci_low' | 'ci_high', JsonNumber>;

const VERDICT: Record<RuleReport['outcome'], string> = {
  pass: '✅ pass',
  fail: '❌ fail',
  warn: '⚠️ warn',
  skipped: '⏭️ skipped',
};

/** Short names people use for metrics in a headline. */
const SHORT: Readonly<Record<string, string>> = {
  roc_auc: 'AUC',
  average_precision: 'PR-AUC',
  log_loss: 'log loss',
  brier: 'Brier',
  ece: 'ECE',
  accuracy: 'accuracy',
  precision: 'precision',
  recall: 'recall',
  f1: 'F1',
  rmse: 'RMSE',
  mse: 'MSE',
  mae: 'MAE',
  mape: 'MAPE',
  r2: 'R²',
  mean_error: 'mean error',
};

/** `roc_auc` -> `AUC`; unknown names as they are. */
export function metricShortName(metric: string): string {
  return SHORT[metric] ?? metric;
}

/** Whether a larger value of `metric` is better, when model-ci knows the metric. */
export function metricBetter(metric: string): KeyFigure['better'] {
  const known = KNOWN_METRICS.find((m) => m.name === metric);
  return known ? (known.greater_is_better ? 'higher' : 'lower') : undefined;
}

function signed(x: JsonNumber | undefined): string {
  if (x === null || x === undefined) return '–';
  const s = formatNumber(x);
  return typeof x === 'number' && x > 0 ? `+${s}` : s;
}

function rowsOf(result: CheckResult): Record<string, Row> {
  return result.metrics as Record<string, Row>;
}

function rulesOf(result: CheckResult): RuleReport[] {
  return Array.isArray(result.details.rules) ? (result.details.rules as RuleReport[]) : [];
}

/** Baseline, candidate and change [interval] of one metric as text cells. */
function cells(rows: Record<string, Row>, metric: string): [string, string, string] {
  const r = rows[metric];
  if (!r || typeof r !== 'object') return ['–', '–', '–'];
  const interval =
    r.ci_low !== null && r.ci_high !== null ? ` [${signed(r.ci_low)}, ${signed(r.ci_high)}]` : '';
  return [
    formatNumber(r.baseline),
    formatNumber(r.candidate),
    r.delta === null ? '–' : `${signed(r.delta)}${interval}`,
  ];
}

function otherMetrics(result: CheckResult): string[] {
  const rows = rowsOf(result);
  const ruled = new Set(rulesOf(result).map((r) => r.metric));
  return Object.keys(rows).filter((m) => !ruled.has(m) && typeof rows[m] === 'object' && rows[m] !== null);
}

/** The gate's Markdown: heading, summary, the rule table with Δ [interval], reasons, other metrics. */
export function gateMarkdown(result: CheckResult): string {
  const rules = rulesOf(result);
  if (!Array.isArray(result.details.rules)) return resultMarkdown(result);
  const rows = rowsOf(result);
  const lines = markdownHeading(result);
  if (rules.length) {
    lines.push(
      ...markdownTable(
        ['metric', 'baseline', 'candidate', 'Δ [95% interval]', 'rule', 'verdict'],
        rules.map((r) => [
          escapeMarkdown(r.metric),
          ...cells(rows, r.metric),
          escapeMarkdown(truncateText(r.rule, 200)),
          VERDICT[r.outcome],
        ]),
      ),
      '',
    );
    const reasons = rules.filter((r) => r.outcome !== 'pass');
    for (const r of reasons)
      lines.push(`- **${escapeMarkdown(r.metric)}**: ${escapeMarkdown(truncateText(r.reason, 500))}`);
    if (reasons.length) lines.push('');
  }
  lines.push(...slicesMarkdown(result));
  const others = otherMetrics(result);
  if (others.length) {
    lines.push(
      '<details><summary>Other metrics (no rule)</summary>',
      '',
      ...markdownTable(
        ['metric', 'baseline', 'candidate', 'Δ'],
        others.map((m) => [escapeMarkdown(m), ...cells(rows, m)]),
      ),
      '',
      '</details>',
      '',
    );
  }
  return lines.join('\n');
}

/** The gate's section of the HTML report: every condition with its reason, then every other metric. */
export function gateHtml(result: CheckResult): string {
  const rows = rowsOf(result);
  const rules = rulesOf(result);
  const parts: string[] = [];
  if (rules.length) {
    parts.push(
      htmlTable(
        ['metric', 'baseline', 'candidate', 'Δ [95% interval]', 'rule', 'verdict', 'why'],
        rules.map((r) => [
          escapeHtml(r.metric),
          ...cells(rows, r.metric),
          escapeHtml(r.rule),
          htmlStatus(r.outcome === 'skipped' ? 'skipped' : r.outcome),
          escapeHtml(r.reason),
        ]),
        { numeric: [1, 2, 3], className: 'wide' },
      ),
    );
  }
  const slices = slicesHtml(result);
  if (slices) parts.push(slices);
  const others = otherMetrics(result);
  if (others.length) {
    parts.push(
      '<h4>Other metrics (no rule)</h4>',
      htmlTable(
        ['metric', 'baseline', 'candidate', 'Δ [interval]'],
        others.map((m) => [escapeHtml(m), ...cells(rows, m)]),
        { numeric: [1, 2, 3] },
      ),
    );
  }
  return parts.join('\n');
}

/** The first rule's metric (its candidate value), then the number of conditions that failed. */
export function gateKeyFigures(result: CheckResult): KeyFigure[] {
  const rules = rulesOf(result);
  const rows = rowsOf(result);
  const figures: KeyFigure[] = [];
  const first = rules.find((r) => rows[r.metric] && typeof rows[r.metric] === 'object');
  if (first) {
    const c = rows[first.metric].candidate;
    figures.push({
      label: metricShortName(first.metric),
      value: typeof c === 'number' ? c : null,
      better: metricBetter(first.metric),
    });
  }
  const failed = rules.filter((r) => r.outcome === 'fail');
  figures.push({
    label: 'failed conditions',
    value: failed.length,
    better: 'lower',
    members: failed.map((r) => r.metric),
  });
  return figures;
}

export const gatePresenter: CheckPresenter = {
  check: 'gate',
  markdown: gateMarkdown,
  keyFigures: gateKeyFigures,
  html: gateHtml,
  text: slicesText,
};
