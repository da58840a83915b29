/** One entry point for every data format: `readTable` picks the reader by option or file extension. */
import { extname } from 'node:path';
import { checkDataUrl, isHttpUrl, isUrlLike } from '../core/data-url.js';
import { InputError } from '../core/errors.js';
import { HttpFile } from './http-file.js';
import type { StreamSource } from './stream-source.js';
import { readCsv } from './csv.js';
import { readJsonl } from './jsonl.js';
import { asReadOf, regularDataFile } from './open-file.js';
import { readParquet } from './parquet.js';
import type { DataFormat, ReadOptions, Table } from './table.js';
import type { Progress } from '../core/progress.js';

const BY_EXTENSION: Readonly<Record<string, DataFormat>> = {
  '.csv': 'csv',
  '.jsonl': 'jsonl',
  '.ndjson': 'jsonl',
  '.parquet': 'parquet',
};

/**
 * The format of `file`: `.jsonl`/`.ndjson` → jsonl, `.parquet` → parquet, anything else → csv
 * (case-insensitive). For a URL, the extension of its path (a presigned URL's query is not part of it).
 */
export function formatOf(file: string): DataFormat {
  let path = file;
  if (isHttpUrl(file)) {
    try {
      path = new URL(file).pathname;
    } catch {
      /* not a valid URL: readTable says so */
    }
  }
  return BY_EXTENSION[extname(path).toLowerCase()] ?? 'csv';
}

/**
 * Reads `file` as a typed Table. A missing file is an InputError ("file not found: <path>");
 * malformed content is a DataFormatError naming file, line and column. A FIFO or pipe is read to its end
 * first (empty at once when nothing writes to it), so no input can hang the reader.
 */
export async function readTable(file: string, options: ReadOptions = {}): Promise<Table> {
  const format = options.format ?? formatOf(file);
  if (!['csv', 'jsonl', 'parquet'].includes(format))
    throw new InputError(`unknown data format ${JSON.stringify(format)}: expected csv, jsonl or parquet`);
  if (isUrlLike(file)) return readUrl(file, format, options);
  const input = await regularDataFile(file);
  try {
    const table = await readFormat(input.path, format, options.columns, options.progress);
    options.progress?.end(true);
    return input.copied ? { ...table, file } : table;
  } catch (e) {
    options.progress?.end(false);
    throw input.copied ? asReadOf(e, input.path, file) : e;
  } finally {
    await input.dispose();
  }
}

/**
 * Reads an http(s) URL (http-file.ts): CSV and JSON Lines streamed, Parquet by range requests. The table
 * and every message name the URL without its credentials ({@link redactUrl}).
 */
async function readUrl(url: string, format: DataFormat, options: ReadOptions): Promise<Table> {
  checkDataUrl(url, 'data');
  const source = new HttpFile(url, options.http);
  try {
    const table = await readFormat(source.name, format, options.columns, options.progress, source);
    options.progress?.end(true);
    options.onFetched?.({ bytes: source.bytesFetched, size: source.size, requests: source.requests });
    return table;
  } catch (e) {
    options.progress?.end(false);
    throw e;
  } finally {
    source.close();
  }
}

function readFormat(
  file: string,
  format: DataFormat,
  columns?: readonly string[],
  progress?: Progress,
  source?: StreamSource,
): Promise<Table> {
  switch (format) {
    case 'jsonl':
      return readJsonl(file, { columns, source });
    case 'parquet':
      return readParquet(file, { columns, source });
    default:
      return readCsv(file, { columns, progress, source });
  }
}
