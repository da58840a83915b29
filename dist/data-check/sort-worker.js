import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
var __webpack_exports__ = {};

;// CONCATENATED MODULE: external "node:worker_threads"
const external_node_worker_threads_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:worker_threads");
;// CONCATENATED MODULE: ./src/stats/sketches/exact-sum.ts
/**
 * Exactly rounded floating-point sum (Shewchuk's adaptive partials, the algorithm of Python's `math.fsum`).
 *
 * Why: a profile's mean must not depend on how rows were split into shards. The partials represent the
 * running sum *exactly*, so merging shard sums in any order or grouping gives the same correctly rounded
 * total, bit for bit, as one pass over all values — which a Kahan or pairwise sum cannot promise.
 * Cost: O(p) per value where p (the number of partials) is 1–3 for ordinary data and at most ~40.
 * Overflow of an intermediate (|sum| > 1.8e308) makes the value ±Infinity or NaN.
 * @see https://code.activestate.com/recipes/393090/ and CPython `math_fsum`.
 */
// Local aliases: under jest's VM context every `Math.x` lookup on a hot path costs ~0.3 µs.
const { abs, min, max } = Math;
/*
 * Bulk adding (`addAll`): each value x with biased exponent e is split exactly into a high part, a multiple
 * of 2^(e−1075+SPLIT) (x rounded there by adding and subtracting SIGMA[e] = 1.5·2^(e−1023+SPLIT)), and the
 * low part x − high, a multiple of 2^(e−1075) below 2^(e−1076+SPLIT) in magnitude. Per exponent, the high
 * parts (at most 2^(53−SPLIT) units each) and the low parts (at most 2^(SPLIT−1) units) are summed in two
 * plain doubles, and every such sum of fewer than 2^(SPLIT−1) terms is an integer number of units below 2^53:
 * exact. The 2 × 2048 accumulators then go into the partials, so the state is the exact sum, as with
 * `add` per value, at a few ns per value instead of a loop over the partials.
 */
const SPLIT = 27;
/** Values per flush of the accumulators (< 2^(SPLIT−1) keeps every accumulator exact). */
const FLUSH = 1 << 25;
/** Exponents above this take the per-value path (SIGMA would overflow). */
const MAX_BULK_EXPONENT = 2046 - SPLIT - 2;
const SIGMA = new Float64Array(2048).map((_, e) => 1.5 * 2 ** (max(e, 1) - 1023 + SPLIT));
const HI_WORD = new Uint8Array(new Float64Array([1]).buffer)[7] === 0x3f ? 1 : 0;
class ExactSum {
    partials = new Float64Array(8);
    n = 0;
    /** Add one finite value. */
    add(value) {
        let x = value;
        let i = 0;
        const p = this.partials;
        for (let j = 0; j < this.n; j++) {
            let y = p[j];
            if (abs(x) < abs(y)) {
                const t = x;
                x = y;
                y = t;
            }
            const hi = x + y;
            const lo = y - (hi - x);
            if (lo !== 0)
                p[i++] = lo;
            x = hi;
        }
        if (i >= p.length)
            this.grow();
        this.partials[i] = x;
        this.n = i + 1;
    }
    /**
     * Add every finite value of `values` (NaN and ±∞ are skipped). The exact sum is the same as adding them
     * one by one with {@link add}, so {@link value} is bit-identical; only the partials that represent it
     * may differ.
     */
    addAll(values) {
        const n = values.length;
        if (n === 0)
            return this;
        const words = new Uint32Array(values.buffer, values.byteOffset, 2 * n);
        const high = new Float64Array(2048);
        const low = new Float64Array(2048);
        const sigma = SIGMA;
        let nonZero = false;
        let oneByOne = 0;
        for (let from = 0; from < n; from += FLUSH) {
            const to = min(n, from + FLUSH);
            for (let i = from; i < to; i++) {
                const e = (words[2 * i + HI_WORD] >>> 20) & 0x7ff;
                const x = values[i];
                if (e > MAX_BULK_EXPONENT) {
                    if (e === 0x7ff)
                        continue; // NaN or ±∞
                    this.add(x);
                    oneByOne++;
                    continue;
                }
                const s = sigma[e];
                const h = x + s - s;
                high[e] += h;
                low[e] += x - h;
            }
            for (let e = 0; e < 2048; e++) {
                if (high[e] !== 0) {
                    this.add(high[e]);
                    nonZero = true;
                }
                if (low[e] !== 0) {
                    this.add(low[e]);
                    nonZero = true;
                }
            }
            high.fill(0);
            low.fill(0);
        }
        if (!nonZero && oneByOne === 0) {
            // Nothing was added (zeros only, or values that cancel per exponent): replay one by one, so that the
            // sign of a zero (−0 when every value is −0) is what `add` gives.
            for (let i = 0; i < n; i++) {
                const x = values[i];
                if (x - x === 0)
                    this.add(x); // finite
            }
        }
        return this;
    }
    /** Add every value of another sum (exact, so merge order never matters). */
    merge(other) {
        for (const v of other.toJSON())
            this.add(v);
        return this;
    }
    /** The correctly rounded sum (round-half-even of the exact value), as CPython's fsum. */
    value() {
        const p = this.partials;
        let n = this.n;
        if (n === 0)
            return 0;
        let hi = p[--n];
        let lo = 0;
        while (n > 0) {
            const x = hi;
            const y = p[--n];
            hi = x + y;
            const yr = hi - x;
            lo = y - yr;
            if (lo !== 0)
                break;
        }
        // Halfway case: the remaining partials decide the rounding direction.
        if (n > 0 && ((lo < 0 && p[n - 1] < 0) || (lo > 0 && p[n - 1] > 0))) {
            const y = lo * 2;
            const x = hi + y;
            const yr = x - hi;
            if (y === yr)
                hi = x;
        }
        return hi;
    }
    /** The partials, smallest magnitude first: the exact state for a profile file. */
    toJSON() {
        return Array.from(this.partials.subarray(0, this.n));
    }
    /**
     * The sum whose partials are exactly `partials`, as {@link toJSON} of a sum made by this same code gave
     * them (between threads); unlike {@link fromJSON}, nothing is re-added, so the partials stay the same.
     */
    static ofPartials(partials) {
        const s = new ExactSum();
        s.partials = new Float64Array(max(8, partials.length));
        s.partials.set(partials);
        s.n = partials.length;
        return s;
    }
    /** Rebuild from {@link toJSON} output (re-adding keeps the invariant even for hand-edited input). */
    static fromJSON(partials) {
        const s = new ExactSum();
        for (const v of partials)
            s.add(v);
        return s;
    }
    grow() {
        const next = new Float64Array(this.partials.length * 2);
        next.set(this.partials);
        this.partials = next;
    }
}

;// CONCATENATED MODULE: ./src/stats/sketches/moments.ts
/**
 * Count, mean and M2 (sum of squared deviations from the mean) that merge across shards:
 * Chan, Golub & LeVeque (1979), "Updating formulae and a pairwise algorithm for computing sample variances":
 *
 *   n = nA + nB,  δ = meanB − meanA,  mean = meanA + δ·nB/n,  M2 = M2A + M2B + δ²·nA·nB/n.
 *
 * Why not Σx and Σx²: the textbook formula loses all precision when the mean is large relative to the
 * spread; Chan's update is as stable as a two-pass computation. Sample variance = M2/(n−1).
 * @see https://en.wikipedia.org/wiki/Algorithms_for_calculating_variance#Parallel_algorithm
 */
// Module-level aliases: under jest's VM context every `Math.x` lookup on a hot path costs ~0.3 µs.
const { abs: moments_abs, sqrt, max: moments_max } = Math;
const EMPTY_MOMENTS = { count: 0, mean: NaN, m2: 0 };
/**
 * Two-pass moments of finite values (nulls/±∞ must already be excluded): the mean from `sum`
 * (pass the exactly rounded sum when you have it), then M2 with Neumaier compensation.
 */
function momentsOf(values, sum) {
    const n = values.length;
    if (n === 0)
        return { ...EMPTY_MOMENTS };
    let s = sum;
    if (s === undefined) {
        s = 0;
        for (let i = 0; i < n; i++)
            s += values[i];
    }
    const mean = s / n;
    let m2 = 0;
    let c = 0;
    for (let i = 0; i < n; i++) {
        const d = values[i] - mean;
        const t = d * d;
        const u = m2 + t;
        c += moments_abs(m2) >= t ? m2 - u + t : t - u + m2;
        m2 = u;
    }
    return { count: n, mean, m2: m2 + c };
}
/**
 * {@link momentsOf} of the finite values of `values` (NaN and ±∞ skipped, `count` of them), without
 * copying them out first: the same arithmetic in the same order, so the same result bit for bit.
 * The profile's sort workers run it too (stats/numeric-scan.ts), with the same result.
 */
function momentsOfFinite(values, count, sum) {
    if (count === 0)
        return { count: 0, mean: NaN, m2: 0 };
    const abs = Math.abs; // bound once: `Math.x` lookups in the loop are slow under jest's VM context
    const mean = sum / count;
    let m2 = 0;
    let c = 0;
    for (let i = 0; i < values.length; i++) {
        const v = values[i];
        if (v - v !== 0)
            continue; // NaN or ±∞
        const d = v - mean;
        const t = d * d;
        const u = m2 + t;
        c += abs(m2) >= t ? m2 - u + t : t - u + m2;
        m2 = u;
    }
    return { count, mean, m2: m2 + c };
}
/** Chan et al.'s pairwise combination; commutative, and associative up to rounding. */
function combineMoments(a, b) {
    if (a.count === 0)
        return { ...b };
    if (b.count === 0)
        return { ...a };
    const n = a.count + b.count;
    const delta = b.mean - a.mean;
    // Weighted form of the mean keeps merge(a, b) === merge(b, a) bit for bit.
    const mean = (a.mean * a.count + b.mean * b.count) / n;
    const m2 = a.m2 + b.m2 + delta * delta * ((a.count * b.count) / n);
    return { count: n, mean: Number.isFinite(mean) ? mean : a.mean + (delta * b.count) / n, m2 };
}
/** Sample standard deviation (ddof = 1); NaN when count < 2. */
function sampleStd(m) {
    return m.count < 2 ? NaN : sqrt(moments_max(0, m.m2) / (m.count - 1));
}

;// CONCATENATED MODULE: ./src/stats/numeric-scan.ts
/**
 * One pass over a numeric column for everything a profile needs but the sorted values: counts of nulls
 * and ±∞, min, max, whether every value is an integer, the exact sum (exact-sum.ts) and the moments.
 * Plain data in and out, so that a worker thread can compute it beside the sort (parallel-sort.ts).
 */


const { floor } = Math; // a local alias: `Math.x` lookups are slow under jest's VM context
/** The scan of `values` (NaN: null; min and max NaN when there is no finite value). */
function scanNumeric(values) {
    const n = values.length;
    let nulls = 0;
    let posInf = 0;
    let negInf = 0;
    let count = 0;
    let integral = true;
    let min = Infinity;
    let max = -Infinity;
    for (let i = 0; i < n; i++) {
        const v = values[i];
        if (v !== v)
            nulls++;
        else if (v === Infinity)
            posInf++;
        else if (v === -Infinity)
            negInf++;
        else {
            count++;
            if (integral && floor(v) !== v)
                integral = false;
            if (v < min)
                min = v;
            if (v > max)
                max = v;
        }
    }
    // Sum and moments skip nulls and ±∞ on the way: no copy of the finite values is made.
    const sumState = new ExactSum().addAll(values);
    const sum = sumState.value();
    const m = momentsOfFinite(values, count, sum);
    return {
        nulls,
        posInf,
        negInf,
        count,
        integral,
        min: count ? min : NaN,
        max: count ? max : NaN,
        partials: sumState.toJSON(),
        sum,
        mean: m.mean,
        m2: m.m2,
    };
}

;// CONCATENATED MODULE: ./src/stats/sort-float64.ts
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
const FEW_DISTINCT = 4096;
const TABLE_BITS = 13; // 2 × FEW_DISTINCT slots
const { imul, max: sort_float64_max, min: sort_float64_min, floor: sort_float64_floor, round } = Math; // local aliases: `Math.x` lookups are slow under jest's VM context
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
function sortedFinite(input, count, into, scratch) {
    const values = input instanceof Float64Array ? input : Float64Array.from(input);
    const n = values.length;
    const room = count ?? n;
    const out = into ? into.subarray(0, room) : new Float64Array(room);
    if (room === 0)
        return out;
    const words = new Uint32Array(values.buffer, values.byteOffset, n * 2);
    if (n < RADIX_THRESHOLD)
        return out.subarray(0, copyFinite(values, words, out)).sort();
    const counted = countingSort(values, words, out);
    if (counted >= 0)
        return out.subarray(0, counted);
    const decimal = decimalSort(values, words, out, scratch);
    if (decimal >= 0)
        return out.subarray(0, decimal);
    return out.subarray(0, radixSort(values, words, out, scratch));
}
/**
 * Whether the first `sample` values hold at most FEW_DISTINCT distinct bit patterns (a hint that the
 * counting sort will do: such a column sorts an order of magnitude faster than one of many values).
 */
function looksFewDistinct(values, sample = 3 * FEW_DISTINCT) {
    const n = sort_float64_min(values.length, sample);
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
        while (used[slot] && (keyLo[slot] !== lo || keyHi[slot] !== hi))
            slot = (slot + 1) & mask;
        if (used[slot])
            continue;
        if (++distinct > FEW_DISTINCT)
            return false;
        used[slot] = 1;
        keyLo[slot] = lo;
        keyHi[slot] = hi;
    }
    return true;
}
/** Copies the finite values to `out`; returns how many. */
function copyFinite(values, words, out) {
    let j = 0;
    for (let i = 0; i < values.length; i++) {
        if ((words[2 * i + HI] & EXPONENT) !== EXPONENT)
            out[j++] = values[i];
    }
    return j;
}
/**
 * The counting sort when the finite values have at most FEW_DISTINCT distinct bit patterns: returns
 * how many values it wrote to `out`; -1 (and nothing written) otherwise.
 */
function countingSort(values, words, out) {
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
        if ((hi & EXPONENT) === EXPONENT)
            continue;
        let slot = imul(imul(lo, 0x9e3779b1) ^ hi, 0x85ebca6b) >>> (32 - TABLE_BITS);
        for (;;) {
            const c = counts[slot];
            if (c === 0) {
                if (++distinct > FEW_DISTINCT)
                    return -1;
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
        if (counts[slot] === 0)
            continue;
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
        while (keyLo[slot] !== lo || keyHi[slot] !== hi || counts[slot] === 0)
            slot = (slot + 1) & mask;
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
function decimalSort(values, words, out, scratch) {
    const n = values.length;
    // The scale: the most decimals a sample of the values needs.
    let f = 0;
    const step = sort_float64_max(1, sort_float64_floor(n / 4096));
    for (let i = 0; i < n; i += step) {
        const v = values[i];
        if (v - v !== 0)
            continue;
        while (f <= MAX_DECIMALS && round(v * POW10[f]) / POW10[f] !== v)
            f++;
        if (f > MAX_DECIMALS)
            return -1;
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
        if (v - v !== 0)
            continue;
        let wider = false;
        if (round(v * scale) / scale !== v) {
            while (f <= MAX_DECIMALS && round(v * POW10[f]) / POW10[f] !== v)
                f++;
            if (f > MAX_DECIMALS)
                return -1;
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
        if (wider && (vMax - vMin) * scale > 4294967296)
            return -1;
        if (v === 0 && words[2 * i + HI] !== 0)
            negativeZeros++;
        count++;
    }
    if (count === 0)
        return -1;
    const kMin = round(vMin * scale);
    const kMax = round(vMax * scale);
    if (kMax - kMin >= 4294967296 || sort_float64_max(-kMin, kMax) >= 2251799813685248)
        return -1;
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
        if (v - v !== 0)
            continue;
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
    ]) {
        if (!toOffsets(histogram, count))
            continue; // the same digit everywhere: nothing moves
        scatter32(src, count, dst, histogram, shift);
        const t = src;
        src = dst;
        dst = t;
    }
    if (src !== keys)
        keys.set(src);
    // Back to doubles, from the end: out[i] overwrites keys[2i], keys[2i + 1], already read.
    for (let i = count - 1; i >= 0; i--)
        out[i] = (kMin + keys[i]) / scale;
    if (negativeZeros > 0) {
        // The zeros are all +0 now: the first `negativeZeros` of them were −0.
        let lo = 0;
        let hi = count;
        while (lo < hi) {
            const mid = (lo + hi) >>> 1;
            if (out[mid] < 0)
                lo = mid + 1;
            else
                hi = mid;
        }
        for (let i = lo; i < lo + negativeZeros; i++)
            out[i] = -0;
    }
    return count;
}
/** One stable counting pass on the 16-bit digit at `shift` of 32-bit keys. */
function scatter32(src, n, dst, offsets, shift) {
    for (let i = 0; i < n; i++) {
        const u = src[i];
        dst[offsets[(u >>> shift) & 0xffff]++] = u;
    }
}
/** LSD radix sort of the finite values of `values` into `out`; returns how many there are. */
function radixSort(values, words, out, scratch) {
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
function radixSortInPlace(a, scratch) {
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
        }
        else {
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
    let dst;
    for (let pass = 0; pass < 4; pass++) {
        const offsets = counts[pass];
        if (!toOffsets(offsets, n))
            continue; // the same digit everywhere: nothing moves
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
    if (src !== u)
        u.set(src);
    for (let i = 0; i < n; i++) {
        const h = u[2 * i + hi];
        if (h & 0x80000000) {
            u[2 * i + hi] = h & 0x7fffffff;
        }
        else {
            u[2 * i + hi] = ~h;
            u[2 * i + lo] = ~u[2 * i + lo];
        }
    }
}
/** Histogram → starting offsets, in place; false when one digit holds every key (the pass is a no-op). */
function toOffsets(count, n) {
    let sum = 0;
    for (let d = 0; d < DIGITS; d++) {
        const c = count[d];
        if (c === n)
            return false;
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
function runsOf(sorted, values, counts) {
    const n = sorted.length;
    if (!values || !counts) {
        let distinct = n > 0 ? 1 : 0;
        for (let i = 1; i < n; i++)
            if (sorted[i] !== sorted[i - 1])
                distinct++;
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
/** How many values are NaN (nulls) and how many ±∞, in one pass over the high words. */
function countNonFinite(values) {
    const n = values.length;
    const words = new Uint32Array(values.buffer, values.byteOffset, n * 2);
    let nulls = 0;
    let infinite = 0;
    for (let i = 0; i < n; i++) {
        const hi = words[2 * i + HI];
        if ((hi & EXPONENT) !== EXPONENT)
            continue;
        // Exponent all ones: ±∞ when the mantissa is 0, else NaN.
        if ((hi & 0xfffff) === 0 && words[2 * i + LO] === 0)
            infinite++;
        else
            nulls++;
    }
    return { nulls, infinite };
}
/** {@link sortedFinite} of `values` with its nulls and ±∞ counted. `values` is not modified. */
function sortFinite(values) {
    const sorted = sortedFinite(values);
    return { sorted, ...nonFiniteBesides(values, sorted) };
}
/**
 * {@link countNonFinite} of `values`, whose finite values are `sorted`: no pass over the values when
 * every one of them is finite (the usual column).
 */
function nonFiniteBesides(values, sorted) {
    return sorted.length === values.length ? { nulls: 0, infinite: 0 } : countNonFinite(values);
}
/**
 * Sorts `values` ascending in place and returns it: every value, ±∞ included (−0 just before +0). The
 * metrics sort arrays of scores they own, so no copy is made.
 * @throws RangeError when a value is NaN (callers validate scores first).
 */
function sortFloat64(values) {
    const n = values.length;
    for (let i = 0; i < n; i++)
        if (values[i] !== values[i])
            throw new RangeError(`cannot sort NaN (index ${i})`);
    if (n < RADIX_THRESHOLD)
        return values.sort();
    radixSortInPlace(values, undefined);
    return values;
}
/**
 * The stable ascending permutation of `values`: `values[order[0]] ≤ values[order[1]] ≤ …`, ties (−0 and
 * +0 are one) in index order. `values` is not modified. An LSD radix sort of the indices on the 16-bit
 * digits of the order-preserving keys (digits that are the same for every key are skipped).
 * @throws RangeError when a value is NaN.
 */
function argsortFloat64(values) {
    const n = values.length;
    const order = new Uint32Array(n);
    for (let i = 0; i < n; i++) {
        if (values[i] !== values[i])
            throw new RangeError(`cannot sort NaN (index ${i})`);
        order[i] = i;
    }
    if (n < RADIX_THRESHOLD)
        return order.sort((x, y) => values[x] - values[y] || x - y);
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
        if (hi === 0x80000000 && lo === 0)
            hi = 0x80000000;
        else if (hi & 0x80000000) {
            hi = ~hi >>> 0;
            lo = ~lo >>> 0;
        }
        else
            hi = (hi | 0x80000000) >>> 0;
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
        if (!toOffsets(c, n))
            continue;
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

;// CONCATENATED MODULE: ./src/stats/sort-protocol.ts
/** ctrl[CLAIM]: next index into `order` to take; ctrl[POSTED]: results the workers have posted. */
const CLAIM = 0;
const POSTED = 1;

;// CONCATENATED MODULE: ./src/stats/sort-worker.ts
/**
 * Worker-thread entry of the parallel sort (parallel-sort.ts): claims columns from the shared counter
 * until none is left, and posts each one's sorted values (and scan, runs, counts as asked) on its port.
 * It runs the very modules the main thread runs (sort-float64.ts, numeric-scan.ts), so the results are
 * bit for bit those of one thread. Bundled beside each bundle's index.js as `sort-worker.js`.
 */




const { columns, order, extras, ctrl, port } = external_node_worker_threads_namespaceObject.workerData;
let scratch = new Float64Array(0);
for (;;) {
    const claim = Atomics.add(ctrl, CLAIM, 1);
    if (claim >= order.length)
        break;
    const index = order[claim];
    try {
        const values = columns[index];
        const want = extras[index];
        const result = { sorted: new Float64Array(0) };
        const transfer = [];
        let finite;
        if (want.scan) {
            result.scan = scanNumeric(values);
            finite = result.scan.count;
        }
        if (scratch.length < values.length)
            scratch = new Float64Array(values.length);
        result.sorted = sortedFinite(values, finite, undefined, scratch);
        transfer.push(result.sorted.buffer);
        if (want.counts)
            Object.assign(result, nonFiniteBesides(values, result.sorted));
        if (want.runs) {
            // Runs into arrays as long as the values (the untouched rest costs no memory), in one pass.
            const n = result.sorted.length;
            result.runs = runsOf(result.sorted, new Float64Array(n), new Int32Array(n));
            transfer.push(result.runs.values.buffer, result.runs.counts.buffer);
        }
        port.postMessage({ index, result }, transfer);
    }
    catch (err) {
        port.postMessage({ index, error: String(err?.message ?? err) });
    }
    Atomics.add(ctrl, POSTED, 1);
    Atomics.notify(ctrl, POSTED);
}
port.close();

