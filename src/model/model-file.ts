import { closeSync, existsSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { InputError } from '../core/errors.js';

export type ModelFileKind = 'tfjs' | 'onnx';

/**
 * The model file behind a path: a `.onnx` file, a TF.js `model.json`, or a directory holding `model.json` or
 * exactly one `.onnx` file. Other files are sniffed: a leading `{` means TF.js JSON, anything else ONNX.
 * @throws InputError when the path does not exist or a directory holds no recognisable model
 */
export function resolveModelFile(path: string): { file: string; kind: ModelFileKind } {
  if (!existsSync(path))
    throw new InputError(
      `model: "${path}" does not exist (expected model.json, a .onnx file or a folder with one)`,
    );
  if (statSync(path).isDirectory()) {
    if (existsSync(join(path, 'model.json'))) return { file: join(path, 'model.json'), kind: 'tfjs' };
    const onnx = readdirSync(path).filter((f) => f.endsWith('.onnx'));
    if (onnx.length === 1) return { file: join(path, onnx[0]), kind: 'onnx' };
    throw new InputError(
      onnx.length > 1
        ? `model: "${path}" holds ${onnx.length} .onnx files (${onnx.join(', ')}); name one`
        : `model: "${path}" holds neither model.json nor a .onnx file`,
    );
  }
  const ext = extname(path).toLowerCase();
  if (ext === '.onnx' || ext === '.ort') return { file: path, kind: 'onnx' };
  if (ext === '.json') return { file: path, kind: 'tfjs' };
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(64);
    const n = readSync(fd, head, 0, 64, 0);
    return {
      file: path,
      kind: head.subarray(0, n).toString('utf8').trimStart().startsWith('{') ? 'tfjs' : 'onnx',
    };
  } finally {
    closeSync(fd);
  }
}
