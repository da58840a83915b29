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
// Module-level aliases: under jest's VM context every `Math.x` lookup on a hot path costs ~0.3 µs.
const { abs } = Math;
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
