/**
 * Files a bundle that loads models needs. ncc does not copy WebAssembly binaries, so scripts/build.mjs
 * copies each `from` (relative to the repository root) to `dist/<to>`: once, into dist/smoke/. Other
 * bundles that load models (dist/cli, dist/main) find them there as their sibling `../smoke/`
 * (runtime-paths.ts looks next to the running bundle, then in ../smoke, then in node_modules).
 */
export interface BundleAsset {
  from: string;
  to: string;
}

/** tfjs-backend-wasm binaries used under Node (SIMD, and plain for CPUs without SIMD; Node never uses threads). */
export const TFJS_WASM_FILES = ['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm'] as const;

/** onnxruntime-web's wasm build: the Emscripten glue module and its binary (≈ 14 MB). */
export const ORT_WASM_FILES = ['ort-wasm-simd-threaded.mjs', 'ort-wasm-simd-threaded.wasm'] as const;

/** The dist/ folder that holds the binaries. */
export const BUNDLE_ASSET_DIR = 'smoke';

export const BUNDLE_ASSETS: readonly BundleAsset[] = [
  ...TFJS_WASM_FILES.map((f) => ({
    from: `node_modules/@tensorflow/tfjs-backend-wasm/dist/${f}`,
    to: `${BUNDLE_ASSET_DIR}/${f}`,
  })),
  ...ORT_WASM_FILES.map((f) => ({
    from: `node_modules/onnxruntime-web/dist/${f}`,
    to: `${BUNDLE_ASSET_DIR}/${f}`,
  })),
];
