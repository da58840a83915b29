import { describe, expect, test } from '@jest/globals';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readResultFile } from '../../src/core/validate-result.js';
import { cli } from '../helpers/cli.js';
import { ROOT } from '../helpers/run-bundle.js';

const MODEL = join(ROOT, 'workflows-examples/demo/model/model.json');

function config(text: string): { dir: string; file: string } {
  const dir = mkdtempSync(join(tmpdir(), 'cost-run-'));
  const file = join(dir, '.model-ci.yml');
  writeFileSync(file, text);
  return { dir, file };
}

describe('the cost step in model-ci run', () => {
  test("reads the smoke result of the same run (no file named), and the demo's report shows the cost table and delta", async () => {
    const { dir, file } = config(
      `version: 1\nsmoke:\n  model: ${MODEL}\n  runs: 5\ncost:\n  requests-per-day: 1000000\n  latency-slo-ms: 100\n`,
    );
    const out = join(dir, 'out');
    const r = await cli(['run', '--config', file, '--out-dir', out]);
    expect(r.stderr).not.toContain('error:');
    const smoke = readResultFile(join(out, 'smoke.json'));
    const cost = readResultFile(join(out, 'cost.json'));
    const measured = (smoke.details.latency as Record<string, { mean_ms: number; p95_ms: number }>).batch_1;
    const service = cost.details.service as { mean_ms: number; p95_ms: number; source: string };
    // Exactly this run's numbers: a stale smoke.json elsewhere could not give the same mean to the last bit.
    expect(service.mean_ms).toBe(measured.mean_ms);
    expect(service.p95_ms).toBe(measured.p95_ms);
    expect(service.source).toMatch(/smoke\.json \(this run's smoke step\)$/);
    expect(cost.status).toBe('pass');
    expect(readFileSync(join(out, 'summary.md'), 'utf8')).toContain('| Cost | Detail | $/month |');
  });

  test('without a smoke step the cost step is an error naming the configuration key', async () => {
    const { dir, file } = config('version: 1\ncost:\n  requests-per-day: 1000\n');
    const r = await cli(['run', '--config', file, '--out-dir', join(dir, 'out')]);
    expect(r.code).toBe(2);
    const cost = readResultFile(join(dir, 'out', 'cost.json'));
    expect(cost.status).toBe('error');
    expect(cost.summary).toBe(
      `${file}:3: cost.smoke: no smoke result in this run: add a smoke step to the configuration before cost, or give a smoke result file`,
    );
  });

  test('a smoke step that could not time the model makes the cost an error that says why', async () => {
    const { dir, file } = config(
      `version: 1\nsmoke:\n  model: ${join(ROOT, 'workflows-examples/demo/data/eval.csv')}\ncost:\n  requests-per-day: 1000\n`,
    );
    const r = await cli(['run', '--config', file, '--out-dir', join(dir, 'out')]);
    expect(r.code).toBe(2);
    const cost = readResultFile(join(dir, 'out', 'cost.json'));
    expect(cost.status).toBe('error');
    expect(cost.summary).toMatch(
      /smoke\.json \(this run's smoke step\): metrics\.latency_p50_ms: missing; the cost needs the smoke check's latency \(its result is "(fail|error)"/,
    );
  });

  test('zero traffic and a pricing override with a missing field name the file, line and key', async () => {
    const zero = config('version: 1\ncost:\n  smoke: smoke.json\n  requests-per-day: 0\n');
    const r1 = await cli(['run', '--config', zero.file, '--out-dir', join(zero.dir, 'out')]);
    expect(readResultFile(join(zero.dir, 'out', 'cost.json')).summary).toBe(
      `${zero.file}:4: cost.requests-per-day: expected a number > 0, got 0`,
    );
    expect(r1.code).toBe(2);
    const missing = config(
      'version: 1\ncost:\n  smoke: smoke.json\n  requests-per-day: 10\n  pricing:\n    instances:\n      - name: my-box\n        provider: aws\n',
    );
    await cli(['run', '--config', missing.file, '--out-dir', join(missing.dir, 'out')]);
    expect(readResultFile(join(missing.dir, 'out', 'cost.json')).summary).toBe(
      `${missing.file}:7: cost.pricing.instances[0]: missing key "family" in instance type "my-box" (needs name, provider, family, arch, vcpus, memory_gib, usd_per_hour)`,
    );
  });
});
