/**
 * Opening a data file with the one error message every reader gives for a wrong path, and without ever
 * hanging: files are opened non-blocking (a plain open of a FIFO waits for a writer forever), and a FIFO or
 * pipe is copied to a temporary regular file first, so that the readers can seek (Parquet's footer, the
 * CSV reader's second thread) and a pipe without a writer is an empty input at once.
 */
import { constants, type Stats } from 'node:fs';
import { mkdtemp, open, rm, type FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataFormatError, InputError, ModelCiError } from '../core/errors.js';
import { fsReason } from '../core/file-guard.js';
import { fileKind, readError } from '../core/read-input.js';

const READ_FLAGS = constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY;

async function openNonBlocking(file: string): Promise<FileHandle> {
  try {
    return await open(file, READ_FLAGS);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new InputError(`file not found: ${file}`);
    throw readError(error, 'file', file);
  }
}

/** Opens `file` for reading; a missing path, a folder or a special file is an InputError, not a raw ENOENT. */
export async function openDataFile(file: string): Promise<FileHandle> {
  const handle = await openNonBlocking(file);
  let stats: Stats;
  try {
    stats = await handle.stat();
  } catch (e) {
    await handle.close();
    throw readError(e, 'file', file);
  }
  if (!stats.isFile()) {
    await handle.close();
    throw new InputError(`not a regular file: ${file} is ${fileKind(stats)}`);
  }
  return handle;
}

/** A data file as a regular file on disk; `dispose` removes a temporary copy. */
export interface RegularDataFile {
  path: string;
  /** True when `path` is a temporary copy of a pipe's contents. */
  copied: boolean;
  dispose(): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * `file` itself when it is a regular file; for a FIFO or pipe, a temporary file holding everything its
 * writer writes until it closes (nothing, at once, when it has no writer). Devices that yield bytes
 * (`/dev/zero`) or wait for a person (a terminal), sockets and folders are InputErrors.
 */
export async function regularDataFile(file: string): Promise<RegularDataFile> {
  const handle = await openNonBlocking(file);
  let stats: Stats;
  try {
    stats = await handle.stat();
  } catch (e) {
    await handle.close();
    throw readError(e, 'file', file);
  }
  if (stats.isFile()) {
    await handle.close();
    return { path: file, copied: false, dispose: async () => {} };
  }
  const refuse = async (): Promise<never> => {
    await handle.close();
    throw new InputError(`not a regular file: ${file} is ${fileKind(stats)}`);
  };
  if (!stats.isFIFO() && !stats.isCharacterDevice()) return refuse();
  const dir = await mkdtemp(join(tmpdir(), 'model-ci-pipe-'));
  const path = join(dir, 'data');
  const dispose = () => rm(dir, { recursive: true, force: true });
  let out: FileHandle | undefined;
  try {
    out = await open(path, 'wx', 0o600);
    const buffer = Buffer.allocUnsafe(1 << 20);
    let wait = 1;
    for (;;) {
      let n: number;
      try {
        ({ bytesRead: n } = await handle.read(buffer, 0, buffer.length, null));
      } catch (e) {
        // EAGAIN: the writer has not written yet (a terminal with nothing typed is refused instead).
        if ((e as NodeJS.ErrnoException).code === 'EAGAIN' && stats.isFIFO()) {
          await sleep(wait);
          wait = Math.min(50, wait * 2);
          continue;
        }
        if ((e as NodeJS.ErrnoException).code === 'EAGAIN') return await refuse();
        throw readError(e, 'file', file);
      }
      if (n === 0) break;
      // Only an empty device (/dev/null) is an input; /dev/zero and /dev/urandom never end.
      if (stats.isCharacterDevice()) return await refuse();
      wait = 1;
      try {
        await out.write(buffer, 0, n);
      } catch (e) {
        throw new InputError(`cannot copy ${file} (${fileKind(stats)}) to ${path}: ${fsReason(e)}`);
      }
    }
    await out.close();
    out = undefined;
    await handle.close();
    return { path, copied: true, dispose };
  } catch (e) {
    await out?.close().catch(() => {});
    await handle.close().catch(() => {});
    await dispose();
    throw e;
  }
}

/** An error raised while reading a temporary copy, as if it had been raised reading `file`. */
export function asReadOf(error: unknown, copy: string, file: string): unknown {
  if (!(error instanceof ModelCiError)) return error;
  if (error instanceof DataFormatError) {
    const position = { ...error.position, file: error.position.file === copy ? file : error.position.file };
    return new DataFormatError(position, error.detail.replaceAll(copy, file));
  }
  const copyOf = Object.create(Object.getPrototypeOf(error)) as ModelCiError;
  Object.assign(copyOf, error);
  copyOf.message = error.message.replaceAll(copy, file);
  return copyOf;
}
