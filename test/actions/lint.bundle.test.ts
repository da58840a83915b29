import { describe, expect, test } from '@jest/globals';
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readResultFile } from '../../src/core/validate-result.js';
import { SECRETS, buildFixtureRepo } from '../checks/lint/fixture-repo.js';
import { ROOT, runBundle } from '../helpers/run-bundle.js';

describe('actions/lint (dist/lint) under Node 24', () => {
  test('the demo repository: one warning, SARIF written, outputs set, an annotation on the file', async () => {
    const ws = mkdtempSync(join(tmpdir(), 'lint-ws-'));
    cpSync(join(ROOT, 'workflows-examples/demo'), ws, { recursive: true });
    const run = await runBundle('lint', { workspace: ws });
    expect(run.failures).toEqual([]);
    expect(run.code).toBe(0);
    expect(run.outputs).toMatchObject({ status: 'warn', errors: '0', warnings: '1', 'new-errors': '0' });
    expect(existsSync(run.outputs['sarif-path'])).toBe(true);
    expect(JSON.parse(readFileSync(run.outputs['sarif-path'], 'utf8')).runs[0].results).toHaveLength(1);
    expect(run.annotations).toEqual([
      {
        level: 'warning',
        message: 'scipy>=1.10 is not pinned to one version: pin it (scipy==X.Y.Z) or commit a lock file',
        properties: { file: 'requirements.txt', line: '5', title: 'MCI104' },
      },
    ]);
    expect(run.summary).toContain('| MCI104 unpinned-dependency | warning | 1 | 1 |');
    expect(readResultFile(run.outputs['result-path']).check).toBe('lint');
  });

  test('fails on new errors, masks every credential and keeps them out of every output', async () => {
    const ws = mkdtempSync(join(tmpdir(), 'lint-ws-'));
    buildFixtureRepo(ws, { git: true });
    const run = await runBundle('lint', { workspace: ws, inputs: { 'sarif-file': 'out/lint.sarif' } });
    expect(run.code).toBe(1);
    expect(run.outputs.status).toBe('fail');
    expect(Number(run.outputs['new-errors'])).toBeGreaterThan(0);
    expect(run.outputs['sarif-path']).toBe(join(ws, 'out/lint.sarif'));
    expect(run.failures).toEqual([
      expect.stringMatching(/^Lint: \d+ errors, \d+ warnings, \d+ notes in \d+ files; 3 suppressed$/),
    ]);
    // Every credential found was registered with ::add-mask:: before anything else could print it.
    for (const s of [SECRETS.github, SECRETS.awsSecret, SECRETS.slack, SECRETS.hf, SECRETS.awsId])
      expect(run.stdout).toContain(`::add-mask::${s}`);
    const outputs = [
      run.stdout.replace(/^::add-mask::.*$/gm, ''),
      run.stderr,
      run.summary,
      readFileSync(run.outputs['sarif-path'], 'utf8'),
      readFileSync(run.outputs['result-path'], 'utf8'),
      JSON.stringify(run.annotations),
    ].join('\n');
    for (const s of Object.values(SECRETS)) {
      const body = s
        .replace(/-----[A-Z ]+-----/g, '')
        .trim()
        .split('\n')[0];
      expect(outputs).not.toContain(body.slice(6));
    }
    const dockerfile = run.annotations.find((a) => a.properties.title === 'MCI208');
    expect(dockerfile).toMatchObject({ level: 'error', properties: { file: 'Dockerfile', line: '8' } });
  });

  test('a bad input fails the step with one line naming it', async () => {
    const ws = mkdtempSync(join(tmpdir(), 'lint-ws-'));
    writeFileSync(join(ws, 'README.md'), '# x\n');
    const run = await runBundle('lint', { workspace: ws, inputs: { severity: 'MCI301=fatal' } });
    expect(run.code).toBe(1);
    expect(run.failures).toEqual([
      'input "severity".MCI301: expected error, warning, note or off, got "fatal"',
    ]);
  });
});
