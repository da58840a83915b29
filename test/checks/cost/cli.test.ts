import { describe, expect, test } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { costHtml, costMarkdown, costKeyFigures } from '../../../src/checks/cost/present.js';
import { toJsonText, type CheckResult } from '../../../src/core/result.js';
import { readResultFile } from '../../../src/core/validate-result.js';
import { presenterFor } from '../../../src/report/presenters.js';
import { cli } from '../../helpers/cli.js';
import { smokeResult } from './fixtures.js';

function workspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cost-'));
  writeFileSync(join(dir, 'smoke.json'), toJsonText(smokeResult()));
  return dir;
}

const TRAFFIC = ['--requests-per-day', '345600', '--peak-factor', '2'];

/** Messages name files relative to the process's working folder; the tests run elsewhere. */
function rel(text: string, dir: string): string {
  return text.split(`${dir}/`).join('');
}

describe('model-ci cost', () => {
  test('writes the result the issue asks for: metrics, instance type, table date, assumptions, candidates', async () => {
    const dir = workspace();
    const r = await cli(
      ['cost', '--smoke', 'smoke.json', ...TRAFFIC, '--latency-slo-ms', '300', '--out', 'cost.json'],
      dir,
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const res = readResultFile(join(dir, 'cost.json'));
    expect(Object.keys(res.metrics).sort()).toEqual(['cost_per_million_usd', 'instances', 'monthly_usd']);
    expect(res.details).toMatchObject({ table_date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
    expect(typeof res.details.instance_type).toBe('string');
    const candidates = res.details.candidates as { name: string; eligible: boolean; monthly_usd: number }[];
    expect(candidates.length).toBeGreaterThan(20);
    expect(candidates[0].name).toBe(res.details.instance_type);
    expect(candidates[0].monthly_usd).toBe(res.metrics.monthly_usd);
    // Eligible ones come first, each no dearer than the next.
    const eligible = candidates.filter((c) => c.eligible);
    for (let i = 1; i < eligible.length; i++)
      expect(eligible[i].monthly_usd).toBeGreaterThanOrEqual(eligible[i - 1].monthly_usd);
    const assumptions = res.details.assumptions as string[];
    expect(assumptions.join('\n')).toMatch(/M\/M\/c/);
    expect(assumptions.join('\n')).toMatch(/as fast as the smoke test's CPU \(Test CPU @ 2\.0GHz, x64\)/);
    expect(assumptions.join('\n')).toMatch(/No image result/);
    expect(r.stdout).toContain('Cost estimate: pass');
  });

  test('--instance-types restricts the options; only x86_64 types by default on an x64 runner', async () => {
    const dir = workspace();
    await cli(['cost', '--smoke', 'smoke.json', ...TRAFFIC, '--out', 'a.json'], dir);
    const all = readResultFile(join(dir, 'a.json')).details.candidates as {
      arch: string;
      accelerator?: string;
    }[];
    expect(new Set(all.map((c) => c.arch))).toEqual(new Set(['x86_64']));
    expect(all.some((c) => c.accelerator)).toBe(false);
    await cli(
      [
        'cost',
        '--smoke',
        'smoke.json',
        ...TRAFFIC,
        '--instance-types',
        'c7i.large,aws-lambda-x86',
        '--out',
        'b.json',
      ],
      dir,
    );
    const some = readResultFile(join(dir, 'b.json')).details.candidates as { name: string }[];
    expect(some.map((c) => c.name).sort()).toEqual(['aws-lambda-x86', 'c7i.large']);
  });

  test('an image result adds registry storage and egress', async () => {
    const dir = workspace();
    const image = {
      ...smokeResult(),
      check: 'image',
      title: 'Serving image',
      summary: 'pushed',
      metrics: {},
      details: {
        digest: 'sha256:' + 'a'.repeat(64),
        tags: ['pr-1'],
        image_ref: 'r/x@sha256:a',
        size_bytes: 200 * 2 ** 20,
        layers: [{ size: 150 * 2 ** 20 }, { size: 50 * 2 ** 20 }],
        platforms: ['linux/amd64'],
      },
    };
    writeFileSync(join(dir, 'image.json'), toJsonText(image));
    const r = await cli(
      [
        'cost',
        '--smoke',
        'smoke.json',
        '--image',
        'image.json',
        ...TRAFFIC,
        '--registry-egress',
        'internet',
        '--instance-types',
        'c7i.large',
        '--out',
        'c.json',
      ],
      dir,
    );
    expect(r.code).toBe(0);
    const res = readResultFile(join(dir, 'c.json'));
    const lines = res.details.lines as { line: string; monthly_usd: number }[];
    // 200 MiB = 0.1953 GiB × $0.10; 20 deployments × 1 instance × the 50 MiB model layer × $0.09.
    expect(lines.map((l) => l.line)).toEqual(['compute', 'registry storage', 'registry egress']);
    expect(lines[1].monthly_usd).toBeCloseTo((200 / 1024) * 0.1, 10);
    expect(lines[2].monthly_usd).toBeCloseTo(20 * (50 / 1024) * 0.09, 10);
  });

  describe('bad input: exit 2, one line naming the file or flag and the key', () => {
    test.each<[string, (dir: string) => string[], RegExp]>([
      [
        'a smoke result without latency',
        (dir) => {
          const s = smokeResult();
          s.status = 'fail';
          s.summary = '1 of 3 checks failed (loads) on wasm';
          s.metrics = { peak_rss_mb: 80 };
          s.details = {};
          writeFileSync(join(dir, 'failed.json'), toJsonText(s));
          return ['--smoke', 'failed.json', ...TRAFFIC];
        },
        /^model-ci: error: failed\.json: metrics\.latency_p50_ms: missing; the cost needs the smoke check's latency \(its result is "fail": 1 of 3 checks failed \(loads\) on wasm\)\n$/,
      ],
      [
        'an unknown instance type',
        () => ['--smoke', 'smoke.json', ...TRAFFIC, '--instance-types', 'c7i.larg'],
        /^model-ci: error: --instance-types: unknown instance type "c7i\.larg" \(did you mean "c7i\.large"\?\)/,
      ],
      [
        'zero traffic',
        () => ['--smoke', 'smoke.json', '--requests-per-day', '0'],
        /^model-ci: error: --requests-per-day: expected a number > 0, got 0\n$/,
      ],
      [
        'negative traffic',
        () => ['--smoke', 'smoke.json', '--requests-per-day', '-5'],
        /^model-ci: error: --requests-per-day: expected a number ≥ 0 and ≤ 10000000000000, got -5\n$/,
      ],
      [
        'no traffic at all',
        () => ['--smoke', 'smoke.json'],
        /^model-ci: error: --requests-per-day is required/,
      ],
      ['no smoke result', () => [...TRAFFIC], /^model-ci: error: --smoke: a smoke result is required/],
      [
        'a result of another check',
        (dir) => {
          writeFileSync(join(dir, 'drift.json'), toJsonText({ ...smokeResult(), check: 'drift' }));
          return ['--smoke', 'drift.json', ...TRAFFIC];
        },
        /^model-ci: error: drift\.json: \$\.check: expected a smoke result, got a "drift" result\n$/,
      ],
      [
        'a FIFO instead of a result (never hangs)',
        (dir) => {
          execFileSync('mkfifo', [join(dir, 'fifo.json')]);
          return ['--smoke', 'fifo.json', ...TRAFFIC];
        },
        /^model-ci: error: fifo\.json: not a regular file/,
      ],
      [
        'a pricing file with a missing field',
        (dir) => {
          writeFileSync(
            join(dir, 'prices.yml'),
            'instances:\n  - name: my-box\n    provider: aws\n    family: box\n    arch: x86_64\n    vcpus: 4\n',
          );
          return ['--smoke', 'smoke.json', ...TRAFFIC, '--pricing', 'prices.yml'];
        },
        /^model-ci: error: prices\.yml:2:5: instances\[0\]: missing key "memory_gib" in instance type "my-box"/,
      ],
      [
        'an unknown threshold key',
        () => ['--smoke', 'smoke.json', ...TRAFFIC, '--fail-on', 'max-monthly-increse=5'],
        /^model-ci: error: --fail-on: unknown key "max-monthly-increse" \(did you mean "max-monthly-increase"\?\)/,
      ],
      [
        'an unknown provider',
        () => ['--smoke', 'smoke.json', ...TRAFFIC, '--providers', 'awz'],
        /^model-ci: error: --providers: unknown provider "awz" \(did you mean "aws"\?\); known: aws, gcp, azure/,
      ],
      [
        'a base-results path that is a file',
        () => ['--smoke', 'smoke.json', ...TRAFFIC, '--base-results', 'smoke.json'],
        /^model-ci: error: --base-results: smoke\.json is not a folder of result files/,
      ],
    ])('%s', async (_name, args, message) => {
      const dir = workspace();
      const r = await cli(['cost', ...args(dir)], dir);
      expect(rel(r.stderr, dir)).toMatch(message);
      expect(r.stderr.split('\n').filter(Boolean)).toHaveLength(1);
      expect(r.code).toBe(2);
    });

    test('an --out that is the smoke result is refused before anything is written', async () => {
      const dir = workspace();
      const before = readFileSync(join(dir, 'smoke.json'), 'utf8');
      const r = await cli(['cost', '--smoke', 'smoke.json', ...TRAFFIC, '--out', 'smoke.json'], dir);
      expect(r.code).toBe(2);
      expect(rel(r.stderr, dir)).toMatch(/--out smoke\.json is one of the input files/);
      expect(readFileSync(join(dir, 'smoke.json'), 'utf8')).toBe(before);
    });
  });

  describe('base vs head', () => {
    async function withBase(headMean: number, extra: string[] = []) {
      const dir = workspace();
      mkdirSync(join(dir, 'base'));
      writeFileSync(join(dir, 'base', 'smoke.json'), toJsonText(smokeResult()));
      writeFileSync(
        join(dir, 'head.json'),
        toJsonText(smokeResult({ batch1: { mean_ms: headMean, p95_ms: headMean * 1.5 } })),
      );
      const args = [
        'cost',
        '--smoke',
        'head.json',
        '--base-results',
        'base',
        ...TRAFFIC,
        '--instance-types',
        'aws-lambda-x86',
        ...extra,
        '--out',
        'cost.json',
      ];
      const r = await cli(args, dir);
      const res = r.code === 2 ? undefined : readResultFile(join(dir, 'cost.json'));
      if (res?.details.diff) {
        const d = res.details.diff as { base_source: string };
        d.base_source = rel(d.base_source, dir);
      }
      return { r, res, dir };
    }

    test('recomputes the base from its smoke result and shows Δ per line; a rise beyond fail-on fails', async () => {
      // Lambda at 1769 MB: 100 ms → 200 ms per request doubles the duration part of the cost.
      const { r, res } = await withBase(200, ['--fail-on', 'max-relative-increase=0.5']);
      expect(r.code).toBe(1);
      const diff = res!.details.diff as {
        total: { base_usd: number; head_usd: number; delta_relative: number };
        verdict: string;
        base_source: string;
      };
      const perRequest = (ms: number) => 0.2e-6 + (ms / 1000) * (1769 / 1024) * 0.0000166667;
      const monthly = (ms: number) => perRequest(ms) * 345_600 * (365 / 12);
      expect(diff.total.base_usd).toBeCloseTo(monthly(100), 9);
      expect(diff.total.head_usd).toBeCloseTo(monthly(200), 9);
      expect(diff.total.delta_relative).toBeCloseTo(monthly(200) / monthly(100) - 1, 9);
      expect(diff.verdict).toBe('fail');
      expect(diff.base_source).toMatch(
        /^recomputed from base\/smoke\.json with this branch's traffic and prices$/,
      );
      expect(res!.status).toBe('fail');
      expect(res!.findings[0].message).toMatch(
        /^Monthly cost \$32\.37 → \$62\.64: fail-on: \+93\.5 % is more than 50\.0 %$/,
      );
    });

    test('a rise within fail-on but beyond comment-on warns; an unchanged cost stays quiet', async () => {
      const rise = await withBase(110, [
        '--fail-on',
        'max-monthly-increase=100',
        '--comment-on',
        'max-monthly-increase=1',
      ]);
      expect(rise.r.code).toBe(0);
      expect(rise.res!.status).toBe('warn');
      expect((rise.res!.details.diff as { verdict: string }).verdict).toBe('comment');
      const same = await withBase(100);
      expect(same.res!.status).toBe('pass');
      expect(same.res!.details.diff).toMatchObject({ verdict: 'quiet', comment: false });
    });

    test('skips files in the base folder that are not results, with a warning, and compares with the rest', async () => {
      const dir = workspace();
      mkdirSync(join(dir, 'base'));
      writeFileSync(join(dir, 'base', 'smoke.json'), toJsonText(smokeResult()));
      writeFileSync(join(dir, 'base', 'notes.json'), '{"hello": "\\u001b[31m::error::x"}');
      const r = await cli(
        ['cost', '--smoke', 'smoke.json', ...TRAFFIC, '--base-results', 'base', '--out', 'cost.json'],
        dir,
      );
      expect(r.code).toBe(0);
      expect(rel(r.stderr, dir)).toMatch(
        /^warning: base results: skipped base\/notes\.json: \$\.schema: expected "model-ci\/result@1"/m,
      );
      expect(readResultFile(join(dir, 'cost.json')).details.diff).toMatchObject({ verdict: 'quiet' });
    });

    test("prefers the base branch's own cost result", async () => {
      const dir = workspace();
      mkdirSync(join(dir, 'base'));
      await cli(
        [
          'cost',
          '--smoke',
          'smoke.json',
          ...TRAFFIC,
          '--instance-types',
          'c7i.large',
          '--out',
          join('base', 'cost.json'),
        ],
        dir,
      );
      const r = await cli(
        [
          'cost',
          '--smoke',
          'smoke.json',
          ...TRAFFIC,
          '--instance-types',
          'aws-lambda-x86',
          '--base-results',
          'base',
          '--out',
          'cost.json',
        ],
        dir,
      );
      expect(r.code).toBe(0);
      const diff = readResultFile(join(dir, 'cost.json')).details.diff as {
        base_source: string;
        lines: { line: string }[];
      };
      expect(rel(diff.base_source, dir)).toBe(
        "base/cost.json (the base branch's cost result: its own traffic and prices)",
      );
      expect(diff.lines.map((l) => l.line)).toEqual(['compute (c7i.large)', 'compute (aws-lambda-x86)']);
    });
  });
});

describe('the cost presenter', () => {
  async function result(extra: string[] = [], pricing?: string): Promise<CheckResult> {
    const dir = workspace();
    if (pricing) writeFileSync(join(dir, 'prices.yml'), pricing);
    const r = await cli(
      [
        'cost',
        '--smoke',
        'smoke.json',
        ...TRAFFIC,
        ...extra,
        ...(pricing ? ['--pricing', 'prices.yml'] : []),
        '--out',
        'cost.json',
      ],
      dir,
    );
    expect(r.stderr).toBe('');
    return readResultFile(join(dir, 'cost.json'));
  }

  test('is registered for the report, with $/month, $/1M predictions and instances as key figures', async () => {
    const r = await result();
    expect(presenterFor('cost')?.markdown).toBe(costMarkdown);
    expect(costKeyFigures(r)).toEqual([
      { label: '$/month', value: r.metrics.monthly_usd, unit: 'USD', change: 'relative', better: 'lower' },
      {
        label: '$/1M predictions',
        value: r.metrics.cost_per_million_usd,
        unit: 'USD',
        change: 'relative',
        better: 'lower',
      },
      { label: 'instances', value: r.metrics.instances, change: 'absolute', better: 'lower' },
    ]);
  });

  test('shows the cost lines, the cheapest three options, the crossover, the assumptions and the table date', async () => {
    const md = costMarkdown(await result(['--latency-slo-ms', '300', '--providers', 'aws']));
    expect(md).toMatch(
      /^### ✅ Cost estimate\n\n\*\*\$32\.37\/month\*\* · \$3\.08 per 1M predictions · aws-lambda-x86 \(AWS Lambda \(x86\)\), aws us-east-1 · 345,600 requests\/day, peak ×2, p95 ≤ 300 ms\n/,
    );
    expect(md).toContain('| Cost | Detail | $/month |');
    expect(md).toContain('**Cheapest options**');
    expect(md.match(/^\| [123] \| /gm)).toHaveLength(3);
    // The cheapest AWS instance, c6i.large, costs $5.37 per 1M requests fully loaded: Lambda stays cheaper.
    expect(md).toContain(
      // `$` is an entity: PR text could otherwise start GitHub math (src/report/escape.ts).
      '**Serverless vs instances**: aws-lambda-x86 costs less than c6i.large at any traffic (&#36;3.08 per 1M requests; a fully loaded c6i.large &#36;5.37).',
    );
    expect(md).toMatch(/<details><summary>Assumptions \(\d+\)<\/summary>/);
    expect(md).toMatch(/Prices: pricing table dated \*\*\d{4}-\d{2}-\d{2}\*\*/);
  });

  test('renders hostile names from a pricing override inert', async () => {
    const hostile = '</details><img src=x onerror=alert(1)> @org/team <!-- model-ci -->';
    const md = costMarkdown(
      await result(
        ['--instance-types', 'evil'],
        `instances:\n  - name: "evil"\n    provider: aws\n    family: "${hostile.replace(/"/g, '\\"')}"\n    arch: x86_64\n    vcpus: 2\n    memory_gib: 8\n    usd_per_hour: 0.01\n`,
      ),
    );
    expect(md).not.toContain('</details><img');
    expect(md).not.toContain('<img');
    expect(md).not.toMatch(/@org\/team/);
    expect(md).not.toContain('<!-- model-ci -->');
    const html = costHtml(
      await result(
        ['--instance-types', 'evil'],
        `instances:\n  - name: "evil"\n    provider: aws\n    family: "x"\n    arch: x86_64\n    vcpus: 2\n    memory_gib: 8\n    usd_per_hour: 0.01\n  - name: "<img src=x onerror=alert(1)>"\n    provider: aws\n    family: "x"\n    arch: x86_64\n    vcpus: 2\n    memory_gib: 8\n    usd_per_hour: 0.02\n`,
      ),
    );
    expect(html).not.toContain('<img');
    expect(html).toContain('<svg');
  });

  test('the HTML section has the options chart and tables, every text escaped', async () => {
    const dir = workspace();
    writeFileSync(
      join(dir, 'p.yml'),
      'instances:\n  - { name: "a<b>&c", provider: aws, family: f, arch: x86_64, vcpus: 2, memory_gib: 8, usd_per_hour: 0.01 }\n',
    );
    await cli(
      [
        'cost',
        '--smoke',
        'smoke.json',
        ...TRAFFIC,
        '--pricing',
        'p.yml',
        '--instance-types',
        'a<b>&c,c7i.large',
        '--out',
        'cost.json',
      ],
      dir,
    );
    const html = costHtml(readResultFile(join(dir, 'cost.json')));
    expect(html).toContain('a&lt;b&gt;&amp;c');
    expect(html).not.toContain('a<b>');
    expect(html.match(/<rect /g)).toHaveLength(2);
    expect(html).toMatch(/<details><summary>Assumptions \(\d+\)<\/summary><ul><li>Prices: /);
  });
});
