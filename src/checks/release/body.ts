/**
 * The release notes (the GitHub release's body): what the release is, the model card's summary, the
 * metrics with their change since the previous release (from the result files attached to it), the
 * checks it passed, the data it was judged on, the serving image, the changes since the previous release
 * (Conventional Commits, as release-please groups them) and its provenance. No timestamp, so the same
 * inputs give the same body and a re-run changes nothing. Every text from the repository, its commits or
 * its results is escaped (src/report/escape.ts): commit messages come from pull requests.
 */
import type { CardSummary } from '../../core/model-card.js';
import type { CheckResult } from '../../core/result.js';
import { escapeMarkdown, truncateText } from '../../report/escape.js';
import { formatNumber, formatSigned, markdownTable, statusIcon } from '../../report/format.js';
import type { ParsedCommit } from './commits.js';
import { resultName } from './results.js';

/** GitHub refuses release bodies over 125 000 characters; the notes stay well below. */
export const BODY_LIMIT = 100_000;

/** A code span: Markdown, HTML and mentions are inert inside it, so only backticks and controls go. */
// eslint-disable-next-line no-control-regex
export const code = (text: string) => `\`${text.replace(/[`\x00-\x1f\x7f]/g, '')}\``;

/** A URL that cannot break out of a Markdown link destination. */
export function linkTarget(url: string): string {
  return url.replace(/[\s()<>]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

export interface MetricRow {
  label: string;
  value: number;
  /** Which direction is better, for the change's mark. */
  better?: 'higher' | 'lower';
  digits?: number;
}

const LOWER_IS_BETTER = /loss|error|rmse|mse|mae|mape|brier|ece|latency|_ms$|size|usd|cost/i;

function num(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

/**
 * The figures a release is judged by, from its results: the gate's candidate metrics (else a metrics
 * result's), the smoke test's latency and throughput, the image's size and the cost estimate.
 */
export function releaseMetrics(results: readonly CheckResult[]): MetricRow[] {
  const rows: MetricRow[] = [];
  const better = (name: string): 'higher' | 'lower' => (LOWER_IS_BETTER.test(name) ? 'lower' : 'higher');
  const gate = results.find((r) => r.check === 'gate');
  if (gate) {
    for (const [name, v] of Object.entries(gate.metrics)) {
      const value = v && typeof v === 'object' ? num((v as Record<string, unknown>).candidate) : undefined;
      if (value !== undefined) rows.push({ label: name, value, better: better(name) });
    }
  } else {
    const metrics = results.filter((r) => r.check === 'metrics');
    const pick =
      metrics.find((r) => r.name === 'candidate') ?? (metrics.length === 1 ? metrics[0] : undefined);
    for (const [name, v] of Object.entries(pick?.metrics ?? {})) {
      const value = num(v);
      if (value !== undefined && !/^(tp|fp|tn|fn)$/.test(name))
        rows.push({ label: name, value, better: better(name) });
    }
  }
  const smoke = results.find((r) => r.check === 'smoke');
  const p95 = num(smoke?.metrics.latency_p95_ms);
  if (p95 !== undefined) rows.push({ label: 'latency p95 (ms)', value: p95, better: 'lower' });
  const throughput = num(smoke?.metrics.throughput_per_s);
  if (throughput !== undefined)
    rows.push({ label: 'throughput (rows/s)', value: throughput, better: 'higher' });
  const image = results.find((r) => r.check === 'image');
  const size = num(image?.metrics.size_bytes);
  if (size !== undefined) rows.push({ label: 'image size (MB)', value: size / 1e6, better: 'lower' });
  const cost = results.find((r) => r.check === 'cost');
  const monthly = num(cost?.metrics.monthly_usd);
  if (monthly !== undefined)
    rows.push({ label: 'serving cost (USD/month)', value: monthly, better: 'lower' });
  return rows;
}

export interface DataRow {
  /** The data file, relative to the repository where possible. */
  file: string;
  rows?: number;
  columns?: number;
  quality: string;
  sha256?: string;
}

export interface ImageFacts {
  repository: string;
  digest: string;
  ref: string;
  tags: string[];
  pushed: boolean;
}

export interface BodyInput {
  tag: string;
  version: string;
  commit: string;
  previousTag?: string;
  /** `https://github.com/acme/churn`, for links (absent: plain text). */
  webUrl?: string;
  bumpReason: string;
  card?: CardSummary & { file: string };
  results: readonly CheckResult[];
  /** The previous release's results, when they could be read. */
  previous?: readonly CheckResult[];
  /** Why there are no deltas, when `previous` is absent. */
  previousNote?: string;
  changes: readonly ParsedCommit[];
  changesTruncated: boolean;
  forced: readonly CheckResult[];
  image?: ImageFacts;
  data: readonly DataRow[];
  provenance: { modelFiles: number; image: boolean; signed: boolean; note: string };
  report?: { url: string; label: string };
  assets: readonly string[];
}

function commitLink(input: BodyInput, sha: string): string {
  const short = code(sha.slice(0, 7));
  return input.webUrl ? `[${short}](${linkTarget(`${input.webUrl}/commit/${sha}`)})` : short;
}

function tagLink(input: BodyInput, tag: string): string {
  return input.webUrl
    ? `[${escapeMarkdown(tag)}](${linkTarget(`${input.webUrl}/releases/tag/${encodeURIComponent(tag)}`)})`
    : code(tag);
}

function changeCell(row: MetricRow, before: number | undefined): string {
  if (before === undefined) return 'new';
  const d = row.value - before;
  if (d === 0 || Math.abs(d) < 1e-12) return '±0';
  const good = row.better === 'higher' ? d > 0 : d < 0;
  return `${formatSigned(d)} ${good ? '🟢' : '🔴'}`;
}

function metricsSection(input: BodyInput): string[] {
  const rows = releaseMetrics(input.results);
  if (!rows.length) return [];
  const prev = input.previous
    ? new Map(releaseMetrics(input.previous).map((r) => [r.label, r.value]))
    : undefined;
  const lines = ['### Metrics', ''];
  if (prev && input.previousTag) {
    lines.push(
      ...markdownTable(
        ['metric', escapeMarkdown(input.previousTag), escapeMarkdown(input.tag), 'change'],
        rows.map((r) => [
          escapeMarkdown(r.label),
          formatNumber(prev.get(r.label)),
          formatNumber(r.value),
          changeCell(r, prev.get(r.label)),
        ]),
      ),
    );
  } else {
    lines.push(
      ...markdownTable(
        ['metric', escapeMarkdown(input.tag)],
        rows.map((r) => [escapeMarkdown(r.label), formatNumber(r.value)]),
      ),
    );
    if (input.previousNote) lines.push('', `_${escapeMarkdown(input.previousNote)}_`);
  }
  lines.push('');
  return lines;
}

/** The pipeline's order (lint first, cost last), so the notes read like the report. */
const ORDER = [
  'lint',
  'smoke',
  'metrics',
  'gate',
  'data',
  'data-profile',
  'data-merge',
  'drift',
  'image',
  'cost',
];

function checksSection(input: BodyInput): string[] {
  const rank = (c: string) => (ORDER.includes(c) ? ORDER.indexOf(c) : ORDER.length);
  const sorted = [...input.results].sort(
    (a, b) => rank(a.check) - rank(b.check) || (a.name ?? '').localeCompare(b.name ?? ''),
  );
  return [
    '### Checks',
    '',
    ...markdownTable(
      ['check', 'status', 'summary'],
      sorted.map((r) => [
        escapeMarkdown(resultName(r)),
        `${statusIcon(r.status)} ${r.status}`,
        escapeMarkdown(truncateText(r.summary, 200)),
      ]),
    ),
    '',
  ];
}

function cardSection(input: BodyInput): string[] {
  const card = input.card;
  if (!card || (!card.fields.length && !card.title)) return [];
  const lines = ['### Model card', ''];
  lines.push(`${card.title ? `**${escapeMarkdown(card.title)}** — ` : ''}from ${code(card.file)}`, '');
  for (const f of card.fields)
    lines.push(
      `- **${escapeMarkdown(f.field[0].toUpperCase() + f.field.slice(1))}**: ${escapeMarkdown(f.text)}`,
    );
  lines.push('');
  return lines;
}

function dataSection(input: BodyInput): string[] {
  if (!input.data.length) return [];
  const drift = input.results.filter((r) => r.check === 'drift');
  return [
    '### Data',
    '',
    ...markdownTable(
      ['data', 'rows × columns', 'quality', 'sha256'],
      input.data.map((d) => [
        code(d.file),
        d.rows !== undefined
          ? `${formatNumber(d.rows)} × ${d.columns !== undefined ? formatNumber(d.columns) : '–'}`
          : '–',
        escapeMarkdown(d.quality),
        d.sha256 ? code(d.sha256.slice(0, 16)) : '–',
      ]),
    ),
    ...drift.map(
      (r) => `\n- ${statusIcon(r.status)} **${escapeMarkdown(resultName(r))}**: ${escapeMarkdown(r.summary)}`,
    ),
    '',
  ];
}

function imageSection(input: BodyInput): string[] {
  const i = input.image;
  if (!i) return [];
  return [
    '### Serving image',
    '',
    `- ${code(i.ref)}${i.pushed ? '' : ' (built, not pushed)'}`,
    ...(i.tags.length ? [`- tags: ${i.tags.map(code).join(', ')}`] : []),
    '',
  ];
}

const GROUPS: { title: string; test: (c: ParsedCommit) => boolean }[] = [
  { title: '⚠️ Breaking changes', test: (c) => c.breaking },
  { title: 'Features', test: (c) => !c.breaking && c.type === 'feat' },
  { title: 'Fixes', test: (c) => !c.breaking && c.bump === 'patch' },
];

function changesSection(input: BodyInput): string[] {
  const title = input.previousTag ? `### Changes since ${escapeMarkdown(input.previousTag)}` : '### Changes';
  const lines = [title, ''];
  const shown = new Set<ParsedCommit>();
  const PER_GROUP = 50;
  for (const g of GROUPS) {
    const list = input.changes.filter(g.test);
    if (!list.length) continue;
    lines.push(`**${g.title}**`, '');
    for (const c of list.slice(0, PER_GROUP)) {
      shown.add(c);
      const scope = c.scope ? `**${escapeMarkdown(c.scope)}:** ` : '';
      const text =
        c.breaking && c.breakingNotes[0] && c.breakingNotes[0] !== c.subject
          ? `${c.subject} — ${c.breakingNotes[0]}`
          : c.subject;
      lines.push(`- ${scope}${escapeMarkdown(truncateText(text, 300))} (${commitLink(input, c.sha)})`);
    }
    if (list.length > PER_GROUP) lines.push(`- … and ${list.length - PER_GROUP} more`);
    lines.push('');
  }
  const others = input.changes.filter((c) => !shown.has(c));
  if (others.length) {
    const plain = others.filter((c) => !c.conventional).length;
    lines.push(
      `${shown.size ? 'Also' : 'Commits'}: ${others.length} other commit${others.length > 1 ? 's' : ''}${plain ? ` (${plain} not conventional)` : ''} that bump nothing.${input.changesTruncated ? ' Only the latest 1000 commits were read.' : ''}`,
      '',
    );
  } else if (!input.changes.length) lines.push('No commits since the previous release.', '');
  return lines;
}

/** The release notes for GitHub (Markdown). */
export function renderBody(input: BodyInput): string {
  const lines: string[] = [];
  const facts = [
    `**${escapeMarkdown(input.tag)}** (${escapeMarkdown(input.bumpReason)})`,
    `commit ${commitLink(input, input.commit)}`,
    input.previousTag ? `previous release ${tagLink(input, input.previousTag)}` : 'first release',
  ];
  if (input.report) facts.push(`[${escapeMarkdown(input.report.label)}](${linkTarget(input.report.url)})`);
  lines.push(facts.join(' · '), '');
  if (input.forced.length)
    lines.push(
      '> [!WARNING]',
      `> Released with \`force\` although ${input.forced.map((r) => `**${escapeMarkdown(resultName(r))}** ${r.status}ed (${escapeMarkdown(truncateText(r.summary, 120))})`).join('; ')}.`,
      '',
    );
  lines.push(...cardSection(input));
  lines.push(...metricsSection(input));
  lines.push(...checksSection(input));
  lines.push(...dataSection(input));
  lines.push(...imageSection(input));
  lines.push(...changesSection(input));
  const subjects = [
    input.provenance.modelFiles
      ? `${input.provenance.modelFiles} model file${input.provenance.modelFiles > 1 ? 's' : ''}`
      : '',
    input.provenance.image ? 'the serving image' : '',
  ].filter(Boolean);
  lines.push(
    '### Provenance',
    '',
    `${code('provenance.json')}: an in-toto Statement v1 with a SLSA provenance v1 predicate; subjects: ${subjects.join(' and ') || 'none'} (sha256); materials: the commit, the data and the result files. ${input.provenance.signed ? `Signed with Sigstore: ${code('provenance.sigstore.json')}.` : `${escapeMarkdown(input.provenance.note.replace(/^./, (c) => c.toUpperCase()))}.`}`,
    '',
  );
  if (input.assets.length) lines.push(`Attached: ${input.assets.map(code).join(', ')}.`, '');
  let body = lines.join('\n');
  if (body.length > BODY_LIMIT)
    body = `${body.slice(0, BODY_LIMIT)}\n\n_(notes shortened to ${BODY_LIMIT} characters)_\n`;
  return body;
}
