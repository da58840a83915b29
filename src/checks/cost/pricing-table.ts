/**
 * The pricing table: the committed, dated list prices in `pricing/prices.json`, validated, plus the
 * user's overrides and additions (`cost.pricing` in .model-ci.yml, inline or a file). Every problem is a
 * ConfigError naming the file, the line when known and the key path (`cost.pricing.instances[2].vcpus`).
 */
import { ConfigError, closestMatch, didYouMean } from '../../core/errors.js';
import { hasControl, visible } from '../../core/visible.js';
import defaultTable from './pricing/prices.json' with { type: 'json' };

export const PROVIDERS = ['aws', 'gcp', 'azure'] as const;
export const EGRESS_KINDS = ['same-region', 'cross-region', 'internet'] as const;
export type EgressKind = (typeof EGRESS_KINDS)[number];
export const ARCHITECTURES = ['x86_64', 'arm64'] as const;

export interface Accelerator {
  type: string;
  count: number;
  memory_gib?: number;
}

export interface InstanceType {
  name: string;
  provider: string;
  family: string;
  arch: string;
  vcpus: number;
  memory_gib: number;
  usd_per_hour: number;
  region?: string;
  accelerator?: Accelerator;
}

export interface ServerlessOption {
  name: string;
  provider: string;
  service: string;
  arch: string;
  usd_per_million_requests: number;
  usd_per_gb_second: number;
  usd_per_vcpu_second: number;
  memory_mb: { min: number; max: number; step: number };
  /** vCPUs grow with memory (Lambda: 1769 MB = 1 vCPU)… */
  mb_per_vcpu?: number;
  /** …or are fixed. Exactly one of the two. */
  vcpus?: number;
  /** `per-request`: each invocation billed, rounded up; `instance-time`: an instance's busy time. */
  billing: 'per-request' | 'instance-time';
  billing_increment_ms: number;
  min_billed_ms: number;
  region?: string;
}

export interface ProviderPrices {
  region: string;
  registry: { service: string; storage_gb_month: number; fixed_month_usd: number; included_gb: number };
  object_storage: { service: string; storage_gb_month: number };
  egress_gb: Record<EgressKind, number>;
}

export interface PricingTable {
  date: string;
  currency: 'USD';
  note: string;
  sources: Record<string, string[]>;
  providers: Record<string, ProviderPrices>;
  /** Per instance family: `cpu_factor` multiplies the measured latency (1.25 = 25 % slower than the runner). */
  families: Record<string, { cpu_factor: number; source?: string }>;
  instances: InstanceType[];
  serverless: ServerlessOption[];
  /** Where overrides came from, for the report (`.model-ci.yml cost.pricing`). */
  overrides?: string[];
}

/** Where a table or an override came from, to name it in errors. */
export interface TableSource {
  file: string;
  /** Key path of the table in `file` (`cost.pricing` in .model-ci.yml, empty for a file of its own). */
  prefix: string;
  /** Line and column of a key path below the prefix, when the document is known. */
  locate?: (path: (string | number)[]) => { line?: number; column?: number };
}

type Path = (string | number)[];

function keyPath(prefix: string, path: Path): string {
  let s = prefix;
  for (const p of path) s += typeof p === 'number' ? `[${p}]` : s ? `.${p}` : p;
  return s || '(top level)';
}

class Checker {
  constructor(private readonly src: TableSource) {}

  fail(path: Path, detail: string): never {
    const pos = this.src.locate?.(path) ?? {};
    throw new ConfigError({ file: this.src.file, ...pos }, detail, keyPath(this.src.prefix, path));
  }

  object(v: unknown, path: Path): Record<string, unknown> {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) this.fail(path, 'expected a mapping');
    return v as Record<string, unknown>;
  }

  list(v: unknown, path: Path): unknown[] {
    if (!Array.isArray(v)) this.fail(path, 'expected a list');
    return v;
  }

  keys(o: Record<string, unknown>, path: Path, allowed: readonly string[], what: string): void {
    for (const k of Object.keys(o))
      if (!allowed.includes(k))
        this.fail(
          [...path, k],
          `unknown key "${k}"${didYouMean(k, allowed)} in ${what}; allowed: ${allowed.join(', ')}`,
        );
  }

  required(o: Record<string, unknown>, path: Path, keys: readonly string[], what: string): void {
    for (const k of keys)
      if (o[k] === undefined || o[k] === null)
        this.fail(path, `missing key "${k}" in ${what} (needs ${keys.join(', ')})`);
  }

  number(v: unknown, path: Path, opts: { min?: number; positive?: boolean; integer?: boolean } = {}): number {
    const kind = opts.integer ? 'an integer' : 'a number';
    if (typeof v !== 'number' || !Number.isFinite(v) || (opts.integer && !Number.isInteger(v)))
      this.fail(path, `expected ${kind}, got ${JSON.stringify(v)}`);
    if (opts.positive && v <= 0) this.fail(path, `expected ${kind} > 0, got ${v}`);
    if (opts.min !== undefined && v < opts.min) this.fail(path, `expected ${kind} ≥ ${opts.min}, got ${v}`);
    return v;
  }

  string(v: unknown, path: Path, choices?: readonly string[], maxLength = 200): string {
    if (typeof v !== 'string' || v.trim() === '')
      this.fail(path, `expected a non-empty string, got ${JSON.stringify(v)}`);
    // Names end up in logs, annotations and action outputs: one printable line, of a sane length.
    if (hasControl(v) || v.length > maxLength)
      this.fail(
        path,
        `expected one line of printable text (at most ${maxLength} characters), got "${visible(v.slice(0, 60))}"`,
      );
    if (choices && !choices.includes(v))
      this.fail(path, `expected one of ${choices.join(', ')}, got "${v}"${didYouMean(v, choices)}`);
    return v;
  }
}

const INSTANCE_REQUIRED = [
  'name',
  'provider',
  'family',
  'arch',
  'vcpus',
  'memory_gib',
  'usd_per_hour',
] as const;
const INSTANCE_KEYS = [...INSTANCE_REQUIRED, 'region', 'accelerator'] as const;
const SERVERLESS_REQUIRED = [
  'name',
  'provider',
  'service',
  'arch',
  'usd_per_million_requests',
  'usd_per_gb_second',
  'usd_per_vcpu_second',
  'memory_mb',
  'billing',
  'billing_increment_ms',
  'min_billed_ms',
] as const;
const SERVERLESS_KEYS = [...SERVERLESS_REQUIRED, 'mb_per_vcpu', 'vcpus', 'region'] as const;
const PROVIDER_KEYS = ['region', 'registry', 'object_storage', 'egress_gb'] as const;
const TABLE_KEYS = [
  'schema',
  'date',
  'currency',
  'note',
  'sources',
  'providers',
  'families',
  'instances',
  'serverless',
] as const;
const OVERRIDE_KEYS = [
  'date',
  'note',
  'sources',
  'providers',
  'families',
  'instances',
  'serverless',
] as const;

function checkInstance(
  c: Checker,
  raw: Record<string, unknown>,
  path: Path,
  known: ReadonlySet<string>,
): InstanceType {
  const what = `instance type "${String(raw.name)}"`;
  c.keys(raw, path, INSTANCE_KEYS, what);
  c.required(raw, path, INSTANCE_REQUIRED, what);
  c.string(raw.name, [...path, 'name']);
  c.string(raw.provider, [...path, 'provider']);
  if (!known.has(raw.provider as string))
    c.fail(
      [...path, 'provider'],
      `no prices for provider "${String(raw.provider)}"${didYouMean(String(raw.provider), known)}: add it under providers (known: ${[...known].join(', ')})`,
    );
  c.string(raw.family, [...path, 'family']);
  c.string(raw.arch, [...path, 'arch'], ARCHITECTURES);
  c.number(raw.vcpus, [...path, 'vcpus'], { positive: true });
  c.number(raw.memory_gib, [...path, 'memory_gib'], { positive: true });
  c.number(raw.usd_per_hour, [...path, 'usd_per_hour'], { min: 0 });
  if (raw.region !== undefined) c.string(raw.region, [...path, 'region']);
  if (raw.accelerator !== undefined) {
    const a = c.object(raw.accelerator, [...path, 'accelerator']);
    c.keys(a, [...path, 'accelerator'], ['type', 'count', 'memory_gib'], 'an accelerator');
    c.required(a, [...path, 'accelerator'], ['type', 'count'], 'an accelerator');
    c.string(a.type, [...path, 'accelerator', 'type']);
    c.number(a.count, [...path, 'accelerator', 'count'], { positive: true, integer: true });
    if (a.memory_gib !== undefined)
      c.number(a.memory_gib, [...path, 'accelerator', 'memory_gib'], { positive: true });
  }
  return raw as unknown as InstanceType;
}

function checkServerless(
  c: Checker,
  raw: Record<string, unknown>,
  path: Path,
  known: ReadonlySet<string>,
): ServerlessOption {
  const what = `serverless option "${String(raw.name)}"`;
  c.keys(raw, path, SERVERLESS_KEYS, what);
  c.required(raw, path, SERVERLESS_REQUIRED, what);
  c.string(raw.name, [...path, 'name']);
  c.string(raw.provider, [...path, 'provider']);
  if (!known.has(raw.provider as string))
    c.fail([...path, 'provider'], `no prices for provider "${String(raw.provider)}": add it under providers`);
  c.string(raw.service, [...path, 'service']);
  c.string(raw.arch, [...path, 'arch'], ARCHITECTURES);
  for (const k of ['usd_per_million_requests', 'usd_per_gb_second', 'usd_per_vcpu_second'] as const)
    c.number(raw[k], [...path, k], { min: 0 });
  const mem = c.object(raw.memory_mb, [...path, 'memory_mb']);
  c.keys(mem, [...path, 'memory_mb'], ['min', 'max', 'step'], 'memory_mb');
  c.required(mem, [...path, 'memory_mb'], ['min', 'max', 'step'], 'memory_mb');
  const min = c.number(mem.min, [...path, 'memory_mb', 'min'], { positive: true });
  const max = c.number(mem.max, [...path, 'memory_mb', 'max'], { positive: true });
  c.number(mem.step, [...path, 'memory_mb', 'step'], { positive: true });
  if (max < min) c.fail([...path, 'memory_mb', 'max'], `expected max ≥ min (${min}), got ${max}`);
  if ((raw.mb_per_vcpu === undefined) === (raw.vcpus === undefined))
    c.fail(path, `${what} needs exactly one of "mb_per_vcpu" (vCPUs grow with memory) and "vcpus" (fixed)`);
  if (raw.mb_per_vcpu !== undefined) c.number(raw.mb_per_vcpu, [...path, 'mb_per_vcpu'], { positive: true });
  if (raw.vcpus !== undefined) c.number(raw.vcpus, [...path, 'vcpus'], { positive: true });
  c.string(raw.billing, [...path, 'billing'], ['per-request', 'instance-time']);
  c.number(raw.billing_increment_ms, [...path, 'billing_increment_ms'], { positive: true });
  c.number(raw.min_billed_ms, [...path, 'min_billed_ms'], { min: 0 });
  if (raw.region !== undefined) c.string(raw.region, [...path, 'region']);
  return raw as unknown as ServerlessOption;
}

function checkProvider(c: Checker, raw: unknown, path: Path): ProviderPrices {
  const o = c.object(raw, path);
  c.keys(o, path, PROVIDER_KEYS, 'provider prices');
  c.required(o, path, PROVIDER_KEYS, 'provider prices');
  c.string(o.region, [...path, 'region']);
  const reg = c.object(o.registry, [...path, 'registry']);
  const regKeys = ['service', 'storage_gb_month', 'fixed_month_usd', 'included_gb'] as const;
  c.keys(reg, [...path, 'registry'], regKeys, 'registry prices');
  c.required(reg, [...path, 'registry'], regKeys, 'registry prices');
  c.string(reg.service, [...path, 'registry', 'service']);
  for (const k of regKeys.slice(1)) c.number(reg[k], [...path, 'registry', k], { min: 0 });
  const obj = c.object(o.object_storage, [...path, 'object_storage']);
  c.keys(obj, [...path, 'object_storage'], ['service', 'storage_gb_month'], 'object storage prices');
  c.required(obj, [...path, 'object_storage'], ['service', 'storage_gb_month'], 'object storage prices');
  c.string(obj.service, [...path, 'object_storage', 'service']);
  c.number(obj.storage_gb_month, [...path, 'object_storage', 'storage_gb_month'], { min: 0 });
  const eg = c.object(o.egress_gb, [...path, 'egress_gb']);
  c.keys(eg, [...path, 'egress_gb'], EGRESS_KINDS, 'egress prices');
  c.required(eg, [...path, 'egress_gb'], EGRESS_KINDS, 'egress prices');
  for (const k of EGRESS_KINDS) c.number(eg[k], [...path, 'egress_gb', k], { min: 0 });
  return o as unknown as ProviderPrices;
}

function checkFamilies(c: Checker, raw: unknown, path: Path): PricingTable['families'] {
  const o = c.object(raw, path);
  for (const [name, v] of Object.entries(o)) {
    const f = c.object(v, [...path, name]);
    c.keys(f, [...path, name], ['cpu_factor', 'source'], `family "${name}"`);
    c.required(f, [...path, name], ['cpu_factor'], `family "${name}"`);
    c.number(f.cpu_factor, [...path, name, 'cpu_factor'], { positive: true });
    if (f.source !== undefined) c.string(f.source, [...path, name, 'source']);
  }
  return o as PricingTable['families'];
}

function checkDate(c: Checker, v: unknown, path: Path): string {
  const s = typeof v === 'string' ? v : v instanceof Date ? v.toISOString().slice(0, 10) : undefined;
  if (!s || !/^\d{4}-\d{2}-\d{2}$/.test(s) || Number.isNaN(Date.parse(s)))
    c.fail(path, `expected a date as YYYY-MM-DD, got ${JSON.stringify(v)}`);
  return s;
}

function uniqueNames(c: Checker, items: { name: string }[], path: Path): void {
  const seen = new Map<string, number>();
  items.forEach((it, i) => {
    if (seen.has(it.name))
      c.fail([...path, i, 'name'], `"${it.name}" is listed twice (also at [${seen.get(it.name)}])`);
    seen.set(it.name, i);
  });
}

/** Validate a whole table (the committed one, or a file that replaces nothing but is complete). */
export function validateTable(raw: unknown, src: TableSource): PricingTable {
  const c = new Checker(src);
  const o = c.object(raw, []);
  c.keys(o, [], TABLE_KEYS, 'the pricing table');
  c.required(
    o,
    [],
    ['date', 'currency', 'note', 'sources', 'providers', 'instances', 'serverless'],
    'the pricing table',
  );
  const date = checkDate(c, o.date, ['date']);
  c.string(o.currency, ['currency'], ['USD']);
  c.string(o.note, ['note'], undefined, 10_000);
  const sources = c.object(o.sources, ['sources']);
  for (const [k, v] of Object.entries(sources))
    c.list(v, ['sources', k]).forEach((u, i) => c.string(u, ['sources', k, i], undefined, 2000));
  const providersRaw = c.object(o.providers, ['providers']);
  const providers: Record<string, ProviderPrices> = {};
  for (const [k, v] of Object.entries(providersRaw)) providers[k] = checkProvider(c, v, ['providers', k]);
  const known = new Set(Object.keys(providers));
  const instances = c
    .list(o.instances, ['instances'])
    .map((v, i) => checkInstance(c, c.object(v, ['instances', i]), ['instances', i], known));
  const serverless = c
    .list(o.serverless, ['serverless'])
    .map((v, i) => checkServerless(c, c.object(v, ['serverless', i]), ['serverless', i], known));
  uniqueNames(c, instances, ['instances']);
  uniqueNames(c, serverless, ['serverless']);
  return {
    date,
    currency: 'USD',
    note: o.note as string,
    sources: sources as Record<string, string[]>,
    providers,
    families: o.families === undefined ? {} : checkFamilies(c, o.families, ['families']),
    instances,
    serverless,
  };
}

/** The committed table (validated once; a broken commit fails every test that loads it). */
export function defaultPricingTable(): PricingTable {
  return validateTable(structuredClone(defaultTable), {
    file: 'src/checks/cost/pricing/prices.json',
    prefix: '',
  });
}

/** Merge one list of entries by name: a known name changes the given fields, a new name must be complete. */
function mergeEntries<T extends { name: string }>(
  c: Checker,
  base: T[],
  raw: unknown,
  path: Path,
  check: (merged: Record<string, unknown>, p: Path) => T,
  kind: string,
): T[] {
  const out = [...base];
  c.list(raw, path).forEach((v, i) => {
    const entry = c.object(v, [...path, i]);
    const name = c.string(entry.name, [...path, i, 'name']);
    const at = out.findIndex((e) => e.name === name);
    if (at >= 0) out[at] = check({ ...out[at], ...entry }, [...path, i]);
    else {
      try {
        out.push(check(entry, [...path, i]));
      } catch (e) {
        // A new name that misses fields is often a misspelt existing one: say so.
        const near = closestMatch(
          name,
          base.map((b) => b.name),
        );
        if (e instanceof ConfigError && near)
          throw new ConfigError(
            e.position,
            `${e.detail} — or did you mean the known ${kind} "${near}"?`,
            e.keyPath,
          );
        throw e;
      }
    }
  });
  return out;
}

/**
 * Apply overrides (`cost.pricing`) to a table: `providers.<p>` and `families.<f>` replace or add whole
 * entries; `instances` / `serverless` entries change the named entry's given fields or add a complete new
 * one; `date` replaces the table's date (say when you refreshed it).
 */
export function applyOverrides(table: PricingTable, raw: unknown, src: TableSource): PricingTable {
  const c = new Checker(src);
  const o = c.object(raw, []);
  c.keys(o, [], OVERRIDE_KEYS, 'pricing overrides');
  const providers = { ...table.providers };
  if (o.providers !== undefined)
    for (const [k, v] of Object.entries(c.object(o.providers, ['providers'])))
      providers[k] = checkProvider(c, v, ['providers', k]);
  const known = new Set(Object.keys(providers));
  const instances =
    o.instances === undefined
      ? table.instances
      : mergeEntries(
          c,
          table.instances,
          o.instances,
          ['instances'],
          (m, p) => checkInstance(c, m, p, known),
          'instance type',
        );
  const serverless =
    o.serverless === undefined
      ? table.serverless
      : mergeEntries(
          c,
          table.serverless,
          o.serverless,
          ['serverless'],
          (m, p) => checkServerless(c, m, p, known),
          'serverless option',
        );
  const sources = { ...table.sources };
  if (o.sources !== undefined)
    for (const [k, v] of Object.entries(c.object(o.sources, ['sources'])))
      sources[k] = c.list(v, ['sources', k]).map((u, i) => c.string(u, ['sources', k, i], undefined, 2000));
  return {
    ...table,
    date: o.date === undefined ? table.date : checkDate(c, o.date, ['date']),
    note: o.note === undefined ? table.note : c.string(o.note, ['note'], undefined, 10_000),
    sources,
    providers,
    families:
      o.families === undefined
        ? table.families
        : { ...table.families, ...checkFamilies(c, o.families, ['families']) },
    instances,
    serverless,
    overrides: [...(table.overrides ?? []), src.prefix ? `${src.file} ${src.prefix}` : src.file],
  };
}
