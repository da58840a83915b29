import { describe, expect, test } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lintPresenter } from '../../../src/checks/lint/present.js';
import { lintStep } from '../../../src/checks/lint/step.js';
import { presenterFor } from '../../../src/report/presenters.js';
import { silentLogger } from '../../../src/core/logger.js';

async function result(files: Record<string, string>, extra: Record<string, unknown> = {}) {
  const root = mkdtempSync(join(tmpdir(), 'lint-present-'));
  writeFileSync(join(root, 'README.md'), '# x\n');
  for (const [k, v] of Object.entries(files)) writeFileSync(join(root, k), v);
  return lintStep.execute({ path: root, ...extra }, { baseDir: root, logger: silentLogger });
}

describe('the lint presenter', () => {
  test('is registered for the report', () => {
    expect(presenterFor('lint')).toBe(lintPresenter);
  });

  test('groups findings by rule, worst first, and escapes text from the repository', async () => {
    const r = await result({
      'requirements-<script>@team|x.txt': 'numpy>=1</details>\n',
      Dockerfile: 'FROM python:3.11\nADD a /a\n',
    });
    const md = lintPresenter.markdown(r);
    expect(md).toContain('| Rule | Severity | Findings | New | What |');
    const order = ['MCI208', 'MCI103', 'MCI104'].map((id) => md.indexOf(`| ${id} `));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(md).toContain('<details><summary>MCI104 unpinned-dependency (1)</summary>');
    expect(md).toContain(
      'requirements-&lt;script&gt;@\u2060team&#124;x.txt:1: numpy&gt;=1&lt;/details&gt; is not pinned',
    );
    expect(md).not.toMatch(/<script>|<\/details><script>|@team/);
    expect(lintPresenter.html!(r)).not.toMatch(/<script>/);
  });

  test('key figures: errors, warnings and new findings with the rule IDs behind them', async () => {
    const r = await result({ LICENSE: 'MIT\n', Dockerfile: 'FROM python\nADD a /a\n' });
    expect(lintPresenter.keyFigures!(r)).toEqual([
      { label: 'lint errors', value: 1, better: 'lower' },
      { label: 'lint warnings', value: 1, better: 'lower' },
      { label: 'new lint findings', value: 2, better: 'lower', members: ['MCI208', 'MCI201'] },
    ]);
  });
});
