/**
 * Fast ascending sorts of doubles for the ranking metrics (ROC AUC, average precision, DeLong).
 *
 * An LSD radix sort on the 64-bit IEEE pattern (4 passes of 16 bits, passes whose digit is constant are
 * skipped) after the usual order-preserving transform (negative: flip all bits; otherwise: flip the sign
 * bit). On 5M doubles it takes ~0.3 s on Node 20, about half of the native `Float64Array#sort`, and it
 * also gives a stable permutation ({@link argsortFloat64}), which the native sort cannot.
 * −0 is treated as +0 (they tie, as in numpy). Inputs must not contain NaN (callers validate scores).
 * Small inputs (< 2048) use a comparison sort: the radix histograms would cost more than they save.
 *
 * Complexity: O(n) time and O(n) extra memory (radix), O(n log n) below the cut-off.
 * @example sortFloat64(Float64Array.of(0.3, -1, 0.3, 2)) // Float64Array [-1, 0.3, 0.3, 2]
 */

const SMALL = 2048;
const RADIX = 65536;

/** Transform doubles in `u` (pairs lo, hi; little-endian) into unsigned-sortable keys, in place. */
function toKeys(u: Uint32Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const lo = u[2 * i];
    const hi = u[2 * i + 1];
    if (hi === 0x80000000 && lo === 0) {
      u[2 * i + 1] = 0x80000000; // −0 → +0
    } else if (hi & 0x80000000) {
      u[2 * i + 1] = ~hi >>> 0;
      u[2 * i] = ~lo >>> 0;
    } else {
      u[2 * i + 1] = (hi | 0x80000000) >>> 0;
    }
  }
}

function fromKeys(u: Uint32Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const hi = u[2 * i + 1];
    if (hi & 0x80000000) {
      u[2 * i + 1] = (hi & 0x7fffffff) >>> 0;
    } else {
      u[2 * i + 1] = ~hi >>> 0;
      u[2 * i] = ~u[2 * i] >>> 0;
    }
  }
}

/** Histograms of the four 16-bit digits of every key. */
function histograms(u: Uint32Array, n: number): Uint32Array[] {
  const c = [new Uint32Array(RADIX), new Uint32Array(RADIX), new Uint32Array(RADIX), new Uint32Array(RADIX)];
  const [c0, c1, c2, c3] = c;
  for (let i = 0; i < n; i++) {
    const lo = u[2 * i];
    const hi = u[2 * i + 1];
    c0[lo & 0xffff]++;
    c1[lo >>> 16]++;
    c2[hi & 0xffff]++;
    c3[hi >>> 16]++;
  }
  return c;
}

function digitOf(u: Uint32Array, i: number, pass: number): number {
  const word = pass < 2 ? u[2 * i] : u[2 * i + 1];
  return (pass & 1 ? word >>> 16 : word) & 0xffff;
}

/** Exclusive prefix sums in place; false when every key has the same digit (the pass is a no-op). */
function prefix(c: Uint32Array, n: number): boolean {
  let sum = 0;
  for (let k = 0; k < RADIX; k++) {
    const t = c[k];
    if (t === n) return false;
    c[k] = sum;
    sum += t;
  }
  return true;
}

/**
 * Sort a Float64Array ascending in place and return it (no NaN allowed; −0 comes back as +0).
 * @throws RangeError when a value is NaN.
 */
export function sortFloat64(a: Float64Array): Float64Array {
  const n = a.length;
  for (let i = 0; i < n; i++) if (a[i] !== a[i]) throw new RangeError(`cannot sort NaN (index ${i})`);
  if (n < SMALL) {
    for (let i = 0; i < n; i++) if (a[i] === 0) a[i] = 0;
    return a.sort();
  }
  const u = new Uint32Array(a.buffer, a.byteOffset, 2 * n);
  toKeys(u, n);
  const counts = histograms(u, n);
  let src: Uint32Array = u;
  let dst: Uint32Array = new Uint32Array(2 * n);
  for (let pass = 0; pass < 4; pass++) {
    const c = counts[pass];
    if (!prefix(c, n)) continue;
    const word = pass < 2 ? 0 : 1;
    const shift = pass & 1 ? 16 : 0;
    for (let i = 0; i < n; i++) {
      const lo = src[2 * i];
      const hi = src[2 * i + 1];
      const j = c[((word ? hi : lo) >>> shift) & 0xffff]++;
      dst[2 * j] = lo;
      dst[2 * j + 1] = hi;
    }
    [src, dst] = [dst, src];
  }
  if (src !== u) u.set(src);
  fromKeys(u, n);
  return a;
}

/**
 * The finite values of `values` (NaN and ±∞ dropped and counted), sorted ascending into a new array;
 * `values` is not modified. −0 comes back as +0. Same order as {@link sortFloat64} (which it equals on
 * finite input), but the filtering, the key transform and the digit histograms share one pass over the
 * input, which makes it ~25% faster than filtering first and sorting after.
 *
 * Self-contained on purpose (no reference to anything outside its body but globals): the drift check
 * runs its source text in worker threads (`src/checks/drift/presort.ts`).
 */
export function sortFiniteFloat64(values: Float64Array): {
  sorted: Float64Array;
  nulls: number;
  infinite: number;
} {
  const SMALL_INPUT = 2048;
  const BUCKETS = 65536;
  const n0 = values.length;
  let nulls = 0;
  let infinite = 0;
  if (n0 < SMALL_INPUT) {
    const finite = new Float64Array(n0);
    let n = 0;
    for (let i = 0; i < n0; i++) {
      const v = values[i];
      if (v !== v) nulls++;
      else if (v === Infinity || v === -Infinity) infinite++;
      else finite[n++] = v === 0 ? 0 : v;
    }
    return { sorted: finite.subarray(0, n).sort(), nulls, infinite };
  }
  const words = new Uint32Array(values.buffer, values.byteOffset, 2 * n0);
  const keys = new Uint32Array(2 * n0);
  const c0 = new Uint32Array(BUCKETS);
  const c1 = new Uint32Array(BUCKETS);
  const c2 = new Uint32Array(BUCKETS);
  const c3 = new Uint32Array(BUCKETS);
  let n = 0;
  for (let i = 0; i < n0; i++) {
    const lo = words[2 * i];
    const hi = words[2 * i + 1];
    if ((hi & 0x7ff00000) === 0x7ff00000) {
      // exponent all ones: ±∞ when the mantissa is 0, else NaN
      if ((hi & 0xfffff) !== 0 || lo !== 0) nulls++;
      else infinite++;
      continue;
    }
    // Order-preserving unsigned key: negative → flip all bits; otherwise flip the sign bit; −0 → +0.
    let klo: number;
    let khi: number;
    if (hi & 0x80000000) {
      if (hi === 0x80000000 && lo === 0) {
        klo = 0;
        khi = 0x80000000;
      } else {
        klo = ~lo >>> 0;
        khi = ~hi >>> 0;
      }
    } else {
      klo = lo;
      khi = (hi | 0x80000000) >>> 0;
    }
    keys[2 * n] = klo;
    keys[2 * n + 1] = khi;
    c0[klo & 0xffff]++;
    c1[klo >>> 16]++;
    c2[khi & 0xffff]++;
    c3[khi >>> 16]++;
    n++;
  }
  const counts = [c0, c1, c2, c3];
  let src: Uint32Array = keys.subarray(0, 2 * n);
  let dst: Uint32Array | undefined;
  for (let pass = 0; pass < 4 && n > 0; pass++) {
    // Exclusive prefix sums; skip the pass when every key has the same digit.
    const c = counts[pass];
    let sum = 0;
    let constant = false;
    for (let k = 0; k < BUCKETS; k++) {
      const t = c[k];
      if (t === n) {
        constant = true;
        break;
      }
      c[k] = sum;
      sum += t;
    }
    if (constant) continue;
    dst ??= new Uint32Array(2 * n);
    const word = pass < 2 ? 0 : 1;
    const shift = pass & 1 ? 16 : 0;
    for (let i = 0; i < n; i++) {
      const lo = src[2 * i];
      const hi = src[2 * i + 1];
      const j = c[((word ? hi : lo) >>> shift) & 0xffff]++;
      dst[2 * j] = lo;
      dst[2 * j + 1] = hi;
    }
    const t = src;
    src = dst;
    dst = t;
  }
  // Keys back to doubles.
  for (let i = 0; i < n; i++) {
    const hi = src[2 * i + 1];
    if (hi & 0x80000000) {
      src[2 * i + 1] = (hi & 0x7fffffff) >>> 0;
    } else {
      src[2 * i + 1] = ~hi >>> 0;
      src[2 * i] = ~src[2 * i] >>> 0;
    }
  }
  return { sorted: new Float64Array(src.buffer, src.byteOffset, n), nulls, infinite };
}

/**
 * The stable ascending permutation of `values`: `values[order[0]] ≤ values[order[1]] ≤ …`, ties in index
 * order. `values` is not modified.
 * @throws RangeError when a value is NaN.
 */
export function argsortFloat64(values: Float64Array): Uint32Array {
  const n = values.length;
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    if (values[i] !== values[i]) throw new RangeError(`cannot sort NaN (index ${i})`);
    order[i] = i;
  }
  if (n < SMALL) {
    return order.sort((x, y) => values[x] - values[y] || x - y);
  }
  const keys = new Float64Array(values);
  const u = new Uint32Array(keys.buffer, 0, 2 * n);
  toKeys(u, n);
  const counts = histograms(u, n);
  let src: Uint32Array = order;
  let dst: Uint32Array = new Uint32Array(n);
  for (let pass = 0; pass < 4; pass++) {
    const c = counts[pass];
    if (!prefix(c, n)) continue;
    for (let i = 0; i < n; i++) {
      const idx = src[i];
      dst[c[digitOf(u, idx, pass)]++] = idx;
    }
    [src, dst] = [dst, src];
  }
  return src;
}
