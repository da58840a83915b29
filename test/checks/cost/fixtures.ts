/** Hand-made inputs for the cost check's tests: round numbers whose costs can be worked out on paper. */
import type { CheckResult } from '../../../src/core/result.js';
import type { ServicePoint } from '../../../src/checks/cost/measurements.js';
import type { InstanceType, PricingTable, ServerlessOption } from '../../../src/checks/cost/pricing-table.js';

export const PROVIDER = {
  region: 'test-1',
  registry: { service: 'Test Registry', storage_gb_month: 0.1, fixed_month_usd: 0, included_gb: 0 },
  object_storage: { service: 'Test Objects', storage_gb_month: 0.02 },
  egress_gb: { 'same-region': 0, 'cross-region': 0.02, internet: 0.09 },
};

export function instanceType(over: Partial<InstanceType> = {}): InstanceType {
  return {
    name: 'test.one',
    provider: 'test',
    family: 'test',
    arch: 'x86_64',
    vcpus: 1,
    memory_gib: 4,
    usd_per_hour: 0.1,
    ...over,
  };
}

/** A Lambda-shaped option: $0.20 per 1M requests, $0.0000166667 per GB-s, 1769 MB = 1 vCPU, 1 ms billing. */
export function lambdaLike(over: Partial<ServerlessOption> = {}): ServerlessOption {
  return {
    name: 'test-fn',
    provider: 'test',
    service: 'Test Functions',
    arch: 'x86_64',
    usd_per_million_requests: 0.2,
    usd_per_gb_second: 0.0000166667,
    usd_per_vcpu_second: 0,
    memory_mb: { min: 128, max: 10240, step: 1 },
    mb_per_vcpu: 1769,
    billing: 'per-request',
    billing_increment_ms: 1,
    min_billed_ms: 1,
    ...over,
  };
}

export function table(over: Partial<PricingTable> = {}): PricingTable {
  return {
    date: '2026-01-01',
    currency: 'USD',
    note: 'test prices',
    sources: {},
    providers: { test: PROVIDER },
    families: {},
    instances: [instanceType()],
    serverless: [lambdaLike()],
    ...over,
  };
}

/** A request of one row: mean 100 ms, p95 150 ms, p99 180 ms. */
export const POINT: ServicePoint = { batch: 1, mean_ms: 100, p50_ms: 95, p95_ms: 150, p99_ms: 180 };

/** A smoke result as the smoke check writes it (model mode), with the given service statistics. */
export function smokeResult(
  over: { batch1?: Partial<ServicePoint>; batch32?: Partial<ServicePoint> | null; rss?: number | null } = {},
): CheckResult {
  const b1 = { ...POINT, ...over.batch1 };
  const b32 =
    over.batch32 === null
      ? undefined
      : { batch: 32, mean_ms: 400, p50_ms: 390, p95_ms: 500, p99_ms: 600, ...over.batch32 };
  const latency: Record<string, unknown> = {
    batch_1: {
      runs: 30,
      p50_ms: b1.p50_ms,
      p95_ms: b1.p95_ms,
      p99_ms: b1.p99_ms,
      mean_ms: b1.mean_ms,
      min_ms: 1,
      max_ms: 300,
      throughput_per_s: 1000 / b1.mean_ms,
    },
    warmup: 3,
  };
  if (b32)
    latency.batch_32 = {
      runs: 30,
      p50_ms: b32.p50_ms,
      p95_ms: b32.p95_ms,
      p99_ms: b32.p99_ms,
      mean_ms: b32.mean_ms,
      min_ms: 1,
      max_ms: 900,
      throughput_per_s: 32000 / b32.mean_ms,
    };
  const metrics: CheckResult['metrics'] = {
    load_ms: 250,
    latency_p50_ms: b1.p50_ms,
    latency_p95_ms: b1.p95_ms,
    latency_p99_ms: b1.p99_ms,
    throughput_per_s: b32 ? 32000 / b32.mean_ms : 1000 / b1.mean_ms,
  };
  if (over.rss !== null) metrics.peak_rss_mb = over.rss ?? 100;
  return {
    schema: 'model-ci/result@1',
    check: 'smoke',
    status: 'pass',
    title: 'Inference smoke test',
    summary: '9 checks passed on wasm',
    metrics,
    findings: [],
    details: {
      mode: 'model',
      backend: 'wasm',
      latency,
      host: { arch: 'x64', cpu: 'Test CPU @ 2.0GHz', cpus: 2 },
    },
    inputs: {},
    startedAt: '2026-01-01T00:00:00.000Z',
    durationMs: 1000,
    tool: { name: 'model-ci', version: '0.1.0' },
  };
}
