/**
 * Streaming RFC 4180 tokenizer over raw bytes (docs/statistics.md §1 rules 1–2). It finds field
 * boundaries and hands them out in batches of records (`CsvBatch`), one batch per file chunk, without
 * making a string per cell: consumers classify or decode only the cells they need (`csv-column.ts`
 * builds typed columns; a streaming profile can consume batches directly and hold nothing).
 *
 * Why bytes: a profile of a 5M-row file must beat pandas' C parser, so the inner loops look at each
 * byte once: unselected fields are skipped without decoding, plain decimals in selected columns are
 * parsed while scanning (exactly, see `FIELD_NUMBER`), text cells of categorical columns are hashed
 * while scanning (`FIELD_HASHED`), and memory stays at one reusable chunk plus the batch index,
 * whatever the file size.
 *
 * Dialect decisions, where RFC 4180 is silent, follow Python's `csv` module (and pandas' C parser):
 * - a `"` inside an unquoted field is an ordinary character (`ab"c` → `ab"c`);
 * - bytes after a closing quote are appended to the field (`"ab"c` → `abc`);
 * - a lone CR is data (only LF and CRLF end a record, as the contract says);
 * - a quoted field still open at end of file is an error (Python would silently end it).
 * UTF-8 is validated for the whole file, selected or not, natively per chunk. Errors report the
 * first problem in file order as file:line:column (1-based, column in characters).
 */
import type { FileHandle } from 'node:fs/promises';
import type { CsvScanOptions, CsvScanSummary, CsvVisitor } from './csv-fields.js';
import { ChunkLoop } from './csv-chunk-loop.js';
import { Tokenizer } from './csv-tokenizer.js';
import { openDataFile } from './open-file.js';
import type { StreamSource } from './stream-source.js';
import { StreamChunks } from './stream-chunks.js';

/*
 * Field flags (csv-fields.ts):
 * - FIELD_QUOTED: the field began with `"`; without FIELD_ESCAPED its content is `[start + 1, end − 1)`.
 * - FIELD_ESCAPED: a quoted field with `""` pairs or bytes after the closing quote; decode with
 *   `unquoteField`.
 * - FIELD_NUMBER (alone): an unquoted plain decimal (`[+-]digits[.digits]`, ≤ 9 + 9 digits, no blanks)
 *   that the tokenizer already parsed into `numbers[i]`, exactly `Number(cell)`. `starts`/`ends` are not
 *   set for such a cell.
 * - FIELD_HASHED (alone): an unquoted cell of a `textOnly` column whose FNV-1a hash is `hashes[i]`.
 * `decodeField(bytes, start, end, flags)`: the cell string of a raw field (quotes removed, `""` → `"`,
 * anything after the closing quote appended: Python `csv` semantics). `unquoteField(bytes, start, end)`:
 * the content bytes of an escaped quoted field, in a shared buffer valid until the next call.
 */
export {
  FIELD_ESCAPED,
  FIELD_HASHED,
  FIELD_NUMBER,
  FIELD_QUOTED,
  decodeField,
  unquoteField,
} from './csv-fields.js';
export type { CsvBatch, CsvHeader, CsvScanOptions, CsvScanSummary, CsvVisitor } from './csv-fields.js';

const DEFAULT_CHUNK = 1 << 20;

/** Tokenizes `file`, calling the visitor with the header and then batches of records. */
export async function scanCsv(
  file: string,
  visitor: CsvVisitor,
  options: CsvScanOptions = {},
): Promise<CsvScanSummary> {
  if (options.source) {
    const tokenizer = new Tokenizer(file, visitor, options, options.source.size ?? 0);
    await feedStream(options.source, tokenizer, options.chunkSize);
    return tokenizer.summary();
  }
  const handle = await openDataFile(file);
  try {
    const fileSize = (await handle.stat()).size;
    const tokenizer = new Tokenizer(file, visitor, options, fileSize);
    await feed(handle, tokenizer, 0, Infinity, options.chunkSize);
    return tokenizer.summary();
  } finally {
    await handle.close();
  }
}

/**
 * Runs `tokenizer` over bytes `[from, to)` of the file (`from` > 0: a record boundary, no BOM there), read
 * in chunks with one read always in flight.
 */
export async function feed(
  handle: FileHandle,
  tokenizer: Tokenizer,
  from: number,
  to: number,
  chunkSize = DEFAULT_CHUNK,
): Promise<void> {
  const size = Math.max(1, chunkSize);
  const loop = new ChunkLoop(tokenizer, size, from > 0);
  const reader = new ReadAhead(handle, size, from, to);
  try {
    for (;;) {
      let bytesRead = 0;
      if (!loop.eof) {
        const at = loop.room();
        bytesRead = await reader.next(loop.bytes, at);
      }
      if (loop.advance(bytesRead)) break;
    }
  } finally {
    await reader.close();
  }
}

/**
 * Runs `tokenizer` over a stream (a data URL) from its start: chunks of `chunkSize` bytes as they arrive,
 * so memory stays at a chunk plus the longest record whatever the size; stops the transfer as soon as the
 * tokenizer is done (a row limit).
 */
async function feedStream(
  source: StreamSource,
  tokenizer: Tokenizer,
  chunkSize = DEFAULT_CHUNK,
): Promise<void> {
  const size = Math.max(1, chunkSize);
  const loop = new ChunkLoop(tokenizer, size, false);
  const chunks = new StreamChunks(source.stream(0));
  try {
    for (;;) {
      let bytesRead = 0;
      if (!loop.eof) {
        bytesRead = await chunks.fill(loop.bytes, loop.room(), size);
        if (source.size !== undefined) tokenizer.fileSize = source.size;
      }
      if (loop.advance(bytesRead)) break;
    }
  } finally {
    await chunks.close();
  }
}

/**
 * Sequential chunks of a file with one read always in flight, so the copy from the page cache (in
 * libuv's thread pool) overlaps tokenizing on the main thread.
 */
class ReadAhead {
  private spare: Uint8Array;
  private pending: Promise<number> | undefined;

  constructor(
    private readonly handle: FileHandle,
    chunkSize: number,
    private position: number,
    private readonly end: number,
  ) {
    this.spare = new Uint8Array(chunkSize);
    this.pending = this.read();
  }

  private read(): Promise<number> {
    const length = Math.min(this.spare.length, this.end - this.position);
    if (length <= 0) return Promise.resolve(0);
    return this.handle.read(this.spare, 0, length, this.position).then(({ bytesRead }) => {
      this.position += bytesRead;
      return bytesRead;
    });
  }

  /** Copies the next chunk to `target` at `offset` (the caller leaves room for a whole chunk); 0 at end of file. */
  async next(target: Uint8Array, offset: number): Promise<number> {
    const n = await this.pending!;
    this.pending = undefined;
    if (n === 0) return 0;
    target.set(n === this.spare.length ? this.spare : this.spare.subarray(0, n), offset);
    this.pending = this.read();
    return n;
  }

  /** Waits for a read still in flight so the file can be closed safely. */
  async close(): Promise<void> {
    await this.pending?.catch(() => 0);
  }
}
