import { describe, expect, test } from '@jest/globals';
import { ConfigError } from '../../../src/core/errors.js';
import {
  applyOverrides,
  defaultPricingTable,
  validateTable,
} from '../../../src/checks/cost/pricing-table.js';

const SRC = { file: '.model-ci.yml', prefix: 'cost.pricing' };

describe('the committed pricing table', () => {
  const t = defaultPricingTable();

  test('is dated, sourced, says it was transcribed, and validates', () => {
    expect(t.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(t.note).toMatch(/TRANSCRIBED, NOT FETCHED/);
    expect(Object.keys(t.sources).sort()).toEqual(['aws', 'azure', 'gcp']);
    for (const urls of Object.values(t.sources)) for (const u of urls) expect(u).toMatch(/^https:\/\//);
  });

  test('covers CPU and GPU instance types and the serverless options of all three clouds', () => {
    for (const p of ['aws', 'gcp', 'azure']) {
      const mine = t.instances.filter((i) => i.provider === p);
      expect(mine.some((i) => !i.accelerator && i.arch === 'x86_64')).toBe(true);
      expect(mine.some((i) => i.accelerator)).toBe(true);
      expect(t.serverless.some((s) => s.provider === p)).toBe(true);
    }
    expect(t.serverless.map((s) => s.name)).toEqual(
      expect.arrayContaining([
        'aws-lambda-x86',
        'gcp-cloud-run',
        'azure-functions-consumption',
        'azure-container-apps',
      ]),
    );
  });

  test('has prices that are plausible as list prices', () => {
    for (const i of t.instances) {
      const perVcpu = i.usd_per_hour / i.vcpus;
      expect(perVcpu).toBeGreaterThan(0.01);
      expect(perVcpu).toBeLessThan(i.accelerator ? 1 : 0.08);
    }
  });
});

describe('overrides in .model-ci.yml', () => {
  const t = defaultPricingTable();

  test('change the named entry, add complete new ones, and are named in the table', () => {
    const o = applyOverrides(
      t,
      {
        date: '2027-01-15',
        instances: [
          { name: 'c7i.large', usd_per_hour: 0.07 },
          {
            name: 'on-prem-8',
            provider: 'aws',
            family: 'onprem',
            arch: 'x86_64',
            vcpus: 8,
            memory_gib: 32,
            usd_per_hour: 0.2,
          },
        ],
        families: { onprem: { cpu_factor: 1.3, source: 'our benchmark' } },
      },
      SRC,
    );
    expect(o.date).toBe('2027-01-15');
    expect(o.instances.find((i) => i.name === 'c7i.large')).toMatchObject({ usd_per_hour: 0.07, vcpus: 2 });
    expect(o.instances.at(-1)?.name).toBe('on-prem-8');
    expect(o.families.onprem.cpu_factor).toBe(1.3);
    expect(o.overrides).toEqual(['.model-ci.yml cost.pricing']);
    expect(t.instances.find((i) => i.name === 'c7i.large')?.usd_per_hour).toBe(0.08925);
  });

  test.each<[string, unknown, string]>([
    [
      'a new instance type without a price',
      { instances: [{ name: 'box', provider: 'aws', family: 'x', arch: 'x86_64', vcpus: 2, memory_gib: 4 }] },
      '.model-ci.yml:7: cost.pricing.instances[0]: missing key "usd_per_hour" in instance type "box" (needs name, provider, family, arch, vcpus, memory_gib, usd_per_hour)',
    ],
    [
      'a misspelt existing name',
      { instances: [{ name: 'c7i.larg', usd_per_hour: 0.07 }] },
      '.model-ci.yml:7: cost.pricing.instances[0]: missing key "provider" in instance type "c7i.larg" (needs name, provider, family, arch, vcpus, memory_gib, usd_per_hour) — or did you mean the known instance type "c7i.large"?',
    ],
    [
      'an unknown key',
      { instances: [{ name: 'c7i.large', usd_per_hr: 0.07 }] },
      '.model-ci.yml:7: cost.pricing.instances[0].usd_per_hr: unknown key "usd_per_hr" (did you mean "usd_per_hour"?) in instance type "c7i.large"; allowed: name, provider, family, arch, vcpus, memory_gib, usd_per_hour, region, accelerator',
    ],
    [
      'a negative price',
      { instances: [{ name: 'c7i.large', usd_per_hour: -1 }] },
      '.model-ci.yml:7: cost.pricing.instances[0].usd_per_hour: expected a number ≥ 0, got -1',
    ],
    [
      'a serverless option with neither mb_per_vcpu nor vcpus',
      { serverless: [{ name: 'aws-lambda-x86', mb_per_vcpu: undefined }] },
      '.model-ci.yml:7: cost.pricing.serverless[0]: serverless option "aws-lambda-x86" needs exactly one of "mb_per_vcpu" (vCPUs grow with memory) and "vcpus" (fixed)',
    ],
    [
      'a provider without egress prices',
      {
        providers: {
          onprem: {
            region: 'dc1',
            registry: { service: 'r', storage_gb_month: 0, fixed_month_usd: 0, included_gb: 0 },
            object_storage: { service: 'o', storage_gb_month: 0 },
          },
        },
      },
      '.model-ci.yml:7: cost.pricing.providers.onprem: missing key "egress_gb" in provider prices (needs region, registry, object_storage, egress_gb)',
    ],
    [
      'a name with a line break and a workflow command',
      {
        instances: [
          {
            name: 'box\n::error::pwned',
            provider: 'aws',
            family: 'x',
            arch: 'x86_64',
            vcpus: 2,
            memory_gib: 4,
            usd_per_hour: 1,
          },
        ],
      },
      '.model-ci.yml:7: cost.pricing.instances[0].name: expected one line of printable text (at most 200 characters), got "box\\n::error::pwned"',
    ],
    [
      'a date that is not a date',
      { date: 'last week' },
      '.model-ci.yml:7: cost.pricing.date: expected a date as YYYY-MM-DD, got "last week"',
    ],
    [
      'a family factor of zero',
      { families: { c7i: { cpu_factor: 0 } } },
      '.model-ci.yml:7: cost.pricing.families.c7i.cpu_factor: expected a number > 0, got 0',
    ],
  ])('%s is an error naming the file, line and key', (_name, raw, message) => {
    const locate = () => ({ line: 7 });
    expect(() => applyOverrides(t, raw, { ...SRC, locate })).toThrow(ConfigError);
    expect(() => applyOverrides(t, raw, { ...SRC, locate })).toThrow(message);
  });

  test('a whole table with a duplicate name is refused', () => {
    const raw = structuredClone(defaultPricingTable()) as unknown as { instances: unknown[] };
    raw.instances.push(raw.instances[0]);
    expect(() => validateTable(raw, { file: 'prices.json', prefix: '' })).toThrow(
      /^prices\.json: instances\[47\]\.name: "c7i\.large" is listed twice \(also at \[0\]\)$/,
    );
  });
});
