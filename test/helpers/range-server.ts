/**
 * A local HTTP(S) file server for the data-over-URL tests: GET with Range (`bytes=a-b`, `bytes=a-`,
 * `bytes=-n`), If-Match / If-Unmodified-Since, ETag and Last-Modified, and scripted misbehaviour (fail the
 * first N requests with a status, cut the body mid-way, ignore Range, replace the file between requests,
 * demand a presigned query). It counts every body byte it sends. Binds 127.0.0.1 on port 0.
 */
import { createServer as createHttp, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttps } from 'node:https';
import type { AddressInfo } from 'node:net';

export interface Served {
  body: Uint8Array;
  etag?: string;
  lastModified?: string;
}

export interface Behaviour {
  /** Answer the first `count` requests with `status` (and Retry-After `retryAfter` seconds when given). */
  fail?: { count: number; status: number; retryAfter?: string };
  /** Send only this many body bytes of the first `count` requests (every request when count is absent), then destroy the socket. */
  cut?: { after: number; count?: number };
  /** Send only this many body bytes of the first `count` requests, then nothing more (the socket stays open). */
  stall?: { after: number; count: number };
  /** Answer Range requests with 200 and the whole body. */
  ignoreRange?: boolean;
  /** Serve this body (and ETag) from request number `after` on (1-based count of requests so far). */
  replaceAfter?: { after: number; with: Served };
  /** Require this query parameter with this value, else 403 (a presigned URL). */
  requireQuery?: { name: string; value: string };
  /** Require HTTP basic auth `user:password`, else 401. */
  requireAuth?: string;
}

export interface RangeServer {
  url(path: string): string;
  files: Map<string, Served>;
  behaviour: Map<string, Behaviour>;
  /** Body bytes sent per path. */
  bytesSent: Map<string, number>;
  /** Requests seen per path, with their Range and If-Match headers. */
  requests: Map<string, { range?: string; ifMatch?: string }[]>;
  /** TCP (or TLS) connections accepted since the last reset. */
  connections(): number;
  reset(): void;
  close(): Promise<void>;
}

export async function startRangeServer(tls?: { key: string; cert: string }): Promise<RangeServer> {
  const files = new Map<string, Served>();
  const behaviour = new Map<string, Behaviour>();
  const bytesSent = new Map<string, number>();
  const requests = new Map<string, { range?: string; ifMatch?: string }[]>();

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const path = url.pathname;
    const seen = requests.get(path) ?? [];
    seen.push({ range: req.headers.range, ifMatch: req.headers['if-match'] as string | undefined });
    requests.set(path, seen);
    const n = seen.length;
    const b = behaviour.get(path) ?? {};
    let file = files.get(path);
    if (b.replaceAfter && n > b.replaceAfter.after) file = b.replaceAfter.with;
    if (b.requireAuth) {
      const given = req.headers.authorization ?? '';
      if (given !== `Basic ${Buffer.from(b.requireAuth).toString('base64')}`) {
        res.writeHead(401).end('no');
        return;
      }
    }
    if (b.requireQuery && url.searchParams.get(b.requireQuery.name) !== b.requireQuery.value) {
      res.writeHead(403, { 'content-type': 'application/xml' }).end('<Error>AccessDenied</Error>');
      return;
    }
    if (b.fail && n <= b.fail.count) {
      const headers: Record<string, string> = {};
      if (b.fail.retryAfter !== undefined) headers['retry-after'] = b.fail.retryAfter;
      res.writeHead(b.fail.status, headers).end('failing on purpose');
      return;
    }
    if (!file) {
      res.writeHead(404).end('not found');
      return;
    }
    const ifMatch = req.headers['if-match'];
    if (ifMatch && file.etag && ifMatch !== file.etag) {
      res.writeHead(412).end();
      return;
    }
    const size = file.body.length;
    const headers: Record<string, string | number> = { 'accept-ranges': 'bytes' };
    if (file.etag) headers.etag = file.etag;
    if (file.lastModified) headers['last-modified'] = file.lastModified;
    let start = 0;
    let end = size;
    let status = 200;
    const range = b.ignoreRange ? undefined : req.headers.range;
    if (range) {
      const m = /^bytes=(\d*)-(\d*)$/.exec(range);
      if (!m || (m[1] === '' && m[2] === '')) {
        res.writeHead(416, { 'content-range': `bytes */${size}` }).end();
        return;
      }
      if (m[1] === '') {
        start = Math.max(0, size - Number(m[2]));
      } else {
        start = Number(m[1]);
        end = m[2] === '' ? size : Math.min(size, Number(m[2]) + 1);
      }
      if (start >= size || start >= end) {
        res.writeHead(416, { 'content-range': `bytes */${size}` }).end();
        return;
      }
      status = 206;
      headers['content-range'] = `bytes ${start}-${end - 1}/${size}`;
    }
    headers['content-length'] = end - start;
    res.writeHead(status, headers);
    let body = file.body.subarray(start, end);
    if (b.stall && n <= b.stall.count) {
      const part = body.subarray(0, b.stall.after);
      bytesSent.set(path, (bytesSent.get(path) ?? 0) + part.length);
      res.write(part);
      return;
    }
    const cutting = b.cut && (b.cut.count === undefined || n <= b.cut.count);
    if (cutting) body = body.subarray(0, b.cut!.after);
    bytesSent.set(path, (bytesSent.get(path) ?? 0) + body.length);
    if (cutting) {
      res.write(body, () => setTimeout(() => res.socket?.destroy(), 5));
      return;
    }
    res.end(body);
  };
  const server = tls ? createHttps(tls, handle) : createHttp(handle);
  let connections = 0;
  server.on('connection', () => connections++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const scheme = tls ? 'https' : 'http';
  return {
    url: (path) => `${scheme}://127.0.0.1:${port}${path}`,
    files,
    behaviour,
    bytesSent,
    requests,
    connections: () => connections,
    reset() {
      connections = 0;
      behaviour.clear();
      bytesSent.clear();
      requests.clear();
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
