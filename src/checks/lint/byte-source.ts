/**
 * Random access to bytes — a file, a slice of a file (a stored zip entry), or a buffer (a nested archive
 * that had to be inflated) — so scanners read only what they need and skip the rest by seeking: a 4 GB
 * checkpoint costs the bytes of its pickles and directories, not 4 GB of reads.
 */
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';

export interface ByteSource {
  readonly size: number;
  /** Up to `length` bytes at `position` (fewer only at the end). */
  read(position: number, length: number): Buffer;
}

export class FileSource implements ByteSource {
  private constructor(
    private readonly fd: number,
    readonly size: number,
  ) {}

  /**
   * Open a regular file for reading without blocking: a FIFO or device that appeared at the path is refused
   * instead of hanging the scan.
   */
  static open(path: string): FileSource {
    const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
    try {
      const st = fstatSync(fd);
      if (!st.isFile()) throw Object.assign(new Error('not a regular file'), { code: 'ENOTREG' });
      return new FileSource(fd, st.size);
    } catch (e) {
      closeSync(fd);
      throw e;
    }
  }

  read(position: number, length: number): Buffer {
    const n = Math.max(0, Math.min(length, this.size - position));
    const out = Buffer.allocUnsafe(n);
    let got = 0;
    while (got < n) {
      const r = readSync(this.fd, out, got, n - got, position + got);
      if (r === 0) break; // the file shrank while we read it
      got += r;
    }
    return got === n ? out : out.subarray(0, got);
  }

  close(): void {
    closeSync(this.fd);
  }
}

export class BufferSource implements ByteSource {
  constructor(private readonly buf: Buffer) {}
  get size(): number {
    return this.buf.length;
  }
  read(position: number, length: number): Buffer {
    return this.buf.subarray(position, Math.min(this.buf.length, position + length));
  }
}

/** `length` bytes of `parent` from `offset`: a stored zip entry, read in place. */
export class SliceSource implements ByteSource {
  readonly size: number;
  constructor(
    private readonly parent: ByteSource,
    private readonly offset: number,
    length: number,
  ) {
    this.size = Math.max(0, Math.min(length, parent.size - offset));
  }
  read(position: number, length: number): Buffer {
    const n = Math.max(0, Math.min(length, this.size - position));
    return this.parent.read(this.offset + position, n);
  }
}
