// Builds one ncc bundle per action into dist/<name>/, plus dist/cli (the model-ci bin) and dist/main
// (the root action), each with the worker threads its code starts (scripts/worker-files.mjs: entries of
// bundles.json marked "worker", e.g. dist/cli/csv-worker.js). Deterministic: CI rebuilds and fails when
// dist/ differs from what is committed.
import ncc from '@vercel/ncc';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync, copyFileSync, chmodSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeWorkersFor } from './worker-files.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const BUNDLES = JSON.parse(readFileSync(join(root, 'scripts', 'bundles.json'), 'utf8'));

async function buildOne({ name, entry, assets = [] }) {
  const out = join(root, 'dist', name);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const { code, assets: nccAssets } = await ncc(join(root, entry), {
    minify: false,
    sourceMap: false,
    transpileOnly: true, // `npm run typecheck` type-checks; ncc only bundles
    quiet: true,
    target: 'es2022',
    esm: true,
    cache: false,
  });
  writeFileSync(join(out, 'index.js'), code);
  const codes = [code];
  for (const [file, { source }] of Object.entries(nccAssets ?? {})) {
    mkdirSync(dirname(join(out, file)), { recursive: true });
    writeFileSync(join(out, file), source);
    if (file.endsWith('.js')) codes.push(String(source));
  }
  await writeWorkersFor(out, codes);
  for (const { from, to } of assets) {
    const target = join(root, 'dist', to);
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(join(root, from), target);
  }
  if (name === 'cli') chmodSync(join(out, 'index.js'), 0o755);
  return out;
}

const only = process.argv.slice(2);
const queue = BUNDLES.filter((b) => !b.worker && (!only.length || only.includes(b.name)));
// Two at a time: the machines this runs on (CI included) have two cores.
async function worker() {
  for (let bundle = queue.shift(); bundle; bundle = queue.shift()) {
    const started = Date.now();
    const out = await buildOne(bundle);
    const size = readFileSync(join(out, 'index.js')).length;
    console.log(
      `dist/${bundle.name}/index.js  ${(size / 1024).toFixed(0)} KiB  (${Date.now() - started} ms)`,
    );
  }
}
await Promise.all([worker(), worker()]);
if (!existsSync(join(root, 'dist', 'cli', 'index.js'))) process.exitCode = 1;
