import { InputError } from '../core/errors.js';
import { visible } from '../core/visible.js';
import type { DType, HostTensor, TensorData, TensorSpec } from './types.js';

/** Number of elements of a shape (1 for a scalar). */
export function elementCount(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/** `[-1,13]`: a shape as the error messages print it (no spaces, -1 for a dynamic axis). */
export function formatShape(shape: readonly number[] | null): string {
  return shape === null ? '[?]' : `[${shape.join(',')}]`;
}

/** Bytes per element for fixed-width dtypes; undefined for strings. */
export function bytesPerElement(dtype: string): number | undefined {
  switch (dtype) {
    case 'float64':
    case 'int64':
    case 'uint64':
    case 'complex64':
      return 8;
    case 'float32':
    case 'int32':
    case 'uint32':
      return 4;
    case 'float16':
    case 'int16':
    case 'uint16':
      return 2;
    case 'int8':
    case 'uint8':
    case 'bool':
      return 1;
    default:
      return undefined;
  }
}

/** A zero-filled typed array (or string array) for `n` elements of `dtype`. */
export function allocate(dtype: DType | string, n: number): TensorData {
  switch (dtype) {
    case 'float32':
      return new Float32Array(n);
    case 'float64':
      return new Float64Array(n);
    case 'int8':
      return new Int8Array(n);
    case 'uint8':
    case 'bool':
      return new Uint8Array(n);
    case 'int16':
      return new Int16Array(n);
    case 'uint16':
    case 'float16':
      return new Uint16Array(n);
    case 'int32':
      return new Int32Array(n);
    case 'uint32':
      return new Uint32Array(n);
    case 'int64':
      return new BigInt64Array(n);
    case 'uint64':
      return new BigUint64Array(n);
    case 'string':
      return new Array<string>(n).fill('');
    default:
      throw new InputError(`tensors of dtype "${visible(String(dtype))}" are not supported`);
  }
}

/** Fill a tensor of `dtype` from plain numbers (rounding and clamping follow the typed array's rules). */
export function fromNumbers(dtype: DType | string, shape: number[], values: readonly number[]): HostTensor {
  const data = allocate(dtype, values.length);
  if (data instanceof BigInt64Array || data instanceof BigUint64Array) {
    for (let i = 0; i < values.length; i++) data[i] = BigInt(Math.trunc(values[i]));
  } else if (Array.isArray(data)) {
    for (let i = 0; i < values.length; i++) data[i] = String(values[i]);
  } else {
    for (let i = 0; i < values.length; i++) data[i] = values[i];
  }
  return { dtype, shape, data };
}

/** Tensor values as doubles (bigints converted, strings parsed; unparsable strings become NaN). */
export function toNumbers(t: HostTensor): number[] {
  const out = new Array<number>(t.data.length);
  for (let i = 0; i < t.data.length; i++) out[i] = Number(t.data[i]);
  return out;
}

/** Whether the declared shape admits `actual` (-1 matches any size; an unknown shape matches all). */
export function shapeAccepts(declared: readonly number[] | null, actual: readonly number[]): boolean {
  if (declared === null) return true;
  if (declared.length !== actual.length) return false;
  return declared.every((d, i) => d < 0 || d === actual[i]);
}

/** The declared shape with dynamic axes replaced: the first by `batch`, the others by 1. */
export function concreteShape(spec: TensorSpec, batch: number): number[] {
  if (spec.shape === null) return [batch];
  return spec.shape.map((d, i) => (d >= 0 ? d : i === 0 ? batch : 1));
}

/** Whether the first axis is dynamic (so the model accepts any batch size). */
export function hasDynamicBatch(spec: TensorSpec): boolean {
  return spec.shape === null || (spec.shape.length > 0 && spec.shape[0] < 0);
}

/** Rows [start, end) along the first axis. */
export function sliceRows(t: HostTensor, start: number, end: number): HostTensor {
  const rowSize = t.shape.length === 0 ? 1 : elementCount(t.shape.slice(1));
  const data = t.data.slice(start * rowSize, end * rowSize) as TensorData;
  return { dtype: t.dtype, shape: [end - start, ...t.shape.slice(1)], data };
}

/** Repeat rows (cycling) until there are `rows` of them along the first axis. */
export function tileRows(t: HostTensor, rows: number): HostTensor {
  const have = t.shape[0] ?? 1;
  const rowSize = t.shape.length === 0 ? 1 : elementCount(t.shape.slice(1));
  const data = allocate(t.dtype, rows * rowSize);
  for (let r = 0; r < rows; r++) {
    const from = (r % have) * rowSize;
    for (let k = 0; k < rowSize; k++) (data as unknown as unknown[])[r * rowSize + k] = t.data[from + k];
  }
  return { dtype: t.dtype, shape: [rows, ...t.shape.slice(1)], data };
}
