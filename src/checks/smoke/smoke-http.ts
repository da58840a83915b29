/**
 * HTTP mode: start (optionally) and probe a prediction server. Contract (docs/smoke.md):
 * POST `url` with `{"<requestKey>": [row, ...]}`; a 2xx JSON answer holding one output per row, as
 * `{"outputs": [...]}`, `{"predictions": [...]}`, `{"<responseKey>": [...]}` or a bare array.
 */
import http from 'node:http';
import https from 'node:https';
import { InputError } from '../../core/errors.js';
import type { FileGuard } from '../../core/file-guard.js';
import type { Logger } from '../../core/logger.js';
import { visible } from '../../core/visible.js';
import { elementCount, formatShape, toNumbers } from '../../model/tensor.js';
import type { HostTensor } from '../../model/types.js';
import { GOLDEN_SCHEMA_ID, readGolden, writeGolden, type GoldenFile } from './golden.js';
import {
  freePort,
  httpRequest,
  outputsFromResponse,
  parseLenientJson,
  startServerProcess,
  waitHealthy,
  type ServerProcess,
} from './http.js';
import { nonFiniteRowProblems } from './input-values.js';
import { generateInputs, readHttpRows } from './inputs.js';
import { summarizeLatency, throughputPerSecond, timeRuns } from './latency.js';
import type { SmokeDefaults, SmokeOptions } from './options.js';
import { checkBudgets, checkDeterministic, checkFinite, checkGolden } from './output-checks.js';
import { CheckLog, fmt } from './record.js';

type Options = SmokeOptions & SmokeDefaults & { url: string };

/** The largest request body HTTP mode builds (the throughput batch). */
const MAX_REQUEST_BYTES = 64 * 1024 * 1024;

export interface HttpModeResult {
  log: CheckLog;
  details: Record<string, unknown>;
  metrics: Record<string, number>;
}

class RequestFailed extends Error {}

/** A tensor's rows as nested JSON arrays (one entry per index of the first axis). */
export function tensorRows(t: HostTensor): unknown[] {
  const values = toNumbers(t);
  const build = (offset: number, dims: number[]): unknown => {
    if (dims.length === 0) return values[offset];
    const [d, ...rest] = dims;
    const step = elementCount(rest);
    return Array.from({ length: d }, (_, i) => build(offset + i * step, rest));
  };
  return build(0, t.shape) as unknown[];
}

function substitutePort<T>(value: T, port: string): T {
  if (typeof value === 'string') return value.replaceAll('{port}', port) as T;
  if (Array.isArray(value)) return value.map((v) => substitutePort(v, port)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitutePort(v, port)])) as T;
  }
  return value;
}

export async function runHttpMode(
  o: Options,
  deps: { logger: Logger; now: () => number; files?: FileGuard },
): Promise<HttpModeResult> {
  const { logger, now } = deps;
  const log = new CheckLog();
  const metrics: Record<string, number> = {};
  const details: Record<string, unknown> = { mode: 'http', backend: 'http' };

  // `{port}` anywhere in url, health, command or env: pick a free port and also export it as PORT.
  const usesPort = JSON.stringify([o.url, o.health, o.startCommand, o.startEnv]).includes('{port}');
  const port = usesPort ? String(await freePort()) : undefined;
  const url = port ? substitutePort(o.url, port) : o.url;
  const health = port ? substitutePort(o.health, port) : o.health;
  const argv = port ? substitutePort(o.startCommand, port) : o.startCommand;
  const env = { ...(port ? { PORT: port } : {}), ...(port ? substitutePort(o.startEnv, port) : o.startEnv) };
  const healthUrl =
    health === '' ? undefined : /^https?:\/\//.test(health) ? health : new URL(health, url).href;
  details.url = url;
  if (healthUrl) details.health = healthUrl;

  const golden: GoldenFile | undefined = o.golden && !o.recordGolden ? readGolden(o.golden) : undefined;
  let rows: unknown[];
  let source: string;
  if (o.inputs) {
    rows = await readHttpRows(o.inputs, o.columns);
    source = 'file';
  } else if (golden?.rows) {
    rows = golden.rows;
    source = 'golden';
  } else if (o.expectedSignature?.inputs?.[0]?.shape) {
    const e = o.expectedSignature.inputs[0];
    const spec = {
      name: e.name ?? 'inputs',
      dtype: e.dtype ?? 'float32',
      shape: e.shape!.map((d) => (d === null || d < 0 ? -1 : d)),
    };
    rows = tensorRows(generateInputs([spec], o.batch, o.seed).tensors[spec.name]);
    source = 'generated';
  } else {
    throw new InputError(
      'smoke: HTTP mode needs inputs (a JSON or CSV file) or expectedSignature.inputs[0].shape to generate rows from',
    );
  }
  details.inputs = { source, rows: rows.length };
  // The throughput request repeats rows up to the batch size: bound its body before building it.
  const rowBytes = Math.max(...rows.slice(0, 100).map((r) => JSON.stringify(r)?.length ?? 4));
  if (rowBytes * o.batch > MAX_REQUEST_BYTES)
    throw new InputError(
      `smoke: ${o.batch} rows of up to ${rowBytes} bytes would make a request body over the limit of ${MAX_REQUEST_BYTES} bytes; lower batch (--batch)`,
    );
  const inputProblems =
    source === 'golden' && golden?.inputProblems ? golden.inputProblems : nonFiniteRowProblems(rows);
  if (!inputProblems.length) log.pass('inputs', `${rows.length} rows (${source}) of finite numbers or text`);
  else {
    log.fail('inputs', 'smoke/input-not-finite', inputProblems, {
      file: source === 'golden' ? o.golden : o.inputs,
    });
    for (const name of ['loads', 'finite', 'deterministic', 'latency', 'throughput'])
      log.skip(name, 'inputs are not finite numbers');
    return { log, details, metrics };
  }

  const agent = url.startsWith('https:')
    ? new https.Agent({ keepAlive: true })
    : new http.Agent({ keepAlive: true });
  let server: ServerProcess | undefined;
  const t0 = now();
  try {
    if (argv) {
      server = startServerProcess(argv, { cwd: o.startCwd, env });
      details.server = { command: argv, pid: server.pid };
    }
    if (healthUrl) {
      const h = await logger.group(`Wait for ${healthUrl}`, () =>
        waitHealthy(healthUrl, o.startTimeoutMs, server, agent),
      );
      if (!h.ok) {
        const output = server?.lastOutput() ?? [];
        details.server = { ...(details.server as object), lastOutput: output };
        const last = `last ${output.length} line${output.length === 1 ? '' : 's'} of its output`;
        // The server's output is foreign text: echoed so that no line of it can act as a runner command.
        if (server && output.length) logger.foreign(`The server's ${last}:`, output.join('\n'));
        log.fail(
          'loads',
          'smoke/server-not-healthy',
          `${h.reason}${server ? `; ${last}:${output.length ? ' ' + output.map(visible).join(' ⏎ ') : ' (none)'}` : ''}`,
        );
        return { log, details, metrics };
      }
      metrics.load_ms = now() - t0;
      log.pass('loads', `server healthy at ${healthUrl} after ${fmt(metrics.load_ms)} ms`);
    } else log.skip('loads', 'no health endpoint configured');

    const send = async (batch: unknown[]): Promise<HostTensor> => {
      let res;
      try {
        res = await httpRequest(url, {
          method: 'POST',
          body: JSON.stringify({ [o.requestKey]: batch }),
          headers: o.headers,
          timeoutMs: o.requestTimeoutMs,
          agent,
        });
      } catch (err) {
        throw new RequestFailed(`POST ${url} failed: ${(err as Error).message}`);
      }
      if (res.status < 200 || res.status >= 300) {
        throw new RequestFailed(
          `POST ${url} answered HTTP ${res.status}: ${res.text.replace(/\s+/g, ' ').slice(0, 300)}`,
        );
      }
      const t = outputsFromResponse(parseLenientJson(res.text, url), o.responseKey, url);
      if (t.shape[0] !== batch.length) {
        throw new RequestFailed(
          `POST ${url}: ${batch.length} rows sent, ${t.shape[0]} outputs returned (shape ${formatShape(t.shape)})`,
        );
      }
      return t;
    };

    let first: HostTensor;
    try {
      first = await send(rows);
    } catch (err) {
      if (!(err instanceof RequestFailed) && !(err instanceof Error && err.name === 'DataFormatError'))
        throw err;
      log.fail('inference', 'smoke/request-failed', (err as Error).message);
      return { log, details, metrics };
    }
    log.pass('signature', `${rows.length} rows in, outputs of shape ${formatShape(first.shape)} out`);
    const outs = { outputs: first };
    checkFinite(log, outs);
    checkDeterministic(log, outs, { outputs: await send(rows) });

    if (o.golden && o.recordGolden) {
      writeGolden(
        o.golden,
        { schema: GOLDEN_SCHEMA_ID, model: url, backend: 'http', rows, outputs: outs },
        deps.files,
      );
      log.pass('golden', `recorded outputs for ${rows.length} rows to ${o.golden}`);
      details.golden = { file: o.golden, recorded: true };
    } else if (golden && o.golden) {
      const gOut = source === 'golden' || !golden.rows ? first : await send(golden.rows);
      checkGolden(log, { outputs: gOut }, golden.outputs, o.atol, o.rtol, o.golden);
      details.golden = { file: o.golden, atol: o.atol, rtol: o.rtol };
    }

    const one = [rows[0]];
    const samples1 = await logger.group(
      `Latency: ${o.warmup} warm-up + ${o.runs} timed requests of 1 row`,
      () => timeRuns(() => send(one), o.warmup, o.runs, now),
    );
    const many = Array.from({ length: o.batch }, (_, i) => rows[i % rows.length]);
    const samplesB =
      o.batch > 1
        ? await logger.group(`Throughput: ${o.runs} timed requests of ${o.batch} rows`, () =>
            timeRuns(() => send(many), Math.min(o.warmup, 1), o.runs, now),
          )
        : samples1;
    const batch1 = summarizeLatency(samples1);
    const throughput = throughputPerSecond(samplesB, o.batch);
    metrics.latency_p50_ms = batch1.p50_ms;
    metrics.latency_p95_ms = batch1.p95_ms;
    metrics.latency_p99_ms = batch1.p99_ms;
    metrics.throughput_per_s = throughput;
    details.latency = {
      batch_1: { ...batch1, throughput_per_s: throughputPerSecond(samples1, 1) },
      ...(o.batch > 1
        ? { [`batch_${o.batch}`]: { ...summarizeLatency(samplesB), throughput_per_s: throughput } }
        : {}),
      warmup: o.warmup,
    };
    checkBudgets(log, batch1, throughput, o.batch, o);
  } catch (err) {
    if (!(err instanceof RequestFailed)) throw err;
    log.fail('inference', 'smoke/request-failed', err.message);
  } finally {
    const rss = server?.peakRssMb();
    if (rss !== undefined) metrics.peak_rss_mb = rss;
    await server?.stop();
    agent.destroy();
    if (server) {
      const exit = server.exit();
      details.server = { ...(details.server as object), exit: exit ?? null };
    }
  }
  return { log, details, metrics };
}
