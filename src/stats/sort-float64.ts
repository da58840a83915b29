/**
 * Sorting doubles: the one sort of model-ci, used by the profile, the drift statistics and the ranking
 * metrics (ROC AUC, average precision, DeLong, resampling), on one thread or on several
 * (parallel-sort.ts, whose worker runs this module too).
 *
 * {@link sortedFinite} — the finite values of a Float64Array (NaN and ±∞ skipped), ascending, with
 * exactly the result of filtering and `Float64Array.prototype.sort` (−0 sorts just before +0), several
 * times faster on large arrays:
 * - Few distinct values (at most {@link FEW_DISTINCT}, e.g. integers or rounded data): a counting sort.
 *   One pass counts the values in a small hash table (keyed by bit pattern, so −0 and +0 stay apart) and
 *   gives up as soon as it holds too many; the distinct values are then sorted and written out in runs.
 * - Decimal data (every value k / 10^F, the integers k spanning less than 2^32 — a CSV column of numbers
 *   with a few significant digits): an LSD radix sort of the 32-bit offsets k − min k (one or two
 *   passes), checked value by value to give back the very same doubles.
 * - Otherwise the finite values are copied out and sorted there by an LSD radix sort on the IEEE-754 bits
 *   (Herf's float trick: set the sign bit of positives, invert negatives, and the bit patterns sort as
 *   unsigned integers), four passes of 16-bit digits; the keys and their digit histograms are made in one
 *   pass, passes whose digit is the same for every value are skipped.
 * Small inputs use the built-in sort. Memory: the result plus one scratch array of the same size; both
 * can be passed in, so that a caller sorting many columns reuses them (fresh memory costs a page fault
 * per 4 KiB on first touch).
 *
 * Built on it: {@link sortFinite} (also counts the nulls and ±∞: the drift statistics), {@link sortFloat64}
 * (every value in place, ±∞ included, NaN refused: the metrics; the same radix sort), {@link runsOf}
 * (distinct values and counts), and {@link argsortFloat64} (the stable ascending permutation, an LSD
 * radix sort of indices).
 *
 * Complexity: O(n) time (radix and counting sorts), O(n log n) below {@link RADIX_THRESHOLD} values;
 * O(n) extra memory.
 * @example sortedFinite(Float64Array.of(3, NaN, -1, Infinity, 2)) // Float64Array [-1, 2, 3]
 */
const RADIX_THRESHOLD = 4096;
const DIGITS = 65536;
/** The counting sort is used up to this many distinct values. */
export const FEW_DISTINCT = 4096;
const TABLE_BITS = 13; // 2 × FEW_DISTINCT slots
const { imul, max, min, floor, round } = Math; // local aliases: `Math.x` lookups are slow under jest's VM context
/** Decimal data: at most this many decimals (10^15 and smaller powers of ten are exact doubles). */
const MAX_DECIMALS = 15;
const POW10 = new Float64Array(MAX_DECIMALS + 1).map((_, i) => Number(`1e${i}`));

const LITTLE_ENDIAN = new Uint8Array(new Float64Array([1]).buffer)[7] === 0x3f;
const LO = LITTLE_ENDIAN ? 0 : 1;
const HI = LITTLE_ENDIAN ? 1 : 0;
/** High word of ±∞ and NaN: exponent all ones. */
const EXPONENT = 0x7ff00000;

/**
 * The finite values of `input` (NaN and ±∞ are nulls, docs/statistics.md §1 rule 7), ascending (`count` of
 * them, when the caller knows). The result is a view of `into` when it is given (it must not be the
 * input), else of a new array; `scratch` (at least as long as the result) is used as working space when
 * given. The input is not modified; one that is not a Float64Array is copied into one first.
 */
export function sortedFinite(
  input: Float64Array | ArrayLike<number>,
  count?: number,
  into?: Float64Array,
  scratch?: Float64Array,
): Float64Array {
  const values = input instanceof Float64Array ? input : Float64Array.from(input);
  const n = values.length;
  const room = count ?? n;
  const out = into ? into.subarray(0, room) : new Float64Array(room);
  if (room === 0) return out;
  const words = new Uint32Array(values.buffer, values.byteOffset, n * 2);
  if (n < RADIX_THRESHOLD) return out.subarray(0, copyFinite(values, words, out)).sort();
  const counted = countingSort(values, words, out);
  if (counted >= 0) return out.subarray(0, counted);
  const decimal = decimalSort(values, words, out, scratch);
  if (decimal >= 0) return out.subarray(0, decimal);
  return out.subarray(0, radixSort(values, words, out, scratch));
}

/**
 * Whether the first `sample` values hold at most FEW_DISTINCT distinct bit patterns (a hint that the
 * counting sort will do: such a column sorts an order of magnitude faster than one of many values).
 */
export function looksFewDistinct(values: Float64Array, sample = 3 * FEW_DISTINCT): boolean {
  const n = min(values.length, sample);
  const words = new Uint32Array(values.buffer, values.byteOffset, n * 2);
  const size = 1 << TABLE_BITS;
  const mask = size - 1;
  const used = new Uint8Array(size);
  const keyLo = new Int32Array(size);
  const keyHi = new Int32Array(size);
  let distinct = 0;
  for (let i = 0; i < n; i++) {
    const lo = words[2 * i + LO] | 0;
    const hi = words[2 * i + HI] | 0;
    let slot = imul(imul(lo, 0x9e3779b1) ^ hi, 0x85ebca6b) >>> (32 - TABLE_BITS);
    while (used[slot] && (keyLo[slot] !== lo || keyHi[slot] !== hi)) slot = (slot + 1) & mask;
    if (used[slot]) continue;
    if (++distinct > FEW_DISTINCT) return false;
    used[slot] = 1;
    keyLo[slot] = lo;
    keyHi[slot] = hi;
  }
  return true;
}

/** Copies the finite values to `out`; returns how many. */
function copyFinite(values: Float64Array, words: Uint32Array, out: Float64Array): number {
  let j = 0;
  for (let i = 0; i < values.length; i++) {
    if ((words[2 * i + HI] & EXPONENT) !== EXPONENT) out[j++] = values[i];
  }
  return j;
}

/**
 * The counting sort when the finite values have at most FEW_DISTINCT distinct bit patterns: returns
 * how many values it wrote to `out`; -1 (and nothing written) otherwise.
 */
function countingSort(values: Float64Array, words: Uint32Array, out: Float64Array): number {
  const n = values.length;
  const size = 1 << TABLE_BITS;
  const mask = size - 1;
  const keyLo = new Int32Array(size);
  const keyHi = new Int32Array(size);
  const counts = new Float64Array(size);
  let distinct = 0;
  for (let i = 0; i < n; i++) {
    const lo = words[2 * i + LO] | 0;
    const hi = words[2 * i + HI] | 0;
    if ((hi & EXPONENT) === EXPONENT) continue;
    let slot = imul(imul(lo, 0x9e3779b1) ^ hi, 0x85ebca6b) >>> (32 - TABLE_BITS);
    for (;;) {
      const c = counts[slot];
      if (c === 0) {
        if (++distinct > FEW_DISTINCT) return -1;
        keyLo[slot] = lo;
        keyHi[slot] = hi;
        counts[slot] = 1;
        break;
      }
      if (keyLo[slot] === lo && keyHi[slot] === hi) {
        counts[slot] = c + 1;
        break;
      }
      slot = (slot + 1) & mask;
    }
  }
  const distinctValues = new Float64Array(distinct);
  const distinctWords = new Int32Array(distinctValues.buffer);
  for (let slot = 0, j = 0; slot < size; slot++) {
    if (counts[slot] === 0) continue;
    distinctWords[2 * j + LO] = keyLo[slot];
    distinctWords[2 * j + HI] = keyHi[slot];
    j++;
  }
  distinctValues.sort();
  // Each value's count, looked up again by its bits (−0 and +0 are different keys).
  let at = 0;
  for (let j = 0; j < distinct; j++) {
    const lo = distinctWords[2 * j + LO];
    const hi = distinctWords[2 * j + HI];
    let slot = imul(imul(lo, 0x9e3779b1) ^ hi, 0x85ebca6b) >>> (32 - TABLE_BITS);
    while (keyLo[slot] !== lo || keyHi[slot] !== hi || counts[slot] === 0) slot = (slot + 1) & mask;
    const end = at + counts[slot];
    out.fill(distinctValues[j], at, end);
    at = end;
  }
  return at;
}

/**
 * Decimal data (every value k / 10^F for an integer k, |k| < 2^52, with the keys k spanning less than
 * 2^32 — what a CSV of numbers with a few significant digits holds): an LSD radix sort of the 32-bit
 * offsets k − min k, one or two passes instead of four, then v = k / 10^F back. Exact: F is taken from
 * a sample, and every value is checked to be k / 10^F (correctly rounded, as parsing gave it), so k is a
 * strictly increasing function of v and the doubles come back bit for bit (zeros get their sign back:
 * −0 first, as the built-in sort). Returns how many values it wrote to `out`; -1 (nothing written)
 * when the data is not like that.
 */
function decimalSort(
  values: Float64Array,
  words: Uint32Array,
  out: Float64Array,
  scratch: Float64Array | undefined,
): number {
  const n = values.length;
  // The scale: the most decimals a sample of the values needs.
  let f = 0;
  const step = max(1, floor(n / 4096));
  for (let i = 0; i < n; i += step) {
    const v = values[i];
    if (v - v !== 0) continue;
    while (f <= MAX_DECIMALS && round(v * POW10[f]) / POW10[f] !== v) f++;
    if (f > MAX_DECIMALS) return -1;
  }
  // Every value must be k / 10^f exactly for some f (raised as needed: a value that is k / 10^f is also
  // 10k / 10^(f+1) while |10k| < 2^51, checked at the end); the keys' range must fit 32 bits.
  let scale = POW10[f];
  let vMin = Infinity;
  let vMax = -Infinity;
  let count = 0;
  let negativeZeros = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (v - v !== 0) continue;
    let wider = false;
    if (round(v * scale) / scale !== v) {
      while (f <= MAX_DECIMALS && round(v * POW10[f]) / POW10[f] !== v) f++;
      if (f > MAX_DECIMALS) return -1;
      scale = POW10[f];
      wider = true;
    }
    if (v < vMin) {
      vMin = v;
      wider = true;
    }
    if (v > vMax) {
      vMax = v;
      wider = true;
    }
    // Give up as soon as the keys clearly span too much (the exact test is below).
    if (wider && (vMax - vMin) * scale > 4294967296) return -1;
    if (v === 0 && words[2 * i + HI] !== 0) negativeZeros++;
    count++;
  }
  if (count === 0) return -1;
  const kMin = round(vMin * scale);
  const kMax = round(vMax * scale);
  if (kMax - kMin >= 4294967296 || max(-kMin, kMax) >= 2251799813685248) return -1;
  // Offsets, 16-bit digit histograms on the way; then one pass per digit that varies.
  const keys = new Uint32Array(out.buffer, out.byteOffset, count); // first half of out's bytes
  const spareBytes = scratch && scratch.byteLength >= count * 4 ? scratch : undefined;
  const spare = spareBytes
    ? new Uint32Array(spareBytes.buffer, spareBytes.byteOffset, count)
    : new Uint32Array(count);
  const low = new Int32Array(DIGITS);
  const high = new Int32Array(DIGITS);
  for (let i = 0, j = 0; i < n; i++) {
    const v = values[i];
    if (v - v !== 0) continue;
    const u = round(v * scale) - kMin;
    keys[j++] = u;
    low[u & 0xffff]++;
    high[u >>> 16]++;
  }
  let src = keys;
  let dst = spare;
  for (const [histogram, shift] of [
    [low, 0],
    [high, 16],
  ] as const) {
    if (!toOffsets(histogram, count)) continue; // the same digit everywhere: nothing moves
    scatter32(src, count, dst, histogram, shift);
    const t = src;
    src = dst;
    dst = t;
  }
  if (src !== keys) keys.set(src);
  // Back to doubles, from the end: out[i] overwrites keys[2i], keys[2i + 1], already read.
  for (let i = count - 1; i >= 0; i--) out[i] = (kMin + keys[i]) / scale;
  if (negativeZeros > 0) {
    // The zeros are all +0 now: the first `negativeZeros` of them were −0.
    let lo = 0;
    let hi = count;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (out[mid] < 0) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < lo + negativeZeros; i++) out[i] = -0;
  }
  return count;
}

/** One stable counting pass on the 16-bit digit at `shift` of 32-bit keys. */
function scatter32(src: Uint32Array, n: number, dst: Uint32Array, offsets: Int32Array, shift: number): void {
  for (let i = 0; i < n; i++) {
    const u = src[i];
    dst[offsets[(u >>> shift) & 0xffff]++] = u;
  }
}

/** LSD radix sort of the finite values of `values` into `out`; returns how many there are. */
function radixSort(
  values: Float64Array,
  words: Uint32Array,
  out: Float64Array,
  scratch: Float64Array | undefined,
): number {
  const count = copyFinite(values, words, out);
  radixSortInPlace(out.subarray(0, count), scratch);
  return count;
}

/**
 * LSD radix sort of `a` in place: every value but NaN (±∞ sort to the ends, −0 just before +0), on the
 * order-preserving keys of the IEEE-754 bits (Herf: set the sign bit of a positive, invert every bit of
 * a negative), four passes of 16-bit digits, skipping the passes whose digit is the same for every key.
 * One pass makes the keys and their digit histograms, the last one turns keys back into doubles.
 * `scratch` (at least `a.length` long) is the working space when given.
 */
function radixSortInPlace(a: Float64Array, scratch: Float64Array | undefined): void {
  const n = a.length;
  const lo = LO;
  const hi = HI;
  const u = new Uint32Array(a.buffer, a.byteOffset, 2 * n);
  const c0 = new Int32Array(DIGITS);
  const c1 = new Int32Array(DIGITS);
  const c2 = new Int32Array(DIGITS);
  const c3 = new Int32Array(DIGITS);
  for (let i = 0; i < n; i++) {
    let l = u[2 * i + lo];
    let h = u[2 * i + hi];
    if (h & 0x80000000) {
      h = ~h >>> 0;
      l = ~l >>> 0;
      u[2 * i + lo] = l;
    } else {
      h = (h | 0x80000000) >>> 0;
    }
    u[2 * i + hi] = h;
    c0[l & 0xffff]++;
    c1[l >>> 16]++;
    c2[h & 0xffff]++;
    c3[h >>> 16]++;
  }
  const counts = [c0, c1, c2, c3];
  let src = u;
  let dst: Uint32Array | undefined;
  for (let pass = 0; pass < 4; pass++) {
    const offsets = counts[pass];
    if (!toOffsets(offsets, n)) continue; // the same digit everywhere: nothing moves
    if (!dst) {
      const s = scratch && scratch.length >= n ? scratch : new Float64Array(n);
      dst = new Uint32Array(s.buffer, s.byteOffset, 2 * n);
    }
    const word = pass < 2 ? lo : hi;
    const shift = (pass & 1) * 16;
    for (let i = 0; i < n; i++) {
      const l = src[2 * i];
      const h = src[2 * i + 1];
      const j = offsets[(src[2 * i + word] >>> shift) & 0xffff]++;
      dst[2 * j] = l;
      dst[2 * j + 1] = h;
    }
    const t = src;
    src = dst;
    dst = t;
  }
  if (src !== u) u.set(src);
  for (let i = 0; i < n; i++) {
    const h = u[2 * i + hi];
    if (h & 0x80000000) {
      u[2 * i + hi] = h & 0x7fffffff;
    } else {
      u[2 * i + hi] = ~h;
      u[2 * i + lo] = ~u[2 * i + lo];
    }
  }
}

/** Histogram → starting offsets, in place; false when one digit holds every key (the pass is a no-op). */
function toOffsets(count: Int32Array, n: number): boolean {
  let sum = 0;
  for (let d = 0; d < DIGITS; d++) {
    const c = count[d];
    if (c === n) return false;
    count[d] = sum;
    sum += c;
  }
  return true;
}

/**
 * Run-length encoding of ascending values into `values`/`counts` (views of them are returned; they must
 * hold `sorted.length` elements), or into new arrays of the right size: `values[r]` (the first of its
 * run, so −0.0 when a run of zeros starts with it) occurs `counts[r]` times. Equality is `===`, so −0.0
 * and 0.0 are one run.
 */
export function runsOf(
  sorted: Float64Array,
  values?: Float64Array,
  counts?: Int32Array,
): { values: Float64Array; counts: Int32Array } {
  const n = sorted.length;
  if (!values || !counts) {
    let distinct = n > 0 ? 1 : 0;
    for (let i = 1; i < n; i++) if (sorted[i] !== sorted[i - 1]) distinct++;
    values = new Float64Array(distinct);
    counts = new Int32Array(distinct);
  }
  let run = 0;
  let start = 0;
  for (let i = 1; i <= n; i++) {
    if (i === n || sorted[i] !== sorted[i - 1]) {
      values[run] = sorted[start];
      counts[run++] = i - start;
      start = i;
    }
  }
  return { values: values.subarray(0, run), counts: counts.subarray(0, run) };
}

/** Nulls (NaN) and ±∞ of a column, besides its finite values ascending: one side of a drift comparison. */
export interface SortedFinite {
  sorted: Float64Array;
  nulls: number;
  infinite: number;
}

/** How many values are NaN (nulls) and how many ±∞, in one pass over the high words. */
export function countNonFinite(values: Float64Array): { nulls: number; infinite: number } {
  const n = values.length;
  const words = new Uint32Array(values.buffer, values.byteOffset, n * 2);
  let nulls = 0;
  let infinite = 0;
  for (let i = 0; i < n; i++) {
    const hi = words[2 * i + HI];
    if ((hi & EXPONENT) !== EXPONENT) continue;
    // Exponent all ones: ±∞ when the mantissa is 0, else NaN.
    if ((hi & 0xfffff) === 0 && words[2 * i + LO] === 0) infinite++;
    else nulls++;
  }
  return { nulls, infinite };
}

/** {@link sortedFinite} of `values` with its nulls and ±∞ counted. `values` is not modified. */
export function sortFinite(values: Float64Array): SortedFinite {
  const sorted = sortedFinite(values);
  return { sorted, ...nonFiniteBesides(values, sorted) };
}

/**
 * {@link countNonFinite} of `values`, whose finite values are `sorted`: no pass over the values when
 * every one of them is finite (the usual column).
 */
export function nonFiniteBesides(
  values: Float64Array,
  sorted: Float64Array,
): { nulls: number; infinite: number } {
  return sorted.length === values.length ? { nulls: 0, infinite: 0 } : countNonFinite(values);
}

/**
 * Sorts `values` ascending in place and returns it: every value, ±∞ included (−0 just before +0). The
 * metrics sort arrays of scores they own, so no copy is made.
 * @throws RangeError when a value is NaN (callers validate scores first).
 */
export function sortFloat64(values: Float64Array): Float64Array {
  const n = values.length;
  for (let i = 0; i < n; i++)
    if (values[i] !== values[i]) throw new RangeError(`cannot sort NaN (index ${i})`);
  if (n < RADIX_THRESHOLD) return values.sort();
  radixSortInPlace(values, undefined);
  return values;
}

/**
 * The stable ascending permutation of `values`: `values[order[0]] ≤ values[order[1]] ≤ …`, ties (−0 and
 * +0 are one) in index order. `values` is not modified. An LSD radix sort of the indices on the 16-bit
 * digits of the order-preserving keys (digits that are the same for every key are skipped).
 * @throws RangeError when a value is NaN.
 */
export function argsortFloat64(values: Float64Array): Uint32Array {
  const n = values.length;
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    if (values[i] !== values[i]) throw new RangeError(`cannot sort NaN (index ${i})`);
    order[i] = i;
  }
  if (n < RADIX_THRESHOLD) return order.sort((x, y) => values[x] - values[y] || x - y);
  // Keys: negative → flip all bits; otherwise flip the sign bit; −0 → +0 (ties with it).
  const keys = new Uint32Array(2 * n);
  const words = new Uint32Array(values.buffer, values.byteOffset, 2 * n);
  const counts = [
    new Int32Array(DIGITS),
    new Int32Array(DIGITS),
    new Int32Array(DIGITS),
    new Int32Array(DIGITS),
  ];
  const [c0, c1, c2, c3] = counts;
  for (let i = 0; i < n; i++) {
    let lo = words[2 * i + LO];
    let hi = words[2 * i + HI];
    if (hi === 0x80000000 && lo === 0) hi = 0x80000000;
    else if (hi & 0x80000000) {
      hi = ~hi >>> 0;
      lo = ~lo >>> 0;
    } else hi = (hi | 0x80000000) >>> 0;
    keys[2 * i] = lo;
    keys[2 * i + 1] = hi;
    c0[lo & 0xffff]++;
    c1[lo >>> 16]++;
    c2[hi & 0xffff]++;
    c3[hi >>> 16]++;
  }
  let src = order;
  let dst = new Uint32Array(n);
  for (let pass = 0; pass < 4; pass++) {
    const c = counts[pass];
    if (!toOffsets(c, n)) continue;
    const word = pass >> 1;
    const shift = (pass & 1) * 16;
    for (let i = 0; i < n; i++) {
      const index = src[i];
      dst[c[(keys[2 * index + word] >>> shift) & 0xffff]++] = index;
    }
    const t = src;
    src = dst;
    dst = t;
  }
  return src;
}
