/**
 * Builds one typed column from CSV batches (docs/statistics.md §1 rule 6). A column starts numeric and
 * stores doubles; the first non-null, non-numeric cell turns it categorical for good.
 *
 * A categorical value is the raw cell string, but cells before the flip were kept only as numbers
 * (`1.50` and `1.5` are both 1.5), and in the batch where the flip happens the tokenizer kept only the
 * value of plain numbers, not their bytes. Rather than keep every cell's text in case of a flip, the
 * builder marks rows `[0, prefixRows)` — everything up to the end of that batch — for a second pass
 * (`readCsv` re-reads just those rows of just the flipped columns, then `finishPrefix` merges).
 * A column with no number before its first text cell (the usual categorical column) needs no
 * second pass.
 *
 * A numeric column also records how its numbers were written (number-syntax.ts), from which the dtype
 * pandas would read follows: the tokenizer flags the decimal points of the cells it parses, the builder
 * looks at the text of the others.
 *
 * Numeric storage is on shared memory, so that a profile can sort columns on a worker thread without
 * copying them (stats/parallel-sort.ts). Used on both threads of a parallel read (csv-worker.ts).
 */
import { ByteDictionary } from './byte-dictionary.js';
import { CELL_NULL, CELL_NUMBER } from './cell.js';
import { classifyCellBytes } from './cell-bytes.js';
import {
  FIELD_ESCAPED,
  FIELD_HASHED,
  FIELD_NUMBER,
  FIELD_QUOTED,
  unquoteField,
  type CsvBatch,
} from './csv-fields.js';
import {
  INT64_SAFE,
  SYNTAX_ABOVE_INT64,
  SYNTAX_FLOAT,
  SYNTAX_NEGATIVE,
  numberSyntaxBytes,
} from './number-syntax.js';
import type { Column } from './table.js';

const { max, min } = Math;
const SPACE = 0x20;
const TAB = 0x09;
const cellValue = new Float64Array(1);

export class CsvColumnBuilder {
  length = 0;
  /** Rows `[0, prefixRows)` of a categorical column still need their codes from a re-read; 0 while numeric. */
  prefixRows = 0;
  private values: Float64Array | undefined;
  /** How the numbers so far were written: number-syntax.ts flags. */
  private syntax = 0;
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
  appendMoved(rows: number, storage: Float64Array, syntax = 0): void {
    this.syntax |= syntax;
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
      let syntax = this.syntax | batch.syntax[k];
      if (batch.unparsed[k] === 0) {
        // The tokenizer parsed every cell: one block copy.
        values.set(numbers.subarray(base, base + rows), n);
        this.length = n + rows;
        this.syntax = syntax;
        return;
      }
      for (; r < rows; r++) {
        const i = base + r;
        const f = flags[i];
        if (f === FIELD_NUMBER) {
          values[n++] = numbers[i];
          continue;
        }
        let src = bytes;
        let s = starts[i];
        let e = ends[i];
        if (f === FIELD_QUOTED) {
          s++;
          e--;
        } else if (f !== 0) {
          src = unquoteField(bytes, s, e);
          s = 0;
          e = src.length;
        }
        const kind = classifyCellBytes(src, s, e, cellValue);
        if (kind === CELL_NUMBER) {
          const v = cellValue[0];
          values[n++] = v;
          // The text matters until a float cell is seen, and for numbers near or beyond the int64 range.
          if ((syntax & SYNTAX_FLOAT) === 0 || !(v > -INT64_SAFE && v < INT64_SAFE))
            syntax |= trimmedSyntax(src, s, e, v);
        } else if (kind === CELL_NULL) values[n++] = NaN;
        else break;
      }
      this.length = n;
      this.syntax = syntax;
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
      const next = dictionary.codesHashed(bytes, starts, ends, hashes, flags, FIELD_HASHED, i, end, codes, n);
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
        this.syntax |= rest.syntax ?? 0;
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
    if (this.values) {
      const values = fit(this.values, this.length);
      let syntax = this.syntax;
      // A minus sign matters only beside integers above int64; the tokenizer does not record it.
      if (syntax & SYNTAX_ABOVE_INT64 && hasSignBit(values)) syntax |= SYNTAX_NEGATIVE;
      return { name: this.name, type: 'numeric', values, syntax };
    }
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

/** number-syntax.ts flags of the numeric token `bytes[start, end)`, blanks around it trimmed. */
function trimmedSyntax(bytes: Uint8Array, start: number, end: number, value: number): number {
  let s = start;
  let e = end;
  while (s < e && (bytes[s] === SPACE || bytes[s] === TAB)) s++;
  while (e > s && (bytes[e - 1] === SPACE || bytes[e - 1] === TAB)) e--;
  return numberSyntaxBytes(bytes, s, e, value);
}

/** True if a value of `values` is negative (−0 and −∞ included; NaN is a null). */
function hasSignBit(values: Float64Array): boolean {
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v < 0 || Object.is(v, -0)) return true;
  }
  return false;
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
