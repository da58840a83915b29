/**
 * ONNX models on ONNX Runtime: `onnxruntime-node` when the user's workspace has it (never bundled), else
 * onnxruntime-web's WebAssembly build, single-threaded (no worker threads to leak or to hang the process).
 */
import { readFileSync } from 'node:fs';
import { DataFormatError, InputError } from '../core/errors.js';
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
 * Load an ONNX model file.
 * @throws DataFormatError when the file is not an ONNX model (onnxruntime's reason quoted)
 */
export async function loadOnnxModel(file: string, options: LoadModelOptions = {}): Promise<LoadedModel> {
  const api = await selectOrt(options.backend ?? 'auto', options.workspaceDirs ?? defaultWorkspaceDirs());
  const { ort } = api;
  const bytes = readFileSync(file);
  let session: import('onnxruntime-web').InferenceSession;
  try {
    session = await ort.InferenceSession.create(
      new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength),
      {
        executionProviders: api.executionProviders,
        graphOptimizationLevel: 'all',
        intraOpNumThreads: 1,
        interOpNumThreads: 1,
      },
    );
  } catch (err) {
    const reason = ((err as Error).message ?? String(err)).replace(/\s+/g, ' ').trim();
    throw new DataFormatError({ file }, `not a loadable ONNX model (${reason})`);
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
