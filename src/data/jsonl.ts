/**
 * `readJsonl`: a JSON Lines file (one JSON object per line) as a typed `Table`.
 *
 * Typing, chosen so a JSONL file and the CSV with the same cells type alike (docs/statistics.md §1):
 * - a JSON number is a numeric cell; JSON `null` and a missing key are null cells;
 * - a JSON string is a raw CSV cell: null tokens ("NA", "", …) are null, numeric tokens ("3.5",
 *   " 1e3 ", "inf") are numbers; anything else makes the column categorical;
 * - `true`/`false` are the categorical values "true"/"false";
 * - a nested object or array is a DataFormatError naming line and key (flatten the data first):
 *   stringifying it would invent category values nobody asked for.
 * A column is numeric iff every non-null cell is numeric. In a categorical column a JSON number's
 * value is its shortest JS string (`1.0` → "1"), since JSON.parse keeps no source text; a numeric
 * string keeps its raw text. The header is the union of keys in order of first appearance; blank
 * lines are skipped.
 */
import { DataFormatError } from '../core/errors.js';
import { CELL_NULL, CELL_NUMBER, classifyCell } from './cell.js';
import { findJsonSyntaxError } from '../core/json-syntax.js';
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
        builder.set(rows, record[key], () => nestedError(file, text, line, key));
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
  return value as Record<string, unknown>;
}

function nestedError(file: string, text: string, line: number, key: string): never {
  const at = text.indexOf(JSON.stringify(key));
  const column = at < 0 ? undefined : [...text.slice(0, at)].length + 1;
  throw new DataFormatError(
    { file, line, column },
    `key ${JSON.stringify(key)}: nested objects and arrays are not supported (flatten them into columns)`,
  );
}

const out = new Float64Array(1);

/**
 * One column under construction. Numeric until a non-numeric cell arrives; the raw text of numeric
 * strings is kept on the side (usually empty) so the switch to categorical loses nothing.
 */
class JsonColumnBuilder {
  private length = 0;
  private values: Float64Array | undefined = new Float64Array(16);
  /** Row → raw string, for string cells that were numeric tokens. */
  private numericText = new Map<number, string>();
  private cells: (string | null)[] | undefined;

  constructor(readonly name: string) {}

  /** Sets row `row` (rows in between are null). */
  set(row: number, value: unknown, nested: () => never): void {
    this.padTo(row);
    let number: number | undefined;
    let text: string | null = null;
    if (value === null || value === undefined) number = NaN;
    else if (typeof value === 'number') number = value;
    else if (typeof value === 'string') {
      const kind = classifyCell(value, out);
      if (kind === CELL_NULL) number = NaN;
      else if (kind === CELL_NUMBER) {
        number = out[0];
        if (this.values) this.numericText.set(row, value);
      }
      text = kind === CELL_NULL ? null : value;
    } else if (typeof value === 'boolean') text = String(value);
    else nested();

    if (this.values && number === undefined) this.toCategorical();
    if (this.values) {
      if (this.length === this.values.length) {
        const bigger = new Float64Array(this.length * 2);
        bigger.set(this.values);
        this.values = bigger;
      }
      this.values[this.length++] = number!;
    } else {
      this.cells!.push(text ?? (typeof value === 'number' ? String(value) : null));
      this.length++;
    }
  }

  private padTo(row: number): void {
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

  private toCategorical(): void {
    const values = this.values!;
    this.cells = Array.from({ length: this.length }, (_, r) => {
      const v = values[r];
      return Number.isNaN(v) ? null : (this.numericText.get(r) ?? String(v));
    });
    this.values = undefined;
    this.numericText.clear();
  }

  finish(rows: number): Column {
    this.padTo(rows);
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
    return { name: this.name, type: 'categorical', codes, dictionary };
  }
}
