import { describe, expect, test } from '@jest/globals';
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readResultFile } from '../../src/core/validate-result.js';
import { ROOT, runBundle } from '../helpers/run-bundle.js';

const RULES =
  'rules:\n  roc_auc: { max_regression: 0.01, significant: true }\n  log_loss:\n    max_regression_relative: 0.05\n';

function workspace(): string {
  const ws = mkdtempSync(join(tmpdir(), 'gate-ws-'));
  cpSync(join(ROOT, 'workflows-examples/demo/predictions'), join(ws, 'predictions'), { recursive: true });
  writeFileSync(join(ws, 'rules.yml'), RULES);
  return ws;
}

const base = {
  data: 'predictions/eval-predictions.csv',
  label: 'churned',
  rules: 'rules.yml',
  resamples: '200',
};

describe('actions/gate (dist/gate) under Node 24', () => {
  test('passes the demo candidate against its baseline and shows the table', async () => {
    const run = await runBundle('gate', {
      workspace: workspace(),
      inputs: { ...base, candidate: 'p_candidate', baseline: 'p_baseline' },
    });
    expect(run.failures).toEqual([]);
    expect(run.outputs).toMatchObject({ status: 'pass', passed: 'true' });
    const r = readResultFile(run.outputs['result-path']);
    const auc = r.metrics.roc_auc as Record<string, number>;
    expect(auc.candidate - auc.baseline).toBeCloseTo(auc.delta, 12);
    expect(auc.ci_low).toBeLessThan(auc.delta);
    expect(auc.ci_high).toBeGreaterThan(auc.delta);
    expect(run.summary).toContain('| metric | baseline | candidate | Δ [95% interval] | rule | verdict |');
  });

  test('a real regression fails the step, with annotations on the rule lines', async () => {
    const run = await runBundle('gate', {
      workspace: workspace(),
      inputs: { ...base, candidate: 'p_baseline', baseline: 'p_candidate' },
    });
    expect(run.code).toBe(1);
    expect(run.outputs).toMatchObject({ status: 'fail', passed: 'false' });
    const annotations = run.annotations.filter((a) => a.properties.file === 'rules.yml');
    expect(annotations.map((a) => [a.level, a.properties.line])).toEqual([
      ['error', '2'],
      ['error', '3'],
    ]);
    expect(run.failures).toContainEqual(
      expect.stringMatching(/^Metric gate: Gate failed: 2 of 2 conditions failed/),
    );
  });

  test('an unknown metric in the rules fails with its line and a suggestion', async () => {
    const ws = workspace();
    writeFileSync(join(ws, 'rules.yml'), 'rules:\n  roc_acu: { max_regression: 0.01 }\n');
    const run = await runBundle('gate', {
      workspace: ws,
      inputs: { ...base, candidate: 'p_candidate', baseline: 'p_baseline' },
    });
    expect(run.code).toBe(1);
    expect(run.failures).toEqual([
      'rules.yml:2: rules.roc_acu: unknown metric "roc_acu" (did you mean "roc_auc"?)',
    ]);
  });

  test('mismatched ids between two prediction files are listed', async () => {
    const ws = workspace();
    writeFileSync(join(ws, 'new.csv'), 'id,y,p\na,0,0.1\nb,1,0.8\nc,1,0.7\n');
    writeFileSync(join(ws, 'old.csv'), 'id,p\na,0.2\nb,0.6\nd,0.4\n');
    const run = await runBundle('gate', {
      workspace: ws,
      inputs: {
        data: 'new.csv',
        label: 'y',
        candidate: 'p',
        'baseline-data': 'old.csv',
        baseline: 'p',
        id: 'id',
        rules: 'rules.yml',
      },
    });
    expect(run.code).toBe(1);
    expect(run.failures[0]).toContain('"c"');
    expect(run.failures[0]).toContain('"d"');
  });
});
