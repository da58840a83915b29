/**
 * One HTTP(S) GET as the data readers need it: node:http/https (no dependency, no transparent
 * decompression that would break byte ranges), redirects followed (http and https only, at most
 * {@link MAX_REDIRECTS}), an idle timeout, and every failure turned into an {@link HttpError} whose message
 * names the URL without its credentials. Whether to retry is decided here too ({@link retryable},
 * {@link retryDelay}); the loop that retries lives with the caller, which knows where to resume.
 */
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { isIP } from 'node:net';
import { InputError } from '../core/errors.js';
import { redactUrl } from '../core/data-url.js';

export const MAX_REDIRECTS = 5;

/** Responses whose body was stopped because no byte came for the timeout (not cut by the server). */
export const timedOut = new WeakSet<IncomingMessage>();

/** A data URL that could not be read: a one-line message naming the URL (redacted) and what happened. */
export class HttpError extends InputError {
  override name = 'HttpError';
  constructor(
    message: string,
    /** The HTTP status, when the server answered. */
    readonly status?: number,
    /** A reset, timeout or 5xx: worth another try. */
    readonly transient = false,
    /** Seconds the server asked to wait (Retry-After). */
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

export interface HttpOptions {
  /** Tries after the first for a transient failure (5xx, 429, reset, timeout). Default 4. */
  retries?: number;
  /** First backoff in ms (doubled per try, full jitter). Default 500. */
  baseDelayMs?: number;
  /** Longest wait between tries, also the cap on Retry-After. Default 30 s. */
  maxDelayMs?: number;
  /** A request fails when the connection is idle this long (no headers, no bytes). Default 60 s. */
  timeoutMs?: number;
  /** Extra CA certificates to trust (tests; users set NODE_EXTRA_CA_CERTS). */
  ca?: string | Buffer;
  /** Most bytes fetched from one URL in all (default {@link defaultMaxDownloadBytes}). */
  maxBytes?: number;
  /** Injected in tests. */
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

/**
 * 8 GiB, or MODEL_CI_MAX_DOWNLOAD_BYTES: what one URL may deliver before the read is stopped. A CSV's
 * columns take up to 4× its bytes in memory (`1\n` is one 8-byte number), so a URL that never ends must
 * stop well before a runner's memory does; Parquet counts only the ranges fetched.
 */
export function defaultMaxDownloadBytes(env: NodeJS.ProcessEnv = process.env): number {
  const text = env.MODEL_CI_MAX_DOWNLOAD_BYTES?.trim();
  if (!text) return 8 * 1024 ** 3;
  const n = Number(text);
  if (!Number.isSafeInteger(n) || n <= 0)
    throw new InputError(
      `MODEL_CI_MAX_DOWNLOAD_BYTES: expected a positive whole number of bytes, got ${JSON.stringify(text)}`,
    );
  return n;
}

/** The agents one data URL's requests share (keep-alive: Parquet makes several range requests). */
export interface Agents {
  http: HttpAgent;
  https: HttpsAgent;
}

export function newAgents(ca?: string | Buffer): Agents {
  // Node (24.5+) honours HTTP(S)_PROXY/NO_PROXY with NODE_USE_ENV_PROXY=1 or --use-env-proxy, but only in
  // its global agents: an agent of one's own must be given the environment (Node 20 ignores the option).
  const proxy = useEnvProxy() ? { proxyEnv: process.env } : {};
  return {
    http: new HttpAgent({ keepAlive: true, maxSockets: 4, ...proxy }),
    https: new HttpsAgent({ keepAlive: true, maxSockets: 4, ...proxy, ...(ca ? { ca } : {}) }),
  };
}

function useEnvProxy(): boolean {
  return process.env.NODE_USE_ENV_PROXY === '1' || process.execArgv.includes('--use-env-proxy');
}

export function destroyAgents(agents: Agents): void {
  agents.http.destroy();
  agents.https.destroy();
}

/**
 * GETs `url` with `headers`; resolves with the response of the last redirect (any status), whose body
 * the caller must consume or destroy. Network failures reject with an HttpError.
 */
export async function get(
  url: string,
  headers: Record<string, string>,
  agents: Agents,
  timeoutMs: number,
): Promise<IncomingMessage> {
  let current = new URL(url);
  for (let hop = 0; ; hop++) {
    const res = await getOnce(current, headers, agents, timeoutMs);
    const status = res.statusCode ?? 0;
    const location = res.headers.location;
    if (![301, 302, 303, 307, 308].includes(status) || !location) return res;
    res.resume();
    if (hop >= MAX_REDIRECTS)
      throw new HttpError(`GET ${redactUrl(url)}: more than ${MAX_REDIRECTS} redirects`, status);
    let next: URL;
    try {
      next = new URL(location, current);
    } catch {
      throw new HttpError(`GET ${redactUrl(url)}: redirected to an invalid URL`, status);
    }
    if (next.protocol !== 'http:' && next.protocol !== 'https:')
      throw new HttpError(
        `GET ${redactUrl(url)}: redirected to a ${next.protocol} URL; only http and https are followed`,
        status,
      );
    if (current.protocol === 'https:' && next.protocol === 'http:')
      throw new HttpError(
        `GET ${redactUrl(url)}: redirected from https to plain http (${redactUrl(next.href)}); refused`,
        status,
      );
    current = next;
  }
}

/**
 * Whether an address is link-local (169.254.0.0/16, fe80::/10): where clouds serve instance metadata and
 * credentials (169.254.169.254). A URL in a pull request's configuration must not reach it: the response
 * would be parsed as data and its values could land in the PR comment.
 */
export function isLinkLocal(address: string): boolean {
  const a = address.toLowerCase().replace(/^\[|\]$/g, '');
  const v4 = /^(?:::ffff:)?(\d+)\.(\d+)\.\d+\.\d+$/.exec(a);
  if (v4) return v4[1] === '169' && v4[2] === '254';
  return isIP(a) === 6 && /^fe[89ab][0-9a-f]:/.test(a);
}

const LINK_LOCAL = 'ELINKLOCAL';

/** dns.lookup that refuses link-local answers (a name such as metadata.google.internal resolves to one). */
function guardedLookup(
  hostname: string,
  options: LookupOptions,
  callback: (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void,
): void {
  dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
    if (err) return callback(err, []);
    if (addresses.some((a) => isLinkLocal(a.address))) {
      const e: NodeJS.ErrnoException = new Error(`${hostname} resolves to a link-local address`);
      e.code = LINK_LOCAL;
      return callback(e, []);
    }
    if (options.all) return callback(null, addresses);
    callback(null, addresses[0].address, addresses[0].family);
  });
}

function linkLocalError(shown: string): HttpError {
  return new HttpError(
    `GET ${shown}: refused: the host is link-local (169.254.0.0/16 or fe80::/10), where clouds serve instance metadata and credentials`,
  );
}

function getOnce(
  url: URL,
  headers: Record<string, string>,
  agents: Agents,
  timeoutMs: number,
): Promise<IncomingMessage> {
  const shown = redactUrl(url.href);
  if (isLinkLocal(url.hostname)) return Promise.reject(linkLocalError(shown));
  return new Promise((resolve, reject) => {
    const https = url.protocol === 'https:';
    const auth =
      url.username || url.password
        ? {
            authorization: `Basic ${Buffer.from(`${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`).toString('base64')}`,
          }
        : {};
    const options = {
      method: 'GET',
      agent: https ? agents.https : agents.http,
      lookup: guardedLookup as never,
      // identity: byte ranges and lengths are of the stored bytes, never of a compressed transfer.
      headers: { 'accept-encoding': 'identity', 'user-agent': 'model-ci', ...auth, ...headers },
    };
    const target = new URL(url.href);
    target.username = '';
    target.password = '';
    let response: IncomingMessage | undefined;
    const req = (https ? httpsRequest : httpRequest)(target, options, (res) => {
      // The socket timeout stays armed while the body is read: a stalled body is destroyed too.
      response = res;
      resolve(res);
    });
    req.setTimeout(timeoutMs, () => {
      if (response) timedOut.add(response);
      req.destroy(new HttpError(`GET ${shown}: no response for ${timeoutMs / 1000} s`, undefined, true));
    });
    req.on('error', (e) => reject(networkError(e, shown)));
    req.end();
  });
}

const TRANSIENT_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
  'ENETUNREACH',
  'ENETDOWN',
  'EHOSTUNREACH',
  'EHOSTDOWN',
  'UND_ERR_SOCKET',
]);

const TLS_CODES: Record<string, string> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: 'a self-signed certificate',
  SELF_SIGNED_CERT_IN_CHAIN: 'a self-signed certificate in the chain',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'a certificate from an unknown authority',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'a certificate from an unknown authority',
  CERT_HAS_EXPIRED: 'an expired certificate',
  ERR_TLS_CERT_ALTNAME_INVALID: 'a certificate for another host name',
};

/** A failed request or body read as an HttpError (already one: unchanged). */
export function networkError(error: unknown, shown: string, what = 'GET'): HttpError {
  if (error instanceof HttpError) return error;
  const e = error as NodeJS.ErrnoException;
  const code = e?.code ?? '';
  if (TLS_CODES[code])
    return new HttpError(
      `${what} ${shown}: the server presented ${TLS_CODES[code]} (${code}); trust a private CA with NODE_EXTRA_CA_CERTS`,
    );
  if (code === 'ENOTFOUND') return new HttpError(`${what} ${shown}: no such host`);
  if (code === LINK_LOCAL) return linkLocalError(shown);
  if (code === 'ECONNREFUSED') return new HttpError(`${what} ${shown}: connection refused`, undefined, true);
  if (code === 'ECONNRESET' || e?.message === 'aborted' || e?.message === 'socket hang up')
    return new HttpError(`${what} ${shown}: the connection was closed by the server`, undefined, true);
  return new HttpError(
    `${what} ${shown}: ${code ? code.toLowerCase() : 'network error'}`,
    undefined,
    TRANSIENT_CODES.has(code),
  );
}

/** The error for a response that is not a success; transient for 408, 429 and 5xx. */
export function statusError(res: IncomingMessage, url: string): HttpError {
  const status = res.statusCode ?? 0;
  const shown = redactUrl(url);
  const reason = `${status}${res.statusMessage ? ` ${res.statusMessage}` : ''}`;
  const presigned = shown.endsWith('?…');
  let why = '';
  if (status === 401 || status === 403)
    why = presigned
      ? ': the presigned URL has expired or is not authorised'
      : ': not authorised (is the URL presigned or public?)';
  else if (status === 404) why = ': no such file';
  else if (status === 412) why = ': the file changed while it was being read';
  else if (status === 416) why = ': the file is shorter than it was (changed while it was being read?)';
  const transient = status === 408 || status === 429 || status >= 500;
  return new HttpError(`GET ${shown}: ${reason}${why}`, status, transient, retryAfterMs(res));
}

/** Retry-After in ms (seconds or an HTTP date), or undefined. */
export function retryAfterMs(res: IncomingMessage, now = Date.now()): number | undefined {
  const value = res.headers['retry-after'];
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/**
 * The wait before try `attempt` (1-based): the server's Retry-After when it gave one, else exponential
 * backoff with full jitter (a random wait up to base·2^(attempt−1)); both capped at `maxDelayMs`.
 */
export function retryDelay(
  attempt: number,
  error: HttpError,
  options: Pick<HttpOptions, 'baseDelayMs' | 'maxDelayMs'>,
  random: () => number = Math.random,
): number {
  const max = options.maxDelayMs ?? 30_000;
  if (error.retryAfterMs !== undefined) return Math.min(max, error.retryAfterMs);
  const base = options.baseDelayMs ?? 500;
  return Math.min(max, Math.floor(random() * base * 2 ** (attempt - 1)));
}

/** Whether `error` is worth another try. */
export function retryable(error: unknown): error is HttpError {
  return error instanceof HttpError && error.transient;
}
