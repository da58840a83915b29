/**
 * Read the base image: from a registry (index -> the platform's manifest -> config) or from a local OCI
 * image layout (`oci:DIR[:TAG]`). Only real platforms are picked from an index; `unknown/unknown`
 * entries (build attestations) are never chosen. A platform the base lacks is an error listing those it has.
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../../core/errors.js';
import { parseJsonText } from '../../core/json-file.js';
import { visible } from '../../core/visible.js';
import { BlobStore, sha256Hex } from './blob-store.js';
import {
  INDEX_TYPES,
  MANIFEST_TYPES,
  type Descriptor,
  type ImageIndex,
  type ImageManifest,
} from './media-types.js';
import { formatPlatform, platformMatches, type Platform } from './platform.js';
import { formatReference, type ImageReference, type RegistryReference } from './reference.js';
import type { RegistryClient } from './registry/client.js';

export interface Fetched {
  bytes: Buffer;
  mediaType: string;
  digest: string;
}

/** Where base blobs come from. */
export interface BaseSource {
  /** For messages and the base.name label. */
  name: string;
  getManifest(reference: string): Promise<Fetched>;
  /** The top-level reference: a tag or digest (registry), or the layout's chosen descriptor. */
  root: string;
  /** Put a blob in `store` (download it, or link it from the layout). */
  fetchBlob(digest: string, store: BlobStore): Promise<void>;
  registry?: RegistryReference;
  client?: RegistryClient;
}

export interface BasePlatformImage {
  platform: Platform;
  manifest: ImageManifest;
  manifestDigest: string;
  mediaType: string;
  config: Record<string, unknown>;
  configBytes: Buffer;
}

export interface BaseImage {
  name: string;
  /** Digest of what the reference named (an index or a manifest). */
  digest: string;
  images: BasePlatformImage[];
  source: BaseSource;
  /** Docker schema 2 (docker media types) or OCI: the built image keeps the base's family. */
  family: 'oci' | 'docker';
}

function parseJson<T>(bytes: Buffer, what: string): T {
  return parseJsonText(bytes.toString('utf8'), what) as T;
}

export function registrySource(ref: RegistryReference, client: RegistryClient): BaseSource {
  return {
    name: formatReference(ref),
    root: ref.digest ?? ref.tag ?? 'latest',
    registry: ref,
    client,
    getManifest: (reference) => client.getManifest(ref.repository, reference),
    async fetchBlob(digest, store) {
      if (store.has(digest)) return;
      const w = store.writer();
      try {
        await client.getBlob(ref.repository, digest, w);
        w.commit(digest);
      } catch (e) {
        w.abort();
        throw e;
      }
    },
  };
}

/** A local OCI image layout as a base (`oci:DIR[:TAG]`); `dir` already confined and resolved. */
export function layoutSource(dir: string, tag: string | undefined, shown: string): BaseSource {
  const store = new BlobStore(dir);
  const indexFile = join(dir, 'index.json');
  let index: ImageIndex;
  try {
    index = parseJson<ImageIndex>(readFileSync(indexFile), indexFile);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code)
      throw new InputError(
        `base ${visible(shown)}: ${visible(dir)} is not an OCI image layout (no index.json)`,
      );
    throw e;
  }
  const manifests = Array.isArray(index.manifests) ? index.manifests : [];
  const named = (d: Descriptor) => d.annotations?.['org.opencontainers.image.ref.name'];
  const chosen = tag
    ? manifests.find((d) => named(d) === tag)
    : manifests.length === 1
      ? manifests[0]
      : undefined;
  if (!chosen) {
    const names = manifests.map(named).filter(Boolean);
    throw new InputError(
      tag
        ? `base ${visible(shown)}: the layout has no image tagged "${visible(tag)}" (tags: ${names.join(', ') || 'none'})`
        : `base ${visible(shown)}: the layout holds ${manifests.length} images; name one as oci:DIR:TAG (tags: ${names.join(', ') || 'none'})`,
    );
  }
  const read = (digest: string): Buffer => {
    if (!/^sha256:[a-f0-9]{64}$/.test(digest))
      throw new InputError(`base ${visible(shown)}: bad digest "${visible(digest)}"`);
    let bytes: Buffer;
    try {
      bytes = store.read(digest);
    } catch {
      throw new InputError(`base ${visible(shown)}: blob ${digest} is missing from the layout`);
    }
    if (`sha256:${sha256Hex(bytes)}` !== digest)
      throw new InputError(`base ${visible(shown)}: blob ${digest} does not match its digest`);
    return bytes;
  };
  return {
    name: shown,
    root: chosen.digest,
    async getManifest(reference) {
      const bytes = read(reference);
      const mediaType =
        reference === chosen.digest
          ? chosen.mediaType
          : ((parseJson<{ mediaType?: string }>(bytes, reference).mediaType ?? '') as string);
      return { bytes, mediaType, digest: reference };
    },
    async fetchBlob(digest, target) {
      if (target.has(digest)) return;
      try {
        statSync(store.path(digest));
      } catch {
        throw new InputError(`base ${visible(shown)}: blob ${digest} is missing from the layout`);
      }
      target.copyFrom(store, digest);
    },
  };
}

function kindOf(f: Fetched): 'index' | 'manifest' {
  const type = f.mediaType || (parseJson<{ mediaType?: string }>(f.bytes, f.digest).mediaType ?? '');
  if (INDEX_TYPES.includes(type)) return 'index';
  if (MANIFEST_TYPES.includes(type)) return 'manifest';
  // Media type missing (some OCI layouts): an object with `manifests` is an index.
  const j = parseJson<{ manifests?: unknown; layers?: unknown }>(f.bytes, f.digest);
  if (Array.isArray(j.manifests)) return 'index';
  if (Array.isArray(j.layers)) return 'manifest';
  throw new InputError(
    `base: ${f.digest} is neither an image manifest nor an index (media type "${visible(type)}")`,
  );
}

async function readPlatformImage(
  source: BaseSource,
  desc: Fetched,
  store: BlobStore,
): Promise<BasePlatformImage> {
  const manifest = parseJson<ImageManifest>(desc.bytes, `${source.name} manifest`);
  if (!manifest.config?.digest || !Array.isArray(manifest.layers))
    throw new InputError(`base ${visible(source.name)}: manifest ${desc.digest} has no config or layers`);
  await source.fetchBlob(manifest.config.digest, store);
  const configBytes = store.read(manifest.config.digest);
  const config = parseJson<Record<string, unknown>>(configBytes, `${source.name} config`);
  const platform: Platform = {
    os: String(config.os ?? ''),
    architecture: String(config.architecture ?? ''),
    ...(config.variant ? { variant: String(config.variant) } : {}),
  };
  return {
    platform,
    manifest,
    manifestDigest: desc.digest,
    mediaType: desc.mediaType || manifest.mediaType || '',
    config,
    configBytes,
  };
}

/**
 * The base's image for each wanted platform (default: the host's from an index, or the single image).
 * @throws InputError when the base lacks a platform (naming those it has)
 */
export async function readBase(
  source: BaseSource,
  wanted: Platform[] | undefined,
  host: Platform,
  store: BlobStore,
): Promise<BaseImage> {
  const top = await source.getManifest(source.root);
  const family: BaseImage['family'] = /docker/.test(top.mediaType) ? 'docker' : 'oci';
  if (kindOf(top) === 'manifest') {
    const image = await readPlatformImage(source, top, store);
    const want = wanted ?? [image.platform];
    for (const w of want)
      if (!platformMatches(image.platform, w))
        throw new InputError(
          `base ${visible(source.name)} is a single-platform image for ${formatPlatform(image.platform)}; it has no ${formatPlatform(w)} image`,
        );
    if (!image.platform.os || !image.platform.architecture || image.platform.os === 'unknown')
      throw new InputError(`base ${visible(source.name)}: its config names no os/architecture`);
    return { name: source.name, digest: top.digest, images: [image], source, family };
  }
  const index = parseJson<ImageIndex>(top.bytes, `${source.name} index`);
  const real = (index.manifests ?? []).filter(
    (d) =>
      d.platform &&
      d.platform.os !== 'unknown' &&
      d.platform.architecture !== 'unknown' &&
      MANIFEST_TYPES.includes(d.mediaType),
  );
  const have = real.map((d) => formatPlatform(d.platform!));
  const want = wanted ?? [host];
  const images: BasePlatformImage[] = [];
  for (const w of want) {
    const d = real.find((x) => platformMatches(x.platform, w));
    if (!d)
      throw new InputError(
        `base ${visible(source.name)} has no ${formatPlatform(w)} image (it has: ${have.join(', ') || 'none'})`,
      );
    const fetched = await source.getManifest(d.digest);
    const image = await readPlatformImage(
      source,
      { ...fetched, mediaType: fetched.mediaType || d.mediaType },
      store,
    );
    images.push({
      ...image,
      platform: {
        os: d.platform!.os,
        architecture: d.platform!.architecture,
        ...(d.platform!.variant ? { variant: d.platform!.variant } : {}),
      },
    });
  }
  return { name: source.name, digest: top.digest, images, source, family };
}

export type { ImageReference };
