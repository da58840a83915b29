// Worker threads as bundle files: every entry of scripts/bundles.json marked `"worker": true` is bundled
// by ncc on its own and written, as `<name>.js`, beside the index.js of every bundle whose code names that
// file (src/threads/start-worker.ts starts it from there: `new URL('csv-worker.js', import.meta.url)`).
// So a bundle that reads CSV gets csv-worker.js, one that profiles or drifts gets sort-worker.js, and a
// bundle that does neither carries no worker. Used by scripts/build.mjs and scripts/bench.mjs.
import ncc from '@vercel/ncc';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const WORKERS = JSON.parse(readFileSync(join(root, 'scripts', 'bundles.json'), 'utf8')).filter(
  (b) => b.worker,
);

const built = new Map();

/** The bundled code of worker entry `worker` (built once per process). */
function workerCode(worker) {
  if (!built.has(worker.name)) {
    built.set(
      worker.name,
      ncc(join(root, worker.entry), {
        minify: false,
        sourceMap: false,
        transpileOnly: true,
        quiet: true,
        target: 'es2022',
        esm: true,
        cache: false,
      }).then(({ code, assets }) => {
        const extra = Object.keys(assets ?? {}).filter((f) => f !== 'package.json');
        // A worker is one file: a chunk or an asset beside it would collide with the bundle's own.
        if (extra.length)
          throw new Error(`worker ${worker.name} emitted more than one file: ${extra.join(', ')}`);
        return code;
      }),
    );
  }
  return built.get(worker.name);
}

/**
 * Writes into `outDir` the workers that `codes` (a bundle's index.js and its chunks) name; returns their
 * file names.
 */
export async function writeWorkersFor(outDir, codes) {
  const written = [];
  for (const worker of WORKERS) {
    const file = `${worker.name}.js`;
    if (!codes.some((code) => code.includes(file))) continue;
    writeFileSync(join(outDir, file), await workerCode(worker));
    written.push(file);
  }
  return written;
}
