import { resolveModelFile } from './model-file.js';
import { loadOnnxModel } from './onnx-model.js';
import { loadTfjsModel } from './tfjs-model.js';
import type { LoadedModel, LoadModelOptions } from './types.js';

export { resolveModelFile, type ModelFileKind } from './model-file.js';

/**
 * Load a TF.js (layers or graph) or ONNX model and pick a backend for it.
 * @example const m = await loadModel('model/model.json', { backend: 'wasm' }); m.backend // 'wasm'
 * @throws InputError (bad path or backend), DataFormatError (a broken model file, naming it)
 */
export async function loadModel(path: string, options: LoadModelOptions = {}): Promise<LoadedModel> {
  const { file, kind } = resolveModelFile(path);
  return kind === 'onnx' ? loadOnnxModel(file, options) : loadTfjsModel(file, options);
}
