/**
 * Files that model files refer to: the weight shards of a TF.js `model.json` and the external-data files
 * of an ONNX model. Every path comes from a file a pull request controls, so it is confined to the model's
 * folder (src/core/confine.ts) before it is looked at: `../../etc/passwd` is a finding, never a read.
 */
import { statSync } from 'node:fs';
import { dirname } from 'node:path';
import { confine } from '../../core/confine.js';
import { visible } from '../../core/visible.js';
import { bytesPerElement, elementCount } from '../../model/tensor.js';
import { FileSource, type ByteSource } from './byte-source.js';

export interface RefFinding {
  rule: string;
  line?: number;
  message: string;
  key: string;
}

function sizeOf(path: string): number | undefined {
  try {
    const st = statSync(path);
    return st.isFile() ? st.size : undefined;
  } catch {
    return undefined;
  }
}

function lineOfString(text: string, value: string): number | undefined {
  const at = text.indexOf(JSON.stringify(value));
  return at < 0 ? undefined : text.slice(0, at).split('\n').length;
}

/** A JSON text that is a TF.js model (it has a weights manifest). */
export function looksLikeTfjsModel(text: string): boolean {
  return text.includes('"weightsManifest"');
}

interface WeightSpec {
  shape?: unknown;
  dtype?: unknown;
  quantization?: { dtype?: unknown };
}

/**
 * Check a TF.js model.json's weights manifest: each path inside the model folder (MCI308), present
 * (MCI306), and each group's shards together as large as its weights' shapes and dtypes need (MCI307).
 */
export function lintTfjsManifest(modelJsonPath: string, text: string): RefFinding[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return [
      { rule: 'MCI304', message: 'model.json is not valid JSON; its weights were not checked', key: 'json' },
    ];
  }
  const manifest = (json as { weightsManifest?: unknown })?.weightsManifest;
  if (!Array.isArray(manifest)) return [];
  const dir = dirname(modelJsonPath);
  const out: RefFinding[] = [];
  manifest.forEach((group: { paths?: unknown; weights?: unknown }, g) => {
    const paths = Array.isArray(group?.paths)
      ? group.paths.filter((p): p is string => typeof p === 'string')
      : [];
    let present = 0;
    let allPresent = true;
    for (const p of paths) {
      const line = lineOfString(text, p);
      const c = confine(dir, p);
      if (!c.ok) {
        out.push({
          rule: 'MCI308',
          line,
          message: `weightsManifest[${g}] names ${visible(JSON.stringify(p))}, outside the model folder: ${visible(c.reason)}`,
          key: `tfjs|escape|${p}`,
        });
        allPresent = false;
        continue;
      }
      const size = sizeOf(c.path);
      if (size === undefined) {
        out.push({
          rule: 'MCI306',
          line,
          message: `weightsManifest[${g}] names ${visible(JSON.stringify(p))}, which does not exist`,
          key: `tfjs|missing|${p}`,
        });
        allPresent = false;
      } else present += size;
    }
    if (!allPresent || !paths.length) return;
    let need = 0;
    for (const w of Array.isArray(group.weights) ? (group.weights as WeightSpec[]) : []) {
      const dtype = typeof w?.quantization?.dtype === 'string' ? w.quantization.dtype : w?.dtype;
      const per = typeof dtype === 'string' ? bytesPerElement(dtype) : undefined;
      const shape =
        Array.isArray(w?.shape) && w.shape.every((d) => Number.isInteger(d) && d >= 0)
          ? (w.shape as number[])
          : undefined;
      if (per === undefined || shape === undefined) return; // strings or odd specs: sizes are not fixed
      need += per * elementCount(shape);
    }
    if (need !== present)
      out.push({
        rule: 'MCI307',
        line: lineOfString(text, paths[0]),
        message: `weightsManifest[${g}] (${paths.map((p) => visible(p)).join(', ')}) holds ${present} bytes, but its weights need ${need}${present < 200 && need > present ? ' (a Git LFS pointer instead of the file?)' : ''}`,
        key: `tfjs|size|${paths.join(',')}`,
      });
  });
  return out;
}

// ---------------------------------------------------------------- ONNX

class Malformed extends Error {}

/** Protocol buffer fields over a byte source, read through a window; large fields are skipped by seeking. */
class ProtoReader {
  private win: Buffer = Buffer.alloc(0);
  private winStart = 0;
  constructor(private readonly src: ByteSource) {}

  private byte(pos: number): number {
    if (pos < this.winStart || pos >= this.winStart + this.win.length) {
      this.win = this.src.read(pos, 64 * 1024);
      this.winStart = pos;
      if (!this.win.length) throw new Malformed('unexpected end of the file');
    }
    return this.win[pos - this.winStart];
  }

  varint(pos: number): [number, number] {
    let result = 0;
    let mul = 1;
    for (let i = 0; i < 10; i++) {
      const b = this.byte(pos + i);
      result += (b & 0x7f) * mul;
      mul *= 128;
      if (!(b & 0x80)) return [result, pos + i + 1];
    }
    throw new Malformed('a varint longer than 10 bytes');
  }

  /** Each field of the message in [start, end): number, wire type, value position and length. */
  *fields(start: number, end: number): Generator<{ field: number; wire: number; at: number; len: number }> {
    let pos = start;
    while (pos < end) {
      const [tag, p1] = this.varint(pos);
      const field = Math.floor(tag / 8);
      const wire = tag % 8;
      let at = p1;
      let len: number;
      if (wire === 0) {
        const [, p2] = this.varint(p1);
        len = p2 - p1;
      } else if (wire === 1) len = 8;
      else if (wire === 5) len = 4;
      else if (wire === 2) {
        const [n, p2] = this.varint(p1);
        at = p2;
        len = n;
      } else throw new Malformed(`wire type ${wire} at byte ${pos}`);
      if (at + len > end) throw new Malformed(`field ${field} at byte ${pos} runs past its message`);
      yield { field, wire, at, len };
      pos = at + len;
    }
  }

  text(at: number, len: number): string {
    if (len > 64 * 1024) throw new Malformed('a string longer than 64 KB');
    return this.src.read(at, len).toString('utf8');
  }
}

interface ExternalRef {
  tensor: string;
  location?: string;
  offset: number;
  length?: number;
}

const MAX_PROTO_DEPTH = 64;

/** External-data references of every tensor in an ONNX model (graph, nested graphs, training graphs). */
export function onnxExternalRefs(src: ByteSource): ExternalRef[] {
  const r = new ProtoReader(src);
  const refs: ExternalRef[] = [];
  const tensor = (start: number, end: number) => {
    let name = '';
    let external = false;
    const entries: Record<string, string> = {};
    for (const f of r.fields(start, end)) {
      if (f.field === 8 && f.wire === 2) name = r.text(f.at, f.len);
      else if (f.field === 14 && f.wire === 0) external = r.varint(f.at)[0] === 1;
      else if (f.field === 13 && f.wire === 2) {
        let key = '';
        let value = '';
        for (const e of r.fields(f.at, f.at + f.len)) {
          if (e.field === 1 && e.wire === 2) key = r.text(e.at, e.len);
          else if (e.field === 2 && e.wire === 2) value = r.text(e.at, e.len);
        }
        entries[key] = value;
      }
    }
    if (external || Object.keys(entries).length)
      refs.push({
        tensor: name,
        location: entries.location,
        offset: Number(entries.offset ?? 0) || 0,
        length: entries.length !== undefined ? Number(entries.length) : undefined,
      });
  };
  const sparse = (start: number, end: number) => {
    for (const f of r.fields(start, end))
      if ((f.field === 1 || f.field === 2) && f.wire === 2) tensor(f.at, f.at + f.len);
  };
  const graph = (start: number, end: number, depth: number): void => {
    if (depth > MAX_PROTO_DEPTH) throw new Malformed('graphs nested too deeply');
    for (const f of r.fields(start, end)) {
      if (f.wire !== 2) continue;
      if (f.field === 5) tensor(f.at, f.at + f.len);
      else if (f.field === 15) sparse(f.at, f.at + f.len);
      else if (f.field === 1) {
        // NodeProto.attribute (5) -> AttributeProto: t 5, g 6, tensors 10, graphs 11, sparse 22/23
        for (const a of r.fields(f.at, f.at + f.len)) {
          if (a.field !== 5 || a.wire !== 2) continue;
          for (const v of r.fields(a.at, a.at + a.len)) {
            if (v.wire !== 2) continue;
            if (v.field === 5 || v.field === 10) tensor(v.at, v.at + v.len);
            else if (v.field === 6 || v.field === 11) graph(v.at, v.at + v.len, depth + 1);
            else if (v.field === 22 || v.field === 23) sparse(v.at, v.at + v.len);
          }
        }
      }
    }
  };
  for (const f of r.fields(0, src.size)) {
    if (f.wire !== 2) continue;
    if (f.field === 7) graph(f.at, f.at + f.len, 0);
    else if (f.field === 20)
      for (const t of r.fields(f.at, f.at + f.len))
        if ((t.field === 1 || t.field === 2) && t.wire === 2) graph(t.at, t.at + t.len, 1);
  }
  return refs;
}

/** Check an ONNX model's external data: inside the model folder (MCI308), present and long enough (MCI309). */
export function lintOnnxExternalData(onnxPath: string): RefFinding[] {
  let refs: ExternalRef[];
  const src = FileSource.open(onnxPath);
  try {
    refs = onnxExternalRefs(src);
  } catch (e) {
    if (!(e instanceof Malformed)) throw e;
    return [{ rule: 'MCI304', message: `not a readable ONNX model: ${e.message}`, key: 'onnx' }];
  } finally {
    src.close();
  }
  const dir = dirname(onnxPath);
  const out: RefFinding[] = [];
  for (const ref of refs) {
    const t = visible(JSON.stringify(ref.tensor));
    if (!ref.location) {
      out.push({
        rule: 'MCI309',
        message: `tensor ${t} is stored externally but names no location`,
        key: `onnx|${ref.tensor}|none`,
      });
      continue;
    }
    const loc = visible(JSON.stringify(ref.location));
    const c = confine(dir, ref.location);
    if (!c.ok) {
      out.push({
        rule: 'MCI308',
        message: `tensor ${t} reads its data from ${loc}, outside the model folder: ${visible(c.reason)}`,
        key: `onnx|${ref.tensor}|escape|${ref.location}`,
      });
      continue;
    }
    const size = sizeOf(c.path);
    if (size === undefined)
      out.push({
        rule: 'MCI309',
        message: `tensor ${t} reads its data from ${loc}, which does not exist`,
        key: `onnx|${ref.tensor}|missing`,
      });
    else if (ref.length !== undefined && ref.offset + ref.length > size)
      out.push({
        rule: 'MCI309',
        message: `tensor ${t} reads bytes ${ref.offset}–${ref.offset + ref.length} of ${loc}, which has only ${size}`,
        key: `onnx|${ref.tensor}|short`,
      });
  }
  return out;
}
