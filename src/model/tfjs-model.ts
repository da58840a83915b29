/**
 * TF.js models (layers and graph) on the fastest available backend:
 * `@tensorflow/tfjs-node` when the user's workspace has it (never bundled), else the bundled wasm backend,
 * else the pure-JS cpu backend. Heavy modules are imported lazily so that commands that load no model start fast.
 */
import { DataFormatError, InputError } from '../core/errors.js';
import {
  defaultWorkspaceDirs,
  ensureDirnameGlobal,
  findTfjsWasmDir,
  requireFile,
  resolveFromWorkspace,
} from './runtime-paths.js';
import { artifactsHandler, readTfjsArtifacts } from './tfjs-io.js';
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

type Core = typeof import('@tensorflow/tfjs-core');
type Layers = typeof import('@tensorflow/tfjs-layers');
type Converter = typeof import('@tensorflow/tfjs-converter');
type Tensor = import('@tensorflow/tfjs-core').Tensor;

/** One TF.js API: the bundled tfjs-core + layers + converter, or a workspace's tfjs-node (which has its own core). */
interface TfApi {
  core: Core;
  layers: Pick<Layers, 'loadLayersModel'>;
  converter: Pick<Converter, 'loadGraphModel'>;
  backend: BackendName;
  runtime: string;
}

let bundled: Promise<{ core: Core; layers: Layers; converter: Converter }> | undefined;
let wasmState: 'untried' | 'ready' | Error = 'untried';
let nodeApi: TfApi | undefined;

async function loadBundled(): Promise<{ core: Core; layers: Layers; converter: Converter }> {
  bundled ??= (async () => {
    const core = await import('@tensorflow/tfjs-core');
    // PROD silences tfjs's console banners ("install tfjs-node") and its debug checks.
    core.env().set('PROD', true);
    await import('@tensorflow/tfjs-backend-cpu');
    const [layers, converter] = await Promise.all([
      import('@tensorflow/tfjs-layers'),
      import('@tensorflow/tfjs-converter'),
    ]);
    return { core, layers, converter };
  })();
  return bundled;
}

/** Initialise the bundled wasm backend once; remembers a failure (the backend cannot be retried). */
async function initWasm(core: Core): Promise<void> {
  if (wasmState === 'ready') {
    if (!(await core.setBackend('wasm'))) throw new Error('tfjs wasm backend did not initialise');
    return;
  }
  if (wasmState instanceof Error) throw wasmState;
  try {
    const dir = findTfjsWasmDir();
    if (!dir) {
      throw new Error(
        'tfjs-backend-wasm binaries (tfjs-backend-wasm*.wasm) are neither next to the bundle nor in node_modules',
      );
    }
    ensureDirnameGlobal();
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    wasm.setWasmPaths(dir.endsWith('/') ? dir : `${dir}/`);
    if (!(await core.setBackend('wasm')) || core.getBackend() !== 'wasm') {
      throw new Error(`tfjs wasm backend did not initialise from ${dir}`);
    }
    wasmState = 'ready';
  } catch (err) {
    wasmState = err instanceof Error ? err : new Error(String(err));
    throw wasmState;
  }
}

function loadTfjsNode(dirs: readonly string[]): TfApi | undefined {
  if (nodeApi) return nodeApi;
  const entry = resolveFromWorkspace('@tensorflow/tfjs-node', dirs);
  if (!entry) return undefined;
  const mod = requireFile<Core & Layers & Converter & { version?: Record<string, string> }>(entry);
  nodeApi = {
    core: mod,
    layers: mod,
    converter: mod,
    backend: 'tfjs-node',
    runtime: `@tensorflow/tfjs-node ${mod.version?.['tfjs-node'] ?? mod.version_core ?? ''}`.trim(),
  };
  return nodeApi;
}

/**
 * Pick and initialise a TF.js backend.
 * @param request `auto` tries tfjs-node (workspace), then wasm, then cpu; a named backend is used or fails
 * @throws InputError for an ONNX-only request; Error when the named backend cannot start
 */
export async function selectTfjsBackend(
  request: BackendRequest,
  dirs: readonly string[],
  onNote: (m: string) => void,
): Promise<TfApi> {
  if (request === 'onnxruntime-node' || request === 'onnxruntime-web') {
    throw new InputError(
      `backend "${request}" runs ONNX models only; TF.js models take auto, tfjs-node, wasm or cpu`,
    );
  }
  if (request === 'tfjs-node' || request === 'auto') {
    const api = loadTfjsNode(dirs);
    if (api) {
      if (!(await api.core.setBackend('tensorflow')))
        throw new Error('tfjs-node backend "tensorflow" did not start');
      return api;
    }
    if (request === 'tfjs-node') {
      throw new InputError(
        `backend "tfjs-node" requested, but @tensorflow/tfjs-node is not installed in ${dirs.join(' or ')}`,
      );
    }
  }
  const { core, layers, converter } = await loadBundled();
  if (request === 'wasm' || request === 'auto') {
    try {
      await initWasm(core);
      const wasm = await import('@tensorflow/tfjs-backend-wasm');
      return {
        core,
        layers,
        converter,
        backend: 'wasm',
        runtime: `@tensorflow/tfjs-backend-wasm ${wasm.version_wasm}`,
      };
    } catch (err) {
      if (request === 'wasm') throw err;
      onNote(`tfjs wasm backend unavailable (${(err as Error).message}); using the cpu backend`);
    }
  }
  if (!(await core.setBackend('cpu'))) throw new Error('tfjs cpu backend did not start');
  return {
    core,
    layers,
    converter,
    backend: 'cpu',
    runtime: `@tensorflow/tfjs-backend-cpu ${core.version_core}`,
  };
}

function specOf(
  name: string,
  shape: readonly (number | null)[] | undefined | null,
  dtype: string | undefined,
): TensorSpec {
  return {
    name,
    dtype: dtype ?? 'float32',
    shape: shape ? shape.map((d) => (d === null || d < 0 ? -1 : d)) : null,
  };
}

async function toHost(t: Tensor): Promise<HostTensor> {
  const data = (await t.data()) as unknown as TensorData;
  return { dtype: t.dtype, shape: [...t.shape], data };
}

function toTensor(core: Core, name: string, t: HostTensor, spec: TensorSpec): Tensor {
  const dtype = spec.dtype as import('@tensorflow/tfjs-core').DataType;
  let values: ArrayLike<number> | string[] = t.data as ArrayLike<number> | string[];
  // TF.js has no 64-bit integers: convert bigints (and any other integer width) to the declared dtype.
  if (t.data instanceof BigInt64Array || t.data instanceof BigUint64Array)
    values = Array.from(t.data, Number);
  else if (t.dtype !== spec.dtype && !Array.isArray(t.data)) values = Array.from(t.data as ArrayLike<number>);
  try {
    return core.tensor(values as Float32Array, t.shape, dtype);
  } catch (err) {
    throw new InputError(`input "${name}": ${(err as Error).message}`);
  }
}

/** TF.js's own reason for refusing a model, as a DataFormatError naming the model.json. */
async function notLoadable<T>(file: string, kind: string, load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (err) {
    const reason = ((err as Error)?.message ?? String(err)).replace(/\s+/g, ' ').trim().slice(0, 300);
    throw new DataFormatError({ file }, `not a loadable TF.js ${kind} model (${reason})`);
  }
}

/**
 * Load a TF.js layers or graph model from `modelJsonPath`.
 * @throws DataFormatError for a malformed model.json, a missing or truncated weight shard
 */
export async function loadTfjsModel(
  modelJsonPath: string,
  options: LoadModelOptions = {},
): Promise<LoadedModel> {
  const onNote = options.onNote ?? (() => {});
  const { artifacts, format } = readTfjsArtifacts(modelJsonPath, onNote);
  const api = await selectTfjsBackend(
    options.backend ?? 'auto',
    options.workspaceDirs ?? defaultWorkspaceDirs(),
    onNote,
  );
  const { core } = api;
  const handler = artifactsHandler(artifacts) as unknown as import('@tensorflow/tfjs-core').io.IOHandler;

  const ensureBackend = async () => {
    const want = api.backend === 'tfjs-node' ? 'tensorflow' : api.backend;
    if (core.getBackend() !== want) await core.setBackend(want);
  };

  if (format === 'tfjs-layers') {
    const model = await notLoadable(modelJsonPath, 'layers', () => api.layers.loadLayersModel(handler));
    const signature: ModelSignature = {
      inputs: model.inputs.map((t, i) => specOf(model.inputNames[i] ?? t.name, t.shape, t.dtype)),
      outputs: model.outputs.map((t, i) => specOf(model.outputNames[i] ?? t.name, t.shape, t.dtype)),
    };
    return {
      format,
      backend: api.backend,
      runtime: api.runtime,
      signature,
      file: modelJsonPath,
      async run(inputs: NamedTensors): Promise<NamedTensors> {
        await ensureBackend();
        const xs = signature.inputs.map((s) => toTensor(core, s.name, inputs[s.name], s));
        try {
          const y = model.predict(xs.length === 1 ? xs[0] : xs);
          const ys = Array.isArray(y) ? y : [y];
          const out: NamedTensors = {};
          for (let i = 0; i < ys.length; i++) out[signature.outputs[i].name] = await toHost(ys[i]);
          core.dispose(ys);
          return out;
        } finally {
          core.dispose(xs);
        }
      },
      async dispose() {
        model.dispose();
      },
    };
  }

  const model = await notLoadable(modelJsonPath, 'graph', () => api.converter.loadGraphModel(handler));
  const signature: ModelSignature = {
    inputs: model.inputs.map((t) => specOf(t.name, t.shape, t.dtype)),
    outputs: model.outputs.map((t) => specOf(t.name, t.shape, t.dtype)),
  };
  return {
    format,
    backend: api.backend,
    runtime: api.runtime,
    signature,
    file: modelJsonPath,
    async run(inputs: NamedTensors): Promise<NamedTensors> {
      await ensureBackend();
      const feed: Record<string, Tensor> = {};
      for (const s of signature.inputs) feed[s.name] = toTensor(core, s.name, inputs[s.name], s);
      try {
        const names = signature.outputs.map((s) => s.name);
        // execute() is synchronous and quiet; models with control flow need executeAsync().
        let y: Tensor | Tensor[];
        try {
          y = model.execute(feed, names);
        } catch (err) {
          if (!/executeAsync/.test((err as Error).message)) throw err;
          y = await model.executeAsync(feed, names);
        }
        const ys = Array.isArray(y) ? y : [y];
        const out: NamedTensors = {};
        for (let i = 0; i < ys.length; i++) out[names[i]] = await toHost(ys[i]);
        core.dispose(ys);
        return out;
      } finally {
        core.dispose(Object.values(feed));
      }
    },
    async dispose() {
      model.dispose();
    },
  };
}

/** For tests: forget a cached tfjs-node module (the wasm backend cannot be re-initialised in one process). */
export function resetTfjsNodeCache(): void {
  nodeApi = undefined;
}
