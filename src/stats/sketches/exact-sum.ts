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

export class ExactSum {
  private partials = new Float64Array(8);
  private n = 0;

  /** Add one finite value. */
  add(value: number): void {
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
      if (lo !== 0) p[i++] = lo;
      x = hi;
    }
    if (i >= p.length) this.grow();
    this.partials[i] = x;
    this.n = i + 1;
  }

  /**
   * Add every finite value of `values` (NaN and ±∞ are skipped). The exact sum is the same as adding them
   * one by one with {@link add}, so {@link value} is bit-identical; only the partials that represent it
   * may differ.
   */
  addAll(values: Float64Array): this {
    const n = values.length;
    if (n === 0) return this;
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
          if (e === 0x7ff) continue; // NaN or ±∞
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
        if (x - x === 0) this.add(x); // finite
      }
    }
    return this;
  }

  /** Add every value of another sum (exact, so merge order never matters). */
  merge(other: ExactSum): this {
    for (const v of other.toJSON()) this.add(v);
    return this;
  }

  /** The correctly rounded sum (round-half-even of the exact value), as CPython's fsum. */
  value(): number {
    const p = this.partials;
    let n = this.n;
    if (n === 0) return 0;
    let hi = p[--n];
    let lo = 0;
    while (n > 0) {
      const x = hi;
      const y = p[--n];
      hi = x + y;
      const yr = hi - x;
      lo = y - yr;
      if (lo !== 0) break;
    }
    // Halfway case: the remaining partials decide the rounding direction.
    if (n > 0 && ((lo < 0 && p[n - 1] < 0) || (lo > 0 && p[n - 1] > 0))) {
      const y = lo * 2;
      const x = hi + y;
      const yr = x - hi;
      if (y === yr) hi = x;
    }
    return hi;
  }

  /** The partials, smallest magnitude first: the exact state for a profile file. */
  toJSON(): number[] {
    return Array.from(this.partials.subarray(0, this.n));
  }

  /**
   * The sum whose partials are exactly `partials`, as {@link toJSON} of a sum made by this same code gave
   * them (between threads); unlike {@link fromJSON}, nothing is re-added, so the partials stay the same.
   */
  static ofPartials(partials: readonly number[]): ExactSum {
    const s = new ExactSum();
    s.partials = new Float64Array(max(8, partials.length));
    s.partials.set(partials);
    s.n = partials.length;
    return s;
  }

  /** Rebuild from {@link toJSON} output (re-adding keeps the invariant even for hand-edited input). */
  static fromJSON(partials: readonly number[]): ExactSum {
    const s = new ExactSum();
    for (const v of partials) s.add(v);
    return s;
  }

  private grow(): void {
    const next = new Float64Array(this.partials.length * 2);
    next.set(this.partials);
    this.partials = next;
  }
}
