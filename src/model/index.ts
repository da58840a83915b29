/** Model loading and inference backends: TF.js (tfjs-node, wasm, cpu) and ONNX Runtime (node, web). */
export {
  BUNDLE_ASSET_DIR,
  BUNDLE_ASSETS,
  ORT_WASM_FILES,
  TFJS_WASM_FILES,
  type BundleAsset,
} from './bundle-assets.js';
export { loadModel, resolveModelFile, type ModelFileKind } from './load-model.js';
export { findOrtWasmDir, findTfjsWasmDir, resolveFromWorkspace } from './runtime-paths.js';
export * from './tensor.js';
export * from './types.js';
