/**
 * A file as a sequence of UTF-8 lines (LF or CRLF), for line-oriented formats (JSON Lines).
 * Reads in chunks, so memory stays at one chunk plus the longest line; validates UTF-8 natively and
 * reports the first bad byte as file:line:column; drops a leading BOM.
 */
import { isUtf8 } from 'node:buffer';
import { DataFormatError } from '../core/errors.js';
import { openDataFile } from './open-file.js';
import type { StreamSource } from './stream-source.js';
import { StreamChunks } from './stream-chunks.js';
import { charColumn, firstInvalidUtf8 } from './utf8.js';

const LF = 0x0a;
const CR = 0x0d;

/**
 * Calls `onLine(bytes, start, end, line)` for every line; `[start, end)` excludes the terminator
 * (LF or CRLF) and `line` is 1-based. The bytes are valid only during the call. With `source` (a data
 * URL) the lines come from its stream and `file` only names it in messages.
 */
export async function forEachLine(
  file: string,
  onLine: (bytes: Uint8Array, start: number, end: number, line: number) => void,
  chunkSize = 1 << 20,
  source?: StreamSource,
): Promise<void> {
  const handle = source ? undefined : await openDataFile(file);
  const chunks = source ? new StreamChunks(source.stream(0)) : undefined;
  try {
    let bytes = new Uint8Array(Math.max(1, chunkSize));
    let length = 0;
    let position = 0;
    let line = 1;
    let first = true;
    for (;;) {
      if (length === bytes.length) {
        const bigger = new Uint8Array(bytes.length * 2);
        bigger.set(bytes);
        bytes = bigger;
      }
      const bytesRead = chunks
        ? await chunks.fill(bytes, length, bytes.length - length)
        : (await handle!.read(bytes, length, bytes.length - length, position)).bytesRead;
      position += bytesRead;
      length += bytesRead;
      const eof = bytesRead === 0;
      if (first) {
        if (length < 3 && !eof) continue;
        first = false;
        if (length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
          bytes.copyWithin(0, 3, length);
          length -= 3;
        }
      }
      // Whole lines only (all of it at end of file); the rest waits for the next chunk.
      let end = length;
      if (!eof) {
        end = bytes.lastIndexOf(LF, length - 1) + 1;
        if (end === 0) continue;
      }
      if (!isUtf8(bytes.subarray(0, end))) failUtf8(file, bytes, end, line);
      let start = 0;
      while (start < end) {
        let stop = bytes.indexOf(LF, start);
        if (stop < 0 || stop >= end) stop = end;
        const contentEnd = stop > start && bytes[stop - 1] === CR ? stop - 1 : stop;
        onLine(bytes, start, contentEnd, line);
        line++;
        start = stop + 1;
      }
      if (eof) return;
      bytes.copyWithin(0, end, length);
      length -= end;
    }
  } finally {
    await chunks?.close();
    await handle?.close();
  }
}

function failUtf8(file: string, bytes: Uint8Array, end: number, firstLine: number): never {
  const bad = firstInvalidUtf8(bytes, 0, end);
  let line = firstLine;
  let lineStart = 0;
  for (let i = 0; i < bad; i++) {
    if (bytes[i] === LF) {
      line++;
      lineStart = i + 1;
    }
  }
  const hex = bytes[bad].toString(16).toUpperCase().padStart(2, '0');
  throw new DataFormatError(
    { file, line, column: charColumn(bytes, lineStart, bad) },
    `invalid UTF-8: byte 0x${hex} does not start a valid character`,
  );
}
