/**
 * sha256 of the files a release names: the model files (its subjects, equal to what `sha256sum` prints),
 * the data files and the result files (its materials). Files are read in chunks, so a large data file
 * costs bounded memory, and only regular files are read (a FIFO would never end).
 */
import { createHash } from 'node:crypto';
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { InputError } from '../../core/errors.js';
import { fsReason } from '../../core/file-guard.js';
import { visible } from '../../core/visible.js';

/** sha256 (hex) and size of a regular file. */
export function sha256File(path: string, what = 'file'): { sha256: string; size: number } {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (e) {
    throw new InputError(`cannot read ${what} ${visible(path)}: ${fsReason(e)}`);
  }
  try {
    if (!fstatSync(fd).isFile()) throw new InputError(`${what} ${visible(path)} is not a regular file`);
    const hash = createHash('sha256');
    const buf = Buffer.allocUnsafe(1 << 20);
    let size = 0;
    for (let n = readSync(fd, buf, 0, buf.length, size); n > 0; n = readSync(fd, buf, 0, buf.length, size)) {
      hash.update(buf.subarray(0, n));
      size += n;
    }
    return { sha256: hash.digest('hex'), size };
  } finally {
    closeSync(fd);
  }
}

export function sha256Bytes(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
