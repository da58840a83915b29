/**
 * Dictionary encoding keyed by UTF-8 bytes: a categorical CSV column looks each cell up here without
 * first decoding it to a string, so a string is made once per distinct value instead of once per cell.
 * Open addressing with linear probing over FNV-1a hashes; keys live in one growing byte arena.
 */
/** FNV-1a (32-bit) parameters; the CSV tokenizer hashes text cells with the same function on the fly. */
export const FNV_OFFSET = 0x811c9dc5 | 0;
export const FNV_PRIME = 0x01000193;

export class ByteDictionary {
  /** Distinct values in order of first appearance; `strings[code]`. */
  readonly strings: string[] = [];
  private slots: Int32Array = new Int32Array(64).fill(-1);
  private hashes: Int32Array = new Int32Array(16);
  private keyStart: Int32Array = new Int32Array(16);
  private keyEnd: Int32Array = new Int32Array(16);
  private arena: Uint8Array = new Uint8Array(1024);
  private arenaLength = 0;
  private readonly decoder = new TextDecoder('utf-8');

  get size(): number {
    return this.strings.length;
  }

  /** The code of `bytes[start, end)`, adding it (decoded as UTF-8) if it is new. */
  code(bytes: Uint8Array, start: number, end: number): number {
    let h = FNV_OFFSET;
    for (let i = start; i < end; i++) h = Math.imul(h ^ bytes[i], FNV_PRIME);
    return this.codeHashed(bytes, start, end, h);
  }

  /** `code` when the FNV-1a hash `h` of the bytes is already known. */
  codeHashed(bytes: Uint8Array, start: number, end: number, h: number): number {
    const mask = this.slots.length - 1;
    let slot = h & mask;
    const length = end - start;
    for (;;) {
      const code = this.slots[slot];
      if (code < 0) break;
      if (
        this.hashes[code] === h &&
        this.keyEnd[code] - this.keyStart[code] === length &&
        this.equals(code, bytes, start, length)
      ) {
        return code;
      }
      slot = (slot + 1) & mask;
    }
    return this.add(bytes, start, end, h, slot);
  }

  private equals(code: number, bytes: Uint8Array, start: number, length: number): boolean {
    const arena = this.arena;
    const k = this.keyStart[code];
    for (let i = 0; i < length; i++) if (arena[k + i] !== bytes[start + i]) return false;
    return true;
  }

  private add(bytes: Uint8Array, start: number, end: number, hash: number, slot: number): number {
    const code = this.strings.length;
    const length = end - start;
    if (this.arenaLength + length > this.arena.length) {
      this.arena = grow(this.arena, Math.max(this.arena.length * 2, this.arenaLength + length));
    }
    this.arena.set(bytes.subarray(start, end), this.arenaLength);
    if (code === this.hashes.length) {
      this.hashes = grow(this.hashes, code * 2);
      this.keyStart = grow(this.keyStart, code * 2);
      this.keyEnd = grow(this.keyEnd, code * 2);
    }
    this.hashes[code] = hash;
    this.keyStart[code] = this.arenaLength;
    this.keyEnd[code] = this.arenaLength + length;
    this.arenaLength += length;
    this.strings.push(this.decoder.decode(bytes.subarray(start, end)));
    this.slots[slot] = code;
    if ((code + 1) * 2 > this.slots.length) this.rehash();
    return code;
  }

  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2).fill(-1);
    const mask = slots.length - 1;
    for (let code = 0; code < this.strings.length; code++) {
      let slot = this.hashes[code] & mask;
      while (slots[slot] >= 0) slot = (slot + 1) & mask;
      slots[slot] = code;
    }
    this.slots = slots;
  }
}

function grow<T extends Int32Array | Uint8Array>(array: T, length: number): T {
  const bigger = new (array.constructor as new (n: number) => T)(length);
  bigger.set(array);
  return bigger;
}
