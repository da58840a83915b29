/** Model mode: load a TF.js or ONNX model in-process and run the sub-checks on real inference. */
import { relative } from 'node:path';
import { OutsideFolderError } from '../../core/confine.js';
import { DataFormatError, InputError } from '../../core/errors.js';
import type { FileGuard } from '../../core/file-guard.js';
import type { Logger } from '../../core/logger.js';
import { hasDynamicBatch, sliceRows, tileRows } from '../../model/tensor.js';
import type { LoadedModel, LoadModelOptions, NamedTensors } from '../../model/types.js';
import { readGolden, writeGolden, GOLDEN_SCHEMA_ID, type GoldenFile } from './golden.js';
import { NonFiniteInputError } from './input-values.js';
import { checkBatchValues, generateInputs, readInputsFile, type SmokeInputs } from './inputs.js';
import { summarizeLatency, throughputPerSecond, timeRuns, type LatencySummary } from './latency.js';
import type { SmokeDefaults, SmokeOptions } from './options.js';
import { checkBudgets, checkDeterministic, checkFinite, checkGolden, checkSoftmax } from './output-checks.js';
import { CheckLog, fmt } from './record.js';
import { compareExpectedSignature, compareInputs, compareOutputs } from './signature.js';

export interface ModelModeResult {
  log: CheckLog;
  details: Record<string, unknown>;
  metrics: Record<string, number>;
}

export interface ModelModeDeps {
  logger: Logger;
  now: () => number;
  loadModel: (path: string, options: LoadModelOptions) => Promise<LoadedModel>;
  peakRssMb: () => number;
  /** The command's files: a recorded golden file is written through it. */
  files?: FileGuard;
}

type Options = SmokeOptions & SmokeDefaults & { model: string };

function rowsOf(inputs: NamedTensors): number {
  const first = Object.values(inputs)[0];
  return first?.shape[0] ?? 1;
}

/** The same inputs with `rows` rows (sliced or repeated along the batch axis). */
function withRows(inputs: NamedTensors, rows: number): NamedTensors {
  const out: NamedTensors = {};
  for (const [k, t] of Object.entries(inputs)) {
    if (t.shape.length === 0) out[k] = t;
    else out[k] = t.shape[0] >= rows ? sliceRows(t, 0, rows) : tileRows(t, rows);
  }
  return out;
}

/** An engine's error message on one line, without its stack. */
function oneLine(err: unknown): string {
  return ((err as Error)?.message ?? String(err)).replace(/\s+/g, ' ').trim().slice(0, 500);
}

function displayPath(file: string): string {
  const r = relative(process.cwd(), file);
  return r && !r.startsWith('..') ? r : file;
}

export async function runModelMode(o: Options, deps: ModelModeDeps): Promise<ModelModeResult> {
  const { logger, now } = deps;
  const log = new CheckLog();
  const details: Record<string, unknown> = { mode: 'model', model: displayPath(o.model) };
  const metrics: Record<string, number> = {};
  const notes: string[] = [];
  const onNote = (m: string) => {
    notes.push(m);
    logger.warn(m);
  };

  // Read the golden file before loading: a missing one is a usage error and should not cost a model load.
  const golden: GoldenFile | undefined = o.golden && !o.recordGolden ? readGolden(o.golden) : undefined;

  const t0 = now();
  let model: LoadedModel;
  try {
    model = await logger.group(`Load ${displayPath(o.model)}`, () =>
      deps.loadModel(o.model, { backend: o.backend, workspaceDirs: o.workspaceDirs, onNote }),
    );
  } catch (err) {
    if (err instanceof InputError) throw err;
    if (err instanceof DataFormatError) {
      // A path the model names outside its folder is a finding of its own: nothing there was read.
      const id = err instanceof OutsideFolderError ? 'smoke/path-outside-model' : 'smoke/load-failed';
      log.fail('loads', id, err.message, {
        file: displayPath(err.position.file),
        line: err.position.line,
        column: err.position.column,
      });
    } else log.fail('loads', 'smoke/load-failed', `${displayPath(o.model)}: ${oneLine(err)}`);
    if (notes.length) details.notes = notes;
    return { log, details, metrics };
  }
  metrics.load_ms = now() - t0;
  details.backend = model.backend;
  details.runtime = model.runtime;
  details.format = model.format;
  details.signature = model.signature;
  if (notes.length) details.notes = notes;
  log.pass(
    'loads',
    `${model.format} model loaded on ${model.backend} (${model.runtime}) in ${fmt(metrics.load_ms)} ms`,
  );

  try {
    // Signature as declared vs as expected by the configuration.
    const sigProblems = o.expectedSignature
      ? compareExpectedSignature(model.signature, o.expectedSignature)
      : [];

    // Inputs: the file, else the golden file's inputs, else generated from the signature.
    let inputs: SmokeInputs;
    const notFinite = (file: string, problems: string[]): ModelModeResult => {
      log.fail('inputs', 'smoke/input-not-finite', problems, { file: displayPath(file) });
      if (sigProblems.length) log.fail('signature', 'smoke/signature-mismatch', sigProblems);
      for (const name of ['finite', 'deterministic', 'latency', 'throughput'])
        log.skip(name, 'inputs are not finite numbers');
      return { log, details, metrics };
    };
    try {
      if (o.inputs) inputs = await readInputsFile(o.inputs, model.signature.inputs, o.columns);
      else if (golden?.inputs) {
        if (golden.inputProblems) return notFinite(o.golden!, golden.inputProblems);
        inputs = { tensors: golden.inputs, rows: rowsOf(golden.inputs), source: 'golden' };
      } else inputs = generateInputs(model.signature.inputs, o.batch, o.seed);
    } catch (e) {
      if (e instanceof NonFiniteInputError) return notFinite(o.inputs!, e.problems);
      throw e;
    }
    details.inputs = {
      source: inputs.source,
      rows: inputs.rows,
      ...(o.inputs ? { file: displayPath(o.inputs) } : {}),
      ...(inputs.source === 'generated' ? { seed: o.seed } : {}),
    };
    const inputProblems = compareInputs(model.signature.inputs, inputs.tensors);
    if (inputProblems.length) {
      const where = o.inputs ? displayPath(o.inputs) : undefined;
      log.fail('inputs', 'smoke/input-shape', inputProblems, where ? { file: where } : {});
      if (sigProblems.length) log.fail('signature', 'smoke/signature-mismatch', sigProblems);
      for (const name of ['finite', 'deterministic', 'latency', 'throughput'])
        log.skip(name, 'inputs do not fit the model');
      return { log, details, metrics };
    }
    log.pass(
      'inputs',
      `${inputs.rows} row${inputs.rows === 1 ? '' : 's'} (${inputs.source}) fit the declared inputs`,
    );

    let first: NamedTensors;
    try {
      first = await model.run(inputs.tensors);
    } catch (err) {
      log.fail('inference', 'smoke/inference-failed', `inference failed: ${oneLine(err)}`);
      return { log, details, metrics };
    }
    sigProblems.push(...compareOutputs(model.signature.outputs, first));
    if (sigProblems.length) log.fail('signature', 'smoke/signature-mismatch', sigProblems);
    else {
      const io = (side: 'inputs' | 'outputs') =>
        model.signature[side]
          .map((s) => `${s.name} ${s.dtype}${s.shape ? `[${s.shape.join(',')}]` : ''}`)
          .join(', ');
      log.pass(
        'signature',
        `inputs ${io('inputs')}; outputs ${io('outputs')}${o.expectedSignature ? ' (as expected)' : ''}`,
      );
    }

    checkFinite(log, first);
    checkDeterministic(log, first, await model.run(inputs.tensors));
    checkSoftmax(log, first, o.checkSoftmax, o.softmaxTolerance);

    if (o.golden && o.recordGolden) {
      writeGolden(
        o.golden,
        {
          schema: GOLDEN_SCHEMA_ID,
          model: displayPath(o.model),
          backend: model.backend,
          inputs: inputs.tensors,
          outputs: first,
        },
        deps.files,
      );
      log.pass(
        'golden',
        `recorded ${Object.keys(first).length} output(s) for ${inputs.rows} rows to ${displayPath(o.golden)}`,
      );
      details.golden = { file: displayPath(o.golden), recorded: true };
    } else if (golden && o.golden) {
      let outs = first;
      if (inputs.source !== 'golden' && golden.inputs) {
        const problems = golden.inputProblems ?? compareInputs(model.signature.inputs, golden.inputs);
        if (problems.length) {
          log.fail(
            'golden',
            'smoke/golden-mismatch',
            problems.map((p) => `golden inputs: ${p}`),
            { file: displayPath(o.golden) },
          );
          outs = {};
        } else outs = await model.run(golden.inputs);
      }
      if (Object.keys(outs).length)
        checkGolden(log, outs, golden.outputs, o.atol, o.rtol, displayPath(o.golden));
      details.golden = {
        file: displayPath(o.golden),
        atol: o.atol,
        rtol: o.rtol,
        recordedOn: golden.backend,
      };
    }

    // Latency at batch 1 (or the fixed batch the model declares), throughput at batch B.
    const dynamic = model.signature.inputs.every(hasDynamicBatch);
    const fixedBatch = dynamic ? 1 : (model.signature.inputs[0]?.shape?.[0] ?? 1);
    const one = withRows(inputs.tensors, fixedBatch);
    const samples1 = await logger.group(
      `Latency: ${o.warmup} warm-up + ${o.runs} timed runs at batch ${fixedBatch}`,
      () => timeRuns(() => model.run(one), o.warmup, o.runs, now),
    );
    const batch1: LatencySummary = summarizeLatency(samples1);
    let batchB = fixedBatch;
    let samplesB = samples1;
    if (dynamic && o.batch > 1) {
      batchB = o.batch;
      for (const [name, t] of Object.entries(inputs.tensors))
        if (t.shape.length) checkBatchValues(name, [batchB, ...t.shape.slice(1)], batchB);
      const many = withRows(inputs.tensors, batchB);
      samplesB = await logger.group(`Throughput: ${o.runs} timed runs at batch ${batchB}`, () =>
        timeRuns(() => model.run(many), Math.min(o.warmup, 1), o.runs, now),
      );
    }
    const throughput = throughputPerSecond(samplesB, batchB);
    metrics.latency_p50_ms = batch1.p50_ms;
    metrics.latency_p95_ms = batch1.p95_ms;
    metrics.latency_p99_ms = batch1.p99_ms;
    metrics.throughput_per_s = throughput;
    details.latency = {
      [`batch_${fixedBatch}`]: { ...batch1, throughput_per_s: throughputPerSecond(samples1, fixedBatch) },
      ...(batchB !== fixedBatch
        ? { [`batch_${batchB}`]: { ...summarizeLatency(samplesB), throughput_per_s: throughput } }
        : {}),
      warmup: o.warmup,
    };
    checkBudgets(log, batch1, throughput, batchB, o);
  } finally {
    metrics.peak_rss_mb = deps.peakRssMb();
    await model.dispose();
  }
  return { log, details, metrics };
}
