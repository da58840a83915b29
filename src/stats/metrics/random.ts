/**
 * A small seeded pseudo-random generator for bootstrap resampling and simulations: xoshiro128** 1.1
 * (Blackman & Vigna, 2018; 128-bit state, period 2^128 − 1, passes BigCrush), its state filled from a
 * 32-bit seed by splitmix32 (so seeds 0, 1, 2… give unrelated streams and the state is never all zero).
 * Same seed → same sequence on every platform: results with a seed are reproducible.
 *
 * Complexity: O(1) per draw. Nothing throws except {@link Rng.below} on a bad bound.
 * @see https://prng.di.unimi.it/xoshiro128starstar.c
 * @example const rng = createRng(42); rng.below(10) // an integer in 0..9
 */
export interface Rng {
  /** A uniform 32-bit unsigned integer. */
  uint32(): number;
  /** A uniform double in [0, 1) with 53 random bits. */
  float(): number;
  /** A uniform integer in 0..n−1 (unbiased, by rejection). */
  below(n: number): number;
  /** A standard normal draw (Box–Muller, one value of each pair kept for the next call). */
  normal(): number;
}

/** splitmix32 step: returns [next state, output]. */
function splitmix32(state: number): [number, number] {
  state = (state + 0x9e3779b9) >>> 0;
  let z = state;
  z = imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
  z = imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
  return [state, (z ^ (z >>> 16)) >>> 0];
}

/**
 * A generator seeded with a 32-bit integer (other numbers are reduced modulo 2^32 after truncation).
 * @throws RangeError when the seed is not a finite number.
 */
export function createRng(seed: number): Rng {
  if (!Number.isFinite(seed)) throw new RangeError(`seed must be a finite number, got ${seed}`);
  return new Xoshiro128(Math.trunc(seed) >>> 0);
}

/** xoshiro128** with the state in four int32 fields (fast in V8; no typed-array loads per draw). */
class Xoshiro128 implements Rng {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;
  private spare: number | undefined;

  constructor(seed: number) {
    let sm = seed;
    const words: number[] = [];
    for (let i = 0; i < 4; i++) {
      let out: number;
      [sm, out] = splitmix32(sm);
      words.push(out | 0);
    }
    [this.s0, this.s1, this.s2, this.s3] = words;
  }

  uint32(): number {
    const s1 = this.s1;
    const result = imul(rotl(imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result;
  }

  float(): number {
    return ((this.uint32() >>> 5) * 67108864 + (this.uint32() >>> 6)) / 9007199254740992;
  }

  /**
   * Lemire's multiply-and-reject method (unbiased): for n ≤ 2^21 the product x·n is exact in a double;
   * larger n fall back to rejecting the top partial block of 2^32 and taking x mod n.
   */
  below(n: number): number {
    if (!(n >= 1 && n <= 4294967296 && floor(n) === n))
      throw new RangeError(`bound must be an integer in 1..2^32, got ${n}`);
    if (n <= 2097152) {
      let m = this.uint32() * n;
      let hi = floor(m * TWO_POW_MINUS_32);
      let lo = m - hi * 4294967296;
      if (lo < n) {
        const threshold = 4294967296 % n;
        while (lo < threshold) {
          m = this.uint32() * n;
          hi = floor(m * TWO_POW_MINUS_32);
          lo = m - hi * 4294967296;
        }
      }
      return hi;
    }
    const limit = 4294967296 - (4294967296 % n);
    let x = this.uint32();
    while (x >= limit) x = this.uint32();
    return x % n;
  }

  normal(): number {
    if (this.spare !== undefined) {
      const v = this.spare;
      this.spare = undefined;
      return v;
    }
    let u = this.float();
    while (u === 0) u = this.float();
    const r = sqrt(-2 * log(u));
    const theta = 2 * PI * this.float();
    this.spare = r * sin(theta);
    return r * cos(theta);
  }
}

const TWO_POW_MINUS_32 = 2.3283064365386963e-10;
// Module-level aliases: inside a vm context (jest) every lookup of the global `Math` is ~100× slower.
const { imul, floor, sqrt, log, sin, cos, PI } = Math;

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
