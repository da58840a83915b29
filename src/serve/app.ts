/**
 * The serving app's HTTP side: POST /predict, GET /health, GET /metrics, a request size limit, request
 * logs and a graceful stop. The model is passed in already loaded, so tests can serve any LoadedModel.
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { LoadedModel } from '../model/types.js';
import type { ServeMetrics } from './metrics.js';
import { parsePredictBody, predictResponse, RequestError } from './predict-request.js';
import type { RequestLogger } from './request-log.js';
import type { ServeSettings } from './settings.js';

export interface ModelInfo {
  name: string;
  version: string;
  digest: string;
}

export interface ServingApp {
  server: http.Server;
  /** Stop accepting requests, let those in flight finish (up to the shutdown timeout), close. */
  shutdown(reason: string): Promise<void>;
}

type Settings = Pick<ServeSettings, 'maxRequestBytes' | 'maxBatchRows' | 'logPayloads' | 'shutdownTimeoutMs'>;

const ROUTES = new Set(['/predict', '/health', '/metrics']);

function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit)
    return Promise.reject(
      new RequestError(413, 'too_large', `request body of ${declared} bytes is over the limit of ${limit}`),
    );
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        req.removeAllListeners('data');
        req.resume(); // drain so the connection can answer 413
        reject(new RequestError(413, 'too_large', `request body is over the limit of ${limit} bytes`));
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function sendJson(
  res: http.ServerResponse,
  status: number,
  body: unknown,
  extra: http.OutgoingHttpHeaders = {},
): number {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    ...extra,
  });
  res.end(text);
  return Buffer.byteLength(text);
}

export function createServingApp(
  model: LoadedModel,
  info: ModelInfo,
  settings: Settings,
  metrics: ServeMetrics,
  logger: RequestLogger,
): ServingApp {
  let stopping = false;
  let inFlight = 0;
  let idle: (() => void) | undefined;
  metrics.modelInfo.set(
    {
      name: info.name,
      version: info.version,
      digest: info.digest,
      format: model.format,
      backend: model.backend,
    },
    1,
  );

  async function predict(
    req: http.IncomingMessage,
    record: Record<string, unknown>,
  ): Promise<{ status: number; body: unknown }> {
    if (req.method !== 'POST') throw new RequestError(405, 'method_not_allowed', 'use POST /predict');
    // Any content type: curl's default form type and missing headers are common, and the body must be JSON anyway.
    const raw = await readBody(req, settings.maxRequestBytes);
    record.bytes_in = raw.length;
    let body: unknown;
    try {
      body = JSON.parse(raw.toString('utf8'));
    } catch (e) {
      throw new RequestError(400, 'invalid_json', `body is not JSON: ${(e as Error).message.slice(0, 200)}`);
    }
    const { tensors, rows } = parsePredictBody(body, model.signature, settings.maxBatchRows);
    record.rows = rows;
    if (settings.logPayloads) record.inputs = (body as { inputs: unknown }).inputs;
    const t0 = performance.now();
    let outputs;
    try {
      outputs = await model.run(tensors);
    } catch (e) {
      // The engine's message is logged for the operator; the client gets a plain 500.
      record.engine_error = String((e as Error).message ?? e).slice(0, 500);
      throw new RequestError(500, 'inference_failed', 'the model could not run these inputs');
    }
    metrics.inferenceDuration.observe((performance.now() - t0) / 1000);
    metrics.rows.inc(rows);
    const response = predictResponse(outputs, model.signature);
    if (settings.logPayloads) record.outputs = response.outputs;
    return { status: 200, body: response };
  }

  const server = http.createServer(async (req, res) => {
    const t0 = performance.now();
    const path = (req.url ?? '/').split('?')[0];
    const route = ROUTES.has(path) ? path : 'other';
    const requestId =
      String(req.headers['x-request-id'] ?? '')
        .slice(0, 128)
        .replace(/[^\w.:-]/g, '') || randomUUID();
    const record: Record<string, unknown> = {
      level: 'info',
      msg: 'request',
      request_id: requestId,
      method: req.method,
      path: route === 'other' ? 'other' : path,
      remote_addr: req.socket.remoteAddress,
      user_agent: req.headers['user-agent'],
    };
    inFlight++;
    let status = 500;
    let bytesOut = 0;
    try {
      if (stopping) throw new RequestError(503, 'shutting_down', 'the server is shutting down');
      if (path === '/predict') {
        const r = await predict(req, record);
        status = r.status;
        bytesOut = sendJson(res, status, r.body, { 'x-request-id': requestId });
      } else if (path === '/health' && (req.method === 'GET' || req.method === 'HEAD')) {
        status = 200;
        bytesOut = sendJson(res, 200, {
          status: 'ok',
          model: { ...info, format: model.format, backend: model.backend },
        });
      } else if (path === '/metrics' && req.method === 'GET') {
        const text = await metrics.registry.metrics();
        status = 200;
        res.writeHead(200, { 'content-type': metrics.registry.contentType });
        res.end(text);
        bytesOut = Buffer.byteLength(text);
      } else if (ROUTES.has(path))
        throw new RequestError(405, 'method_not_allowed', `${req.method} is not allowed on ${path}`);
      else throw new RequestError(404, 'not_found', 'routes: POST /predict, GET /health, GET /metrics');
    } catch (e) {
      const err = e instanceof RequestError ? e : new RequestError(500, 'internal', 'internal error');
      if (!(e instanceof RequestError))
        record.internal_error = String((e as Error)?.message ?? e).slice(0, 500);
      status = err.status;
      record.error = err.code;
      if (route !== 'other') metrics.errors.inc({ route, reason: err.code });
      if (!res.headersSent)
        bytesOut = sendJson(
          res,
          status,
          { error: { code: err.code, message: err.message } },
          {
            'x-request-id': requestId,
            ...(err.status === 413 ? { connection: 'close' } : {}),
          },
        );
    } finally {
      const seconds = (performance.now() - t0) / 1000;
      const labels = { method: req.method ?? 'OTHER', route, status: String(status) };
      metrics.requests.inc(labels);
      metrics.requestDuration.observe(labels, seconds);
      if (route !== '/metrics' && route !== '/health')
        logger.log({ ...record, status, duration_ms: Math.round(seconds * 1e6) / 1000, bytes_out: bytesOut });
      inFlight--;
      if (inFlight === 0) idle?.();
    }
  });
  // Slow or stuck clients cannot hold the server: headers within 10 s, the whole request within 60 s.
  server.headersTimeout = 10_000;
  server.requestTimeout = 60_000;
  server.keepAliveTimeout = 5_000;

  async function shutdown(reason: string): Promise<void> {
    if (stopping) return;
    stopping = true;
    logger.log({ level: 'info', msg: 'shutdown', reason, in_flight: inFlight });
    const closed = new Promise<void>((r) => server.close(() => r()));
    server.closeIdleConnections();
    if (inFlight > 0) {
      const drained = new Promise<void>((r) => (idle = r));
      const timeout = new Promise<'timeout'>((r) =>
        setTimeout(() => r('timeout'), settings.shutdownTimeoutMs).unref(),
      );
      if ((await Promise.race([drained, timeout])) === 'timeout')
        logger.log({ level: 'warn', msg: 'shutdown timeout: closing open requests', in_flight: inFlight });
    }
    server.closeAllConnections();
    await closed;
    await model.dispose();
  }

  return { server, shutdown };
}
