/**
 * The report as Markdown: the PR comment's section and the job summary. A headline with the worst status
 * and the counts, a compact table (check, status, the key figure, the change against the base branch),
 * then one collapsible `<details>` per result with its check's own Markdown — open when it failed.
 *
 * Size: a GitHub comment holds at most 65,536 characters. {@link renderMarkdownWithin} shrinks in this
 * order until the text fits, and says what it left out and where to find it (the HTML report):
 *   1. long tables are cut to 100, then 50, 20 and 10 rows;
 *   2. the details of passing results are left out, then of warnings, then of failures and errors;
 *   3. the overview keeps the worst results first, cut to fit;
 *   4. last resort: the text is cut at a line, with any open `<details>` closed.
 */
import { createHash } from 'node:crypto';
import type { Status } from '../core/result.js';
import { escapeMarkdown, truncateText } from './escape.js';
import { resultLabel, statusIcon } from './format.js';
import { countsText, type FigureComparison, type ReportEntry, type ReportModel } from './model.js';
import { resultMarkdown } from './result-markdown.js';

/** GitHub's limit for an issue or pull-request comment body, in characters. */
export const COMMENT_LIMIT = 65_536;

/** Where the reader finds what the comment could not hold, and the run that made it. */
export interface ReportLinks {
  /** The HTML report (an artifact page, or a file name for a local run). */
  html?: { url?: string; label: string };
  /** The workflow run. */
  run?: { url: string; label: string };
}

export interface MarkdownOptions {
  /** Shown in the headline when it is not the default (`model-ci`). */
  title?: string;
  links?: ReportLinks;
  /** Tool version for the footer. */
  version?: string;
}

interface Shrink {
  tableRows?: number;
  omitDetails: ReadonlySet<Status>;
  overviewRows?: number;
}

const STATUS_ORDER: Status[] = ['error', 'fail', 'warn', 'pass'];
const VERDICT_MARK = { better: ' 🟢', worse: ' 🔴', same: '' } as const;

/** `+0.012 🟢 (new: monthly_charges)`: the change cell of the overview, escaped. */
export function changeText(c: FigureComparison): string {
  const parts: string[] = [];
  if (c.change) parts.push(`${c.change}${c.verdict ? VERDICT_MARK[c.verdict] : ''}`);
  const names = (label: string, list: string[]) =>
    `${label}: ${list
      .slice(0, 3)
      .map((m) => escapeMarkdown(truncateText(m, 40)))
      .join(', ')}${list.length > 3 ? ` +${list.length - 3}` : ''}`;
  const members: string[] = [];
  if (c.added.length) members.push(names('new', c.added));
  if (c.removed.length) members.push(names('gone', c.removed));
  if (members.length) parts.push(`(${members.join('; ')})`);
  return parts.join(' ');
}

/**
 * A presenter's Markdown without its leading `### heading` and summary paragraph: the report shows both
 * in the `<summary>` line of the result's `<details>`.
 */
export function sectionBody(entry: ReportEntry): string {
  const r = entry.result;
  let md: string;
  try {
    md = entry.presenter ? entry.presenter.markdown(r) : resultMarkdown(r);
  } catch (e) {
    md = `${resultMarkdown(r)}\n_The ${escapeMarkdown(r.check)} presenter failed on this result (${escapeMarkdown((e as Error).message)}); shown generically._\n`;
  }
  const lines = md.split('\n');
  let i = 0;
  if (lines[i]?.startsWith('### ')) {
    i++;
    while (lines[i] === '') i++;
    if (lines[i] === escapeMarkdown(r.summary)) i++;
    while (lines[i] === '') i++;
  }
  return lines.slice(i).join('\n').trimEnd();
}

/** Cut every Markdown table in `md` to `max` rows, with a line saying how many were left out. */
export function cutTables(md: string, max: number, where: string): string {
  const lines = md.split('\n');
  const out: string[] = [];
  let fence = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (/^\s*(```|~~~)/.test(line)) fence = !fence;
    const startsTable = !fence && line.startsWith('|') && /^\|(\s*:?-+:?\s*\|)+\s*$/.test(lines[i + 1] ?? '');
    if (!startsTable) {
      out.push(line);
      continue;
    }
    let end = i + 2;
    while (end < lines.length && lines[end].startsWith('|')) end++;
    const rows = end - i - 2;
    out.push(...lines.slice(i, i + 2 + Math.min(rows, max)));
    if (rows > max) out.push('', `_… ${rows - max} more rows ${where}._`);
    i = end - 1;
  }
  return out.join('\n');
}

function headline(model: ReportModel, title: string): string {
  const n = model.entries.length;
  return `### ${n ? statusIcon(model.status) : 'ℹ️'} ${escapeMarkdown(title)}: ${countsText(model.counts)}`;
}

function overview(model: ReportModel, shrink: Shrink): string[] {
  const header = model.compared
    ? ['check', 'status', 'key figure', 'vs base']
    : ['check', 'status', 'key figure'];
  let entries = model.entries;
  let cut = 0;
  if (shrink.overviewRows !== undefined && entries.length > shrink.overviewRows) {
    entries = [...entries]
      .sort((a, b) => STATUS_ORDER.indexOf(a.result.status) - STATUS_ORDER.indexOf(b.result.status))
      .slice(0, shrink.overviewRows);
    cut = model.entries.length - entries.length;
  }
  const lines = [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`];
  for (const e of entries) {
    const first = e.figures[0];
    const cells = [
      escapeMarkdown(truncateText(resultLabel(e.result), 80)),
      `${statusIcon(e.result.status)} ${e.result.status}`,
      first ? escapeMarkdown(first.text) : escapeMarkdown(truncateText(e.result.summary, 80)),
    ];
    if (model.compared) cells.push(!e.base ? 'new check' : first ? changeText(first) : '');
    lines.push(`| ${cells.join(' | ')} |`);
  }
  if (cut) lines.push('', `_… ${cut} more results (passing ones first left out) in the HTML report._`);
  if (model.removed.length)
    lines.push(
      '',
      `_Not run on this branch but on the base: ${model.removed
        .slice(0, 10)
        .map((r) => escapeMarkdown(resultLabel(r)))
        .join(', ')}${model.removed.length > 10 ? ` and ${model.removed.length - 10} more` : ''}._`,
    );
  return lines;
}

function footer(options: MarkdownOptions, shrunk: string[]): string[] {
  const links = options.links ?? {};
  const html = links.html
    ? links.html.url
      ? `[${escapeMarkdown(links.html.label)}](${links.html.url})`
      : escapeMarkdown(links.html.label)
    : undefined;
  const lines: string[] = [];
  if (shrunk.length)
    lines.push(
      `> [!NOTE]`,
      `> Shortened to fit GitHub's ${COMMENT_LIMIT.toLocaleString('en-US')}-character limit: ${shrunk.join('; ')}.${html ? ` Everything is in the HTML report: ${html}.` : ''}`,
      '',
    );
  const parts: string[] = [];
  if (html) parts.push(`📄 Full report: ${html}`);
  if (links.run) parts.push(`[${escapeMarkdown(links.run.label)}](${links.run.url})`);
  parts.push(`model-ci${options.version ? ` ${escapeMarkdown(options.version)}` : ''}`);
  lines.push(`<sub>${parts.join(' · ')}</sub>`);
  return lines;
}

function render(model: ReportModel, options: MarkdownOptions, shrink: Shrink, shrunk: string[]): string {
  const where = options.links?.html ? 'in the HTML report' : 'in the result file';
  const lines = [headline(model, options.title ?? 'model-ci'), ''];
  for (const w of model.warnings.slice(0, 20)) lines.push(`> ⚠️ ${escapeMarkdown(truncateText(w, 300))}`);
  if (model.warnings.length > 20) lines.push(`> ⚠️ … and ${model.warnings.length - 20} more warnings`);
  if (model.warnings.length) lines.push('');
  if (model.entries.length) lines.push(...overview(model, shrink), '');
  for (const e of model.entries) {
    const r = e.result;
    const open = r.status === 'fail' || r.status === 'error' ? ' open' : '';
    const summary = `${statusIcon(r.status)} ${escapeMarkdown(truncateText(resultLabel(r), 80))}: ${escapeMarkdown(truncateText(r.summary, 300))}`;
    if (shrink.omitDetails.has(r.status)) {
      continue;
    }
    let body = sectionBody(e);
    if (shrink.tableRows !== undefined) body = cutTables(body, shrink.tableRows, where);
    lines.push(
      `<details${open}><summary>${summary}</summary>`,
      '',
      body || '_No details._',
      '',
      '</details>',
      '',
    );
  }
  lines.push(...footer(options, shrunk));
  return lines.join('\n');
}

/** Close every `<details>` left open by a cut, so the rest of the comment (other sections) renders. */
function closeDetails(md: string): string {
  const opened = (md.match(/<details[ >]/g) ?? []).length;
  const closed = (md.match(/<\/details>/g) ?? []).length;
  return md + '\n\n</details>'.repeat(Math.max(0, opened - closed));
}

/**
 * The report as Markdown in at most `limit` characters, shrunk in the documented order when needed.
 * Returns the text and what was left out (empty when nothing was).
 */
export function renderMarkdownWithin(
  model: ReportModel,
  limit: number,
  options: MarkdownOptions = {},
): { markdown: string; shrunk: string[] } {
  const stages: { shrink: Shrink; note: string[] }[] = [{ shrink: { omitDetails: new Set() }, note: [] }];
  for (const rows of [100, 50, 20, 10])
    stages.push({
      shrink: { tableRows: rows, omitDetails: new Set() },
      note: [`tables cut to ${rows} rows`],
    });
  const omitted: Status[] = [];
  for (const s of ['pass', 'warn', 'fail', 'error'] as Status[]) {
    omitted.push(s);
    const words = { pass: 'passing', warn: 'warning', fail: 'failed', error: 'erroneous' };
    stages.push({
      shrink: { tableRows: 10, omitDetails: new Set(omitted) },
      note: [
        'tables cut to 10 rows',
        `details of ${omitted.map((x) => words[x]).join(', ')} results left out`,
      ],
    });
  }
  for (const rows of [200, 50, 10])
    stages.push({
      shrink: { tableRows: 10, omitDetails: new Set(omitted), overviewRows: rows },
      note: ['every result’s details left out', `the overview cut to the ${rows} worst results`],
    });
  for (const { shrink, note } of stages) {
    const md = render(model, options, shrink, note);
    if (md.length <= limit) return { markdown: md, shrunk: note };
  }
  // Last resort: cut at a line boundary, keep the footer.
  const note = ['cut at the end'];
  const last = stages[stages.length - 1].shrink;
  const tail = `\n\n${footer(options, note).join('\n')}`;
  const full = render(model, options, last, []);
  let cut = full.slice(0, Math.max(0, limit - tail.length - 200));
  cut = cut.slice(0, Math.max(0, cut.lastIndexOf('\n')));
  return { markdown: closeDetails(cut) + tail, shrunk: note };
}

/** The job summary: the same report with a generous limit (GitHub takes 1 MiB per step). */
export function renderJobSummary(model: ReportModel, options: MarkdownOptions = {}): string {
  return renderMarkdownWithin(model, 1_000_000, options).markdown;
}

/**
 * A digest of what `comment-on: change` compares: the verdict and every key figure as shown (so noise
 * below the shown precision is no change).
 */
export function reportState(model: ReportModel): string {
  const text = JSON.stringify([
    model.status,
    model.entries.map((e) => [
      e.result.check,
      e.result.name ?? '',
      e.result.status,
      e.figures.map((f) => [f.text, f.figure.members ?? []]),
    ]),
  ]);
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}
