/**
 * Streaming RFC 4180 tokenizer over raw bytes (STATISTICS.md §1 rules 1–2). It finds field
 * boundaries and hands them out in batches of records (`CsvBatch`), one batch per file chunk, without
 * making a string per cell: consumers classify or decode only the cells they need (`csv-column.ts`
 * builds typed columns; a streaming profile can consume batches directly and hold nothing).
 *
 * Why bytes: a profile of a 5M-row file must beat pandas' C parser, so the inner loops look at each
 * byte once: unselected fields are skipped without decoding, plain decimals in selected columns are
 * parsed while scanning (exactly, see `FIELD_NUMBER`), text cells of categorical columns are hashed
 * while scanning (`FIELD_HASHED`), and memory stays at one reusable chunk plus the batch index,
 * whatever the file size.
 *
 * Dialect decisions, where RFC 4180 is silent, follow Python's `csv` module (and pandas' C parser):
 * - a `"` inside an unquoted field is an ordinary character (`ab"c` → `ab"c`);
 * - bytes after a closing quote are appended to the field (`"ab"c` → `abc`);
 * - a lone CR is data (only LF and CRLF end a record, as the contract says);
 * - a quoted field still open at end of file is an error (Python would silently end it).
 * UTF-8 is validated for the whole file, selected or not, natively per chunk. Errors report the
 * first problem in file order as file:line:column (1-based, column in characters).
 */
import { isUtf8 } from 'node:buffer';
import { DataFormatError, type SourcePosition } from '../core/errors.js';
import type { FileHandle } from 'node:fs/promises';
import { openDataFile } from './open-file.js';
import { selectColumns } from './select-columns.js';
import { FNV_OFFSET, FNV_PRIME } from './byte-dictionary.js';
import { charColumn, firstInvalidUtf8, utf8Boundary } from './utf8.js';

/** Field flag: the field began with `"`; without FIELD_ESCAPED its content is `[start + 1, end − 1)`. */
export const FIELD_QUOTED = 1;
/** Field flag: a quoted field with `""` pairs or bytes after the closing quote; decode with `unquoteField`. */
export const FIELD_ESCAPED = 2;
/**
 * Field flag (alone): an unquoted plain decimal (`[+-]digits[.digits]`, ≤ 9 + 9 digits, no blanks)
 * that the tokenizer already parsed into `numbers[i]`, exactly `Number(cell)`. `starts`/`ends` are
 * not set for such a cell.
 */
export const FIELD_NUMBER = 4;
/** Field flag (alone): an unquoted cell of a `textOnly` column whose FNV-1a hash is `hashes[i]`. */
export const FIELD_HASHED = 8;

/**
 * Field boundaries of `rows` consecutive records, column-major: with `i = k * stride + r`, the field
 * of selected column `k` in row `r` is `bytes[starts[i], ends[i])` (raw bytes, quotes included) with
 * `flags[i]`. Valid only during the `onBatch` call: the buffers are reused.
 */
export interface CsvBatch {
  readonly bytes: Uint8Array;
  /** 0-based data-row index of the first row in this batch. */
  readonly rowStart: number;
  readonly rows: number;
  /** Number of selected columns. */
  readonly width: number;
  /** Distance between columns in the arrays below (≥ rows). */
  readonly stride: number;
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  readonly flags: Uint8Array;
  /** Values of the FIELD_NUMBER cells (other entries are stale). */
  readonly numbers: Float64Array;
  /** Per column, how many of its cells are not FIELD_NUMBER (0: `numbers` holds the whole column). */
  readonly unparsed: Int32Array;
  /** FNV-1a hashes (`ByteDictionary`'s) of the FIELD_HASHED cells. */
  readonly hashes: Int32Array;
  /**
   * Per column, writable: set `textOnly[k] = 1` once column `k` needs only text (it turned
   * categorical); from the next record on the tokenizer stops trying numbers there and hashes instead.
   */
  readonly textOnly: Uint8Array;
  /** Bytes of the file consumed so far and the file size, for progress and row-count estimates. */
  readonly bytesDone: number;
  readonly fileSize: number;
}

export interface CsvHeader {
  readonly file: string;
  /** Every column name, in file order. */
  readonly names: string[];
  /** Field indices of the selected columns, ascending; batch column `k` is field `selected[k]`. */
  readonly selected: number[];
}

export interface CsvScanOptions {
  /** Read only these columns; unknown names are an InputError listing the columns. */
  columns?: readonly string[];
  /** Stop after this many data rows (the rest of the file is not read or checked). */
  rowLimit?: number;
  /** Read size in bytes (default 1 MiB); a record longer than this grows the buffer. */
  chunkSize?: number;
  /** Report every selected cell as text (no FIELD_NUMBER cells), as if `textOnly` were all 1. */
  text?: boolean;
}

export interface CsvVisitor {
  /** Called once, after the header record, before any batch. */
  onHeader?(header: CsvHeader): void;
  onBatch(batch: CsvBatch): void;
}

export interface CsvScanSummary {
  header: CsvHeader;
  /** Data rows seen (capped by `rowLimit`). */
  rows: number;
}

const LF = 0x0a;
const CR = 0x0d;
const QUOTE = 0x22;
/** Separator. Most data bytes (digits, letters) are above it, so `b > COMMA ||` short-cuts the stop test. */
const COMMA = 0x2c;
const PLUS = 0x2b;
const MINUS = 0x2d;
const DOT = 0x2e;
const ZERO = 0x30;
const POW10 = new Float64Array(10).map((_, i) => Number(`1e${i}`));
const MAX_EXACT = 2 ** 53;
const DEFAULT_CHUNK = 1 << 20;

/** Tokenizes `file`, calling the visitor with the header and then batches of records. */
export async function scanCsv(
  file: string,
  visitor: CsvVisitor,
  options: CsvScanOptions = {},
): Promise<CsvScanSummary> {
  const handle = await openDataFile(file);
  try {
    const fileSize = (await handle.stat()).size;
    const tokenizer = new Tokenizer(file, visitor, options, fileSize);
    const chunkSize = Math.max(1, options.chunkSize ?? DEFAULT_CHUNK);
    const reader = new ReadAhead(handle, chunkSize);
    // A plain Uint8Array (not a Buffer subclass) keeps byte access in the hot loops monomorphic. One
    // byte past the data is reserved for the tokenizer's sentinel.
    let bytes = new Uint8Array(2 * chunkSize + 1);
    let length = 0;
    let filePosition = 0;
    let eof = false;
    let start = -1; // where tokenizing resumes; -1 until the BOM check
    let validEnd = 0;
    try {
      for (;;) {
        if (!eof) {
          if (length + chunkSize + 1 > bytes.length) {
            // A long record is still incomplete: make room for it and the next chunk.
            const bigger = new Uint8Array(2 * (length + chunkSize) + 1);
            bigger.set(bytes.subarray(0, length));
            bytes = bigger;
          }
          const bytesRead = await reader.next(bytes, length);
          if (bytesRead === 0) eof = true;
          length += bytesRead;
          filePosition += bytesRead;
        }
        if (start < 0) {
          if (length < 3 && !eof) continue;
          start = length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
          validEnd = start;
        }
        let limit = eof ? length : utf8Boundary(bytes, start, length);
        let bad = -1;
        if (validEnd < limit && !isUtf8(bytes.subarray(validEnd, limit))) {
          bad = firstInvalidUtf8(bytes, validEnd, limit);
          limit = bad;
        }
        validEnd = limit;
        tokenizer.bytesDone = filePosition - (length - limit);
        const consumed = tokenizer.tokenize(bytes, start, limit, eof && bad < 0);
        if (bad >= 0) tokenizer.failInvalidUtf8(bytes, consumed, bad);
        if (tokenizer.finished) break;
        bytes.copyWithin(0, consumed, length);
        length -= consumed;
        validEnd -= consumed;
        start = 0;
      }
    } finally {
      await reader.close();
    }
    return tokenizer.summary();
  } finally {
    await handle.close();
  }
}

/**
 * Sequential chunks of a file with one read always in flight, so the copy from the page cache (in
 * libuv's thread pool) overlaps tokenizing on the main thread.
 */
class ReadAhead {
  private spare: Uint8Array;
  private pending: Promise<number> | undefined;
  private position = 0;

  constructor(
    private readonly handle: FileHandle,
    chunkSize: number,
  ) {
    this.spare = new Uint8Array(chunkSize);
    this.pending = this.read();
  }

  private read(): Promise<number> {
    return this.handle.read(this.spare, 0, this.spare.length, this.position).then(({ bytesRead }) => {
      this.position += bytesRead;
      return bytesRead;
    });
  }

  /** Copies the next chunk to `target` at `offset` (the caller leaves room for a whole chunk); 0 at end of file. */
  async next(target: Uint8Array, offset: number): Promise<number> {
    const n = await this.pending!;
    this.pending = undefined;
    if (n === 0) return 0;
    target.set(n === this.spare.length ? this.spare : this.spare.subarray(0, n), offset);
    this.pending = this.read();
    return n;
  }

  /** Waits for a read still in flight so the file can be closed safely. */
  async close(): Promise<void> {
    await this.pending?.catch(() => 0);
  }
}

/** The state machine proper; `tokenize` may be called again with more bytes after an incomplete record. */
class Tokenizer {
  finished = false;
  bytesDone = 0;
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

  summary(): CsvScanSummary {
    if (!this.header)
      throw new DataFormatError(
        { file: this.file, line: 1, column: 1 },
        'empty file: expected a header record',
      );
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
    if ((eof && p >= limit) || (this.header && this.rows + this.batchRows >= this.rowLimit))
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
  private scanRecords(bytes: Uint8Array, p: number, limit: number, eof: boolean, maxRecords: number): number {
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
              if (eof) this.failUnterminated(bytes, recordStart, line, fieldStart);
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
          if (q < limit && integerDigits <= 9 && fractionDigits <= 9 && integerDigits + fractionDigits > 0) {
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
              h = Math.imul(h ^ b, FNV_PRIME);
              p++;
            }
            if (p < limit && b === CR) {
              if (p + 1 < limit) {
                if (bytes[p + 1] === LF) break;
              } else if (!eof) {
                p = recordStart;
                break records;
              }
              h = Math.imul(h ^ CR, FNV_PRIME); // a lone CR is data
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
        throw new DataFormatError(
          at,
          `duplicate column name ${JSON.stringify(name)} (also column ${previous + 1} of the header)`,
        );
      }
      seen.set(name, k);
      names.push(name);
    }
    const selected = selectColumns(this.file, names, this.options.columns);
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
    const size = Math.max(1, this.capacity * this.width);
    this.starts = new Int32Array(size);
    this.ends = new Int32Array(size);
    this.flags = new Uint8Array(size);
    this.numbers = new Float64Array(size);
    this.hashes = new Int32Array(size);
    this.unparsed = new Int32Array(Math.max(1, width));
    // The header's fields are only text; data columns start out trying numbers.
    this.textOnly = new Uint8Array(Math.max(1, width)).fill(this.header && !this.options.text ? 0 : 1);
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
    throw new DataFormatError(
      this.locate(bytes, recordStart, line, at),
      `expected ${expected} fields (as in the header), got ${count}`,
    );
  }

  private failUnterminated(bytes: Uint8Array, recordStart: number, line: number, quoteAt: number): never {
    throw new DataFormatError(
      this.locate(bytes, recordStart, line, quoteAt),
      'unterminated quoted field: no closing quote before end of file',
    );
  }

  /** Called with the first invalid byte at `bad`, after every complete record before it was tokenized. */
  failInvalidUtf8(bytes: Uint8Array, recordStart: number, bad: number): never {
    const hex = bytes[bad].toString(16).toUpperCase().padStart(2, '0');
    throw new DataFormatError(
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
export function decodeField(bytes: Uint8Array, start: number, end: number, flags: number): string {
  if ((flags & FIELD_QUOTED) === 0) return utf8.decode(bytes.subarray(start, end));
  if (flags === FIELD_QUOTED) return utf8.decode(bytes.subarray(start + 1, end - 1));
  return utf8.decode(unquoteField(bytes, start, end));
}

let scratch = new Uint8Array(256);

/**
 * The content bytes of an escaped quoted field (flag FIELD_ESCAPED). Returns a view of a shared
 * buffer, valid until the next call.
 */
export function unquoteField(bytes: Uint8Array, start: number, end: number): Uint8Array {
  if (scratch.length < end - start) scratch = new Uint8Array(Math.max(end - start, scratch.length * 2));
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
