import { describe, expect, test } from '@jest/globals';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readResultFile } from '../../src/core/validate-result.js';
import { cli } from '../helpers/cli.js';

const DEMO = 'workflows-examples/demo/.model-ci.yml';

describe('model-ci run', () => {
  test('runs the demo configuration and writes valid results and a summary', async () => {
    const out = mkdtempSync(join(tmpdir(), 'run-'));
    const r = await cli(['run', '--config', DEMO, '--out-dir', out]);
    expect(r.stderr).not.toContain('error:');
    const files = readdirSync(out).sort();
    expect(files).toEqual(
      expect.arrayContaining(['metrics-baseline.json', 'metrics-candidate.json', 'summary.md']),
    );
    const candidate = readResultFile(join(out, 'metrics-candidate.json'));
    const baseline = readResultFile(join(out, 'metrics-baseline.json'));
    expect(candidate.name).toBe('candidate');
    expect(baseline.name).toBe('baseline');
    expect(candidate.metrics.roc_auc).toEqual(expect.any(Number));
    expect(readFileSync(join(out, 'summary.md'), 'utf8')).toContain('| Metrics (candidate) |');
    for (const f of files.filter((f) => f.endsWith('.json')))
      expect(() => readResultFile(join(out, f))).not.toThrow();
    expect([0, 1]).toContain(r.code);
  });

  test('a check with bad input becomes an error result and the others still run', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'run-'));
    writeFileSync(join(dir, 'p.csv'), 'y,p\n0,0.2\n1,0.8\n1,0.6\n0,0.3\n');
    writeFileSync(
      join(dir, '.model-ci.yml'),
      'version: 1\nmetrics:\n  - name: broken\n    data: p.csv\n    label: nope\n    score: p\n  - name: good\n    data: p.csv\n    label: y\n    score: p\n',
    );
    const out = join(dir, 'out');
    const r = await cli(['run', '--config', join(dir, '.model-ci.yml'), '--out-dir', out]);
    expect(r.code).toBe(2);
    const broken = readResultFile(join(out, 'metrics-broken.json'));
    expect(broken.status).toBe('error');
    expect(broken.findings[0].message).toContain('nope');
    const good = readResultFile(join(out, 'metrics-good.json'));
    expect(good.status).toBe('pass');
    expect(good.metrics.roc_auc).toBe(1);
  });
});
