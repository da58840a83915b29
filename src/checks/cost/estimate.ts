/**
 * The cost model (every formula is written out in docs/cost.md): for each instance type, how many instances
 * serve the peak traffic within the latency SLO (M/M/c per instance, see erlang-c.ts), their utilisation and
 * monthly cost; for each serverless option, the cost from billed duration × memory (and vCPU) plus requests;
 * storage and registry egress of the image; the cheapest option that fits and meets the SLO; and the traffic
 * at which serverless and instances cost the same.
 */
import { maxArrivalRate, waitQuantile } from './erlang-c.js';
import type { ImageSizes, ServicePoint } from './measurements.js';
import type {
  EgressKind,
  InstanceType,
  PricingTable,
  ProviderPrices,
  ServerlessOption,
} from './pricing-table.js';

/** 8760 h / 12: the month AWS, GCP and Azure price calculators use. */
export const HOURS_PER_MONTH = 730;
/** 365 / 12 days. */
export const DAYS_PER_MONTH = 365 / 12;
/** Storage and egress are billed per GiB (2^30 bytes), which the providers call GB. */
export const BYTES_PER_GB = 2 ** 30;

export type Percentile = 'p95' | 'p99';

export interface Traffic {
  /** Average requests per day (> 0). */
  requestsPerDay: number;
  /** Peak request rate ÷ average request rate (≥ 1). */
  peakFactor: number;
  /** Rows (predictions) per request. */
  batchSize: number;
  /** Latency objective for the chosen percentile, ms; undefined = no SLO. */
  sloMs?: number;
  percentile: Percentile;
  /** Largest utilisation an instance may run at, at peak (0, 1]. */
  maxUtilization: number;
  minInstances: number;
}

export interface Sizing {
  /** Memory of one worker (one model process), MB: the smoke run's peak RSS unless overridden. */
  workerMemoryMb: number;
  /** Extra memory per worker on top of it, as a fraction (0.25 = 25 %). */
  memoryHeadroom: number;
  /** vCPUs one worker keeps busy while it serves a request (1 for the single-threaded runtimes). */
  vcpusPerWorker: number;
  /** Model load time, ms (cold starts), when measured. */
  loadMs?: number;
}

export interface Storage {
  image?: ImageSizes;
  /** Image versions kept in the registry. */
  versions: number;
  /** Deployments per month; each instance pulls the changed layer once per deployment. */
  deploysPerMonth: number;
  egress: EgressKind;
  /** Model artifacts kept in object storage besides the image, MB (per version), when given. */
  modelSizeMb?: number;
}

export interface CostLine {
  /** `compute`, `registry storage`, `registry egress`, `model storage`. */
  line: string;
  detail: string;
  monthly_usd: number;
}

export interface Candidate {
  kind: 'instance' | 'serverless';
  name: string;
  provider: string;
  region: string;
  arch: string;
  /** Serverless: the service (`AWS Lambda (x86)`); instances: the family. */
  service: string;
  vcpus: number;
  memory_mb: number;
  accelerator?: string;
  /** Latency multiplier from the table's family factor (1 = the smoke run's CPU). */
  cpu_factor: number;
  /** Instances: model workers per instance (min of vCPUs and memory); serverless: 1. */
  workers: number;
  /** Instances at peak; serverless: concurrent executions at peak. */
  instances: number;
  /** Busy share of the workers at peak (instances); serverless: null. */
  utilization: number | null;
  /** The SLO percentile of the response time at peak, under load (ms). */
  latency_ms: number | null;
  /** Mean service time of one request on this option (ms). */
  service_ms: number;
  /** Largest peak requests per second one instance serves within the SLO and utilisation (instances). */
  capacity_per_instance_rps: number | null;
  /** What decided the instance count: `throughput`, `utilization`, `slo` or `minimum`. */
  bound_by?: 'throughput' | 'utilization' | 'slo' | 'minimum';
  /** Instances at 100 % busy, for comparison with `instances`. */
  instances_for_throughput?: number;
  fits_memory: boolean;
  meets_slo: boolean;
  /** Fits and meets the SLO. */
  eligible: boolean;
  /** Why not eligible, in words. */
  reason?: string;
  usd_per_hour?: number;
  /** Serverless: cost of one request and the billed duration. */
  usd_per_request?: number;
  billed_ms?: number;
  lines: CostLine[];
  monthly_usd: number;
  cost_per_million_usd: number;
  notes: string[];
}

/** Peak arrival rate in requests per second. */
export function peakRate(t: Traffic): number {
  return (t.requestsPerDay * t.peakFactor) / 86400;
}

/** Predictions (rows) per month. */
export function predictionsPerMonth(t: Traffic): number {
  return t.requestsPerDay * DAYS_PER_MONTH * t.batchSize;
}

function quantileOf(p: ServicePoint, q: Percentile): number {
  return q === 'p95' ? p.p95_ms : p.p99_ms;
}

const Q: Record<Percentile, number> = { p95: 0.95, p99: 0.99 };

/** Registry storage, registry egress and model storage for one provider, with `pulls` image pulls a month. */
export function storageLines(prices: ProviderPrices, s: Storage, pulls: number): CostLine[] {
  const lines: CostLine[] = [];
  if (s.image) {
    const last = s.image.layers.length ? s.image.layers[s.image.layers.length - 1] : s.image.sizeBytes;
    // Versions share every layer but the model's (the last one, as model-ci image builds it).
    const stored = s.image.sizeBytes + (s.versions - 1) * last;
    const gb = stored / BYTES_PER_GB;
    const r = prices.registry;
    lines.push({
      line: 'registry storage',
      detail: `${r.service}: ${fmtGb(gb)} GB (${s.versions} version${s.versions === 1 ? '' : 's'})`,
      monthly_usd: r.fixed_month_usd + Math.max(0, gb - r.included_gb) * r.storage_gb_month,
    });
    const egressGb = (pulls * last) / BYTES_PER_GB;
    lines.push({
      line: 'registry egress',
      detail: `${pulls} pulls × ${fmtGb(last / BYTES_PER_GB)} GB, ${s.egress}`,
      monthly_usd: egressGb * prices.egress_gb[s.egress],
    });
  }
  if (s.modelSizeMb !== undefined) {
    const gb = (s.modelSizeMb * 1024 * 1024 * s.versions) / BYTES_PER_GB;
    lines.push({
      line: 'model storage',
      detail: `${prices.object_storage.service}: ${fmtGb(gb)} GB`,
      monthly_usd: gb * prices.object_storage.storage_gb_month,
    });
  }
  return lines;
}

function fmtGb(gb: number): string {
  return gb >= 10 ? gb.toFixed(1) : gb.toPrecision(2);
}

function sum(lines: CostLine[]): number {
  return lines.reduce((a, l) => a + l.monthly_usd, 0);
}

/** The smallest instance count that serves λ with per-instance M/M/c, the utilisation cap and the SLO. */
function instancesNeeded(
  lambda: number,
  c: number,
  mu: number,
  t: Traffic,
  q: number,
  budgetS: number | undefined,
): number | undefined {
  const feasible = (n: number) => {
    const per = lambda / n;
    if (per > t.maxUtilization * c * mu) return false;
    return budgetS === undefined || waitQuantile(c, mu, per, q) <= budgetS;
  };
  let lo = Math.max(t.minInstances, Math.ceil(lambda / (t.maxUtilization * c * mu)));
  if (feasible(lo)) return lo;
  let hi = lo * 2;
  while (!feasible(hi)) {
    lo = hi;
    hi *= 2;
    if (hi > 1e12) return undefined;
  }
  // feasible(hi), !feasible(lo): the count is in (lo, hi].
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (feasible(mid)) hi = mid;
    else lo = mid;
  }
  return hi;
}

/** One instance type at this traffic. */
export function evaluateInstance(
  it: InstanceType,
  table: PricingTable,
  point: ServicePoint,
  t: Traffic,
  z: Sizing,
  s: Storage,
): Candidate {
  const cpuFactor = table.families[it.family]?.cpu_factor ?? 1;
  const serviceMs = point.mean_ms * cpuFactor;
  const quantileMs = quantileOf(point, t.percentile) * cpuFactor;
  const memoryMb = it.memory_gib * 1024;
  const perWorkerMb = z.workerMemoryMb * (1 + z.memoryHeadroom);
  const byCpu = Math.floor(it.vcpus / z.vcpusPerWorker + 1e-9);
  const byMemory = Math.floor(memoryMb / perWorkerMb + 1e-9);
  const workers = Math.min(byCpu, byMemory);
  const prices = table.providers[it.provider];
  const base: Omit<Candidate, 'instances' | 'lines' | 'monthly_usd' | 'cost_per_million_usd'> = {
    kind: 'instance',
    name: it.name,
    provider: it.provider,
    region: it.region ?? prices.region,
    arch: it.arch,
    service: it.family,
    vcpus: it.vcpus,
    memory_mb: memoryMb,
    ...(it.accelerator ? { accelerator: `${it.accelerator.count}× ${it.accelerator.type}` } : {}),
    cpu_factor: cpuFactor,
    workers,
    utilization: null,
    latency_ms: null,
    service_ms: serviceMs,
    capacity_per_instance_rps: null,
    fits_memory: workers > 0,
    meets_slo: false,
    eligible: false,
    usd_per_hour: it.usd_per_hour,
    notes: [],
  };
  const monthlyPerInstance = it.usd_per_hour * HOURS_PER_MONTH;
  const finish = (n: number, extra: Partial<Candidate>): Candidate => {
    const lines: CostLine[] = [
      {
        line: 'compute',
        detail: `${n} × ${it.name} × ${HOURS_PER_MONTH} h × $${it.usd_per_hour}/h`,
        monthly_usd: n * monthlyPerInstance,
      },
      ...storageLines(prices, s, n * s.deploysPerMonth),
    ];
    const monthly = sum(lines);
    return {
      ...base,
      ...extra,
      instances: n,
      lines,
      monthly_usd: monthly,
      cost_per_million_usd: (monthly / predictionsPerMonth(t)) * 1e6,
    };
  };
  if (workers === 0) {
    const reason =
      byCpu === 0
        ? `${it.vcpus} vCPU is less than one worker needs (${z.vcpusPerWorker})`
        : `${Math.round(memoryMb)} MB holds no worker of ${Math.round(perWorkerMb)} MB (peak RSS + ${Math.round(z.memoryHeadroom * 100)} %)`;
    return finish(t.minInstances, { reason });
  }
  const lambda = peakRate(t);
  const mu = 1000 / serviceMs;
  const q = Q[t.percentile];
  const budgetS = t.sloMs === undefined ? undefined : (t.sloMs - quantileMs) / 1000;
  if (budgetS !== undefined && budgetS < 0) {
    return finish(t.minInstances, {
      reason: `one request alone takes ${fmtMs(quantileMs)} ms at ${t.percentile}, above the ${t.sloMs} ms SLO`,
      latency_ms: quantileMs,
    });
  }
  const n = instancesNeeded(lambda, workers, mu, t, q, budgetS);
  if (n === undefined) return finish(t.minInstances, { reason: 'no instance count meets the SLO' });
  const perInstance = lambda / n;
  const latency = quantileMs + waitQuantile(workers, mu, perInstance, q) * 1000;
  const capacityUtil = t.maxUtilization * workers * mu;
  const capacity =
    budgetS === undefined ? capacityUtil : Math.min(capacityUtil, maxArrivalRate(workers, mu, q, budgetS));
  const forThroughput = Math.max(1, Math.ceil(lambda / (workers * mu) - 1e-12));
  const withoutSlo = Math.max(t.minInstances, Math.ceil(lambda / capacityUtil - 1e-12));
  const bound: Candidate['bound_by'] =
    n > withoutSlo
      ? 'slo'
      : n === t.minInstances && Math.ceil(lambda / capacityUtil - 1e-12) < t.minInstances
        ? 'minimum'
        : n > forThroughput
          ? 'utilization'
          : 'throughput';
  return finish(n, {
    utilization: perInstance / (workers * mu),
    latency_ms: latency,
    capacity_per_instance_rps: capacity,
    bound_by: bound,
    instances_for_throughput: forThroughput,
    meets_slo: true,
    eligible: true,
  });
}

function fmtMs(ms: number): string {
  return ms >= 100 ? ms.toFixed(0) : ms.toPrecision(3);
}

/** Memory a serverless option is configured with: the steps above what the worker needs. */
function serverlessMemory(o: ServerlessOption, neededMb: number): number {
  const { min, max, step } = o.memory_mb;
  const m = Math.max(min, min + Math.ceil((neededMb - min) / step - 1e-9) * step);
  return Math.min(m, max);
}

/**
 * Billed milliseconds per request. Per-request billing rounds each invocation up to the increment (and the
 * minimum). Instance-time billing bills an instance's busy time: while requests keep it busy that is the
 * service time itself; when they arrive further apart than the increment, each one is a busy period of its
 * own and rounds up like an invocation.
 */
export function billedMs(o: ServerlessOption, serviceMs: number, requestsPerDay: number): number {
  const rounded = Math.max(
    o.min_billed_ms,
    Math.ceil(serviceMs / o.billing_increment_ms - 1e-9) * o.billing_increment_ms,
  );
  if (o.billing === 'per-request') return rounded;
  const gapMs = 86_400_000 / requestsPerDay;
  return gapMs >= o.billing_increment_ms ? rounded : serviceMs;
}

/** Cost of one request on a serverless option (USD). */
export function serverlessRequestUsd(
  o: ServerlessOption,
  billed: number,
  memoryMb: number,
  vcpus: number,
): number {
  const seconds = billed / 1000;
  return (
    o.usd_per_million_requests / 1e6 +
    seconds * ((memoryMb / 1024) * o.usd_per_gb_second + vcpus * o.usd_per_vcpu_second)
  );
}

/** One serverless option at this traffic: one request per instance at a time, so no queueing. */
export function evaluateServerless(
  o: ServerlessOption,
  table: PricingTable,
  point: ServicePoint,
  t: Traffic,
  z: Sizing,
  s: Storage,
): Candidate {
  const prices = table.providers[o.provider];
  const needed = z.workerMemoryMb * (1 + z.memoryHeadroom);
  const fullCpuMb = o.mb_per_vcpu !== undefined ? o.mb_per_vcpu * z.vcpusPerWorker : 0;
  const memoryMb = serverlessMemory(o, Math.max(needed, fullCpuMb));
  const vcpus = o.mb_per_vcpu !== undefined ? memoryMb / o.mb_per_vcpu : (o.vcpus as number);
  // Below the vCPUs a worker uses, a request runs proportionally slower; above, no faster.
  const speed = Math.min(1, vcpus / z.vcpusPerWorker);
  const serviceMs = point.mean_ms / speed;
  const quantileMs = quantileOf(point, t.percentile) / speed;
  const billed = billedMs(o, serviceMs, t.requestsPerDay);
  const perRequest = serverlessRequestUsd(o, billed, memoryMb, vcpus);
  const requestsPerMonth = t.requestsPerDay * DAYS_PER_MONTH;
  const lines: CostLine[] = [
    {
      line: 'compute',
      detail: `${fmtCount(requestsPerMonth)} requests × ${billed.toPrecision(3)} ms billed at ${Math.round(memoryMb)} MB${
        o.usd_per_vcpu_second > 0 ? `, ${round2(vcpus)} vCPU` : ''
      } + $${o.usd_per_million_requests}/1M requests`,
      monthly_usd: perRequest * requestsPerMonth,
    },
    // The platform caches the image: one pull per deployment.
    ...storageLines(prices, s, s.deploysPerMonth),
  ];
  const monthly = sum(lines);
  const fits = needed <= o.memory_mb.max;
  const meets = t.sloMs === undefined || quantileMs <= t.sloMs;
  const notes: string[] = [];
  if (speed < 1)
    notes.push(
      `${round2(vcpus)} vCPU at ${o.memory_mb.max} MB at most: a request runs ${round2(1 / speed)}× slower than measured`,
    );
  if (z.loadMs !== undefined && t.sloMs !== undefined && z.loadMs + quantileMs > t.sloMs)
    notes.push(
      `cold starts: a request that starts an instance also waits for the model to load (${fmtMs(z.loadMs)} ms measured), beyond the SLO`,
    );
  if (o.billing === 'instance-time' && billed === serviceMs)
    notes.push('billed as busy instance time: requests arrive closer together than the billing increment');
  const reason = !fits
    ? `needs ${Math.round(needed)} MB, more than the ${o.memory_mb.max} MB maximum`
    : !meets
      ? `one request takes ${fmtMs(quantileMs)} ms at ${t.percentile}, above the ${t.sloMs} ms SLO`
      : undefined;
  return {
    kind: 'serverless',
    name: o.name,
    provider: o.provider,
    region: o.region ?? prices.region,
    arch: o.arch,
    service: o.service,
    vcpus,
    memory_mb: memoryMb,
    cpu_factor: 1,
    workers: 1,
    instances: Math.max(1, Math.ceil((peakRate(t) * serviceMs) / 1000 - 1e-12)),
    utilization: null,
    latency_ms: quantileMs,
    service_ms: serviceMs,
    capacity_per_instance_rps: null,
    fits_memory: fits,
    meets_slo: meets,
    eligible: fits && meets,
    ...(reason ? { reason } : {}),
    usd_per_request: perRequest,
    billed_ms: billed,
    lines,
    monthly_usd: monthly,
    cost_per_million_usd: (monthly / predictionsPerMonth(t)) * 1e6,
    notes,
  };
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

function fmtCount(n: number): string {
  return n >= 1e6
    ? `${(n / 1e6).toPrecision(3)}M`
    : n >= 1e3
      ? `${(n / 1e3).toPrecision(3)}k`
      : n.toPrecision(3);
}

/** Eligible options first, cheapest first; ties: fewer instances, then the name. */
export function rankCandidates(cands: Candidate[]): Candidate[] {
  return [...cands].sort(
    (a, b) =>
      Number(b.eligible) - Number(a.eligible) ||
      a.monthly_usd - b.monthly_usd ||
      a.instances - b.instances ||
      a.name.localeCompare(b.name),
  );
}

export interface Crossover {
  serverless: string;
  instance: string;
  /** Average requests per day at which both cost the same compute per month; null when serverless is always cheaper. */
  requests_per_day: number | null;
  /** In words: which side is cheaper below and above. */
  note: string;
}

/**
 * Serverless compute grows in proportion to traffic, S(r) = k·r; instance compute is a step function,
 * I(r) = n(r)·P with n(r) = max(n_min, ⌈r / R⌉) (R: requests per day one instance serves at the peak
 * factor). Within each step the first r with S(r) ≥ I(r) is n·P/k, inside the step exactly when P/k ≤ R —
 * the same condition for every step. So the crossover is n_min·P/k when P/k ≤ R, and there is none
 * otherwise (serverless stays cheaper at any traffic). Storage and egress are left out (alike on both sides).
 */
export function crossover(
  sl: ServerlessOption,
  slCandidate: Candidate,
  inst: Candidate,
  t: Traffic,
): Crossover | undefined {
  if (inst.capacity_per_instance_rps === null || inst.usd_per_hour === undefined) return undefined;
  const P = inst.usd_per_hour * HOURS_PER_MONTH;
  const R = (inst.capacity_per_instance_rps * 86400) / t.peakFactor;
  const kAt = (rpd: number) =>
    serverlessRequestUsd(
      sl,
      billedMs(sl, slCandidate.service_ms, rpd),
      slCandidate.memory_mb,
      slCandidate.vcpus,
    ) * DAYS_PER_MONTH;
  let k = kAt(Infinity);
  let r = (t.minInstances * P) / k;
  // Instance-time billing rounds sparse requests up: recompute k in the regime the crossover falls in.
  const k2 = kAt(r);
  if (k2 !== k) {
    k = k2;
    r = (t.minInstances * P) / k;
  }
  if (P / k > R)
    return {
      serverless: sl.name,
      instance: inst.name,
      requests_per_day: null,
      note: `${sl.name} costs less than ${inst.name} at any traffic ($${((k / DAYS_PER_MONTH) * 1e6).toPrecision(3)} per 1M requests; a fully loaded ${inst.name} $${((P / R / DAYS_PER_MONTH) * 1e6).toPrecision(3)})`,
    };
  return {
    serverless: sl.name,
    instance: inst.name,
    requests_per_day: r,
    note: `${sl.name} costs less below ${fmtCount(r)} requests/day, ${inst.name} above`,
  };
}
