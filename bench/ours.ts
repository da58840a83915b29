// model-ci's side of the benchmarks, bundled by scripts/bench.mjs with ncc and run in its own process.
// Usage: node ours.mjs <benchmark> <args...>; prints one JSON line {seconds, maxRssMb, ...}:
// `seconds` is the timed region (inputs of the metrics benchmarks are read before it), `maxRssMb` the
// peak RSS of the whole process.
import { readFileSync } from 'node:fs';
import { dataCheck } from '../src/checks/data/check.js';
import { readTableForSuite } from '../src/checks/data/inputs.js';
import * as dataProfile from '../src/checks/data/profile.js';
import { loadSuite } from '../src/checks/data/suite.js';
import type { ValidationResult } from '../src/checks/data/validation-result.js';
import { drift } from '../src/checks/drift/drift.js';
import { presortDriftColumns } from '../src/checks/drift/presort.js';
import { runSmoke } from '../src/checks/smoke/smoke.js';
import { generateInputs } from '../src/checks/smoke/inputs.js';
import { readTable } from '../src/data/read-table.js';
import { loadModel } from '../src/model/load-model.js';
import type { NamedTensors } from '../src/model/types.js';
import { kstwoSf } from '../src/stats/kolmogorov-distribution.js';
import { binaryMetrics } from '../src/stats/metrics/binary-metrics.js';
import { bootstrapDelta } from '../src/stats/metrics/bootstrap.js';
import { quantileSorted } from '../src/stats/quantile.js';

function f64(file: string): Float64Array {
  const b = readFileSync(file);
  // Copy into an aligned buffer of its own (a Buffer may sit at any offset of a shared pool).
  const out = new Float64Array(b.byteLength / 8);
  new Uint8Array(out.buffer).set(b);
  return out;
}

function now(): number {
  return performance.now() / 1000;
}

type Bench = (args: string[]) => Promise<Record<string, unknown>>;

const benches: Record<string, Bench> = {
  /** Read both files, then the drift check: the breakdown of the CLI's end-to-end time. */
  async drift([reference, current]) {
    const t0 = now();
    const [ref, cur] = await Promise.all([readTable(reference), readTable(current)]);
    const t1 = now();
    // As the drift step does: numeric columns sorted on every core, then the statistics.
    const presorted = await presortDriftColumns(ref, cur);
    const result = drift(ref, cur, {}, presorted);
    const t2 = now();
    const columns = (
      result.details as { columns: { name: string; ks?: { pvalue: number }; wasserstein_normed?: number }[] }
    ).columns;
    return {
      seconds: t2 - t0,
      read_seconds: t1 - t0,
      stats_seconds: t2 - t1,
      summary: result.summary,
      ks_pvalues: Object.fromEntries(columns.filter((c) => c.ks).map((c) => [c.name, c.ks?.pvalue])),
    };
  },

  /** readTable + the exact profile of every column (the data check's profile). */
  async profile([file]) {
    const profileTable = (dataProfile as Record<string, unknown>).profileTable as
      ((t: Awaited<ReturnType<typeof readTable>>) => unknown) | undefined;
    if (typeof profileTable !== 'function')
      return { unavailable: 'src/checks/data/profile.ts has no profileTable' };
    const t0 = now();
    const table = await readTable(file);
    const t1 = now();
    const profile = profileTable(table) as { rows: number; columns: Record<string, unknown> };
    const t2 = now();
    return {
      seconds: t2 - t0,
      read_seconds: t1 - t0,
      stats_seconds: t2 - t1,
      rows: profile.rows,
      columns: profile.columns,
    };
  },

  /** The data check's work: load the suite, read the columns it names, evaluate every expectation. */
  async check([file, suiteFile]) {
    const t0 = now();
    const suite = await loadSuite(suiteFile);
    const table = await readTableForSuite(file, suite);
    const t1 = now();
    const outcome = dataCheck(table, suite);
    const t2 = now();
    const results = (outcome.details as { results: ValidationResult[] }).results;
    return {
      seconds: t2 - t0,
      read_seconds: t1 - t0,
      check_seconds: t2 - t1,
      rows: table.rows,
      summary: outcome.summary,
      success: results.map((r) => r.success),
    };
  },

  async metrics([labelsFile, scoresFile]) {
    const labels = f64(labelsFile);
    const scores = f64(scoresFile);
    const t0 = now();
    const m = binaryMetrics(labels, scores, 0.5);
    return { seconds: now() - t0, roc_auc: m.roc_auc, log_loss: m.log_loss, accuracy: m.accuracy, f1: m.f1 };
  },

  async bootstrap([labelsFile, aFile, bFile, resamples]) {
    const labels = f64(labelsFile);
    const a = f64(aFile);
    const b = f64(bFile);
    const t0 = now();
    const ci = bootstrapDelta(labels, a, b, 'roc_auc', { resamples: Number(resamples), seed: 1 });
    return { seconds: now() - t0, low: ci.low, high: ci.high, valid: ci.valid };
  },

  /** kstwo.sf(d, n) on the smirnov branch (a mildly drifted column of ~1M rows per side). */
  async kstwo([n, ...ds]) {
    const t0 = now();
    const values = ds.map((d) => kstwoSf(Number(d), Number(n)));
    return { seconds: now() - t0, values };
  },

  /**
   * The smoke harness's latency p50 at batch 1 (runSmoke with `runs` timed runs after 3 warm-up runs)
   * against a bare loop of model.run() timed the same way, alternated in one process (direct, harness,
   * direct, harness, …) so that neither side profits from the other's JIT warm-up; plus throughput at
   * batch 32 from the harness.
   */
  async smoke([model, backend, runs, rounds = '3']) {
    const n = Number(runs);
    const warmup = 3;
    const b = backend as 'wasm' | 'cpu';
    const direct: number[] = [];
    const harness: number[] = [];
    const throughput: number[] = [];
    let used: unknown;
    let status: unknown;
    const t0 = now();
    for (let r = 0; r < Number(rounds); r++) {
      const loaded = await loadModel(model, { backend: b });
      const one: NamedTensors = generateInputs(loaded.signature.inputs, 1, 0).tensors;
      for (let i = 0; i < warmup; i++) await loaded.run(one);
      const samples = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        const s = performance.now();
        await loaded.run(one);
        samples[i] = performance.now() - s;
      }
      samples.sort();
      await loaded.dispose();
      direct.push(quantileSorted(samples, 0.5));
      const outcome = await runSmoke({ model, backend: b, runs: n, warmup, batch: 32 });
      const m = outcome.metrics as Record<string, number>;
      harness.push(m.latency_p50_ms);
      throughput.push(m.throughput_per_s);
      used = outcome.details?.backend;
      status = outcome.status;
    }
    const med = (xs: number[]) => quantileSorted(Float64Array.from(xs).sort(), 0.5);
    return {
      seconds: now() - t0,
      backend: used,
      status,
      harness_p50_ms: med(harness),
      direct_p50_ms: med(direct),
      throughput_per_s: med(throughput),
      rounds: { harness, direct, throughput },
    };
  },
};

const [name, ...args] = process.argv.slice(2);
const bench = benches[name];
if (!bench) {
  process.stderr.write(`unknown benchmark ${name}; known: ${Object.keys(benches).join(', ')}\n`);
  process.exit(2);
}
const out = await bench(args);
process.stdout.write(JSON.stringify({ ...out, maxRssMb: process.resourceUsage().maxRSS / 1024 }) + '\n');
