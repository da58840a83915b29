import { describe, expect, test } from '@jest/globals';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readResultFile } from '../../src/core/validate-result.js';
import { cli } from '../helpers/cli.js';
import { expectClose } from '../helpers/close.js';

const FIX = 'test/fixtures/metrics-check';
const expected = JSON.parse(readFileSync(join(FIX, 'expected.json'), 'utf8'));

function tmp(name: string, text?: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'metrics-')), name);
  if (text !== undefined) writeFileSync(file, text);
  return file;
}

describe('model-ci metrics', () => {
  test('binary metrics equal scikit-learn and land in a valid result file', async () => {
    const out = tmp('result.json');
    const r = await cli([
      'metrics',
      '--data',
      `${FIX}/preds.csv`,
      '--label',
      'churned',
      '--score',
      'p_candidate',
      '--out',
      out,
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const result = readResultFile(out);
    expect(result.check).toBe('metrics');
    expect(result.status).toBe('pass');
    for (const [k, v] of Object.entries(expected.binary))
      expectClose(result.metrics[k] as number, v as number);
    expect(Object.keys(result.metrics)).toEqual([
      'roc_auc',
      'log_loss',
      'accuracy',
      'precision',
      'recall',
      'f1',
      'tp',
      'fp',
      'tn',
      'fn',
      'average_precision',
      'brier',
      'ece',
    ]);
    expect(result.details).toMatchObject({ task: 'binary', rows: 300, inferred_task: true });
    expect(r.stdout).toMatch(/^✔ Metrics: pass — binary on 300 rows/);
  });

  test('regression metrics equal scikit-learn', async () => {
    const out = tmp('result.json');
    const r = await cli([
      'metrics',
      '--data',
      `${FIX}/regression.csv`,
      '--label',
      'target',
      '--score',
      'prediction',
      '--out',
      out,
      '--quiet',
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    const result = readResultFile(out);
    for (const [k, v] of Object.entries(expected.regression))
      expectClose(result.metrics[k] as number, v as number);
  });

  test('a single-class label set gives a finding, not NaN', async () => {
    const data = tmp('one-class.csv', 'y,p\n1,0.9\n1,0.4\n');
    const out = tmp('r.json');
    const r = await cli([
      'metrics',
      '--data',
      data,
      '--label',
      'y',
      '--score',
      'p',
      '--task',
      'binary',
      '--out',
      out,
    ]);
    expect(r.code).toBe(0);
    const result = readResultFile(out);
    expect(result.status).toBe('warn');
    expect(result.metrics.roc_auc).toBeNull();
    expect(result.findings[0]).toMatchObject({ id: 'metrics/auc-undefined', severity: 'warning' });
  });

  test.each([
    [
      'labels that are not 0/1',
      'y,p\n0,0.1\n2,0.5\n',
      ['--task', 'binary'],
      'label column "y" has 2 at data row 2; binary labels must be 0 or 1',
    ],
    [
      'a score above 1',
      'y,p\n0,0.1\n1,1.5\n',
      ['--task', 'binary'],
      'score column "p" has 1.5 at data row 2; binary scores are probabilities in [0, 1]',
    ],
    ['NaN in a score', 'y,p\n0,0.1\n1,NaN\n', [], 'score column "p" is empty or NaN at data row 2'],
    ['zero rows', 'y,p\n', [], 'no data rows'],
    [
      'a text score column',
      'y,p\n0,low\n1,high\n',
      [],
      'score column "p" must be numeric, but it has non-numeric values such as "low"',
    ],
  ])('%s exits 2 with one clear line', async (_name, text, extra, message) => {
    const data = tmp('bad.csv', text);
    const r = await cli(['metrics', '--data', data, '--label', 'y', '--score', 'p', ...extra]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^model-ci: error: /);
  });

  test('a missing column lists the columns that exist', async () => {
    const r = await cli([
      'metrics',
      '--data',
      `${FIX}/preds.csv`,
      '--label',
      'label',
      '--score',
      'p_candidate',
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('label');
    expect(r.stderr).toContain('the columns are "id", "churned", "p_candidate"');
  });

  test('--out may not overwrite the input', async () => {
    const data = tmp('p.csv', 'y,p\n0,0.1\n1,0.9\n');
    const r = await cli(['metrics', '--data', data, '--label', 'y', '--score', 'p', '--out', data]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('is one of the input files');
    expect(readFileSync(data, 'utf8')).toBe('y,p\n0,0.1\n1,0.9\n');
  });
});
