import { describe, expect, test } from '@jest/globals';
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli } from '../helpers/cli.js';
import { ROOT } from '../helpers/run-bundle.js';

// --quiet is quiet, not mute: nothing on a pass, and on a failure (or an error result) why it failed.
const REF = join(ROOT, 'test/fixtures/drift/reference.csv');
const CUR = join(ROOT, 'test/fixtures/drift/current.csv');

describe('--quiet', () => {
  test('a passing check prints nothing', async () => {
    const r = await cli(['drift', '--reference', REF, '--current', REF, '--exclude', 'id', '--quiet']);
    expect(r.code).toBe(0);
    expect(r.stdout + r.stderr).toBe('');
  });

  test('a failing check says why: status, summary and its failing findings, on stderr', async () => {
    const loud = await cli(['drift', '--reference', REF, '--current', CUR, '--exclude', 'id']);
    const r = await cli(['drift', '--reference', REF, '--current', CUR, '--exclude', 'id', '--quiet']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^fail: Data drift: .*dataset drift/);
    // Every error finding the full output shows is there, one line each, and nothing else.
    const failing = loud.stdout
      .split('\n')
      .filter((l) => l.startsWith('  error: '))
      .map((l) => l.slice('  error: '.length));
    expect(failing.length).toBeGreaterThan(0);
    expect(lines.slice(1).map((l) => l.trim())).toEqual(failing);
  });

  test('model-ci run --quiet: only the checks that failed or errored, each with its reason', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'quiet-'));
    mkdirSync(join(dir, 'data'));
    copyFileSync(REF, join(dir, 'data/ref.csv'));
    copyFileSync(CUR, join(dir, 'data/cur.csv'));
    writeFileSync(
      join(dir, '.model-ci.yml'),
      'version: 1\ndrift:\n  - name: same\n    reference: data/ref.csv\n    current: data/ref.csv\n' +
        '  - name: shifted\n    reference: data/ref.csv\n    current: data/cur.csv\n' +
        '  - name: broken\n    reference: data/ref.csv\n    current: data/cur.csv\n    prediction-column: nope\n',
    );
    const r = await cli(['run', '--quiet'], dir);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).not.toContain('(same)');
    expect(r.stderr).toMatch(/^fail: Data drift \(shifted\): /m);
    expect(r.stderr).toMatch(/^ {2}.*drifted/m);
    expect(r.stderr).toMatch(
      /^error: Data drift \(broken\): .*\.model-ci\.yml:\d+:\d+: drift\[2\]\.prediction-column: column "nope" is in neither file/m,
    );
  });
});
