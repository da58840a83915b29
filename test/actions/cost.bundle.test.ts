import { describe, expect, test } from '@jest/globals';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toJsonText } from '../../src/core/result.js';
import { readResultFile } from '../../src/core/validate-result.js';
import { smokeResult } from '../checks/cost/fixtures.js';
import { runBundle } from '../helpers/run-bundle.js';

/** A workspace with this branch's smoke result and the base branch's (100 ms → 200 ms per request). */
function workspace(): string {
  const ws = mkdtempSync(join(tmpdir(), 'cost-ws-'));
  writeFileSync(join(ws, 'smoke.json'), toJsonText(smokeResult({ batch1: { mean_ms: 200, p95_ms: 300 } })));
  mkdirSync(join(ws, 'base'));
  writeFileSync(join(ws, 'base', 'smoke.json'), toJsonText(smokeResult()));
  return ws;
}

describe('actions/cost (dist/cost) under Node 24', () => {
  test('prices the model, diffs it against the base and sets the outputs', async () => {
    const run = await runBundle('cost', {
      workspace: workspace(),
      inputs: {
        smoke: 'smoke.json',
        'base-results': 'base',
        'requests-per-day': '345600',
        'instance-types': 'aws-lambda-x86',
        'comment-on': 'max-relative-increase=0.1',
      },
    });
    expect(run.failures).toEqual([]);
    expect(run.code).toBe(0);
    const perRequest = (ms: number) => 0.2e-6 + (ms / 1000) * (1769 / 1024) * 0.0000166667;
    const monthly = (ms: number) => perRequest(ms) * 345_600 * (365 / 12);
    expect(run.outputs).toMatchObject({
      status: 'warn',
      'instance-type': 'aws-lambda-x86',
      instances: '2', // 8 requests/s at peak × 0.2 s each
      comment: 'true',
    });
    expect(Number(run.outputs['monthly-usd'])).toBeCloseTo(monthly(200), 9);
    expect(Number(run.outputs['monthly-delta-usd'])).toBeCloseTo(monthly(200) - monthly(100), 9);
    const r = readResultFile(run.outputs['result-path']);
    expect(r.metrics.cost_per_million_usd).toBeCloseTo((monthly(200) / (345_600 * (365 / 12))) * 1e6, 9);
    expect(run.summary).toContain('| Cost | Baseline | New | Δ $/month | Δ % |');
    expect(run.summary).toContain('| **Total** | **$32.37** | **$62.64** | **+$30.27** | **+93.5 %** |');
    expect(run.annotations.filter((a) => a.level === 'warning').map((a) => a.message)).toEqual([
      expect.stringMatching(
        /^Monthly cost \$32\.37 → \$62\.64 \(\$30\.27\): the monthly cost moved by \+\$30\.27 \(\+93\.5 %\), beyond comment-on$/,
      ),
    ]);
  });

  test('fails the step when the rise is beyond fail-on', async () => {
    const run = await runBundle('cost', {
      workspace: workspace(),
      inputs: {
        smoke: 'smoke.json',
        'base-results': 'base',
        'requests-per-day': '345600',
        'instance-types': 'aws-lambda-x86',
        'fail-on': 'max-monthly-increase=10',
      },
    });
    expect(run.code).toBe(1);
    expect(run.outputs).toMatchObject({ status: 'fail', comment: 'true' });
    expect(run.failures).toEqual([
      'Monthly cost $32.37 → $62.64: fail-on: $30.27/month is more than $10',
      expect.stringMatching(/^Cost estimate: \$62\.64\/month \(\+\$30\.27, \+93\.5 % vs base\)/),
    ]);
  });

  test.each([
    [{ smoke: 'smoke.json' }, 'input "requests-per-day" is required: average requests per day (> 0)'],
    [
      { smoke: 'smoke.json', 'requests-per-day': '0' },
      'input "requests-per-day": expected a number > 0, got 0',
    ],
    [
      { smoke: 'smoke.json', 'requests-per-day': '10', 'instance-types': 'lambda' },
      'input "instance-types": unknown instance type "lambda" (the pricing table lists them; docs/cost.md)',
    ],
  ])('bad input %j fails the step with one line', async (inputs, message) => {
    const run = await runBundle('cost', { workspace: workspace(), inputs });
    expect(run.code).toBe(1);
    expect(run.failures).toEqual([message]);
  });
});
