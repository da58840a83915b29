import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../src/checks/smoke/http.js';
import { readResultFile } from '../../src/core/validate-result.js';
import { demoBase, httpGolden, workspace } from '../checks/image/fixtures.js';
import { cli } from '../helpers/cli.js';
import { ROOT } from '../helpers/run-bundle.js';

/** The serving app as `model-ci image --emit` writes it, for the demo model. */
let app: string;
let ws: string;
const children: ChildProcess[] = [];

beforeAll(async () => {
  ws = workspace(demoBase());
  const run = await cli(
    [
      'image',
      '--model',
      'model/model.json',
      '--repository',
      'localhost/demo/churn',
      '--base',
      'oci:base:node',
      '--emit',
      'app',
      '--cache-dir',
      mkdtempSync(join(tmpdir(), 'cache-')),
    ],
    ws,
  );
  expect(run.code).toBe(0);
  app = join(ws, 'app');
});
afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
});

interface Server {
  port: number;
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

async function start(env: Record<string, string> = {}, dir = app): Promise<Server> {
  const port = await freePort();
  const child = spawn(process.execPath, [join(dir, 'server.js')], {
    env: { PATH: process.env.PATH, PORT: String(port), HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  child.stdout!.on('data', (c) => (out += c));
  child.stderr!.on('data', (c) => (out += c));
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  for (let i = 0; i < 200 && !out.includes('"listening"'); i++) await new Promise((r) => setTimeout(r, 50));
  if (!out.includes('"listening"')) throw new Error(`server did not start: ${out}`);
  return { port, child, output: () => out, exited };
}

function request(
  port: number,
  method: string,
  path: string,
  body?: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, method, path, headers: { 'content-type': 'application/json', ...headers } },
      (res) => {
        let text = '';
        res.on('data', (c) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text, headers: res.headers }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const row = (v = 0) => Array.from({ length: 13 }, () => v);

describe('the serving app (--emit folder, node server.js)', () => {
  test('the emitted folder is the app layer: server.js, its chunks, the TF.js wasm runtime and the model', () => {
    const files = readdirSync(app);
    expect(files).toEqual(
      expect.arrayContaining([
        'server.js',
        'package.json',
        'tfjs-backend-wasm.wasm',
        'tfjs-backend-wasm-simd.wasm',
        'model',
      ]),
    );
    expect(files).not.toContain('ort-wasm-simd-threaded.wasm');
    expect(readdirSync(join(app, 'model')).sort()).toEqual(['model.json', 'weights.bin']);
  });

  test("the smoke check's HTTP mode passes against it with the demo's golden outputs", async () => {
    const golden = httpGolden(mkdtempSync(join(tmpdir(), 'golden-')));
    const run = await cli(
      [
        'smoke',
        '--url',
        'http://127.0.0.1:{port}/predict',
        '--start',
        `'${process.execPath}' '${join(app, 'server.js')}'`,
        '--golden',
        golden,
        '--runs',
        '5',
        '--batch',
        '8',
        '--out',
        'smoke.json',
      ],
      ws,
    );
    expect(run.stderr).not.toMatch(/error/);
    expect(run.code).toBe(0);
    const r = readResultFile(join(ws, 'smoke.json'));
    const checks = Object.fromEntries(
      (r.details.checks as { name: string; status: string }[]).map((c) => [c.name, c.status]),
    );
    expect(checks).toMatchObject({
      loads: 'pass',
      signature: 'pass',
      finite: 'pass',
      deterministic: 'pass',
      golden: 'pass',
    });
  });

  test('inputs are checked against the signature: clear 4xx answers, counted in /metrics; logs hold no payload', async () => {
    const s = await start();
    const ok = await request(
      s.port,
      'POST',
      '/predict',
      JSON.stringify({ inputs: [row(0.123456789), row(1)] }),
      { 'x-request-id': 'req-1' },
    );
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body).outputs).toHaveLength(2);
    expect(ok.headers['x-request-id']).toBe('req-1');
    const cases: [string, number, string][] = [
      ['{"inputs": [[1, 2, 3]]}', 422, 'inputs[0]: expected 13 values, got 3'],
      [
        '{"inputs": [[1,2,3,4,5,6,7,8,9,10,11,12,"x"]]}',
        422,
        'inputs[0][12]: expected a number, got a string',
      ],
      ['{"inputs": [[1,2,3,4,5,6,7,8,9,10,11,12,null]]}', 422, 'inputs[0][12]: expected a number, got null'],
      ['{"inputs": []}', 422, 'inputs: expected at least one row'],
      ['{"rows": []}', 422, 'expected a JSON object {"inputs": [rows]}'],
      ['{"inputs": [', 400, 'body is not JSON'],
    ];
    for (const [body, status, message] of cases) {
      const r = await request(s.port, 'POST', '/predict', body);
      expect([r.status, JSON.parse(r.body).error.message]).toEqual([
        status,
        expect.stringContaining(message),
      ]);
    }
    const big = await request(
      s.port,
      'POST',
      '/predict',
      JSON.stringify({ inputs: Array.from({ length: 20000 }, () => row(1)) }),
    );
    expect(big.status).toBe(413);
    expect((await request(s.port, 'GET', '/nope')).status).toBe(404);
    expect((await request(s.port, 'GET', '/predict')).status).toBe(405);
    const health = JSON.parse((await request(s.port, 'GET', '/health')).body);
    expect(health).toMatchObject({
      status: 'ok',
      model: {
        format: 'tfjs-layers',
        backend: 'wasm',
        digest: expect.stringMatching(/^sha256:[0-9a-f]{64}$/),
      },
    });
    const metrics = (await request(s.port, 'GET', '/metrics')).body;
    expect(metrics).toMatch(/^http_requests_total\{method="POST",route="\/predict",status="200"\} 1$/m);
    expect(metrics).toMatch(/^http_requests_total\{method="POST",route="\/predict",status="422"\} 5$/m);
    expect(metrics).toMatch(/^model_prediction_errors_total\{route="\/predict",reason="invalid_shape"\} 1$/m);
    expect(metrics).toMatch(/^model_predicted_rows_total 2$/m);
    expect(metrics).toMatch(
      /^http_request_duration_seconds_bucket\{le="0.1",method="POST",route="\/predict",status="200"\} 1$/m,
    );
    expect(metrics).toContain(
      `model_info{name="model",version="unversioned",digest="${health.model.digest}",format="tfjs-layers",backend="wasm"} 1`,
    );
    s.child.kill('SIGTERM');
    expect(await s.exited).toBe(0);
    const lines = s
      .output()
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const first = lines.find((l) => l.request_id === 'req-1')!;
    expect(first).toMatchObject({
      msg: 'request',
      method: 'POST',
      path: '/predict',
      status: 200,
      rows: 2,
      remote_addr: '[redacted]',
      user_agent: '[redacted]',
    });
    expect(first).not.toHaveProperty('inputs');
    expect(s.output()).not.toContain('0.123456789');
    expect(lines.at(-1)).toMatchObject({ msg: 'shutdown', reason: 'SIGTERM' });
  });

  test('LOG_PAYLOADS=1 logs inputs and outputs, with LOG_REDACT fields redacted', async () => {
    const s = await start({ LOG_PAYLOADS: '1', LOG_REDACT: 'user_agent' });
    await request(s.port, 'POST', '/predict', JSON.stringify({ inputs: [row(0.5)] }));
    s.child.kill('SIGTERM');
    await s.exited;
    const line = s
      .output()
      .split('\n')
      .map((l) => (l ? JSON.parse(l) : {}))
      .find((l) => l.msg === 'request');
    expect(line.inputs).toEqual([row(0.5)]);
    expect(line.outputs).toHaveLength(1);
    expect(line.remote_addr).toBe('127.0.0.1');
    expect(line.user_agent).toBe('[redacted]');
  });

  test('SIGTERM lets a request in flight finish, then exits 0', async () => {
    const s = await start();
    const body = JSON.stringify({ inputs: [row(2)] });
    const answer = new Promise<number>((resolve, reject) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port: s.port,
          method: 'POST',
          path: '/predict',
          headers: { 'content-type': 'application/json', 'content-length': String(body.length) },
        },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        },
      );
      req.on('error', reject);
      req.write(body.slice(0, 10));
      setTimeout(() => {
        s.child.kill('SIGTERM');
        setTimeout(() => req.end(body.slice(10)), 300);
      }, 200);
    });
    expect(await answer).toBe(200);
    expect(await s.exited).toBe(0);
    expect(s.output()).toContain('"msg":"shutdown","reason":"SIGTERM","in_flight":1');
  });

  test('bad settings stop it with one line naming the variable', async () => {
    const child = spawn(process.execPath, [join(app, 'server.js')], {
      env: { PATH: process.env.PATH, PORT: 'eighty' },
    });
    let out = '';
    child.stdout.on('data', (c) => (out += c));
    const code = await new Promise<number | null>((r) => child.on('exit', r));
    expect(code).toBe(2);
    expect(JSON.parse(out.trim())).toMatchObject({
      level: 'error',
      msg: 'PORT: expected an integer from 0 to 65535, got "eighty"',
    });
  });

  test('an ONNX model is served with onnxruntime-web from the emitted folder', async () => {
    const onnxWs = workspace(demoBase());
    const { cpSync } = await import('node:fs');
    cpSync(join(ROOT, 'test/fixtures/models/linear-sigmoid.onnx'), join(onnxWs, 'model', 'linear.onnx'));
    const run = await cli(
      [
        'image',
        '--model',
        'model/linear.onnx',
        '--repository',
        'localhost/demo/onnx',
        '--base',
        'oci:base:node',
        '--emit',
        'app',
        '--cache-dir',
        mkdtempSync(join(tmpdir(), 'cache-')),
      ],
      onnxWs,
    );
    expect(run.code).toBe(0);
    expect(readdirSync(join(onnxWs, 'app'))).toContain('ort-wasm-simd-threaded.wasm');
    expect(readdirSync(join(onnxWs, 'app'))).not.toContain('tfjs-backend-wasm.wasm');
    const s = await start({}, join(onnxWs, 'app'));
    const health = JSON.parse((await request(s.port, 'GET', '/health')).body);
    expect(health.model).toMatchObject({ format: 'onnx', backend: 'onnxruntime-web' });
    s.child.kill('SIGTERM');
    await s.exited;
  });
});
