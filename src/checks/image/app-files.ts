/**
 * The serving app as image files: the dist/serve bundle (built by scripts/build.mjs from src/serve/)
 * under `app/`, its entry renamed `server.js`, with only the WebAssembly runtime the model needs (the
 * TF.js wasm binaries for a TF.js model, onnxruntime-web's for ONNX). `--emit` writes the same files.
 */
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, parse } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InputError } from '../../core/errors.js';
import type { ModelFileKind } from '../../model/model-file.js';
import { ORT_WASM_FILES, TFJS_WASM_FILES } from '../../model/bundle-assets.js';
import type { TarFile } from './tar.js';

/** Where the app and the model live in the image. */
export const APP_DIR = 'app';
export const MODEL_DIR = `${APP_DIR}/model`;
export const SERVER_FILE = 'server.js';

function candidates(): string[] {
  const here = dirname(fileURLToPath(import.meta.url));
  const out = [join(here, '..', 'serve')];
  for (const start of [here, process.cwd()]) {
    let d = start;
    for (;;) {
      out.push(join(d, 'dist', 'serve'));
      if (d === parse(d).root) break;
      d = dirname(d);
    }
  }
  return out;
}

/** The built serving bundle's folder. @throws InputError when it was not built */
export function findServeBundle(): string {
  const dir = candidates().find(
    (d) => existsSync(join(d, 'index.js')) && existsSync(join(d, 'package.json')),
  );
  if (!dir)
    throw new InputError('the serving app bundle (dist/serve/index.js) is missing: run npm run build');
  return dir;
}

/** The app layer's files for a model of `kind`, from the bundle folder `dir`. */
export function appFiles(dir: string, kind: ModelFileKind): TarFile[] {
  const skip = new Set<string>(
    kind === 'tfjs' ? ORT_WASM_FILES.filter((f) => f.endsWith('.wasm')) : TFJS_WASM_FILES,
  );
  const files: TarFile[] = [];
  for (const name of readdirSync(dir).sort()) {
    if (skip.has(name) || !/\.(js|mjs|wasm|json)$/.test(name)) continue;
    files.push({
      name: `${APP_DIR}/${name === 'index.js' ? SERVER_FILE : name}`,
      source: { path: join(dir, name) },
    });
  }
  return files;
}
