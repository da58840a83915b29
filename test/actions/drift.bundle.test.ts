import { describe, expect, test } from '@jest/globals';
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readResultFile } from '../../src/core/validate-result.js';
import { ROOT, runBundle } from '../helpers/run-bundle.js';

function workspace(): string {
  const ws = mkdtempSync(join(tmpdir(), 'drift-ws-'));
  cpSync(join(ROOT, 'workflows-examples/demo/data'), join(ws, 'data'), { recursive: true });
  return ws;
}

describe('actions/drift (dist/drift) under Node 24', () => {
  test('finds the shifted feature of the demo data and warns (no dataset drift)', async () => {
    const ws = workspace();
    const run = await runBundle('drift', {
      workspace: ws,
      inputs: { reference: 'data/reference.csv', current: 'data/current.csv' },
    });
    expect(run.failures).toEqual([]);
    expect(run.code).toBe(0);
    expect(run.outputs).toMatchObject({
      status: 'warn',
      drifted: 'false',
      'share-drifted': '0.125',
      'drifted-columns': 'monthly_charges',
    });
    const r = readResultFile(run.outputs['result-path']);
    const column = (r.details.columns as { name: string; test: string; drifted: boolean }[]).find(
      (c) => c.name === 'monthly_charges',
    );
    expect(column).toMatchObject({ test: 'wasserstein', drifted: true });
    expect(run.annotations.filter((a) => a.level === 'warning').map((a) => a.message)).toEqual([
      expect.stringContaining('monthly_charges'),
    ]);
    expect(run.summary).toContain('| Column | Type | Test |');
    expect(run.summary).toContain('xychart-beta');
  });

  test('fails the step on dataset drift when the share threshold is reached', async () => {
    const ws = workspace();
    const run = await runBundle('drift', {
      workspace: ws,
      inputs: {
        reference: 'data/reference.csv',
        current: 'data/current.csv',
        'drift-share': '0.1',
        thresholds: 'wasserstein=0.2',
      },
    });
    expect(run.code).toBe(1);
    expect(run.outputs).toMatchObject({ status: 'fail', drifted: 'true' });
    expect(run.failures).toContainEqual(expect.stringMatching(/^Data drift: 1 of 8 columns drifted/));
  });

  test.each([
    [
      'no common columns',
      'a,b\n1,2\n',
      /have no column in common \(reference: tenure_months, .*; current: a, b\)/,
    ],
    ['an empty file', '', /empty|no header/i],
  ])('%s fails the step with one clear line', async (_name, text, message) => {
    const ws = workspace();
    writeFileSync(join(ws, 'other.csv'), text);
    const run = await runBundle('drift', {
      workspace: ws,
      inputs: { reference: 'data/reference.csv', current: 'other.csv' },
    });
    expect(run.code).toBe(1);
    expect(run.failures).toHaveLength(1);
    expect(run.failures[0]).toMatch(message);
  });

  test('a bad thresholds input names the input and the allowed tests', async () => {
    const run = await runBundle('drift', {
      workspace: workspace(),
      inputs: { reference: 'data/reference.csv', current: 'data/current.csv', thresholds: 'kss=0.1' },
    });
    expect(run.failures).toEqual([
      'input "thresholds": unknown test "kss" (did you mean "ks"?); tests: ks, wasserstein, js, psi, chi2, z',
    ]);
  });
});
