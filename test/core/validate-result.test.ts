import { describe, expect, test } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCheck } from '../../src/core/run-check.js';
import { readResultFile, validateResult } from '../../src/core/validate-result.js';

const fixedClock = { now: () => new Date('2026-11-25T12:00:00.000Z') };

async function goodResult() {
  return runCheck(
    'metrics',
    { data: 'preds.csv' },
    () => ({
      status: 'pass' as const,
      title: 'Metrics',
      summary: 'ok',
      metrics: { roc_auc: 0.9, log_loss: null, gap: { baseline: 1, candidate: 'Infinity' as const } },
      findings: [{ id: 'x/y', severity: 'warning' as const, message: 'm', file: 'a.csv', line: 3 }],
    }),
    fixedClock,
  );
}

describe('validateResult', () => {
  test('accepts what runCheck produces', async () => {
    const r = await goodResult();
    expect(validateResult(JSON.parse(JSON.stringify(r)))).toEqual(r);
    expect(r.durationMs).toBe(0);
    expect(r.startedAt).toBe('2026-11-25T12:00:00.000Z');
  });

  test.each<[string, (r: Record<string, unknown>) => void, string]>([
    ['wrong status', (r) => (r.status = 'ok'), '$.status: must be one of "pass", "warn", "fail", "error"'],
    ['missing title', (r) => delete r.title, '$: missing required property "title"'],
    [
      'metric is a string',
      (r) => ((r.metrics as Record<string, unknown>).roc_auc = 'high'),
      '$.metrics.roc_auc',
    ],
    [
      'finding severity',
      (r) => ((r.findings as Record<string, unknown>[])[0].severity = 'fatal'),
      '$.findings[0].severity: must be one of',
    ],
    [
      'finding line 0',
      (r) => ((r.findings as Record<string, unknown>[])[0].line = 0),
      '$.findings[0].line: must be >= 1',
    ],
    ['extra top-level key', (r) => (r.extra = 1), '$: unexpected property "extra"'],
    ['bad startedAt', (r) => (r.startedAt = 'yesterday'), '$.startedAt'],
    [
      'tool name',
      (r) => ((r.tool as Record<string, unknown>).name = 'other'),
      '$.tool.name: must be "model-ci"',
    ],
  ])('rejects %s', async (_name, mutate, expected) => {
    const r = JSON.parse(JSON.stringify(await goodResult()));
    mutate(r);
    expect(() => validateResult(r, 'r.json')).toThrow(expected);
    expect(() => validateResult(r, 'r.json')).toThrow(/^r\.json: /);
  });

  test('a foreign JSON document is named as such', () => {
    expect(() => validateResult({ name: 'package' }, 'package.json')).toThrow(
      'package.json: $.schema: expected "model-ci/result@1", got no "schema" property (not a model-ci result file)',
    );
    expect(() => validateResult([1], 'a.json')).toThrow(
      'a.json: $: expected a JSON object (a model-ci result), got an array',
    );
  });

  test('readResultFile reports JSON syntax errors with line and column', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mci-'));
    const file = join(dir, 'broken.json');
    writeFileSync(file, '{\n  "schema": "model-ci/result@1",\n  "check": oops\n}\n');
    expect(() => readResultFile(file)).toThrow(
      `${file}:3:12: invalid JSON: unexpected "o" (expected a value)`,
    );
    expect(() => readResultFile(join(dir, 'missing.json'))).toThrow('cannot read the result file');
  });
});
