import { describe, test, expect } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataFormatError, InputError } from '../../../src/core/errors.js';
import { fromNumbers, toNumbers } from '../../../src/model/tensor.js';
import { allClose, countNonFinite, identical, softmaxRows } from '../../../src/checks/smoke/compare.js';
import { GOLDEN_SCHEMA_ID, readGolden, writeGolden } from '../../../src/checks/smoke/golden.js';
import { generateInputs, readInputsFile, tensorsFromJson } from '../../../src/checks/smoke/inputs.js';
import { summarizeLatency, throughputPerSecond } from '../../../src/checks/smoke/latency.js';
import { validateSmokeOptions } from '../../../src/checks/smoke/options.js';
import { outputsFromResponse, parseLenientJson } from '../../../src/checks/smoke/http.js';
import { compareExpectedSignature, compareInputs } from '../../../src/checks/smoke/signature.js';
import { expectClose } from '../../helpers/close.js';
import type { SmokeOptions } from '../../../src/checks/smoke/options.js';

const f64 = (xs: number[]) => fromNumbers('float64', [xs.length], xs);

describe('allClose (numpy.isclose, equal_nan=True; oracle: numpy 1.24)', () => {
  test('element table at rtol 1e-4, atol 1e-5', () => {
    const got = [1.0, 1.00001, 0.0, 1e-6, NaN, Infinity, 100.0];
    const golden = [1.0, 1.0, 1e-5, 0.0, NaN, Infinity, 100.011];
    // numpy: [True, True, True, True, True, True, False]
    const r = allClose(f64(got), f64(golden), 1e-5, 1e-4);
    expect(r.bad).toBe(1);
    expect(r.first).toEqual({ index: 6, got: 100, expected: 100.011 });
  });

  test('NaN against a number, and a shape mismatch, fail', () => {
    expect(allClose(f64([NaN]), f64([1]), 1, 1).ok).toBe(false);
    expect(allClose(f64([1, 2]), fromNumbers('float64', [2, 1], [1, 2]), 0, 0).shapeMismatch).toBe(
      'shape [2], golden [2,1]',
    );
  });
});

describe('element checks', () => {
  test('countNonFinite', () => {
    expect(countNonFinite(f64([1, NaN, -Infinity, 2, NaN]))).toEqual({
      count: 3,
      nan: 2,
      inf: 1,
      firstIndex: 1,
    });
    expect(countNonFinite(fromNumbers('int64', [1], [1])).count).toBe(0);
  });

  test('identical is bitwise (NaN equals NaN)', () => {
    expect(identical(f64([1, NaN]), f64([1, NaN])).same).toBe(true);
    expect(identical(f64([1, 2, 3]), f64([1, 2.5, 3]))).toEqual({ same: false, index: 1, maxAbsDiff: 0.5 });
  });

  test('softmaxRows sums the last axis', () => {
    const t = fromNumbers('float32', [2, 3], [0.2, 0.3, 0.5, 0.2, 0.2, 0.2]);
    const r = softmaxRows(t, 1e-4);
    expect(r.rows).toBe(2);
    expect(r.bad).toBe(1);
    expect(r.firstRow).toBe(1);
    expectClose(r.worst, 0.4, 1e-6);
  });
});

describe('latency summary (numpy.percentile, linear)', () => {
  test.each([
    [
      [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
      [5.5, 9.549999999999999, 9.91],
    ],
    [
      [3.2, 1.1, 7.5, 2.2, 9.9, 4.4],
      [3.8000000000000003, 9.3, 9.780000000000001],
    ],
  ])('%j', (samples, [p50, p95, p99]) => {
    const s = summarizeLatency(samples);
    expectClose(s.p50_ms, p50, 1e-12);
    expectClose(s.p95_ms, p95, 1e-12);
    expectClose(s.p99_ms, p99, 1e-12);
    expect(s.runs).toBe(samples.length);
  });

  test('throughput = batch · runs / seconds', () => {
    expect(throughputPerSecond([10, 10, 20], 32)).toBe(2400);
  });
});

describe('inputs', () => {
  const spec = { name: 'x', dtype: 'float32', shape: [-1, 3] };

  test('generated inputs: batch fills the dynamic axis, same seed gives the same values', () => {
    const a = generateInputs([spec, { name: 'ids', dtype: 'int64', shape: [-1, 2] }], 4, 7);
    const b = generateInputs([spec, { name: 'ids', dtype: 'int64', shape: [-1, 2] }], 4, 7);
    const c = generateInputs([spec], 4, 8);
    expect(a.tensors.x.shape).toEqual([4, 3]);
    expect(a.tensors.x.data).toBeInstanceOf(Float32Array);
    expect(a.tensors.ids.data).toBeInstanceOf(BigInt64Array);
    expect(toNumbers(a.tensors.ids).every((v) => Number.isInteger(v) && v >= 0 && v < 10)).toBe(true);
    expect(a.tensors).toEqual(b.tensors);
    expect(a.tensors.x).not.toEqual(c.tensors.x);
    expect(a.rows).toBe(4);
  });

  test('string inputs cannot be generated', () => {
    expect(() => generateInputs([{ name: 's', dtype: 'string', shape: [-1] }], 2, 0)).toThrow(
      new InputError('smoke: input "s" has dtype string, so inputs cannot be generated; give an inputs file'),
    );
  });

  test.each([
    [
      'rows',
      [
        [1, 2, 3],
        [4, 5, 6],
      ],
    ],
    ['row objects', [{ x: [1, 2, 3] }, { x: [4, 5, 6] }]],
    [
      'batch per input',
      {
        x: [
          [1, 2, 3],
          [4, 5, 6],
        ],
      },
    ],
    [
      'wrapped',
      {
        inputs: [
          [1, 2, 3],
          [4, 5, 6],
        ],
      },
    ],
  ])('JSON layout: %s', (_name, doc) => {
    const t = tensorsFromJson(doc, [spec], 'in.json').x;
    expect(t).toEqual({ dtype: 'float32', shape: [2, 3], data: Float32Array.of(1, 2, 3, 4, 5, 6) });
  });

  test('ragged rows are a DataFormatError', () => {
    expect(() =>
      tensorsFromJson(
        [
          [1, 2, 3],
          [4, 5],
        ],
        [spec],
        'in.json',
      ),
    ).toThrow(new DataFormatError({ file: 'in.json' }, 'ragged array: every row must have the same shape'));
  });

  test('CSV columns feed the input in the order given', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'model-ci-in-'));
    try {
      const file = join(dir, 'rows.csv');
      writeFileSync(file, 'id,b,a,c\nr1,2,1,3\n"r,2",5,4,6\n');
      const r = await readInputsFile(file, [spec], ['a', 'b', 'c']);
      expect(r.tensors.x).toEqual({
        dtype: 'float32',
        shape: [2, 3],
        data: Float32Array.of(1, 2, 3, 4, 5, 6),
      });
      await expect(readInputsFile(file, [spec], ['a', 'b', 'id'])).rejects.toThrow(
        new DataFormatError({ file }, 'column "id" is not numeric: "r1" at data row 1'),
      );
      await expect(readInputsFile(file, [spec], ['a', 'zz'])).rejects.toThrow(
        `${file}: no column "zz"; the columns are "id", "b", "a", "c"`,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('signature comparisons', () => {
  const sig = {
    inputs: [{ name: 'features', dtype: 'float32', shape: [-1, 13] }],
    outputs: [{ name: 'p', dtype: 'float32', shape: [-1, 1] }],
  };

  test('wrong input shape says expected vs got', () => {
    expect(
      compareInputs(sig.inputs, { features: fromNumbers('float32', [1, 10], new Array(10).fill(0)) }),
    ).toEqual(['input "features": expected [-1,13], got [1,10]']);
  });

  test('expected signature: by name, exact shapes, dtypes', () => {
    expect(
      compareExpectedSignature(sig, {
        inputs: [{ name: 'features', shape: [null, 11], dtype: 'float32' }],
        outputs: [{ name: 'prob' }],
      }),
    ).toEqual([
      'input "features": expected shape [-1,11], the model declares [-1,13]',
      'output "prob" is missing (the model\'s outputs: p)',
    ]);
    expect(
      compareExpectedSignature(sig, { inputs: [{ shape: [-1, 13] }], outputs: [{ dtype: 'float32' }] }),
    ).toEqual([]);
  });
});

describe('golden files', () => {
  test('round trip keeps NaN, ±Inf, dtypes and shapes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'model-ci-golden-'));
    try {
      const file = join(dir, 'sub', 'golden.json');
      const outputs = { y: fromNumbers('float32', [2, 2], [0.1, NaN, Infinity, -Infinity]) };
      const inputs = { x: fromNumbers('int64', [2, 1], [3, 4]) };
      writeGolden(file, { schema: GOLDEN_SCHEMA_ID, model: 'm.onnx', backend: 'wasm', inputs, outputs });
      expect(readFileSync(file, 'utf8')).toBe(
        [
          '{',
          '  "schema": "model-ci/smoke-golden@1",',
          '  "model": "m.onnx",',
          '  "backend": "wasm",',
          '  "inputs": {',
          '    "x": {"dtype":"int64","shape":[2,1],"data":[3,4]}',
          '  },',
          '  "outputs": {',
          '    "y": {"dtype":"float32","shape":[2,2],"data":[0.10000000149011612,null,"Infinity","-Infinity"]}',
          '  }',
          '}',
          '',
        ].join('\n'),
      );
      const g = readGolden(file);
      expect(g.inputs).toEqual(inputs);
      expect(g.outputs).toEqual(outputs);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a missing golden file says how to record one', () => {
    expect(() => readGolden('nope/golden.json')).toThrow(
      new InputError(
        'smoke: golden file "nope/golden.json" does not exist; record it with recordGolden (--record-golden)',
      ),
    );
  });

  test('a golden file whose data does not fit its shape', () => {
    const dir = mkdtempSync(join(tmpdir(), 'model-ci-golden-'));
    try {
      const file = join(dir, 'g.json');
      writeFileSync(
        file,
        JSON.stringify({
          schema: GOLDEN_SCHEMA_ID,
          rows: [],
          outputs: { y: { dtype: 'float32', shape: [2], data: [1] } },
        }),
      );
      expect(() => readGolden(file)).toThrow(
        new DataFormatError({ file }, 'outputs.y: shape [2] needs 2 values, data has 1'),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('HTTP helpers', () => {
  test("Python's NaN/Infinity tokens are accepted outside strings", () => {
    expect(parseLenientJson('{"outputs": [[NaN], [Infinity], [-Infinity], ["NaN"]]}', 'u')).toEqual({
      outputs: [[NaN], [Infinity], [-Infinity], ['NaN']],
    });
  });

  test.each([
    [{ outputs: [[0.1], [0.2]] }, undefined],
    [{ predictions: [0.1, 0.2] }, undefined],
    [[0.1, 0.2], undefined],
    [{ scores: [0.1, 0.2] }, 'scores'],
  ])('outputs from %j', (body, key) => {
    expect(toNumbers(outputsFromResponse(body, key, 'u'))).toEqual([0.1, 0.2]);
  });
});

describe('option validation', () => {
  test.each<[SmokeOptions, string]>([
    [
      { model: 'm', url: 'http://x' },
      'smoke: url = "m"; expected exactly one of model (a file) and url (an HTTP endpoint)',
    ],
    [{}, 'smoke: model = undefined; expected exactly one of model (a file) and url (an HTTP endpoint)'],
    [{ model: 'm', runs: 0 }, 'smoke: runs = 0; expected an integer ≥ 1 and ≤ 100000'],
    [{ model: 'm', atol: -1 }, 'smoke: atol = -1; expected a number ≥ 0'],
    [{ model: 'm', latencyP95Ms: 0 }, 'smoke: latency-p95-ms = 0; expected a number > 0'],
    [
      { model: 'm', backend: 'wasn' as never },
      'smoke: backend = "wasn"; expected one of auto, tfjs-node, wasm, cpu, onnxruntime-node, onnxruntime-web (did you mean "wasm"?)',
    ],
    [
      { model: 'm', recordGolden: true },
      'smoke: golden = undefined; expected a file path when recordGolden is true',
    ],
    [
      { url: 'http://x', startCommand: 'python serve.py' as never },
      'smoke: start = "python serve.py"; expected a non-empty argv array such as ["python", "serve.py"] (no shell)',
    ],
    [
      { url: 'ftp://x' },
      'smoke: url = "ftp://x"; expected an http(s) URL such as http://127.0.0.1:8000/predict',
    ],
    [{ model: 'm', golden_file: 'g' } as never, 'smoke: unknown option "golden_file"'],
    [{ model: 'm', goldn: 'g' } as never, 'smoke: unknown option "goldn" (did you mean "golden"?)'],
    [
      { model: 'm', expectedSignature: { inputs: [{ shape: [-1.5] }] } as never },
      'smoke: expected-signature.inputs[0].shape = [-1.5]; expected an array of integers (-1 or null for a dynamic axis)',
    ],
  ])('%j', (options, message) => {
    expect(() => validateSmokeOptions(options)).toThrow(new InputError(message));
  });

  test('defaults are filled in', () => {
    expect(validateSmokeOptions({ model: 'm' })).toMatchObject({
      atol: 1e-5,
      rtol: 1e-4,
      runs: 30,
      warmup: 3,
      batch: 32,
      backend: 'auto',
    });
  });
});
