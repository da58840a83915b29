import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ConfigError, InputError, didYouMean, type ModelCiError } from '../../core/errors.js';
import { kebab } from '../../core/options.js';
import { displayPath } from '../../core/paths.js';
import type { CheckResult } from '../../core/result.js';
import { runCheck } from '../../core/run-check.js';
import type { StepContext, StepDefinition } from '../../core/step.js';
import { readInputText } from '../../core/read-input.js';
import { visible } from '../../core/visible.js';
import { parseYamlSource, positionOf, yamlToJs } from '../../core/yaml-source.js';
import { COST_CHECK, COST_TITLE, costOutcome, type CostInputs, type ServeOn } from './cost.js';
import { parseThresholds, snapshotFromResult, type Thresholds } from './diff.js';
import type { CostLine, Percentile, Storage } from './estimate.js';
import {
  imageSizes,
  readResult,
  serviceProfile,
  type ImageSizes,
  type ServiceProfile,
} from './measurements.js';
import { costPresenter } from './present.js';
import {
  ARCHITECTURES,
  EGRESS_KINDS,
  applyOverrides,
  defaultPricingTable,
  type EgressKind,
  type PricingTable,
} from './pricing-table.js';

export interface CostStepOptions {
  smoke?: string;
  image?: string;
  baseResults?: string;
  pricing?: string | Record<string, unknown>;
  requestsPerDay: number;
  peakFactor: number;
  latencySloMs?: number;
  sloPercentile: Percentile;
  batchSize: number;
  maxUtilization: number;
  minInstances: number;
  providers?: string[];
  instanceTypes?: string[];
  architectures?: string[];
  gpu: boolean;
  serveOn: ServeOn;
  memoryMb?: number;
  memoryHeadroom: number;
  vcpusPerWorker: number;
  imageSizeMb?: number;
  modelSizeMb?: number;
  imageVersions: number;
  deploysPerMonth: number;
  registryEgress: EgressKind;
  failOn?: string | Record<string, unknown>;
  commentOn?: string | Record<string, unknown>;
}

/** How an option is named where it came from: `--requests-per-day`, `input "requests-per-day"`, `cost.requests-per-day`. */
function optionError(ctx: StepContext, key: string, detail: string): ModelCiError {
  const k = kebab(key);
  if (ctx.source === 'action inputs') return new InputError(`input "${k}": ${detail}`);
  if (ctx.source) {
    const keyPath = `${ctx.keyPath ?? COST_CHECK}.${k}`;
    return new ConfigError({ file: ctx.source, line: ctx.lineOf?.([k]) }, detail, keyPath);
  }
  return new InputError(`--${k}: ${detail}`);
}

function positive(ctx: StepContext, key: string, v: number | undefined): void {
  if (v !== undefined && !(v > 0)) throw optionError(ctx, key, `expected a number > 0, got ${v}`);
}

/** `x64` (Node's name) -> `x86_64` (the clouds'). */
function cloudArch(arch: string | undefined): string | undefined {
  if (arch === 'x64' || arch === 'x86_64' || arch === 'amd64') return 'x86_64';
  if (arch === 'arm64' || arch === 'aarch64') return 'arm64';
  return undefined;
}

function checkNames(
  ctx: StepContext,
  key: string,
  given: string[] | undefined,
  known: string[],
  what: string,
): void {
  for (const name of given ?? [])
    if (!known.includes(name))
      throw optionError(
        ctx,
        key,
        `unknown ${what} "${visible(name)}"${didYouMean(name, known)}${known.length <= 12 ? `; known: ${known.join(', ')}` : ' (the pricing table lists them; docs/cost.md)'}`,
      );
}

/** The table with the user's overrides: inline in .model-ci.yml, or a YAML/JSON file. */
function loadPricing(options: CostStepOptions, ctx: StepContext): PricingTable {
  const table = defaultPricingTable();
  const p = options.pricing;
  if (p === undefined) return table;
  if (typeof p === 'string') {
    const file = resolve(ctx.baseDir, p);
    const shown = visible(displayPath(ctx.baseDir, p));
    const text = readInputText(file, { what: 'pricing file', shown });
    const src = parseYamlSource(text, shown);
    return applyOverrides(table, yamlToJs(src), {
      file: shown,
      prefix: '',
      locate: (path) => positionOf(src, path),
    });
  }
  const prefix = `${ctx.keyPath ?? COST_CHECK}.pricing`;
  return applyOverrides(table, p, {
    file: ctx.source ?? 'pricing',
    prefix,
    locate: (path) => ({ line: ctx.lineOf?.(['pricing', ...path]) }),
  });
}

/** More JSON files than any pipeline writes: not a results folder (and not worth reading one by one). */
const MAX_BASE_FILES = 1000;

/** Result files in a base-results folder (not recursive), in name order. */
function resultFilesIn(dir: string): string[] {
  try {
    return readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .sort()
      .map((f) => join(dir, f));
  } catch {
    return [];
  }
}

/** One result of `check` among several: the only one, else the unnamed one, else an error listing them. */
function pickOne(found: { result: CheckResult; file: string }[], check: string, where: string) {
  if (found.length <= 1) return found[0];
  const unnamed = found.filter((f) => !f.result.name);
  if (unnamed.length === 1) return unnamed[0];
  throw new InputError(
    `${where} has ${found.length} ${check} results (${found.map((f) => visible(f.result.name ?? f.file)).join(', ')}); keep one, or give --${check} FILE`,
  );
}

interface Loaded {
  profile: ServiceProfile;
  smokeSource: string;
  image?: ImageSizes;
  imageSource?: string;
}

/** Smoke and image from files, else from this run's earlier steps (`model-ci run`). */
function loadMeasurements(options: CostStepOptions, ctx: StepContext): Loaded {
  const shown = (f: string) => visible(displayPath(ctx.baseDir, f));
  const previous = [...(ctx.previousResults ?? [])];
  let profile: ServiceProfile;
  let smokeSource: string;
  if (options.smoke) {
    smokeSource = shown(options.smoke);
    profile = serviceProfile(readResult(resolve(ctx.baseDir, options.smoke), smokeSource), smokeSource);
  } else {
    const smoke = pickOne(
      previous.filter((p) => p.result.check === 'smoke'),
      'smoke',
      'this run',
    );
    if (!smoke)
      throw optionError(
        ctx,
        'smoke',
        ctx.previousResults
          ? 'no smoke result in this run: add a smoke step to the configuration before cost, or give a smoke result file'
          : 'a smoke result is required (model-ci smoke --out smoke.json): the cost is computed from its measured latency',
      );
    smokeSource = `${shown(smoke.file)} (this run's smoke step)`;
    profile = serviceProfile(smoke.result, smokeSource);
  }
  let image: ImageSizes | undefined;
  let imageSource: string | undefined;
  if (options.image) {
    imageSource = shown(options.image);
    image = imageSizes(readResult(resolve(ctx.baseDir, options.image), imageSource), imageSource);
  } else {
    // An image step that did not get as far as a size (bad input, a failed build) leaves the cost without
    // storage lines, with a warning: the cost of compute is still worth knowing.
    const sized = previous.filter((p) => p.result.check === 'image');
    for (const p of sized.filter((p) => typeof p.result.details.size_bytes !== 'number'))
      if (p.result.status !== 'pass')
        ctx.logger.warn(
          `cost: this run's image step has no image size (${p.result.status}); storage is not included`,
        );
    const img = pickOne(
      sized.filter((p) => p.result.status === 'pass' || typeof p.result.details.size_bytes === 'number'),
      'image',
      'this run',
    );
    if (img) {
      imageSource = `${shown(img.file)} (this run's image step)`;
      image = imageSizes(img.result, imageSource);
    }
  }
  if (!image && options.imageSizeMb !== undefined) {
    image = { sizeBytes: options.imageSizeMb * 2 ** 20, layers: [] };
    imageSource = `image-size-mb ${options.imageSizeMb}`;
  }
  return { profile, smokeSource, image, imageSource };
}

/**
 * The base side: the base branch's cost result when the folder has one (its own traffic and prices),
 * else recomputed from its smoke (and image) result with this branch's options (only the model changed).
 */
function loadBase(
  options: CostStepOptions,
  ctx: StepContext,
  build: (l: Loaded) => CostInputs,
): CostInputs['base'] {
  if (!options.baseResults) return undefined;
  const dir = resolve(ctx.baseDir, options.baseResults);
  const shownDir = visible(displayPath(ctx.baseDir, options.baseResults));
  try {
    if (!statSync(dir).isDirectory()) throw new Error();
  } catch {
    throw optionError(ctx, 'baseResults', `${shownDir} is not a folder of result files`);
  }
  const all: { result: CheckResult; file: string }[] = [];
  const files = resultFilesIn(dir);
  if (files.length > MAX_BASE_FILES)
    throw optionError(
      ctx,
      'baseResults',
      `${shownDir} has ${files.length} JSON files; a results folder has at most ${MAX_BASE_FILES}`,
    );
  for (const file of files) {
    const shown = visible(displayPath(ctx.baseDir, file));
    let r: CheckResult;
    try {
      r = readResult(file, shown);
    } catch (e) {
      ctx.logger.warn(`base results: skipped ${(e as Error).message}`);
      continue;
    }
    all.push({ result: r, file: shown });
  }
  const costs = all.filter((a) => a.result.check === COST_CHECK && a.result.status !== 'error');
  const cost = pickOne(costs, COST_CHECK, shownDir);
  if (cost && cost.result.metrics.monthly_usd !== null)
    return {
      snapshot: snapshotFromResult(cost.result, cost.file),
      source: `${cost.file} (the base branch's cost result: its own traffic and prices)`,
    };
  const smoke = pickOne(
    all.filter((a) => a.result.check === 'smoke'),
    'smoke',
    shownDir,
  );
  if (!smoke)
    throw optionError(ctx, 'baseResults', `${shownDir} has no cost or smoke result to compare with`);
  const image = pickOne(
    all.filter((a) => a.result.check === 'image' && a.result.status !== 'error'),
    'image',
    shownDir,
  );
  const inputs = build({
    profile: serviceProfile(smoke.result, smoke.file),
    smokeSource: smoke.file,
    ...(image ? { image: imageSizes(image.result, image.file), imageSource: image.file } : {}),
  });
  const outcome = costOutcome({ ...inputs, base: undefined });
  const details = outcome.details as Record<string, unknown>;
  if (details.instance_type === null)
    throw optionError(
      ctx,
      'baseResults',
      `the base smoke result ${smoke.file} has no option that meets the limits; nothing to compare with`,
    );
  return {
    snapshot: {
      monthly_usd: outcome.metrics!.monthly_usd as number,
      cost_per_million_usd: outcome.metrics!.cost_per_million_usd as number,
      instances: outcome.metrics!.instances as number,
      instance_type: details.instance_type as string,
      lines: details.lines as CostLine[],
    },
    source: `recomputed from ${smoke.file}${image ? ` and ${image.file}` : ''} with this branch's traffic and prices`,
  };
}

function thresholds(ctx: StepContext, key: string, v: CostStepOptions['failOn']): Thresholds {
  if (v === undefined) return {};
  const k = kebab(key);
  const where =
    ctx.source === 'action inputs'
      ? `input "${k}"`
      : ctx.source
        ? `${ctx.source}: ${ctx.keyPath ?? COST_CHECK}.${k}`
        : `--${k}`;
  return parseThresholds(v, where);
}

export const costStep: StepDefinition<CostStepOptions> = {
  check: COST_CHECK,
  title: COST_TITLE,
  summary:
    "Estimate what serving the model costs (per 1M predictions and per month, instances or serverless) from the smoke test's measured latency and a pricing table; diff against the base branch",
  examples: [
    'model-ci cost --smoke smoke.json --requests-per-day 2000000 --latency-slo-ms 100 --out cost.json',
    'model-ci cost --smoke smoke.json --image image.json --base-results base/ --requests-per-day 5e6 --peak-factor 3 --fail-on max-relative-increase=0.2',
    'model-ci cost --smoke smoke.json --requests-per-day 1e6 --providers aws --instance-types c7i.large,aws-lambda-x86',
  ],
  options: {
    smoke: {
      type: 'path',
      description:
        "the smoke check's result (its latency, throughput and peak memory); in model-ci run: this run's smoke step",
      metavar: 'FILE',
    },
    image: {
      type: 'path',
      description:
        "the image check's result (size and layers, for registry storage and egress); in model-ci run: this run's image step",
      metavar: 'FILE',
    },
    baseResults: {
      type: 'path',
      description:
        "the base branch's results folder: its cost result, else its smoke (and image) result recomputed with these options",
      metavar: 'DIR',
    },
    pricing: {
      type: 'object',
      parseText: (text) => text,
      description:
        'overrides and additions to the pricing table: a YAML/JSON file, or in .model-ci.yml the map itself',
      metavar: 'FILE',
    },
    requestsPerDay: {
      type: 'number',
      required: true,
      min: 0,
      max: 1e13,
      description: 'average requests per day (> 0)',
      metavar: 'N',
    },
    peakFactor: {
      type: 'number',
      default: 2,
      min: 1,
      max: 1000,
      description: 'peak request rate ÷ average rate',
    },
    latencySloMs: {
      type: 'number',
      min: 0,
      max: 3_600_000,
      description: 'latency objective at the slo-percentile, ms (default: none, size by utilisation alone)',
      metavar: 'MS',
    },
    sloPercentile: {
      type: 'string',
      default: 'p95',
      choices: ['p95', 'p99'],
      description: 'percentile the SLO is about',
    },
    batchSize: {
      type: 'integer',
      default: 1,
      min: 1,
      max: 1_000_000,
      description: 'predictions (rows) per request',
    },
    maxUtilization: {
      type: 'number',
      default: 0.8,
      min: 0.01,
      max: 1,
      description: 'most an instance may be busy at peak (headroom, like an autoscaler target)',
    },
    minInstances: {
      type: 'integer',
      default: 1,
      min: 1,
      max: 100_000,
      description: 'fewest instances to run (availability)',
    },
    providers: { type: 'list', description: 'clouds to consider: aws, gcp, azure (default all)' },
    instanceTypes: {
      type: 'list',
      description: 'consider only these instance types / serverless options (names from the pricing table)',
    },
    architectures: {
      type: 'list',
      description: 'x86_64, arm64 (default: the architecture the smoke test ran on)',
    },
    gpu: {
      type: 'boolean',
      default: false,
      description: 'also list GPU instance types (priced as CPUs: the smoke test measures no GPU)',
    },
    serveOn: {
      type: 'string',
      default: 'any',
      choices: ['any', 'instances', 'serverless'],
      description: 'choose among instances, serverless options or any of both',
      metavar: 'KIND',
    },
    memoryMb: {
      type: 'number',
      min: 0,
      max: 10_000_000,
      description: "memory one model worker needs, MB (default: the smoke run's peak RSS)",
      metavar: 'MB',
    },
    memoryHeadroom: {
      type: 'number',
      default: 0.25,
      min: 0,
      max: 10,
      description: 'extra memory per worker, as a fraction',
    },
    vcpusPerWorker: {
      type: 'number',
      default: 1,
      min: 0.125,
      max: 256,
      description:
        'vCPUs one worker keeps busy per request (1 for the single-threaded runtimes the smoke check uses)',
    },
    imageSizeMb: {
      type: 'number',
      min: 0,
      max: 10_000_000,
      description: 'image size in MB when there is no image result',
      metavar: 'MB',
    },
    modelSizeMb: {
      type: 'number',
      min: 0,
      max: 10_000_000,
      description: 'model artifacts kept in object storage besides the image, MB per version',
      metavar: 'MB',
    },
    imageVersions: {
      type: 'integer',
      default: 1,
      min: 1,
      max: 100_000,
      description: 'image versions kept in the registry',
    },
    deploysPerMonth: {
      type: 'integer',
      default: 20,
      min: 0,
      max: 1_000_000,
      description: 'deployments per month (each pulls the model layer once per instance)',
    },
    registryEgress: {
      type: 'string',
      default: 'same-region',
      choices: EGRESS_KINDS,
      description: 'where pulls go: same-region (free on all three clouds), cross-region or internet',
      metavar: 'WHERE',
    },
    failOn: {
      type: 'object',
      parseText: (text) => text,
      description:
        'fail when the monthly cost rises beyond: max-monthly-increase=USD, max-relative-increase=FRACTION',
      metavar: 'K=V,...',
    },
    commentOn: {
      type: 'object',
      parseText: (text) => text,
      description:
        'report a change (warn on a rise) beyond: max-monthly-increase=USD, max-relative-increase=FRACTION (default: any cent)',
      metavar: 'K=V,...',
    },
  },
  async execute(options, ctx) {
    return runCheck(
      COST_CHECK,
      {
        ...options,
        pricing:
          typeof options.pricing === 'string' ? options.pricing : options.pricing ? 'inline' : undefined,
      },
      () => {
        positive(ctx, 'requestsPerDay', options.requestsPerDay);
        positive(ctx, 'latencySloMs', options.latencySloMs);
        positive(ctx, 'memoryMb', options.memoryMb);
        positive(ctx, 'imageSizeMb', options.imageSizeMb);
        const table = loadPricing(options, ctx);
        const providers = options.providers?.length ? options.providers : Object.keys(table.providers);
        checkNames(ctx, 'providers', providers, Object.keys(table.providers), 'provider');
        checkNames(ctx, 'architectures', options.architectures, [...ARCHITECTURES], 'architecture');
        const names = [...table.instances.map((i) => i.name), ...table.serverless.map((s) => s.name)];
        checkNames(ctx, 'instanceTypes', options.instanceTypes, names, 'instance type');
        const failOn = thresholds(ctx, 'failOn', options.failOn);
        const commentOn = thresholds(ctx, 'commentOn', options.commentOn);
        const build = (l: Loaded): CostInputs => {
          if (options.memoryMb === undefined && l.profile.peakRssMb === undefined)
            throw new InputError(
              `${l.smokeSource}: metrics.peak_rss_mb: missing (a remote server in HTTP mode?); give the memory a model worker needs with memory-mb`,
            );
          const storage: Storage = {
            ...(l.image ? { image: l.image } : {}),
            versions: options.imageVersions,
            deploysPerMonth: options.deploysPerMonth,
            egress: options.registryEgress,
            ...(options.modelSizeMb !== undefined ? { modelSizeMb: options.modelSizeMb } : {}),
          };
          return {
            table,
            profile: l.profile,
            smokeSource: l.smokeSource,
            ...(l.imageSource ? { imageSource: l.imageSource } : {}),
            traffic: {
              requestsPerDay: options.requestsPerDay,
              peakFactor: options.peakFactor,
              batchSize: options.batchSize,
              ...(options.latencySloMs !== undefined ? { sloMs: options.latencySloMs } : {}),
              percentile: options.sloPercentile,
              maxUtilization: options.maxUtilization,
              minInstances: options.minInstances,
            },
            ...(options.memoryMb !== undefined ? { memoryMb: options.memoryMb } : {}),
            memoryHeadroom: options.memoryHeadroom,
            vcpusPerWorker: options.vcpusPerWorker,
            storage,
            providers,
            ...(options.instanceTypes?.length ? { instanceTypes: options.instanceTypes } : {}),
            architectures: options.architectures?.length
              ? options.architectures
              : [cloudArch(l.profile.host?.arch) ?? 'x86_64'],
            gpu: options.gpu,
            serveOn: options.serveOn,
            failOn,
            commentOn,
          };
        };
        const head = build(loadMeasurements(options, ctx));
        // The base is judged on the head's filters (architecture included) so only the model differs.
        const base = loadBase(options, ctx, (l) => ({ ...build(l), architectures: head.architectures }));
        return costOutcome({ ...head, ...(base ? { base } : {}) });
      },
      ctx.clock,
    );
  },
  inputFiles(options, baseDir) {
    const files = [options.smoke, options.image]
      .filter((f): f is string => typeof f === 'string' && f !== '')
      .map((f) => resolve(baseDir, f));
    if (typeof options.pricing === 'string') files.push(resolve(baseDir, options.pricing));
    if (options.baseResults) files.push(...resultFilesIn(resolve(baseDir, options.baseResults)));
    return files;
  },
  markdown: (result) => costPresenter.markdown(result),
};
