/**
 * `readParquet`: a Parquet file as a typed `Table`, through hyparquet (pure JS; uncompressed and
 * Snappy pages — other codecs are a DataFormatError).
 *
 * Typing comes from the schema, not the values: a Parquet column declares its type, so two files
 * with the same schema always type alike (a drift check compares such pairs), even when one of them
 * holds only nulls. Numeric: physical INT32/INT64/FLOAT/DOUBLE without a date/time annotation, and
 * DECIMAL/FLOAT16; INT64 values become the nearest double. A double NaN is a null, as in every
 * `Table`. Everything else is categorical: strings as stored (no CSV null tokens: "NA" is a value),
 * booleans as "true"/"false", DATE as YYYY-MM-DD, timestamps as ISO 8601 (UTC).
 * Only flat top-level columns are supported; selecting a nested (struct/list) column is an error.
 * Only the selected columns' chunks are read from disk.
 */
import type { FileHandle } from 'node:fs/promises';
import {
  parquetMetadataAsync,
  parquetRead,
  parquetSchema,
  type AsyncBuffer,
  type SchemaElement,
  type SchemaTree,
} from 'hyparquet';
import { DataFormatError, ModelCiError } from '../core/errors.js';
import { SYNTAX_FLOAT } from './number-syntax.js';
import { openDataFile } from './open-file.js';
import { selectColumns } from './select-columns.js';
import { PARQUET_TAIL_BYTES, type StreamSource } from './stream-source.js';
import type { Column, Table } from './table.js';

export interface ParquetReadOptions {
  /** Read only these columns; unknown names are an InputError listing the columns. */
  columns?: readonly string[];
  /** Read through this source's random access (an http(s) URL) instead of the file; `file` names it. */
  source?: StreamSource;
}

const MAGIC = [0x50, 0x41, 0x52, 0x31]; // "PAR1"

export async function readParquet(file: string, options: ParquetReadOptions = {}): Promise<Table> {
  if (options.source) return readParquetBuffer(file, await options.source.asyncBuffer(), options);
  const handle = await openDataFile(file);
  try {
    const size = (await handle.stat()).size;
    return await readParquetBuffer(file, fileBuffer(handle, size), options);
  } finally {
    await handle.close();
  }
}

/**
 * Reads a Parquet file from random-access bytes: the footer, then the selected columns' chunks only
 * (hyparquet plans and coalesces the byte ranges; over HTTP each is one Range request).
 */
async function readParquetBuffer(
  file: string,
  buffer: AsyncBuffer,
  options: ParquetReadOptions,
): Promise<Table> {
  await checkMagic(file, buffer);
  const metadata = await wrap(file, 'metadata', () =>
    parquetMetadataAsync(buffer, { initialFetchSize: PARQUET_TAIL_BYTES }),
  );
  const fields = parquetSchema(metadata).children;
  const header = fields.map((f) => f.element.name);
  const selected = selectColumns(file, header, options.columns);
  const rows = Number(metadata.num_rows);
  const builders = selected.map((i) => newBuilder(file, fields[i], rows));
  const byName = new Map(builders.map((b) => [b.name, b]));
  if (builders.length > 0 && rows > 0) {
    await wrap(file, 'data', () =>
      parquetRead({
        file: buffer,
        metadata,
        columns: builders.map((b) => b.name),
        onChunk({ columnName, columnData, rowStart }) {
          byName.get(columnName)?.fill(columnData, rowStart);
        },
      }),
    );
  }
  return { file, rows, header, columns: builders.map((b) => b.finish()) };
}

async function checkMagic(file: string, buffer: AsyncBuffer): Promise<void> {
  const size = buffer.byteLength;
  let head = new Uint8Array(4);
  let tail = new Uint8Array(4);
  if (size >= 12) {
    // The tail first: over HTTP it is already in hand (the footer request), the head is 4 bytes more.
    tail = new Uint8Array(await wrap(file, 'file', async () => buffer.slice(size - 4, size)));
    head = new Uint8Array(await wrap(file, 'file', async () => buffer.slice(0, 4)));
  }
  if (!MAGIC.every((b, i) => head[i] === b && tail[i] === b)) {
    throw new DataFormatError({ file }, 'not a Parquet file: no "PAR1" magic number at its start and end');
  }
}

/** An AsyncBuffer over an open file: hyparquet reads the footer and then only the chunks it needs. */
function fileBuffer(handle: FileHandle, size: number): AsyncBuffer {
  return {
    byteLength: size,
    async slice(start: number, end = size): Promise<ArrayBuffer> {
      const bytes = new Uint8Array(end - start);
      let done = 0;
      while (done < bytes.length) {
        const { bytesRead } = await handle.read(bytes, done, bytes.length - done, start + done);
        if (bytesRead === 0) break;
        done += bytesRead;
      }
      return bytes.buffer;
    },
  };
}

/** Runs a hyparquet call, turning its plain Errors into a DataFormatError naming the file. */
async function wrap<T>(file: string, what: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof ModelCiError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    throw new DataFormatError({ file }, `cannot read the Parquet ${what}: ${message}`);
  }
}

const TEMPORAL = new Set([
  'DATE',
  'TIME_MILLIS',
  'TIME_MICROS',
  'TIMESTAMP_MILLIS',
  'TIMESTAMP_MICROS',
  'INTERVAL',
]);

/** Whether a flat column's values are numbers (see the module comment). */
export function isNumericElement(element: SchemaElement): boolean {
  const logical = element.logical_type?.type;
  if (element.converted_type === 'DECIMAL' || logical === 'DECIMAL' || logical === 'FLOAT16') return true;
  if (
    element.type !== 'INT32' &&
    element.type !== 'INT64' &&
    element.type !== 'FLOAT' &&
    element.type !== 'DOUBLE'
  )
    return false;
  if (element.converted_type !== undefined && TEMPORAL.has(element.converted_type)) return false;
  return logical !== 'DATE' && logical !== 'TIME' && logical !== 'TIMESTAMP';
}

interface Builder {
  name: string;
  fill(values: ArrayLike<unknown>, rowStart: number): void;
  finish(): Column;
}

function newBuilder(file: string, field: SchemaTree, rows: number): Builder {
  const { element } = field;
  if (field.children.length > 0 || element.repetition_type === 'REPEATED') {
    throw new DataFormatError(
      { file },
      `column ${JSON.stringify(element.name)} is nested (a struct or list); only flat columns can be read`,
    );
  }
  const name = element.name;
  if (isNumericElement(element)) {
    const values = new Float64Array(rows).fill(NaN);
    // The schema is the file's "text": pandas reads a FLOAT/DOUBLE (or DECIMAL, FLOAT16) column as
    // floats even when every value is whole, an integer column as int64 (float64 with nulls).
    const integer =
      (element.type === 'INT32' || element.type === 'INT64') && element.converted_type !== 'DECIMAL';
    const syntax = integer && element.logical_type?.type !== 'DECIMAL' ? 0 : SYNTAX_FLOAT;
    return {
      name,
      fill(data, rowStart) {
        for (let i = 0; i < data.length; i++) {
          const v = data[i];
          values[rowStart + i] = typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : NaN;
        }
      },
      finish: () => ({ name, type: 'numeric', values, syntax }),
    };
  }
  const codes = new Int32Array(rows).fill(-1);
  const dictionary: string[] = [];
  const index = new Map<string, number>();
  const isDate = element.converted_type === 'DATE' || element.logical_type?.type === 'DATE';
  return {
    name,
    fill(data, rowStart) {
      for (let i = 0; i < data.length; i++) {
        const v = data[i];
        if (v === null || v === undefined) continue;
        const text = cellText(v, isDate);
        let code = index.get(text);
        if (code === undefined) {
          code = dictionary.length;
          dictionary.push(text);
          index.set(text, code);
        }
        codes[rowStart + i] = code;
      }
    },
    finish: () => ({ name, type: 'categorical', codes, dictionary: firstSeenOrder(codes, dictionary) }),
  };
}

/**
 * Row groups arrive in whatever order hyparquet decodes them, so codes were handed out in arrival order;
 * renumber them in row order (the order a CSV read gives), so the same file always gives the same table.
 */
function firstSeenOrder(codes: Int32Array, dictionary: string[]): string[] {
  const remap = new Int32Array(dictionary.length).fill(-1);
  const ordered: string[] = [];
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i];
    if (c < 0) continue;
    if (remap[c] < 0) {
      remap[c] = ordered.length;
      ordered.push(dictionary[c]);
    }
    codes[i] = remap[c];
  }
  return ordered;
}

function cellText(v: unknown, isDate: boolean): string {
  if (typeof v === 'string') return v;
  if (v instanceof Date) return isDate ? v.toISOString().slice(0, 10) : v.toISOString();
  if (v instanceof Uint8Array) return Array.from(v, (b) => b.toString(16).padStart(2, '0')).join('');
  if (typeof v === 'object')
    return JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? x.toString() : x));
  return String(v);
}
