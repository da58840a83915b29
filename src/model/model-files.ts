/**
 * The files that make up a model, and one digest for them. A serving image carries exactly these files,
 * and the digest labels the image and is reported by the server's /metrics, so both must agree on what
 * "the model" is: `model.json` plus every weight shard its manifest lists (TF.js), or the `.onnx` file,
 * plus any extra files the user names (a preprocessing config). Every path read from model.json stays
 * inside the model's folder (`confine`): a pull request cannot smuggle `../../etc/passwd` into an image.
 */
import { createHash } from 'node:crypto';
import { closeSync, fstatSync, openSync, readFileSync, readSync, statSync, type Stats } from 'node:fs';
import { basename, dirname, relative, sep } from 'node:path';
import { confine } from '../core/confine.js';
import { DataFormatError, InputError } from '../core/errors.js';
import { parseJsonText } from '../core/json-file.js';
import { visible } from '../core/visible.js';
import { resolveModelFile, type ModelFileKind } from './model-file.js';

export interface ModelFile {
  /** Path inside the model folder, with `/` separators (also its path below the image's model folder). */
  name: string;
  /** Absolute path on disk. */
  path: string;
}

export interface ModelFiles {
  kind: ModelFileKind;
  /** The folder the names are relative to (model.json's or the .onnx file's). */
  dir: string;
  /** The entry file's name inside `dir` (`model.json`, `model.onnx`). */
  entry: string;
  /** Every file, sorted by name (byte order), the entry included. */
  files: ModelFile[];
}

const posix = (p: string) => p.split(sep).join('/');

function confined(dir: string, name: string, where: string): ModelFile {
  const c = confine(dir, name);
  if (!c.ok) throw new InputError(`${where}: "${visible(name)}" is not allowed: ${c.reason}`);
  return { name: posix(relative(dir, c.path)), path: c.path };
}

/**
 * The files of the model at `modelPath` (model.json, a .onnx file or a folder holding one) plus `extra`
 * names relative to the model's folder.
 * @throws InputError for a path that leaves the model folder; DataFormatError for an unreadable model.json
 */
export function listModelFiles(modelPath: string, extra: readonly string[] = []): ModelFiles {
  const { file, kind } = resolveModelFile(modelPath);
  const dir = dirname(file);
  const entry = basename(file);
  const byName = new Map<string, ModelFile>([[entry, { name: entry, path: file }]]);
  if (kind === 'tfjs') {
    const json = parseJsonText(readFileSync(file, 'utf8'), file, 'not valid TF.js model.json');
    const manifest = (json as { weightsManifest?: unknown }).weightsManifest ?? [];
    if (!Array.isArray(manifest))
      throw new DataFormatError({ file }, '"weightsManifest" must be an array of {paths, weights}');
    manifest.forEach((group: unknown, g) => {
      const paths = (group as { paths?: unknown })?.paths;
      if (!Array.isArray(paths))
        throw new DataFormatError({ file }, `weightsManifest[${g}].paths must be an array of file names`);
      paths.forEach((p: unknown, i) => {
        if (typeof p !== 'string')
          throw new DataFormatError({ file }, `weightsManifest[${g}].paths[${i}] must be a string`);
        const f = confined(dir, p, `${file} weightsManifest[${g}].paths[${i}]`);
        byName.set(f.name, f);
      });
    });
  }
  for (const name of extra) {
    const f = confined(dir, name, 'model file');
    byName.set(f.name, f);
  }
  for (const f of byName.values()) {
    let s: Stats;
    try {
      s = statSync(f.path);
    } catch {
      throw new InputError(`model file ${visible(f.path)} does not exist`);
    }
    if (!s.isFile()) throw new InputError(`model file ${visible(f.path)} is not a regular file`);
  }
  const files = [...byName.values()].sort((a, b) => Buffer.compare(Buffer.from(a.name), Buffer.from(b.name)));
  return { kind, dir, entry, files };
}

/** A file's identity and version as far as the file system tells: a change between two reads shows here. */
export function statStamp(s: Stats): string {
  return `${s.dev}:${s.ino}:${s.size}:${s.mtimeMs}:${s.ctimeMs}`;
}

/**
 * sha256 of one file, read in chunks (bounded memory), refusing a file that changes while it is read: its
 * size, modification or change time differ before and after, or it yields more or fewer bytes than its
 * size said. `onChunk` runs after each chunk (tests change the file there).
 */
export function hashFileStable(
  path: string,
  onChunk?: (offset: number) => void,
): { hex: string; size: number } {
  const fd = openSync(path, 'r');
  try {
    const before = fstatSync(fd);
    const hash = createHash('sha256');
    const buf = Buffer.allocUnsafe(1 << 20);
    let offset = 0;
    for (;;) {
      const n = readSync(fd, buf, 0, buf.length, offset);
      if (n === 0) break;
      hash.update(buf.subarray(0, n));
      offset += n;
      onChunk?.(offset);
    }
    const after = fstatSync(fd);
    if (offset !== before.size || statStamp(before) !== statStamp(after))
      throw new InputError(
        `model file ${visible(path)} changed while it was being read (${before.size} bytes before, ${offset} read, ${after.size} after); build again once it is complete`,
      );
    return { hex: hash.digest('hex'), size: offset };
  } finally {
    closeSync(fd);
  }
}

/**
 * The model's digest: `sha256:` of the lines `<sha256 hex>  <name>\n` for every file sorted by name, which
 * is what `sha256sum` prints, so `(cd model && sha256sum model.json weights.bin) | sha256sum` checks it.
 */
export function modelDigest(
  files: readonly ModelFile[],
  hashes: ReadonlyMap<string, string> = new Map(),
): string {
  const lines = files.map((f) => `${hashes.get(f.name) ?? hashFileStable(f.path).hex}  ${f.name}\n`).join('');
  return `sha256:${createHash('sha256').update(lines).digest('hex')}`;
}
