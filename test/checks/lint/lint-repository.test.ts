import { describe, expect, test } from '@jest/globals';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lintStep, type LintDetails } from '../../../src/checks/lint/step.js';
import { silentLogger } from '../../../src/core/logger.js';
import { EXPECTED, SECRETS, buildFixtureRepo } from './fixture-repo.js';

async function lint(root: string, extra: Record<string, unknown> = {}) {
  const result = await lintStep.execute({ path: root, ...extra }, { baseDir: root, logger: silentLogger });
  return { result, details: result.details as unknown as LintDetails };
}

function found(d: LintDetails) {
  return d.findings.filter((f) => !f.suppressed).map((f) => [f.rule, f.file ?? '', f.line] as const);
}

describe.each([
  ['a plain folder (walked, .gitignore honoured)', false],
  ['a Git work tree (git ls-files)', true],
])('lint of the fixture repository in %s', (_name, git) => {
  const root = mkdtempSync(join(tmpdir(), 'lint-repo-'));
  buildFixtureRepo(root, { git });

  test('finds exactly the planted findings', async () => {
    const { result, details } = await lint(root);
    expect(details.source).toBe(git ? 'git' : 'walk');
    const sort = (xs: readonly (readonly [string, string, number | undefined])[]) =>
      [...xs].map((x) => x.join(' ')).sort();
    expect(sort(found(details))).toEqual(sort(EXPECTED));
    expect(result.status).toBe('fail');
  });

  test('suppressions: with a reason they suppress, and the record says why', async () => {
    const { details } = await lint(root);
    const suppressed = details.findings
      .filter((f) => f.suppressed)
      .map((f) => [f.rule, f.file, f.suppressed]);
    expect(suppressed).toEqual(
      expect.arrayContaining([
        ['MCI203', 'Dockerfile', 'inline: libgomp needs its recommended packages on slim images'],
        ['MCI507', 'config/settings.py', 'inline: a browser key restricted to our domain'],
        ['MCI104', 'vendor/requirements.txt', 'per-file-ignores'],
      ]),
    );
  });

  test('no credential appears in the result, only masked forms', async () => {
    const { result } = await lint(root);
    const text = JSON.stringify(result);
    for (const secret of Object.values(SECRETS)) {
      const body = secret
        .replace(/-----[A-Z ]+-----/g, '')
        .trim()
        .split('\n')[0];
      expect(text).not.toContain(body.slice(8));
    }
    expect(text).toContain('ghp_… (40 characters)');
  });
});
