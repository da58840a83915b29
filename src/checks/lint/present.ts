/**
 * The lint result for people: the job summary / PR comment section (findings grouped by rule, the new
 * ones marked), the report's key figures (errors, warnings, new findings with the rule IDs behind them)
 * and an HTML fragment. Every text from the repository (file names, messages) is escaped.
 */
import type { CheckPresenter, KeyFigure } from '../../core/present.js';
import type { CheckResult } from '../../core/result.js';
import { escapeMarkdown } from '../../report/escape.js';
import { markdownHeading } from '../../report/format.js';
import { ruleById } from './rules.js';
import type { LintDetails } from './details.js';

const SHOWN_PER_RULE = 20;

function detailsOf(result: CheckResult): LintDetails | undefined {
  const d = result.details as unknown as LintDetails;
  return d && typeof d.rules === 'object' && Array.isArray(d.findings) ? d : undefined;
}

function num(result: CheckResult, key: string): number | null {
  const v = result.metrics[key];
  return typeof v === 'number' ? v : null;
}

const ORDER = { error: 0, warning: 1, note: 2 } as const;

/** Rules with findings, worst first, then by ID. */
function rulesByWeight(d: LintDetails): [string, LintDetails['rules'][string]][] {
  return Object.entries(d.rules).sort(
    ([a, x], [b, y]) => ORDER[x.severity] - ORDER[y.severity] || a.localeCompare(b),
  );
}

export function lintMarkdown(result: CheckResult): string {
  const lines = markdownHeading(result);
  const d = detailsOf(result);
  if (!d) return lines.join('\n');
  const ranked = rulesByWeight(d);
  if (ranked.length) {
    lines.push('| Rule | Severity | Findings | New | What |', '| --- | --- | --- | --- | --- |');
    for (const [id, r] of ranked)
      lines.push(
        `| ${id} ${escapeMarkdown(r.name)} | ${r.severity} | ${r.count} | ${r.new} | ${escapeMarkdown(ruleById(id)?.title ?? '')} |`,
      );
    lines.push('');
    for (const [id, r] of ranked) {
      const items = d.findings.filter((f) => f.rule === id && !f.suppressed);
      lines.push(`<details><summary>${id} ${escapeMarkdown(r.name)} (${r.count})</summary>`, '');
      for (const f of items.slice(0, SHOWN_PER_RULE)) {
        const where = f.file ? `${escapeMarkdown(f.file)}${f.line ? `:${f.line}` : ''}: ` : '';
        const mark =
          f.state === 'baselined' ? ' (in baseline)' : f.state === 'new-rule' ? ' (new rule)' : ' **new**';
        lines.push(`- ${where}${escapeMarkdown(f.message)}${d.baseline ? mark : ''}`);
      }
      if (items.length > SHOWN_PER_RULE)
        lines.push(`- … ${items.length - SHOWN_PER_RULE} more in the result file and the SARIF`);
      lines.push('', '</details>', '');
    }
  }
  const suppressed = num(result, 'suppressed');
  const footer = [
    `${d.files} files (${d.source === 'git' ? 'as Git lists them' : 'folder walk'})`,
    suppressed ? `${suppressed} suppressed` : '',
    d.baseline ? `baseline: ${d.baseline.entries} findings` : '',
    'rules: docs/lint.md, or model-ci lint --explain ID',
  ].filter(Boolean);
  lines.push(`<sub>${escapeMarkdown(footer.join(' · '))}</sub>`, '');
  return lines.join('\n');
}

function escapeHtml(s: string): string {
  return s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}

export const lintPresenter: CheckPresenter = {
  check: 'lint',
  markdown: lintMarkdown,
  keyFigures(result): KeyFigure[] {
    const d = detailsOf(result);
    const newRules = d
      ? rulesByWeight(d)
          .filter(([, r]) => r.new > 0)
          .map(([id]) => id)
      : [];
    return [
      { label: 'lint errors', value: num(result, 'errors'), better: 'lower' },
      { label: 'lint warnings', value: num(result, 'warnings'), better: 'lower' },
      { label: 'new lint findings', value: num(result, 'new_findings'), better: 'lower', members: newRules },
    ];
  },
  html(result) {
    const d = detailsOf(result);
    const parts = [`<p>${escapeHtml(result.summary)}</p>`];
    if (!d) return parts.join('\n');
    for (const [id, r] of rulesByWeight(d)) {
      const items = d.findings.filter((f) => f.rule === id && !f.suppressed).slice(0, SHOWN_PER_RULE);
      parts.push(
        `<details><summary>${escapeHtml(`${id} ${r.name}`)} — ${escapeHtml(r.severity)}, ${r.count} (${r.new} new)</summary><ul>`,
        ...items.map(
          (f) =>
            `<li>${f.file ? `<code>${escapeHtml(f.file)}${f.line ? `:${f.line}` : ''}</code> ` : ''}${escapeHtml(f.message)}</li>`,
        ),
        '</ul></details>',
      );
    }
    return parts.join('\n');
  },
};
