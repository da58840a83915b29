/**
 * ONNX models on ONNX Runtime: `onnxruntime-node` when the user's workspace has it (never bundled), else
 * onnxruntime-web's WebAssembly build, single-threaded (no worker threads to leak or to hang the process).
 */
import { dirname } from 'node:path';
import { confineNamed } from '../core/confine.js';
import { DataFormatError, InputError } from '../core/errors.js';
import { MAX_MODEL_BYTES, readInputBytes } from '../core/read-input.js';
import { onnxExternalData } from './onnx-external-data.js';
import { defaultWorkspaceDirs, findOrtWasmDir, requireFile, resolveFromWorkspace } from './runtime-paths.js';
import type {
  BackendName,
  BackendRequest,
  HostTensor,
  LoadedModel,
  LoadModelOptions,
  ModelSignature,
  NamedTensors,
  TensorData,
  TensorSpec,
} from './types.js';

type Ort = typeof import('onnxruntime-web');
type OrtTensor = import('onnxruntime-web').Tensor;

interface OrtApi {
  ort: Ort;
  backend: BackendName;
  runtime: string;
  executionProviders: string[];
}

let webApi: Promise<OrtApi> | undefined;
let nodeApi: OrtApi | undefined;

async function loadWeb(): Promise<OrtApi> {
  webApi ??= (async () => {
    const dir = findOrtWasmDir();
    if (!dir) {
      throw new Error(
        'onnxruntime-web binaries (ort-wasm-simd-threaded.{mjs,wasm}) are neither next to the bundle nor in node_modules',
      );
    }
    const ort = await import('onnxruntime-web');
    // One thread: the threaded build would start workers (and needs cross-origin isolation in browsers).
    ort.env.wasm.numThreads = 1;
    ort.env.wasm.proxy = false;
    ort.env.wasm.wasmPaths = dir.endsWith('/') ? dir : `${dir}/`;
    ort.env.logLevel = 'error';
    return {
      ort,
      backend: 'onnxruntime-web',
      runtime: `onnxruntime-web ${ort.env.versions.web ?? ''}`.trim(),
      executionProviders: ['wasm'],
    };
  })();
  try {
    return await webApi;
  } catch (err) {
    webApi = undefined;
    throw err;
  }
}

function loadNode(dirs: readonly string[]): OrtApi | undefined {
  if (nodeApi) return nodeApi;
  const entry = resolveFromWorkspace('onnxruntime-node', dirs);
  if (!entry) return undefined;
  const ort = requireFile<Ort>(entry);
  const version = (ort.env?.versions as Record<string, string> | undefined)?.node ?? '';
  nodeApi = {
    ort,
    backend: 'onnxruntime-node',
    runtime: `onnxruntime-node ${version}`.trim(),
    executionProviders: ['cpu'],
  };
  return nodeApi;
}

/**
 * Pick an ONNX Runtime.
 * @param request `auto` prefers a workspace's onnxruntime-node; `wasm`, `cpu` and `onnxruntime-web` mean the web build
 * @throws InputError for `tfjs-node`, or for `onnxruntime-node` when it is not installed
 */
export async function selectOrt(request: BackendRequest, dirs: readonly string[]): Promise<OrtApi> {
  if (request === 'tfjs-node') {
    throw new InputError(
      'backend "tfjs-node" runs TF.js models only; ONNX models take auto, onnxruntime-node, onnxruntime-web (wasm) or cpu',
    );
  }
  if (request === 'auto' || request === 'onnxruntime-node') {
    const api = loadNode(dirs);
    if (api) return api;
    if (request === 'onnxruntime-node') {
      throw new InputError(
        `backend "onnxruntime-node" requested, but onnxruntime-node is not installed in ${dirs.join(' or ')}`,
      );
    }
  }
  return loadWeb();
}

interface Metadata {
  name: string;
  isTensor?: boolean;
  type?: string;
  shape?: readonly (number | string)[];
}

function specOf(name: string, meta: Metadata | undefined): TensorSpec {
  if (!meta || meta.isTensor === false || !meta.shape)
    return { name, dtype: meta?.type ?? 'unknown', shape: null };
  const shape = meta.shape.map((d) => (typeof d === 'number' && d >= 0 ? d : -1));
  const spec: TensorSpec = { name, dtype: meta.type ?? 'unknown', shape };
  if (meta.shape.some((d) => typeof d === 'string'))
    spec.dimNames = meta.shape.map((d) => (typeof d === 'string' ? d : null));
  return spec;
}

function copyData(t: OrtTensor): TensorData {
  const data = t.data as TensorData;
  // Copy out of the runtime's memory: the tensor is released right after.
  return (Array.isArray(data) ? [...data] : data.slice()) as TensorData;
}

/**
 * The external data files an ONNX model names, resolved against its folder; each must stay inside it.
 * @throws OutsideFolderError for a location outside the model's folder
 */
export function onnxExternalDataFiles(file: string, bytes: Uint8Array): { location: string; path: string }[] {
  const dir = dirname(file);
  const seen = new Map<string, string>();
  for (const ref of onnxExternalData(bytes)) {
    if (seen.has(ref.location)) continue;
    seen.set(ref.location, confineNamed(dir, ref.location, file, `external data of tensor "${ref.tensor}"`));
  }
  return [...seen].map(([location, path]) => ({ location, path }));
}

/** The external data files of the ONNX model at `file` (inside its folder), for recording inputs. */
export function onnxInputFiles(file: string): string[] {
  try {
    const dir = dirname(file);
    return onnxExternalData(readInputBytes(file, { what: 'ONNX model', maxBytes: MAX_MODEL_BYTES })).flatMap(
      (ref) => {
        try {
          return [confineNamed(dir, ref.location, file, 'external data')];
        } catch {
          return [];
        }
      },
    );
  } catch {
    return [];
  }
}

/** onnxruntime's message without its C++ source location and error codes. */
function ortReason(err: unknown): string {
  const raw = ((err as Error)?.message ?? String(err)).replace(/\s+/g, ' ').trim();
  const m = /\[ONNXRuntimeError\] : \d+ : \w+ : (.*)$/.exec(raw);
  return (m ? m[1] : raw.replace(/^Can't create a session\. ERROR_CODE: \d+, ERROR_MESSAGE: /, '')).slice(
    0,
    300,
  );
}

/**
 * Load an ONNX model file (and its external data, which must be inside the model's folder).
 * @throws DataFormatError when the file is not an ONNX model (onnxruntime's reason quoted);
 *   OutsideFolderError when external data is named outside the model's folder
 */
export async function loadOnnxModel(file: string, options: LoadModelOptions = {}): Promise<LoadedModel> {
  const bytes = readInputBytes(file, { what: 'ONNX model', maxBytes: MAX_MODEL_BYTES });
  // Every external data location is checked before the runtime sees the model.
  const external = onnxExternalDataFiles(file, bytes);
  const api = await selectOrt(options.backend ?? 'auto', options.workspaceDirs ?? defaultWorkspaceDirs());
  const { ort } = api;
  let left = MAX_MODEL_BYTES - bytes.length;
  const externalData = external.map(({ location, path }) => {
    let data: Buffer;
    try {
      data = readInputBytes(path, { what: 'ONNX external data file', maxBytes: Math.max(0, left) });
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      throw new DataFormatError(
        { file: path },
        /not found/.test(e.message) ? `external data file is missing (named by ${file})` : e.message,
      );
    }
    left -= data.length;
    return { path: location, data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) };
  });
  let session: import('onnxruntime-web').InferenceSession;
  try {
    const sessionOptions = {
      executionProviders: api.executionProviders,
      graphOptimizationLevel: 'all' as const,
      intraOpNumThreads: 1,
      interOpNumThreads: 1,
    };
    // The native runtime resolves external data against the model's folder when given the path (the
    // locations were confined above); the WebAssembly one only sees the bytes handed to it.
    session =
      api.backend === 'onnxruntime-node' && externalData.length
        ? await ort.InferenceSession.create(file, sessionOptions)
        : await ort.InferenceSession.create(
            new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength),
            {
              ...sessionOptions,
              ...(externalData.length ? { externalData } : {}),
            },
          );
  } catch (err) {
    throw new DataFormatError({ file }, `not a loadable ONNX model (${ortReason(err)})`);
  }
  const inMeta = (session as { inputMetadata?: readonly Metadata[] }).inputMetadata ?? [];
  const outMeta = (session as { outputMetadata?: readonly Metadata[] }).outputMetadata ?? [];
  const signature: ModelSignature = {
    inputs: session.inputNames.map((n) =>
      specOf(
        n,
        inMeta.find((m) => m.name === n),
      ),
    ),
    outputs: session.outputNames.map((n) =>
      specOf(
        n,
        outMeta.find((m) => m.name === n),
      ),
    ),
  };
  return {
    format: 'onnx',
    backend: api.backend,
    runtime: api.runtime,
    signature,
    file,
    async run(inputs: NamedTensors): Promise<NamedTensors> {
      const feeds: Record<string, OrtTensor> = {};
      for (const s of signature.inputs) {
        const t = inputs[s.name];
        try {
          feeds[s.name] = new ort.Tensor(t.dtype as 'float32', t.data as Float32Array, t.shape);
        } catch (err) {
          throw new InputError(`input "${s.name}": ${(err as Error).message}`);
        }
      }
      const results = await session.run(feeds);
      const out: NamedTensors = {};
      for (const name of session.outputNames) {
        const t = results[name];
        out[name] = { dtype: t.type, shape: [...t.dims], data: copyData(t) } satisfies HostTensor;
        t.dispose?.();
      }
      return out;
    },
    async dispose() {
      await session.release();
    },
  };
}

/** For tests: forget a cached onnxruntime-node module. */
export function resetOrtNodeCache(): void {
  nodeApi = undefined;
}
