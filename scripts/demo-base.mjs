#!/usr/bin/env node
// A base image for the demo and the tests, made offline from this machine: the running `node` binary,
// every shared library `ldd` names for it, /etc/passwd and /etc/group with a non-root user (65532), and
// /tmp — written as an OCI image layout that `model-ci image --base oci:DIR:node` reads.
//
//   node scripts/demo-base.mjs [DIR] [--platforms linux/amd64,linux/arm64]
//
// DIR defaults to .cache/demo-base. Nothing is pulled from a registry. Reproducible: sorted entries,
// mtime 0, owner 0:0, so the same node binary gives the same digests. It is rebuilt only when the node
// binary or this script changes (a stamp file records both). `--platforms` with several entries writes
// an index whose extra platforms carry this machine's binary under another name: for tests of platform
// selection only, never to run.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { Buffer } from 'node:buffer';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const pIdx = args.indexOf('--platforms');
const platforms = (
  pIdx >= 0 ? args.splice(pIdx, 2)[1] : `linux/${process.arch === 'arm64' ? 'arm64' : 'amd64'}`
).split(',');
const out = resolve(args[0] ?? join(root, '.cache', 'demo-base'));

const node = process.execPath;
const nodeStat = statSync(node);
const stamp = JSON.stringify({
  node,
  size: nodeStat.size,
  mtime: nodeStat.mtimeMs,
  script: statSync(fileURLToPath(import.meta.url)).mtimeMs,
  platforms,
});
if (existsSync(join(out, '.stamp')) && readFileSync(join(out, '.stamp'), 'utf8') === stamp) {
  console.log(`${out}: up to date`);
  process.exit(0);
}

function libraries() {
  const text = execFileSync('ldd', [node], { encoding: 'utf8' });
  const libs = new Set();
  for (const line of text.split('\n')) {
    const m = /=>\s*(\/\S+)/.exec(line) ?? /^\s*(\/\S+)\s+\(/.exec(line);
    if (m) libs.add(m[1]);
  }
  return [...libs];
}

// ---- a minimal reproducible ustar writer (the project's own lives in src/checks/image/tar.ts)
const octal = (v, w) => v.toString(8).padStart(w - 1, '0') + '\0';
function header(name, type, size, mode) {
  const h = Buffer.alloc(512);
  if (Buffer.byteLength(name) > 100) throw new Error(`name too long for this script: ${name}`);
  h.write(name, 0, 100);
  h.write(octal(mode, 8), 100);
  h.write(octal(0, 8), 108);
  h.write(octal(0, 8), 116);
  h.write(octal(size, 12), 124);
  h.write(octal(0, 12), 136);
  h.write('        ', 148);
  h.write(type, 156);
  h.write('ustar\0', 257);
  h.write('00', 263);
  let sum = 0;
  for (const b of h) sum += b;
  h.write(sum.toString(8).padStart(6, '0') + '\0 ', 148);
  return h;
}
function tar(entries) {
  const dirs = new Set();
  for (const e of entries) {
    const parts = e.name.split('/');
    for (let i = 1; i < parts.length; i++) dirs.add(parts.slice(0, i).join('/'));
  }
  const all = [...[...dirs].map((d) => ({ name: d, dir: true })), ...entries];
  all.sort((a, b) =>
    Buffer.compare(Buffer.from(a.dir ? a.name + '/' : a.name), Buffer.from(b.dir ? b.name + '/' : b.name)),
  );
  const chunks = [];
  for (const e of all) {
    if (e.dir) {
      chunks.push(header(e.name + '/', '5', 0, e.name === 'tmp' ? 0o1777 : 0o755));
      continue;
    }
    chunks.push(
      header(e.name, '0', e.data.length, e.mode ?? 0o644),
      e.data,
      Buffer.alloc((512 - (e.data.length % 512)) % 512),
    );
  }
  chunks.push(Buffer.alloc(1024));
  return Buffer.concat(chunks);
}

const entries = [
  { name: 'usr/local/bin/node', data: readFileSync(node), mode: 0o755 },
  ...libraries().map((p) => ({ name: p.slice(1), data: readFileSync(p), mode: 0o755 })),
  {
    name: 'etc/passwd',
    data: Buffer.from(
      'root:x:0:0:root:/root:/sbin/nologin\nnonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin\n',
    ),
  },
  { name: 'etc/group', data: Buffer.from('root:x:0:\nnonroot:x:65532:\n') },
  { name: 'home/nonroot/.keep', data: Buffer.alloc(0) },
  { name: 'tmp/.keep', data: Buffer.alloc(0) },
];
const layerTar = tar(entries);
const layer = gzipSync(layerTar, { level: 1 });
const sha = (b) => createHash('sha256').update(b).digest('hex');

const tmp = `${out}.tmp-${process.pid}`;
rmSync(tmp, { recursive: true, force: true });
mkdirSync(join(tmp, 'blobs', 'sha256'), { recursive: true });
const put = (bytes) => {
  const hex = sha(bytes);
  writeFileSync(join(tmp, 'blobs', 'sha256', hex), bytes);
  return { digest: `sha256:${hex}`, size: bytes.length };
};
const layerDesc = put(layer);
const manifests = platforms.map((p) => {
  const [os, architecture, variant] = p.split('/');
  const config = Buffer.from(
    JSON.stringify({
      created: '1970-01-01T00:00:00Z',
      architecture,
      ...(variant ? { variant } : {}),
      os,
      config: { Env: ['PATH=/usr/local/bin:/usr/bin:/bin'], Cmd: ['node'], User: '65532:65532' },
      rootfs: { type: 'layers', diff_ids: [`sha256:${sha(layerTar)}`] },
      history: [
        {
          created: '1970-01-01T00:00:00Z',
          created_by: `model-ci scripts/demo-base.mjs: node ${process.version} + libraries`,
        },
      ],
    }),
  );
  const configDesc = put(config);
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      config: { mediaType: 'application/vnd.oci.image.config.v1+json', ...configDesc },
      layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', ...layerDesc }],
    }),
  );
  return {
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    ...put(manifest),
    platform: { architecture, os, ...(variant ? { variant } : {}) },
  };
});
let top;
if (manifests.length === 1) top = manifests[0];
else {
  const index = Buffer.from(
    JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json', manifests }),
  );
  top = { mediaType: 'application/vnd.oci.image.index.v1+json', ...put(index) };
}
writeFileSync(join(tmp, 'oci-layout'), '{"imageLayoutVersion":"1.0.0"}');
writeFileSync(
  join(tmp, 'index.json'),
  JSON.stringify({
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.index.v1+json',
    manifests: [
      {
        mediaType: top.mediaType,
        digest: top.digest,
        size: top.size,
        annotations: { 'org.opencontainers.image.ref.name': 'node' },
      },
    ],
  }),
);
writeFileSync(join(tmp, '.stamp'), stamp);
rmSync(out, { recursive: true, force: true });
mkdirSync(dirname(out), { recursive: true });
renameSync(tmp, out);
console.log(
  `${out}: node ${process.version} base (${platforms.join(', ')}), layer ${(layer.length / 1e6).toFixed(1)} MB, ${top.digest}`,
);
