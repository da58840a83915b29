/**
 * What the CSV tokenizer hands out: field flags, batches of field boundaries (`CsvBatch`), the header,
 * and the decoding of a raw field. Shared by the tokenizer (csv-tokenizer.ts), the column builder
 * (csv-column.ts) and the consumers of `scanCsv`, on both threads of a parallel read.
 */
import type { StreamSource } from './stream-source.js';

/** Field flag: the field began with `"`; without FIELD_ESCAPED its content is `[start + 1, end − 1)`. */
export const FIELD_QUOTED = 1;
/** Field flag: a quoted field with `""` pairs or bytes after the closing quote; decode with `unquoteField`. */
export const FIELD_ESCAPED = 2;
/**
 * Field flag (alone): an unquoted plain decimal (`[+-]digits[.digits]`, ≤ 9 + 9 digits, no blanks) that
 * the tokenizer already parsed into `numbers[i]`, exactly `Number(cell)`. `starts`/`ends` are not set for
 * such a cell.
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
  /**
   * Per column, number-syntax flags (number-syntax.ts) of its FIELD_NUMBER cells in this batch: SYNTAX_FLOAT
   * when one was written with a decimal point. The other cells' syntax is the consumer's to read.
   */
  readonly syntax: Uint8Array;
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
  /** Read this stream (an http(s) URL) instead of opening the file; the file name is only for messages. */
  source?: StreamSource;
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
const QUOTE = 0x22;
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
