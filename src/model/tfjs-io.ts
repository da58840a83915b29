/**
 * Reads a TF.js model (model.json + weight shards) from the file system into the `ModelArtifacts` object
 * that `loadLayersModel` / `loadGraphModel` accept through an IOHandler. Plain objects only, so the same
 * handler works with the bundled tfjs-core and with a workspace's tfjs-node.
 */
import { dirname, relative } from 'node:path';
import { confineNamed } from '../core/confine.js';
import { DataFormatError, InputError } from '../core/errors.js';
import { parseJsonText } from '../core/json-file.js';
import { MAX_MODEL_BYTES, readInputBytes, readInputText } from '../core/read-input.js';
import { bytesPerElement, elementCount } from './tensor.js';

export interface WeightSpec {
  name: string;
  shape: number[];
  dtype: string;
  quantization?: { dtype: string; [key: string]: unknown };
  [key: string]: unknown;
}

interface WeightsGroup {
  paths: string[];
  weights: WeightSpec[];
}

/** The subset of tfjs-core's ModelArtifacts this loader fills. */
export interface TfjsArtifacts {
  modelTopology: Record<string, unknown>;
  format?: string;
  generatedBy?: string;
  convertedBy?: string | null;
  trainingConfig?: unknown;
  signature?: unknown;
  userDefinedMetadata?: unknown;
  modelInitializer?: unknown;
  initializerSignature?: unknown;
  weightSpecs: WeightSpec[];
  weightData: ArrayBuffer;
}

export type TfjsFormat = 'tfjs-layers' | 'tfjs-graph';

/** Bytes one weight takes in the shards (quantised weights use their storage dtype). */
function weightBytes(spec: WeightSpec): number | undefined {
  const per = bytesPerElement(spec.quantization?.dtype ?? spec.dtype);
  return per === undefined ? undefined : per * elementCount(spec.shape);
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** Which kind of TF.js model a parsed model.json is, from `format` or the topology's shape. */
export function tfjsFormatOf(json: Record<string, unknown>): TfjsFormat {
  if (json.format === 'graph-model') return 'tfjs-graph';
  if (json.format === 'layers-model') return 'tfjs-layers';
  const topo = json.modelTopology;
  return isObject(topo) && Array.isArray(topo.node) ? 'tfjs-graph' : 'tfjs-layers';
}

/** The manifest's groups, validated: every path a string, every weight a {name, shape, dtype}. */
function manifestGroups(json: Record<string, unknown>, file: string): WeightsGroup[] {
  const manifest = json.weightsManifest ?? [];
  if (!Array.isArray(manifest)) {
    throw new DataFormatError({ file }, '"weightsManifest" must be an array of {paths, weights}');
  }
  return manifest.map((group: unknown, g) => {
    if (!isObject(group) || !Array.isArray(group.paths) || !Array.isArray(group.weights)) {
      throw new DataFormatError(
        { file },
        `weightsManifest[${g}] must be an object with "paths" and "weights" arrays`,
      );
    }
    group.paths.forEach((p, i) => {
      if (typeof p !== 'string' || p === '')
        throw new DataFormatError({ file }, `weightsManifest[${g}].paths[${i}]: expected a file name`);
    });
    group.weights.forEach((w: unknown, i) => {
      const spec = w as Record<string, unknown>;
      const ok =
        isObject(w) &&
        typeof spec.name === 'string' &&
        typeof spec.dtype === 'string' &&
        Array.isArray(spec.shape) &&
        spec.shape.every((d) => Number.isSafeInteger(d) && (d as number) >= 0);
      if (!ok)
        throw new DataFormatError(
          { file },
          `weightsManifest[${g}].weights[${i}]: expected {"name": string, "shape": [non-negative integers], "dtype": string}`,
        );
    });
    return group as unknown as WeightsGroup;
  });
}

/**
 * The weight shard files a model.json names, resolved against its folder, without reading them. Paths that
 * lead out of the folder are left out (reading the model reports them); a model.json that cannot be read
 * gives an empty list. For recording a command's inputs before it runs.
 */
export function tfjsShardFiles(modelJsonPath: string): string[] {
  try {
    const json = parseJsonText(readInputText(modelJsonPath, { what: 'TF.js model.json' }), modelJsonPath);
    if (!isObject(json)) return [];
    const dir = dirname(modelJsonPath);
    const out: string[] = [];
    for (const group of manifestGroups(json, modelJsonPath)) {
      for (const p of group.paths) {
        try {
          out.push(confineNamed(dir, p, modelJsonPath, 'weightsManifest'));
        } catch {
          // reported when the model is read
        }
      }
    }
    return out;
  } catch {
    return [];
  }
}

/**
 * Read `model.json` and every shard its weightsManifest lists (paths relative to the model.json, and
 * inside its folder after symbolic links).
 * @throws DataFormatError naming the file: malformed JSON (with line/column), a missing `modelTopology`
 *   or `weightsManifest`, a missing shard, or shards holding fewer bytes than the manifest requires;
 *   OutsideFolderError when a shard path leads out of the model's folder
 */
export function readTfjsArtifacts(
  modelJsonPath: string,
  onNote: (message: string) => void = () => {},
): { artifacts: TfjsArtifacts; format: TfjsFormat } {
  const text = readInputText(modelJsonPath, { what: 'TF.js model.json' });
  const json = parseJsonText(text, modelJsonPath, 'not valid TF.js model.json');
  if (!isObject(json) || !isObject(json.modelTopology)) {
    throw new DataFormatError(
      { file: modelJsonPath },
      'expected a TF.js model.json: an object with "modelTopology" and "weightsManifest"',
    );
  }
  const groups = manifestGroups(json, modelJsonPath);
  const dir = dirname(modelJsonPath);
  // Every path is checked before any shard is read: nothing outside the model's folder is ever opened.
  const files = groups.map((group, g) =>
    group.paths.map((p, i) => confineNamed(dir, p, modelJsonPath, `weightsManifest[${g}].paths[${i}]`)),
  );
  const specs: WeightSpec[] = [];
  const chunks: Buffer[] = [];
  let total = 0;
  groups.forEach(({ weights }, g) => {
    let got = 0;
    const shardFiles = files[g];
    shardFiles.forEach((file, i) => {
      let buf: Buffer;
      try {
        buf = readInputBytes(file, { what: 'weight shard', maxBytes: MAX_MODEL_BYTES - total });
      } catch (e) {
        if (!(e instanceof InputError)) throw e;
        const missing = /not found/.test(e.message);
        throw new DataFormatError(
          { file },
          missing
            ? `weight shard is missing (listed in ${relativeName(modelJsonPath)} weightsManifest[${g}].paths[${i}])`
            : e.message,
        );
      }
      got += buf.length;
      total += buf.length;
      chunks.push(buf);
    });
    const sizes = weights.map(weightBytes);
    if (sizes.every((s): s is number => s !== undefined)) {
      const need = sizes.reduce((a, b) => a + b, 0);
      const where =
        shardFiles.length === 1 ? shardFiles[0] : `${shardFiles[0]} (+${shardFiles.length - 1} shards)`;
      if (got < need) {
        throw new DataFormatError(
          { file: where },
          `weights are truncated: the shard${shardFiles.length === 1 ? '' : 's'} hold ${got} bytes, ` +
            `the weights manifest requires ${need} bytes`,
        );
      }
      if (got > need)
        onNote(`${where}: shards hold ${got} bytes, the manifest uses ${need}; the rest is ignored`);
    }
    specs.push(...weights);
  });
  const all = Buffer.concat(chunks);
  const weightData = all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength) as ArrayBuffer;
  const artifacts: TfjsArtifacts = {
    modelTopology: json.modelTopology,
    weightSpecs: specs,
    weightData,
  };
  for (const key of [
    'format',
    'generatedBy',
    'convertedBy',
    'trainingConfig',
    'signature',
    'userDefinedMetadata',
    'modelInitializer',
    'initializerSignature',
  ] as const) {
    if (json[key] !== undefined) (artifacts as unknown as Record<string, unknown>)[key] = json[key];
  }
  return { artifacts, format: tfjsFormatOf(json) };
}

/** A tfjs-core IOHandler (only `load`) over {@link readTfjsArtifacts}'s result. */
export function artifactsHandler(artifacts: TfjsArtifacts): { load: () => Promise<TfjsArtifacts> } {
  return { load: async () => artifacts };
}

function relativeName(file: string): string {
  const r = relative(process.cwd(), file);
  return r.startsWith('..') ? file : r;
}
