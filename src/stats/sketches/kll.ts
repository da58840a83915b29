/**
 * KLL quantile sketch (Karnin, Lang & Liberty, "Optimal Quantile Approximation in Streams", FOCS 2016),
 * in the compactor form of the authors' reference implementation (github.com/edoliberty/streaming-quantiles):
 * level h holds items of weight 2^h; level capacities shrink geometrically (c = 2/3) below the top level
 * (capacity k); when the sketch is full, the lowest over-capacity level is sorted and every other item
 * (random offset) is promoted with doubled weight. Total weight always equals the number of items added.
 *
 * Error: with k = 200 the normalised rank error of a quantile estimate is below 1.65% with high
 * probability (Apache DataSketches' documented 99%-confidence figure for KLL k = 200);
 * test/stats/sketches/kll.test.ts measures it on single sketches and on merged shard sketches.
 * Size: about 3k items (≈ 600 doubles) however many values were added.
 *
 * Determinism: the coin flips come from a seeded PRNG whose state travels with the sketch, so the same
 * input in the same order always gives the same sketch. merge(a, b) equals merge(b, a) exactly (levels are
 * sorted before compaction and the merged seed is a symmetric function of both seeds); regrouping merges
 * (a+b)+c vs a+(b+c) can give a different — equally accurate — sketch.
 * While no compaction has happened (at most k = 200 values) the sketch holds every value and quantiles are exact.
 */
import { quantileSorted } from '../quantile.js';

export const KLL_K = 200;
/** The normalised rank error bound stated for k = 200 (see module doc). */
export const KLL_RANK_ERROR = 0.0165;
const C = 2 / 3;
const { abs, imul, max, min } = Math; // module-level aliases: `Math.x` lookups are slow under jest's VM context

export interface KllJson {
  k: number;
  /** Number of values added (the total weight). */
  n: number;
  /** Current PRNG state (uint32). */
  seed: number;
  /** Level h (weight 2^h) as base64 of little-endian float64s. */
  levels: string[];
  /**
   * Deterministic bound on the absolute rank error (in values, not a fraction): the sup over x of
   * |estimated count of values ≤ x − true count|. Exact for a sketch built from a sorted column; a merge
   * adds the parts' bounds plus the exact shift its compactions made; a streamed compaction of a level of
   * weight w moves any count by at most w. Absent in sketches written before it was tracked.
   */
  error?: number;
  /**
   * Bound on ∫|estimated count of values ≤ x − true count| dx (the L1 norm of the same count error whose
   * sup `error` bounds), i.e. n × the Wasserstein-1 distance between the values added and the held items,
   * in value units × values. Exact (up to a 2⁻⁴⁰ relative margin for float rounding) for a sketch built
   * from a sorted column; merges and compactions add their own exact cost (see {@link countDiscrepancy}).
   * Absent in sketches written before it was tracked.
   */
  w1?: number;
}

export class KllSketch {
  /** Level h's items are buf[h][0 .. len[h]); typed buffers keep update() at a few ns per value. */
  private buf: Float64Array[] = [new Float64Array(256)];
  private len: number[] = [0];
  private caps: number[] = [];
  private size = 0;
  private maxSize = 0;
  private n = 0;
  /** See {@link KllJson.error}; undefined when read from a state that did not record it. */
  private err: number | undefined = 0;
  /** See {@link KllJson.w1}; undefined when read from a state that did not record it. */
  private w1: number | undefined = 0;

  constructor(
    readonly k: number = KLL_K,
    private state: number = 0x2545f491,
  ) {
    if (!(Number.isInteger(k) && k >= 8)) throw new RangeError(`KLL k must be an integer ≥ 8, got ${k}`);
    this.state >>>= 0;
    this.computeCapacities();
  }

  /** Number of values added. */
  get count(): number {
    return this.n;
  }

  /**
   * Deterministic bound on |estimated rank − true rank| in values (divide by {@link count} for the
   * normalised error), or undefined when the sketch came from a state written before it was tracked.
   */
  get rankErrorBound(): number | undefined {
    return this.err;
  }

  /**
   * Bound on n × W1(values added, held items) (see {@link KllJson.w1}), or undefined when the sketch came
   * from a state written before it was tracked.
   */
  get transportBound(): number | undefined {
    return this.w1;
  }

  /** True while every added value is still held (no compaction yet): quantiles are then exact. */
  get exact(): boolean {
    return this.buf.length === 1;
  }

  /** Add one value (callers pass finite values only). */
  update(x: number): void {
    if (this.len[0] === this.buf[0].length) this.reserve(0, this.len[0] + 1);
    this.buf[0][this.len[0]++] = x;
    this.n++;
    if (++this.size >= this.maxSize) this.compress();
  }

  /** Merge another sketch into this one (in place); `other` is not modified. */
  merge(other: KllSketch): this {
    if (other.k !== this.k)
      throw new RangeError(`cannot merge KLL sketches with k=${this.k} and k=${other.k}`);
    while (this.buf.length < other.buf.length) this.grow();
    for (let h = 0; h < other.buf.length; h++) this.append(h, other.buf[h].subarray(0, other.len[h]));
    this.n += other.n;
    // The union's count error is the sum of the parts' (e = e_a + e_b at every x), so both its sup and its
    // L1 norm are at most the sums of the parts' bounds (the L1 one is W1's convexity under mixtures).
    this.err =
      this.err === undefined || other.err === undefined ? undefined : min(this.n, this.err + other.err);
    this.w1 = this.w1 === undefined || other.w1 === undefined ? undefined : addUp(this.w1, other.w1);
    this.size += other.size;
    this.state = mix32((this.state + other.state) >>> 0);
    this.compressTracked();
    return this;
  }

  /**
   * Estimated p-quantile (0 ≤ p ≤ 1); NaN when empty. Exact (numpy 'linear', docs/statistics.md §2) while
   * {@link exact}; afterwards the smallest held item whose cumulative weight reaches p·n.
   */
  quantile(p: number): number {
    if (this.n === 0) return NaN;
    if (this.exact) return quantileSorted(this.sortedValues()!, p);
    const { values, cumulative } = this.weighted();
    const target = p * this.n;
    let lo = 0;
    let hi = values.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cumulative[mid] >= target) hi = mid;
      else lo = mid + 1;
    }
    return values[lo];
  }

  /** Every added value, ascending, while {@link exact}; otherwise undefined. */
  sortedValues(): Float64Array | undefined {
    return this.exact ? this.buf[0].slice(0, this.len[0]).sort() : undefined;
  }

  /** Estimated fraction of added values ≤ x. */
  rank(x: number): number {
    if (this.n === 0) return NaN;
    let w = 0;
    for (let h = 0; h < this.buf.length; h++) {
      let c = 0;
      const level = this.buf[h];
      for (let i = 0; i < this.len[h]; i++) if (level[i] <= x) c++;
      w += c * 2 ** h;
    }
    return w / this.n;
  }

  toJSON(): KllJson {
    return {
      ...(this.err === undefined ? {} : { error: this.err }),
      ...(this.w1 === undefined ? {} : { w1: this.w1 }),
      k: this.k,
      n: this.n,
      seed: this.state,
      // Levels are sorted so that equal sketches serialise identically (order inside a level carries no meaning).
      levels: this.buf.map((b, h) => {
        const level = b.slice(0, this.len[h]).sort();
        const view = new DataView(new ArrayBuffer(level.length * 8));
        level.forEach((v, i) => view.setFloat64(i * 8, v, true));
        return Buffer.from(view.buffer).toString('base64');
      }),
    };
  }

  /**
   * Build a sketch of already sorted values in O(k + log n): repeatedly halve the sorted run with a random offset
   * (exactly what a KLL compactor does to a sorted level) until at most k items remain; an odd run leaves
   * its smallest item behind at that level. Each halving moves any rank by at most the weight of one
   * item, so the normalised rank error is below 2^H/n < 2/k (1% for k = 200) — deterministically,
   * inside the KLL bound. The result merges like any other sketch. With the sorted values at hand, the
   * recorded `error` and `w1` are the exact sup and L1 norm of the count error (one O(n) walk), not the
   * sums of the halvings' worst cases: the halvings' shifts have random signs and partly cancel.
   */
  static fromSorted(sorted: Float64Array, k: number = KLL_K, seed?: number): KllSketch {
    const s = new KllSketch(k, seed);
    // The run after h halvings is sorted[base + j·2^h], j < length: indices only, no copies.
    let base = 0;
    let stride = 1;
    let length = sorted.length;
    const levels: Float64Array[] = [];
    while (length > k) {
      const odd = length & 1;
      const offset = odd + (s.coin() ? 1 : 0);
      levels.push(odd ? Float64Array.of(sorted[base]) : new Float64Array(0));
      base += offset * stride;
      stride *= 2;
      length = (length - offset + 1) >> 1;
    }
    const top = new Float64Array(length);
    for (let j = 0; j < length; j++) top[j] = sorted[base + j * stride];
    levels.push(top);
    s.buf = levels.map((l) => {
      const b = new Float64Array(max(16, l.length));
      b.set(l);
      return b;
    });
    s.len = levels.map((l) => l.length);
    s.computeCapacities();
    s.size = s.len.reduce((a, b) => a + b, 0);
    s.n = sorted.length;
    if (levels.length > 1) {
      const { values, cumulative } = s.weighted();
      const d = sortedDiscrepancy(sorted, values, cumulative);
      s.err = d.sup;
      s.w1 = d.l1;
    }
    return s;
  }

  /** Inverse of {@link toJSON}; throws a RangeError describing the problem when the state is inconsistent. */
  static fromJSON(json: KllJson): KllSketch {
    const s = new KllSketch(json.k, json.seed);
    if (!Number.isInteger(json.seed) || json.seed < 0 || json.seed > 0xffffffff) {
      throw new RangeError(`KLL seed must be a uint32, got ${json.seed}`);
    }
    const levels = json.levels.map((b64, h) => {
      const bytes = Buffer.from(b64, 'base64');
      if (bytes.length % 8 !== 0) throw new RangeError(`KLL level ${h} is not a whole number of float64s`);
      const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
      const level = new Float64Array(bytes.length / 8);
      for (let i = 0; i < level.length; i++) level[i] = view.getFloat64(i * 8, true);
      return level;
    });
    if (levels.length === 0) levels.push(new Float64Array(0));
    s.buf = levels.map((l) => {
      const b = new Float64Array(Math.max(16, l.length));
      b.set(l);
      return b;
    });
    s.len = levels.map((l) => l.length);
    s.computeCapacities();
    s.size = s.len.reduce((a, b) => a + b, 0);
    const weight = s.len.reduce((a, l, h) => a + l * 2 ** h, 0);
    if (weight !== json.n) throw new RangeError(`KLL levels hold weight ${weight} but n is ${json.n}`);
    s.n = json.n;
    if (json.error === undefined) s.err = undefined;
    else if (!(Number.isFinite(json.error) && json.error >= 0 && json.error <= json.n))
      throw new RangeError(`KLL error must be a number in [0, n], got ${json.error}`);
    else s.err = json.error;
    if (json.w1 === undefined) s.w1 = undefined;
    else if (!(Number.isFinite(json.w1) && json.w1 >= 0))
      throw new RangeError(`KLL w1 must be a finite number ≥ 0, got ${json.w1}`);
    else s.w1 = json.w1;
    s.compressTracked();
    return s;
  }

  private computeCapacities(): void {
    const H = this.buf.length;
    this.caps = [];
    let total = 0;
    for (let h = 0; h < H; h++) {
      const c = Math.ceil(C ** (H - h - 1) * this.k) + 1;
      this.caps.push(c);
      total += c;
    }
    this.maxSize = total;
  }

  private grow(): void {
    this.buf.push(new Float64Array(64));
    this.len.push(0);
    this.computeCapacities();
  }

  private reserve(h: number, need: number): void {
    if (this.buf[h].length >= need) return;
    const b = new Float64Array(Math.max(need, this.buf[h].length * 2));
    b.set(this.buf[h].subarray(0, this.len[h]));
    this.buf[h] = b;
  }

  private append(h: number, items: Float64Array): void {
    this.reserve(h, this.len[h] + items.length);
    this.buf[h].set(items, this.len[h]);
    this.len[h] += items.length;
  }

  /**
   * Compress until the sketch fits (after a merge or a read), then add the exact sup and L1 norm of the
   * count-error function between the items before and after — what the compactions together moved, which
   * is at most the sum of their single costs (their shifts have random signs and partly cancel).
   */
  private compressTracked(): void {
    if (this.size < this.maxSize) return;
    const before = this.weighted();
    while (this.size >= this.maxSize) this.compress(false);
    if (this.err === undefined && this.w1 === undefined) return;
    const after = this.weighted();
    const d = countDiscrepancy(before.values, before.cumulative, after.values, after.cumulative);
    // A count error can never exceed n (both counts lie in [0, n]).
    if (this.err !== undefined) this.err = min(this.n, this.err + d.sup);
    if (this.w1 !== undefined) this.w1 = addUp(this.w1, d.l1);
  }

  /**
   * Compact the lowest over-capacity levels until the sketch fits again. With `track`, each compaction adds
   * its exact cost: it replaces each pair (a ≤ b) of the sorted level (weight w each) by one item of weight
   * 2w at a (or, by the coin, at b for every pair), so the count of items ≤ x changes by +w (or −w) exactly
   * on the pairs' disjoint intervals [a, b): sup w, L1 norm w·Σ(b − a).
   */
  private compress(track = true): void {
    for (let h = 0; h < this.buf.length; h++) {
      const len = this.len[h];
      if (len < this.caps[h]) continue;
      if (h + 1 >= this.buf.length) this.grow();
      const sorted = this.buf[h].subarray(0, len).sort();
      const odd = len & 1;
      const offset = odd + (this.coin() ? 1 : 0);
      const promoted = (len - offset + 1) >> 1;
      this.reserve(h + 1, this.len[h + 1] + promoted);
      const up = this.buf[h + 1];
      let j = this.len[h + 1];
      for (let i = offset; i < len; i += 2) up[j++] = sorted[i];
      this.len[h + 1] = j;
      if (track) {
        let gaps = 0;
        for (let i = odd; i + 1 < len; i += 2) gaps += sorted[i + 1] - sorted[i];
        // Pairs of equal items move nothing: the shift is w only where some pair has a < b.
        if (this.err !== undefined && gaps > 0) this.err = min(this.n, this.err + 2 ** h);
        // A plain sum of len/2 rounded gaps is within (len + 2) ulps of the exact one.
        if (this.w1 !== undefined) this.w1 = addUp(this.w1, 2 ** h * gaps * (1 + (len + 4) * 2 ** -52));
      }
      // An odd level keeps its smallest item (sorted[0] is already in place).
      this.len[h] = odd;
      this.size += promoted + odd - len;
      if (this.size < this.maxSize) break;
    }
  }

  /** The held items ascending with their cumulative weights (the sketched CDF is cumulative/n). */
  weighted(): { values: Float64Array; cumulative: Float64Array } {
    const items: { v: number; w: number }[] = [];
    this.buf.forEach((level, h) => {
      for (let i = 0; i < this.len[h]; i++) items.push({ v: level[i], w: 2 ** h });
    });
    items.sort((a, b) => a.v - b.v);
    const values = new Float64Array(items.length);
    const cumulative = new Float64Array(items.length);
    let acc = 0;
    items.forEach((it, i) => {
      values[i] = it.v;
      acc += it.w;
      cumulative[i] = acc;
    });
    return { values, cumulative };
  }

  /** A fair coin from a splitmix32-style generator. */
  private coin(): boolean {
    this.state = (this.state + 0x9e3779b9) >>> 0;
    return (mix32(this.state) & 1) === 1;
  }
}

/**
 * Relative margin on a computed L1 norm: each term |d|·(b − a) carries at most 2 ulps (subtraction and
 * product) and the compensated (Neumaier) sum adds about 2 more plus n·2⁻¹⁰⁶, far below 2⁻⁴⁰ for any
 * n < 2⁵⁰.
 */
const ROUNDING_MARGIN = 1 + 2 ** -40;

/** a + b for non-negative bounds, rounded up (one ulp more than the rounded sum covers its rounding). */
function addUp(a: number, b: number): number {
  return (a + b) * (1 + 2 ** -52);
}

/**
 * The count-error function e(x) = A(x) − B(x) between two ascending weighted item lists (A(x): total
 * weight of A's items ≤ x; `cumulative` null means every item weighs 1): its sup-norm sup|e| and its L1
 * norm ∫|e|dx. e is a step function that only changes at items, so both are exact sums over the merged
 * items. When A and B have the same total weight n, ∫|e|dx / n is the Wasserstein-1 distance between
 * their distributions (in one dimension W1 = ∫|F − G|dx). The L1 norm carries {@link ROUNDING_MARGIN}.
 */
export function countDiscrepancy(
  av: Float64Array,
  acum: Float64Array | null,
  bv: Float64Array,
  bcum: Float64Array | null,
): { sup: number; l1: number } {
  let i = 0;
  let j = 0;
  let sup = 0;
  let sum = 0;
  let comp = 0;
  let diff = 0;
  let prev = 0;
  while (i < av.length || j < bv.length) {
    const v = j >= bv.length || (i < av.length && av[i] <= bv[j]) ? av[i] : bv[j];
    if (diff !== 0) {
      // Neumaier-compensated sum of |e|·(width of the step).
      const t = abs(diff) * (v - prev);
      const s = sum + t;
      comp += sum >= t ? sum - s + t : t - s + sum;
      sum = s;
    }
    while (i < av.length && av[i] === v) i++;
    while (j < bv.length && bv[j] === v) j++;
    diff = (i === 0 ? 0 : acum ? acum[i - 1] : i) - (j === 0 ? 0 : bcum ? bcum[j - 1] : j);
    if (abs(diff) > sup) sup = abs(diff);
    prev = v;
  }
  return { sup, l1: (sum + comp) * ROUNDING_MARGIN };
}

/**
 * {@link countDiscrepancy} of sorted values (weight 1 each) against weighted items that are some of those
 * values, in one tight pass (this runs once per numeric column of every profile). Since every item is a
 * value, the count difference only changes at values: on [x_i, x_{i+1}) it is (i + 1) − (item weight ≤ x_i),
 * exact at the last of equal values (the width is 0 before).
 */
function sortedDiscrepancy(
  sorted: Float64Array,
  values: Float64Array,
  cumulative: Float64Array,
): { sup: number; l1: number } {
  const n = sorted.length;
  const m = values.length;
  let j = 0;
  let below = 0;
  let sup = 0;
  let sum = 0;
  let comp = 0;
  for (let i = 0; i < n; i++) {
    const x = sorted[i];
    while (j < m && values[j] <= x) below = cumulative[j++];
    const d = abs(i + 1 - below);
    if (i + 1 < n) {
      const next = sorted[i + 1];
      if (next !== x) {
        if (d > sup) sup = d;
        const t = d * (next - x);
        const s = sum + t;
        comp += sum >= t ? sum - s + t : t - s + sum;
        sum = s;
      }
    } else if (d > sup) sup = d;
  }
  return { sup, l1: (sum + comp) * ROUNDING_MARGIN };
}

/** A 32-bit finaliser (murmur3 fmix32): spreads a seed's bits. */
export function mix32(x: number): number {
  x ^= x >>> 16;
  x = imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}
