/**
 * Feeding the tokenizer (csv-tokenizer.ts) from a byte stream read in chunks: `scanCsv` (csv-scanner.ts)
 * reads them asynchronously on the main thread, the parallel reader's worker (csv-range.ts) synchronously.
 */
import { isUtf8 } from 'node:buffer';
import type { Tokenizer } from './csv-tokenizer.js';
import { firstInvalidUtf8, utf8Boundary } from './utf8.js';

/**
 * Feeds a tokenizer from a byte stream read in chunks by the caller (asynchronously on the main thread,
 * synchronously in a worker): `room()` says where the next chunk goes, `advance(n)` takes it (n = 0 at
 * the end of the input), tokenizes the complete records and returns true when the tokenizer is done.
 * One buffer holds the unconsumed tail plus a chunk, and one byte past the data for the sentinel.
 * UTF-8 is validated chunk by chunk (natively); a leading BOM is skipped unless `atRecord` (the input
 * starts in the middle of a file, at a record boundary).
 */
export class ChunkLoop {
  bytes: Uint8Array;
  eof = false;
  private length = 0;
  private position = 0;
  private start: number;
  private validEnd = 0;

  constructor(
    readonly tokenizer: Tokenizer,
    private readonly chunkSize: number,
    atRecord = false,
  ) {
    // A plain Uint8Array (not a Buffer) keeps byte access in the hot loops monomorphic.
    this.bytes = new Uint8Array(2 * chunkSize + 1);
    this.start = atRecord ? 0 : -1; // -1 until the BOM check
  }

  /** Offset in `bytes` where the next chunk (up to `chunkSize` bytes) must be written. */
  room(): number {
    if (this.length + this.chunkSize + 1 > this.bytes.length) {
      // A long record is still incomplete: make room for it and the next chunk.
      const bigger = new Uint8Array(2 * (this.length + this.chunkSize) + 1);
      bigger.set(this.bytes.subarray(0, this.length));
      this.bytes = bigger;
    }
    return this.length;
  }

  /** Takes `bytesRead` bytes written at `room()` (ignored once at the end); true when finished. */
  advance(bytesRead: number): boolean {
    const bytes = this.bytes;
    if (!this.eof) {
      if (bytesRead === 0) this.eof = true;
      this.length += bytesRead;
      this.position += bytesRead;
    }
    const { length, eof } = this;
    if (this.start < 0) {
      if (length < 3 && !eof) return false;
      this.start = length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
      this.validEnd = this.start;
    }
    let limit = eof ? length : utf8Boundary(bytes, this.start, length);
    let bad = -1;
    if (this.validEnd < limit && !isUtf8(bytes.subarray(this.validEnd, limit))) {
      bad = firstInvalidUtf8(bytes, this.validEnd, limit);
      limit = bad;
    }
    this.validEnd = limit;
    const tokenizer = this.tokenizer;
    tokenizer.bytesDone = this.position - (length - limit);
    const consumed = tokenizer.tokenize(bytes, this.start, limit, eof && bad < 0);
    if (bad >= 0) tokenizer.failInvalidUtf8(bytes, consumed, bad);
    if (tokenizer.finished) return true;
    bytes.copyWithin(0, consumed, length);
    this.length -= consumed;
    this.validEnd -= consumed;
    this.start = 0;
    return false;
  }
}
