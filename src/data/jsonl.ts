/**
 * `readJsonl`: a JSON Lines file (one JSON object per line) as a typed `Table`.
 *
 * Typing follows `pandas.read_json(path, lines=True)` (its default `dtype=True` conversions; checked against
 * pandas by test/fixtures/data/gen_jsonl_dtypes.py), not the CSV cell rules:
 * - JSON `null` and a missing key are null;
 * - a column whose values are all booleans (and never null) is `bool`: the categorical values
 *   "true"/"false";
 * - a column is numeric when every non-null value converts with Python's `float()`, as pandas'
 *   `astype("float64")` does: JSON numbers, booleans (1/0: booleans beside a null become float64, as in
 *   pandas), and strings such as "2", " 1e3 ", "inf", "nan" ("nan" is a null value) — its dtype then
 *   follows the values (whole numbers without nulls are int64, else float64; column-dtype.ts);
 * - otherwise the column is `object` (categorical): strings stay as written ("NA" and "" are strings,
 *   not nulls), JSON numbers are their shortest JS string (`1.0` → "1": JSON.parse keeps no source
 *   text), booleans "true"/"false", nested objects and arrays their compact JSON text.
 * The header is the union of keys in order of first appearance; blank lines are skipped. pandas also
 * turns columns with date-like names into datetimes (`convert_dates`); here a text column is a datetime
 * column by its values, as in CSV (data/datetime-column.ts).
 */
import { DataFormatError } from '../core/errors.js';
import { findJsonSyntaxError } from '../core/json-syntax.js';
import { jsonTooDeepAt, MAX_NESTING } from '../core/nesting.js';
import { forEachLine } from './lines.js';
import type { StreamSource } from './stream-source.js';
import { selectColumns } from './select-columns.js';
import type { Column, Table } from './table.js';

export interface JsonlReadOptions {
  /** Read only these columns; unknown names (not a key on any line) are an InputError. */
  columns?: readonly string[];
  /** Read size in bytes; mainly for tests of chunk boundaries. */
  chunkSize?: number;
  /** Read this stream (an http(s) URL) instead of the file; `file` names it in messages. */
  source?: StreamSource;
}

const decoder = new TextDecoder('utf-8');

export async function readJsonl(file: string, options: JsonlReadOptions = {}): Promise<Table> {
  const header: string[] = [];
  const known = new Set<string>();
  const wanted = options.columns ? new Set(options.columns) : undefined;
  const builders = new Map<string, JsonColumnBuilder>();
  let rows = 0;

  await forEachLine(
    file,
    (bytes, start, end, line) => {
      if (isBlank(bytes, start, end)) return;
      const text = decoder.decode(bytes.subarray(start, end));
      const record = parseLine(file, text, line);
      for (const key of Object.keys(record)) {
        if (!known.has(key)) {
          known.add(key);
          header.push(key);
        }
        if (wanted && !wanted.has(key)) continue;
        let builder = builders.get(key);
        if (!builder) builders.set(key, (builder = new JsonColumnBuilder(key)));
        builder.set(rows, record[key]);
      }
      rows++;
    },
    options.chunkSize,
    options.source,
  );

  const selected = selectColumns(file, header, options.columns);
  const columns = selected.map((i) =>
    (builders.get(header[i]) ?? new JsonColumnBuilder(header[i])).finish(rows),
  );
  return { file, rows, header, columns };
}

function isBlank(bytes: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = bytes[i];
    if (c !== 0x20 && c !== 0x09 && c !== 0x0d) return false;
  }
  return true;
}

function parseLine(file: string, text: string, line: number): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    const index = findJsonSyntaxError(text)?.offset ?? 0;
    const column = [...text.slice(0, index)].length + 1;
    const what =
      index >= text.length
        ? 'unexpected end of line'
        : `unexpected ${JSON.stringify(String.fromCodePoint(text.codePointAt(index)!))}`;
    throw new DataFormatError({ file, line, column }, `invalid JSON: ${what}`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    const kind = value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`;
    throw new DataFormatError({ file, line, column: 1 }, `expected a JSON object, got ${kind}`);
  }
  // Nested values become text (JSON.stringify recurses): refuse hostile depth as every JSON reader does.
  // Scanned only for lines holding a nested value, so flat files pay nothing.
  const record = value as Record<string, unknown>;
  for (const key in record) {
    const v = record[key];
    if (v === null || typeof v !== 'object') continue;
    const deep = jsonTooDeepAt(text);
    if (deep >= 0) {
      const column = [...text.slice(0, deep)].length + 1;
      throw new DataFormatError(
        { file, line, column },
        `invalid JSON: nested deeper than ${MAX_NESTING} levels`,
      );
    }
    break;
  }
  return record;
}

// Python's float(): surrounding whitespace, `_` between digits, inf/infinity/nan in any case.
const PY_FLOAT =
  /^[+-]?(?:[0-9](?:_?[0-9])*(?:\.(?:[0-9](?:_?[0-9])*)?)?|\.[0-9](?:_?[0-9])*)(?:[eE][+-]?[0-9](?:_?[0-9])*)?$/;
const PY_SPECIAL = /^([+-]?)(inf|infinity|nan)$/i;

/** Python's `float(s)` for a string, or undefined where it raises ValueError. */
export function pythonFloat(s: string): number | undefined {
  const t = s.trim();
  if (PY_FLOAT.test(t)) return Number(t.includes('_') ? t.replace(/_/g, '') : t);
  const m = PY_SPECIAL.exec(t);
  if (!m) return undefined;
  if (m[2].toLowerCase() === 'nan') return NaN;
  return m[1] === '-' ? -Infinity : Infinity;
}

/**
 * One column under construction. Numeric (Python-float view of every value) until a value does not
 * convert; the text of strings and booleans is kept on the side (a Map, usually small) so the switch to
 * text loses nothing.
 */
class JsonColumnBuilder {
  private length = 0;
  private values: Float64Array | undefined = new Float64Array(16);
  /** Row → text, for strings and booleans while the column is numeric. */
  private texts = new Map<number, string>();
  private cells: (string | null)[] | undefined;
  /** Every non-null value so far is a boolean, and none is null. */
  private onlyBools = true;
  private sawValue = false;

  constructor(readonly name: string) {}

  /** Sets row `row` (rows in between are null). */
  set(row: number, value: unknown): void {
    this.padTo(row);
    let number: number | undefined;
    let text: string | null = null;
    if (value === null || value === undefined) {
      number = NaN;
      this.onlyBools = false;
    } else {
      this.sawValue = true;
      if (typeof value === 'number') {
        number = value;
        this.onlyBools = false;
      } else if (typeof value === 'boolean') {
        number = value ? 1 : 0;
        text = String(value);
      } else {
        this.onlyBools = false;
        if (typeof value === 'string') {
          number = pythonFloat(value);
          text = value;
        } else text = JSON.stringify(value); // nested object or array: object dtype
      }
    }
    if (this.values && number === undefined) this.toText();
    if (this.values) {
      if (this.length === this.values.length) {
        const bigger = new Float64Array(this.length * 2);
        bigger.set(this.values);
        this.values = bigger;
      }
      if (text !== null) this.texts.set(this.length, text);
      this.values[this.length++] = number!;
    } else {
      this.cells!.push(text ?? (typeof value === 'number' ? String(value) : null));
      this.length++;
    }
  }

  private padTo(row: number): void {
    if (this.length < row) this.onlyBools = false;
    while (this.length < row) {
      if (this.values) {
        if (this.length === this.values.length) {
          const bigger = new Float64Array(Math.max(row, this.length * 2));
          bigger.set(this.values);
          this.values = bigger;
        }
        this.values[this.length++] = NaN;
      } else {
        this.cells!.push(null);
        this.length++;
      }
    }
  }

  private toText(): void {
    const values = this.values!;
    this.cells = Array.from({ length: this.length }, (_, r) => {
      const text = this.texts.get(r);
      if (text !== undefined) return text;
      const v = values[r];
      return Number.isNaN(v) ? null : String(v);
    });
    this.values = undefined;
    this.texts.clear();
  }

  finish(rows: number): Column {
    this.padTo(rows);
    // Booleans only, never null: pandas' bool dtype, kept as the categorical values "true"/"false".
    const bool = this.values !== undefined && this.onlyBools && this.sawValue;
    if (bool) this.toText();
    if (this.values) return { name: this.name, type: 'numeric', values: this.values.slice(0, rows) };
    const dictionary: string[] = [];
    const index = new Map<string, number>();
    const codes = new Int32Array(rows);
    this.cells!.forEach((cell, r) => {
      if (cell === null) {
        codes[r] = -1;
        return;
      }
      let code = index.get(cell);
      if (code === undefined) {
        code = dictionary.length;
        dictionary.push(cell);
        index.set(cell, code);
      }
      codes[r] = code;
    });
    return { name: this.name, type: 'categorical', codes, dictionary, textDtype: bool ? 'bool' : 'object' };
  }
}
