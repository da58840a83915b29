/** One entry point for every data format: `readTable` picks the reader by option or file extension. */
import { extname } from 'node:path';
import { InputError } from '../core/errors.js';
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

/** The format of `file`: `.jsonl`/`.ndjson` → jsonl, `.parquet` → parquet, anything else → csv (case-insensitive). */
export function formatOf(file: string): DataFormat {
  return BY_EXTENSION[extname(file).toLowerCase()] ?? 'csv';
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

function readFormat(
  file: string,
  format: DataFormat,
  columns?: readonly string[],
  progress?: Progress,
): Promise<Table> {
  switch (format) {
    case 'jsonl':
      return readJsonl(file, { columns });
    case 'parquet':
      return readParquet(file, { columns });
    default:
      return readCsv(file, { columns, progress });
  }
}
