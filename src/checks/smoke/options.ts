import { InputError, didYouMean } from '../../core/errors.js';
import { kebab } from '../../core/options.js';
import { BACKEND_REQUESTS, type BackendRequest } from '../../model/types.js';

/** One expected input or output; omitted fields are not compared. `shape` uses -1 (or null) for dynamic axes. */
export interface ExpectedTensor {
  name?: string;
  shape?: (number | null)[];
  dtype?: string;
}

export interface ExpectedSignature {
  inputs?: ExpectedTensor[];
  outputs?: ExpectedTensor[];
}

/** Options of the smoke check. Paths are relative to `baseDir` (default: the current directory). */
export interface SmokeOptions {
  /** TF.js model.json, a .onnx file, or a folder holding one. Exactly one of `model` and `url`. */
  model?: string;
  /** HTTP mode: the prediction endpoint, e.g. `http://127.0.0.1:{port}/predict` (`{port}` picks a free port). */
  url?: string;
  /** Inputs: a JSON file (see docs/smoke.md) or a CSV file whose `columns` feed the model's input(s). */
  inputs?: string;
  /** CSV columns for a single-input model, or per input name for several inputs. */
  columns?: string[] | Record<string, string[]>;
  /** Golden file: inputs and the outputs they must produce. */
  golden?: string;
  /** Write the golden file from this run instead of comparing against it. */
  recordGolden?: boolean;
  /** numpy.allclose tolerances: |a − b| ≤ atol + rtol·|b| (b = golden). Defaults 1e-5 and 1e-4. */
  atol?: number;
  rtol?: number;
  /** Timed runs per batch size (default 30) after `warmup` untimed runs (default 3). */
  runs?: number;
  warmup?: number;
  /** Batch size for generated inputs and the throughput measurement (default 32). */
  batch?: number;
  /** Budgets: fail when p95 latency at batch 1 exceeds this many ms, or throughput falls below this many rows/s. */
  latencyP95Ms?: number;
  minThroughput?: number;
  /** What the signature must be (names, shapes, dtypes), checked against what the model declares. */
  expectedSignature?: ExpectedSignature;
  /** Backend: auto (default), tfjs-node, wasm, cpu (TF.js); onnxruntime-node, onnxruntime-web (ONNX; wasm/cpu also mean web). */
  backend?: BackendRequest;
  /** Seed for generated inputs (default 0). */
  seed?: number;
  /** Check that outputs sum to 1 along their last axis: true for every output, or a list of output names. */
  checkSoftmax?: boolean | string[];
  /** Tolerance of the softmax check (default 1e-4). */
  softmaxTolerance?: number;
  /** HTTP mode: the server's start command as an argv array (spawned without a shell, in its own process group). */
  startCommand?: string[];
  startCwd?: string;
  startEnv?: Record<string, string>;
  /** HTTP mode: health endpoint, a path relative to `url`'s origin or a full URL (default `/health`; "" = none). */
  health?: string;
  /** HTTP mode: how long to wait for the health endpoint to answer 2xx (default 60000 ms). */
  startTimeoutMs?: number;
  /** HTTP mode: per-request timeout (default 30000 ms). */
  requestTimeoutMs?: number;
  /** HTTP mode: request body key holding the rows (default `inputs`: `{"inputs": [[...], ...]}`). */
  requestKey?: string;
  /** HTTP mode: response key holding one output per row (default: `outputs`, then `predictions`, or a bare array). */
  responseKey?: string;
  /** HTTP mode: extra request headers. */
  headers?: Record<string, string>;
  /** Directories searched for the optional native runtimes (default GITHUB_WORKSPACE, cwd). */
  workspaceDirs?: string[];
  baseDir?: string;
}

export interface SmokeDefaults {
  atol: number;
  rtol: number;
  runs: number;
  warmup: number;
  batch: number;
  seed: number;
  softmaxTolerance: number;
  health: string;
  startTimeoutMs: number;
  requestTimeoutMs: number;
  requestKey: string;
  backend: BackendRequest;
}

/**
 * Bounds of the resource options, checked before anything runs (the limit is in the message). Timers
 * cannot wait longer than 2³¹ ms anyway; a day is the longest any CI step may wait for a server.
 */
export const MAX_RUNS = 100_000;
export const MAX_WARMUP = 10_000;
export const MAX_BATCH = 65_536;
export const MAX_TIMEOUT_MS = 86_400_000;
/** Values one batch of inputs may hold (batch × values per row): 4 Mi numbers, 32 MiB as doubles. */
export const MAX_BATCH_VALUES = 1 << 22;

export const SMOKE_DEFAULTS: Readonly<SmokeDefaults> = {
  atol: 1e-5,
  rtol: 1e-4,
  runs: 30,
  warmup: 3,
  batch: 32,
  seed: 0,
  softmaxTolerance: 1e-4,
  health: '/health',
  startTimeoutMs: 60_000,
  requestTimeoutMs: 30_000,
  requestKey: 'inputs',
  backend: 'auto',
};

const KEYS = [
  'model',
  'url',
  'inputs',
  'columns',
  'golden',
  'recordGolden',
  'atol',
  'rtol',
  'runs',
  'warmup',
  'batch',
  'latencyP95Ms',
  'minThroughput',
  'expectedSignature',
  'backend',
  'seed',
  'checkSoftmax',
  'softmaxTolerance',
  'startCommand',
  'startCwd',
  'startEnv',
  'health',
  'startTimeoutMs',
  'requestTimeoutMs',
  'requestKey',
  'responseKey',
  'headers',
  'workspaceDirs',
  'baseDir',
] as const;

/** Library names whose option is spelt differently (the `start` flag, key and input is `startCommand`). */
const SPELLING: Record<string, string> = { startCommand: 'start' };

/** Messages name options as flags, keys and inputs spell them: `expected-signature.inputs[0]`, never camelCase. */
function spelled(key: string): string {
  return key.replace(/^[A-Za-z0-9]+/, (head) => SPELLING[head] ?? kebab(head));
}

function bad(key: string, value: unknown, expected: string): never {
  throw new InputError(`smoke: ${spelled(key)} = ${JSON.stringify(value)}; expected ${expected}`);
}

function num(
  o: Record<string, unknown>,
  key: string,
  min: number,
  integer: boolean,
  exclusive = false,
  max = Infinity,
): void {
  const v = o[key];
  if (v === undefined) return;
  if (
    typeof v !== 'number' ||
    !Number.isFinite(v) ||
    (integer && !Number.isInteger(v)) ||
    (exclusive ? v <= min : v < min) ||
    v > max
  ) {
    const range = `${exclusive ? '>' : '≥'} ${min}${max < Infinity ? ` and ≤ ${max}` : ''}`;
    bad(key, v, `${integer ? 'an integer' : 'a number'} ${range}`);
  }
}

function isStringArray(v: unknown): v is string[] {
  return Array.isArray(v) && v.every((x) => typeof x === 'string');
}

function isStringRecord(v: unknown): v is Record<string, string> {
  return (
    typeof v === 'object' &&
    v !== null &&
    !Array.isArray(v) &&
    Object.values(v).every((x) => typeof x === 'string')
  );
}

function checkExpected(v: unknown): void {
  if (typeof v !== 'object' || v === null || Array.isArray(v))
    bad('expectedSignature', v, 'an object {inputs?, outputs?}');
  for (const side of ['inputs', 'outputs'] as const) {
    const list = (v as Record<string, unknown>)[side];
    if (list === undefined) continue;
    if (!Array.isArray(list)) bad(`expectedSignature.${side}`, list, 'an array of {name?, shape?, dtype?}');
    list.forEach((t: unknown, i) => {
      const key = `expectedSignature.${side}[${i}]`;
      if (typeof t !== 'object' || t === null) bad(key, t, 'an object {name?, shape?, dtype?}');
      const { name, shape, dtype } = t as Record<string, unknown>;
      if (name !== undefined && typeof name !== 'string') bad(`${key}.name`, name, 'a string');
      if (dtype !== undefined && typeof dtype !== 'string')
        bad(`${key}.dtype`, dtype, 'a string such as float32');
      if (
        shape !== undefined &&
        !(Array.isArray(shape) && shape.every((d) => d === null || Number.isInteger(d)))
      ) {
        bad(`${key}.shape`, shape, 'an array of integers (-1 or null for a dynamic axis)');
      }
    });
  }
}

/**
 * Validate smoke options (from a config file, action inputs or flags) and fill defaults.
 * @throws InputError naming the option, the bad value and what is allowed
 */
export function validateSmokeOptions(raw: SmokeOptions): SmokeOptions & SmokeDefaults {
  const o = raw as Record<string, unknown>;
  for (const key of Object.keys(o)) {
    if (!(KEYS as readonly string[]).includes(key)) {
      throw new InputError(`smoke: unknown option "${key}"${didYouMean(key, KEYS)}`);
    }
  }
  if (!!raw.model === !!raw.url)
    bad(
      raw.model ? 'url' : 'model',
      raw.model ?? raw.url,
      'exactly one of model (a file) and url (an HTTP endpoint)',
    );
  for (const key of [
    'model',
    'url',
    'inputs',
    'golden',
    'startCwd',
    'baseDir',
    'health',
    'requestKey',
    'responseKey',
  ] as const) {
    if (o[key] !== undefined && typeof o[key] !== 'string') bad(key, o[key], 'a string');
  }
  num(o, 'atol', 0, false);
  num(o, 'rtol', 0, false);
  num(o, 'softmaxTolerance', 0, false);
  num(o, 'runs', 1, true, false, MAX_RUNS);
  num(o, 'warmup', 0, true, false, MAX_WARMUP);
  num(o, 'batch', 1, true, false, MAX_BATCH);
  num(o, 'seed', 0, true);
  num(o, 'latencyP95Ms', 0, false, true);
  num(o, 'minThroughput', 0, false, true);
  num(o, 'startTimeoutMs', 1, true, false, MAX_TIMEOUT_MS);
  num(o, 'requestTimeoutMs', 1, true, false, MAX_TIMEOUT_MS);
  if (raw.recordGolden !== undefined && typeof raw.recordGolden !== 'boolean')
    bad('recordGolden', raw.recordGolden, 'true or false');
  if (raw.recordGolden && !raw.golden) bad('golden', raw.golden, 'a file path when recordGolden is true');
  if (raw.backend !== undefined && !BACKEND_REQUESTS.includes(raw.backend)) {
    throw new InputError(
      `smoke: backend = ${JSON.stringify(raw.backend)}; expected one of ${BACKEND_REQUESTS.join(', ')}${didYouMean(String(raw.backend), BACKEND_REQUESTS)}`,
    );
  }
  if (
    raw.checkSoftmax !== undefined &&
    typeof raw.checkSoftmax !== 'boolean' &&
    !isStringArray(raw.checkSoftmax)
  ) {
    bad('checkSoftmax', raw.checkSoftmax, 'true, false or a list of output names');
  }
  if (raw.columns !== undefined) {
    const c = raw.columns;
    const ok =
      isStringArray(c) || (typeof c === 'object' && c !== null && Object.values(c).every(isStringArray));
    if (!ok) bad('columns', c, 'a list of CSV column names, or {inputName: [columns]}');
  }
  if (raw.startCommand !== undefined && !(isStringArray(raw.startCommand) && raw.startCommand.length > 0)) {
    bad('startCommand', raw.startCommand, 'a non-empty argv array such as ["python", "serve.py"] (no shell)');
  }
  if (raw.startCommand && !raw.url) bad('url', raw.url, 'the endpoint of the server that start starts');
  if (raw.startEnv !== undefined && !isStringRecord(raw.startEnv))
    bad('startEnv', raw.startEnv, 'a map of strings');
  if (raw.headers !== undefined && !isStringRecord(raw.headers))
    bad('headers', raw.headers, 'a map of strings');
  if (raw.workspaceDirs !== undefined && !isStringArray(raw.workspaceDirs))
    bad('workspaceDirs', raw.workspaceDirs, 'a list of directories');
  if (raw.expectedSignature !== undefined) checkExpected(raw.expectedSignature);
  if (raw.url !== undefined) {
    try {
      const u = new URL(raw.url.replaceAll('{port}', '1'));
      if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error('not http');
    } catch {
      bad('url', raw.url, 'an http(s) URL such as http://127.0.0.1:8000/predict');
    }
  }
  const defined = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined));
  return { ...SMOKE_DEFAULTS, ...defined } as SmokeOptions & SmokeDefaults;
}
