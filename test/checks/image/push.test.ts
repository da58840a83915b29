import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readResultFile } from '../../../src/core/validate-result.js';
import { cli } from '../../helpers/cli.js';
import { sha256, startRegistry, uploads, type TestRegistry } from '../../helpers/registry.js';
import { demoBase, pushBase, skopeo, workspace } from './fixtures.js';

const SHA = '0123456789abcdef0123456789abcdef01234567';
let registry: TestRegistry;
let base: string;
const cache = mkdtempSync(join(tmpdir(), 'model-ci-image-cache-'));
process.env.DOCKER_CONFIG = mkdtempSync(join(tmpdir(), 'docker-config-'));

beforeAll(async () => {
  base = demoBase();
  registry = await startRegistry();
  await pushBase(base, `${registry.host}/base/node:20`);
}, 120_000);
afterAll(async () => {
  await registry?.stop();
});

function build(ws: string, extra: string[] = []) {
  return cli(
    [
      'image',
      '--model',
      'model/model.json',
      '--include',
      'preprocessing.json',
      '--repository',
      `${registry.host}/demo/churn`,
      '--base',
      `${registry.host}/base/node:20`,
      '--sha',
      SHA,
      '--ref',
      'refs/pull/7/merge',
      '--push',
      '--cache-dir',
      cache,
      '--source-date-epoch',
      '1700000000',
      '--out',
      'image.json',
      ...extra,
    ],
    ws,
  );
}

describe('model-ci image against a real registry (anonymous)', () => {
  const ws = workspace();
  let first: ReturnType<typeof readResultFile>;

  test('builds and pushes the demo image; the registry reports the digest the result names', async () => {
    registry.resetLog();
    const run = await build(ws);
    expect(run.stderr).not.toContain('error');
    expect(run.code).toBe(0);
    first = readResultFile(join(ws, 'image.json'));
    const d = first.details as Record<string, unknown>;
    expect(d.tags).toEqual([`${registry.host}/demo/churn:pr-7`, `${registry.host}/demo/churn:sha-0123456`]);
    const raw = skopeo([
      'inspect',
      '--raw',
      '--tls-verify=false',
      `docker://${registry.host}/demo/churn:sha-0123456`,
    ]);
    expect(d.digest).toBe(sha256(raw));
    expect(d.image_ref).toBe(`${registry.host}/demo/churn@${sha256(raw)}`);
    expect(d.platforms).toEqual(['linux/amd64']);
    const layers = d.layers as { role: string; size_bytes: number; digest: string }[];
    expect(layers.map((l) => l.role)).toEqual(['base', 'app', 'model']);
    expect(d.size_bytes).toBe(JSON.parse(raw).config.size + layers.reduce((a, l) => a + l.size_bytes, 0));
    // The base layer came from another repository of the same registry: mounted, not uploaded.
    const log = uploads(await registry.requests(), 'demo/churn');
    expect(
      (await registry.requests()).some(
        (r) => /^POST \/v2\/demo\/churn\/blobs\/uploads\/\?.*mount=/.test(r) && r.endsWith(' 201'),
      ),
    ).toBe(true);
    expect(log.blobPuts.sort()).toEqual(
      [layers[1].digest, layers[2].digest, JSON.parse(raw).config.digest].sort(),
    );
  });

  test('the config as a client sees it: non-root user, port, exec-form Cmd, healthcheck, labels', () => {
    const config = JSON.parse(
      skopeo([
        'inspect',
        '--config',
        '--raw',
        '--tls-verify=false',
        `docker://${registry.host}/demo/churn:pr-7`,
      ]),
    );
    expect(config.config.User).toBe('65532:65532');
    expect(config.config.ExposedPorts).toEqual({ '8000/tcp': {} });
    expect(config.config.Cmd).toEqual(['node', '/app/server.js']);
    expect(config.config.Healthcheck.Test).toEqual(['CMD', 'node', '/app/server.js', '--healthcheck']);
    expect(config.config.Env).toEqual(
      expect.arrayContaining([
        'PORT=8000',
        'MODEL_PATH=/app/model/model.json',
        'PATH=/usr/local/bin:/usr/bin:/bin',
      ]),
    );
    const labels = config.config.Labels as Record<string, string>;
    expect(labels['org.opencontainers.image.revision']).toBe(SHA);
    expect(labels['org.opencontainers.image.created']).toBe('2023-11-14T22:13:20Z');
    expect(labels['org.opencontainers.image.version']).toBe('pr-7');
    const files = ['model.json', 'preprocessing.json', 'weights.bin'].map(
      (f) =>
        `${execFileSync('sha256sum', [join(ws, 'model', f)], { encoding: 'utf8' }).split(' ')[0]}  ${f}\n`,
    );
    expect(labels['dev.model-ci.model.digest']).toBe(sha256(files.join('')));
    expect(config.created).toBe('2023-11-14T22:13:20Z');
    expect(config.rootfs.diff_ids).toHaveLength(3);
  });

  test('umoci unpacks it: the app and the model files, owned by root, read-only for the server user', () => {
    const dir = mkdtempSync(join(tmpdir(), 'umoci-'));
    execFileSync('skopeo', [
      'copy',
      '--quiet',
      '--src-tls-verify=false',
      `docker://${registry.host}/demo/churn:pr-7`,
      `oci:${dir}/layout:img`,
    ]);
    execFileSync('umoci', ['unpack', '--rootless', '--image', `${dir}/layout:img`, `${dir}/bundle`], {
      stdio: 'pipe',
    });
    const rootfs = join(dir, 'bundle', 'rootfs');
    for (const f of [
      'app/server.js',
      'app/package.json',
      'app/tfjs-backend-wasm-simd.wasm',
      'app/model/model.json',
      'app/model/weights.bin',
      'app/model/preprocessing.json',
    ])
      expect(existsSync(join(rootfs, f))).toBe(true);
    expect(existsSync(join(rootfs, 'app/ort-wasm-simd-threaded.wasm'))).toBe(false); // a TF.js model needs no onnxruntime
    expect(statSync(join(rootfs, 'app/model/weights.bin')).mode & 0o777).toBe(0o644);
    expect(readFileSync(join(rootfs, 'app/model/weights.bin'))).toEqual(
      readFileSync(join(ws, 'model/weights.bin')),
    );
    // tar headers: owner 0:0 and the fixed mtime, listed by GNU tar from the layer blob itself.
    const layers = (first.details as { layers: { digest: string }[] }).layers;
    const blob = join(dir, 'layout', 'blobs', 'sha256', layers[2].digest.slice(7));
    const listing = execFileSync('tar', ['--numeric-owner', '--full-time', '-tvzf', blob], {
      encoding: 'utf8',
      env: { ...process.env, TZ: 'UTC' },
    });
    expect(listing.trim().split('\n')).toEqual([
      'drwxr-xr-x 0/0               0 2023-11-14 22:13:20 app/',
      'drwxr-xr-x 0/0               0 2023-11-14 22:13:20 app/model/',
      expect.stringMatching(/^-rw-r--r-- 0\/0 +\d+ 2023-11-14 22:13:20 app\/model\/model.json$/),
      expect.stringMatching(/^-rw-r--r-- 0\/0 +\d+ 2023-11-14 22:13:20 app\/model\/preprocessing.json$/),
      expect.stringMatching(/^-rw-r--r-- 0\/0 +\d+ 2023-11-14 22:13:20 app\/model\/weights.bin$/),
    ]);
  });

  test('a rebuild with no change gives the same digest and uploads no blob', async () => {
    registry.resetLog();
    const run = await build(ws);
    expect(run.code).toBe(0);
    const again = readResultFile(join(ws, 'image.json'));
    expect(again.details.digest).toBe(first.details.digest);
    const log = uploads(await registry.requests(), 'demo/churn');
    expect(log).toMatchObject({ blobPuts: [], patches: 0, posts: 0 });
    expect((await registry.requests()).filter((r) => r.startsWith('HEAD ')).length).toBeGreaterThanOrEqual(4);
  });

  test('the same inputs with an empty cache give the same digest (nothing depends on the machine or time)', async () => {
    const ws2 = workspace();
    const run = await build(ws2, ['--cache-dir', mkdtempSync(join(tmpdir(), 'empty-cache-'))]);
    expect(run.code).toBe(0);
    expect(readResultFile(join(ws2, 'image.json')).details.digest).toBe(first.details.digest);
  });

  test('a model change re-uploads only the model layer (and the config that names it)', async () => {
    const ws2 = workspace();
    const weights = join(ws2, 'model', 'weights.bin');
    const bytes = readFileSync(weights);
    bytes[100] ^= 1;
    writeFileSync(weights, bytes);
    registry.resetLog();
    const run = await build(ws2);
    expect(run.code).toBe(0);
    const changed = readResultFile(join(ws2, 'image.json')).details as {
      digest: string;
      layers: { role: string; digest: string }[];
    };
    const before = first.details as { digest: string; layers: { role: string; digest: string }[] };
    expect(changed.digest).not.toBe(before.digest);
    expect(changed.layers[1].digest).toBe(before.layers[1].digest); // app
    expect(changed.layers[2].digest).not.toBe(before.layers[2].digest); // model
    const raw = JSON.parse(
      skopeo(['inspect', '--raw', '--tls-verify=false', `docker://${registry.host}/demo/churn:pr-7`]),
    );
    expect(uploads(await registry.requests(), 'demo/churn').blobPuts.sort()).toEqual(
      [changed.layers[2].digest, raw.config.digest].sort(),
    );
  });

  test('a base without the requested platform: exit 2 naming what it has', async () => {
    const run = await build(workspace(), ['--platform', 'linux/arm64']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /base 127\.0\.0\.1:\d+\/base\/node:20 is a single-platform image for linux\/amd64; it has no linux\/arm64 image/,
    );
  });
});

describe('several platforms make an index', () => {
  test('linux/amd64 + linux/arm64 from an index base: an index of two manifests, no unknown/unknown', async () => {
    const multi = demoBase('linux/amd64,linux/arm64');
    await pushBase(multi, `${registry.host}/base/multi:1`);
    const ws = workspace();
    const run = await cli(
      [
        'image',
        '--model',
        'model',
        '--repository',
        `${registry.host}/demo/multi`,
        '--base',
        `${registry.host}/base/multi:1`,
        '--platform',
        'linux/amd64',
        '--platform',
        'linux/arm64',
        '--tag',
        'v1',
        '--push',
        '--cache-dir',
        cache,
        '--out',
        'image.json',
      ],
      ws,
    );
    expect(run.stderr).not.toMatch(/error/);
    expect(run.code).toBe(0);
    const index = JSON.parse(
      skopeo(['inspect', '--raw', '--tls-verify=false', `docker://${registry.host}/demo/multi:v1`]),
    );
    expect(index.mediaType).toBe('application/vnd.oci.image.index.v1+json');
    expect(
      index.manifests.map(
        (m: { platform: { os: string; architecture: string } }) =>
          `${m.platform.os}/${m.platform.architecture}`,
      ),
    ).toEqual(['linux/amd64', 'linux/arm64']);
    const r = readResultFile(join(ws, 'image.json'));
    expect(r.details.platforms).toEqual(['linux/amd64', 'linux/arm64']);
    expect(r.details.digest).toBe(
      sha256(skopeo(['inspect', '--raw', '--tls-verify=false', `docker://${registry.host}/demo/multi:v1`])),
    );
    const arm = JSON.parse(
      skopeo([
        'inspect',
        '--config',
        '--raw',
        '--tls-verify=false',
        '--override-arch',
        'arm64',
        `docker://${registry.host}/demo/multi:v1`,
      ]),
    );
    expect(arm.architecture).toBe('arm64');
  });
});
