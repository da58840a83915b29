/**
 * The cost section of the job summary and the PR comment, laid out like Infracost's: the headline cost,
 * baseline → new → Δ per cost line when there is a base, the cheapest three options, the crossover, every
 * assumption (folded) and the pricing table's date. Every text from the result is escaped: instance names
 * and file names can come from a pull request's configuration.
 */
import type { CheckPresenter, KeyFigure } from '../../core/present.js';
import type { CheckResult } from '../../core/result.js';
import { escapeMarkdown } from '../../report/escape.js';
import { markdownHeading } from '../../report/format.js';
import { resultMarkdown } from '../../report/result-markdown.js';
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
  const out: string[] = [markdownHeading(r)[0], ''];

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

const h = (s: unknown) =>
  String(s ?? '').replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

/** Horizontal bars of $/month for the options shown: an inline SVG, no script, every label escaped. */
function barsSvg(cands: CandidateView[]): string {
  const max = Math.max(...cands.map((c) => c.monthly_usd), 1e-9);
  const row = 22;
  const labelW = 230;
  const barW = 360;
  const bars = cands.map((c, i) => {
    const w = Math.max(1, (c.monthly_usd / max) * barW);
    const y = i * row;
    return (
      `<text x="${labelW - 6}" y="${y + 15}" text-anchor="end" font-size="12">${h(c.name)}</text>` +
      `<rect x="${labelW}" y="${y + 4}" width="${w.toFixed(1)}" height="${row - 8}" fill="${c.kind === 'serverless' ? '#8250df' : '#0969da'}"/>` +
      `<text x="${(labelW + w + 6).toFixed(1)}" y="${y + 15}" font-size="12">${h(usd(c.monthly_usd))}</text>`
    );
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="monthly cost per option" width="${labelW + barW + 90}" height="${cands.length * row}">${bars.join('')}</svg>`;
}

/** The cost section of the offline HTML report: the same content as the Markdown, plus a bar chart. */
export function costHtml(r: CheckResult): string {
  if (!isCostDetails(r)) return `<p>${h(r.summary)}</p>`;
  const d = r.details as Record<string, unknown>;
  const candidates = d.candidates as CandidateView[];
  const diff = d.diff as DiffView | undefined;
  const lines = (Array.isArray(d.lines) ? d.lines : []) as LineView[];
  const traffic = (d.traffic ?? {}) as Record<string, unknown>;
  const percentile = h(traffic.slo_percentile ?? 'p95');
  const out: string[] = [`<p>${h(r.summary)}</p>`];
  if (diff) {
    out.push(
      '<table><thead><tr><th>Cost</th><th>Baseline</th><th>New</th><th>Δ $/month</th><th>Δ %</th></tr></thead><tbody>',
      ...diff.lines.map(
        (l) =>
          `<tr><td>${h(l.line)}</td><td>${h(usd(l.base_usd))}</td><td>${h(usd(l.head_usd))}</td><td>${h(signedUsd(l.delta_usd))}</td><td>${h(signedPercent(l.delta_relative))}</td></tr>`,
      ),
      `<tr><th>Total</th><th>${h(usd(diff.total.base_usd))}</th><th>${h(usd(diff.total.head_usd))}</th><th>${h(signedUsd(diff.total.delta_usd))}</th><th>${h(signedPercent(diff.total.delta_relative))}</th></tr>`,
      `</tbody></table><p>Baseline: ${h(diff.base_source)}. ${diff.reasons.map(h).join('; ')}</p>`,
    );
  } else if (lines.length)
    out.push(
      '<table><thead><tr><th>Cost</th><th>Detail</th><th>$/month</th></tr></thead><tbody>',
      ...lines.map(
        (l) => `<tr><td>${h(l.line)}</td><td>${h(l.detail)}</td><td>${h(usd(l.monthly_usd))}</td></tr>`,
      ),
      '</tbody></table>',
    );
  const eligible = candidates.filter((c) => c.eligible).slice(0, 10);
  if (eligible.length)
    out.push(
      `<h4>Cheapest options (of ${candidates.length} priced)</h4>`,
      barsSvg(eligible),
      `<table><thead><tr><th>#</th><th>Option</th><th>Where</th><th>Instances</th><th>vCPU</th><th>Memory</th><th>${percentile} at peak</th><th>Busy</th><th>$/1M predictions</th><th>$/month</th></tr></thead><tbody>`,
      ...eligible.map(
        (c, i) =>
          `<tr><td>${i + 1}</td><td>${h(c.name)}${c.kind === 'serverless' ? ` (${h(c.service)})` : ''}</td><td>${h(c.provider)} ${h(c.region)}</td><td>${h(count(c.instances))}${c.bound_by ? ` (${h(c.bound_by)})` : ''}</td><td>${h(Number(c.vcpus.toFixed(2)))}</td><td>${h(memory(c.memory_mb))}</td><td>${c.latency_ms === null ? 'n/a' : `${h(ms(c.latency_ms))} ms`}</td><td>${c.utilization === null ? '–' : `${Math.round(c.utilization * 100)} %`}</td><td>${h(usd(c.cost_per_million_usd))}</td><td>${h(usd(c.monthly_usd))}</td></tr>`,
      ),
      '</tbody></table>',
    );
  const crossovers = Array.isArray(d.crossover) ? (d.crossover as { note: string }[]) : [];
  if (crossovers.length)
    out.push(`<p>Serverless vs instances: ${crossovers.map((x) => h(x.note)).join('; ')}.</p>`);
  const assumptions = d.assumptions as string[];
  out.push(
    `<details><summary>Assumptions (${assumptions.length})</summary><ul>${assumptions.map((a) => `<li>${h(a)}</li>`).join('')}</ul></details>`,
    `<p>Prices: pricing table dated <strong>${h(d.table_date)}</strong> — transcribed list prices, not fetched live; refresh or override them (docs/cost.md).</p>`,
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
  html: costHtml,
};
