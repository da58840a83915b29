import { describe, test, expect, afterAll } from '@jest/globals';
import * as tf from '@tensorflow/tfjs-core';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DataFormatError, InputError } from '../../src/core/errors.js';
import { loadModel, resolveModelFile } from '../../src/model/load-model.js';
import { resetOrtNodeCache } from '../../src/model/onnx-model.js';
import { resetTfjsNodeCache } from '../../src/model/tfjs-model.js';
import { fromNumbers, toNumbers } from '../../src/model/tensor.js';
import type { LoadedModel } from '../../src/model/types.js';

const DEMO = 'workflows-examples/demo/model';
const FIX = 'test/fixtures/models';
const golden = JSON.parse(readFileSync('workflows-examples/demo/smoke/golden.json', 'utf8')) as {
  inputs: { features: { shape: number[]; data: number[] } };
  outputs: { churn_probability: { data: number[] } };
};
const goldenInput = () => fromNumbers('float32', golden.inputs.features.shape, golden.inputs.features.data);
const tmp = mkdtempSync(join(tmpdir(), 'model-ci-load-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function rejection(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected a rejection');
}

function expectAllClose(got: number[], want: number[], tol: number): void {
  expect(got.length).toBe(want.length);
  const worst = Math.max(...got.map((g, i) => Math.abs(g - want[i])));
  expect(worst).toBeLessThanOrEqual(tol);
}

describe('TF.js layers model (demo churn model)', () => {
  test.each(['wasm', 'cpu'] as const)('runs on %s and matches the training-time outputs', async (backend) => {
    const m = await loadModel(DEMO, { backend });
    try {
      expect(m.backend).toBe(backend);
      expect(tf.getBackend()).toBe(backend); // the engine really runs on it, no silent fallback
      expect(m.format).toBe('tfjs-layers');
      expect(m.runtime).toBe(
        backend === 'wasm' ? '@tensorflow/tfjs-backend-wasm 4.22.0' : '@tensorflow/tfjs-backend-cpu 4.22.0',
      );
      expect(m.signature).toEqual({
        inputs: [{ name: 'features', dtype: 'float32', shape: [-1, 13] }],
        outputs: [{ name: 'churn_probability', dtype: 'float32', shape: [-1, 1] }],
      });
      const out = await m.run({ features: goldenInput() });
      expect(out.churn_probability.shape).toEqual([16, 1]);
      expect(out.churn_probability.dtype).toBe('float32');
      expectAllClose(
        toNumbers(out.churn_probability),
        golden.outputs.churn_probability.data,
        backend === 'cpu' ? 0 : 1e-6,
      );
    } finally {
      await m.dispose();
    }
  });

  test('auto picks wasm when tfjs-node is not in the workspace', async () => {
    const m = await loadModel(join(DEMO, 'model.json'), { workspaceDirs: [tmp] });
    expect(m.backend).toBe('wasm');
    await m.dispose();
  });

  test('tfjs-node is used when the workspace has it', async () => {
    // A stand-in package: the repository's own tfjs (loaded with Node's require, so a separate tfjs-core, as
    // the real tfjs-node has) with the cpu kernels registered under tfjs-node's backend name "tensorflow".
    const ws = join(tmp, 'ws-tfjs');
    const pkg = join(ws, 'node_modules', '@tensorflow', 'tfjs-node');
    mkdirSync(pkg, { recursive: true });
    writeFileSync(
      join(pkg, 'package.json'),
      JSON.stringify({ name: '@tensorflow/tfjs-node', version: '0.0.0-test', main: 'index.js' }),
    );
    const nm = (p: string) => JSON.stringify(resolve('node_modules', p));
    writeFileSync(
      join(pkg, 'index.js'),
      [
        `const core = require(${nm('@tensorflow/tfjs-core')});`,
        `const cpu = require(${nm('@tensorflow/tfjs-backend-cpu')});`,
        `const layers = require(${nm('@tensorflow/tfjs-layers')});`,
        `const converter = require(${nm('@tensorflow/tfjs-converter')});`,
        `core.env().set('PROD', true);`,
        `core.registerBackend('tensorflow', () => new cpu.MathBackendCPU(), 3);`,
        `for (const k of core.getKernelsForBackend('cpu')) core.registerKernel({ ...k, backendName: 'tensorflow' });`,
        `module.exports = { ...core, ...layers, ...converter, version: { 'tfjs-node': '0.0.0-test' } };`,
      ].join('\n'),
    );
    resetTfjsNodeCache();
    try {
      const m = await loadModel(DEMO, { workspaceDirs: [tmp, ws] });
      expect(m.backend).toBe('tfjs-node');
      expect(m.runtime).toBe('@tensorflow/tfjs-node 0.0.0-test');
      const out = await m.run({ features: goldenInput() });
      expectAllClose(toNumbers(out.churn_probability), golden.outputs.churn_probability.data, 0);
      await m.dispose();
    } finally {
      resetTfjsNodeCache();
    }
  });

  test('tfjs-node requested but not installed is an InputError naming the directories', async () => {
    const err = await rejection(loadModel(DEMO, { backend: 'tfjs-node', workspaceDirs: [tmp] }));
    expect(err).toBeInstanceOf(InputError);
    expect(err.message).toBe(
      `backend "tfjs-node" requested, but @tensorflow/tfjs-node is not installed in ${tmp}`,
    );
  });

  test('an ONNX runtime requested for a TF.js model is an InputError', async () => {
    const err = await rejection(loadModel(DEMO, { backend: 'onnxruntime-web' }));
    expect(err).toBeInstanceOf(InputError);
    expect(err.message).toBe(
      'backend "onnxruntime-web" runs ONNX models only; TF.js models take auto, tfjs-node, wasm or cpu',
    );
  });
});

describe('TF.js graph model (two weight shards)', () => {
  test.each(['wasm', 'cpu'] as const)('runs on %s', async (backend) => {
    const m = await loadModel(`${FIX}/tfjs-graph`, { backend });
    expect(m.format).toBe('tfjs-graph');
    expect(m.backend).toBe(backend);
    expect(m.signature.inputs).toEqual([{ name: 'x', dtype: 'float32', shape: [-1, 4] }]);
    const out = await m.run({ x: fromNumbers('float32', [2, 4], [1, 2, 3, 4, 0, 0, 0, 0]) });
    expect(out.probs.shape).toEqual([2, 3]);
    // Same weights as softmax-two-outputs.onnx: softmax([1, 2.5, 2.5]) and softmax([0, 0.5, -0.5]).
    const soft = (z: number[]) => z.map((v) => Math.exp(v) / z.reduce((a, b) => a + Math.exp(b), 0));
    expectAllClose(toNumbers(out.probs), [...soft([1, 2.5, 2.5]), ...soft([0, 0.5, -0.5])], 1e-6);
    await m.dispose();
  });
});

describe('ONNX models on onnxruntime-web', () => {
  const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));
  let linear: LoadedModel;

  test('linear + sigmoid with a dynamic batch axis', async () => {
    linear = await loadModel(`${FIX}/linear-sigmoid.onnx`, { workspaceDirs: [tmp] });
    expect(linear.backend).toBe('onnxruntime-web');
    expect(linear.runtime).toBe('onnxruntime-web 1.30.0');
    expect(linear.signature).toEqual({
      inputs: [{ name: 'x', dtype: 'float32', shape: [-1, 4], dimNames: ['batch', null] }],
      outputs: [{ name: 'y', dtype: 'float32', shape: [-1, 1], dimNames: ['batch', null] }],
    });
    for (const rows of [1, 5]) {
      const x = Array.from({ length: rows * 4 }, (_, i) => (i % 7) / 3 - 1);
      const out = await linear.run({ x: fromNumbers('float32', [rows, 4], x) });
      expect(out.y.shape).toEqual([rows, 1]);
      const want = Array.from({ length: rows }, (_, r) =>
        sigmoid(0.5 * x[r * 4] - x[r * 4 + 1] + 0.25 * x[r * 4 + 2] + 2 * x[r * 4 + 3] + 0.1),
      );
      expectAllClose(toNumbers(out.y), want, 1e-6);
    }
  });

  test('wrong input shape is rejected by the runtime with both shapes', async () => {
    const err = await rejection(linear.run({ x: fromNumbers('float32', [1, 3], [1, 2, 3]) }));
    expect(err.message).toMatch(/Got invalid dimensions for input: x/);
    await linear.dispose();
  });

  test('two outputs, one a softmax', async () => {
    const m = await loadModel(`${FIX}/softmax-two-outputs.onnx`, { backend: 'wasm' });
    const out = await m.run({ x: fromNumbers('float32', [1, 4], [1, 2, 3, 4]) });
    expect(Object.keys(out)).toEqual(['logits', 'probs']);
    // W = arange(12).reshape(4, 3) / 10 - 0.5, b = [0, 0.5, -0.5] (make-onnx.py).
    expectAllClose(toNumbers(out.logits), [1, 2.5, 2.5], 1e-6);
    const e = [1, 2.5, 2.5].map(Math.exp);
    expectAllClose(
      toNumbers(out.probs),
      e.map((v) => v / (e[0] + e[1] + e[2])),
      1e-6,
    );
    await m.dispose();
  });

  test('int64 inputs', async () => {
    const m = await loadModel(`${FIX}/int-input.onnx`, { backend: 'cpu' });
    expect(m.signature.inputs[0].dtype).toBe('int64');
    const out = await m.run({ ids: fromNumbers('int64', [2, 3], [1, 2, 3, 10, 20, 30]) });
    expect(toNumbers(out.total)).toEqual([6, 60]);
    await m.dispose();
  });

  test('NaN outputs come back as NaN', async () => {
    const m = await loadModel(`${FIX}/nan-output.onnx`);
    const out = await m.run({ x: fromNumbers('float32', [1, 2], [0.5, -3]) });
    expect(toNumbers(out.y).every(Number.isNaN)).toBe(true);
    await m.dispose();
  });

  test('a file that is not an ONNX model is a DataFormatError naming it', async () => {
    const err = await rejection(loadModel(`${FIX}/not-a-model.onnx`));
    expect(err).toBeInstanceOf(DataFormatError);
    expect(err.message).toMatch(
      /^test\/fixtures\/models\/not-a-model\.onnx: not a loadable ONNX model \(.*protobuf parsing failed.*\)$/,
    );
  });

  test('tfjs-node requested for an ONNX model is an InputError', async () => {
    const err = await rejection(loadModel(`${FIX}/linear-sigmoid.onnx`, { backend: 'tfjs-node' }));
    expect(err).toBeInstanceOf(InputError);
  });

  test('onnxruntime-node is used when the workspace has it', async () => {
    // A stand-in package: onnxruntime-web's CommonJS build under the name onnxruntime-node.
    const ws = join(tmp, 'ws-ort');
    const pkg = join(ws, 'node_modules', 'onnxruntime-node');
    mkdirSync(pkg, { recursive: true });
    writeFileSync(
      join(pkg, 'package.json'),
      JSON.stringify({ name: 'onnxruntime-node', version: '0.0.0-test', main: 'index.js' }),
    );
    const web = resolve('node_modules/onnxruntime-web/dist/ort.node.min.js');
    writeFileSync(
      join(pkg, 'index.js'),
      `const ort = require(${JSON.stringify(web)}); ort.env.wasm.numThreads = 1; ort.env.versions.node = '0.0.0-test'; module.exports = ort;\n`,
    );
    resetOrtNodeCache();
    try {
      const err = await rejection(
        loadModel(`${FIX}/linear-sigmoid.onnx`, { backend: 'onnxruntime-node', workspaceDirs: [tmp] }),
      );
      expect(err.message).toBe(
        `backend "onnxruntime-node" requested, but onnxruntime-node is not installed in ${tmp}`,
      );
      const m = await loadModel(`${FIX}/linear-sigmoid.onnx`, { workspaceDirs: [tmp, ws] });
      expect(m.backend).toBe('onnxruntime-node');
      expect(m.runtime).toBe('onnxruntime-node 0.0.0-test');
      const out = await m.run({ x: fromNumbers('float32', [1, 4], [0, 0, 0, 0]) });
      expectAllClose(toNumbers(out.y), [sigmoid(0.1)], 1e-6);
      await m.dispose();
    } finally {
      resetOrtNodeCache();
    }
  });
});

describe('resolveModelFile', () => {
  test.each([
    [DEMO, join(DEMO, 'model.json'), 'tfjs'],
    [join(DEMO, 'model.json'), join(DEMO, 'model.json'), 'tfjs'],
    [`${FIX}/linear-sigmoid.onnx`, `${FIX}/linear-sigmoid.onnx`, 'onnx'],
  ])('%s', (path, file, kind) => {
    expect(resolveModelFile(path)).toEqual({ file, kind });
  });

  test('a folder with one .onnx file', () => {
    const dir = join(tmp, 'one-onnx');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'm.onnx'), '');
    expect(resolveModelFile(dir)).toEqual({ file: join(dir, 'm.onnx'), kind: 'onnx' });
  });

  test.each([
    [
      'does/not/exist',
      'model: "does/not/exist" does not exist (expected model.json, a .onnx file or a folder with one)',
    ],
    [
      FIX,
      `model: "${FIX}" holds 5 .onnx files (int-input.onnx, linear-sigmoid.onnx, nan-output.onnx, not-a-model.onnx, softmax-two-outputs.onnx); name one`,
    ],
    ['test/fixtures', 'model: "test/fixtures" holds neither model.json nor a .onnx file'],
  ])('%s is an InputError', (path, message) => {
    expect(() => resolveModelFile(path)).toThrow(new InputError(message));
  });
});
