/**
 * Write a built image as an OCI image layout (`oci-layout`, `index.json`, `blobs/sha256/…`), which
 * `skopeo copy oci:DIR:TAG …`, `umoci unpack --image DIR:TAG` and `podman load` read. The folder must be
 * new, empty or already a layout, and must hold none of the build's inputs.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { isInside } from '../../core/confine.js';
import { InputError } from '../../core/errors.js';
import type { FileGuard } from '../../core/file-guard.js';
import { displayPath } from '../../core/paths.js';
import { BlobStore } from './blob-store.js';
import { canonicalJson } from './image-config.js';
import type { Descriptor } from './media-types.js';
import { OCI_INDEX } from './media-types.js';

/** The files an OCI layout output claims before the build runs. */
export function layoutClaims(dir: string): { path: string; what: string }[] {
  return [
    { path: join(dir, 'index.json'), what: 'oci-layout index.json' },
    { path: join(dir, 'oci-layout'), what: 'oci-layout marker' },
  ];
}

/** Refuse a folder that holds inputs or is something other than an (empty) OCI layout. */
export function checkLayoutDir(dir: string, inputs: readonly string[]): void {
  const abs = resolve(dir);
  const shown = displayPath(process.cwd(), abs);
  const inside = inputs.find((p) => isInside(abs, resolve(p)));
  if (inside)
    throw new InputError(
      `oci-layout: ${shown} holds an input of this build (${displayPath(process.cwd(), inside)}); choose a new folder`,
    );
  if (existsSync(abs) && readdirSync(abs).length > 0 && !existsSync(join(abs, 'oci-layout')))
    throw new InputError(
      `oci-layout: ${shown} is not empty and not an OCI image layout; choose a new or empty folder`,
    );
}

export function writeLayout(
  dir: string,
  files: FileGuard,
  blobs: readonly string[],
  from: BlobStore,
  top: Descriptor,
  tags: readonly string[],
): void {
  const store = new BlobStore(dir);
  for (const d of blobs) store.copyFrom(from, d);
  const manifests = (tags.length ? tags : [undefined]).map((tag) => ({
    mediaType: top.mediaType,
    digest: top.digest,
    size: top.size,
    ...(top.platform ? { platform: top.platform } : {}),
    ...(tag ? { annotations: { 'org.opencontainers.image.ref.name': tag } } : {}),
  }));
  files.write(join(dir, 'oci-layout'), '{"imageLayoutVersion":"1.0.0"}', 'oci-layout marker');
  files.write(
    join(dir, 'index.json'),
    canonicalJson({ schemaVersion: 2, mediaType: OCI_INDEX, manifests }),
    'oci-layout index.json',
  );
}
