import { describe, test, expect, afterAll, beforeAll } from '@jest/globals';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CheckOutcome } from '../../../src/core/result.js';
import { runSmoke } from '../../../src/checks/smoke/smoke.js';
import type { SubCheck } from '../../../src/checks/smoke/record.js';

const SERVER = 'test/checks/smoke/fixtures/server.mjs';
const tmp = mkdtempSync(join(tmpdir(), 'model-ci-http-'));
const rowsFile = join(tmp, 'rows.json');
writeFileSync(
  rowsFile,
  JSON.stringify({
    inputs: [
      [0.1, 0.2],
      [1, -1],
      [3, 4],
    ],
  }),
);
const quick = { runs: 5, warmup: 1, batch: 4, inputs: rowsFile };

function checks(r: CheckOutcome): Record<string, SubCheck['status']> {
  return Object.fromEntries((r.details!.checks as SubCheck[]).map((c) => [c.name, c.status]));
}

/** Whether a process still runs (a zombie waiting for its reaper counts as stopped). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

/** An in-process server on 127.0.0.1:0 whose /predict behaviour each test picks through `mode`. */
let mode: 'ok' | 'nan' | 'error' = 'ok';
let server: http.Server;
let base = '';
beforeAll(async () => {
  server = http.createServer((req, res) => {
    if (req.url === '/health') {
      res.end('ok');
      return;
    }
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      if (mode === 'error') {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end('{"detail": "model not loaded"}');
        return;
      }
      const { instances } = JSON.parse(body) as { instances: number[][] };
      const preds = instances.map((r) => (mode === 'nan' && r[0] > 2 ? 'NaN' : String(r[0] * 2 + r[1])));
      res.writeHead(200, { 'content-type': 'application/json' });
      // Python's json.dumps style, bare NaN included.
      res.end(`{"predictions": [${preds.join(', ')}]}`);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
  rmSync(tmp, { recursive: true, force: true });
});

describe('HTTP mode against a running server', () => {
  test('passes, records a golden file, then matches it', async () => {
    mode = 'ok';
    const golden = join(tmp, 'http-golden.json');
    const opts = {
      url: `${base}/v1/predict`,
      requestKey: 'instances',
      responseKey: 'predictions',
      golden,
      ...quick,
    };
    const rec = await runSmoke({ ...opts, recordGolden: true });
    expect(rec.status).toBe('pass');
    const r = await runSmoke(opts);
    expect(r.status).toBe('pass');
    expect(checks(r)).toEqual({
      inputs: 'pass',
      loads: 'pass',
      signature: 'pass',
      finite: 'pass',
      deterministic: 'pass',
      golden: 'pass',
      latency: 'pass',
      throughput: 'pass',
    });
    expect(r.details!.backend).toBe('http');
    expect(r.details!.health).toBe(`${base}/health`);
    expect(Object.keys(r.metrics!).sort()).toEqual([
      'latency_p50_ms',
      'latency_p95_ms',
      'latency_p99_ms',
      'load_ms',
      'throughput_per_s',
    ]);
  });

  test('a bare NaN in the response fails "finite"', async () => {
    mode = 'nan';
    const r = await runSmoke({ url: `${base}/predict`, requestKey: 'instances', ...quick });
    expect(r.findings).toEqual([
      {
        id: 'smoke/non-finite-output',
        severity: 'error',
        message: 'output "outputs": 1 NaN of 3 values (first at flat index 2)',
      },
    ]);
  });

  test('an HTTP 500 fails "inference" with the status and body', async () => {
    mode = 'error';
    const r = await runSmoke({ url: `${base}/predict`, requestKey: 'instances', ...quick });
    expect(r.status).toBe('fail');
    expect(r.findings).toEqual([
      {
        id: 'smoke/request-failed',
        severity: 'error',
        message: `POST ${base}/predict answered HTTP 500: {"detail": "model not loaded"}`,
      },
    ]);
  });
});

describe('HTTP mode with a start command', () => {
  test('starts the server on a free {port}, checks it, and stops it', async () => {
    const r = await runSmoke({
      url: 'http://127.0.0.1:{port}/predict',
      startCommand: [process.execPath, SERVER, 'ok', '{port}'],
      expectedSignature: { inputs: [{ shape: [-1, 3] }] },
      runs: 5,
      warmup: 1,
      batch: 4,
    });
    expect(r.status).toBe('pass');
    expect(r.details!.inputs).toEqual({ source: 'generated', rows: 4 });
    const srv = r.details!.server as { pid: number; exit: { code: number | null; signal: string | null } };
    expect(srv.exit).toEqual({ code: null, signal: 'SIGTERM' });
    expect(alive(srv.pid)).toBe(false);
    expect(r.metrics!.peak_rss_mb).toBeGreaterThan(1); // the server's VmHWM, read from /proc
  });

  test('a server that never becomes healthy: timeout and its last 20 lines; the whole group is stopped', async () => {
    // Through sh, so the server is a grandchild: only killing the process group stops it.
    const r = await runSmoke({
      url: 'http://127.0.0.1:{port}/predict',
      startCommand: [
        'sh',
        '-c',
        `exec_node() { "${process.execPath}" "$@"; }; exec_node ${SERVER} never-healthy $PORT; echo done`,
      ],
      startTimeoutMs: 1500,
      ...quick,
    });
    expect(r.status).toBe('fail');
    expect(checks(r)).toEqual({ inputs: 'pass', loads: 'fail' });
    const f = r.findings![0];
    expect(f.id).toBe('smoke/server-not-healthy');
    // The server's lines follow the reason on the same line, made visible and joined by ⏎.
    const [first, ...lines] = f.message.split(/(?<=output:) | ⏎ /);
    expect(first).toMatch(
      /^http:\/\/127\.0\.0\.1:\d+\/health did not answer 2xx within 1500 ms \(last: HTTP 503\); last 20 lines of its output:$/,
    );
    expect(lines).toHaveLength(20);
    expect(lines[0]).toBe('warming up step 7');
    expect(lines[18]).toBe('warming up step 25');
    expect(lines[19]).toMatch(/^listening on \d+ \(pid \d+\)$/);
    const pid = Number(/pid (\d+)/.exec(lines[19])![1]);
    expect(alive(pid)).toBe(false);
    expect((r.details!.server as { lastOutput: string[] }).lastOutput).toEqual(lines);
  });

  test('a server that exits is reported at once with its exit code and output', async () => {
    const t0 = Date.now();
    const r = await runSmoke({
      url: 'http://127.0.0.1:{port}/predict',
      startCommand: [process.execPath, SERVER, 'crash'],
      startTimeoutMs: 30_000,
      ...quick,
    });
    expect(Date.now() - t0).toBeLessThan(10_000);
    const [first, ...lines] = r.findings![0].message.split(/(?<=output:) | ⏎ /);
    expect(first).toMatch(
      /^server exited with code 3 before http:\/\/127\.0\.0\.1:\d+\/health answered; last 2 lines of its output:$/,
    );
    expect(lines.sort()).toEqual(['error: model file not found', 'loading model...']);
  });

  test('a start command that does not exist', async () => {
    const r = await runSmoke({
      url: 'http://127.0.0.1:{port}/predict',
      startCommand: ['/nonexistent/serve'],
      startTimeoutMs: 5000,
      ...quick,
    });
    expect(r.findings![0].message).toMatch(
      /^server could not start \(spawn \/nonexistent\/serve ENOENT\) before http:\/\/127\.0\.0\.1:\d+\/health answered; last 0 lines of its output: \(none\)$/,
    );
  });
});
