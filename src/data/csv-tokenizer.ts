/**
 * The CSV tokenizer proper (docs/statistics.md §1 rules 1–2): a synchronous state machine over bytes that
 * finds field boundaries and hands them out in batches (`CsvBatch`, csv-fields.ts). The chunk loop
 * (csv-chunk-loop.ts) feeds it; see csv-scanner.ts for the dialect.
 */
import { DataFormatError, type SourcePosition } from '../core/errors.js';
import { FNV_OFFSET, FNV_PRIME } from './byte-dictionary.js';
import { POW10 } from './cell-bytes.js';
import {
  FIELD_ESCAPED,
  FIELD_HASHED,
  FIELD_NUMBER,
  FIELD_QUOTED,
  decodeField,
  type CsvHeader,
  type CsvScanOptions,
  type CsvScanSummary,
  type CsvVisitor,
} from './csv-fields.js';
import { SYNTAX_FLOAT } from './number-syntax.js';
import { selectColumns } from './select-columns.js';
import { charColumn } from './utf8.js';

const { imul, max } = Math;
const LF = 0x0a;
const CR = 0x0d;
const QUOTE = 0x22;
/** Separator. Most data bytes (digits, letters) are above it, so `b > COMMA ||` short-cuts the stop test. */
const COMMA = 0x2c;
const PLUS = 0x2b;
const MINUS = 0x2d;
const DOT = 0x2e;
const ZERO = 0x30;
const MAX_EXACT = 2 ** 53;

function fail(position: SourcePosition, message: string): never {
  throw new DataFormatError(position, message);
}

/** The state machine proper; `tokenize` may be called again with more bytes after an incomplete record. */
export class Tokenizer {
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
  private syntax: Uint8Array;
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
    /** The input's size (progress, capacity estimates); a stream sets it once its first response tells. */
    public fileSize: number,
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
    this.syntax = new Uint8Array(64);
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
      return fail({ file: this.file, line: 1, column: 1 }, 'empty file: expected a header record');
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
    this.syntax.fill(0);
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
        syntax: this.syntax,
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
    const syntax = this.syntax;
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
            // Written with a decimal point: pandas reads the column as float64 (number-syntax.ts). If
            // the cell turns out not to be a number, the column is text and the flag does not matter.
            syntax[k] = SYNTAX_FLOAT;
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
        return fail(
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
    const size = max(1, this.capacity * this.width);
    this.starts = new Int32Array(size);
    this.ends = new Int32Array(size);
    this.flags = new Uint8Array(size);
    this.numbers = new Float64Array(size);
    this.hashes = new Int32Array(size);
    this.unparsed = new Int32Array(max(1, width));
    this.syntax = new Uint8Array(max(1, width));
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
    return fail(
      this.locate(bytes, recordStart, line, at),
      `expected ${expected} fields (as in the header), got ${count}`,
    );
  }

  private failUnterminated(bytes: Uint8Array, recordStart: number, line: number, quoteAt: number): never {
    return fail(
      this.locate(bytes, recordStart, line, quoteAt),
      'unterminated quoted field: no closing quote before end of file',
    );
  }

  /** Called with the first invalid byte at `bad`, after every complete record before it was tokenized. */
  failInvalidUtf8(bytes: Uint8Array, recordStart: number, bad: number): never {
    const hex = bytes[bad].toString(16).toUpperCase().padStart(2, '0');
    return fail(
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
