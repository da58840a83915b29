/** Element-wise checks on output tensors. All O(n) in the number of elements. */
import { formatShape, toNumbers } from '../../model/tensor.js';
import type { HostTensor } from '../../model/types.js';

export interface NonFinite {
  count: number;
  nan: number;
  inf: number;
  firstIndex: number;
}

/** NaN and ±Inf count of a numeric tensor (strings and integers cannot hold them). */
export function countNonFinite(t: HostTensor): NonFinite {
  let nan = 0;
  let inf = 0;
  let firstIndex = -1;
  if (Array.isArray(t.data) || t.data instanceof BigInt64Array || t.data instanceof BigUint64Array) {
    return { count: 0, nan, inf, firstIndex };
  }
  const d = t.data;
  for (let i = 0; i < d.length; i++) {
    const v = d[i];
    if (Number.isFinite(v)) continue;
    if (Number.isNaN(v)) nan++;
    else inf++;
    if (firstIndex < 0) firstIndex = i;
  }
  return { count: nan + inf, nan, inf, firstIndex };
}

/** Whether two tensors are bit-for-bit the same (NaN equals NaN; +0 and −0 differ). */
export function identical(
  a: HostTensor,
  b: HostTensor,
): { same: boolean; index: number; maxAbsDiff: number } {
  if (
    a.dtype !== b.dtype ||
    formatShape(a.shape) !== formatShape(b.shape) ||
    a.data.length !== b.data.length
  ) {
    return { same: false, index: -1, maxAbsDiff: NaN };
  }
  let index = -1;
  let maxAbsDiff = 0;
  for (let i = 0; i < a.data.length; i++) {
    if (!Object.is(a.data[i], b.data[i])) {
      if (index < 0) index = i;
      const d = Math.abs(Number(a.data[i]) - Number(b.data[i]));
      if (d > maxAbsDiff || Number.isNaN(d)) maxAbsDiff = d;
    }
  }
  return { same: index < 0, index, maxAbsDiff };
}

export interface CloseResult {
  ok: boolean;
  shapeMismatch?: string;
  /** Elements outside the tolerance. */
  bad: number;
  total: number;
  maxAbsDiff: number;
  /** First element outside the tolerance (flat index), with both values. */
  first?: { index: number; got: number; expected: number };
}

/**
 * numpy.allclose semantics, element-wise: |got − expected| ≤ atol + rtol·|expected| (expected = golden);
 * NaN equals NaN (numpy's equal_nan=True), ±Inf must match exactly.
 */
export function allClose(got: HostTensor, expected: HostTensor, atol: number, rtol: number): CloseResult {
  if (formatShape(got.shape) !== formatShape(expected.shape)) {
    return {
      ok: false,
      shapeMismatch: `shape ${formatShape(got.shape)}, golden ${formatShape(expected.shape)}`,
      bad: got.data.length,
      total: got.data.length,
      maxAbsDiff: NaN,
    };
  }
  const a = toNumbers(got);
  const b = toNumbers(expected);
  let bad = 0;
  let maxAbsDiff = 0;
  let first: CloseResult['first'];
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    let ok: boolean;
    if (Number.isNaN(x) || Number.isNaN(y)) ok = Number.isNaN(x) && Number.isNaN(y);
    else if (!Number.isFinite(x) || !Number.isFinite(y)) ok = x === y;
    else {
      const d = Math.abs(x - y);
      if (d > maxAbsDiff) maxAbsDiff = d;
      ok = d <= atol + rtol * Math.abs(y);
    }
    if (!ok) {
      bad++;
      first ??= { index: i, got: x, expected: y };
    }
  }
  return { ok: bad === 0, bad, total: a.length, maxAbsDiff, first };
}

/** Rows (along the last axis) whose sum is further than `tol` from 1; `worst` is the largest |sum − 1|. */
export function softmaxRows(
  t: HostTensor,
  tol: number,
): { rows: number; bad: number; worst: number; firstRow: number } {
  const k = t.shape.length === 0 ? 1 : t.shape[t.shape.length - 1];
  const v = toNumbers(t);
  const rows = k === 0 ? 0 : v.length / k;
  let bad = 0;
  let worst = 0;
  let firstRow = -1;
  for (let r = 0; r < rows; r++) {
    let s = 0;
    for (let j = 0; j < k; j++) s += v[r * k + j];
    const err = Math.abs(s - 1);
    if (!(err <= tol)) {
      bad++;
      if (firstRow < 0) firstRow = r;
    }
    if (err > worst || Number.isNaN(err)) worst = err;
  }
  return { rows, bad, worst, firstRow };
}
