/**
 * A data file behind an http(s) URL, read the two ways the readers need:
 * - `stream(from)`: its bytes in order, straight from the response body (CSV, JSON Lines: bounded memory,
 *   nothing written to disk). A connection cut mid-way is resumed with a Range request from the byte
 *   reached (a server that ignores Range resends from the start and the bytes already read are skipped);
 *   when the tries run out the error says how far it got.
 * - `asyncBuffer()`: random access for Parquet (hyparquet's AsyncBuffer). The first request asks for the
 *   last {@link PARQUET_TAIL_BYTES} bytes (`Range: bytes=-N`), which gives the size (Content-Range) and the footer at
 *   once — no HEAD, which presigned GET URLs refuse — and later slices are Range requests, so only the
 *   column chunks read are fetched.
 * Every request after the first must be of the same file: `If-Match` with its strong ETag (else
 * `If-Unmodified-Since` with its Last-Modified), and the answer's ETag and size are compared, so a file
 * replaced during the read is an error, never a mix of two files. Transient failures (5xx, 408, 429,
 * resets, timeouts) are retried with exponential backoff and full jitter, honouring Retry-After.
 */
import type { IncomingMessage } from 'node:http';
import type { AsyncBuffer } from 'hyparquet';
import { PARQUET_TAIL_BYTES } from './stream-source.js';
import { redactUrl } from '../core/data-url.js';
import {
  defaultMaxDownloadBytes,
  destroyAgents,
  get,
  HttpError,
  networkError,
  newAgents,
  retryable,
  retryDelay,
  statusError,
  timedOut,
  type Agents,
  type HttpOptions,
} from './http-request.js';

/** The first Parquet request: the footer of most files fits. */
const TAIL_BYTES = PARQUET_TAIL_BYTES;
/** A server that ignores Range may still serve a Parquet file this small whole, held in memory. */
export const WHOLE_PARQUET_LIMIT = 64 << 20;
/** Progress since the last failure that earns a stream its tries back. */
const PROGRESS_RESET = 1 << 20;

const sleepMs = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export class HttpFile {
  /** The URL as it may be shown (no userinfo, no query). */
  readonly name: string;
  /** The size, once a response told it. */
  size: number | undefined;
  /** Body bytes received over all requests (benchmarks and tests compare it with the size). */
  bytesFetched = 0;
  /** Requests made (including retries). */
  requests = 0;
  private etag: string | undefined;
  private lastModified: string | undefined;
  private seen = false;
  private agents: Agents | undefined;
  private readonly maxBytes: number;

  constructor(
    private readonly url: string,
    private readonly options: HttpOptions = {},
  ) {
    this.name = redactUrl(url);
    this.maxBytes = options.maxBytes ?? defaultMaxDownloadBytes();
  }

  /** Frees the keep-alive connections. */
  close(): void {
    if (this.agents) destroyAgents(this.agents);
    this.agents = undefined;
  }

  /** The bytes from `from` to the end, in the chunks the network delivers. */
  async *stream(from = 0): AsyncGenerator<Uint8Array, void, undefined> {
    let position = from;
    let failures = 0;
    let sinceFailure = 0;
    for (;;) {
      let res: IncomingMessage | undefined;
      try {
        res = await this.request(position > 0 ? { range: `bytes=${position}-` } : {});
        let skip = 0;
        const status = res.statusCode;
        if (status === 200) {
          // The whole file (no Range asked, or the server ignores it): skip what was already read.
          skip = position;
          this.learnSize(res, contentLength(res));
        } else if (status === 206) {
          const range = contentRange(res, this.name);
          if (range.start !== position)
            throw new HttpError(
              `GET ${this.name}: asked for bytes from ${position}, the server sent them from ${range.start}`,
            );
          this.learnSize(res, range.total);
        } else if (status === 416 && position > 0 && position === this.size) {
          return; // resumed exactly at the end
        } else {
          throw statusError(res, this.url);
        }
        for await (const chunk of res as AsyncIterable<Buffer>) {
          this.count(chunk.length);
          let bytes: Uint8Array = chunk;
          if (skip > 0) {
            if (bytes.length <= skip) {
              skip -= bytes.length;
              continue;
            }
            bytes = bytes.subarray(skip);
            skip = 0;
          }
          position += bytes.length;
          sinceFailure += bytes.length;
          yield bytes;
        }
        if (!res.complete || (this.size !== undefined && position < this.size)) throw this.cut(position);
        return;
      } catch (error) {
        const e = error instanceof HttpError ? error : this.cutOrNetwork(error, position, res);
        if (sinceFailure >= PROGRESS_RESET) failures = 0;
        sinceFailure = 0;
        if (!retryable(e) || failures >= this.retries) throw this.finalError(e, failures);
        failures++;
        await this.wait(failures, e);
      } finally {
        release(res);
      }
    }
  }

  /** Random access for hyparquet: the tail first (size and footer), then Range requests. */
  async asyncBuffer(): Promise<AsyncBuffer> {
    const first = await this.withRetries(() => this.fetchTail());
    const size = this.size ?? first.bytes.length;
    const tailStart = first.start;
    const tail = first.bytes;
    return {
      byteLength: size,
      slice: async (start: number, end = size): Promise<ArrayBuffer> => {
        if (start >= tailStart && end <= tailStart + tail.length)
          return copyOut(tail.subarray(start - tailStart, end - tailStart));
        if (end <= start) return new ArrayBuffer(0);
        return copyOut(await this.withRetries(() => this.fetchRange(start, end)));
      },
    };
  }

  private get retries(): number {
    return this.options.retries ?? 4;
  }

  private async withRetries<T>(fn: () => Promise<T>): Promise<T> {
    for (let failures = 0; ; failures++) {
      try {
        return await fn();
      } catch (error) {
        const e = error instanceof HttpError ? error : networkError(error, this.name);
        if (!retryable(e) || failures >= this.retries) throw this.finalError(e, failures);
        await this.wait(failures + 1, e);
      }
    }
  }

  private finalError(e: HttpError, failures: number): HttpError {
    if (failures === 0 || !e.transient) return e;
    return new HttpError(`${e.message} (gave up after ${failures + 1} tries)`, e.status);
  }

  private wait(attempt: number, e: HttpError): Promise<void> {
    const ms = retryDelay(attempt, e, this.options, this.options.random);
    return (this.options.sleep ?? sleepMs)(ms);
  }

  /** A GET with the validators of the file seen so far; its status is the caller's to check. */
  private async request(headers: Record<string, string>): Promise<IncomingMessage> {
    this.agents ??= newAgents(this.options.ca);
    const validators: Record<string, string> = {};
    if (this.etag && !this.etag.startsWith('W/')) validators['if-match'] = this.etag;
    else if (this.lastModified) validators['if-unmodified-since'] = this.lastModified;
    this.requests++;
    const res = await get(
      this.url,
      { ...headers, ...validators },
      this.agents,
      this.options.timeoutMs ?? 60_000,
    );
    const status = res.statusCode ?? 0;
    if (status >= 200 && status < 300) {
      try {
        this.checkSameFile(res);
      } catch (e) {
        res.destroy();
        throw e;
      }
    } else if (status >= 300) {
      // An error body is not data; drain it so the connection can be reused.
      res.resume();
    }
    return res;
  }

  /** The first answer's ETag / Last-Modified; later answers must carry the same. */
  private checkSameFile(res: IncomingMessage): void {
    const etag = header(res, 'etag');
    const modified = header(res, 'last-modified');
    if (!this.seen) {
      this.seen = true;
      this.etag = etag;
      this.lastModified = modified;
      return;
    }
    const changed =
      (this.etag !== undefined && etag !== undefined && etag !== this.etag) ||
      (this.etag === undefined &&
        this.lastModified !== undefined &&
        modified !== undefined &&
        modified !== this.lastModified);
    if (changed)
      throw new HttpError(
        `GET ${this.name}: the file changed while it was being read (ETag or Last-Modified differs between requests); run again`,
      );
  }

  private learnSize(res: IncomingMessage, total: number | undefined): void {
    if (total === undefined) return;
    if (this.size !== undefined && total !== this.size) {
      res.destroy();
      throw new HttpError(
        `GET ${this.name}: the file changed while it was being read (${this.size} bytes, then ${total})`,
      );
    }
    this.size = total;
  }

  private count(n: number): void {
    this.bytesFetched += n;
    if (this.bytesFetched > this.maxBytes)
      throw new HttpError(
        `GET ${this.name}: more than ${this.maxBytes} bytes downloaded; raise MODEL_CI_MAX_DOWNLOAD_BYTES to read more`,
      );
  }

  private cut(position: number): HttpError {
    const of = this.size !== undefined ? ` of ${this.size}` : '';
    return new HttpError(
      `GET ${this.name}: the connection was cut after ${position}${of} bytes`,
      undefined,
      true,
    );
  }

  private cutOrNetwork(error: unknown, position: number, res?: IncomingMessage): HttpError {
    if (res && timedOut.has(res)) {
      const of = this.size !== undefined ? ` of ${this.size}` : '';
      const seconds = (this.options.timeoutMs ?? 60_000) / 1000;
      return new HttpError(
        `GET ${this.name}: no data for ${seconds} s after ${position}${of} bytes`,
        undefined,
        true,
      );
    }
    const e = networkError(error, this.name);
    return e.message.endsWith('closed by the server') ? this.cut(position) : e;
  }

  /** The last TAIL_BYTES (or the whole file when it is smaller, or when the server ignores Range). */
  private async fetchTail(): Promise<{ start: number; bytes: Uint8Array }> {
    const res = await this.request({ range: `bytes=-${TAIL_BYTES}` });
    try {
      const status = res.statusCode;
      if (status === 206) {
        const range = contentRange(res, this.name);
        this.learnSize(res, range.total);
        const bytes = await this.body(res, range.end - range.start);
        return { start: range.start, bytes };
      }
      if (status === 416) {
        // Nothing to give from the end: an empty file.
        this.size = 0;
        return { start: 0, bytes: new Uint8Array(0) };
      }
      if (status === 200) {
        const length = contentLength(res);
        if (length !== undefined && length > WHOLE_PARQUET_LIMIT) throw this.noRanges();
        this.learnSize(res, length);
        const bytes = await this.body(res, length, WHOLE_PARQUET_LIMIT);
        this.size = bytes.length;
        return { start: 0, bytes };
      }
      throw statusError(res, this.url);
    } finally {
      release(res);
    }
  }

  private async fetchRange(start: number, end: number): Promise<Uint8Array> {
    const res = await this.request({ range: `bytes=${start}-${end - 1}` });
    try {
      if (res.statusCode === 200) throw this.noRanges();
      if (res.statusCode !== 206) throw statusError(res, this.url);
      const range = contentRange(res, this.name);
      this.learnSize(res, range.total);
      if (range.start !== start || range.end !== end)
        throw new HttpError(
          `GET ${this.name}: asked for bytes ${start}-${end - 1}, the server sent ${range.start}-${range.end - 1}`,
        );
      return await this.body(res, end - start);
    } finally {
      release(res);
    }
  }

  private noRanges(): HttpError {
    return new HttpError(
      `GET ${this.name}: the server ignores Range requests (it sent the whole file); Parquet over HTTP needs them for files over ${WHOLE_PARQUET_LIMIT >> 20} MiB — download the file first`,
    );
  }

  /** The whole body: exactly `expected` bytes when given (fewer is a cut), at most `limit`. */
  private async body(res: IncomingMessage, expected?: number, limit = Infinity): Promise<Uint8Array> {
    const parts: Buffer[] = [];
    let got = 0;
    try {
      for await (const chunk of res as AsyncIterable<Buffer>) {
        this.count(chunk.length);
        got += chunk.length;
        if (got > limit) throw this.noRanges();
        parts.push(chunk);
      }
    } catch (e) {
      if (e instanceof HttpError) throw e;
      throw this.cutOrNetwork(e, got, res);
    }
    if (!res.complete || (expected !== undefined && got !== expected)) throw this.cut(got);
    return Buffer.concat(parts, got);
  }
}

/** A response read to its end keeps its connection for the next range request; any other is closed. */
function release(res: IncomingMessage | undefined): void {
  if (res && !(res.complete && res.readableEnded)) res.destroy();
}

function header(res: IncomingMessage, name: string): string | undefined {
  const v = res.headers[name];
  return typeof v === 'string' && v !== '' ? v : undefined;
}

function contentLength(res: IncomingMessage): number | undefined {
  const v = header(res, 'content-length');
  return v !== undefined && /^\d+$/.test(v) ? Number(v) : undefined;
}

/** `Content-Range: bytes a-b/total` as `[start, end)` and the total size. */
function contentRange(res: IncomingMessage, name: string): { start: number; end: number; total: number } {
  const m = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(header(res, 'content-range') ?? '');
  if (!m) throw new HttpError(`GET ${name}: a 206 answer without a valid Content-Range header`, 206);
  return { start: Number(m[1]), end: Number(m[2]) + 1, total: Number(m[3]) };
}

/** A fresh ArrayBuffer holding exactly `bytes` (hyparquet reads `.byteLength` of the whole buffer). */
function copyOut(bytes: Uint8Array): ArrayBuffer {
  const out = new Uint8Array(bytes.length);
  out.set(bytes);
  return out.buffer;
}
