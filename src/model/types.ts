/**
 * Runtime-neutral model types: what a loaded model looks like to the smoke check, whether it runs on
 * TF.js (tfjs-node, wasm, cpu) or ONNX Runtime (onnxruntime-node, onnxruntime-web).
 */

/** The file formats the loader understands. */
export type ModelFormat = 'tfjs-layers' | 'tfjs-graph' | 'onnx';

/** What the caller may ask for; `auto` picks the fastest that is available. */
export type BackendRequest = 'auto' | 'tfjs-node' | 'wasm' | 'cpu' | 'onnxruntime-node' | 'onnxruntime-web';

/** What actually ran. */
export type BackendName = 'tfjs-node' | 'wasm' | 'cpu' | 'onnxruntime-node' | 'onnxruntime-web';

export const BACKEND_REQUESTS: readonly BackendRequest[] = [
  'auto',
  'tfjs-node',
  'wasm',
  'cpu',
  'onnxruntime-node',
  'onnxruntime-web',
];

/** Element types, by their TF.js / ONNX Runtime names. */
export type DType =
  | 'float32'
  | 'float64'
  | 'float16'
  | 'int8'
  | 'uint8'
  | 'int16'
  | 'uint16'
  | 'int32'
  | 'uint32'
  | 'int64'
  | 'uint64'
  | 'bool'
  | 'string';

/** One input or output as the model declares it. `shape` uses -1 for a dynamic axis; `null` when unknown. */
export interface TensorSpec {
  name: string;
  dtype: DType | string;
  shape: number[] | null;
  /** Names of symbolic axes (ONNX `dim_param`), aligned with `shape`; absent when none are named. */
  dimNames?: (string | null)[];
}

export interface ModelSignature {
  inputs: TensorSpec[];
  outputs: TensorSpec[];
}

/** Numbers in row-major order; bigint arrays for int64/uint64, strings for string tensors. */
export type TensorData =
  | Float32Array
  | Float64Array
  | Int8Array
  | Uint8Array
  | Int16Array
  | Uint16Array
  | Int32Array
  | Uint32Array
  | BigInt64Array
  | BigUint64Array
  | string[];

/** A tensor in host memory, independent of the runtime that produced or will consume it. */
export interface HostTensor {
  dtype: DType | string;
  shape: number[];
  data: TensorData;
}

export type NamedTensors = Record<string, HostTensor>;

/** A model ready to run. `run` takes and returns host tensors keyed by the signature's names. */
export interface LoadedModel {
  format: ModelFormat;
  backend: BackendName;
  /** Runtime and version that ran, e.g. `@tensorflow/tfjs-backend-wasm 4.22.0`. */
  runtime: string;
  signature: ModelSignature;
  /** The file that was loaded (model.json or .onnx). */
  file: string;
  run(inputs: NamedTensors): Promise<NamedTensors>;
  dispose(): Promise<void>;
}

export interface LoadModelOptions {
  backend?: BackendRequest;
  /**
   * Directories whose node_modules may hold the optional native runtimes (`@tensorflow/tfjs-node`,
   * `onnxruntime-node`). Defaults to `GITHUB_WORKSPACE` and the current directory.
   */
  workspaceDirs?: string[];
  /** Notes about backend choice (a fallback, a missing native runtime) go here. */
  onNote?: (message: string) => void;
}
