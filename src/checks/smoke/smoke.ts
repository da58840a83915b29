/**
 * The smoke check: real inference on a model file (TF.js or ONNX) or an HTTP server, reported as separate
 * sub-checks (loads, inputs, signature, finite, deterministic, softmax, golden, latency, throughput) in
 * `details.checks`, with a finding for each failure.
 */
import { arch, cpus } from 'node:os';
import { isAbsolute, join } from 'node:path';
import type { FileGuard } from '../../core/file-guard.js';
import { silentLogger, type Logger } from '../../core/logger.js';
import { statusFromFindings, type CheckOutcome } from '../../core/result.js';
import { loadModel } from '../../model/load-model.js';
import type { LoadedModel, LoadModelOptions } from '../../model/types.js';
import { validateSmokeOptions, type SmokeOptions } from './options.js';
import { fmt } from './record.js';
import { runHttpMode } from './smoke-http.js';
import { runModelMode } from './smoke-model.js';

export const SMOKE_CHECK = 'smoke';
export const SMOKE_TITLE = 'Inference smoke test';

export interface SmokeDeps {
  logger?: Logger;
  /** Monotonic milliseconds (default performance.now). */
  now?: () => number;
  loadModel?: (path: string, options: LoadModelOptions) => Promise<LoadedModel>;
  /** Peak resident set size of this process in MiB (default process.resourceUsage().maxRSS). */
  peakRssMb?: () => number;
  /** The command's inputs and outputs: a recorded golden file is written through it. */
  files?: FileGuard;
}

/** Peak RSS of this process in MiB: `maxRSS` is in KiB on every platform Node supports. */
export function processPeakRssMb(): number {
  return process.resourceUsage().maxRSS / 1024;
}

/** The machine the latency was measured on: the cost check says which CPU its estimate assumes. */
export function hostInfo(): { arch: string; cpu: string; cpus: number } {
  const list = cpus();
  return { arch: arch(), cpu: (list[0]?.model ?? 'unknown').trim(), cpus: list.length };
}

/**
 * Run the smoke check.
 * @param options see {@link SmokeOptions}; relative paths resolve against `baseDir` (default cwd)
 * @returns the outcome: `fail` when a sub-check failed, `pass` otherwise
 * @throws InputError for bad options, a missing model/golden/inputs file; DataFormatError for a malformed inputs file
 * @example await runSmoke({ model: 'model/model.json', golden: 'smoke/golden.json', latencyP95Ms: 20 })
 */
export async function runSmoke(options: SmokeOptions, deps: SmokeDeps = {}): Promise<CheckOutcome> {
  const o = validateSmokeOptions(options);
  // Paths stay as given (relative to the cwd) unless baseDir is set, so messages show the user's own paths.
  const at = (p: string | undefined) =>
    p === undefined || isAbsolute(p) || !o.baseDir ? p : join(o.baseDir, p);
  const resolved = {
    ...o,
    model: at(o.model),
    inputs: at(o.inputs),
    golden: at(o.golden),
    startCwd: at(o.startCwd) ?? o.baseDir,
  };
  const logger = deps.logger ?? silentLogger;
  const now = deps.now ?? (() => performance.now());

  const { log, details, metrics } = resolved.model
    ? await runModelMode(resolved as typeof resolved & { model: string }, {
        logger,
        now,
        loadModel: deps.loadModel ?? loadModel,
        peakRssMb: deps.peakRssMb ?? processPeakRssMb,
        files: deps.files,
      })
    : await runHttpMode(resolved as typeof resolved & { url: string }, { logger, now, files: deps.files });

  const status = statusFromFindings(log.findings);
  const failed = log.failed();
  const ran = log.checks.filter((c) => c.status !== 'skip');
  const backend = String(details.backend ?? (resolved.model ? 'model' : 'http'));
  const perf =
    metrics.latency_p95_ms !== undefined
      ? `; p95 ${fmt(metrics.latency_p95_ms)} ms, ${fmt(metrics.throughput_per_s)} rows/s`
      : '';
  const summary = failed.length
    ? `${failed.length} of ${ran.length} checks failed (${failed.join(', ')}) on ${backend}${perf}`
    : `${ran.length} checks passed on ${backend}${perf}`;
  return {
    status,
    title: SMOKE_TITLE,
    summary,
    metrics,
    findings: log.findings,
    details: { ...details, host: hostInfo(), checks: log.checks },
  };
}
