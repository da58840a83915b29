/**
 * Builds one typed column from CSV batches (STATISTICS.md §1 rule 6). A column starts numeric and
 * stores doubles; the first non-null, non-numeric cell turns it categorical for good.
 *
 * A categorical value is the raw cell string, but cells before the flip were kept only as numbers
 * (`1.50` and `1.5` are both 1.5), and in the batch where the flip happens the tokenizer kept only the
 * value of plain numbers, not their bytes. Rather than keep every cell's text in case of a flip, the
 * builder marks rows `[0, prefixRows)` — everything up to the end of that batch — for a second pass
 * (`readCsv` re-reads just those rows of just the flipped columns, then `finishPrefix` merges).
 * A column with no number before its first text cell (the usual categorical column) needs no
 * second pass.
 */
import { ByteDictionary } from './byte-dictionary.js';
import { CELL_NULL, CELL_NUMBER, type CellKind } from './cell.js';
import { classifyCellBytes, isNullCellBytes } from './cell-bytes.js';
import {
  FIELD_ESCAPED,
  FIELD_HASHED,
  FIELD_NUMBER,
  FIELD_QUOTED,
  unquoteField,
  type CsvBatch,
} from './csv-scanner.js';
import type { Column } from './table.js';

const out = new Float64Array(1);

export class CsvColumnBuilder {
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
    this.values = new Float64Array(capacity);
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
      const values = new Float64Array(capacity);
      values.set(this.values.subarray(0, this.length));
      this.values = values;
    }
    if (this.codes && this.codes.length < capacity) {
      const codes = new Int32Array(capacity);
      codes.set(this.codes.subarray(0, this.length));
      this.codes = codes;
    }
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
        if (f === 0) kind = classifyCellBytes(bytes, starts[i], ends[i], out);
        else if (f === FIELD_QUOTED) kind = classifyCellBytes(bytes, starts[i] + 1, ends[i] - 1, out);
        else {
          const content = unquoteField(bytes, starts[i], ends[i]);
          kind = classifyCellBytes(content, 0, content.length, out);
        }
        if (kind === CELL_NUMBER) values[n++] = out[0];
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
    for (; r < rows; r++) {
      const i = base + r;
      codes[n++] = cellCode(bytes, starts[i], ends[i], flags[i], hashes[i], dictionary);
    }
    this.length = n;
  }

  /**
   * Turns categorical. Rows before `length` so far were null (-1); with `prefixRows` > 0 (the end of
   * the current batch) rows up to there wait for the re-read instead.
   */
  private toCategorical(prefixRows: number): void {
    this.prefixRows = prefixRows;
    this.codes = new Int32Array(this.values!.length).fill(-1, 0, this.length);
    this.values = undefined;
    this.length = Math.max(this.length, prefixRows);
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
    const rows = Math.min(batch.rows, this.prefixRows - batch.rowStart);
    for (let r = 0; r < rows; r++) {
      const i = base + r;
      codes[batch.rowStart + r] = cellCode(bytes, starts[i], ends[i], flags[i], hashes[i], dictionary);
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
  if (flags === FIELD_HASHED)
    return isNullCellBytes(bytes, start, end) ? -1 : dictionary.codeHashed(bytes, start, end, hash);
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
  return isNullCellBytes(src, s, e) ? -1 : dictionary.code(src, s, e);
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
  return (
    array.length - length > (length >> 4) + 1024 ? array.slice(0, length) : array.subarray(0, length)
  ) as T;
}
