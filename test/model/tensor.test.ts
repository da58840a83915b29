import { describe, test, expect } from '@jest/globals';
import {
  concreteShape,
  elementCount,
  formatShape,
  fromNumbers,
  hasDynamicBatch,
  shapeAccepts,
  sliceRows,
  tileRows,
  toNumbers,
} from '../../src/model/tensor.js';
import { findOrtWasmDir, findTfjsWasmDir, firstDirWith } from '../../src/model/runtime-paths.js';
import { BUNDLE_ASSETS } from '../../src/model/bundle-assets.js';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

describe('tensor helpers', () => {
  test.each([
    [[-1, 13], '[-1,13]'],
    [[], '[]'],
    [null, '[?]'],
  ])('formatShape(%j)', (shape, text) => expect(formatShape(shape)).toBe(text));

  test.each([
    [[-1, 13], [1, 13], true],
    [[-1, 13], [1, 10], false],
    [[-1, 13], [13], false],
    [[2, -1], [2, 7], true],
    [null, [5, 5, 5], true],
  ])('shapeAccepts(%j, %j) = %s', (declared, actual, ok) => expect(shapeAccepts(declared, actual)).toBe(ok));

  test('concreteShape fills the first dynamic axis with the batch, later ones with 1', () => {
    expect(concreteShape({ name: 'x', dtype: 'float32', shape: [-1, 3, -1] }, 8)).toEqual([8, 3, 1]);
    expect(concreteShape({ name: 'x', dtype: 'float32', shape: [4, 3] }, 8)).toEqual([4, 3]);
    expect(hasDynamicBatch({ name: 'x', dtype: 'float32', shape: [4, 3] })).toBe(false);
    expect(hasDynamicBatch({ name: 'x', dtype: 'float32', shape: [-1, 3] })).toBe(true);
  });

  test('fromNumbers respects the dtype (int64 as bigints, int32 truncates)', () => {
    const a = fromNumbers('int64', [2], [3, -4]);
    expect(a.data).toEqual(BigInt64Array.of(3n, -4n));
    expect(fromNumbers('int32', [2], [1.7, -2.2]).data).toEqual(Int32Array.of(1, -2));
    expect(toNumbers(a)).toEqual([3, -4]);
    expect(elementCount([2, 3, 4])).toBe(24);
  });

  test('sliceRows and tileRows work along the first axis', () => {
    const t = fromNumbers('float32', [3, 2], [1, 2, 3, 4, 5, 6]);
    expect(sliceRows(t, 1, 3)).toEqual({
      dtype: 'float32',
      shape: [2, 2],
      data: Float32Array.of(3, 4, 5, 6),
    });
    expect(tileRows(t, 5)).toEqual({
      dtype: 'float32',
      shape: [5, 2],
      data: Float32Array.of(1, 2, 3, 4, 5, 6, 1, 2, 3, 4),
    });
  });
});

describe('runtime paths', () => {
  test('the wasm binaries are found in node_modules when not next to the module', () => {
    expect(findTfjsWasmDir()).toBe(resolve('node_modules/@tensorflow/tfjs-backend-wasm/dist'));
    expect(findOrtWasmDir()).toBe(resolve('node_modules/onnxruntime-web/dist'));
  });

  test('firstDirWith prefers the first candidate holding every file', () => {
    const dist = resolve('node_modules/onnxruntime-web/dist');
    expect(firstDirWith(['/nonexistent', dist], ['ort-wasm-simd-threaded.mjs'])).toBe(dist);
    expect(firstDirWith(['/nonexistent'], ['x'])).toBeUndefined();
  });

  test('every bundle asset exists', () => {
    expect(BUNDLE_ASSETS.map((a) => a.to)).toEqual([
      'smoke/tfjs-backend-wasm.wasm',
      'smoke/tfjs-backend-wasm-simd.wasm',
      'smoke/ort-wasm-simd-threaded.mjs',
      'smoke/ort-wasm-simd-threaded.wasm',
    ]);
    for (const a of BUNDLE_ASSETS) expect(existsSync(a.from)).toBe(true);
  });
});
