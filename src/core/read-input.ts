/**
 * Reading the files a command is given without ever hanging and without an engine's raw message.
 *
 * Every input is opened non-blocking: opening a FIFO blocks until a writer appears, so a plain `open` of a
 * named pipe that nobody writes to would hang the step forever. Opened non-blocking, a FIFO without a
 * writer reads as an empty input at once; a FIFO or pipe with a writer is read as a stream until the
 * writer closes it. Devices are refused (`/dev/zero` never ends, a terminal waits for a person), except
 * ones that are empty at once (`/dev/null`). Documents are bounded in size, since a JSON or YAML text has
 * to fit into one string.
 */
import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';
import { InputError } from './errors.js';
import { fsReason } from './file-guard.js';

/** The largest JSON or YAML document (configuration, suite, rules, model.json, golden file...) read. */
export const MAX_DOCUMENT_BYTES = 256 * 1024 * 1024;

/**
 * The most model bytes (model.json's shards together, an ONNX file and its external data) read: ONNX's
 * protobuf and the WebAssembly runtimes' 32-bit memory cannot hold more.
 */
export const MAX_MODEL_BYTES = 2 * 1024 * 1024 * 1024;

/** How a path that is not a plain file is described in messages. */
export function fileKind(stats: Stats): string {
  if (stats.isDirectory()) return 'a folder';
  if (stats.isFIFO()) return 'a named pipe';
  if (stats.isSocket()) return 'a socket';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  return 'not a regular file';
}

/** What to call the file in messages: `configuration file`, `rules file`, `suite`, `file`. */
export interface ReadInputOptions {
  what?: string;
  /** Refuse files larger than this many bytes (default {@link MAX_DOCUMENT_BYTES}). */
  maxBytes?: number;
  /** How `file` is shown in messages (default `file` itself). */
  shown?: string;
}

/** A one-line InputError for a failed open or read of an input. */
export function readError(error: unknown, what: string, shown: string): InputError {
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT') return new InputError(`${what} not found: ${shown}`);
  if (code === 'ENXIO')
    return new InputError(
      `cannot read ${what} ${shown}: it is a socket or a device nothing answers, not a file`,
    );
  return new InputError(`cannot read ${what} ${shown}: ${fsReason(error)}`);
}

/** Open `file` read-only and non-blocking; errors are InputErrors naming the file. */
export function openInput(file: string, what = 'file', shown = file): { fd: number; stats: Stats } {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY);
  } catch (e) {
    throw readError(e, what, shown);
  }
  try {
    return { fd, stats: fstatSync(fd) };
  } catch (e) {
    closeSync(fd);
    throw readError(e, what, shown);
  }
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));

/** Block this thread for `ms` milliseconds (a synchronous reader waiting for a pipe's writer). */
function sleepSync(ms: number): void {
  Atomics.wait(sleeper, 0, 0, ms);
}

function mib(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(0)} MiB` : `${bytes} bytes`;
}

function tooLarge(what: string, shown: string, max: number, size?: number): InputError {
  const is = size === undefined ? 'it holds' : `it is ${mib(size)},`;
  return new InputError(`cannot read ${what} ${shown}: ${is} more than the limit of ${mib(max)}`);
}

/**
 * The bytes of an input file, read as {@link readInputText} describes.
 * @throws InputError for a missing or unreadable path, a folder, a device, or a file above `maxBytes`
 */
export function readInputBytes(file: string, options: ReadInputOptions = {}): Buffer {
  const what = options.what ?? 'file';
  const shown = options.shown ?? file;
  const max = options.maxBytes ?? MAX_DOCUMENT_BYTES;
  const { fd, stats } = openInput(file, what, shown);
  try {
    if (stats.isDirectory()) throw new InputError(`cannot read ${what} ${shown}: it is a folder, not a file`);
    if (stats.isBlockDevice())
      throw new InputError(`cannot read ${what} ${shown}: it is ${fileKind(stats)}, not a file`);
    if (stats.isFile() && stats.size > max) throw tooLarge(what, shown, max, stats.size);
    const device = stats.isCharacterDevice();
    const chunks: Buffer[] = [];
    let total = 0;
    let wait = 1;
    for (;;) {
      const chunk = Buffer.allocUnsafe(
        stats.isFile() ? Math.min(max + 1, Math.max(stats.size + 1, 1)) : 65536,
      );
      let n: number;
      try {
        n = readSync(fd, chunk, 0, chunk.length, null);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        // EAGAIN: a pipe whose writer has not written yet. A device that has nothing now is a terminal.
        if (code === 'EAGAIN' && !device) {
          sleepSync(wait);
          wait = Math.min(50, wait * 2);
          continue;
        }
        if (code === 'EAGAIN' || device)
          throw new InputError(`cannot read ${what} ${shown}: it is ${fileKind(stats)}, not a file`);
        throw readError(e, what, shown);
      }
      if (n === 0) break;
      // A device that yields bytes (`/dev/zero`, `/dev/urandom`) may never end: only an empty one is read.
      if (device) throw new InputError(`cannot read ${what} ${shown}: it is ${fileKind(stats)}, not a file`);
      wait = 1;
      total += n;
      if (total > max) throw tooLarge(what, shown, max);
      chunks.push(n === chunk.length ? chunk : chunk.subarray(0, n));
    }
    return chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, total);
  } finally {
    closeSync(fd);
  }
}

/**
 * The text (UTF-8) of an input file. Regular files are read whole; a FIFO or pipe is read until its writer
 * closes it, and one without a writer is empty at once; devices other than empty ones are refused.
 * @throws InputError naming the file for anything that cannot be read as text
 */
export function readInputText(file: string, options: ReadInputOptions = {}): string {
  return readInputBytes(file, options).toString('utf8');
}
