/**
 * The release's section of the job summary, the PR comment and the HTML report: version, tag, previous
 * release, commit, the release's link, what was done (tag created, assets uploaded, floating tag moved),
 * the provenance's subjects and signature, and the findings (a refusal names the failing checks). A result
 * file may come from anywhere (a fork's artifact), so every value is escaped and only http(s) links are
 * linked; the release notes themselves are not re-rendered here (the action shows the notes it just wrote).
 */
import type { CheckPresenter } from '../../core/present.js';
import type { CheckResult } from '../../core/result.js';
import { escapeHtml, escapeMarkdown, truncateText } from '../../report/escape.js';
import { htmlStatus, htmlTable, markdownHeading } from '../../report/format.js';

interface Details {
  version?: unknown;
  tag?: unknown;
  previous_tag?: unknown;
  commit?: unknown;
  release_url?: unknown;
  released?: unknown;
  dry_run?: unknown;
  reason?: unknown;
  actions?: unknown;
  subjects?: unknown;
  signing?: unknown;
  forced?: unknown;
  floating_tag?: unknown;
}

const text = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
/** A code span in a table cell: Markdown, HTML and mentions are inert inside it; `|` is escaped for GFM. */
// eslint-disable-next-line no-control-regex
const code = (t: string) => `\`${t.replace(/[`\x00-\x1f\x7f]/g, '').replace(/\|/g, '\\|')}\``;
const httpUrl = (v: unknown): string | undefined =>
  typeof v === 'string' && /^https?:\/\/[^\s<>()]+$/.test(v) ? v : undefined;

function facts(r: CheckResult): { label: string; md: string; html: string }[] {
  const d = r.details as Details;
  const out: { label: string; md: string; html: string }[] = [];
  const add = (label: string, value: string | undefined, asCode = true) => {
    if (value === undefined) return;
    const v = truncateText(value, 300);
    out.push({ label, md: asCode ? code(v) : escapeMarkdown(v), html: escapeHtml(v) });
  };
  add('version', text(d.version));
  add('tag', text(d.tag));
  add(
    'previous release',
    text(d.previous_tag) ?? (text(d.tag) ? '(first release)' : undefined),
    !!text(d.previous_tag),
  );
  add('commit', text(d.commit)?.slice(0, 12));
  add('why this version', text(d.reason), false);
  const url = httpUrl(d.release_url);
  if (url)
    out.push({
      label: 'release',
      md: `[${escapeMarkdown(truncateText(url, 120))}](${url})`,
      html: `<a href="${escapeHtml(url)}">${escapeHtml(url)}</a>`,
    });
  else if (d.dry_run === true) add('release', 'dry run: nothing created', false);
  if (Array.isArray(d.actions) && d.actions.length)
    add('done', d.actions.filter((a): a is string => typeof a === 'string').join(', '), false);
  add('floating tag', text(d.floating_tag));
  if (Array.isArray(d.subjects))
    add('provenance subjects', `${d.subjects.length} (${text(d.signing) ?? 'not signed'})`, false);
  if (Array.isArray(d.forced) && d.forced.length)
    add(
      'released with force despite',
      d.forced.filter((x): x is string => typeof x === 'string').join(', '),
      false,
    );
  return out;
}

function releaseMarkdown(r: CheckResult): string {
  const lines = markdownHeading(r);
  const f = facts(r);
  if (f.length) {
    lines.push('| | |', '| --- | --- |');
    for (const x of f) lines.push(`| ${escapeMarkdown(x.label)} | ${x.md} |`);
    lines.push('');
  }
  for (const finding of r.findings)
    lines.push(`- **${finding.severity}** ${escapeMarkdown(truncateText(finding.message, 500))}`);
  if (r.findings.length) lines.push('');
  return lines.join('\n');
}

function releaseHtml(r: CheckResult): string {
  const f = facts(r);
  const table = f.length
    ? htmlTable(
        ['', ''],
        f.map((x) => [escapeHtml(x.label), x.html]),
      )
    : '';
  const findings = r.findings.length
    ? `<ul>${r.findings.map((x) => `<li>${htmlStatus(x.severity === 'error' ? 'fail' : 'warn')} ${escapeHtml(truncateText(x.message, 500))}</li>`).join('')}</ul>`
    : '';
  return `${table}${findings}`;
}

export const releasePresenter: CheckPresenter = {
  check: 'release',
  markdown: releaseMarkdown,
  html: releaseHtml,
};
