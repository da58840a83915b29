/**
 * The CSV reader's machinery as one self-contained function: tokenizer (csv-scanner.ts), cell
 * classification (cell-bytes.ts), UTF-8 helpers (utf8.ts), byte dictionary (byte-dictionary.ts) and
 * column builder (csv-column.ts). Those modules export what {@link csvKernel} returns.
 *
 * Why one function: `readCsv` parses the second half of a large file on a worker thread
 * (csv-parallel.ts), which runs this function's source text — so it refers to nothing outside its body
 * but globals and its `deps`, and both threads parse with exactly the same code.
 */
import { isUtf8 } from 'node:buffer';
import { DataFormatError, type SourcePosition } from '../core/errors.js';
import type { CsvBatch, CsvHeader, CsvScanOptions, CsvScanSummary, CsvVisitor } from './csv-scanner.js';
import { selectColumns } from './select-columns.js';
import type { Column } from './table.js';

/** What the kernel needs from its environment (the main thread's modules, or a worker's stand-ins). */
export interface CsvKernelDeps {
  /** `buffer.isUtf8`. */
  isUtf8(bytes: Uint8Array): boolean;
  /** Throws the reader's error (DataFormatError) for a problem at `position`. */
  fail(position: SourcePosition, message: string): never;
  /** Indices of the selected columns (select-columns.ts); throws for unknown names. */
  selectColumns(file: string, header: readonly string[], wanted: readonly string[] | undefined): number[];
}

export function csvKernel(deps: CsvKernelDeps) {
  // ---------------------------------------------------------------- constants
  const { imul, max, min } = Math; // local aliases: `Math.x` lookups are slow under jest's VM context
  const CELL_NULL = 0;
  const CELL_NUMBER = 1;
  const CELL_TEXT = 2;
  type CellKind = 0 | 1 | 2;
  /** Field flag: the field began with `"`; without FIELD_ESCAPED its content is `[start + 1, end − 1)`. */
  const FIELD_QUOTED = 1;
  /** Field flag: a quoted field with `""` pairs or bytes after the closing quote; decode with `unquoteField`. */
  const FIELD_ESCAPED = 2;
  /**
   * Field flag (alone): an unquoted plain decimal (`[+-]digits[.digits]`, ≤ 9 + 9 digits, no blanks)
   * that the tokenizer already parsed into `numbers[i]`, exactly `Number(cell)`. `starts`/`ends` are
   * not set for such a cell.
   */
  const FIELD_NUMBER = 4;
  /** Field flag (alone): an unquoted cell of a `textOnly` column whose FNV-1a hash is `hashes[i]`. */
  const FIELD_HASHED = 8;

  const LF = 0x0a;
  const CR = 0x0d;
  const QUOTE = 0x22;
  /** Separator. Most data bytes (digits, letters) are above it, so `b > COMMA ||` short-cuts the stop test. */
  const COMMA = 0x2c;
  const PLUS = 0x2b;
  const MINUS = 0x2d;
  const DOT = 0x2e;
  const ZERO = 0x30;
  /** Exact powers of ten 10^0 … 10^22 (each is a double exactly). */
  const POW10 = new Float64Array(23).map((_, i) => Number(`1e${i}`));
  const MAX_EXACT = 2 ** 53;

  // ---------------------------------------------------------------- cells (cell-bytes.ts)
  const MAX_FAST_DIGITS = 15;

  const SPACE = 0x20;
  const TAB = 0x09;
  const SLASH = 0x2f;
  /** ASCII letter to lower case; only compared against lower-case letters, where it is exact. */
  const LOWER = 0x20;

  /**
   * Classifies `bytes[start, end)` (one raw cell, quotes already removed). A numeric value is written
   * to `out[0]`.
   */
  function classifyCellBytes(bytes: Uint8Array, start: number, end: number, out: Float64Array): CellKind {
    let s = start;
    let e = end;
    while (s < e && (bytes[s] === SPACE || bytes[s] === TAB)) s++;
    while (e > s && (bytes[e - 1] === SPACE || bytes[e - 1] === TAB)) e--;
    if (s === e) return CELL_NULL;

    let i = s;
    const c = bytes[i];
    const negative = c === MINUS;
    if (negative || c === PLUS) i++;

    let mantissa = 0;
    let significant = 0;
    let exponent = 0;
    let digits = 0;
    // Integer part.
    while (i < e) {
      const d = bytes[i] - ZERO;
      if (d < 0 || d > 9) break;
      if (mantissa !== 0 || d !== 0) {
        mantissa = mantissa * 10 + d;
        significant++;
      }
      digits++;
      i++;
    }
    // Fraction.
    if (i < e && bytes[i] === DOT) {
      i++;
      while (i < e) {
        const d = bytes[i] - ZERO;
        if (d < 0 || d > 9) break;
        if (mantissa !== 0 || d !== 0) {
          mantissa = mantissa * 10 + d;
          significant++;
        }
        exponent--;
        digits++;
        i++;
      }
    }
    if (digits === 0) return classifyWord(bytes, s, e, out);
    // Exponent.
    if (i < e && (bytes[i] | LOWER) === 0x65 /* e */) {
      i++;
      let expNegative = false;
      if (i < e && (bytes[i] === MINUS || bytes[i] === PLUS)) {
        expNegative = bytes[i] === MINUS;
        i++;
      }
      const expStart = i;
      let value = 0;
      while (i < e) {
        const d = bytes[i] - ZERO;
        if (d < 0 || d > 9) break;
        if (value < 100000) value = value * 10 + d; // beyond that the result is 0 or ∞ anyway
        i++;
      }
      if (i === expStart) return CELL_TEXT;
      exponent += expNegative ? -value : value;
    }
    if (i !== e) return CELL_TEXT;

    let v: number;
    if (mantissa === 0) v = 0;
    else if (significant <= MAX_FAST_DIGITS && exponent >= -22 && exponent <= 22) {
      v = exponent >= 0 ? mantissa * POW10[exponent] : mantissa / POW10[-exponent];
    } else {
      out[0] = Number(latin1(bytes, s, e));
      return CELL_NUMBER;
    }
    out[0] = negative ? -v : v;
    return CELL_NUMBER;
  }

  /** True iff the cell is null under rule 4 (used once a column is known to be categorical). */
  function isNullCellBytes(bytes: Uint8Array, start: number, end: number): boolean {
    let s = start;
    let e = end;
    while (s < e && (bytes[s] === SPACE || bytes[s] === TAB)) s++;
    while (e > s && (bytes[e - 1] === SPACE || bytes[e - 1] === TAB)) e--;
    return e - s > 4 ? false : s === e || nullWord(bytes, s, e - s);
  }

  /** Null tokens and ±inf/±infinity; everything else is text. `s`, `e` are trimmed and non-empty. */
  function classifyWord(bytes: Uint8Array, s: number, e: number, out: Float64Array): CellKind {
    const n = e - s;
    if (n <= 4 && nullWord(bytes, s, n)) return CELL_NULL;
    let i = s;
    const c = bytes[i];
    if (c === MINUS || c === PLUS) i++;
    const m = e - i;
    if ((m === 3 || m === 8) && isWord(bytes, i, m === 3 ? 'inf' : 'infinity')) {
      out[0] = c === MINUS ? -Infinity : Infinity;
      return CELL_NUMBER;
    }
    return CELL_TEXT;
  }

  function nullWord(bytes: Uint8Array, s: number, n: number): boolean {
    switch (n) {
      case 2:
        return isWord(bytes, s, 'na');
      case 3:
        return (
          isWord(bytes, s, 'nan') ||
          ((bytes[s] | LOWER) === 0x6e && bytes[s + 1] === SLASH && (bytes[s + 2] | LOWER) === 0x61)
        );
      case 4:
        return isWord(bytes, s, 'null') || isWord(bytes, s, 'none');
      default:
        return false;
    }
  }

  /** Case-insensitive match of ASCII letters `word` at `bytes[s…]`. */
  function isWord(bytes: Uint8Array, s: number, word: string): boolean {
    for (let k = 0; k < word.length; k++) if ((bytes[s + k] | LOWER) !== word.charCodeAt(k)) return false;
    return true;
  }

  function latin1(bytes: Uint8Array, s: number, e: number): string {
    let t = '';
    for (let k = s; k < e; k++) t += String.fromCharCode(bytes[k]);
    return t;
  }

  // ---------------------------------------------------------------- UTF-8 (utf8.ts)
  /**
   * Offset of the first byte of the first ill-formed UTF-8 sequence in `bytes[start, end)`, or -1.
   * Follows the Unicode/WHATWG definition `buffer.isUtf8` uses: no overlong forms, no surrogates
   * (U+D800–DFFF), nothing above U+10FFFF; a sequence cut off by `end` is ill-formed.
   */
  function firstInvalidUtf8(bytes: Uint8Array, start: number, end: number): number {
    let i = start;
    while (i < end) {
      const b = bytes[i];
      if (b < 0x80) {
        i++;
        continue;
      }
      let need: number;
      let lo = 0x80;
      let hi = 0xbf;
      if (b >= 0xc2 && b <= 0xdf) need = 1;
      else if (b >= 0xe0 && b <= 0xef) {
        need = 2;
        if (b === 0xe0) lo = 0xa0; // overlong
        if (b === 0xed) hi = 0x9f; // surrogates
      } else if (b >= 0xf0 && b <= 0xf4) {
        need = 3;
        if (b === 0xf0) lo = 0x90; // overlong
        if (b === 0xf4) hi = 0x8f; // > U+10FFFF
      } else return i;
      if (i + 1 >= end) return i; // cut off by `end`
      const b1 = bytes[i + 1];
      if (b1 < lo || b1 > hi) return i;
      for (let j = 2; j <= need; j++) {
        if (i + j >= end) return i;
        const c = bytes[i + j];
        if (c < 0x80 || c > 0xbf) return i;
      }
      i += need + 1;
    }
    return -1;
  }

  /**
   * The largest offset ≤ `end` that does not split a multi-byte character, so a chunk can be
   * validated now and its last, possibly incomplete, character with the next chunk.
   */
  function utf8Boundary(bytes: Uint8Array, start: number, end: number): number {
    let i = end;
    // Step back over at most 3 continuation bytes to the lead byte of the last character.
    while (i > start && end - i < 3 && (bytes[i - 1] & 0xc0) === 0x80) i--;
    if (i === start) return end;
    const lead = bytes[i - 1];
    if (lead < 0xc0) return end; // ASCII (or a stray continuation byte: let validation report it)
    const length = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : 2;
    return end - (i - 1) >= length ? end : i - 1;
  }

  /** 1-based column (in characters) of byte `offset` on a line starting at `lineStart`; bytes before it are valid UTF-8. */
  function charColumn(bytes: Uint8Array, lineStart: number, offset: number): number {
    let column = 1;
    for (let i = lineStart; i < offset; i++) if ((bytes[i] & 0xc0) !== 0x80) column++;
    return column;
  }

  // ---------------------------------------------------------------- byte dictionary (byte-dictionary.ts)
  /** FNV-1a (32-bit) parameters; the CSV tokenizer hashes text cells with the same function on the fly. */
  const FNV_OFFSET = 0x811c9dc5 | 0;
  const FNV_PRIME = 0x01000193;

  class ByteDictionary {
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

  // ---------------------------------------------------------------- tokenizer (csv-scanner.ts)
  /** The state machine proper; `tokenize` may be called again with more bytes after an incomplete record. */
  class Tokenizer {
    finished = false;
    bytesDone = 0;
    /**
     * Set when the end of the input is a split of a larger file (csv-parallel.ts) rather than its end: a
     * quoted field still open there sets {@link openQuoteAtEnd} (the split was not a record boundary)
     * instead of being an error.
     */
    endIsSplit = false;
    openQuoteAtEnd = false;
    /** Line number (1-based) where the next record starts. */
    private line = 1;
    private rows = 0;
    private header: CsvHeader | undefined;
    /** Field index → batch column, -1 when the field is not selected. In header mode: identity. */
    private slotOf: Int32Array;
    private width: number;
    private capacity: number;
    private starts: Int32Array;
    private ends: Int32Array;
    private flags: Uint8Array;
    private numbers: Float64Array;
    private unparsed: Int32Array;
    private hashes: Int32Array;
    private textOnly: Uint8Array;
    private batchRows = 0;
    private readonly rowLimit: number;
    /** Field count, start offset and line of the last record scanned (for the header). */
    private fieldCount = 0;
    private recordStart = 0;
    private recordLine = 1;

    constructor(
      private readonly file: string,
      private readonly visitor: CsvVisitor,
      private readonly options: CsvScanOptions,
      private readonly fileSize: number,
    ) {
      this.rowLimit = options.rowLimit ?? Infinity;
      this.slotOf = identity(64);
      this.width = 64;
      this.capacity = 1;
      this.starts = new Int32Array(64);
      this.ends = new Int32Array(64);
      this.flags = new Uint8Array(64);
      this.numbers = new Float64Array(64);
      this.unparsed = new Int32Array(64);
      this.hashes = new Int32Array(64);
      this.textOnly = new Uint8Array(64).fill(1);
    }

    /** The header, once read (or given to {@link resume}). */
    get knownHeader(): CsvHeader | undefined {
      return this.header;
    }

    /** Line number (1-based) where the next record starts. */
    get nextLine(): number {
      return this.line;
    }

    /**
     * Starts in the middle of a file, at a record boundary: the header is known (`names`, `selected`),
     * `textOnly` says which selected columns are known to be text, and records are numbered from line 1.
     */
    resume(header: CsvHeader, textOnly: Uint8Array): void {
      const slotOf = new Int32Array(header.names.length).fill(-1);
      header.selected.forEach((field, k) => (slotOf[field] = k));
      this.header = header;
      this.setSlots(slotOf, header.selected.length);
      this.textOnly.set(textOnly.subarray(0, header.selected.length));
    }

    summary(): CsvScanSummary {
      if (!this.header)
        return deps.fail({ file: this.file, line: 1, column: 1 }, 'empty file: expected a header record');
      return { header: this.header, rows: this.rows };
    }

    /**
     * Consumes the complete records in `bytes[position, limit)` and reports them as one batch.
     * Returns the offset of the first byte not consumed (the start of an incomplete record).
     * With `eof`, the last record may lack its terminator and an open quote is an error.
     */
    tokenize(bytes: Uint8Array, position: number, limit: number, eof: boolean): number {
      // Sentinel: a LF at `limit` stops every scanning loop, so they need no bounds test per byte;
      // the loops check `limit` only where they stop. Restored before returning.
      const saved = bytes[limit];
      bytes[limit] = LF;
      try {
        return this.tokenizeRecords(bytes, position, limit, eof);
      } finally {
        bytes[limit] = saved;
      }
    }

    private tokenizeRecords(bytes: Uint8Array, position: number, limit: number, eof: boolean): number {
      let p = position;
      this.batchRows = 0;
      this.unparsed.fill(0);
      while (this.header === undefined) {
        const line = this.line;
        const next = this.scanRecords(bytes, p, limit, eof, 1);
        if (this.batchRows === 0) return this.endBatch(bytes, next, limit, eof);
        if (this.fieldCount > this.width) {
          // More header fields than slots: widen and scan the header again.
          this.line = line;
          this.batchRows = 0;
          this.setSlots(identity(this.fieldCount * 2), this.fieldCount * 2);
          continue;
        }
        this.readHeader(bytes, this.recordStart, this.recordLine);
        this.batchRows = 0;
        p = next;
      }
      const next = this.scanRecords(bytes, p, limit, eof, this.rowLimit - this.rows);
      return this.endBatch(bytes, next, limit, eof);
    }

    /** Reports the batch (if any rows) and returns `p`, the offset where the next call resumes. */
    private endBatch(bytes: Uint8Array, p: number, limit: number, eof: boolean): number {
      if (
        (eof && p >= limit) ||
        this.openQuoteAtEnd ||
        (this.header && this.rows + this.batchRows >= this.rowLimit)
      )
        this.finished = true;
      if (this.batchRows > 0) {
        this.visitor.onBatch({
          bytes,
          rowStart: this.rows,
          rows: this.batchRows,
          width: this.width,
          stride: this.capacity,
          starts: this.starts,
          ends: this.ends,
          flags: this.flags,
          numbers: this.numbers,
          unparsed: this.unparsed,
          hashes: this.hashes,
          textOnly: this.textOnly,
          bytesDone: this.bytesDone,
          fileSize: this.fileSize,
        });
        this.rows += this.batchRows;
        this.batchRows = 0;
      }
      return p;
    }

    /**
     * Scans up to `maxRecords` records (skipping empty lines) from `p` into the batch, from row
     * `batchRows` on. Returns the offset after the last one consumed: at `limit`, or at the start of a
     * record that `limit` cuts off before `eof`. In data mode every record must have the header's
     * field count. One loop with local state, because this is where the time goes.
     */
    private scanRecords(
      bytes: Uint8Array,
      p: number,
      limit: number,
      eof: boolean,
      maxRecords: number,
    ): number {
      const slotOf = this.slotOf;
      const slots = slotOf.length;
      const expected = this.header ? slots : -1;
      const unparsed = this.unparsed;
      const textOnly = this.textOnly;
      let stride = this.capacity;
      let starts = this.starts;
      let ends = this.ends;
      let flagsOut = this.flags;
      let numbers = this.numbers;
      let hashes = this.hashes;
      let row = this.batchRows;
      let line = this.line;
      let b = 0;
      records: while (p < limit && row - this.batchRows < maxRecords) {
        b = bytes[p];
        // Completely empty lines are skipped.
        if (b === LF) {
          p++;
          line++;
          continue;
        }
        if (b === CR) {
          if (p + 1 >= limit && !eof) break;
          if (p + 1 < limit && bytes[p + 1] === LF) {
            p += 2;
            line++;
            continue;
          }
        }
        if (row === stride) {
          this.growBatch();
          stride = this.capacity;
          starts = this.starts;
          ends = this.ends;
          flagsOut = this.flags;
          numbers = this.numbers;
          hashes = this.hashes;
        }
        const recordStart = p;
        let field = 0;
        let extraFieldAt = -1;
        let lines = 0;
        for (;;) {
          const fieldStart = p;
          const k = field < slots ? slotOf[field] : -1;
          let flags = 0;
          b = bytes[p]; // the sentinel LF when p === limit
          if (b === QUOTE) {
            flags = FIELD_QUOTED;
            p++;
            for (;;) {
              while ((b = bytes[p]) !== QUOTE) {
                if (b === LF) {
                  if (p >= limit) break;
                  lines++;
                }
                p++;
              }
              if (p >= limit) {
                if (eof) {
                  if (!this.endIsSplit) this.failUnterminated(bytes, recordStart, line, fieldStart);
                  this.openQuoteAtEnd = true; // the split was inside a quoted field
                }
                p = recordStart;
                break records;
              }
              if (p + 1 >= limit) {
                if (!eof) {
                  p = recordStart;
                  break records;
                }
                p++;
                break;
              }
              if (bytes[p + 1] === QUOTE) {
                flags = FIELD_QUOTED | FIELD_ESCAPED;
                p += 2;
                continue;
              }
              p++;
              break;
            }
          } else if (k >= 0 && textOnly[k] === 0) {
            // Fast path for the common numeric cell: [+-]digits[.digits], at most 9 + 9 digits, directly
            // followed by a separator. Integer and fraction digits accumulate in int32 (cheaper than a
            // double multiply-add chain); only m = int·10^f + frac < 2^53 takes the fast path, where m
            // and 10^f are exact doubles and one correctly rounded division gives exactly Number(cell).
            // Anything else: the generic scan below.
            let q = p;
            const negative = b === MINUS;
            if (negative || b === PLUS) q++;
            const integerFrom = q;
            let integer = 0;
            let d = 0;
            while ((d = bytes[q] - ZERO) >>> 0 <= 9) {
              integer = (integer * 10 + d) | 0;
              q++;
            }
            const integerDigits = q - integerFrom;
            let fraction = 0;
            let fractionDigits = 0;
            if (bytes[q] === DOT) {
              q++;
              const fractionFrom = q;
              while ((d = bytes[q] - ZERO) >>> 0 <= 9) {
                fraction = (fraction * 10 + d) | 0;
                q++;
              }
              fractionDigits = q - fractionFrom;
            }
            if (
              q < limit &&
              integerDigits <= 9 &&
              fractionDigits <= 9 &&
              integerDigits + fractionDigits > 0
            ) {
              const c = bytes[q];
              if (c === COMMA || c === LF || (c === CR && bytes[q + 1] === LF && q + 1 < limit)) {
                const mantissa = fractionDigits === 0 ? integer : integer * POW10[fractionDigits] + fraction;
                if (mantissa < MAX_EXACT) {
                  const i = k * stride + row;
                  const signed = negative ? -mantissa : mantissa;
                  numbers[i] = fractionDigits === 0 ? signed : signed / POW10[fractionDigits];
                  flagsOut[i] = FIELD_NUMBER;
                  flags = FIELD_NUMBER;
                }
              }
            }
            p = q; // bytes[fieldStart, q) hold no separator: the generic scan may resume here
          } else if (k >= 0) {
            // A text column: hash the bytes on the way (FNV-1a, as ByteDictionary) to save it a pass.
            let h = FNV_OFFSET;
            for (;;) {
              while ((b = bytes[p]) > COMMA || (b !== COMMA && b !== LF && b !== CR)) {
                h = imul(h ^ b, FNV_PRIME);
                p++;
              }
              if (p < limit && b === CR) {
                if (p + 1 < limit) {
                  if (bytes[p + 1] === LF) break;
                } else if (!eof) {
                  p = recordStart;
                  break records;
                }
                h = imul(h ^ CR, FNV_PRIME); // a lone CR is data
                p++;
                continue;
              }
              break;
            }
            hashes[k * stride + row] = h;
            flags = FIELD_HASHED;
          }
          if (flags < FIELD_NUMBER) {
            const unquotedFrom = p;
            for (;;) {
              while ((b = bytes[p]) > COMMA || (b !== COMMA && b !== LF && b !== CR)) p++;
              if (p < limit && b === CR) {
                if (p + 1 < limit) {
                  if (bytes[p + 1] === LF) break;
                } else if (!eof) {
                  p = recordStart;
                  break records;
                }
                p++; // a lone CR is data
                continue;
              }
              break;
            }
            if (flags !== 0 && p !== unquotedFrom) flags = FIELD_QUOTED | FIELD_ESCAPED;
          }
          if (k >= 0) {
            if (flags !== FIELD_NUMBER) {
              // Boundaries are kept for every cell except parsed numbers, whose value is all that is needed.
              const i = k * stride + row;
              starts[i] = fieldStart;
              ends[i] = p;
              flagsOut[i] = flags;
              unparsed[k]++;
            }
          } else if (field === slots) extraFieldAt = fieldStart;
          field++;
          if (p >= limit) {
            if (!eof) {
              p = recordStart;
              break records;
            }
            break; // the last record, without terminator
          }
          b = bytes[p];
          if (b === COMMA) {
            p++;
            continue;
          }
          break;
        }
        // A complete record: [recordStart, p) plus its terminator, if any.
        if (expected < 0) this.fieldCount = field;
        else if (field !== expected)
          this.failFieldCount(bytes, recordStart, line, field, field > expected ? extraFieldAt : p);
        this.recordStart = recordStart;
        this.recordLine = line;
        line += lines;
        if (p < limit) {
          p += bytes[p] === CR ? 2 : 1;
          line++;
        }
        row++;
      }
      this.batchRows = row;
      this.line = line;
      return p;
    }

    /** Decodes the header record (batch row 0), checks names, selects columns, switches to data mode. */
    private readHeader(bytes: Uint8Array, recordStart: number, line: number): void {
      const count = this.fieldCount;
      const names: string[] = [];
      const seen = new Map<string, number>();
      for (let k = 0; k < count; k++) {
        const name = decodeField(bytes, this.starts[k], this.ends[k], this.flags[k]);
        const previous = seen.get(name);
        if (previous !== undefined) {
          const at = this.locate(bytes, recordStart, line, this.starts[k]);
          return deps.fail(
            at,
            `duplicate column name ${JSON.stringify(name)} (also column ${previous + 1} of the header)`,
          );
        }
        seen.set(name, k);
        names.push(name);
      }
      const selected = deps.selectColumns(this.file, names, this.options.columns);
      const slotOf = new Int32Array(count).fill(-1);
      selected.forEach((field, k) => (slotOf[field] = k));
      this.header = { file: this.file, names, selected };
      this.setSlots(slotOf, selected.length);
      this.visitor.onHeader?.(this.header);
    }

    private setSlots(slotOf: Int32Array, width: number): void {
      this.slotOf = slotOf;
      this.width = width;
      this.capacity = this.header ? 4096 : 1;
      const size = max(1, this.capacity * this.width);
      this.starts = new Int32Array(size);
      this.ends = new Int32Array(size);
      this.flags = new Uint8Array(size);
      this.numbers = new Float64Array(size);
      this.hashes = new Int32Array(size);
      this.unparsed = new Int32Array(max(1, width));
      // The header's fields are only text; data columns start out trying numbers.
      this.textOnly = new Uint8Array(max(1, width)).fill(this.header && !this.options.text ? 0 : 1);
    }

    /** Doubles the rows a batch holds, keeping the column-major layout. */
    private growBatch(): void {
      const old = this.capacity;
      this.capacity *= 2;
      this.starts = relayout(this.starts, new Int32Array(this.capacity * this.width), old, this.capacity);
      this.ends = relayout(this.ends, new Int32Array(this.capacity * this.width), old, this.capacity);
      this.flags = relayout(this.flags, new Uint8Array(this.capacity * this.width), old, this.capacity);
      this.numbers = relayout(this.numbers, new Float64Array(this.capacity * this.width), old, this.capacity);
      this.hashes = relayout(this.hashes, new Int32Array(this.capacity * this.width), old, this.capacity);
    }

    /** 1-based line and character column of byte `offset` of the record that starts at `recordStart` on `line`. */
    private locate(bytes: Uint8Array, recordStart: number, line: number, offset: number): SourcePosition {
      let lineStart = recordStart;
      for (let i = recordStart; i < offset; i++) {
        if (bytes[i] === LF) {
          line++;
          lineStart = i + 1;
        }
      }
      return { file: this.file, line, column: charColumn(bytes, lineStart, offset) };
    }

    /** `at` is the start of the first extra field, or the end of a record with too few. */
    private failFieldCount(
      bytes: Uint8Array,
      recordStart: number,
      line: number,
      count: number,
      at: number,
    ): never {
      const expected = this.slotOf.length;
      return deps.fail(
        this.locate(bytes, recordStart, line, at),
        `expected ${expected} fields (as in the header), got ${count}`,
      );
    }

    private failUnterminated(bytes: Uint8Array, recordStart: number, line: number, quoteAt: number): never {
      return deps.fail(
        this.locate(bytes, recordStart, line, quoteAt),
        'unterminated quoted field: no closing quote before end of file',
      );
    }

    /** Called with the first invalid byte at `bad`, after every complete record before it was tokenized. */
    failInvalidUtf8(bytes: Uint8Array, recordStart: number, bad: number): never {
      const hex = bytes[bad].toString(16).toUpperCase().padStart(2, '0');
      return deps.fail(
        this.locate(bytes, recordStart, this.line, bad),
        `invalid UTF-8: byte 0x${hex} does not start a valid character`,
      );
    }
  }

  function relayout<T extends Int32Array | Uint8Array | Float64Array>(
    from: T,
    to: T,
    oldStride: number,
    newStride: number,
  ): T {
    for (let k = 0; k * newStride < to.length; k++)
      to.set(from.subarray(k * oldStride, (k + 1) * oldStride), k * newStride);
    return to;
  }

  function identity(n: number): Int32Array {
    return Int32Array.from({ length: n }, (_, i) => i);
  }

  const utf8 = new TextDecoder('utf-8');

  /**
   * The cell string of a raw field `bytes[start, end)` with `flags` from a batch: quotes removed,
   * `""` turned into `"`, anything after the closing quote appended (Python `csv` semantics).
   */
  function decodeField(bytes: Uint8Array, start: number, end: number, flags: number): string {
    if ((flags & FIELD_QUOTED) === 0) return utf8.decode(bytes.subarray(start, end));
    if (flags === FIELD_QUOTED) return utf8.decode(bytes.subarray(start + 1, end - 1));
    return utf8.decode(unquoteField(bytes, start, end));
  }

  let scratch = new Uint8Array(256);

  /**
   * The content bytes of an escaped quoted field (flag FIELD_ESCAPED). Returns a view of a shared
   * buffer, valid until the next call.
   */
  function unquoteField(bytes: Uint8Array, start: number, end: number): Uint8Array {
    if (scratch.length < end - start) scratch = new Uint8Array(max(end - start, scratch.length * 2));
    const out = scratch;
    let n = 0;
    let i = start + 1;
    while (i < end) {
      const c = bytes[i];
      if (c === QUOTE) {
        if (i + 1 < end && bytes[i + 1] === QUOTE) {
          out[n++] = QUOTE;
          i += 2;
          continue;
        }
        i++;
        break; // the closing quote
      }
      out[n++] = c;
      i++;
    }
    while (i < end) out[n++] = bytes[i++];
    return out.subarray(0, n);
  }

  // ---------------------------------------------------------------- column builder (csv-column.ts)
  const cellValue = new Float64Array(1);

  class CsvColumnBuilder {
    length = 0;
    /** Rows `[0, prefixRows)` of a categorical column still need their codes from a re-read; 0 while numeric. */
    prefixRows = 0;
    private values: Float64Array | undefined;
    private codes: Int32Array | undefined;
    private dictionary: ByteDictionary | undefined;
    private prefixDictionary: ByteDictionary | undefined;

    constructor(
      readonly name: string,
      capacity: number,
    ) {
      this.values = sharedFloat64(capacity);
    }

    get capacity(): number {
      return (this.values ?? this.codes)!.length;
    }

    get categorical(): boolean {
      return this.codes !== undefined;
    }

    /** Grows storage to at least `capacity` rows. */
    reserve(capacity: number): void {
      if (this.values && this.values.length < capacity) {
        const values = sharedFloat64(capacity);
        values.set(this.values.subarray(0, this.length));
        this.values = values;
      }
      if (this.codes && this.codes.length < capacity) {
        const codes = new Int32Array(capacity);
        codes.set(this.codes.subarray(0, this.length));
        this.codes = codes;
      }
    }

    /**
     * Hands the part of numeric storage from row `from` on to another reader of the same file
     * (csv-parallel.ts: the worker that reads its second half); keeps rows before it. Returns the shared
     * view, or undefined when there is none to give (a categorical column, or too little room).
     */
    splitStorage(from: number): Float64Array | undefined {
      const values = this.values;
      if (!values || from < this.length || from >= values.length) return undefined;
      this.values = values.subarray(0, from);
      return values.subarray(from);
    }

    /** Writes numeric rows into `storage` (from {@link splitStorage}) while it lasts. */
    useStorage(storage: Float64Array): void {
      if (this.values && this.length === 0) this.values = storage;
    }

    /** Whether numeric rows are (still) written to `storage`, as given to {@link useStorage}. */
    writesTo(storage: Float64Array): boolean {
      return this.values === storage;
    }

    /** Whether numeric storage is (still) on the same memory as `view`. */
    sharesMemory(view: Float64Array): boolean {
      return this.values !== undefined && this.values.buffer === view.buffer;
    }

    /**
     * Appends `rows` numeric rows that another reader wrote to `storage`, the memory after this storage
     * handed over by {@link splitStorage}: they are moved down to follow the rows here.
     */
    appendMoved(rows: number, storage: Float64Array): void {
      const values = this.values!;
      const from = (storage.byteOffset - values.byteOffset) / 8;
      const whole = new Float64Array(
        values.buffer,
        values.byteOffset,
        (values.buffer.byteLength - values.byteOffset) / 8,
      );
      whole.copyWithin(this.length, from, from + rows);
      this.values = whole;
      this.length += rows;
    }

    /** Appends batch column `k`; the caller has reserved room for `batch.rows` more rows. */
    add(batch: CsvBatch, k: number): void {
      const { bytes, starts, ends, flags, numbers, hashes, rows } = batch;
      const base = k * batch.stride;
      let r = 0;
      if (this.values) {
        const values = this.values;
        let n = this.length;
        if (batch.unparsed[k] === 0) {
          // The tokenizer parsed every cell: one block copy.
          values.set(numbers.subarray(base, base + rows), n);
          this.length = n + rows;
          return;
        }
        for (; r < rows; r++) {
          const i = base + r;
          const f = flags[i];
          if (f === FIELD_NUMBER) {
            values[n++] = numbers[i];
            continue;
          }
          let kind: CellKind;
          if (f === 0) kind = classifyCellBytes(bytes, starts[i], ends[i], cellValue);
          else if (f === FIELD_QUOTED) kind = classifyCellBytes(bytes, starts[i] + 1, ends[i] - 1, cellValue);
          else {
            const content = unquoteField(bytes, starts[i], ends[i]);
            kind = classifyCellBytes(content, 0, content.length, cellValue);
          }
          if (kind === CELL_NUMBER) values[n++] = cellValue[0];
          else if (kind === CELL_NULL) values[n++] = NaN;
          else break;
        }
        this.length = n;
        if (r === rows) return;
        // Row r is text: the column turns categorical.
        batch.textOnly[k] = 1;
        if (hasNumber(values, 0, n) || hasNumberCell(flags, base + r, base + rows)) {
          // Some cells' text is gone (kept as numbers, or parsed without bytes): re-read up to here.
          this.toCategorical(batch.rowStart + rows);
          return;
        }
        this.toCategorical(0); // only nulls so far (codes -1): carry on with this batch's text
      }
      const codes = this.codes!;
      const dictionary = this.dictionary!;
      let n = this.length;
      // Runs of cells the tokenizer hashed go through one tight loop; the others (quoted, or in the batch
      // where the column turned categorical) one by one, in row order (the dictionary is in order of first
      // appearance).
      const end = base + rows;
      for (let i = base + r; i < end;) {
        const next = dictionary.codesHashed(
          bytes,
          starts,
          ends,
          hashes,
          flags,
          FIELD_HASHED,
          i,
          end,
          codes,
          n,
        );
        n += next - i;
        i = next;
        if (i < end) {
          codes[n++] = cellCode(bytes, starts[i], ends[i], flags[i], hashes[i], dictionary);
          i++;
        }
      }
      this.length = n;
    }

    /** Starts out categorical: for a column already known to be text (no rows added yet). */
    startAsText(): void {
      if (this.values && this.length === 0) this.toCategorical(0);
    }

    /**
     * Turns categorical. Rows before `length` so far were null (-1); with `prefixRows` > 0 (the end of
     * the current batch) rows up to there wait for the re-read instead.
     */
    private toCategorical(prefixRows: number): void {
      this.prefixRows = prefixRows;
      this.codes = new Int32Array(this.values!.length).fill(-1, 0, this.length);
      this.values = undefined;
      this.length = max(this.length, prefixRows);
      this.dictionary = new ByteDictionary();
    }

    /**
     * Re-read pass (a scan with `text: true`): fills the codes of rows `[0, prefixRows)` from batch
     * column `k`, in a dictionary of their own (merged by `finishPrefix`).
     */
    addPrefix(batch: CsvBatch, k: number): void {
      const codes = this.codes!;
      const dictionary = (this.prefixDictionary ??= new ByteDictionary());
      const { bytes, starts, ends, flags, hashes } = batch;
      const base = k * batch.stride;
      const rows = min(batch.rows, this.prefixRows - batch.rowStart);
      const end = base + rows;
      for (let i = base; i < end;) {
        const next = dictionary.codesHashed(
          bytes,
          starts,
          ends,
          hashes,
          flags,
          FIELD_HASHED,
          i,
          end,
          codes,
          batch.rowStart + i - base,
        );
        i = next;
        if (i < end) {
          codes[batch.rowStart + i - base] = cellCode(
            bytes,
            starts[i],
            ends[i],
            flags[i],
            hashes[i],
            dictionary,
          );
          i++;
        }
      }
    }

    /**
     * Puts the prefix's values in front of the later ones, so the dictionary stays in order of first
     * appearance, and renumbers the codes after the prefix.
     */
    finishPrefix(): void {
      const codes = this.codes!;
      const merged = this.prefixDictionary ? [...this.prefixDictionary.strings] : [];
      const index = new Map<string, number>();
      merged.forEach((value, code) => index.set(value, code));
      const later = this.dictionary!.strings;
      const remap = new Int32Array(later.length);
      later.forEach((value, code) => {
        let target = index.get(value);
        if (target === undefined) {
          target = merged.length;
          merged.push(value);
          index.set(value, target);
        }
        remap[code] = target;
      });
      for (let r = this.prefixRows; r < this.length; r++) if (codes[r] >= 0) codes[r] = remap[codes[r]];
      this.mergedDictionary = merged;
      this.prefixDictionary = undefined;
    }

    private mergedDictionary: string[] | undefined;

    /**
     * Appends the rows of `rest`, the same column read from the rest of the file (csv-parallel.ts), as if
     * they had come in batches. Returns false when that is impossible without the text of cells kept only
     * as numbers (one part numeric with numbers, the other categorical): the caller then reads the file
     * again in one pass. Call after `finishPrefix`, if there was a re-read.
     */
    append(rest: Column): boolean {
      const rows = rest.type === 'numeric' ? rest.values.length : rest.codes.length;
      if (this.values) {
        if (rest.type === 'numeric') {
          this.reserve(this.length + rows);
          this.values.set(rest.values, this.length);
          this.length += rows;
          return true;
        }
        // Text in the rest: fine if this part is all null (as when a column turns categorical after nulls).
        if (hasNumber(this.values, 0, this.length)) return false;
        this.toCategorical(0);
      } else if (rest.type === 'numeric') {
        if (hasNumber(rest.values, 0, rows)) return false;
        this.reserve(this.length + rows);
        this.codes!.fill(-1, this.length, this.length + rows);
        this.length += rows;
        return true;
      }
      if (rest.type !== 'categorical') return false;
      // Codes of the rest's values in this dictionary, new values appended in their order of appearance.
      const merged = [...(this.mergedDictionary ?? this.dictionary!.strings)];
      const index = new Map<string, number>();
      merged.forEach((value, code) => index.set(value, code));
      const remap = new Int32Array(rest.dictionary.length);
      rest.dictionary.forEach((value, code) => {
        let target = index.get(value);
        if (target === undefined) {
          target = merged.length;
          merged.push(value);
          index.set(value, target);
        }
        remap[code] = target;
      });
      this.reserve(this.length + rows);
      const codes = this.codes!;
      const from = rest.codes;
      const at = this.length;
      for (let r = 0; r < rows; r++) {
        const c = from[r];
        codes[at + r] = c >= 0 ? remap[c] : -1;
      }
      this.length += rows;
      this.mergedDictionary = merged;
      return true;
    }

    /** The finished column; storage beyond `length` is dropped (copied only when the slack is large). */
    finish(): Column {
      if (this.values) return { name: this.name, type: 'numeric', values: fit(this.values, this.length) };
      return {
        name: this.name,
        type: 'categorical',
        codes: fit(this.codes!, this.length),
        dictionary: this.mergedDictionary ?? this.dictionary!.strings,
      };
    }
  }

  /** Dictionary code (-1 for null) of the raw field `bytes[start, end)` with tokenizer `flags`. */
  function cellCode(
    bytes: Uint8Array,
    start: number,
    end: number,
    flags: number,
    hash: number,
    dictionary: ByteDictionary,
  ): number {
    if (flags === FIELD_HASHED) return dictionary.codeHashed(bytes, start, end, hash);
    let src = bytes;
    let s = start;
    let e = end;
    if (flags === FIELD_QUOTED) {
      s++;
      e--;
    } else if (flags & FIELD_ESCAPED) {
      src = unquoteField(bytes, s, e);
      s = 0;
      e = src.length;
    }
    return dictionary.code(src, s, e);
  }

  /** True if `values[from, to)` holds a number (a non-NaN). */
  function hasNumber(values: Float64Array, from: number, to: number): boolean {
    for (let i = from; i < to; i++) if (values[i] === values[i]) return true;
    return false;
  }

  /** True if a cell in `flags[from, to)` is a parsed number (its bytes were not kept). */
  function hasNumberCell(flags: Uint8Array, from: number, to: number): boolean {
    for (let i = from; i < to; i++) if (flags[i] === FIELD_NUMBER) return true;
    return false;
  }

  function fit<T extends Float64Array | Int32Array>(array: T, length: number): T {
    if (array.length === length) return array;
    if (array.length - length <= (length >> 4) + 1024) return array.subarray(0, length) as T;
    if (array instanceof Float64Array) {
      const copy = sharedFloat64(length);
      copy.set(array.subarray(0, length));
      return copy as T;
    }
    return array.slice(0, length) as T;
  }

  /**
   * Numeric column storage lives on shared memory, so that a profile can sort columns on a worker thread
   * without copying them (checks/data/parallel-sort.ts). It behaves as any Float64Array otherwise.
   */
  function sharedFloat64(length: number): Float64Array {
    return new Float64Array(new SharedArrayBuffer(length * 8));
  }

  // ---------------------------------------------------------------- the chunk loop (scanCsv's body)

  /**
   * Feeds a tokenizer from a byte stream read in chunks by the caller (asynchronously on the main thread,
   * synchronously in a worker): `room()` says where the next chunk goes, `advance(n)` takes it (n = 0 at
   * the end of the input), tokenizes the complete records and returns true when the tokenizer is done.
   * One buffer holds the unconsumed tail plus a chunk, and one byte past the data for the sentinel.
   * UTF-8 is validated chunk by chunk (natively); a leading BOM is skipped unless `atRecord` (the input
   * starts in the middle of a file, at a record boundary).
   */
  class ChunkLoop {
    bytes: Uint8Array;
    eof = false;
    private length = 0;
    private position = 0;
    private start: number;
    private validEnd = 0;

    constructor(
      readonly tokenizer: Tokenizer,
      private readonly chunkSize: number,
      atRecord = false,
    ) {
      // A plain Uint8Array (not a Buffer) keeps byte access in the hot loops monomorphic.
      this.bytes = new Uint8Array(2 * chunkSize + 1);
      this.start = atRecord ? 0 : -1; // -1 until the BOM check
    }

    /** Offset in `bytes` where the next chunk (up to `chunkSize` bytes) must be written. */
    room(): number {
      if (this.length + this.chunkSize + 1 > this.bytes.length) {
        // A long record is still incomplete: make room for it and the next chunk.
        const bigger = new Uint8Array(2 * (this.length + this.chunkSize) + 1);
        bigger.set(this.bytes.subarray(0, this.length));
        this.bytes = bigger;
      }
      return this.length;
    }

    /** Takes `bytesRead` bytes written at `room()` (ignored once at the end); true when finished. */
    advance(bytesRead: number): boolean {
      const bytes = this.bytes;
      if (!this.eof) {
        if (bytesRead === 0) this.eof = true;
        this.length += bytesRead;
        this.position += bytesRead;
      }
      const { length, eof } = this;
      if (this.start < 0) {
        if (length < 3 && !eof) return false;
        this.start = length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
        this.validEnd = this.start;
      }
      let limit = eof ? length : utf8Boundary(bytes, this.start, length);
      let bad = -1;
      if (this.validEnd < limit && !deps.isUtf8(bytes.subarray(this.validEnd, limit))) {
        bad = firstInvalidUtf8(bytes, this.validEnd, limit);
        limit = bad;
      }
      this.validEnd = limit;
      const tokenizer = this.tokenizer;
      tokenizer.bytesDone = this.position - (length - limit);
      const consumed = tokenizer.tokenize(bytes, this.start, limit, eof && bad < 0);
      if (bad >= 0) tokenizer.failInvalidUtf8(bytes, consumed, bad);
      if (tokenizer.finished) return true;
      bytes.copyWithin(0, consumed, length);
      this.length -= consumed;
      this.validEnd -= consumed;
      this.start = 0;
      return false;
    }
  }

  return {
    FIELD_QUOTED,
    FIELD_ESCAPED,
    FIELD_NUMBER,
    FIELD_HASHED,
    FNV_OFFSET,
    FNV_PRIME,
    classifyCellBytes,
    isNullCellBytes,
    firstInvalidUtf8,
    utf8Boundary,
    charColumn,
    ByteDictionary,
    Tokenizer,
    ChunkLoop,
    decodeField,
    unquoteField,
    CsvColumnBuilder,
  };
}

/** The kernel of this thread. */
export const kernel = csvKernel({
  isUtf8,
  fail(position, message) {
    throw new DataFormatError(position, message);
  },
  selectColumns,
});

type Kernel = ReturnType<typeof csvKernel>;
export type Tokenizer = InstanceType<Kernel['Tokenizer']>;
export type ChunkLoop = InstanceType<Kernel['ChunkLoop']>;
