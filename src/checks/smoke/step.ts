import { resolve } from 'node:path';
import { runCheck } from '../../core/run-check.js';
import { guardOf, type StepDefinition } from '../../core/step.js';
import { resolveModelFile } from '../../model/load-model.js';
import { onnxInputFiles } from '../../model/onnx-model.js';
import { tfjsShardFiles } from '../../model/tfjs-io.js';
import { BACKEND_REQUESTS } from '../../model/types.js';
import { MAX_BATCH, MAX_RUNS, MAX_TIMEOUT_MS, MAX_WARMUP, type SmokeOptions } from './options.js';
import { runSmoke, SMOKE_CHECK, SMOKE_TITLE } from './smoke.js';
import { smokePresenter } from './present.js';

/**
 * The smoke check's options as flags, action inputs and config keys (docs/smoke.md has the details): the
 * check's own options, but the server command is `start` (one string split into arguments, or a list) and
 * the paths resolve against the step's base directory, not a `baseDir` option.
 */
export type SmokeStepOptions = Omit<
  SmokeOptions,
  'startCommand' | 'startCwd' | 'baseDir' | 'workspaceDirs' | 'columns' | 'checkSoftmax'
> & {
  start?: string[];
  columns?: string[];
  checkSoftmax?: boolean;
};

export const smokeStep: StepDefinition<SmokeStepOptions> = {
  check: SMOKE_CHECK,
  title: SMOKE_TITLE,
  summary:
    'Load a TF.js or ONNX model (or start its HTTP server) and run real inference: signature, NaN/Inf, determinism, golden outputs, latency',
  examples: [
    'model-ci smoke --model model/model.json --golden smoke/golden.json --latency-p95-ms 20 --out smoke.json',
    'model-ci smoke --model model.onnx --inputs rows.csv --columns a,b,c --backend wasm',
    "model-ci smoke --url 'http://127.0.0.1:{port}/predict' --start 'python serve.py --port {port}' --inputs rows.json",
  ],
  options: {
    model: {
      type: 'path',
      description: 'TF.js model.json, an .onnx file, or a folder holding one',
      metavar: 'PATH',
    },
    url: {
      type: 'string',
      description: 'HTTP mode: the prediction endpoint ({port} = a free port)',
      metavar: 'URL',
    },
    start: {
      type: 'argv',
      description: 'HTTP mode: command that starts the server (split into arguments, never run by a shell)',
      metavar: 'COMMAND',
    },
    health: {
      type: 'string',
      description: 'HTTP mode: health path or URL that must answer 2xx (default /health; "" for none)',
      metavar: 'PATH',
    },
    startTimeoutMs: {
      type: 'integer',
      min: 1,
      max: MAX_TIMEOUT_MS,
      description: 'HTTP mode: how long to wait for health (default 60000)',
    },
    requestTimeoutMs: {
      type: 'integer',
      min: 1,
      max: MAX_TIMEOUT_MS,
      description: 'HTTP mode: per-request timeout (default 30000)',
    },
    requestKey: {
      type: 'string',
      description: 'HTTP mode: request body key holding the rows (default inputs)',
    },
    responseKey: {
      type: 'string',
      description: 'HTTP mode: response key holding the outputs (default outputs, then predictions)',
    },
    inputs: {
      type: 'path',
      description: 'inputs: a JSON file or CSV rows (default: generated from the signature)',
      metavar: 'FILE',
    },
    columns: { type: 'list', description: 'CSV columns that feed the model input, in order' },
    golden: {
      type: 'path',
      description: 'golden file to compare outputs with (or write, with --record-golden)',
      metavar: 'FILE',
    },
    recordGolden: {
      type: 'boolean',
      description: 'write the golden file from this run instead of comparing',
    },
    atol: { type: 'number', min: 0, description: 'golden absolute tolerance (default 1e-5)' },
    rtol: { type: 'number', min: 0, description: 'golden relative tolerance (default 1e-4)' },
    runs: { type: 'integer', min: 1, max: MAX_RUNS, description: 'timed runs per batch size (default 30)' },
    warmup: { type: 'integer', min: 0, max: MAX_WARMUP, description: 'untimed warm-up runs (default 3)' },
    batch: {
      type: 'integer',
      min: 1,
      max: MAX_BATCH,
      description: 'batch size for generated inputs and throughput (default 32)',
    },
    latencyP95Ms: {
      type: 'number',
      min: 0,
      description: 'budget: fail when p95 latency at batch 1 exceeds this (ms)',
    },
    minThroughput: {
      type: 'number',
      min: 0,
      description: 'budget: fail when throughput at the batch size is below this (rows/s)',
    },
    backend: {
      type: 'string',
      choices: BACKEND_REQUESTS,
      description:
        'inference backend (default auto: tfjs-node or onnxruntime-node when installed, else wasm)',
    },
    seed: { type: 'integer', min: 0, description: 'seed of generated inputs (default 0)' },
    checkSoftmax: { type: 'boolean', description: 'check that outputs sum to 1 along their last axis' },
    softmaxTolerance: { type: 'number', min: 0, description: 'allowed |sum − 1| per row (default 1e-4)' },
    expectedSignature: {
      type: 'object',
      configOnly: true,
      description: 'expected {inputs, outputs} of {name, shape, dtype}',
    },
    headers: { type: 'object', configOnly: true, description: 'HTTP mode: extra request headers' },
    startEnv: { type: 'object', configOnly: true, description: 'HTTP mode: extra environment of the server' },
  },
  markdown: smokePresenter.markdown,
  async execute(options, ctx) {
    const { start, ...rest } = options;
    const smokeOptions: SmokeOptions = { ...rest, baseDir: ctx.baseDir };
    if (start) smokeOptions.startCommand = start;
    for (const key of Object.keys(smokeOptions) as (keyof SmokeOptions)[]) {
      if (smokeOptions[key] === undefined) delete smokeOptions[key];
    }
    const inputs: Record<string, unknown> = { ...options };
    delete inputs.headers; // may carry credentials
    delete inputs.startEnv;
    const files = guardOf(ctx);
    return runCheck(
      SMOKE_CHECK,
      inputs,
      () => runSmoke(smokeOptions, { logger: ctx.logger, files }),
      ctx.clock,
    );
  },
  inputFiles(options, baseDir) {
    const out: string[] = [];
    if (options.model) out.push(...modelFiles(resolve(baseDir, options.model)));
    if (options.inputs) out.push(resolve(baseDir, options.inputs));
    if (options.golden && !options.recordGolden) out.push(resolve(baseDir, options.golden));
    return out;
  },
  outputFiles(options, baseDir) {
    return options.golden && options.recordGolden
      ? [{ path: resolve(baseDir, options.golden), what: 'golden file' }]
      : [];
  },
};

/**
 * Every file loading the model reads: model.json and each weight shard its manifest names, or the ONNX
 * file and its external data (only names inside the model's folder: the others are never read).
 */
function modelFiles(path: string): string[] {
  let model: ReturnType<typeof resolveModelFile>;
  try {
    model = resolveModelFile(path);
  } catch {
    return [path]; // reported when the check runs
  }
  return [model.file, ...(model.kind === 'tfjs' ? tfjsShardFiles(model.file) : onnxInputFiles(model.file))];
}
