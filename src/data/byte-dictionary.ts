/**
 * Dictionary encoding keyed by UTF-8 bytes: a categorical CSV column looks each cell up here without
 * first decoding it to a string, so a string is made once per distinct value instead of once per cell.
 * Open addressing with linear probing over FNV-1a hashes; keys live in one growing byte arena.
 *
 * Null cells (docs/statistics.md §1 rule 4: `""`, `NaN`, ` null `, …) are keys too, whose code is -1: whether
 * a cell is null is decided once per distinct byte string, not once per cell.
 */
import { isNullCellBytes } from './cell-bytes.js';

const { imul, max } = Math;

/** FNV-1a (32-bit) parameters; the CSV tokenizer hashes text cells with the same function on the fly. */
export const FNV_OFFSET = 0x811c9dc5 | 0;
export const FNV_PRIME = 0x01000193;

/**
 * `code(bytes, start, end)` / `codeHashed(…, hash)` give the code of a cell's bytes (-1 if null),
 * `codesHashed` does a run of hashed cells at once, `strings` are the non-null values in order of first
 * appearance.
 */
export class ByteDictionary {
  /** Distinct non-null values in order of first appearance; `strings[code]`. */
  readonly strings: string[] = [];
  /** Key index per slot, -1 when empty. */
  private slots: Int32Array = new Int32Array(64).fill(-1);
  private keys = 0;
  private hashes: Int32Array = new Int32Array(16);
  private keyStart: Int32Array = new Int32Array(16);
  private keyLength: Int32Array = new Int32Array(16);
  /** First and last (up to) 4 bytes of each key, little-endian: with the length, the whole of a short key. */
  private keyHead: Int32Array = new Int32Array(16);
  private keyTail: Int32Array = new Int32Array(16);
  /** Code of each key: its index in `strings`, or -1 for a null cell. */
  private codes: Int32Array = new Int32Array(16);
  private arena: Uint8Array = new Uint8Array(1024);
  private arenaLength = 0;
  private readonly decoder = new TextDecoder('utf-8');

  get size(): number {
    return this.strings.length;
  }

  /** The code of the cell `bytes[start, end)` (-1 if it is null), adding it (decoded as UTF-8) if it is new. */
  code(bytes: Uint8Array, start: number, end: number): number {
    let h = FNV_OFFSET;
    for (let i = start; i < end; i++) h = imul(h ^ bytes[i], FNV_PRIME);
    return this.codeHashed(bytes, start, end, h);
  }

  /** `code` when the FNV-1a hash `h` of the bytes is already known. */
  codeHashed(bytes: Uint8Array, start: number, end: number, h: number): number {
    const mask = this.slots.length - 1;
    let slot = h & mask;
    const length = end - start;
    for (;;) {
      const key = this.slots[slot];
      if (key < 0) break;
      if (
        this.hashes[key] === h &&
        this.keyLength[key] === length &&
        this.equals(key, bytes, start, length)
      ) {
        return this.codes[key];
      }
      slot = (slot + 1) & mask;
    }
    return this.add(bytes, start, end, h, slot);
  }

  /**
   * Bulk `codeHashed`, in order from `from`: while `flags[i] === flag`, `out[at + i − from]` is the code of
   * `bytes[starts[i], ends[i])`, whose hash is `hashes[i]`. Returns the first i (< `to`) with another flag,
   * or `to`.
   */
  codesHashed(
    bytes: Uint8Array,
    starts: Int32Array,
    ends: Int32Array,
    hashes: Int32Array,
    flags: Uint8Array,
    flag: number,
    from: number,
    to: number,
    out: Int32Array,
    at: number,
  ): number {
    let slots = this.slots;
    let mask = slots.length - 1;
    let keyHashes = this.hashes;
    let keyStart = this.keyStart;
    let keyLength = this.keyLength;
    let keyHead = this.keyHead;
    let keyTail = this.keyTail;
    let codes = this.codes;
    let arena = this.arena;
    cells: for (let i = from; i < to; i++) {
      if (flags[i] !== flag) return i;
      const h = hashes[i];
      const start = starts[i];
      const length = ends[i] - start;
      // Equal keys have equal heads and tails; up to 8 bytes, these are all there is to compare.
      const head = headOf(bytes, start, length);
      const tail = tailOf(bytes, start, length);
      let slot = h & mask;
      for (;;) {
        const key = slots[slot];
        if (key < 0) break;
        if (
          keyHashes[key] === h &&
          keyLength[key] === length &&
          keyHead[key] === head &&
          keyTail[key] === tail
        ) {
          let j = 4;
          if (length > 8) {
            const k = keyStart[key];
            while (j < length - 4 && arena[k + j] === bytes[start + j]) j++;
          }
          if (length <= 8 || j === length - 4) {
            out[at + i - from] = codes[key];
            continue cells;
          }
        }
        slot = (slot + 1) & mask;
      }
      out[at + i - from] = this.add(bytes, start, start + length, h, slot);
      // A new key may have grown the tables.
      slots = this.slots;
      mask = slots.length - 1;
      keyHashes = this.hashes;
      keyStart = this.keyStart;
      keyLength = this.keyLength;
      keyHead = this.keyHead;
      keyTail = this.keyTail;
      codes = this.codes;
      arena = this.arena;
    }
    return to;
  }

  private equals(key: number, bytes: Uint8Array, start: number, length: number): boolean {
    const arena = this.arena;
    const k = this.keyStart[key];
    for (let i = 0; i < length; i++) if (arena[k + i] !== bytes[start + i]) return false;
    return true;
  }

  private add(bytes: Uint8Array, start: number, end: number, hash: number, slot: number): number {
    const key = this.keys++;
    const length = end - start;
    if (this.arenaLength + length > this.arena.length) {
      this.arena = grow(this.arena, max(this.arena.length * 2, this.arenaLength + length));
    }
    this.arena.set(bytes.subarray(start, end), this.arenaLength);
    if (key === this.hashes.length) {
      this.hashes = grow(this.hashes, key * 2);
      this.keyStart = grow(this.keyStart, key * 2);
      this.keyLength = grow(this.keyLength, key * 2);
      this.keyHead = grow(this.keyHead, key * 2);
      this.keyTail = grow(this.keyTail, key * 2);
      this.codes = grow(this.codes, key * 2);
    }
    this.hashes[key] = hash;
    this.keyStart[key] = this.arenaLength;
    this.keyLength[key] = length;
    this.keyHead[key] = headOf(bytes, start, length);
    this.keyTail[key] = tailOf(bytes, start, length);
    this.arenaLength += length;
    let code = -1;
    if (!isNullCellBytes(bytes, start, end)) {
      code = this.strings.length;
      this.strings.push(this.decoder.decode(bytes.subarray(start, end)));
    }
    this.codes[key] = code;
    this.slots[slot] = key;
    if ((key + 1) * 2 > this.slots.length) this.rehash();
    return code;
  }

  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2).fill(-1);
    const mask = slots.length - 1;
    for (let key = 0; key < this.keys; key++) {
      let slot = this.hashes[key] & mask;
      while (slots[slot] >= 0) slot = (slot + 1) & mask;
      slots[slot] = key;
    }
    this.slots = slots;
  }
}

/** The first min(4, length) bytes at `start`, little-endian. */
function headOf(bytes: Uint8Array, start: number, length: number): number {
  if (length >= 4)
    return bytes[start] | (bytes[start + 1] << 8) | (bytes[start + 2] << 16) | (bytes[start + 3] << 24);
  let v = 0;
  for (let j = length - 1; j >= 0; j--) v = (v << 8) | bytes[start + j];
  return v;
}

/** The last min(4, length) bytes of `[start, start + length)`, little-endian. */
function tailOf(bytes: Uint8Array, start: number, length: number): number {
  return length >= 4 ? headOf(bytes, start + length - 4, 4) : headOf(bytes, start, length);
}

function grow<T extends Int32Array | Uint8Array>(array: T, length: number): T {
  const bigger = new (array.constructor as new (n: number) => T)(length);
  bigger.set(array);
  return bigger;
}
