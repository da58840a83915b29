/**
 * Push a built image to a registry: every blob is HEAD-checked first and skipped when present; base
 * layers are mounted from the base's repository when it lives in the same registry, else copied; the
 * rest is uploaded. Manifests go up by digest only after all their blobs are in, and tags last, so a tag
 * never names an image whose blobs are missing.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import type { Logger } from '../../core/logger.js';
import type { BaseSource } from './base-image.js';
import type { BlobStore } from './blob-store.js';
import type { RegistryClient } from './registry/client.js';

export interface PushBlob {
  digest: string;
  size: number;
  /** For messages: `layer model`, `base layer 2`, `config linux/amd64`. */
  what: string;
  /** Base layers can be mounted or copied from the base; ours are in the store already. */
  fromBase: boolean;
}

export interface PushManifest {
  digest: string;
  bytes: Buffer;
  mediaType: string;
}

export interface PushResult {
  /** The top manifest's or index's digest as the registry reported it. */
  digest: string;
  uploaded: string[];
  mounted: string[];
  skipped: string[];
}

function fileReader(path: string): { read: (offset: number, length: number) => Buffer; close: () => void } {
  const fd = openSync(path, 'r');
  return {
    read(offset, length) {
      const buf = Buffer.alloc(length);
      let got = 0;
      while (got < length) {
        const n = readSync(fd, buf, got, length - got, offset + got);
        if (n === 0) break;
        got += n;
      }
      return buf.subarray(0, got);
    },
    close: () => closeSync(fd),
  };
}

export async function pushImage(
  client: RegistryClient,
  repository: string,
  blobs: readonly PushBlob[],
  manifests: readonly PushManifest[],
  top: PushManifest,
  tags: readonly string[],
  base: BaseSource,
  store: BlobStore,
  logger: Logger,
): Promise<PushResult> {
  const result: PushResult = { digest: '', uploaded: [], mounted: [], skipped: [] };
  const seen = new Set<string>();
  const sameRegistry =
    base.registry && base.client && base.registry.registry === client.registryName
      ? base.registry.repository
      : undefined;
  for (const blob of blobs) {
    if (seen.has(blob.digest)) continue;
    seen.add(blob.digest);
    if (await client.blobExists(repository, blob.digest)) {
      result.skipped.push(blob.digest);
      continue;
    }
    if (
      blob.fromBase &&
      sameRegistry &&
      sameRegistry !== repository &&
      (await client.mountBlob(repository, blob.digest, sameRegistry))
    ) {
      logger.info(`mounted ${blob.what} ${blob.digest} from ${sameRegistry}`);
      result.mounted.push(blob.digest);
      continue;
    }
    if (blob.fromBase) await base.fetchBlob(blob.digest, store);
    const reader = fileReader(store.path(blob.digest));
    try {
      logger.info(`uploading ${blob.what} ${blob.digest} (${(blob.size / 1e6).toFixed(2)} MB)`);
      await client.uploadBlob(repository, {
        digest: blob.digest,
        size: blob.size,
        read: reader.read,
        what: blob.what,
      });
      result.uploaded.push(blob.digest);
    } finally {
      reader.close();
    }
  }
  for (const m of manifests)
    if (m !== top) await client.putManifest(repository, m.digest, m.bytes, m.mediaType);
  result.digest = await client.putManifest(repository, top.digest, top.bytes, top.mediaType);
  for (const tag of tags) {
    const d = await client.putManifest(repository, tag, top.bytes, top.mediaType);
    if (d !== result.digest)
      logger.warn(`the registry reported ${d} for tag ${tag} but ${result.digest} for the manifest`);
  }
  return result;
}
