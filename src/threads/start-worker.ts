/**
 * Starting a worker thread from an entry module of its own (a reader's or a sort's worker), so that the
 * worker runs the same modules as the main thread instead of a copy of their source text.
 *
 * In a bundle (dist/<name>/index.js) every worker entry is bundled beside index.js by scripts/build.mjs
 * (`csv-worker.js`, `sort-worker.js`) and found there by its file name, next to the running code. From
 * the sources (jest runs the `.ts` files), the entry is the `.ts` module beside the caller, loaded through
 * a TypeScript loader hook (ts-loader.mjs; tests only, it needs the dev dependency @swc/core).
 *
 * The file name is passed as a variable on purpose: a literal `new URL('./x.js', import.meta.url)` makes
 * the bundler copy the source file as an asset under a hashed name instead.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

const LOADER = './ts-loader.mjs';

/**
 * Starts the worker whose bundled file is `file` (e.g. `csv-worker.js`) beside the module at `base`
 * (the caller's `import.meta.url`).
 * @throws Error when there is neither the bundled file nor its `.ts` source (callers fall back to one
 * thread).
 */
export function startWorker(file: string, base: string, options: WorkerOptions = {}): Worker {
  const bundled = new URL(file, base);
  if (existsSync(bundled)) return new Worker(bundled, options);
  const source = new URL(file.replace(/\.js$/, '.ts'), base);
  if (!existsSync(source)) throw new Error(`worker entry not found: ${fileURLToPath(bundled)}`);
  const loader = new URL(LOADER, import.meta.url);
  const boot =
    `require('node:module').register(${JSON.stringify(loader.href)});` +
    `import(${JSON.stringify(source.href)});`;
  return new Worker(boot, { ...options, eval: true });
}
