/**
 * Content-addressed blobs on disk (`blobs/sha256/<hex>`, the OCI layout's own scheme), written atomically:
 * a temporary file in the same folder renamed to its digest once the digest is known. The cache folder
 * and an `--oci-layout` output are both such stores.
 */
import { createHash, randomBytes } from 'node:crypto';
import {
  closeSync,
  copyFileSync,
  existsSync,
  fsyncSync,
  linkSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../../core/errors.js';
import { fsReason } from '../../core/file-guard.js';

export function sha256Hex(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export class BlobStore {
  constructor(readonly dir: string) {}

  path(digest: string): string {
    const [alg, hex] = digest.split(':');
    return join(this.dir, 'blobs', alg, hex);
  }

  has(digest: string, size?: number): boolean {
    try {
      const s = statSync(this.path(digest));
      return s.isFile() && (size === undefined || s.size === size);
    } catch {
      return false;
    }
  }

  read(digest: string): Buffer {
    return readFileSync(this.path(digest));
  }

  /** Store bytes under their sha256; returns the digest. */
  put(bytes: Uint8Array): string {
    const digest = `sha256:${sha256Hex(bytes)}`;
    if (!this.has(digest, bytes.length)) {
      const w = this.writer();
      w.write(bytes);
      w.commit(digest);
    }
    return digest;
  }

  /** Copy (hard link when possible) a blob of another store into this one. */
  copyFrom(other: BlobStore, digest: string): void {
    if (this.has(digest)) return;
    const target = this.path(digest);
    mkdirSync(join(target, '..'), { recursive: true });
    const tmp = `${target}.${randomBytes(4).toString('hex')}.tmp`;
    try {
      try {
        linkSync(other.path(digest), tmp);
      } catch {
        copyFileSync(other.path(digest), tmp);
      }
      renameSync(tmp, target);
    } catch (e) {
      if (existsSync(tmp)) unlinkSync(tmp);
      throw new InputError(`cannot write blob ${digest} to ${this.dir}: ${fsReason(e)}`);
    }
  }

  /** A streaming writer: bytes go to a temporary file, `commit(digest)` renames it into place. */
  writer(): BlobWriter {
    const dir = join(this.dir, 'blobs', 'sha256');
    try {
      mkdirSync(dir, { recursive: true });
    } catch (e) {
      throw new InputError(`cannot create ${dir}: ${fsReason(e)}`);
    }
    const tmp = join(dir, `.upload-${process.pid}-${randomBytes(6).toString('hex')}.tmp`);
    let fd: number | undefined = openSync(tmp, 'wx', 0o644);
    const hash = createHash('sha256');
    let size = 0;
    const close = () => {
      if (fd !== undefined) closeSync(fd);
      fd = undefined;
    };
    return {
      write(chunk) {
        hash.update(chunk);
        size += chunk.length;
        for (let off = 0; off < chunk.length;) off += writeSync(fd!, chunk, off, chunk.length - off);
      },
      digest: () => `sha256:${hash.copy().digest('hex')}`,
      size: () => size,
      commit: (digest) => {
        fsyncSync(fd!);
        close();
        const target = this.path(digest);
        mkdirSync(join(target, '..'), { recursive: true });
        renameSync(tmp, target);
      },
      abort() {
        close();
        try {
          unlinkSync(tmp);
        } catch {
          /* gone already */
        }
      },
    };
  }
}

export interface BlobWriter {
  write(chunk: Uint8Array): void;
  /** sha256 of what was written so far. */
  digest(): string;
  size(): number;
  commit(digest: string): void;
  abort(): void;
}
