/**
 * The cost check: measured service times + traffic + a pricing table → every option's cost, the cheapest
 * that fits and meets the SLO, the serverless/instance crossover, every assumption in words, and (with a
 * base) the diff and its verdict. Pure: the step reads the files and hands the parsed inputs in.
 */
import type { CheckOutcome, Finding, Status } from '../../core/result.js';
import { diffCosts, type CostDiff, type CostSnapshot, type Thresholds } from './diff.js';
import {
  BYTES_PER_GB,
  DAYS_PER_MONTH,
  HOURS_PER_MONTH,
  crossover,
  evaluateInstance,
  evaluateServerless,
  peakRate,
  predictionsPerMonth,
  rankCandidates,
  type Candidate,
  type Crossover,
  type Sizing,
  type Storage,
  type Traffic,
} from './estimate.js';
import { count, ms, usd } from './format.js';
import { serviceAt, type ServiceProfile } from './measurements.js';
import type { PricingTable } from './pricing-table.js';

export const COST_CHECK = 'cost';
export const COST_TITLE = 'Cost estimate';

export type ServeOn = 'any' | 'instances' | 'serverless';

export interface CostInputs {
  table: PricingTable;
  profile: ServiceProfile;
  /** The smoke result as named in messages and assumptions. */
  smokeSource: string;
  imageSource?: string;
  traffic: Traffic;
  /** Worker memory override (MB), else the smoke run's peak RSS. */
  memoryMb?: number;
  memoryHeadroom: number;
  vcpusPerWorker: number;
  storage: Storage;
  /** Candidate filters, already validated against the table. */
  providers: string[];
  instanceTypes?: string[];
  architectures: string[];
  gpu: boolean;
  serveOn: ServeOn;
  base?: { snapshot: CostSnapshot; source: string };
  failOn: Thresholds;
  commentOn: Thresholds;
}

/** The options the filters leave, in table order. */
function selectOptions(inp: CostInputs) {
  const t = inp.table;
  if (inp.instanceTypes?.length) {
    const want = new Set(inp.instanceTypes);
    return {
      instances: t.instances.filter((i) => want.has(i.name)),
      serverless: t.serverless.filter((s) => want.has(s.name)),
    };
  }
  const keep = (o: { provider: string; arch: string }) =>
    inp.providers.includes(o.provider) && inp.architectures.includes(o.arch);
  return {
    instances:
      inp.serveOn === 'serverless' ? [] : t.instances.filter((i) => keep(i) && (inp.gpu || !i.accelerator)),
    serverless: inp.serveOn === 'instances' ? [] : t.serverless.filter(keep),
  };
}

function assumptionsOf(
  inp: CostInputs,
  sizing: Sizing,
  how: string,
  point: ReturnType<typeof serviceAt>['point'],
): string[] {
  const t = inp.traffic;
  const p = inp.profile;
  const table = inp.table;
  const regions = Object.entries(table.providers)
    .filter(([k]) => inp.providers.includes(k))
    .map(([k, v]) => `${k} ${v.region}`)
    .join(', ');
  const cpu = p.host?.cpu
    ? `${p.host.cpu}${p.host.arch ? `, ${p.host.arch}` : ''}`
    : 'the CPU of the machine that ran it';
  const factored = Object.entries(table.families).map(([f, v]) => `${f} ×${v.cpu_factor}`);
  const a: string[] = [
    `Prices: on-demand list prices from the pricing table dated ${table.date} (transcribed from the providers' published prices, not fetched live — refresh them, see docs/cost.md)${
      table.overrides?.length ? `, with overrides from ${table.overrides.join(', ')}` : ''
    }; no free tiers, discounts, savings plans, reservations or taxes; regions ${regions}.`,
    `A month is ${HOURS_PER_MONTH} hours (${DAYS_PER_MONTH.toFixed(2)} days); storage and egress GB are GiB (2^30 bytes).`,
    `Traffic: ${count(t.requestsPerDay)} requests a day on average, ${t.batchSize} prediction${t.batchSize === 1 ? '' : 's'} per request (${count(predictionsPerMonth(t))} predictions a month); peak = ${t.peakFactor}× the average = ${count(peakRate(t))} requests/s, sustained long enough to size for.`,
    `Service time per request of ${t.batchSize} row${t.batchSize === 1 ? '' : 's'}: mean ${ms(point.mean_ms)} ms, p95 ${ms(point.p95_ms)} ms, p99 ${ms(point.p99_ms)} ms, ${how}, from the smoke check on ${p.backend} (${inp.smokeSource}).`,
    factored.length
      ? `CPU speed: measured latency is multiplied by the table's family factor where it has one (${factored.join(', ')}); every other type is assumed as fast as the smoke test's CPU (${cpu}).`
      : `CPU speed: every instance type is assumed to run the model as fast as the smoke test's CPU (${cpu}); the pricing table gives no per-family CPU factor.`,
    `Workers: one model process per ${sizing.vcpusPerWorker} vCPU, each needing ${ms(sizing.workerMemoryMb)} MB${
      inp.memoryMb === undefined ? " (the smoke run's peak RSS)" : ' (memory-mb)'
    } + ${Math.round(sizing.memoryHeadroom * 100)} % headroom; workers per instance = min(vCPUs ÷ ${sizing.vcpusPerWorker}, memory ÷ worker memory).`,
    `Queueing: each instance is an M/M/c queue (c = its workers; Poisson arrivals split evenly by the load balancer; exponential service, pessimistic for inference); the ${t.percentile} under load = the ${t.percentile} of the wait (Erlang C) + the measured ${t.percentile} of one request — a conservative sum.`,
    t.sloMs === undefined
      ? `No latency SLO: instances are sized by throughput and the utilisation cap alone.`
      : `Latency SLO: ${t.percentile} ≤ ${t.sloMs} ms at peak; options that miss it are listed but not chosen.`,
    `Instances run at most ${Math.round(t.maxUtilization * 100)} % busy at peak, at least ${t.minInstances} of them, around the clock (no scaling to zero).`,
    `Serverless: one request per instance at a time (no queueing); memory = the worker's needs rounded up to the option's step, and at least one vCPU's worth where vCPUs grow with memory; cold starts (model load ${
      p.loadMs === undefined ? 'not measured' : `${ms(p.loadMs)} ms`
    }) are not in the percentile.`,
  ];
  const s = inp.storage;
  if (s.image) {
    const last = s.image.layers.length ? s.image.layers[s.image.layers.length - 1] : s.image.sizeBytes;
    a.push(
      `Image: ${ms(s.image.sizeBytes / 2 ** 20)} MB (${inp.imageSource ?? 'image-size-mb'}); the registry keeps ${s.versions} version${
        s.versions === 1 ? '' : 's'
      }, sharing every layer but the last (the model layer, ${ms(last / 2 ** 20)} MB); each of ${s.deploysPerMonth} deployments a month pulls that layer once per instance (serverless: once), at the ${s.egress} egress price.`,
    );
  } else
    a.push(
      'No image result: registry storage and egress are not included (add the image step or image-size-mb).',
    );
  if (s.modelSizeMb !== undefined)
    a.push(`Model artifacts: ${ms(s.modelSizeMb)} MB per version kept in object storage besides the image.`);
  if (!inp.instanceTypes?.length) {
    const archs = inp.architectures.join(', ');
    a.push(
      `Options: providers ${inp.providers.join(', ')}; architectures ${archs}${
        p.host?.arch ? ` (the smoke test ran on ${p.host.arch})` : ''
      }; ${inp.gpu ? 'GPU types included, priced as if the model ran on their vCPUs (the smoke test measured no GPU)' : 'GPU types left out (the smoke test measured no GPU; gpu: true lists them)'}; serve on ${inp.serveOn}.`,
    );
  } else a.push(`Options: only ${inp.instanceTypes.join(', ')} (instance-types).`);
  a.push(...p.notes);
  return a;
}

function snapshotOf(c: Candidate): CostSnapshot {
  return {
    monthly_usd: c.monthly_usd,
    cost_per_million_usd: c.cost_per_million_usd,
    instances: c.instances,
    instance_type: c.name,
    lines: c.lines,
  };
}

/** Every candidate, the cheapest eligible one, the crossovers: the estimate without the envelope. */
export function estimateCosts(inp: CostInputs) {
  const { point, how } = serviceAt(inp.profile, inp.traffic.batchSize);
  const sizing: Sizing = {
    workerMemoryMb: inp.memoryMb ?? (inp.profile.peakRssMb as number),
    memoryHeadroom: inp.memoryHeadroom,
    vcpusPerWorker: inp.vcpusPerWorker,
    loadMs: inp.profile.loadMs,
  };
  const opts = selectOptions(inp);
  const instanceCands = opts.instances.map((i) =>
    evaluateInstance(i, inp.table, point, inp.traffic, sizing, inp.storage),
  );
  const serverlessCands = opts.serverless.map((o) =>
    evaluateServerless(o, inp.table, point, inp.traffic, sizing, inp.storage),
  );
  const candidates = rankCandidates([...instanceCands, ...serverlessCands]);
  const chosen = candidates.find((c) => c.eligible);
  const crossovers: Crossover[] = [];
  for (const [k, o] of opts.serverless.entries()) {
    const sc = serverlessCands[k];
    if (!sc.eligible) continue;
    // Against the cheapest eligible instance type of the same provider.
    const inst = candidates.find((c) => c.kind === 'instance' && c.eligible && c.provider === o.provider);
    const x = inst && crossover(o, sc, inst, inp.traffic);
    if (x) crossovers.push(x);
  }
  return { point, how, sizing, candidates, chosen, crossovers };
}

/** The cost check's outcome. */
export function costOutcome(inp: CostInputs): CheckOutcome {
  const { point, how, sizing, candidates, chosen, crossovers } = estimateCosts(inp);
  const assumptions = assumptionsOf(inp, sizing, how, point);
  const t = inp.traffic;
  const findings: Finding[] = [];
  let status: Status = 'pass';
  let diff: CostDiff | undefined;
  if (chosen && inp.base) {
    diff = diffCosts(inp.base.snapshot, snapshotOf(chosen), inp.base.source, inp.failOn, inp.commentOn);
    if (diff.verdict === 'fail') {
      status = 'fail';
      for (const r of diff.reasons)
        findings.push({
          id: 'cost/increase',
          severity: 'error',
          message: `Monthly cost ${usd(diff.base.monthly_usd)} → ${usd(chosen.monthly_usd)}: ${r}`,
        });
    } else if (diff.comment && diff.total.delta_usd > 0) {
      status = 'warn';
      findings.push({
        id: 'cost/increase',
        severity: 'warning',
        message: `Monthly cost ${usd(diff.base.monthly_usd)} → ${usd(chosen.monthly_usd)} (${usd(diff.total.delta_usd)}): ${diff.reasons.join('; ')}`,
      });
    }
  }
  if (!chosen) {
    status = 'fail';
    const why = candidates.length
      ? `no option fits the model and meets the ${t.sloMs === undefined ? 'limits' : `${t.percentile} ≤ ${t.sloMs} ms SLO`} (closest: ${candidates[0].name}: ${candidates[0].reason ?? ''})`
      : 'no option is left after the filters (providers, architectures, gpu, serve-on)';
    findings.push({ id: 'cost/no-option', severity: 'error', message: why });
  }
  const coldStart =
    chosen?.kind === 'serverless' ? chosen.notes.find((n) => n.startsWith('cold starts')) : undefined;
  if (coldStart)
    findings.push({ id: 'cost/cold-start', severity: 'notice', message: `${chosen!.name}: ${coldStart}` });

  const deltaText = diff
    ? ` (${diff.total.delta_usd >= 0 ? '+' : ''}${usd(diff.total.delta_usd)}${
        diff.total.delta_relative === null
          ? ''
          : `, ${diff.total.delta_relative >= 0 ? '+' : '−'}${Math.abs(diff.total.delta_relative * 100).toFixed(1)} %`
      } vs base)`
    : '';
  const summary = chosen
    ? `${usd(chosen.monthly_usd)}/month${deltaText}, ${usd(chosen.cost_per_million_usd)} per 1M predictions on ${
        chosen.kind === 'instance' ? `${chosen.instances} × ${chosen.name}` : chosen.name
      } at ${count(t.requestsPerDay)} requests/day${t.sloMs === undefined ? '' : `, ${t.percentile} ≤ ${t.sloMs} ms`}`
    : findings[0].message;
  return {
    status,
    title: COST_TITLE,
    summary,
    metrics: {
      cost_per_million_usd: chosen ? chosen.cost_per_million_usd : null,
      monthly_usd: chosen ? chosen.monthly_usd : null,
      instances: chosen ? chosen.instances : null,
    },
    findings,
    details: {
      instance_type: chosen ? chosen.name : null,
      kind: chosen?.kind ?? null,
      provider: chosen?.provider ?? null,
      region: chosen?.region ?? null,
      table_date: inp.table.date,
      lines: chosen?.lines ?? [],
      traffic: {
        requests_per_day: t.requestsPerDay,
        peak_factor: t.peakFactor,
        peak_rps: peakRate(t),
        batch_size: t.batchSize,
        predictions_per_month: predictionsPerMonth(t),
        slo_ms: t.sloMs ?? null,
        slo_percentile: t.percentile,
        max_utilization: t.maxUtilization,
        min_instances: t.minInstances,
      },
      service: {
        ...point,
        how,
        backend: inp.profile.backend,
        source: inp.smokeSource,
        ...(inp.profile.host ? { host: inp.profile.host } : {}),
      },
      ...(inp.storage.image
        ? {
            image: {
              source: inp.imageSource ?? null,
              size_bytes: inp.storage.image.sizeBytes,
              size_gb: inp.storage.image.sizeBytes / BYTES_PER_GB,
              layers: inp.storage.image.layers,
              ...(inp.storage.image.ref ? { ref: inp.storage.image.ref } : {}),
            },
          }
        : {}),
      assumptions,
      candidates,
      crossover: crossovers,
      ...(diff ? { diff } : {}),
      pricing: {
        date: inp.table.date,
        note: inp.table.note,
        sources: inp.table.sources,
        overrides: inp.table.overrides ?? [],
      },
    },
  };
}
