/**
 * The finite values of a Float64Array (NaN and ±∞ skipped), ascending — several times faster than
 * filtering and `Float64Array.prototype.sort` on large arrays, with exactly its result (−0 sorts just
 * before +0).
 *
 * - Few distinct values (at most {@link FEW_DISTINCT}, e.g. integers or rounded data): a counting sort.
 *   One pass counts the values in a small hash table (keyed by bit pattern, so −0 and +0 stay apart) and
 *   gives up as soon as it holds too many; the distinct values are then sorted and written out in runs.
 * - Otherwise an LSD radix sort on the IEEE-754 bits (Herf's float trick: set the sign bit of positives,
 *   invert negatives, and the bit patterns sort as unsigned integers), four passes of 16-bit digits. The
 *   digit histograms are taken in one pass over the input, passes whose digit is the same for every value
 *   are skipped, the first pass reads (and filters) the input itself and makes the keys on the way, and
 *   the last one writes doubles back.
 * Small inputs use the built-in sort.
 *
 * Memory: the result plus one scratch array of the same size; both can be passed in, so that a caller
 * sorting many columns reuses them (fresh memory costs a page fault per 4 KiB on first touch).
 *
 * Everything lives in {@link sortKernel}, which refers to nothing outside its body but globals: the
 * parallel profile (parallel-sort.ts) runs its source text in a worker thread, so both threads sort with
 * exactly the same code.
 */
/** The sorting code as one self-contained function (see the module doc); call it once to get it. */
export function sortKernel() {
  const RADIX_THRESHOLD = 4096;
  const DIGITS = 65536;
  /** The counting sort is used up to this many distinct values. */
  const FEW_DISTINCT = 4096;
  const TABLE_BITS = 13; // 2 × FEW_DISTINCT slots
  const { imul } = Math; // a local alias: `Math.x` lookups are slow under jest's VM context

  const LITTLE_ENDIAN = new Uint8Array(new Float64Array([1]).buffer)[7] === 0x3f;
  const LO = LITTLE_ENDIAN ? 0 : 1;
  const HI = LITTLE_ENDIAN ? 1 : 0;
  /** High word of ±∞ and NaN: exponent all ones. */
  const EXPONENT = 0x7ff00000;

  /**
   * The finite values of `values`, ascending (`count` of them, when the caller knows). The result is a
   * view of `into` when it is given (it must not be `values`), else of a new array; `scratch` (at least
   * as long as the result) is used as working space when given. `values` is not modified.
   */
  function sortedFinite(
    values: Float64Array,
    count?: number,
    into?: Float64Array,
    scratch?: Float64Array,
  ): Float64Array {
    const n = values.length;
    const room = count ?? n;
    const out = into ? into.subarray(0, room) : new Float64Array(room);
    if (room === 0) return out;
    const words = new Uint32Array(values.buffer, values.byteOffset, n * 2);
    if (n < RADIX_THRESHOLD) return out.subarray(0, copyFinite(values, words, out)).sort();
    const counted = countingSort(values, words, out);
    if (counted >= 0) return out.subarray(0, counted);
    return out.subarray(0, radixSort(values, words, out, scratch));
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

  /** LSD radix sort of the finite values of `values` into `out`; returns how many there are. */
  function radixSort(
    values: Float64Array,
    words: Uint32Array,
    out: Float64Array,
    scratch: Float64Array | undefined,
  ): number {
    const n = values.length;
    const c0 = new Int32Array(DIGITS);
    const c1 = new Int32Array(DIGITS);
    const c2 = new Int32Array(DIGITS);
    const c3 = new Int32Array(DIGITS);
    let count = 0;
    for (let i = 0; i < n; i++) {
      let lo = words[2 * i + LO];
      let hi = words[2 * i + HI];
      if ((hi & EXPONENT) === EXPONENT) continue;
      count++;
      if (hi & 0x80000000) {
        hi = ~hi;
        lo = ~lo;
      } else {
        hi |= 0x80000000;
      }
      c0[lo & 0xffff]++;
      c1[lo >>> 16]++;
      c2[hi & 0xffff]++;
      c3[hi >>> 16]++;
    }
    // The passes that move anything: a digit that is the same for every key leaves the order as it is.
    const passes: number[] = [];
    const counts = [c0, c1, c2, c3];
    for (let p = 0; p < 4; p++) if (toOffsets(counts[p], count)) passes.push(p);
    const result = new Uint32Array(out.buffer, out.byteOffset, count * 2);
    if (passes.length === 0) return copyFinite(values, words, out); // every value has the same bits
    // Alternate between `out` and the scratch so that the last pass writes `out`.
    let spare = result;
    if (passes.length > 1) {
      const s = scratch && scratch.length >= count ? scratch : new Float64Array(count);
      spare = new Uint32Array(s.buffer, s.byteOffset, count * 2);
    }
    let src: Uint32Array = words;
    for (let k = 0; k < passes.length; k++) {
      const dst = (passes.length - 1 - k) % 2 === 0 ? result : spare;
      scatter(src, k === 0 ? n : count, dst, counts[passes[k]], passes[k], k === 0, k === passes.length - 1);
      src = dst;
    }
    return count;
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
   * One stable counting pass on 16-bit digit `pass` (0 = least significant) of the keys of `src[0, n)`.
   * The first pass reads doubles (skipping ±∞ and NaN) and makes keys on the way; the last writes doubles.
   */
  function scatter(
    src: Uint32Array,
    n: number,
    dst: Uint32Array,
    offsets: Int32Array,
    pass: number,
    first: boolean,
    last: boolean,
  ): void {
    const shift = (pass & 1) * 16;
    const useHi = pass >= 2;
    for (let i = 0; i < n; i++) {
      let lo = src[2 * i + LO];
      let hi = src[2 * i + HI];
      if (first) {
        if ((hi & EXPONENT) === EXPONENT) continue;
        if (hi & 0x80000000) {
          hi = ~hi >>> 0;
          lo = ~lo >>> 0;
        } else {
          hi = (hi | 0x80000000) >>> 0;
        }
      }
      const j = offsets[((useHi ? hi : lo) >>> shift) & 0xffff]++;
      if (last) {
        if (hi & 0x80000000) {
          hi = hi & 0x7fffffff;
        } else {
          hi = ~hi;
          lo = ~lo;
        }
      }
      dst[2 * j + LO] = lo;
      dst[2 * j + HI] = hi;
    }
  }

  /**
   * Run-length encoding of ascending values into `values`/`counts` (views of them are returned; they must
   * hold `sorted.length` elements), or into new arrays of the right size: `values[r]` (the first of its
   * run, so −0.0 when a run of zeros starts with it) occurs `counts[r]` times. Equality is `===`, so −0.0
   * and 0.0 are one run.
   */
  function runsOf(
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

  return { sortedFinite, runsOf, FEW_DISTINCT };
}

export const { sortedFinite, runsOf, FEW_DISTINCT } = sortKernel();
