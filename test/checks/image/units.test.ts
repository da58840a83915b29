import { describe, expect, test } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildxArgs } from '../../../src/checks/image/docker-builder.js';
import { checkUser } from '../../../src/checks/image/image-config.js';
import { githubContext } from '../../../src/checks/image/github-context.js';
import { BlobStore } from '../../../src/checks/image/blob-store.js';
import { buildLayer } from '../../../src/checks/image/layer.js';
import { imagePresenter } from '../../../src/checks/image/present.js';
import { parsePlatform, platformMatches } from '../../../src/checks/image/platform.js';
import { parseReference } from '../../../src/checks/image/reference.js';
import { parseChallenges } from '../../../src/checks/image/registry/auth.js';
import { computeTags, TAG_TYPES } from '../../../src/checks/image/tags.js';
import { writeTar } from '../../../src/checks/image/tar.js';
import { listModelFiles } from '../../../src/model/model-files.js';
import { ROOT } from '../../helpers/run-bundle.js';

const all = { types: TAG_TYPES, latest: 'auto' as const, explicit: [] };
const SHA = 'abcdef0123456789abcdef0123456789abcdef01';

describe('tags like docker/metadata-action', () => {
  test.each([
    ['pull request', { sha: SHA, ref: 'refs/pull/12/merge' }, all, ['pr-12', 'sha-abcdef0'], 'pr-12'],
    [
      'branch push',
      { sha: SHA, ref: 'refs/heads/feature/new-model' },
      all,
      ['feature-new-model', 'sha-abcdef0'],
      'feature-new-model',
    ],
    [
      'release tag',
      { sha: SHA, ref: 'refs/tags/v1.2.3' },
      all,
      ['1.2.3', '1.2', '1', 'sha-abcdef0', 'latest'],
      '1.2.3',
    ],
    ['0.x release: no major tag', { ref: 'refs/tags/v0.4.0' }, all, ['0.4.0', '0.4', 'latest'], '0.4.0'],
    [
      'pre-release: version only, no latest',
      { ref: 'refs/tags/v2.0.0-rc.1' },
      all,
      ['2.0.0-rc.1'],
      '2.0.0-rc.1',
    ],
    ['a tag that is not semver', { sha: SHA, ref: 'refs/tags/nightly' }, all, ['sha-abcdef0'], 'sha-abcdef0'],
    [
      'latest=false on a release',
      { ref: 'refs/tags/v1.0.0' },
      { ...all, latest: 'false' as const },
      ['1.0.0', '1.0', '1'],
      '1.0.0',
    ],
    [
      'latest=true on a branch',
      { ref: 'refs/heads/main' },
      { ...all, latest: 'true' as const },
      ['main', 'latest'],
      'main',
    ],
    [
      'explicit tags, no generated ones',
      { sha: SHA, ref: 'refs/heads/main' },
      { types: [], latest: 'auto' as const, explicit: ['demo', 'v1'] },
      ['demo', 'v1'],
      'demo',
    ],
  ])('%s', (_name, ctx, options, tags, version) => {
    const r = computeTags(ctx, options);
    expect(r.tags).toEqual(tags);
    expect(r.version).toBe(version);
  });

  test('a bad explicit tag or sha is an input error quoting it', () => {
    expect(() => computeTags({}, { ...all, explicit: ['-bad'] })).toThrow('tag: "-bad" is not a valid tag');
    expect(() => computeTags({ sha: 'xyz' }, all)).toThrow('sha: expected a git commit sha, got "xyz"');
  });

  test('in an action, the pull request head sha wins over GITHUB_SHA (the merge commit)', () => {
    const ctx = githubContext({
      GITHUB_ACTIONS: 'true',
      GITHUB_EVENT_PATH: join(ROOT, 'test/fixtures/github/pull_request.opened.json'),
      GITHUB_SHA: 'ffffffffffffffffffffffffffffffffffffffff',
      GITHUB_REF: 'refs/pull/42/merge',
      GITHUB_REPOSITORY: 'acme-ml/churn-model',
    });
    expect(ctx).toMatchObject({
      sha: '3f1c0a9d2b7e4c5a8e6f1d2c3b4a5968778695a4',
      ref: 'refs/pull/42/merge',
      pr: 42,
    });
    expect(githubContext({ GITHUB_SHA: 'f'.repeat(40) })).toEqual({});
  });
});

describe('references, platforms, challenges', () => {
  test.each([
    ['node:20', { registry: 'docker.io', repository: 'library/node', tag: '20' }],
    ['ghcr.io/acme/churn', { registry: 'ghcr.io', repository: 'acme/churn' }],
    [
      '127.0.0.1:5000/base/node:20-slim',
      { registry: '127.0.0.1:5000', repository: 'base/node', tag: '20-slim' },
    ],
    [
      `localhost/x@sha256:${'a'.repeat(64)}`,
      { registry: 'localhost', repository: 'x', digest: `sha256:${'a'.repeat(64)}` },
    ],
    ['oci:.cache/base:node', { kind: 'oci-layout', path: '.cache/base', tag: 'node' }],
    ['oci:/abs/dir', { kind: 'oci-layout', path: '/abs/dir' }],
  ])('%s', (text, expected) => expect(parseReference(text, '--base')).toMatchObject(expected));

  test.each(['', 'UPPER/case', 'host/x:bad tag', 'x@sha256:123', 'oci:'])(
    'bad reference %j names the flag',
    (text) => {
      expect(() => parseReference(text, '--base')).toThrow(/^--base: ".*" is not an image reference/);
    },
  );

  test('platforms: unknown/unknown is never a platform; arm64 means v8', () => {
    expect(() => parsePlatform('unknown/unknown', '--platform')).toThrow(
      'is not a platform an image can be built for',
    );
    expect(() => parsePlatform('amd64', '--platform')).toThrow('expected OS/ARCH[/VARIANT]');
    expect(
      platformMatches(
        { os: 'linux', architecture: 'arm64', variant: 'v8' },
        parsePlatform('linux/arm64', 'p'),
      ),
    ).toBe(true);
    expect(
      platformMatches({ os: 'linux', architecture: 'arm64' }, parsePlatform('linux/arm64/v8', 'p')),
    ).toBe(true);
    expect(
      platformMatches(
        { os: 'linux', architecture: 'arm', variant: 'v6' },
        parsePlatform('linux/arm/v7', 'p'),
      ),
    ).toBe(false);
  });

  test('WWW-Authenticate challenges (quoted commas, several schemes)', () => {
    expect(
      parseChallenges(
        'Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/node:pull,push"',
      ),
    ).toEqual([
      {
        scheme: 'bearer',
        params: {
          realm: 'https://auth.docker.io/token',
          service: 'registry.docker.io',
          scope: 'repository:library/node:pull,push',
        },
      },
    ]);
    expect(parseChallenges('Basic realm="Registry Realm", Bearer realm="https://x/token"')).toEqual([
      { scheme: 'basic', params: { realm: 'Registry Realm' } },
      { scheme: 'bearer', params: { realm: 'https://x/token' } },
    ]);
  });

  test('the image never runs as root', () => {
    for (const u of ['root', '0', '0:0', 'root:root'])
      expect(() => checkUser(u)).toThrow('must not run as root');
    expect(checkUser('65532:65532')).toBe('65532:65532');
  });

  test('builder docker: every value is one argument (nothing for a shell to interpret)', () => {
    const args = buildxArgs(
      {
        dockerfile: '/repo/Dockerfile',
        tags: ['ghcr.io/a/b:x; rm -rf /'],
        platforms: ['linux/amd64'],
        labels: { k: '$(id)' },
        push: true,
      },
      '/tmp/m.json',
    );
    expect(args).toEqual([
      'buildx',
      'build',
      '--file',
      '/repo/Dockerfile',
      '--metadata-file',
      '/tmp/m.json',
      '--push',
      '--platform',
      'linux/amd64',
      '--tag',
      'ghcr.io/a/b:x; rm -rf /',
      '--label',
      'k=$(id)',
      '/repo',
    ]);
  });
});

describe('reproducible layers', () => {
  test('the same files give the same bytes; GNU tar reads names over 100 bytes (PAX) and fixed owners', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tar-'));
    writeFileSync(join(dir, 'a'), 'hello');
    const long = `app/${'d'.repeat(120)}/file.txt`;
    const files = [
      { name: 'app/z.txt', source: { bytes: Buffer.from('z') } },
      { name: long, source: { path: join(dir, 'a') } },
      { name: 'app/b/x.bin', source: { path: join(dir, 'a') }, executable: true },
    ];
    const chunks: Uint8Array[] = [];
    writeTar(files, 1_700_000_000, (c) => chunks.push(c));
    const again: Uint8Array[] = [];
    writeTar([...files].reverse(), 1_700_000_000, (c) => again.push(c));
    expect(Buffer.concat(again)).toEqual(Buffer.concat(chunks));
    writeFileSync(join(dir, 'layer.tar'), Buffer.concat(chunks));
    const listing = execFileSync('tar', ['--numeric-owner', '--full-time', '-tvf', join(dir, 'layer.tar')], {
      encoding: 'utf8',
      env: { ...process.env, TZ: 'UTC' },
    });
    expect(
      listing
        .trim()
        .split('\n')
        .map((l) => l.replace(/ +/g, ' ')),
    ).toEqual([
      'drwxr-xr-x 0/0 0 2023-11-14 22:13:20 app/',
      'drwxr-xr-x 0/0 0 2023-11-14 22:13:20 app/b/',
      '-rwxr-xr-x 0/0 5 2023-11-14 22:13:20 app/b/x.bin',
      `drwxr-xr-x 0/0 0 2023-11-14 22:13:20 app/${'d'.repeat(120)}/`,
      `-rw-r--r-- 0/0 5 2023-11-14 22:13:20 ${long}`,
      '-rw-r--r-- 0/0 1 2023-11-14 22:13:20 app/z.txt',
    ]);
  });

  test('a layer built twice into empty caches has one digest; gzip -t accepts it', () => {
    const model = listModelFiles(join(ROOT, 'workflows-examples/demo/model/model.json'));
    const files = model.files.map((f) => ({ name: `app/model/${f.name}`, source: { path: f.path } }));
    const a = buildLayer('model', files, {
      mtime: 0,
      level: 6,
      store: new BlobStore(mkdtempSync(join(tmpdir(), 'c1-'))),
    });
    const storeB = new BlobStore(mkdtempSync(join(tmpdir(), 'c2-')));
    const b = buildLayer('model', files, { mtime: 0, level: 6, store: storeB });
    expect(b.digest).toBe(a.digest);
    expect(b.diffId).toBe(a.diffId);
    expect(buildLayer('model', files, { mtime: 0, level: 6, store: storeB }).cached).toBe(true);
    execFileSync('gzip', ['-t', storeB.path(b.digest)]);
    expect(readFileSync(storeB.path(b.digest)).subarray(0, 10)).toEqual(
      Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3]),
    );
  });

  test('a weight manifest path out of the model folder is refused', () => {
    const dir = mkdtempSync(join(tmpdir(), 'evil-'));
    writeFileSync(
      join(dir, 'model.json'),
      JSON.stringify({ modelTopology: {}, weightsManifest: [{ paths: ['../../etc/passwd'], weights: [] }] }),
    );
    expect(() => listModelFiles(join(dir, 'model.json'))).toThrow(
      /weightsManifest\[0\]\.paths\[0\]: "\.\.\/\.\.\/etc\/passwd" is not allowed: it leads out of/,
    );
  });
});

test('presenter: key figures and escaped PR text', () => {
  const r = {
    schema: 'model-ci/result@1' as const,
    check: 'image',
    status: 'pass' as const,
    title: 'Serving image',
    summary: 'x <script>',
    metrics: { size_bytes: 44_000_000, layers: 3 },
    findings: [],
    details: {
      image_ref: 'ghcr.io/a/b@sha256:1',
      tags: ['ghcr.io/a/b:pr-1`<b>'],
      platforms: ['linux/amd64'],
      size_bytes: 44_000_000,
      base: { name: 'node:<b>', digest: 'sha256:2', size_bytes: 42_000_000, layers: 1 },
      layers: [
        { role: 'base', digest: 'sha256:2', size_bytes: 41_999_000 },
        { role: 'app', digest: 'sha256:3', size_bytes: 1_900_000 },
        { role: 'model', digest: 'sha256:4', size_bytes: 100_000 },
      ],
    },
    inputs: {},
    startedAt: '',
    durationMs: 0,
    tool: { name: 'model-ci' as const, version: '0' },
  };
  expect(imagePresenter.keyFigures!(r)).toEqual([
    { label: 'image size', value: 44, unit: 'MB', change: 'relative', better: 'lower' },
    { label: 'layers', value: 3, better: 'lower' },
  ]);
  const md = imagePresenter.markdown(r);
  expect(md).not.toContain('<script>');
  expect(md).not.toContain('<b>)');
  expect(md).toContain('`ghcr.io/a/b:pr-1<b>`');
  expect(md).toContain('| **image** (compressed, with config) | **44 MB** | +2 MB over the base |');
});
