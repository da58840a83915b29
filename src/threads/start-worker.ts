/**
 * Starting a worker thread from an entry module of its own (a reader's or a sort's worker), so that the
 * worker runs the same modules as the main thread instead of a copy of their source text.
 *
 * In a bundle (dist/<name>/index.js) every worker entry is bundled beside index.js by scripts/build.mjs
 * (`csv-worker.js`, `sort-worker.js`) and found there by its file name, next to the running code. From
 * the sources (jest runs the `.ts` files), the entry is the `.ts` module beside the caller, loaded through
 * a TypeScript loader hook (ts-loader.mjs; tests only, it needs the dev dependency @swc/core).
 *
 * URLs are made from a base passed as a parameter on purpose: the bundler rewrites `new URL(x,
 * import.meta.url)` into a copy of the file x as an asset (the `.ts` source of a worker, or the loader).
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
  const bundled = beside(file, base);
  if (existsSync(bundled)) return new Worker(bundled, options);
  const source = beside(file.replace(/\.js$/, '.ts'), base);
  if (!existsSync(source)) throw new Error(`worker entry not found: ${fileURLToPath(bundled)}`);
  const loader = beside(LOADER, import.meta.url);
  const boot =
    `require('node:module').register(${JSON.stringify(loader.href)});` +
    `import(${JSON.stringify(source.href)});`;
  return new Worker(boot, { ...options, eval: true });
}

/** The URL of `file` in the folder of the module at `base`. */
function beside(file: string, base: string): URL {
  return new URL(file, base);
}
