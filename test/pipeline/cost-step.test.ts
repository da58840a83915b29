import { describe, expect, test } from '@jest/globals';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { costStep } from '../../src/checks/cost/step.js';
import { silentLogger } from '../../src/core/logger.js';
import type { CheckResult } from '../../src/core/result.js';
import { readResultFile } from '../../src/core/validate-result.js';
import { smokeResult } from '../checks/cost/fixtures.js';
import { cli } from '../helpers/cli.js';
import { ROOT } from '../helpers/run-bundle.js';

// Paths in a configuration must stay inside its repository (docs/security.md): the model is copied in.
const MODEL = 'model/model.json';

function config(text: string): { dir: string; file: string } {
  const dir = mkdtempSync(join(tmpdir(), 'cost-run-'));
  cpSync(join(ROOT, 'workflows-examples/demo/model'), join(dir, 'model'), { recursive: true });
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
    // The file exists (a missing one is reported first, at its key): these are about the values.
    writeFileSync(join(zero.dir, 'smoke.json'), '{}');
    const r1 = await cli(['run', '--config', zero.file, '--out-dir', join(zero.dir, 'out')]);
    expect(readResultFile(join(zero.dir, 'out', 'cost.json')).summary).toBe(
      `${zero.file}:4: cost.requests-per-day: expected a number > 0, got 0`,
    );
    expect(r1.code).toBe(2);
    const missing = config(
      'version: 1\ncost:\n  smoke: smoke.json\n  requests-per-day: 10\n  pricing:\n    instances:\n      - name: my-box\n        provider: aws\n',
    );
    writeFileSync(join(missing.dir, 'smoke.json'), '{}');
    await cli(['run', '--config', missing.file, '--out-dir', join(missing.dir, 'out')]);
    expect(readResultFile(join(missing.dir, 'out', 'cost.json')).summary).toBe(
      `${missing.file}:7: cost.pricing.instances[0]: missing key "family" in instance type "my-box" (needs name, provider, family, arch, vcpus, memory_gib, usd_per_hour)`,
    );
  });
});

describe('the cost step with earlier results in its context', () => {
  const image = (details: Record<string, unknown>): CheckResult => ({
    ...smokeResult(),
    check: 'image',
    title: 'Serving image',
    summary: 'pushed r/x:pr-1',
    metrics: {},
    details,
  });
  const run = (previous: { result: CheckResult; file: string }[]) =>
    costStep.execute(
      {
        requestsPerDay: 345_600,
        peakFactor: 2,
        sloPercentile: 'p95',
        batchSize: 1,
        maxUtilization: 0.8,
        minInstances: 1,
        gpu: false,
        serveOn: 'any',
        memoryHeadroom: 0.25,
        vcpusPerWorker: 1,
        imageVersions: 2,
        deploysPerMonth: 10,
        registryEgress: 'internet',
        instanceTypes: ['c7i.large'],
      },
      {
        baseDir: ROOT,
        logger: silentLogger,
        source: '.model-ci.yml',
        keyPath: 'cost',
        previousResults: previous,
      },
    );

  test("uses this run's image result (size and layers, numbers or objects) for registry storage and egress", async () => {
    const MiB = 2 ** 20;
    const r = await run([
      { result: smokeResult(), file: 'out/smoke.json' },
      {
        result: image({
          size_bytes: 300 * MiB,
          layers: [250 * MiB, { size_bytes: 50 * MiB }],
          platforms: ['linux/amd64'],
        }),
        file: 'out/image.json',
      },
    ]);
    const lines = r.details.lines as { line: string; monthly_usd: number }[];
    // ECR: (300 + 1 × 50) MiB × $0.10/GB; 10 deployments × 1 instance × 50 MiB × $0.09/GB internet egress.
    expect(lines.map((l) => l.line)).toEqual(['compute', 'registry storage', 'registry egress']);
    expect(lines[1].monthly_usd).toBeCloseTo((350 / 1024) * 0.1, 12);
    expect(lines[2].monthly_usd).toBeCloseTo(((10 * 50) / 1024) * 0.09, 12);
    expect(r.details.image).toMatchObject({
      source: "out/image.json (this run's image step)",
      size_bytes: 300 * MiB,
    });
  });

  test('a passing image result without its size is an error naming the key; a failed image step is left out', async () => {
    await expect(
      run([
        { result: smokeResult(), file: 'out/smoke.json' },
        { result: image({ digest: 'sha256:x' }), file: 'out/image.json' },
      ]),
    ).rejects.toThrow(
      `out/image.json (this run's image step): details.size_bytes: missing; the cost needs the image's size (its result is "pass": pushed r/x:pr-1)`,
    );
    const errored = { ...image({}), status: 'error' as const };
    const r = await run([
      { result: smokeResult(), file: 'out/smoke.json' },
      { result: errored, file: 'out/image.json' },
    ]);
    expect((r.details.lines as unknown[]).length).toBe(1);
  });
});
