/**
 * Hostile class 8 — inputs are checked before they are believed: NaN, null or ±Infinity in the rows a
 * smoke test sends is a failed `inputs` sub-check on every backend — TF.js on WebAssembly (which would
 * quietly give finite outputs) and on cpu, onnxruntime-web, an integer input (where NaN would become 0 or
 * crash the conversion), a golden file's inputs, and HTTP mode (checked before the server starts).
 */
import { describe, expect, test } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCase, table, type HostileCase, type Run } from './hostile.js';

const QUICK = ['--runs', '1', '--warmup', '0'];
const row13 = (bad: string) => `[[${[bad, ...Array.from({ length: 12 }, () => '0.5')].join(', ')}]]`;
const golden = JSON.parse(readFileSync(join('workflows-examples/demo/smoke/golden.json'), 'utf8'));
golden.inputs.features.data[5] = null;

/** The `inputs` sub-check failed with a finding naming the input and the first bad value. */
const inputsFail = (what: RegExp) => (run: Run, dir: string) => {
  expect(run.code).toBe(1);
  if (run.via === 'action bundle (Node 24)') {
    const f = run.commands.find((c) => c.properties.title === 'smoke/input-not-finite');
    expect(f?.message).toMatch(what);
    expect(run.outputs.status).toBe('fail');
  } else {
    expect(run.stdout).toMatch(/✘ Inference smoke test: fail — 1 of \d+ checks failed \(inputs\)/);
    expect(run.stdout).toMatch(what);
    const r = JSON.parse(readFileSync(join(dir, 'smoke.json'), 'utf8'));
    const inputs = r.details.checks.find((c: { name: string }) => c.name === 'inputs');
    expect(inputs.status).toBe('fail');
    expect(r.findings.map((f: { id: string }) => f.id)).toEqual(['smoke/input-not-finite']);
  }
};

const cases: HostileCase[] = [
  {
    name: 'TF.js on WebAssembly: a null in the JSON rows',
    demo: true,
    files: { 'in.json': row13('null') },
    args: [
      'smoke',
      '--model',
      'model/model.json',
      '--backend',
      'wasm',
      '--inputs',
      'in.json',
      ...QUICK,
      '--out',
      'smoke.json',
    ],
    action: { name: 'smoke', inputs: { model: 'model/model.json', backend: 'wasm', inputs: 'in.json' } },
    check: inputsFail(/input "features": 1 NaN or null of 13 values \(first at row 1, value 1\)/),
  },
  {
    name: 'TF.js on cpu: a null in the JSON rows',
    demo: true,
    files: { 'in.json': row13('null') },
    args: [
      'smoke',
      '--model',
      'model/model.json',
      '--backend',
      'cpu',
      '--inputs',
      'in.json',
      ...QUICK,
      '--out',
      'smoke.json',
    ],
    check: inputsFail(/input "features": 1 NaN or null of 13 values/),
  },
  {
    name: 'TF.js: NaN and ±inf cells in CSV rows',
    demo: true,
    files: {
      'in.csv':
        `${Array.from({ length: 13 }, (_, i) => `f${i}`).join(',')}\n` +
        `NaN,${Array.from({ length: 12 }, () => '1').join(',')}\n` +
        `1,inf,-inf,${Array.from({ length: 10 }, () => '1').join(',')}\n`,
    },
    args: ['smoke', '--model', 'model/model.json', '--inputs', 'in.csv', ...QUICK, '--out', 'smoke.json'],
    check: inputsFail(
      /input "features": 1 NaN or null and 2 ±Infinity of 26 values \(first at row 1, value 1\)/,
    ),
  },
  {
    name: 'onnxruntime-web: an infinite value in CSV rows',
    files: {
      'm.onnx': { copy: 'test/fixtures/models/linear-sigmoid.onnx' },
      'in.csv': 'a,b,c,d\n1,2,3,4\n1,2,Infinity,4\n',
    },
    args: [
      'smoke',
      '--model',
      'm.onnx',
      '--backend',
      'onnxruntime-web',
      '--inputs',
      'in.csv',
      ...QUICK,
      '--out',
      'smoke.json',
    ],
    action: { name: 'smoke', inputs: { model: 'm.onnx', inputs: 'in.csv' } },
    check: inputsFail(/input "x": 1 ±Infinity of 8 values \(first at row 2, value 3\)/),
  },
  {
    name: 'onnxruntime-web: a null in an int64 input (would have become 0, or crashed the conversion)',
    files: {
      'm.onnx': { copy: 'test/fixtures/models/int-input.onnx' },
      'in.json': '[[1, 2, 3], [4, null, 6]]',
    },
    args: ['smoke', '--model', 'm.onnx', '--inputs', 'in.json', ...QUICK, '--out', 'smoke.json'],
    check: inputsFail(/input "ids": 1 NaN or null of 6 values \(first at row 2, value 2\)/),
  },
  {
    name: 'a golden file whose inputs hold a null',
    demo: true,
    files: { 'g.json': JSON.stringify(golden) },
    args: ['smoke', '--model', 'model/model.json', '--golden', 'g.json', ...QUICK, '--out', 'smoke.json'],
    check: inputsFail(/input "features": 1 NaN or null of \d+ values \(first at row 1, value 6\)/),
  },
  {
    name: 'HTTP mode: null in the rows, refused before any server starts',
    files: { 'rows.json': '[[1, 2], [3, null]]' },
    args: ['smoke', '--url', 'http://127.0.0.1:9/predict', '--inputs', 'rows.json', '--out', 'smoke.json'],
    action: { name: 'smoke', inputs: { url: 'http://127.0.0.1:9/predict', inputs: 'rows.json' } },
    check: inputsFail(/1 of 2 rows hold null, NaN or ±Infinity \(first: row 2\)/),
  },
  {
    name: 'HTTP mode: an empty CSV cell becomes null and is refused',
    files: { 'rows.csv': 'a,b\n1,2\n3,\n' },
    args: [
      'smoke',
      '--url',
      'http://127.0.0.1:9/predict',
      '--inputs',
      'rows.csv',
      '--columns',
      'a,b',
      '--out',
      'smoke.json',
    ],
    check: inputsFail(/1 of 2 rows hold null, NaN or ±Infinity \(first: row 2\)/),
  },
];

describe('hostile class: smoke inputs that are not finite numbers', () => {
  test.each(table(cases))('%s', async (_label, c, way) => {
    await runCase(c, way);
  });
});
