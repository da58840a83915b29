import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { execFile } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildImage } from '../../../src/checks/image/build.js';
import { FileGuard } from '../../../src/core/file-guard.js';
import { silentLogger } from '../../../src/core/logger.js';
import { readResultFile } from '../../../src/core/validate-result.js';
import { cli } from '../../helpers/cli.js';
import { sha256, startRegistry, uploads, type TestRegistry } from '../../helpers/registry.js';
import { ROOT } from '../../helpers/run-bundle.js';
import { demoBase, pushBase, skopeo, skopeoAsync, workspace } from './fixtures.js';

const cache = mkdtempSync(join(tmpdir(), 'model-ci-image-cache-'));
process.env.DOCKER_CONFIG = mkdtempSync(join(tmpdir(), 'docker-config-'));
const SECRET = 's3cr3t-Pa55word-xyz';
let base: string;
const registries: TestRegistry[] = [];
const closers: (() => Promise<void> | void)[] = [];

beforeAll(() => {
  base = demoBase();
});
afterAll(async () => {
  for (const c of closers) await c();
  for (const r of registries) await r.stop();
});

async function registry(auth?: Parameters<typeof startRegistry>[0]): Promise<TestRegistry> {
  const r = await startRegistry(auth);
  registries.push(r);
  return r;
}

function args(host: string, repo: string, extra: string[] = []): string[] {
  return [
    'image',
    '--model',
    'model/model.json',
    '--repository',
    `${host}/${repo}`,
    '--base',
    'oci:base:node',
    '--tag',
    't1',
    '--push',
    '--cache-dir',
    cache,
    '--out',
    'image.json',
    ...extra,
  ];
}

/** Run the built CLI as a process (for --password-stdin). */
function runCli(
  argv: string[],
  cwd: string,
  stdin: string,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [join(ROOT, 'dist/cli/index.js'), ...argv],
      { cwd, env: { ...process.env } },
      (err, stdout, stderr) =>
        resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
    child.stdin!.end(stdin);
  });
}

function noSecretIn(...texts: string[]): void {
  const b64 = Buffer.from(`ci:${SECRET}`).toString('base64');
  for (const t of texts) {
    expect(t).not.toContain(SECRET);
    expect(t).not.toContain(b64);
  }
}

describe('registry authentication', () => {
  test('htpasswd (Basic): --username + --password-stdin pushes; the password is in no output', async () => {
    const r = await registry({ kind: 'htpasswd', username: 'ci', password: SECRET });
    const ws = workspace(base);
    const run = await runCli(
      args(r.host, 'demo/basic', ['--username', 'ci', '--password-stdin']),
      ws,
      `${SECRET}\n`,
    );
    expect(run.stderr).not.toMatch(/error/);
    expect(run.code).toBe(0);
    const raw = skopeo([
      'inspect',
      '--raw',
      '--tls-verify=false',
      '--creds',
      `ci:${SECRET}`,
      `docker://${r.host}/demo/basic:t1`,
    ]);
    expect(readResultFile(join(ws, 'image.json')).details.digest).toBe(sha256(raw));
    noSecretIn(run.stdout, run.stderr, readFileSync(join(ws, 'image.json'), 'utf8'));
  });

  test('htpasswd: wrong credentials are a one-line 401 naming the registry and user, no secret shown', async () => {
    const r = await registry({ kind: 'htpasswd', username: 'ci', password: 'right-password' });
    const ws = workspace(base);
    const run = await runCli(
      args(r.host, 'demo/basic', ['--username', 'ci', '--password-stdin']),
      ws,
      `${SECRET}\n`,
    );
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n').pop()).toMatch(
      new RegExp(
        `^model-ci: error: ${r.host.replace(/\./g, '\\.')} answered 401 Unauthorized while checking blob sha256:[0-9a-f]{64} in demo/basic: the credentials from --username for user "ci" were refused$`,
      ),
    );
    noSecretIn(run.stdout, run.stderr);
    expect(existsSync(join(ws, 'image.json'))).toBe(false);
  });

  test('htpasswd without credentials: 401 says credentials are needed', async () => {
    const r = await registry({ kind: 'htpasswd', username: 'ci', password: SECRET });
    const run = await cli(args(r.host, 'demo/anon'), workspace(base));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /answered 401 Unauthorized while .*: credentials are needed \(docker login, --username\/--password-stdin\)/,
    );
  });

  test('docker config.json auths are used when no --username is given', async () => {
    const r = await registry({ kind: 'htpasswd', username: 'ci', password: SECRET });
    const dir = mkdtempSync(join(tmpdir(), 'docker-config-'));
    writeFileSync(
      join(dir, 'config.json'),
      JSON.stringify({ auths: { [r.host]: { auth: Buffer.from(`ci:${SECRET}`).toString('base64') } } }),
    );
    const saved = process.env.DOCKER_CONFIG;
    process.env.DOCKER_CONFIG = dir;
    try {
      const run = await cli(args(r.host, 'demo/config'), workspace(base));
      expect(run.stderr).not.toMatch(/error/);
      expect(run.code).toBe(0);
      noSecretIn(run.stdout, run.stderr);
    } finally {
      process.env.DOCKER_CONFIG = saved;
    }
  });

  test('token auth (Bearer from WWW-Authenticate): pushes with a token for pull,push scopes', async () => {
    const r = await registry({ kind: 'token', username: 'ci', password: SECRET });
    // The base lives in the same registry: the token must also grant pull on the base's repository.
    await pushBase(base, `${r.host}/base/node:20`, `ci:${SECRET}`);
    const ws = workspace();
    const run = await runCli(
      [
        'image',
        '--model',
        'model',
        '--repository',
        `${r.host}/demo/token`,
        '--base',
        `${r.host}/base/node:20`,
        '--tag',
        't1',
        '--push',
        '--cache-dir',
        cache,
        '--out',
        'image.json',
        '--username',
        'ci',
        '--password-stdin',
      ],
      ws,
      SECRET,
    );
    expect(run.stderr).not.toMatch(/error/);
    expect(run.code).toBe(0);
    const scopes = r.tokenRequests!();
    expect(scopes).toContain('repository:demo/token:pull,push repository:base/node:pull');
    const raw = await skopeoAsync([
      'inspect',
      '--raw',
      '--tls-verify=false',
      '--creds',
      `ci:${SECRET}`,
      `docker://${r.host}/demo/token:t1`,
    ]);
    expect(readResultFile(join(ws, 'image.json')).details.digest).toBe(sha256(raw));
    noSecretIn(run.stdout, run.stderr, readFileSync(join(ws, 'image.json'), 'utf8'));
  });

  test('token auth with a wrong password: the token server refused it, said in one line', async () => {
    const r = await registry({ kind: 'token', username: 'ci', password: 'right-password' });
    const run = await runCli(
      args(r.host, 'demo/token', ['--username', 'ci', '--password-stdin']),
      workspace(base),
      SECRET,
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /answered 401 Unauthorized: the credentials from --username for user "ci" were refused/,
    );
    noSecretIn(run.stdout, run.stderr);
  });
});

/**
 * A TCP proxy in front of a registry that cuts the connection once `after` bytes went upstream: in the
 * middle of a request, or (`atRequest`) just as the next PATCH starts, as when an idle keep-alive
 * connection is dropped.
 */
async function cuttingProxy(
  upstream: string,
  after: number,
  onCut: () => void = () => {},
  atRequest = false,
) {
  const [host, port] = upstream.split(':');
  let sent = 0;
  let cut = false;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const up = net.connect(Number(port), host);
    sockets.add(client).add(up);
    client.on('data', (c) => {
      sent += c.length;
      if (!cut && sent > after && (!atRequest || c.subarray(0, 6).toString() === 'PATCH ')) {
        cut = true;
        onCut();
        client.destroy();
        up.destroy();
        return;
      }
      up.write(c);
    });
    up.on('data', (c) => client.write(c));
    const close = () => {
      client.destroy();
      up.destroy();
    };
    client.on('error', close).on('close', close);
    up.on('error', close).on('close', close);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const close = () => {
    for (const s of sockets) s.destroy();
    return new Promise<void>((r) => server.close(() => r()));
  };
  closers.push(close);
  return { host: `127.0.0.1:${(server.address() as net.AddressInfo).port}`, close, wasCut: () => cut };
}

function tags(host: string, repo: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(`http://${host}/v2/${repo}/tags/list`, (res) => {
        let body = '';
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      })
      .on('error', reject);
  });
}

describe('faults while pushing', () => {
  test('a connection dropped in the middle of a chunked upload is resumed; the pushed image is whole', async () => {
    const r = await registry();
    const proxy = await cuttingProxy(r.host, 5_000_000, () => {}, true);
    const ws = workspace(base);
    const run = await cli(
      args(proxy.host, 'demo/resume', ['--chunk-size', '1048576', '--insecure-registry', proxy.host]),
      ws,
    );
    expect(run.stderr).not.toMatch(/error/);
    expect(run.code).toBe(0);
    expect(proxy.wasCut()).toBe(true);
    const d = readResultFile(join(ws, 'image.json')).details as {
      digest: string;
      uploads: { resumed: number };
    };
    expect(d.uploads.resumed).toBeGreaterThanOrEqual(1);
    const raw = skopeo(['inspect', '--raw', '--tls-verify=false', `docker://${r.host}/demo/resume:t1`]);
    expect(d.digest).toBe(sha256(raw));
    // Every layer arrived whole: skopeo verifies each blob's digest while copying.
    skopeo([
      'copy',
      '--quiet',
      '--src-tls-verify=false',
      `docker://${r.host}/demo/resume:t1`,
      `oci:${mkdtempSync(join(tmpdir(), 'verify-'))}:x`,
    ]);
    const requests = await r.requests();
    expect(requests.some((x) => /^GET \/v2\/demo\/resume\/blobs\/uploads\/\S+ 204$/.test(x))).toBe(true);
    // Resumed where the registry said it was, not started over: one upload session per blob.
    expect(uploads(requests, 'demo/resume').posts).toBe(4);
    expect(uploads(requests, 'demo/resume').patches).toBeGreaterThan(10);
  });

  test('a connection cut in the middle of a chunk: the registry forgets that upload, model-ci starts it over', async () => {
    const r = await registry();
    const proxy = await cuttingProxy(r.host, 5_000_000);
    const ws = workspace(base);
    const run = await cli(
      args(proxy.host, 'demo/restart', ['--chunk-size', '1048576', '--insecure-registry', proxy.host]),
      ws,
    );
    expect(run.stderr).not.toMatch(/error/);
    expect(run.code).toBe(0);
    expect(proxy.wasCut()).toBe(true);
    const d = readResultFile(join(ws, 'image.json')).details as { digest: string };
    expect(d.digest).toBe(
      sha256(skopeo(['inspect', '--raw', '--tls-verify=false', `docker://${r.host}/demo/restart:t1`])),
    );
    skopeo([
      'copy',
      '--quiet',
      '--src-tls-verify=false',
      `docker://${r.host}/demo/restart:t1`,
      `oci:${mkdtempSync(join(tmpdir(), 'verify-'))}:x`,
    ]);
    expect(uploads(await r.requests(), 'demo/restart').posts).toBe(5);
  });

  test('the registry killed mid-push: a clear failure after retries, and no tag exists', async () => {
    const r = await registry();
    const proxy = await cuttingProxy(r.host, 300_000, () => r.kill('SIGKILL'));
    const ws = workspace(base);
    const run = await cli(
      args(proxy.host, 'demo/killed', ['--chunk-size', '65536', '--insecure-registry', proxy.host]),
      ws,
    );
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n').pop()).toMatch(
      /^model-ci: error: 127\.0\.0\.1:\d+ did not answer while uploading [\w ()/]+ \(sha256:[0-9a-f]{64}, \d+ bytes\) to demo\/killed: ECONN\w+.*; gave up after 5 attempts, no tag was pushed$/,
    );
    await r.restart();
    const t = await tags(r.host, 'demo/killed');
    expect(t.body).not.toContain('t1');
  }, 60_000);

  test('a model file that changes while it is read stops the build with its name', async () => {
    const ws = workspace(base);
    const weights = join(ws, 'model', 'weights.bin');
    let changed = false;
    const files = new FileGuard(ws);
    const build = buildImage(
      {
        model: join(ws, 'model', 'model.json'),
        include: [],
        repository: 'localhost/demo/changing',
        base: 'oci:base:node',
        tags: [],
        tagTypes: [],
        latest: 'false',
        platforms: [],
        push: false,
        user: '65532:65532',
        port: 8000,
        env: [],
        labels: [],
        context: {},
        insecureRegistries: [],
        cacheDir: cache,
        compressionLevel: 6,
        chunkSize: 1 << 20,
        root: ws,
        baseDir: ws,
      },
      {
        logger: silentLogger,
        files,
        onChunk: (path) => {
          if (path === weights && !changed) {
            changed = true;
            appendFileSync(weights, Buffer.alloc(16));
          }
        },
      },
    );
    await expect(build).rejects.toThrow(
      new RegExp(
        `model file ${weights.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} changed while it was being read \\(964 bytes before, 980 read, 980 after\\)`,
      ),
    );
  });
});
