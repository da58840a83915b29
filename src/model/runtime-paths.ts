/**
 * Where the WebAssembly runtimes' files are, and how to reach the optional native runtimes in the user's
 * workspace. Works both from source (files under node_modules) and from an ncc bundle (files copied next to
 * the bundle by scripts/build.mjs, see bundle-assets.ts).
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, parse } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUNDLE_ASSET_DIR, ORT_WASM_FILES, TFJS_WASM_FILES } from './bundle-assets.js';

/** The directory of the running module: the bundle's folder when bundled, src/model from source. */
export function moduleDir(): string {
  return dirname(fileURLToPath(import.meta.url));
}

/** `dir` and its ancestors, nearest first. */
function ancestors(dir: string): string[] {
  const out: string[] = [];
  let d = dir;
  const root = parse(d).root;
  for (;;) {
    out.push(d);
    if (d === root) return out;
    d = dirname(d);
  }
}

/** The first directory among `candidates` that holds every one of `files`. */
export function firstDirWith(candidates: readonly string[], files: readonly string[]): string | undefined {
  return candidates.find((d) => files.every((f) => existsSync(join(d, f))));
}

/**
 * Candidate directories for a package's `dist`: next to the module (the bundle), the sibling dist/smoke
 * bundle, then node_modules upwards from the module and from the cwd.
 */
function candidates(packageDist: string, from: readonly string[]): string[] {
  const out = [moduleDir(), join(moduleDir(), '..', BUNDLE_ASSET_DIR)];
  for (const start of from) for (const d of ancestors(start)) out.push(join(d, 'node_modules', packageDist));
  return [...new Set(out)];
}

/**
 * Directory holding the tfjs-backend-wasm binaries: next to the running bundle when they were copied there
 * (or in the sibling dist/smoke), else `node_modules/@tensorflow/tfjs-backend-wasm/dist` found upwards from
 * this module or the cwd.
 * @returns the directory, or undefined when no copy is found
 */
export function findTfjsWasmDir(from: readonly string[] = [moduleDir(), process.cwd()]): string | undefined {
  return firstDirWith(candidates('@tensorflow/tfjs-backend-wasm/dist', from), TFJS_WASM_FILES);
}

/** Directory holding onnxruntime-web's `ort-wasm-simd-threaded.{mjs,wasm}`, found like {@link findTfjsWasmDir}. */
export function findOrtWasmDir(from: readonly string[] = [moduleDir(), process.cwd()]): string | undefined {
  return firstDirWith(candidates('onnxruntime-web/dist', from), ORT_WASM_FILES);
}

/** Default directories searched for optional native runtimes: GITHUB_WORKSPACE, then the current directory. */
export function defaultWorkspaceDirs(env: NodeJS.ProcessEnv = process.env): string[] {
  const dirs = [env.GITHUB_WORKSPACE, process.cwd()].filter((d): d is string => !!d);
  return [...new Set(dirs)];
}

/**
 * Resolve a package from the user's workspace (never from model-ci's own bundle), e.g. `onnxruntime-node`.
 * @returns the resolved entry file, or undefined when the package is not installed there
 */
export function resolveFromWorkspace(pkg: string, dirs: readonly string[]): string | undefined {
  for (const dir of dirs) {
    try {
      return createRequire(join(dir, 'package.json')).resolve(pkg);
    } catch {
      // not installed in this directory; try the next
    }
  }
  return undefined;
}

/** `require` a file resolved by {@link resolveFromWorkspace} (native runtimes ship CommonJS). */
export function requireFile<T>(file: string): T {
  return createRequire(file)(file) as T;
}

/**
 * The tfjs wasm backend's Emscripten loader reads `__dirname`, which an ESM bundle does not define; without it
 * the backend quietly fails to initialise. Define it (once) as the bundle's folder.
 */
export function ensureDirnameGlobal(dir: string = moduleDir()): void {
  const g = globalThis as { __dirname?: string };
  if (typeof g.__dirname === 'undefined') g.__dirname = dir;
}
