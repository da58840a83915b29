/**
 * Build one image layer from files: a reproducible tar (tar.ts) compressed with stable gzip (gzip.ts).
 * Two passes: the first only hashes the tar (its sha256 is the layer's diff_id), and when the cache
 * already holds the compressed layer for that diff_id nothing is compressed; otherwise the second pass
 * compresses and must hash to the same diff_id, so a file that changed in between is caught too.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../../core/errors.js';
import { writeAtomic } from '../../core/file-guard.js';
import type { BlobStore } from './blob-store.js';
import { GZIP_IMPLEMENTATION, StableGzip } from './gzip.js';
import { writeTar, type TarFile } from './tar.js';

export interface BuiltLayer {
  /** What the layer holds: `app` (the serving app) or `model` (the model files). */
  role: 'app' | 'model';
  digest: string;
  size: number;
  diffId: string;
  uncompressedSize: number;
  files: number;
  /** Whether the compressed blob came from the cache (no compression this run). */
  cached: boolean;
}

export interface LayerOptions {
  mtime: number;
  level: number;
  store: BlobStore;
  /** Called after each chunk of a file is read (tests change files there). */
  onChunk?: (path: string, offset: number) => void;
}

function cacheFile(store: BlobStore, diffId: string, level: number): string {
  return join(store.dir, 'layers', `${diffId.replace(':', '-')}.${GZIP_IMPLEMENTATION}.${level}.json`);
}

export function buildLayer(role: BuiltLayer['role'], files: readonly TarFile[], o: LayerOptions): BuiltLayer {
  const diff = createHash('sha256');
  let uncompressedSize = 0;
  writeTar(
    files,
    o.mtime,
    (c) => {
      diff.update(c);
      uncompressedSize += c.length;
    },
    o.onChunk,
  );
  const diffId = `sha256:${diff.digest('hex')}`;
  const index = cacheFile(o.store, diffId, o.level);
  if (existsSync(index)) {
    try {
      const { digest, size } = JSON.parse(readFileSync(index, 'utf8')) as { digest: string; size: number };
      if (o.store.has(digest, size))
        return { role, digest, size, diffId, uncompressedSize, files: files.length, cached: true };
    } catch {
      // a damaged cache entry is rebuilt below
    }
  }
  const writer = o.store.writer();
  const again = createHash('sha256');
  try {
    const gz = new StableGzip(o.level, (c) => writer.write(c));
    writeTar(
      files,
      o.mtime,
      (c) => {
        again.update(c);
        gz.push(c);
      },
      o.onChunk,
    );
    gz.end();
    if (`sha256:${again.digest('hex')}` !== diffId)
      throw new InputError(
        `the ${role} files changed while the layer was being built; build again once they are complete`,
      );
    const digest = writer.digest();
    const size = writer.size();
    writer.commit(digest);
    mkdirSync(join(index, '..'), { recursive: true });
    writeAtomic(index, JSON.stringify({ digest, size }), 'layer cache entry');
    return { role, digest, size, diffId, uncompressedSize, files: files.length, cached: false };
  } catch (e) {
    writer.abort();
    throw e;
  }
}
