/**
 * The cost section of the job summary and the PR comment, laid out like Infracost's: the headline cost,
 * baseline → new → Δ per cost line when there is a base, the cheapest three options, the crossover, every
 * assumption (folded) and the pricing table's date. Every text from the result is escaped: instance names
 * and file names can come from a pull request's configuration.
 */
import type { CheckPresenter, KeyFigure } from '../../core/present.js';
import type { CheckResult } from '../../core/result.js';
import { escapeMarkdown } from '../../report/escape.js';
import { resultMarkdown, statusIcon } from '../../report/result-markdown.js';
import { count, ms, signedPercent, signedUsd, usd } from './format.js';

interface LineView {
  line: string;
  detail?: string;
  monthly_usd: number;
}
interface DiffView {
  base_source: string;
  base: { monthly_usd: number; instance_type: string };
  lines: {
    line: string;
    base_usd: number;
    head_usd: number;
    delta_usd: number;
    delta_relative: number | null;
  }[];
  total: { base_usd: number; head_usd: number; delta_usd: number; delta_relative: number | null };
  verdict: string;
  reasons: string[];
}
interface CandidateView {
  kind: string;
  name: string;
  provider: string;
  region: string;
  service: string;
  vcpus: number;
  memory_mb: number;
  instances: number;
  utilization: number | null;
  latency_ms: number | null;
  eligible: boolean;
  reason?: string;
  monthly_usd: number;
  cost_per_million_usd: number;
  bound_by?: string;
  notes?: string[];
}

const e = (s: unknown) => escapeMarkdown(String(s ?? ''));

function num(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

function isCostDetails(r: CheckResult): boolean {
  return Array.isArray(r.details.candidates) && Array.isArray(r.details.assumptions);
}

function memory(mb: number): string {
  return mb >= 1024 ? `${(mb / 1024).toFixed(mb % 1024 === 0 ? 0 : 1)} GB` : `${Math.round(mb)} MB`;
}

function optionRow(c: CandidateView, rank: number): string {
  const instances =
    c.kind === 'serverless'
      ? `${count(c.instances)} concurrent`
      : `${count(c.instances)}${c.bound_by ? ` (${e(c.bound_by)})` : ''}`;
  const cpu = `${Number.isInteger(c.vcpus) ? c.vcpus : c.vcpus.toFixed(2)} vCPU, ${memory(c.memory_mb)}`;
  const latency = c.latency_ms === null ? 'n/a' : `${ms(c.latency_ms)} ms`;
  const util = c.utilization === null ? '–' : `${Math.round(c.utilization * 100)} %`;
  const name = c.kind === 'serverless' ? `${e(c.name)} (${e(c.service)})` : e(c.name);
  return `| ${rank} | ${name} | ${e(c.provider)} ${e(c.region)} | ${instances} | ${cpu} | ${latency} | ${util} | ${usd(c.cost_per_million_usd)} | ${usd(c.monthly_usd)} |`;
}

/** The cost section in GitHub-flavoured Markdown. */
export function costMarkdown(r: CheckResult): string {
  if (!isCostDetails(r)) return resultMarkdown(r);
  const d = r.details as Record<string, unknown>;
  const traffic = (d.traffic ?? {}) as Record<string, unknown>;
  const candidates = d.candidates as CandidateView[];
  const lines = (Array.isArray(d.lines) ? d.lines : []) as LineView[];
  const diff = d.diff as DiffView | undefined;
  const percentile = e(traffic.slo_percentile ?? 'p95');
  const chosen = candidates.find((c) => c.name === d.instance_type && c.eligible);
  const out: string[] = [`### ${statusIcon(r.status)} ${e(r.name ? `${r.title} (${r.name})` : r.title)}`, ''];

  const monthly = num(r.metrics.monthly_usd);
  const perMillion = num(r.metrics.cost_per_million_usd);
  const slo = num(traffic.slo_ms);
  const trafficText = `${count(num(traffic.requests_per_day) ?? 0)} requests/day, peak ×${count(num(traffic.peak_factor) ?? 1)}${
    slo === null ? '' : `, ${percentile} ≤ ${count(slo)} ms`
  }`;
  if (chosen && monthly !== null) {
    const delta = diff
      ? ` (${signedUsd(diff.total.delta_usd)}, ${signedPercent(diff.total.delta_relative)} vs base)`
      : '';
    const where =
      chosen.kind === 'instance'
        ? `${count(chosen.instances)} × ${e(chosen.name)}`
        : `${e(chosen.name)} (${e(chosen.service)})`;
    out.push(
      `**${usd(monthly)}/month**${delta} · ${perMillion === null ? 'n/a' : usd(perMillion)} per 1M predictions · ${where}, ${e(chosen.provider)} ${e(chosen.region)} · ${trafficText}`,
      '',
    );
  } else out.push(e(r.summary), '');

  if (diff) {
    out.push('| Cost | Baseline | New | Δ $/month | Δ % |', '| --- | ---: | ---: | ---: | ---: |');
    for (const l of diff.lines)
      out.push(
        `| ${e(l.line)} | ${usd(l.base_usd)} | ${usd(l.head_usd)} | ${signedUsd(l.delta_usd)} | ${signedPercent(l.delta_relative)} |`,
      );
    const t = diff.total;
    out.push(
      `| **Total** | **${usd(t.base_usd)}** | **${usd(t.head_usd)}** | **${signedUsd(t.delta_usd)}** | **${signedPercent(t.delta_relative)}** |`,
      '',
      `Baseline: ${e(diff.base_source)}.${diff.reasons.length ? ` ${diff.verdict === 'fail' ? '❌' : diff.verdict === 'comment' ? '🔔' : ''} ${diff.reasons.map(e).join('; ')}.` : ''}`,
      '',
    );
  } else if (lines.length) {
    out.push('| Cost | Detail | $/month |', '| --- | --- | ---: |');
    for (const l of lines) out.push(`| ${e(l.line)} | ${e(l.detail)} | ${usd(l.monthly_usd)} |`);
    out.push(`| **Total** | | **${monthly === null ? 'n/a' : usd(monthly)}** |`, '');
  }

  const all = candidates.filter((c) => c.eligible);
  const eligible = all.slice(0, 3);
  // The cheapest of the other kind too, so a reader sees what instances (or serverless) would cost.
  for (const kind of ['instance', 'serverless'])
    if (eligible.length && !eligible.some((c) => c.kind === kind)) {
      const other = all.find((c) => c.kind === kind);
      if (other) eligible.push(other);
    }
  if (eligible.length) {
    out.push(
      `**Cheapest options** (of ${candidates.length} priced)`,
      '',
      `| # | Option | Where | Instances | Size | ${percentile} at peak | Busy | $/1M predictions | $/month |`,
      '| ---: | --- | --- | ---: | --- | ---: | ---: | ---: | ---: |',
      ...eligible.map((c) => optionRow(c, all.indexOf(c) + 1)),
      '',
    );
  }
  const excluded = candidates.filter((c) => !c.eligible);
  if (excluded.length) {
    const shown = excluded.slice(0, 5).map((c) => `${e(c.name)} (${e(c.reason)})`);
    out.push(
      `Not eligible: ${shown.join('; ')}${excluded.length > 5 ? `; and ${excluded.length - 5} more in the result file` : ''}.`,
      '',
    );
  }
  const crossovers = Array.isArray(d.crossover)
    ? (d.crossover as { note: string; requests_per_day: number | null }[])
    : [];
  if (crossovers.length)
    out.push(`**Serverless vs instances**: ${crossovers.map((x) => e(x.note)).join('; ')}.`, '');
  // The diff table already says why the cost moved, and the headline why nothing was chosen.
  const findings = r.findings.filter((f) => f.id !== 'cost/increase' && f.id !== 'cost/no-option');
  for (const f of findings) out.push(`- **${f.severity}** ${e(f.message)}`);
  if (findings.length) out.push('');

  const assumptions = d.assumptions as string[];
  out.push(
    `<details><summary>Assumptions (${assumptions.length})</summary>`,
    '',
    ...assumptions.map((a) => `- ${e(a)}`),
    '',
    '</details>',
    '',
    `Prices: pricing table dated **${e(d.table_date)}** — transcribed list prices, not fetched live; refresh or override them (docs/cost.md).`,
    '',
  );
  return out.join('\n');
}

/** The overview figures: $/month (relative change), $/1M predictions, instances. */
export function costKeyFigures(r: CheckResult): KeyFigure[] {
  return [
    { label: '$/month', value: num(r.metrics.monthly_usd), unit: 'USD', change: 'relative', better: 'lower' },
    {
      label: '$/1M predictions',
      value: num(r.metrics.cost_per_million_usd),
      unit: 'USD',
      change: 'relative',
      better: 'lower',
    },
    { label: 'instances', value: num(r.metrics.instances), change: 'absolute', better: 'lower' },
  ];
}

export const costPresenter: CheckPresenter = {
  check: 'cost',
  markdown: costMarkdown,
  keyFigures: costKeyFigures,
};
