import { describe, test, expect, afterAll } from '@jest/globals';
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '../../../src/core/errors.js';
import type { CheckOutcome } from '../../../src/core/result.js';
import { runSmoke } from '../../../src/checks/smoke/smoke.js';
import type { SubCheck } from '../../../src/checks/smoke/record.js';
import { fromNumbers } from '../../../src/model/tensor.js';
import type { LoadedModel } from '../../../src/model/types.js';

const DEMO = 'workflows-examples/demo';
const FIX = 'test/fixtures/models';
const tmp = mkdtempSync(join(tmpdir(), 'model-ci-smoke-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const quick = { runs: 5, warmup: 1, batch: 8 };

function checks(r: CheckOutcome): Record<string, SubCheck['status']> {
  return Object.fromEntries((r.details!.checks as SubCheck[]).map((c) => [c.name, c.status]));
}

function demoCopy(name: string): string {
  const dir = join(tmp, name);
  mkdirSync(dir, { recursive: true });
  for (const f of ['model.json', 'weights.bin']) copyFileSync(join(DEMO, 'model', f), join(dir, f));
  return dir;
}

async function rejection(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected a rejection');
}

describe('smoke check on the demo TF.js model', () => {
  test.each(['wasm', 'cpu'] as const)(
    'passes on %s against the golden file recorded on cpu',
    async (backend) => {
      const r = await runSmoke({
        model: `${DEMO}/model`,
        golden: `${DEMO}/smoke/golden.json`,
        backend,
        ...quick,
      });
      expect(r.status).toBe('pass');
      expect(r.findings).toEqual([]);
      expect(r.details!.backend).toBe(backend);
      expect(checks(r)).toEqual({
        loads: 'pass',
        inputs: 'pass',
        signature: 'pass',
        finite: 'pass',
        deterministic: 'pass',
        golden: 'pass',
        latency: 'pass',
        throughput: 'pass',
      });
      expect(r.details!.inputs).toEqual({ source: 'golden', rows: 16 });
      expect(Object.keys(r.metrics!).sort()).toEqual(
        [
          'latency_p50_ms',
          'latency_p95_ms',
          'latency_p99_ms',
          'load_ms',
          'peak_rss_mb',
          'throughput_per_s',
        ].sort(),
      );
      const m = r.metrics as Record<string, number>;
      expect(m.latency_p50_ms).toBeLessThanOrEqual(m.latency_p95_ms);
      expect(m.latency_p95_ms).toBeLessThanOrEqual(m.latency_p99_ms);
      expect(m.throughput_per_s).toBeGreaterThan(0);
      expect(m.peak_rss_mb).toBeGreaterThan(10);
      expect(r.summary).toMatch(
        new RegExp(`^8 checks passed on ${backend}; p95 [0-9.]+ ms, [0-9.e+]+ rows/s$`),
      );
      expect(Object.keys(r.details!.latency as object)).toEqual(['batch_1', 'batch_8', 'warmup']);
    },
  );

  test('a changed output value fails the golden check with the element and both values', async () => {
    const golden = JSON.parse(readFileSync(`${DEMO}/smoke/golden.json`, 'utf8'));
    golden.outputs.churn_probability.data[3] += 0.01;
    const file = join(tmp, 'golden-changed.json');
    writeFileSync(file, JSON.stringify(golden));
    const r = await runSmoke({ model: `${DEMO}/model`, golden: file, backend: 'cpu', ...quick });
    expect(r.status).toBe('fail');
    expect(checks(r).golden).toBe('fail');
    expect(r.findings).toHaveLength(1);
    const f = r.findings![0];
    expect(f.id).toBe('smoke/golden-mismatch');
    expect(f.file).toBe(file);
    expect(f.message).toMatch(
      /^output "churn_probability": 1 of 16 values outside atol 1e-5 \+ rtol 1e-4·\|golden\| \(first at flat index 3: got 0\.0729975\d+, golden 0\.0829975\d+; max \|diff\| 0\.01\)$/,
    );
  });

  test('recordGolden writes a golden file that the next run passes', async () => {
    const file = join(tmp, 'recorded', 'golden.json');
    const rec = await runSmoke({
      model: `${DEMO}/model`,
      inputs: `${DEMO}/smoke/inputs.json`,
      golden: file,
      recordGolden: true,
      backend: 'wasm',
      ...quick,
    });
    expect(rec.status).toBe('pass');
    expect((rec.details!.checks as SubCheck[]).find((c) => c.name === 'golden')!.message).toMatch(
      /^recorded 1 output\(s\) for 16 rows to /,
    );
    const again = await runSmoke({
      model: `${DEMO}/model`,
      inputs: `${DEMO}/smoke/inputs.json`,
      golden: file,
      backend: 'wasm',
      atol: 0,
      rtol: 0,
      ...quick,
    });
    expect(checks(again).golden).toBe('pass');
  });

  test('inputs with the wrong width: a finding with expected vs got, inference skipped', async () => {
    const file = join(tmp, 'narrow.json');
    writeFileSync(file, JSON.stringify([[1, 2, 3, 4, 5, 6, 7, 8, 9, 10]]));
    const r = await runSmoke({ model: `${DEMO}/model`, inputs: file, backend: 'cpu', ...quick });
    expect(r.status).toBe('fail');
    expect(r.findings).toEqual([
      {
        id: 'smoke/input-shape',
        severity: 'error',
        message: 'input "features": expected [-1,13], got [1,10]',
        file,
      },
    ]);
    expect(checks(r)).toEqual({
      loads: 'pass',
      inputs: 'fail',
      finite: 'skip',
      deterministic: 'skip',
      latency: 'skip',
      throughput: 'skip',
    });
  });

  test('CSV inputs mapped by columns', async () => {
    const cols = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm'];
    const rows = JSON.parse(readFileSync(`${DEMO}/smoke/inputs.json`, 'utf8')) as number[][];
    const file = join(tmp, 'rows.csv');
    writeFileSync(
      file,
      ['id,' + cols.join(','), ...rows.map((r, i) => `${i},${r.join(',')}`)].join('\n') + '\n',
    );
    const r = await runSmoke({
      model: `${DEMO}/model`,
      inputs: file,
      columns: cols,
      golden: `${DEMO}/smoke/golden.json`,
      backend: 'cpu',
      ...quick,
    });
    expect(r.status).toBe('pass');
    expect(r.details!.inputs).toEqual({ source: 'file', rows: 16, file });
  });

  test('an expected signature that differs is a signature finding', async () => {
    const r = await runSmoke({
      model: `${DEMO}/model`,
      backend: 'cpu',
      expectedSignature: {
        inputs: [{ name: 'features', shape: [-1, 11] }],
        outputs: [{ name: 'churn_probability', dtype: 'float32', shape: [-1, 1] }],
      },
      ...quick,
    });
    expect(r.findings).toEqual([
      {
        id: 'smoke/signature-mismatch',
        severity: 'error',
        message: 'input "features": expected shape [-1,11], the model declares [-1,13]',
      },
    ]);
  });

  test('latency and throughput budgets', async () => {
    const r = await runSmoke({
      model: `${DEMO}/model`,
      backend: 'wasm',
      latencyP95Ms: 1e-6,
      minThroughput: 1e12,
      ...quick,
    });
    expect(r.status).toBe('fail');
    expect(r.findings!.map((f) => f.id)).toEqual(['smoke/latency-budget', 'smoke/throughput-budget']);
    expect(r.findings![0].message).toMatch(/^p95 latency [0-9.]+ ms exceeds the budget of 1e-6 ms \(p50 /);
    expect(r.findings![1].message).toMatch(
      /^throughput [0-9.e+]+ rows\/s at batch 8 is below the budget of 1e\+12 rows\/s$/,
    );
    const ok = await runSmoke({
      model: `${DEMO}/model`,
      backend: 'wasm',
      latencyP95Ms: 10_000,
      minThroughput: 1,
      ...quick,
    });
    expect(ok.status).toBe('pass');
  });

  test('a missing weight shard fails "loads" and names the shard', async () => {
    const dir = demoCopy('no-shard');
    rmSync(join(dir, 'weights.bin'));
    const r = await runSmoke({ model: dir, backend: 'cpu', ...quick });
    expect(r.status).toBe('fail');
    expect(r.findings).toEqual([
      {
        id: 'smoke/load-failed',
        severity: 'error',
        message: `${join(dir, 'weights.bin')}: weight shard is missing (listed in ${join(dir, 'model.json')} weightsManifest[0].paths[0])`,
        file: join(dir, 'weights.bin'),
      },
    ]);
    expect(checks(r)).toEqual({ loads: 'fail' });
    expect(r.summary).toBe('1 of 1 checks failed (loads) on model');
  });

  test('truncated weights fail "loads" with the byte counts', async () => {
    const dir = demoCopy('truncated');
    truncateSync(join(dir, 'weights.bin'), 100);
    const r = await runSmoke({ model: join(dir, 'model.json'), backend: 'wasm', ...quick });
    expect(r.findings![0].message).toBe(
      `${join(dir, 'weights.bin')}: weights are truncated: the shard hold 100 bytes, the weights manifest requires 964 bytes`,
    );
  });

  test('a model path that does not exist is an InputError', async () => {
    const err = await rejection(runSmoke({ model: 'no/such/model.json' }));
    expect(err).toBeInstanceOf(InputError);
  });

  test('a golden file that does not exist is an InputError (before the model loads)', async () => {
    const err = await rejection(runSmoke({ model: `${DEMO}/model`, golden: join(tmp, 'none.json') }));
    expect(err.message).toBe(
      `smoke: golden file "${join(tmp, 'none.json')}" does not exist; record it with recordGolden (--record-golden)`,
    );
  });
});

describe('smoke check on ONNX fixtures (onnxruntime-web)', () => {
  test('a model returning NaN fails "finite"', async () => {
    const r = await runSmoke({ model: `${FIX}/nan-output.onnx`, ...quick });
    expect(r.status).toBe('fail');
    expect(r.details!.backend).toBe('onnxruntime-web');
    expect(r.findings).toEqual([
      {
        id: 'smoke/non-finite-output',
        severity: 'error',
        message: 'output "y": 16 NaN of 16 values (first at flat index 0)',
      },
    ]);
    expect(checks(r).finite).toBe('fail');
    expect(checks(r).deterministic).toBe('pass'); // NaN equals NaN bitwise
  });

  test('a file that is not a model fails "loads"', async () => {
    const r = await runSmoke({ model: `${FIX}/not-a-model.onnx`, ...quick });
    expect(r.status).toBe('fail');
    expect(r.findings![0].id).toBe('smoke/load-failed');
    expect(r.findings![0].file).toBe(`${FIX}/not-a-model.onnx`);
    expect(r.findings![0].message).toMatch(
      /^test\/fixtures\/models\/not-a-model\.onnx: not a loadable ONNX model \(.*protobuf parsing failed/,
    );
  });

  test('softmax check: the probs output sums to 1, the logits output does not', async () => {
    const ok = await runSmoke({
      model: `${FIX}/softmax-two-outputs.onnx`,
      checkSoftmax: ['probs'],
      ...quick,
    });
    expect(ok.status).toBe('pass');
    expect(checks(ok).softmax).toBe('pass');
    const bad = await runSmoke({ model: `${FIX}/softmax-two-outputs.onnx`, checkSoftmax: true, ...quick });
    expect(bad.findings!.map((f) => f.id)).toEqual(['smoke/softmax-sum']);
    expect(bad.findings![0].message).toMatch(/^output "logits": \d+ of 8 rows do not sum to 1 within 1e-4/);
  });

  test('int64 inputs are generated as integers', async () => {
    const r = await runSmoke({ model: `${FIX}/int-input.onnx`, seed: 3, ...quick });
    expect(r.status).toBe('pass');
    expect(r.details!.inputs).toEqual({ source: 'generated', rows: 8, seed: 3 });
    expect(r.details!.signature).toEqual({
      inputs: [{ name: 'ids', dtype: 'int64', shape: [-1, 3], dimNames: ['batch', null] }],
      outputs: [{ name: 'total', dtype: 'float32', shape: [-1, 1], dimNames: ['batch', null] }],
    });
  });
});

describe('smoke check with an injected model', () => {
  test('outputs that change between identical runs fail "deterministic"', async () => {
    let calls = 0;
    const flaky: LoadedModel = {
      format: 'onnx',
      backend: 'cpu',
      runtime: 'test double',
      file: 'flaky.onnx',
      signature: {
        inputs: [{ name: 'x', dtype: 'float32', shape: [-1, 2] }],
        outputs: [{ name: 'y', dtype: 'float32', shape: [-1, 1] }],
      },
      async run(inputs) {
        const rows = inputs.x.shape[0];
        calls++;
        return { y: fromNumbers('float32', [rows, 1], new Array(rows).fill(calls % 2 ? 0.25 : 0.5)) };
      },
      async dispose() {},
    };
    const r = await runSmoke(
      { model: `${FIX}/linear-sigmoid.onnx`, ...quick },
      { loadModel: async () => flaky, peakRssMb: () => 42 },
    );
    expect(r.findings).toEqual([
      {
        id: 'smoke/nondeterministic',
        severity: 'error',
        message:
          'output "y" differs between two runs on the same input (first at flat index 0, max |diff| 0.25)',
      },
    ]);
    expect(r.metrics!.peak_rss_mb).toBe(42);
  });
});
