/** One entry point for every data format: `readTable` picks the reader by option or file extension. */
import { stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { InputError } from '../core/errors.js';
import { readCsv } from './csv.js';
import { readJsonl } from './jsonl.js';
import { readParquet } from './parquet.js';
import type { DataFormat, ReadOptions, Table } from './table.js';

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
 * malformed content is a DataFormatError naming file, line and column.
 */
export async function readTable(file: string, options: ReadOptions = {}): Promise<Table> {
  try {
    await stat(file);
  } catch {
    throw new InputError(`file not found: ${file}`);
  }
  const format = options.format ?? formatOf(file);
  const columns = options.columns;
  switch (format) {
    case 'csv':
      return readCsv(file, { columns });
    case 'jsonl':
      return readJsonl(file, { columns });
    case 'parquet':
      return readParquet(file, { columns });
    default:
      throw new InputError(`unknown data format ${JSON.stringify(format)}: expected csv, jsonl or parquet`);
  }
}
