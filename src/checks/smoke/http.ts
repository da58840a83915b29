/**
 * HTTP mode of the smoke check: start the user's server (argv array, no shell, own process group), wait until
 * its health endpoint answers 2xx, send JSON requests, and always stop the whole process group afterwards.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { createServer } from 'node:net';
import { DataFormatError } from '../../core/errors.js';
import { nestedToTensor } from './inputs.js';
import type { HostTensor } from '../../model/types.js';

/** A free TCP port on 127.0.0.1 (the OS picks it; the tiny race until the server binds is accepted). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

/** Longest server output line kept (the rest is cut), and the largest HTTP response body read. */
const MAX_OUTPUT_LINE = 4096;
export const MAX_RESPONSE_BYTES = 64 * 1024 * 1024;

export interface ServerProcess {
  pid: number | undefined;
  /** The last `keepLines` lines the server wrote to stdout and stderr, interleaved as they arrived. */
  lastOutput(): string[];
  /** Set once the process has exited (or failed to spawn). */
  exit(): { code: number | null; signal: string | null; error?: string } | undefined;
  /** Linux: the process's peak resident set size in MiB (VmHWM), while it runs. */
  peakRssMb(): number | undefined;
  /** Stop the process group: SIGTERM, then SIGKILL after `graceMs`. Safe to call twice. */
  stop(graceMs?: number): Promise<void>;
}

/**
 * Spawn `argv` without a shell in a new process group, capturing its output.
 * @param keepLines how many trailing output lines to keep (default 20)
 */
export function startServerProcess(
  argv: readonly string[],
  options: { cwd?: string; env?: Record<string, string>; keepLines?: number } = {},
): ServerProcess {
  const keep = options.keepLines ?? 20;
  const lines: string[] = [];
  const partial: Record<'out' | 'err', string> = { out: '', err: '' };
  let exitInfo: { code: number | null; signal: string | null; error?: string } | undefined;
  const push = (line: string) => {
    lines.push(line);
    if (lines.length > keep) lines.shift();
  };
  const child: ChildProcess = spawn(argv[0], argv.slice(1), {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    detached: true, // its own process group, so stop() reaches grandchildren (e.g. uvicorn workers)
    stdio: ['ignore', 'pipe', 'pipe'],
    shell: false,
  });
  // A server that writes without line breaks must not grow memory without bound: lines are cut.
  const clip = (line: string) =>
    line.length > MAX_OUTPUT_LINE
      ? `${line.slice(0, MAX_OUTPUT_LINE)} … (line cut at ${MAX_OUTPUT_LINE} characters)`
      : line;
  const onData = (which: 'out' | 'err') => (chunk: Buffer) => {
    const text = partial[which] + chunk.toString('utf8');
    const parts = text.split(/\r?\n/);
    partial[which] = (parts.pop() ?? '').slice(0, MAX_OUTPUT_LINE + 1);
    for (const p of parts) push(clip(p));
  };
  child.stdout?.on('data', onData('out'));
  child.stderr?.on('data', onData('err'));
  const exited = new Promise<void>((resolve) => {
    child.on('error', (err) => {
      exitInfo ??= { code: null, signal: null, error: err.message };
      resolve();
    });
    child.on('exit', (code, signal) => {
      exitInfo ??= { code, signal };
      resolve();
    });
  });
  const groupAlive = (pid: number | undefined): boolean => {
    if (pid === undefined) return false;
    try {
      process.kill(-pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  const killGroup = (signal: NodeJS.Signals) => {
    if (child.pid === undefined) return;
    try {
      process.kill(-child.pid, signal);
    } catch {
      try {
        child.kill(signal);
      } catch {
        // already gone
      }
    }
  };
  // If model-ci itself exits early, do not leave the server behind.
  const onExit = () => killGroup('SIGKILL');
  process.once('exit', onExit);
  let stopping: Promise<void> | undefined;
  return {
    pid: child.pid,
    lastOutput: () =>
      [...lines, ...(['out', 'err'] as const).map((w) => clip(partial[w])).filter((p) => p !== '')].slice(
        -keep,
      ),
    exit: () => exitInfo,
    peakRssMb() {
      if (child.pid === undefined || exitInfo) return undefined;
      try {
        const m = /VmHWM:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        return m ? Number(m[1]) / 1024 : undefined;
      } catch {
        return undefined;
      }
    },
    stop(graceMs = 3000) {
      stopping ??= (async () => {
        process.removeListener('exit', onExit);
        if (!exitInfo) {
          killGroup('SIGTERM');
          const timer = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), graceMs).unref());
          if ((await Promise.race([exited.then(() => 'exited' as const), timer])) === 'timeout') {
            killGroup('SIGKILL');
            await exited;
          }
        }
        // Grandchildren may outlive the leader; the group gets a last SIGKILL either way, and stop() returns
        // only once no process of the group is left (or after 2 s), so "stopped" means stopped.
        killGroup('SIGKILL');
        for (let waited = 0; waited < 2000 && groupAlive(child.pid); waited += 20) {
          await new Promise((r) => setTimeout(r, 20));
        }
        child.stdout?.destroy();
        child.stderr?.destroy();
      })();
      return stopping;
    },
  };
}

export interface HttpResponse {
  status: number;
  text: string;
  ms: number;
}

/** One HTTP request with a timeout; keep-alive through `agent`. Rejects on network errors and timeouts. */
export function httpRequest(
  url: string,
  init: {
    method?: string;
    body?: string;
    headers?: Record<string, string>;
    timeoutMs: number;
    agent?: http.Agent;
  },
): Promise<HttpResponse> {
  const u = new URL(url);
  const lib = u.protocol === 'https:' ? https : http;
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const req = lib.request(
      u,
      {
        method: init.method ?? 'GET',
        headers: {
          ...(init.body !== undefined
            ? { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(init.body)) }
            : {}),
          accept: 'application/json',
          ...init.headers,
        },
        agent: init.agent,
        timeout: init.timeoutMs,
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          size += c.length;
          if (size > MAX_RESPONSE_BYTES) {
            req.destroy(new Error(`the response is larger than ${MAX_RESPONSE_BYTES} bytes`));
            return;
          }
          chunks.push(c);
        });
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            text: Buffer.concat(chunks).toString('utf8'),
            ms: performance.now() - t0,
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no response within ${init.timeoutMs} ms`)));
    req.on('error', reject);
    req.end(init.body);
  });
}

export type HealthResult = { ok: true; ms: number } | { ok: false; reason: string };

/**
 * Poll `healthUrl` until it answers 2xx, the server process exits, or `timeoutMs` passes.
 * Polls every 100 ms at first, backing off to 500 ms.
 */
export async function waitHealthy(
  healthUrl: string,
  timeoutMs: number,
  server: ServerProcess | undefined,
  agent?: http.Agent,
): Promise<HealthResult> {
  const t0 = performance.now();
  let delay = 100;
  let last = 'no answer yet';
  for (;;) {
    const exit = server?.exit();
    if (exit) {
      const how = exit.error
        ? `could not start (${exit.error})`
        : `exited with ${exit.signal ? `signal ${exit.signal}` : `code ${exit.code}`}`;
      return { ok: false, reason: `server ${how} before ${healthUrl} answered` };
    }
    const left = timeoutMs - (performance.now() - t0);
    if (left <= 0)
      return { ok: false, reason: `${healthUrl} did not answer 2xx within ${timeoutMs} ms (last: ${last})` };
    try {
      const res = await httpRequest(healthUrl, { timeoutMs: Math.max(50, Math.min(2000, left)), agent });
      if (res.status >= 200 && res.status < 300) return { ok: true, ms: performance.now() - t0 };
      last = `HTTP ${res.status}`;
    } catch (err) {
      last = (err as Error).message || (err as { code?: string }).code || String(err);
    }
    await new Promise((r) =>
      setTimeout(r, Math.min(delay, Math.max(0, timeoutMs - (performance.now() - t0)))),
    );
    delay = Math.min(500, delay * 1.5);
  }
}

/**
 * JSON.parse that also accepts the bare `NaN`, `Infinity` and `-Infinity` tokens Python's json module writes
 * (FastAPI/Flask servers returning float('nan')). They become NaN/±Infinity in the result.
 */
export function parseLenientJson(text: string, where: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    // fall through to the lenient pass
  }
  let out = '';
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      out += c;
      if (c === '\\') out += text[++i] ?? '';
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') {
      inString = true;
      out += c;
      continue;
    }
    const token = ['-Infinity', 'Infinity', 'NaN'].find((t) => text.startsWith(t, i));
    if (token) {
      out += JSON.stringify(`\u0000${token}`);
      i += token.length - 1;
      continue;
    }
    out += c;
  }
  try {
    return JSON.parse(out, (_k, v: unknown) =>
      typeof v === 'string' && v.startsWith('\u0000') ? Number(v.slice(1)) : v,
    );
  } catch {
    throw new DataFormatError({ file: where }, `response is not JSON: ${JSON.stringify(text.slice(0, 200))}`);
  }
}

/**
 * The outputs in a prediction response: `body[responseKey]` when a key is configured, else `outputs`,
 * `predictions`, or the body itself when it is an array. Nested numbers become a float64 tensor
 * (null -> NaN) whose first axis must be one entry per input row.
 */
export function outputsFromResponse(
  body: unknown,
  responseKey: string | undefined,
  where: string,
): HostTensor {
  let value: unknown;
  if (responseKey !== undefined) {
    if (typeof body !== 'object' || body === null || !(responseKey in body)) {
      throw new DataFormatError({ file: where }, `response has no "${responseKey}" key`);
    }
    value = (body as Record<string, unknown>)[responseKey];
  } else if (Array.isArray(body)) value = body;
  else if (typeof body === 'object' && body !== null && ('outputs' in body || 'predictions' in body)) {
    const b = body as Record<string, unknown>;
    value = 'outputs' in b ? b.outputs : b.predictions;
  } else {
    throw new DataFormatError(
      { file: where },
      'response must be a JSON array or an object with "outputs" or "predictions" (set responseKey)',
    );
  }
  if (!Array.isArray(value))
    throw new DataFormatError({ file: where }, 'outputs must be a JSON array with one entry per input row');
  return nestedToTensor(value, 'float64', where);
}
