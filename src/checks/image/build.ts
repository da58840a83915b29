/**
 * `model-ci image`: the serving app and the model as two layers on a base image, built without a daemon
 * and pushed (or written as an OCI layout, or emitted as a folder). Every path from the repository is
 * confined to it; the result carries the digest exactly as the registry reported it.
 */
import { readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { confine } from '../../core/confine.js';
import { InputError } from '../../core/errors.js';
import type { FileGuard } from '../../core/file-guard.js';
import type { Logger } from '../../core/logger.js';
import { displayPath, userPath } from '../../core/paths.js';
import type { CheckOutcome, Finding } from '../../core/result.js';
import { visible } from '../../core/visible.js';
import { hashFileStable, listModelFiles, modelDigest, type ModelFiles } from '../../model/model-files.js';
import { appFiles, findServeBundle, MODEL_DIR, SERVER_FILE } from './app-files.js';
import { layoutSource, readBase, registrySource, type BaseImage } from './base-image.js';
import { BlobStore } from './blob-store.js';
import { buildConfig, buildManifest, canonicalJson, checkUser, keyValues } from './image-config.js';
import { gateLabels, imageLabels } from './labels.js';
import { buildLayer, type BuiltLayer } from './layer.js';
import { DOCKER_LIST, OCI_INDEX, type Descriptor } from './media-types.js';
import { checkLayoutDir, writeLayout } from './oci-layout.js';
import { formatPlatform, hostPlatform, parsePlatform } from './platform.js';
import { pushImage, type PushBlob, type PushManifest } from './push.js';
import { formatReference, parseReference, parseRepository, type RegistryReference } from './reference.js';
import { dockerConfigCredentials, type Credentials } from './registry/auth.js';
import { RegistryClient } from './registry/client.js';
import { gitHead, sourceDate } from './source-date.js';
import { computeTags, type TagContext, type TagType } from './tags.js';

export const IMAGE_CHECK = 'image';
export const IMAGE_TITLE = 'Serving image';

export interface ImageBuildOptions {
  /** Absolute paths from here on. */
  model: string;
  include: string[];
  repository: string;
  base: string;
  tags: string[];
  tagTypes: TagType[];
  latest: 'auto' | 'true' | 'false';
  platforms: string[];
  push: boolean;
  emit?: string;
  ociLayout?: string;
  user: string;
  port: number;
  env: string[];
  labels: string[];
  gateResult?: string;
  /** Gate labels from an earlier step of the same pipeline run. */
  gateLabels?: Record<string, string>;
  context: TagContext;
  source?: string;
  licenses?: string;
  description?: string;
  title?: string;
  sourceDateEpoch?: string;
  insecureRegistries: string[];
  credentials?: Credentials;
  cacheDir: string;
  compressionLevel: number;
  chunkSize: number;
  maxSizeMb?: number;
  /** Everything read from the repository must stay below this folder. */
  root: string;
  /** Relative paths (an `oci:` base) resolve against this folder. */
  baseDir: string;
  env_?: NodeJS.ProcessEnv;
}

export interface ImageDeps {
  logger: Logger;
  files: FileGuard;
  secret?: (value: string) => void;
  /** Tests change a model file while it is read. */
  onChunk?: (path: string, offset: number) => void;
  /** Registry client settings for tests (retries, pauses). */
  registry?: { retries?: number; backoffMs?: number };
}

/** A path from the repository, resolved and confined to the root. */
export function confined(root: string, path: string, what: string): string {
  const rel = relative(root, resolve(root, path));
  const c = confine(root, rel);
  if (!c.ok) throw new InputError(`${what}: ${visible(path)} is outside the repository (${c.reason})`);
  return c.path;
}

function credentialsFor(
  registry: string,
  o: ImageBuildOptions,
  target: RegistryReference,
): Credentials | undefined {
  if (o.credentials && registry === target.registry) return o.credentials;
  return dockerConfigCredentials(registry, o.env_ ?? process.env);
}

const MB = 1e6;

export async function buildImage(o: ImageBuildOptions, deps: ImageDeps): Promise<CheckOutcome> {
  const { logger, files } = deps;
  const findings: Finding[] = [];
  const target = parseRepository(o.repository, 'repository');
  const wanted = o.platforms.length ? o.platforms.map((p) => parsePlatform(p, 'platform')) : undefined;
  const user = checkUser(o.user);

  // The model: its files (confined), their hashes and the digest.
  const modelPath = confined(o.root, o.model, 'model');
  const model: ModelFiles = listModelFiles(modelPath, o.include);
  for (const f of model.files) confined(o.root, f.path, 'model file');
  files.addInputs(
    model.files.map((f) => f.path),
    'model file',
  );
  const hashes = new Map(
    model.files.map((f) => [
      f.name,
      hashFileStable(f.path, deps.onChunk ? (off) => deps.onChunk!(f.path, off) : undefined).hex,
    ]),
  );
  const digestOfModel = modelDigest(model.files, hashes);
  const date = sourceDate(
    o.sourceDateEpoch,
    o.root,
    model.files.map((f) => relative(o.root, f.path)),
  );
  const created = new Date(date.epoch * 1000).toISOString().replace('.000Z', 'Z');

  // Tags and labels, as docker/metadata-action would make them.
  const sha = o.context.sha ?? gitHead(o.root);
  const computed = computeTags(
    { ...o.context, sha },
    { types: o.tagTypes, latest: o.latest, explicit: o.tags },
  );
  const repo = `${target.registry}/${target.repository}`;
  if (!computed.tags.length)
    findings.push({
      id: 'image/no-tags',
      severity: 'notice',
      message: 'no tags: the image can only be pulled by digest (give --tag, --sha or --ref)',
    });

  // Layers: the serving app, then the model (last, so a model change re-uploads only it).
  const store = new BlobStore(o.cacheDir);
  const bundle = findServeBundle();
  const layers: BuiltLayer[] = await logger.group('Build layers', async () => {
    const layerOptions = { mtime: date.epoch, level: o.compressionLevel, store, onChunk: deps.onChunk };
    const app = buildLayer('app', appFiles(bundle, model.kind), layerOptions);
    const mdl = buildLayer(
      'model',
      model.files.map((f) => ({ name: `${MODEL_DIR}/${f.name}`, source: { path: f.path } })),
      layerOptions,
    );
    for (const l of [app, mdl])
      logger.info(
        `${l.role} layer ${l.digest}: ${l.files} files, ${(l.size / MB).toFixed(2)} MB${l.cached ? ' (cached)' : ''}`,
      );
    return [app, mdl];
  });
  // A file that changed after it was hashed gives another model layer than the digest says.
  for (const f of model.files)
    if (hashFileStable(f.path).hex !== hashes.get(f.name))
      throw new InputError(
        `model file ${visible(f.path)} changed while the image was being built; build again once it is complete`,
      );

  // The base.
  const baseRef = parseReference(o.base, 'base');
  const clients: RegistryClient[] = [];
  const client = (registry: string) => {
    const c = new RegistryClient({
      registry,
      insecureRegistries: o.insecureRegistries,
      credentials: credentialsFor(registry, o, target),
      secret: deps.secret,
      logger,
      chunkSize: o.chunkSize,
      ...deps.registry,
    });
    clients.push(c);
    return c;
  };
  try {
    const targetClient = client(target.registry);
    const source =
      baseRef.kind === 'oci-layout'
        ? layoutSource(confined(o.root, resolve(o.baseDir, baseRef.path), 'base'), baseRef.tag, o.base)
        : registrySource(
            baseRef,
            baseRef.registry === target.registry ? targetClient : client(baseRef.registry),
          );
    if (baseRef.kind === 'registry' && !baseRef.digest)
      findings.push({
        id: 'image/base-not-pinned',
        severity: 'notice',
        message: `base ${visible(formatReference(baseRef))} is a tag; pin it by digest for repeatable builds`,
      });
    const base: BaseImage = await logger.group(`Read base ${visible(o.base)}`, () =>
      readBase(source, wanted, hostPlatform(), store),
    );

    const title = o.title ?? target.repository.split('/').pop()!;
    const labels = {
      ...imageLabels({
        title,
        source: o.source,
        revision: sha,
        created,
        version: computed.version,
        licenses: o.licenses,
        description: o.description,
        baseName: base.name,
        baseDigest: base.digest,
        modelDigest: digestOfModel,
        modelFormat: model.kind === 'tfjs' ? 'tfjs' : 'onnx',
        modelEntry: model.entry,
        gate: o.gateResult ? gateLabels(o.gateResult) : o.gateLabels,
      }),
      ...keyValues(o.labels, 'label'),
    };
    const env = {
      PORT: String(o.port),
      NODE_ENV: 'production',
      MODEL_PATH: `/${MODEL_DIR}/${model.entry}`,
      MODEL_NAME: title,
      MODEL_VERSION: computed.version ?? 'unversioned',
      MODEL_DIGEST: digestOfModel,
      ...keyValues(o.env, 'env'),
    };

    // One config and manifest per platform; an index when there are several.
    const manifests: (PushManifest & {
      platform: string;
      size: number;
      configSize: number;
      layers: Descriptor[];
    })[] = [];
    const blobs: PushBlob[] = [];
    for (const image of base.images) {
      const config = canonicalJson(buildConfig(image, layers, { user, port: o.port, env, labels, created }));
      const configDigest = store.put(config);
      const annotations = {
        'org.opencontainers.image.created': created,
        'org.opencontainers.image.base.name': base.name,
        'org.opencontainers.image.base.digest': base.digest,
        ...(sha ? { 'org.opencontainers.image.revision': sha } : {}),
        ...(o.source ? { 'org.opencontainers.image.source': o.source } : {}),
      };
      const m = buildManifest(
        image,
        layers,
        { digest: configDigest, size: config.length },
        base.family,
        annotations,
      );
      const digest = store.put(m.bytes);
      const parsed = JSON.parse(m.bytes.toString('utf8')) as { layers: Descriptor[] };
      manifests.push({
        digest,
        bytes: m.bytes,
        mediaType: m.mediaType,
        platform: formatPlatform(image.platform),
        size: m.bytes.length,
        configSize: config.length,
        layers: parsed.layers,
      });
      const plat = formatPlatform(image.platform);
      image.manifest.layers.forEach((l, i) =>
        blobs.push({ digest: l.digest, size: l.size, what: `base layer ${i + 1} (${plat})`, fromBase: true }),
      );
      for (const l of layers)
        blobs.push({ digest: l.digest, size: l.size, what: `${l.role} layer`, fromBase: false });
      blobs.push({ digest: configDigest, size: config.length, what: `config (${plat})`, fromBase: false });
    }
    let top: PushManifest & { size: number; platform?: Descriptor['platform'] };
    if (manifests.length > 1) {
      const index = canonicalJson({
        schemaVersion: 2,
        mediaType: base.family === 'oci' ? OCI_INDEX : DOCKER_LIST,
        manifests: manifests.map((m, i) => ({
          mediaType: m.mediaType,
          digest: m.digest,
          size: m.size,
          platform: {
            architecture: base.images[i].platform.architecture,
            os: base.images[i].platform.os,
            ...(base.images[i].platform.variant ? { variant: base.images[i].platform.variant } : {}),
          },
        })),
      });
      top = {
        digest: store.put(index),
        bytes: index,
        mediaType: base.family === 'oci' ? OCI_INDEX : DOCKER_LIST,
        size: index.length,
      };
    } else {
      const p = base.images[0].platform;
      top = {
        ...manifests[0],
        platform: { architecture: p.architecture, os: p.os, ...(p.variant ? { variant: p.variant } : {}) },
      };
    }

    const first = manifests[0];
    const sizeBytes = first.configSize + first.layers.reduce((a, l) => a + l.size, 0);
    const baseSize =
      base.images[0].manifest.config.size + base.images[0].manifest.layers.reduce((a, l) => a + l.size, 0);
    const details: Record<string, unknown> = {
      repository: repo,
      tags: computed.tags.map((t) => `${repo}:${t}`),
      platforms: manifests.map((m) => m.platform),
      size_bytes: sizeBytes,
      layers: first.layers.map((l, i) => ({
        role:
          i < base.images[0].manifest.layers.length
            ? 'base'
            : layers[i - base.images[0].manifest.layers.length].role,
        digest: l.digest,
        size_bytes: l.size,
        media_type: l.mediaType,
      })),
      manifests: manifests.map((m) => ({ platform: m.platform, digest: m.digest, size_bytes: m.size })),
      base: {
        name: base.name,
        digest: base.digest,
        size_bytes: baseSize,
        layers: base.images[0].manifest.layers.length,
      },
      model: {
        digest: digestOfModel,
        format: model.kind,
        entry: model.entry,
        files: model.files.map((f) => f.name),
      },
      labels,
      source_date: { epoch: date.epoch, source: date.source },
      cached_layers: layers.filter((l) => l.cached).map((l) => l.role),
      pushed: false,
    };

    // Outputs.
    if (o.emit) {
      const dir = o.emit;
      for (const f of appFiles(bundle, model.kind)) {
        const path = (f.source as { path: string }).path;
        files.write(join(dir, f.name.slice('app/'.length)), readFileSync(path), '--emit');
      }
      for (const f of model.files) files.write(join(dir, 'model', f.name), readFileSync(f.path), '--emit');
      details.emit = dir;
      logger.info(
        `wrote the serving app to ${displayPath(process.cwd(), dir)} (node ${join(displayPath(process.cwd(), dir), SERVER_FILE)})`,
      );
    }
    if (o.ociLayout) {
      const all = [
        ...new Set([...blobs.map((b) => b.digest), ...manifests.map((m) => m.digest), top.digest]),
      ];
      for (const b of blobs) if (b.fromBase) await base.source.fetchBlob(b.digest, store);
      writeLayout(
        o.ociLayout,
        files,
        all,
        store,
        {
          mediaType: top.mediaType,
          digest: top.digest,
          size: top.size,
          ...(top.platform ? { platform: top.platform } : {}),
        },
        computed.tags,
      );
      details.oci_layout = userPath(o.baseDir, o.ociLayout);
      logger.info(`wrote the image to the OCI layout ${displayPath(process.cwd(), o.ociLayout)}`);
    }
    let digest = top.digest;
    if (o.push) {
      const pushed = await logger.group(`Push ${repo}`, () =>
        pushImage(
          targetClient,
          target.repository,
          blobs,
          manifests,
          top,
          computed.tags,
          base.source,
          store,
          logger,
        ),
      );
      if (pushed.digest !== top.digest)
        findings.push({
          id: 'image/digest-differs',
          severity: 'warning',
          message: `the registry reports ${pushed.digest}, model-ci computed ${top.digest}`,
        });
      digest = pushed.digest;
      details.pushed = true;
      details.uploads = {
        uploaded: pushed.uploaded.length,
        mounted: pushed.mounted.length,
        skipped: pushed.skipped.length,
        bytes_uploaded: targetClient.stats.bytesUploaded,
        resumed: targetClient.stats.uploadsResumed,
        requests: targetClient.stats.requests,
      };
    } else if (!o.emit && !o.ociLayout)
      findings.push({
        id: 'image/not-written',
        severity: 'notice',
        message:
          'dry run: the image was built but neither pushed (--push) nor written (--oci-layout, --emit)',
      });
    details.digest = digest;
    details.image_ref = `${repo}@${digest}`;

    if (o.maxSizeMb !== undefined && sizeBytes > o.maxSizeMb * MB)
      findings.push({
        id: 'image/too-large',
        severity: 'error',
        message: `the image is ${(sizeBytes / MB).toFixed(1)} MB compressed, over the budget of ${o.maxSizeMb} MB`,
      });
    const failed = findings.some((f) => f.severity === 'error');
    const added = sizeBytes - baseSize;
    const where = o.push
      ? `pushed ${computed.tags.length ? computed.tags.join(', ') : 'by digest'}`
      : o.ociLayout
        ? 'written as an OCI layout'
        : o.emit
          ? 'emitted'
          : 'built (dry run)';
    return {
      status: failed ? 'fail' : findings.some((f) => f.severity === 'warning') ? 'warn' : 'pass',
      title: IMAGE_TITLE,
      summary: `${repo}@${digest.slice(0, 19)}… ${where}: ${(sizeBytes / MB).toFixed(1)} MB (${(added / MB).toFixed(1)} MB over the base), ${manifests.map((m) => m.platform).join(', ')}`,
      metrics: {
        size_bytes: sizeBytes,
        base_size_bytes: baseSize,
        added_bytes: added,
        layers: first.layers.length,
      },
      findings,
      details,
    };
  } finally {
    for (const c of clients) c.close();
  }
}

export { checkLayoutDir };
