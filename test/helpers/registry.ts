/**
 * Real OCI registries for tests: Debian's `docker-registry` (distribution 2.8) on 127.0.0.1 at a free
 * port, with its own storage folder, anonymous or with htpasswd (Basic) or token (Bearer) auth. The token
 * server is a small local HTTP server that checks Basic credentials and signs JWTs (ES256, x5c header)
 * with a throwaway key whose certificate the registry trusts. Each registry logs one line per request,
 * so tests count uploads from the registry's own log.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomUUID, sign, X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../src/checks/smoke/http.js';

export interface TestRegistry {
  host: string;
  dir: string;
  /** Access-log request lines so far: `METHOD PATH STATUS` (after a pause for the log to catch up). */
  requests(): Promise<string[]>;
  /** Forget the requests seen so far. */
  resetLog(): void;
  kill(signal?: NodeJS.Signals): void;
  stop(): Promise<void>;
  /** Start again on the same port and storage (after kill). */
  restart(): Promise<void>;
  tokenRequests?: () => string[];
}

export interface RegistryAuth {
  kind: 'htpasswd' | 'token';
  username: string;
  password: string;
}

async function waitUp(url: string, ms = 10_000): Promise<void> {
  const t0 = Date.now();
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const req = http.get(url, (res) => {
        res.resume();
        resolve(res.statusCode === 200 || res.statusCode === 401);
      });
      req.on('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() - t0 > ms) throw new Error(`registry at ${url} did not start`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const b64url = (b: Buffer | string) => Buffer.from(b).toString('base64url');

async function startTokenServer(dir: string, auth: RegistryAuth, service: string) {
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-keyout',
      join(dir, 'key.pem'),
      '-out',
      join(dir, 'cert.pem'),
      '-days',
      '2',
      '-subj',
      '/CN=model-ci-test-token',
    ],
    { stdio: 'ignore' },
  );
  const key = readFileSync(join(dir, 'key.pem'), 'utf8');
  const cert = new X509Certificate(readFileSync(join(dir, 'cert.pem')));
  const seen: string[] = [];
  const server = http.createServer((req, res) => {
    const u = new URL(req.url ?? '/', 'http://x');
    seen.push(u.searchParams.getAll('scope').join(' '));
    const header = String(req.headers.authorization ?? '');
    const expected = `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}`;
    if (header !== expected) {
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end('{"details":"incorrect username or password"}');
      return;
    }
    const now = Math.floor(Date.now() / 1000);
    const access = u.searchParams
      .getAll('scope')
      .flatMap((s) => s.split(' '))
      .filter(Boolean)
      .map((s) => {
        const [type, ...rest] = s.split(':');
        const actions = rest.pop()!.split(',');
        return { type, name: rest.join(':'), actions };
      });
    const head = { typ: 'JWT', alg: 'ES256', x5c: [cert.raw.toString('base64')] };
    const claims = {
      iss: 'model-ci-test-issuer',
      sub: auth.username,
      aud: service,
      exp: now + 300,
      nbf: now - 10,
      iat: now,
      jti: randomUUID(),
      access,
    };
    const data = `${b64url(JSON.stringify(head))}.${b64url(JSON.stringify(claims))}`;
    const sig = sign('sha256', Buffer.from(data), { key, dsaEncoding: 'ieee-p1363' });
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ token: `${data}.${b64url(sig)}`, expires_in: 300 }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { server, port: (server.address() as AddressInfo).port, seen };
}

export async function startRegistry(auth?: RegistryAuth): Promise<TestRegistry> {
  const dir = mkdtempSync(join(tmpdir(), 'model-ci-registry-'));
  const port = await freePort();
  const service = 'model-ci-test-registry';
  let authBlock = '';
  let token: Awaited<ReturnType<typeof startTokenServer>> | undefined;
  if (auth?.kind === 'htpasswd') {
    writeFileSync(
      join(dir, 'htpasswd'),
      execFileSync('htpasswd', ['-Bbn', auth.username, auth.password], { encoding: 'utf8' }),
    );
    authBlock = `auth:\n  htpasswd:\n    realm: model-ci-test\n    path: ${join(dir, 'htpasswd')}\n`;
  } else if (auth?.kind === 'token') {
    token = await startTokenServer(dir, auth, service);
    authBlock = `auth:\n  token:\n    realm: http://127.0.0.1:${token.port}/token\n    service: ${service}\n    issuer: model-ci-test-issuer\n    rootcertbundle: ${join(dir, 'cert.pem')}\n`;
  }
  const config = join(dir, 'config.yml');
  writeFileSync(
    config,
    `version: 0.1\nlog:\n  level: error\n  accesslog:\n    disabled: false\nstorage:\n  filesystem:\n    rootdirectory: ${join(dir, 'data')}\n  delete:\n    enabled: true\nhttp:\n  addr: 127.0.0.1:${port}\n${authBlock}`,
  );
  let lines: string[] = [];
  let child: ChildProcess;
  const start = async () => {
    child = spawn('docker-registry', ['serve', config], { stdio: ['ignore', 'pipe', 'pipe'] });
    const onData = (c: Buffer) => {
      for (const line of c.toString('utf8').split('\n')) {
        const m = /"([A-Z]+) (\S+) HTTP\/[\d.]+" (\d{3})/.exec(line);
        if (m) lines.push(`${m[1]} ${m[2]} ${m[3]}`);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    await waitUp(`http://127.0.0.1:${port}/v2/`);
  };
  await start();
  const stopChild = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGKILL');
    });
  return {
    host: `127.0.0.1:${port}`,
    dir,
    requests: async () => {
      await new Promise((r) => setTimeout(r, 300));
      return [...lines];
    },
    resetLog: () => void (lines = []),
    kill: (signal = 'SIGKILL') => child.kill(signal),
    async stop() {
      await stopChild();
      await new Promise<void>((r) => (token ? token.server.close(() => r()) : r()));
    },
    async restart() {
      await stopChild();
      await start();
    },
    ...(token ? { tokenRequests: () => [...token!.seen] } : {}),
  };
}

/** Blob uploads (POST/PATCH/PUT on blobs/uploads) and manifest PUTs in the registry's access log. */
export function uploads(
  all: readonly string[],
  repository: string,
): { blobPuts: string[]; patches: number; posts: number; manifestPuts: string[] } {
  const requests = all.filter((r) => r.split(' ')[1].startsWith(`/v2/${repository}/`));
  const blobPuts = requests
    .filter((r) => /^PUT \S+\/blobs\/uploads\//.test(r))
    .map((r) => decodeURIComponent(/digest=([^&\s]+)/.exec(r)?.[1] ?? ''));
  return {
    blobPuts,
    patches: requests.filter((r) => /^PATCH \S+\/blobs\/uploads\//.test(r)).length,
    posts: requests.filter((r) => /^POST \S+\/blobs\/uploads\//.test(r)).length,
    manifestPuts: requests.filter((r) => /^PUT \S+\/manifests\//.test(r)).map((r) => r.split(' ')[1]),
  };
}

export const sha256 = (b: Buffer | string) => `sha256:${createHash('sha256').update(b).digest('hex')}`;
