/**
 * A registry client for the OCI distribution API, with no daemon: manifests and blobs, HEAD before
 * upload, cross-repository mount, chunked uploads that resume after a dropped connection (the upload's
 * status tells how much the registry kept), and authentication by the registry's own challenge:
 * anonymous, Basic, or the Bearer token flow (`WWW-Authenticate: Bearer realm=…,service=…,scope=…`).
 * Plain HTTP only for this machine and hosts listed as insecure. Credentials and tokens are passed to
 * `secret` (core.setSecret in an action) before use and never appear in messages.
 */
import http from 'node:http';
import https from 'node:https';
import type { Logger } from '../../../core/logger.js';
import { visible } from '../../../core/visible.js';
import { TOOL_VERSION } from '../../../core/version.js';
import type { BlobWriter } from '../blob-store.js';
import { sha256Hex } from '../blob-store.js';
import { MANIFEST_ACCEPT } from '../media-types.js';
import { apiHost, isLoopback } from '../reference.js';
import { parseChallenges, type Credentials } from './auth.js';
import { RegistryAuthError, RegistryError } from './errors.js';

export interface RegistryClientOptions {
  /** Registry as written in references (`ghcr.io`, `127.0.0.1:5000`). */
  registry: string;
  /** Hosts listed with --insecure-registry (plain HTTP). */
  insecureRegistries?: readonly string[];
  credentials?: Credentials;
  secret?: (value: string) => void;
  logger: Logger;
  /** Bytes per PATCH of a chunked upload; smaller blobs go in one PUT. */
  chunkSize?: number;
  /** Attempts after a network failure or a 5xx before giving up. */
  retries?: number;
  /** First pause between attempts (doubles each time). */
  backoffMs?: number;
  timeoutMs?: number;
}

export interface RegistryStats {
  requests: number;
  blobsUploaded: number;
  bytesUploaded: number;
  blobsMounted: number;
  blobsSkipped: number;
  uploadsResumed: number;
}

interface Response {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

interface RequestInit {
  headers?: Record<string, string>;
  body?: Buffer;
  /** Token scopes this request needs (`repository:acme/churn:pull,push`). */
  scopes: string[];
  /** For messages: `uploading layer model`. */
  what: string;
  /** Retry network failures and 5xx (true for idempotent requests). */
  retry?: boolean;
  /** Stream the body to this writer instead of buffering it (blob downloads). */
  sink?: BlobWriter;
}

const NETWORK_CODES =
  /ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|EAI_AGAIN|socket hang up|timed out|ENOTFOUND/;

/** What went wrong on the wire, in a few words (never the request headers). */
function networkReason(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  return visible(err.code ? `${err.code}` : String(err.message ?? e)).slice(0, 200);
}

export class RegistryClient {
  readonly host: string;
  readonly base: string;
  /** The registry as references write it (`docker.io`, `127.0.0.1:5000`). */
  readonly registryName: string;
  readonly stats: RegistryStats = {
    requests: 0,
    blobsUploaded: 0,
    bytesUploaded: 0,
    blobsMounted: 0,
    blobsSkipped: 0,
    uploadsResumed: 0,
  };
  private readonly agent: http.Agent;
  private readonly tokens = new Map<string, string>();
  private basic?: string;
  private challengeScheme?: string;
  private readonly o: Required<Omit<RegistryClientOptions, 'credentials' | 'secret' | 'insecureRegistries'>> &
    RegistryClientOptions;

  constructor(options: RegistryClientOptions) {
    this.o = { chunkSize: 8 << 20, retries: 4, backoffMs: 200, timeoutMs: 60_000, ...options };
    this.host = apiHost(options.registry);
    this.registryName = options.registry;
    const plain =
      isLoopback(options.registry) || (options.insecureRegistries ?? []).includes(options.registry);
    this.base = `${plain ? 'http' : 'https'}://${this.host}`;
    this.agent = plain
      ? new http.Agent({ keepAlive: true, maxSockets: 4 })
      : new https.Agent({ keepAlive: true, maxSockets: 4 });
    const c = options.credentials;
    if (c) {
      this.o.secret?.(c.password);
      this.o.secret?.(Buffer.from(`${c.username}:${c.password}`).toString('base64'));
    }
  }

  close(): void {
    this.agent.destroy();
  }

  /** One HTTP exchange, no auth, no retries. */
  private send(
    method: string,
    url: string,
    headers: Record<string, string>,
    body: Buffer | undefined,
    sink?: BlobWriter,
  ): Promise<Response> {
    this.stats.requests++;
    const u = new URL(url);
    const lib = u.protocol === 'https:' ? https : http;
    return new Promise((resolve, reject) => {
      const req = lib.request(
        u,
        {
          method,
          headers: {
            'user-agent': `model-ci/${TOOL_VERSION}`,
            ...(body !== undefined
              ? { 'content-length': String(body.length) }
              : method === 'PUT' || method === 'POST' || method === 'PATCH'
                ? { 'content-length': '0' }
                : {}),
            ...headers,
          },
          agent: u.origin === this.base ? this.agent : undefined,
          timeout: this.o.timeoutMs,
        },
        (res) => {
          const chunks: Buffer[] = [];
          const ok = (res.statusCode ?? 0) >= 200 && (res.statusCode ?? 0) < 300;
          res.on('data', (c: Buffer) => (sink && ok ? sink.write(c) : chunks.push(c)));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
          );
          res.on('error', reject);
          res.on('aborted', () =>
            reject(Object.assign(new Error('response aborted'), { code: 'ECONNRESET' })),
          );
        },
      );
      req.on('timeout', () =>
        req.destroy(
          Object.assign(new Error(`no answer within ${this.o.timeoutMs} ms`), { code: 'ETIMEDOUT' }),
        ),
      );
      req.on('error', reject);
      req.end(body);
    });
  }

  private authorization(scopes: string[]): string | undefined {
    if (this.challengeScheme === 'bearer') return this.tokens.get(scopes.join(' '));
    if (this.challengeScheme === 'basic') return this.basic;
    return undefined;
  }

  /** Answer a 401 challenge: get a token (Bearer) or send the credentials (Basic). */
  private async authenticate(res: Response, scopes: string[], what: string): Promise<void> {
    const header = String(res.headers['www-authenticate'] ?? '');
    const challenges = parseChallenges(header);
    const bearer = challenges.find((c) => c.scheme === 'bearer');
    const basic = challenges.find((c) => c.scheme === 'basic');
    const creds = this.o.credentials;
    if (bearer) {
      this.challengeScheme = 'bearer';
      const realm = bearer.params.realm;
      if (!realm)
        throw new RegistryAuthError(
          `${this.host} asked for a Bearer token without a realm while ${what}`,
          401,
        );
      const url = new URL(realm);
      if (bearer.params.service) url.searchParams.set('service', bearer.params.service);
      const wanted = new Set([...scopes, ...(bearer.params.scope ? bearer.params.scope.split(' ') : [])]);
      for (const s of wanted) url.searchParams.append('scope', s);
      const headers: Record<string, string> = {};
      if (creds)
        headers.authorization = `Basic ${Buffer.from(`${creds.username}:${creds.password}`).toString('base64')}`;
      let tokenRes: Response;
      try {
        tokenRes = await this.send('GET', url.href, headers, undefined);
      } catch (e) {
        throw new RegistryError(
          `token server ${visible(url.origin)} for ${this.host} did not answer: ${networkReason(e)}`,
        );
      }
      if (tokenRes.status === 401 || tokenRes.status === 403)
        throw new RegistryAuthError(
          `${this.host}: the token server ${visible(url.origin)} answered ${tokenRes.status} ${tokenRes.status === 401 ? 'Unauthorized' : 'Forbidden'}: ` +
            (creds
              ? `the credentials from ${creds.source} for user "${visible(creds.username)}" were refused`
              : 'credentials are needed (docker login, --username/--password-stdin)'),
          tokenRes.status,
        );
      if (tokenRes.status !== 200)
        throw new RegistryError(
          `${this.host}: the token server ${visible(url.origin)} answered HTTP ${tokenRes.status}`,
          tokenRes.status,
        );
      let token: string | undefined;
      try {
        const j = JSON.parse(tokenRes.body.toString('utf8')) as { token?: string; access_token?: string };
        token = j.token || j.access_token;
      } catch {
        token = undefined;
      }
      if (!token)
        throw new RegistryError(`${this.host}: the token server ${visible(url.origin)} sent no token`);
      this.o.secret?.(token);
      this.tokens.set(scopes.join(' '), `Bearer ${token}`);
      return;
    }
    if (basic) {
      this.challengeScheme = 'basic';
      if (!creds)
        throw new RegistryAuthError(
          `${this.host} answered 401 Unauthorized while ${what}: credentials are needed (docker login, --username/--password-stdin)`,
          401,
        );
      this.basic = `Basic ${Buffer.from(`${creds.username}:${creds.password}`).toString('base64')}`;
      return;
    }
    throw new RegistryAuthError(
      `${this.host} answered 401 Unauthorized while ${what} with no challenge we understand (${visible(header.slice(0, 80))})`,
      401,
    );
  }

  private refused(res: Response, what: string): RegistryAuthError {
    const creds = this.o.credentials;
    const who = creds
      ? `the credentials from ${creds.source} for user "${visible(creds.username)}"`
      : 'anonymous access';
    const code = res.status === 401 ? '401 Unauthorized' : '403 Forbidden';
    return new RegistryAuthError(
      `${this.host} answered ${code} while ${what}: ${who} ${res.status === 401 ? 'were refused' : 'may not do this'}`,
      res.status,
    );
  }

  /** A request with authentication and, when `retry`, retries of network failures and 5xx answers. */
  async request(method: string, pathOrUrl: string, init: RequestInit): Promise<Response> {
    const url = /^https?:/.test(pathOrUrl) ? pathOrUrl : `${this.base}${pathOrUrl}`;
    let authTried = false;
    for (let attempt = 0; ; attempt++) {
      const headers = { ...init.headers };
      const auth = this.authorization(init.scopes);
      if (auth && new URL(url).origin === this.base) headers.authorization = auth;
      let res: Response;
      try {
        res = await this.send(method, url, headers, init.body, init.sink);
      } catch (e) {
        if (
          !init.retry ||
          !NETWORK_CODES.test(`${(e as NodeJS.ErrnoException).code} ${(e as Error).message}`) ||
          attempt >= this.o.retries
        )
          throw new RegistryError(
            `${this.host} did not answer while ${init.what}: ${networkReason(e)}${attempt ? ` (after ${attempt + 1} attempts)` : ''}`,
          );
        await this.pause(attempt);
        continue;
      }
      if (res.status === 401 && !authTried) {
        authTried = true;
        await this.authenticate(res, init.scopes, init.what);
        attempt--;
        continue;
      }
      if (res.status === 401 || res.status === 403) throw this.refused(res, init.what);
      if (res.status >= 500 && init.retry && attempt < this.o.retries) {
        await this.pause(attempt);
        continue;
      }
      return res;
    }
  }

  private pause(attempt: number): Promise<void> {
    return new Promise((r) => setTimeout(r, this.o.backoffMs * 2 ** attempt));
  }

  private unexpected(res: Response, what: string): RegistryError {
    let detail = '';
    try {
      const j = JSON.parse(res.body.toString('utf8')) as { errors?: { code?: string; message?: string }[] };
      detail = (j.errors ?? []).map((e) => `${e.code ?? ''} ${e.message ?? ''}`.trim()).join('; ');
    } catch {
      detail = res.body.toString('utf8').slice(0, 200);
    }
    return new RegistryError(
      `${this.host} answered HTTP ${res.status} while ${what}${detail ? `: ${visible(detail.slice(0, 300))}` : ''}`,
      res.status,
    );
  }

  /** GET a manifest (or index) by tag or digest. */
  async getManifest(
    repository: string,
    reference: string,
  ): Promise<{ bytes: Buffer; mediaType: string; digest: string }> {
    const what = `reading ${repository}:${reference}`;
    const res = await this.request('GET', `/v2/${repository}/manifests/${reference}`, {
      headers: { accept: MANIFEST_ACCEPT },
      scopes: [`repository:${repository}:pull`],
      what,
      retry: true,
    });
    if (res.status === 404)
      throw new RegistryError(
        `${this.host}/${repository}:${visible(reference)} does not exist (HTTP 404)`,
        404,
      );
    if (res.status !== 200) throw this.unexpected(res, what);
    const digest = `sha256:${sha256Hex(res.body)}`;
    if (reference.startsWith('sha256:') && reference !== digest)
      throw new RegistryError(
        `${this.host}/${repository}@${reference}: the registry sent a manifest with digest ${digest}`,
      );
    const mediaType = String(res.headers['content-type'] ?? '')
      .split(';')[0]
      .trim();
    return { bytes: res.body, mediaType, digest };
  }

  async blobExists(
    repository: string,
    digest: string,
    scopes = [`repository:${repository}:pull,push`],
  ): Promise<boolean> {
    const what = `checking blob ${digest} in ${repository}`;
    const res = await this.request('HEAD', `/v2/${repository}/blobs/${digest}`, {
      scopes,
      what,
      retry: true,
    });
    if (res.status === 200) return true;
    if (res.status === 404) return false;
    throw this.unexpected(res, what);
  }

  /** GET a blob into `sink`, following the registry's redirect to its storage (without our credentials). */
  async getBlob(repository: string, digest: string, sink: BlobWriter): Promise<void> {
    const what = `downloading blob ${digest} of ${repository}`;
    let res = await this.request('GET', `/v2/${repository}/blobs/${digest}`, {
      scopes: [`repository:${repository}:pull`],
      what,
      retry: true,
      sink,
    });
    for (let hops = 0; res.status >= 300 && res.status < 400 && res.headers.location && hops < 5; hops++) {
      const next = new URL(String(res.headers.location), `${this.base}/v2/${repository}/blobs/${digest}`)
        .href;
      res = await this.request('GET', next, {
        scopes: [`repository:${repository}:pull`],
        what,
        retry: true,
        sink,
      });
    }
    if (res.status !== 200) throw this.unexpected(res, what);
    if (sink.digest() !== digest)
      throw new RegistryError(
        `${this.host}: blob ${digest} of ${repository} arrived with digest ${sink.digest()}`,
      );
  }

  private location(res: Response, what: string): string {
    const loc = res.headers.location;
    if (!loc) throw new RegistryError(`${this.host} sent no upload location while ${what}`);
    return new URL(String(loc), this.base).href;
  }

  private withDigest(location: string, digest: string): string {
    const u = new URL(location);
    u.searchParams.set('digest', digest);
    return u.href;
  }

  /** Start an upload session, or mount the blob from `mountFrom` in the same registry (201: done). */
  private async startUpload(
    repository: string,
    digest: string,
    mountFrom: string | undefined,
    what: string,
  ): Promise<{ mounted: true } | { location: string }> {
    const scopes = [
      `repository:${repository}:pull,push`,
      ...(mountFrom ? [`repository:${mountFrom}:pull`] : []),
    ];
    const query = mountFrom
      ? `?mount=${encodeURIComponent(digest)}&from=${encodeURIComponent(mountFrom)}`
      : '';
    const res = await this.request('POST', `/v2/${repository}/blobs/uploads/${query}`, {
      scopes,
      what,
      retry: true,
    });
    if (res.status === 201 && mountFrom) return { mounted: true };
    if (res.status !== 202) throw this.unexpected(res, what);
    return { location: this.location(res, what) };
  }

  /** Mount a blob from another repository of this registry; false when the registry would not. */
  async mountBlob(repository: string, digest: string, from: string): Promise<boolean> {
    const what = `mounting ${digest} from ${from} into ${repository}`;
    const start = await this.startUpload(repository, digest, from, what);
    if ('mounted' in start) {
      this.stats.blobsMounted++;
      return true;
    }
    // The registry opened an upload instead: cancel it (best effort), the blob is uploaded afterwards.
    await this.request('DELETE', start.location, {
      scopes: [`repository:${repository}:pull,push`],
      what,
    }).catch(() => undefined);
    return false;
  }

  /**
   * Upload a blob (after HEAD said it is missing): mount it from `mountFrom` when given and possible, else
   * one PUT for small blobs or PATCH chunks for big ones. A dropped connection is resumed from what the
   * registry reports having (`GET` on the upload session, `Range: 0-N`); a lost session starts over.
   */
  async uploadBlob(
    repository: string,
    blob: { digest: string; size: number; read: (offset: number, length: number) => Buffer; what: string },
    mountFrom?: string,
  ): Promise<'uploaded' | 'mounted'> {
    const what = `uploading ${blob.what} (${blob.digest}, ${blob.size} bytes) to ${repository}`;
    const scopes = [
      `repository:${repository}:pull,push`,
      ...(mountFrom ? [`repository:${mountFrom}:pull`] : []),
    ];
    const start = await this.startUpload(repository, blob.digest, mountFrom, what);
    if ('mounted' in start) {
      this.stats.blobsMounted++;
      return 'mounted';
    }
    let location = start.location;
    const chunk = Math.max(1, this.o.chunkSize);
    if (blob.size <= chunk) {
      for (let attempt = 0; ; attempt++) {
        try {
          const res = await this.request('PUT', this.withDigest(location, blob.digest), {
            headers: { 'content-type': 'application/octet-stream' },
            body: blob.read(0, blob.size),
            scopes,
            what,
          });
          if (res.status !== 201) throw this.unexpected(res, what);
          break;
        } catch (e) {
          if (!(e instanceof RegistryError) || e.status !== undefined || attempt >= this.o.retries)
            throw this.gaveUp(e, what);
          await this.pause(attempt);
          this.stats.uploadsResumed++;
          location = await this.restart(repository, blob.digest, what);
        }
      }
    } else {
      let offset = 0;
      let failures = 0;
      while (offset < blob.size) {
        const length = Math.min(chunk, blob.size - offset);
        try {
          const res = await this.request('PATCH', location, {
            headers: {
              'content-type': 'application/octet-stream',
              'content-range': `${offset}-${offset + length - 1}`,
            },
            body: blob.read(offset, length),
            scopes,
            what,
          });
          if (res.status !== 202) throw this.unexpected(res, what);
          location = this.location(res, what);
          offset = this.rangeEnd(res) ?? offset + length;
          failures = 0;
        } catch (e) {
          if (
            !(e instanceof RegistryError) ||
            (e.status !== undefined && e.status < 500 && e.status !== 416) ||
            failures >= this.o.retries
          )
            throw this.gaveUp(e, what);
          await this.pause(failures++);
          const status = await this.uploadStatus(location, scopes, what);
          this.stats.uploadsResumed++;
          if (status === 'lost') {
            location = await this.restart(repository, blob.digest, what);
            offset = 0;
          } else if (status !== 'unreachable') {
            location = status.location;
            offset = status.offset;
          }
        }
      }
      for (let attempt = 0; ; attempt++) {
        try {
          const res = await this.request('PUT', this.withDigest(location, blob.digest), { scopes, what });
          if (res.status !== 201) throw this.unexpected(res, what);
          break;
        } catch (e) {
          if (!(e instanceof RegistryError) || e.status !== undefined || attempt >= this.o.retries)
            throw this.gaveUp(e, what);
          await this.pause(attempt);
        }
      }
    }
    this.stats.blobsUploaded++;
    this.stats.bytesUploaded += blob.size;
    return 'uploaded';
  }

  private gaveUp(e: unknown, _what: string): Error {
    if (e instanceof RegistryError && e.status !== undefined) return e;
    const message = e instanceof Error ? e.message : String(e);
    return new RegistryError(`${message}; gave up after ${this.o.retries + 1} attempts, no tag was pushed`);
  }

  private rangeEnd(res: Response): number | undefined {
    const m = /^(?:bytes=)?0-(-?\d+)$/.exec(String(res.headers.range ?? ''));
    return m ? Number(m[1]) + 1 : undefined;
  }

  private async uploadStatus(
    location: string,
    scopes: string[],
    what: string,
  ): Promise<{ location: string; offset: number } | 'lost' | 'unreachable'> {
    try {
      const res = await this.request('GET', location, { scopes, what: `${what} (asking how much arrived)` });
      if (res.status === 404) return 'lost';
      if (res.status !== 204 && res.status !== 200) return 'unreachable';
      return {
        location: res.headers.location ? this.location(res, what) : location,
        offset: this.rangeEnd(res) ?? 0,
      };
    } catch {
      return 'unreachable';
    }
  }

  private async restart(repository: string, digest: string, what: string): Promise<string> {
    const s = await this.startUpload(repository, digest, undefined, what);
    if ('mounted' in s) throw new RegistryError(`${this.host}: unexpected mount while ${what}`);
    return s.location;
  }

  /** PUT a manifest or index; returns the digest the registry reports (Docker-Content-Digest). */
  async putManifest(
    repository: string,
    reference: string,
    bytes: Buffer,
    mediaType: string,
  ): Promise<string> {
    const what = `pushing ${reference.startsWith('sha256:') ? 'the manifest' : `tag ${reference}`} to ${repository}`;
    const res = await this.request('PUT', `/v2/${repository}/manifests/${reference}`, {
      headers: { 'content-type': mediaType },
      body: bytes,
      scopes: [`repository:${repository}:pull,push`],
      what,
      retry: true,
    });
    if (res.status !== 201 && res.status !== 200) throw this.unexpected(res, what);
    return String(res.headers['docker-content-digest'] ?? '') || `sha256:${sha256Hex(bytes)}`;
  }
}
