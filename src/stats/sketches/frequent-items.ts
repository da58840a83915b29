/**
 * Value counts that stay exact up to `capacity` distinct values and then degrade to a Misra–Gries summary
 * (Misra & Gries 1982; merge rule of Agarwal et al., "Mergeable Summaries", PODS 2012).
 *
 * While `exact`, counts are the true counts and merging is exactly associative and commutative.
 * After a reduction (more than `capacity` distinct values) every held count c' satisfies
 * c' ≤ c ≤ c' + error for the true count c, a value not held has c ≤ error, and error ≤ N/(capacity+1)
 * where N is the number of values added. A reduction subtracts the (capacity+1)-th largest count from every
 * count and drops those that reach zero; it depends only on the multiset of counts, so merge(a, b) equals
 * merge(b, a) exactly; regrouping can change which heavy hitters survive, never the bound.
 */
import { compareCodePoints } from './code-point-order.js';

export const FREQUENT_ITEMS_CAPACITY = 1000;

export interface FrequentItemsJson {
  capacity: number;
  exact: boolean;
  /** Upper bound on how much any held count undercounts (0 while exact). */
  error: number;
  /** [value, count], count descending then value in code-point order. */
  items: [string, number][];
}

export class FrequentItems {
  private counts = new Map<string, number>();
  private exactCounts = true;
  private maxError = 0;

  constructor(readonly capacity: number = FREQUENT_ITEMS_CAPACITY) {
    if (!(Number.isInteger(capacity) && capacity >= 1))
      throw new RangeError(`capacity must be a positive integer, got ${capacity}`);
  }

  get exact(): boolean {
    return this.exactCounts;
  }

  get error(): number {
    return this.maxError;
  }

  /** Number of values held (the true distinct count while exact). */
  get size(): number {
    return this.counts.size;
  }

  /** Add `count` occurrences of `key`; call {@link reduce} (or merge) afterwards to enforce the capacity. */
  add(key: string, count = 1): void {
    this.counts.set(key, (this.counts.get(key) ?? 0) + count);
  }

  /** Held count of a value (a lower bound once inexact). */
  get(key: string): number {
    return this.counts.get(key) ?? 0;
  }

  merge(other: FrequentItems): this {
    if (other.capacity !== this.capacity) {
      throw new RangeError(
        `cannot merge frequent-item summaries with capacity ${this.capacity} and ${other.capacity}`,
      );
    }
    for (const [k, c] of other.counts) this.add(k, c);
    this.exactCounts &&= other.exactCounts;
    this.maxError += other.maxError;
    return this.reduce();
  }

  /** Enforce the capacity (Misra–Gries reduction); a no-op while within capacity. */
  reduce(): this {
    if (this.counts.size <= this.capacity) return this;
    const sorted = [...this.counts.values()].sort((a, b) => b - a);
    const cut = sorted[this.capacity];
    const next = new Map<string, number>();
    for (const [k, c] of this.counts) if (c > cut) next.set(k, c - cut);
    this.counts = next;
    this.exactCounts = false;
    this.maxError += cut;
    return this;
  }

  /** [value, count] sorted by count descending, then value in code-point order. */
  entries(): [string, number][] {
    return [...this.counts.entries()].sort((a, b) => b[1] - a[1] || compareCodePoints(a[0], b[0]));
  }

  toJSON(): FrequentItemsJson {
    return { capacity: this.capacity, exact: this.exactCounts, error: this.maxError, items: this.entries() };
  }

  /**
   * Build from counts indexed 0..n−1 (zeros skipped), naming only the values that survive the capacity:
   * a column of five million distinct values costs one sort of the counts, not five million map entries.
   */
  static fromCounts(
    counts: ArrayLike<number>,
    keyOf: (i: number) => string,
    capacity = FREQUENT_ITEMS_CAPACITY,
  ): FrequentItems {
    const f = new FrequentItems(capacity);
    let nonZero = 0;
    for (let i = 0; i < counts.length; i++) if (counts[i] > 0) nonZero++;
    let cut = 0;
    if (nonZero > capacity) {
      cut = largest(counts, capacity + 1);
      f.exactCounts = false;
      f.maxError = cut;
    }
    for (let i = 0; i < counts.length; i++) if (counts[i] > cut) f.add(keyOf(i), counts[i] - cut);
    return f;
  }

  static fromJSON(json: FrequentItemsJson): FrequentItems {
    const f = new FrequentItems(json.capacity);
    for (const [k, c] of json.items) {
      if (typeof k !== 'string' || !Number.isInteger(c) || c <= 0) {
        throw new RangeError(`frequent item [${JSON.stringify(k)}, ${c}] must be [string, positive integer]`);
      }
      f.add(k, c);
    }
    if (!Number.isInteger(json.error) || json.error < 0)
      throw new RangeError(`frequent-items error must be a non-negative integer`);
    f.exactCounts = json.exact === true;
    f.maxError = json.error;
    return f.reduce();
  }
}

/**
 * The r-th largest positive count (1-based), in O(n + max) with a histogram of count values when the
 * counts are small integers (the usual case), else by sorting.
 */
function largest(counts: ArrayLike<number>, r: number): number {
  let max = 0;
  for (let i = 0; i < counts.length; i++) if (counts[i] > max) max = counts[i];
  if (max <= 4 * counts.length + 1024) {
    const hist = new Float64Array(max + 1);
    for (let i = 0; i < counts.length; i++) if (counts[i] > 0) hist[counts[i]]++;
    let seen = 0;
    for (let c = max; c >= 1; c--) {
      seen += hist[c];
      if (seen >= r) return c;
    }
    return 0;
  }
  const positive = Array.from(counts).filter((c) => c > 0);
  return positive.sort((a, b) => b - a)[r - 1] ?? 0;
}
