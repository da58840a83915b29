import { closeSync, readdirSync, readSync, statSync, type Stats } from 'node:fs';
import { extname, join } from 'node:path';
import { InputError } from '../core/errors.js';
import { fileKind, openInput } from '../core/read-input.js';
import { visible } from '../core/visible.js';

export type ModelFileKind = 'tfjs' | 'onnx';

function statOrNull(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

/**
 * The model file behind a path: a `.onnx` file, a TF.js `model.json`, or a directory holding `model.json` or
 * exactly one `.onnx` file. Other files are sniffed: a leading `{` means TF.js JSON, anything else ONNX.
 * A FIFO or a device is refused by name (opening one could wait forever or never end).
 * @throws InputError when the path does not exist, is not a file or folder (a pipe, a device), or a
 *   directory holds no recognisable model
 */
export function resolveModelFile(path: string): { file: string; kind: ModelFileKind } {
  const stats = statOrNull(path);
  if (!stats)
    throw new InputError(
      `model: "${path}" does not exist (expected model.json, a .onnx file or a folder with one)`,
    );
  if (stats.isDirectory()) {
    if (statOrNull(join(path, 'model.json'))) return { file: join(path, 'model.json'), kind: 'tfjs' };
    let names: string[];
    try {
      names = readdirSync(path);
    } catch (e) {
      throw new InputError(`model: cannot list "${path}": ${(e as NodeJS.ErrnoException).code ?? e}`);
    }
    const onnx = names.filter((f) => f.endsWith('.onnx'));
    if (onnx.length === 1) return { file: join(path, onnx[0]), kind: 'onnx' };
    throw new InputError(
      onnx.length > 1
        ? `model: "${path}" holds ${onnx.length} .onnx files (${onnx.slice(0, 5).map(visible).join(', ')}${onnx.length > 5 ? ', …' : ''}); name one`
        : `model: "${path}" holds neither model.json nor a .onnx file`,
    );
  }
  if (!stats.isFile())
    throw new InputError(`model: "${path}" is ${fileKind(stats)}; expected model.json or a .onnx file`);
  const ext = extname(path).toLowerCase();
  if (ext === '.onnx' || ext === '.ort') return { file: path, kind: 'onnx' };
  if (ext === '.json') return { file: path, kind: 'tfjs' };
  const { fd } = openInput(path, 'model');
  try {
    const head = Buffer.alloc(64);
    let n = 0;
    try {
      n = readSync(fd, head, 0, 64, 0);
    } catch {
      // unreadable: loading it reports why
    }
    return {
      file: path,
      kind: head.subarray(0, n).toString('utf8').trimStart().startsWith('{') ? 'tfjs' : 'onnx',
    };
  } finally {
    closeSync(fd);
  }
}
