import { describe, expect, test } from '@jest/globals';
import { erlangC, maxArrivalRate, meanWait, waitQuantile } from '../../../src/checks/cost/erlang-c.js';
import {
  billedMs,
  crossover,
  evaluateInstance,
  evaluateServerless,
  storageLines,
  type Storage,
  type Traffic,
} from '../../../src/checks/cost/estimate.js';
import { serviceAt, serviceProfile } from '../../../src/checks/cost/measurements.js';
import { instanceType, lambdaLike, POINT, PROVIDER, smokeResult, table } from './fixtures.js';

const NO_STORAGE: Storage = { versions: 1, deploysPerMonth: 0, egress: 'same-region' };
const SIZING = { workerMemoryMb: 100, memoryHeadroom: 0, vcpusPerWorker: 1 };

/** 8 requests/s at peak (345,600 a day, peak ×2), one row each. */
function traffic(over: Partial<Traffic> = {}): Traffic {
  return {
    requestsPerDay: 345_600,
    peakFactor: 2,
    batchSize: 1,
    percentile: 'p95',
    maxUtilization: 1,
    minInstances: 1,
    ...over,
  };
}

describe("Erlang's C formula and M/M/c waits, against values worked out by hand", () => {
  test.each([
    // M/M/1: the probability of waiting is the utilisation.
    [1, 0.5, 0.5],
    // c = 2, a = 1: (a²/2!·2/(2−1)) / (1 + 1 + 1) = 1/3.
    [2, 1, 1 / 3],
    // c = 3, a = 2: (8/6·3/1) / (1 + 2 + 2 + 4) = 4/9.
    [3, 2, 4 / 9],
    [4, 0, 0],
    [2, 2, 1],
    [2, 5, 1],
  ])('C(c=%d, a=%d) = %d', (c, a, expected) => {
    expect(erlangC(c, a)).toBeCloseTo(expected, 12);
  });

  test('stays finite for hundreds of servers (the Erlang B recursion)', () => {
    const v = erlangC(400, 380);
    expect(v).toBeGreaterThan(0);
    expect(v).toBeLessThan(1);
  });

  test('rejects a server count that is not a positive integer', () => {
    expect(() => erlangC(0, 1)).toThrow(RangeError);
    expect(() => erlangC(1.5, 1)).toThrow(RangeError);
  });

  test.each([
    // M/M/1, μ = 1, λ = 0.5: ln(0.5/0.05)/(1 − 0.5) = 2·ln 10.
    [1, 1, 0.5, 0.95, 2 * Math.log(10)],
    // c = 2, μ = 1, λ = 1: C = 1/3, ln((1/3)/0.05)/(2 − 1).
    [2, 1, 1, 0.95, Math.log(20 / 3)],
    // p99: ln(0.5/0.01)/0.5.
    [1, 1, 0.5, 0.99, 2 * Math.log(50)],
    // c = 2, a = 0.2: C = 0.0182 ≤ 0.05, so 95 % never wait.
    [2, 1, 0.2, 0.95, 0],
    [1, 1, 1, 0.95, Infinity],
  ])('wait quantile c=%d μ=%d λ=%d q=%d = %d', (c, mu, lambda, q, expected) => {
    expect(waitQuantile(c, mu, lambda, q)).toBeCloseTo(expected, 10);
  });

  test('equals the textbook formula with factorials for small c', () => {
    const direct = (c: number, a: number) => {
      let fact = 1;
      let sum = 0;
      for (let k = 0; k < c; k++) {
        if (k > 0) fact *= k;
        sum += a ** k / fact;
      }
      const top = (a ** c / (fact * c)) * (c / (c - a));
      return top / (sum + top);
    };
    for (const [c, a] of [
      [1, 0.3],
      [4, 3.1],
      [7, 2],
      [12, 11.5],
      [20, 5],
    ])
      expect(erlangC(c, a)).toBeCloseTo(direct(c, a), 12);
  });

  test('matches a simulated M/M/c queue (first come, first served), and the quantile sum is conservative', () => {
    // Seeded mulberry32; exponential inter-arrival and service times; each arrival takes the earliest free server.
    let seed = 20241204;
    const rand = () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const exp = (rate: number) => -Math.log(1 - rand()) / rate;
    const c = 3;
    const mu = 1;
    const lambda = 2.4;
    const free = new Float64Array(c);
    const waits: number[] = [];
    const responses: number[] = [];
    let now = 0;
    for (let i = 0; i < 400_000; i++) {
      now += exp(lambda);
      let k = 0;
      for (let j = 1; j < c; j++) if (free[j] < free[k]) k = j;
      const start = Math.max(now, free[k]);
      const service = exp(mu);
      free[k] = start + service;
      if (i >= 10_000) {
        waits.push(start - now);
        responses.push(start - now + service);
      }
    }
    const q = (xs: number[], p: number) => xs.sort((x, y) => x - y)[Math.floor(p * (xs.length - 1))];
    // Seen: 0.971 for the p95 and 0.989 for the mean (simulation noise at ρ = 0.8 is a few percent).
    expect(q(waits, 0.95) / waitQuantile(c, mu, lambda, 0.95)).toBeCloseTo(1, 1);
    const meanSimulated = waits.reduce((x, y) => x + y, 0) / waits.length;
    expect(meanSimulated / meanWait(c, mu, lambda)).toBeCloseTo(1, 1);
    // The model's p95 under load, the wait's p95 plus the service's p95 (−ln 0.05 / μ): 7.26 vs 5.63 simulated.
    expect(waitQuantile(c, mu, lambda, 0.95) - Math.log(0.05) / mu).toBeGreaterThanOrEqual(
      q(responses, 0.95),
    );
  });

  test('mean wait of M/M/1 is ρ/(μ − λ)', () => {
    expect(meanWait(1, 10, 8)).toBeCloseTo(0.8 / 2, 12);
  });

  test('maxArrivalRate inverts the wait quantile', () => {
    const lambda = maxArrivalRate(1, 10, 0.95, Math.log(16) / 2);
    expect(lambda).toBeCloseTo(8, 8);
    expect(maxArrivalRate(3, 10, 0.95, -1)).toBe(0);
  });
});

describe('instances under a latency SLO (M/M/c per instance)', () => {
  test('the SLO forces 5 instances where throughput alone needs 1', () => {
    // λ = 8/s, one worker at μ = 10/s. Waits at the p95 (s): n=1 ln(16)/2 = 1.386, n=2 ln(8)/6 = 0.347,
    // n=3 ln(5.33)/7.33 = 0.228, n=4 ln(4)/8 = 0.173, n=5 ln(3.2)/8.4 = 0.1385 — the first within the
    // 300 − 150 = 150 ms the SLO leaves after the request's own p95.
    const c = evaluateInstance(instanceType(), table(), POINT, traffic({ sloMs: 300 }), SIZING, NO_STORAGE);
    expect(c.instances).toBe(5);
    expect(c.instances_for_throughput).toBe(1);
    expect(c.bound_by).toBe('slo');
    expect(c.utilization).toBeCloseTo(0.16, 12);
    expect(c.latency_ms).toBeCloseTo(150 + (1000 * Math.log(3.2)) / 8.4, 9);
    expect(c.monthly_usd).toBeCloseTo(5 * 0.1 * 730, 9);
    // 345,600 × 365/12 = 10,512,000 predictions a month.
    expect(c.cost_per_million_usd).toBeCloseTo(365 / 10.512, 9);
    expect(c.eligible).toBe(true);
  });

  test('without an SLO, throughput and the utilisation cap decide', () => {
    const t1 = evaluateInstance(instanceType(), table(), POINT, traffic(), SIZING, NO_STORAGE);
    expect(t1).toMatchObject({ instances: 1, bound_by: 'throughput', utilization: 0.8 });
    const t2 = evaluateInstance(
      instanceType(),
      table(),
      POINT,
      traffic({ maxUtilization: 0.5 }),
      SIZING,
      NO_STORAGE,
    );
    expect(t2).toMatchObject({ instances: 2, bound_by: 'utilization' });
    const t3 = evaluateInstance(
      instanceType(),
      table(),
      POINT,
      traffic({ minInstances: 3 }),
      SIZING,
      NO_STORAGE,
    );
    expect(t3).toMatchObject({ instances: 3, bound_by: 'minimum' });
  });

  test('a request slower than the SLO on its own is not eligible at any count', () => {
    const c = evaluateInstance(instanceType(), table(), POINT, traffic({ sloMs: 120 }), SIZING, NO_STORAGE);
    expect(c.eligible).toBe(false);
    expect(c.reason).toBe('one request alone takes 150 ms at p95, above the 120 ms SLO');
  });

  test('workers per instance are the fewer of vCPUs and memory ÷ worker memory', () => {
    const it = instanceType({ vcpus: 4, memory_gib: 1 });
    const c = evaluateInstance(it, table(), POINT, traffic(), { ...SIZING, workerMemoryMb: 300 }, NO_STORAGE);
    expect(c.workers).toBe(3); // 1024 / 300
    const big = evaluateInstance(
      it,
      table(),
      POINT,
      traffic(),
      { ...SIZING, workerMemoryMb: 900, memoryHeadroom: 0.25 },
      NO_STORAGE,
    );
    expect(big.fits_memory).toBe(false);
    expect(big.reason).toBe('1024 MB holds no worker of 1125 MB (peak RSS + 25 %)');
  });

  test('a family CPU factor from the table scales the measured latency', () => {
    const t = table({ families: { test: { cpu_factor: 2 } } });
    const c = evaluateInstance(instanceType(), t, POINT, traffic({ sloMs: 280 }), SIZING, NO_STORAGE);
    // 300 ms p95 alone > 280 ms.
    expect(c.eligible).toBe(false);
    expect(c.service_ms).toBe(200);
  });
});

describe('serverless', () => {
  test('duration × memory + requests, with one full vCPU worth of memory', () => {
    const c = evaluateServerless(lambdaLike(), table(), POINT, traffic({ sloMs: 300 }), SIZING, NO_STORAGE);
    // 1769 MB (one vCPU), 100 ms billed: 0.2e-6 + 0.1 s × 1769/1024 GB × 0.0000166667 $/GB-s.
    expect(c.memory_mb).toBe(1769);
    expect(c.billed_ms).toBe(100);
    expect(c.usd_per_request).toBeCloseTo(3.079237529296875e-6, 15);
    expect(c.monthly_usd).toBeCloseTo(3.079237529296875e-6 * 345_600 * (365 / 12), 9);
    // Peak concurrency: 8/s × 0.1 s.
    expect(c.instances).toBe(1);
    expect(c.latency_ms).toBe(150);
    expect(c.eligible).toBe(true);
  });

  test('billing increments and minimums round a request up', () => {
    const o = lambdaLike({ billing_increment_ms: 100, min_billed_ms: 100 });
    expect(billedMs(o, 1.3, 1000)).toBe(100);
    expect(billedMs(o, 101, 1000)).toBe(200);
    // Instance-time billing: busy time when requests come closer together than the increment.
    const run = lambdaLike({ billing: 'instance-time', billing_increment_ms: 100, min_billed_ms: 100 });
    expect(billedMs(run, 1.3, 86_400_000 / 50)).toBe(1.3); // a request every 50 ms
    expect(billedMs(run, 1.3, 86_400_000 / 200)).toBe(100); // every 200 ms: each its own busy period
  });

  test('memory above the maximum does not fit; fixed vCPUs below one slow a request down', () => {
    const small = lambdaLike({
      memory_mb: { min: 128, max: 1536, step: 128 },
      mb_per_vcpu: undefined,
      vcpus: 0.5,
    });
    const c = evaluateServerless(small, table(), POINT, traffic(), SIZING, NO_STORAGE);
    expect(c.memory_mb).toBe(128);
    expect(c.service_ms).toBe(200);
    expect(c.notes[0]).toMatch(/2× slower/);
    const big = evaluateServerless(
      small,
      table(),
      POINT,
      traffic(),
      { ...SIZING, workerMemoryMb: 2000 },
      NO_STORAGE,
    );
    expect(big.fits_memory).toBe(false);
  });
});

describe('the serverless/instance crossover', () => {
  // Instance: $0.10/h = $73/month, 10 ms per request (μ = 100/s), at most 50 % busy → 50 requests/s,
  // 4.32M requests/day per instance at peak ×1. Serverless: exactly $1 per 1M requests.
  const inst = instanceType();
  const fast = { ...POINT, mean_ms: 10, p95_ms: 15, p99_ms: 18 };
  const perRequest = lambdaLike({ usd_per_million_requests: 1, usd_per_gb_second: 0 });
  const t = (rpd: number) => traffic({ requestsPerDay: rpd, peakFactor: 1, maxUtilization: 0.5 });
  const cost = (rpd: number) => ({
    instance: evaluateInstance(inst, table(), fast, t(rpd), SIZING, NO_STORAGE).monthly_usd,
    serverless: evaluateServerless(perRequest, table(), fast, t(rpd), SIZING, NO_STORAGE).monthly_usd,
  });

  test('is $73 ÷ ($1e-6 × 365/12) = 2.4M requests/day, and the costs cross there', () => {
    const ic = evaluateInstance(inst, table(), fast, t(1e6), SIZING, NO_STORAGE);
    const sc = evaluateServerless(perRequest, table(), fast, t(1e6), SIZING, NO_STORAGE);
    const x = crossover(perRequest, sc, ic, t(1e6));
    expect(x?.requests_per_day).toBeCloseTo(2_400_000, 3);
    expect(x?.note).toBe('test-fn costs less below 2.40M requests/day, test.one above');
    const below = cost(2_376_000);
    const above = cost(2_424_000);
    expect(below.serverless).toBeLessThan(below.instance);
    expect(above.serverless).toBeGreaterThan(above.instance);
  });

  test('does not exist when a request costs less on serverless than on a fully loaded instance', () => {
    const cheap = lambdaLike({ usd_per_million_requests: 0.1, usd_per_gb_second: 0 });
    const ic = evaluateInstance(inst, table(), fast, t(1e6), SIZING, NO_STORAGE);
    const sc = evaluateServerless(cheap, table(), fast, t(1e6), SIZING, NO_STORAGE);
    const x = crossover(cheap, sc, ic, t(1e6));
    expect(x?.requests_per_day).toBeNull();
    // Brute force over five decades of traffic agrees: serverless always cheaper.
    for (const rpd of [1e3, 1e5, 1e7, 1e8])
      expect(evaluateServerless(cheap, table(), fast, t(rpd), SIZING, NO_STORAGE).monthly_usd).toBeLessThan(
        evaluateInstance(inst, table(), fast, t(rpd), SIZING, NO_STORAGE).monthly_usd,
      );
  });
});

describe('storage and egress', () => {
  test('versions share every layer but the last; each deployment pulls the last layer per instance', () => {
    const GiB = 2 ** 30;
    const s: Storage = {
      image: { sizeBytes: 2 * GiB, layers: [1.5 * GiB, 0.5 * GiB] },
      versions: 3,
      deploysPerMonth: 10,
      egress: 'internet',
      modelSizeMb: 512,
    };
    const lines = storageLines(PROVIDER, s, 4 * 10);
    // (2 + 2 × 0.5) GB × $0.10; 40 pulls × 0.5 GB × $0.09; 0.5 GB × 3 versions × $0.02.
    expect(lines.map((l) => [l.line, Number(l.monthly_usd.toFixed(10))])).toEqual([
      ['registry storage', 0.3],
      ['registry egress', 1.8],
      ['model storage', 0.03],
    ]);
  });

  test('a registry with a fixed fee and included storage (Azure Container Registry Basic)', () => {
    const acr = {
      ...PROVIDER,
      registry: { service: 'ACR', storage_gb_month: 0.09, fixed_month_usd: 5, included_gb: 10 },
    };
    const s: Storage = {
      image: { sizeBytes: 12 * 2 ** 30, layers: [] },
      versions: 1,
      deploysPerMonth: 0,
      egress: 'same-region',
    };
    expect(storageLines(acr, s, 0)[0].monthly_usd).toBeCloseTo(5 + 2 * 0.09, 12);
  });
});

describe('service time at the traffic batch size', () => {
  const profile = serviceProfile(smokeResult(), 'smoke.json');

  test.each([
    [1, 100, 'measured at batch 1'],
    [32, 400, 'measured at batch 32'],
    // 100 + (16 − 1)/(32 − 1) × 300.
    [16, 100 + (15 / 31) * 300, 'interpolated linearly from batches 1 and 32'],
    [63, 100 + (62 / 31) * 300, 'extrapolated linearly from batches 1 and 32'],
  ])('batch %d: mean %d ms (%s)', (batch, mean, how) => {
    const s = serviceAt(profile, batch);
    expect(s.point.mean_ms).toBeCloseTo(mean, 9);
    expect(s.how).toBe(how);
  });

  test('one measured batch: time grows with the batch (no batching gain assumed)', () => {
    const one = serviceProfile(smokeResult({ batch32: null }), 'smoke.json');
    expect(serviceAt(one, 4).point.p95_ms).toBe(600);
  });
});
