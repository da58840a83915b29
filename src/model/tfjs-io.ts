/**
 * Reads a TF.js model (model.json + weight shards) from the file system into the `ModelArtifacts` object
 * that `loadLayersModel` / `loadGraphModel` accept through an IOHandler. Plain objects only, so the same
 * handler works with the bundled tfjs-core and with a workspace's tfjs-node.
 */
import { readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { DataFormatError } from '../core/errors.js';
import { parseJsonText } from '../core/json-file.js';
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

/**
 * Read `model.json` and every shard its weightsManifest lists (paths relative to the model.json).
 * @throws DataFormatError naming the file: malformed JSON (with line/column), a missing `modelTopology`
 *   or `weightsManifest`, a missing shard, or shards holding fewer bytes than the manifest requires
 */
export function readTfjsArtifacts(
  modelJsonPath: string,
  onNote: (message: string) => void = () => {},
): { artifacts: TfjsArtifacts; format: TfjsFormat } {
  const text = readFileSync(modelJsonPath, 'utf8');
  const json = parseJsonText(text, modelJsonPath, 'not valid TF.js model.json');
  if (!isObject(json) || !isObject(json.modelTopology)) {
    throw new DataFormatError(
      { file: modelJsonPath },
      'expected a TF.js model.json: an object with "modelTopology" and "weightsManifest"',
    );
  }
  const manifest = json.weightsManifest ?? [];
  if (!Array.isArray(manifest)) {
    throw new DataFormatError(
      { file: modelJsonPath },
      '"weightsManifest" must be an array of {paths, weights}',
    );
  }
  const dir = dirname(modelJsonPath);
  const specs: WeightSpec[] = [];
  const chunks: Buffer[] = [];
  manifest.forEach((group: unknown, g) => {
    if (!isObject(group) || !Array.isArray(group.paths) || !Array.isArray(group.weights)) {
      throw new DataFormatError(
        { file: modelJsonPath },
        `weightsManifest[${g}] must be an object with "paths" and "weights" arrays`,
      );
    }
    const { paths, weights } = group as unknown as WeightsGroup;
    let got = 0;
    const shardFiles: string[] = [];
    paths.forEach((p, i) => {
      const file = join(dir, p);
      shardFiles.push(file);
      let size: number;
      try {
        size = statSync(file).size;
      } catch {
        throw new DataFormatError(
          { file },
          `weight shard is missing (listed in ${relativeName(modelJsonPath)} weightsManifest[${g}].paths[${i}])`,
        );
      }
      const buf = readFileSync(file);
      got += size;
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
