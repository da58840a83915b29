import { fromJsonNumber, type CheckResult, type JsonNumber } from '../../core/result.js';
import { escapeMarkdown } from '../../report/escape.js';
import { statusIcon } from '../../report/result-markdown.js';
import type { RuleReport } from './gate.js';

type Row = Record<'baseline' | 'candidate' | 'delta' | 'delta_relative' | 'ci_low' | 'ci_high', JsonNumber>;

function num(x: JsonNumber | undefined): string {
  if (x === null || x === undefined) return '–';
  const v = fromJsonNumber(x);
  if (!Number.isFinite(v)) return v > 0 ? '∞' : '−∞';
  if (Number.isInteger(v)) return String(v);
  return v.toPrecision(4).replace(/\.?0+(e|$)/, '$1');
}

function signed(x: JsonNumber | undefined): string {
  const s = num(x);
  return typeof x === 'number' && x > 0 ? `+${s}` : s.replace(/^-/, '−');
}

const VERDICT: Record<RuleReport['outcome'], string> = {
  pass: '✅ pass',
  fail: '❌ fail',
  warn: '⚠️ warn',
  skipped: '⏭️ skipped',
};

/**
 * The gate's job-summary section: one row per rule condition with the metric's baseline, candidate and
 * change with its interval, then the metrics no rule looks at.
 */
export function gateMarkdown(result: CheckResult): string {
  const rows = result.metrics as Record<string, Row>;
  const rules = (result.details.rules ?? []) as RuleReport[];
  const lines = [
    `### ${statusIcon(result.status)} ${escapeMarkdown(result.title)}`,
    '',
    escapeMarkdown(result.summary),
    '',
  ];
  const cell = (metric: string) => {
    const r = rows[metric];
    if (!r || typeof r !== 'object') return ['–', '–', '–'];
    const interval =
      r.ci_low !== null && r.ci_high !== null ? ` [${signed(r.ci_low)}, ${signed(r.ci_high)}]` : '';
    return [num(r.baseline), num(r.candidate), r.delta === null ? '–' : `${signed(r.delta)}${interval}`];
  };
  if (rules.length) {
    lines.push(
      '| metric | baseline | candidate | Δ [95% interval] | rule | verdict |',
      '| --- | --- | --- | --- | --- | --- |',
    );
    for (const r of rules) {
      const [b, c, d] = cell(r.metric);
      lines.push(
        `| ${escapeMarkdown(r.metric)} | ${b} | ${c} | ${d} | ${escapeMarkdown(r.rule)} | ${VERDICT[r.outcome]} |`,
      );
    }
    lines.push('');
    const reasons = rules.filter((r) => r.outcome !== 'pass');
    for (const r of reasons) lines.push(`- **${escapeMarkdown(r.metric)}**: ${escapeMarkdown(r.reason)}`);
    if (reasons.length) lines.push('');
  }
  const ruled = new Set(rules.map((r) => r.metric));
  const others = Object.keys(rows).filter(
    (m) => !ruled.has(m) && typeof rows[m] === 'object' && rows[m] !== null,
  );
  if (others.length) {
    lines.push(
      '<details><summary>Other metrics (no rule)</summary>',
      '',
      '| metric | baseline | candidate | Δ |',
      '| --- | --- | --- | --- |',
    );
    for (const m of others) {
      const [b, c, d] = cell(m);
      lines.push(`| ${escapeMarkdown(m)} | ${b} | ${c} | ${d} |`);
    }
    lines.push('', '</details>', '');
  }
  return lines.join('\n');
}
