/** Opening a data file with the one error message every reader gives for a wrong path. */
import { open, type FileHandle } from 'node:fs/promises';
import { InputError } from '../core/errors.js';

/** Opens `file` for reading; a missing path or a directory is an InputError, not a raw ENOENT. */
export async function openDataFile(file: string): Promise<FileHandle> {
  let handle: FileHandle;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new InputError(`file not found: ${file}`);
    if (code === 'EACCES' || code === 'EPERM') throw new InputError(`cannot read ${file}: permission denied`);
    throw error;
  }
  const stats = await handle.stat();
  if (!stats.isFile()) {
    await handle.close();
    throw new InputError(`not a regular file: ${file}`);
  }
  return handle;
}
