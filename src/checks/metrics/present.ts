/**
 * How a metrics result is shown: the metrics table in the documented order. Key figures: ROC AUC and
 * log loss for a binary task, RMSE and R² for regression (with the direction that is better).
 */
import type { CheckPresenter, KeyFigure } from '../../core/present.js';
import type { CheckResult } from '../../core/result.js';
import { escapeHtml, escapeMarkdown } from '../../report/escape.js';
import { htmlTable, markdownHeading, markdownTable } from '../../report/format.js';
import { findingsMarkdown, metricText } from '../../report/result-markdown.js';

const KEYS: readonly { metric: string; label: string; better: 'higher' | 'lower' }[] = [
  { metric: 'roc_auc', label: 'AUC', better: 'higher' },
  { metric: 'log_loss', label: 'log loss', better: 'lower' },
  { metric: 'rmse', label: 'RMSE', better: 'lower' },
  { metric: 'r2', label: 'R²', better: 'higher' },
];

function metricsMarkdown(result: CheckResult): string {
  const lines = markdownHeading(result);
  const entries = Object.entries(result.metrics);
  if (entries.length)
    lines.push(
      ...markdownTable(
        ['metric', 'value'],
        entries.map(([k, v]) => [escapeMarkdown(k), escapeMarkdown(metricText(v))]),
      ),
      '',
    );
  lines.push(...findingsMarkdown(result.findings, result.status));
  return lines.join('\n');
}

function metricsHtml(result: CheckResult): string {
  const entries = Object.entries(result.metrics);
  return entries.length
    ? htmlTable(
        ['metric', 'value'],
        entries.map(([k, v]) => [escapeHtml(k), escapeHtml(metricText(v))]),
        { numeric: [1] },
      )
    : '';
}

function metricsKeyFigures(result: CheckResult): KeyFigure[] {
  return KEYS.filter((k) => k.metric in result.metrics).map((k) => {
    const v = result.metrics[k.metric];
    return { label: k.label, value: typeof v === 'number' ? v : null, better: k.better };
  });
}

export const metricsPresenter: CheckPresenter = {
  check: 'metrics',
  markdown: metricsMarkdown,
  keyFigures: metricsKeyFigures,
  html: metricsHtml,
};
