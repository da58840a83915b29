import { expect, test } from '@jest/globals';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { RULES } from '../../../src/checks/lint/rules.js';
import { RULES_END, RULES_START, rulesMarkdown } from '../../../src/checks/lint/rules-doc.js';
import { ROOT } from '../../helpers/run-bundle.js';

// docs/lint.md's rules section is rendered from the catalogue; regenerate with UPDATE_DOCS=1.
test('docs/lint.md lists every rule with its ID, severity, what, why, fix and hadolint ID', () => {
  const file = join(ROOT, 'docs/lint.md');
  const text = readFileSync(file, 'utf8');
  const start = text.indexOf(RULES_START);
  const end = text.indexOf(RULES_END) + RULES_END.length;
  expect(start).toBeGreaterThan(0);
  const updated = text.slice(0, start) + rulesMarkdown() + text.slice(end);
  if (process.env.UPDATE_DOCS === '1') writeFileSync(file, updated);
  expect(text).toBe(updated);
  for (const r of RULES) {
    expect(text).toContain(`#### ${r.id} ${r.name}`);
    expect(text).toContain(`**Fix:** ${r.fix}`);
    if (r.hadolint) expect(text).toContain(`follows hadolint [${r.hadolint}]`);
  }
});

test('rule IDs are unique and in their category range', () => {
  const ids = RULES.map((r) => r.id);
  expect(new Set(ids).size).toBe(ids.length);
  const range = { repository: '1', dockerfile: '2', 'model-files': '3', notebooks: '4', secrets: '5' };
  for (const r of RULES) expect(r.id).toMatch(new RegExp(`^MCI${range[r.category]}\\d\\d$`));
});
