/**
 * The rules section of docs/lint.md, rendered from the catalogue (test/checks/lint/docs.test.ts keeps the
 * file equal to it; regenerate with `UPDATE_DOCS=1 npm test -- lint/docs`).
 */
import { RULES, type LintRule } from './rules.js';

const HEADINGS: Record<LintRule['category'], string> = {
  repository: 'MCI1xx — repository',
  dockerfile: 'MCI2xx — Dockerfile',
  'model-files': 'MCI3xx — model files',
  notebooks: 'MCI4xx — notebooks',
  secrets: 'MCI5xx — secrets',
};

// Prettier leaves the generated block alone, so the file stays byte-equal to what is rendered here.
export const RULES_START =
  '<!-- rules:start (generated from src/checks/lint/rules.ts) -->\n<!-- prettier-ignore-start -->';
export const RULES_END = '<!-- prettier-ignore-end -->\n<!-- rules:end -->';

export function rulesMarkdown(): string {
  const out: string[] = [RULES_START, ''];
  for (const category of Object.keys(HEADINGS) as LintRule['category'][]) {
    out.push(`### ${HEADINGS[category]}`, '');
    out.push('| ID | name | severity | hadolint | what |', '| --- | --- | --- | --- | --- |');
    for (const r of RULES.filter((x) => x.category === category))
      out.push(
        `| [${r.id}](#${r.id.toLowerCase()}-${r.name}) | ${r.name} | ${r.severity} | ${r.hadolint ?? '—'} | ${r.title.replace(/\|/g, '\\|')} |`,
      );
    out.push('');
    for (const r of RULES.filter((x) => x.category === category)) {
      out.push(`#### ${r.id} ${r.name}`, '');
      out.push(
        `**${r.severity}**${r.hadolint ? ` · follows hadolint [${r.hadolint}](https://github.com/hadolint/hadolint/wiki/${r.hadolint})` : ''}${r.securitySeverity !== undefined ? ` · security-severity ${r.securitySeverity.toFixed(1)}` : ''}`,
        '',
      );
      out.push(`**What:** ${r.title}.`, '', `**Why:** ${r.why}`, '', `**Fix:** ${r.fix}`, '');
    }
  }
  out.push(RULES_END);
  return out.join('\n');
}
