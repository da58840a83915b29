/**
 * The built image's config and manifest: the base's config with our layers' diff_ids and history
 * appended, and the serving settings: Env (PORT, MODEL_PATH, MODEL_DIGEST, …), a non-root User,
 * ExposedPorts 8000/tcp, WorkingDir /app, Cmd in exec form, a Healthcheck that asks /health, StopSignal
 * SIGTERM, and Labels. Serialised with a fixed key order and no whitespace, so equal inputs give equal
 * bytes and digests.
 */
import { InputError } from '../../core/errors.js';
import { visible } from '../../core/visible.js';
import { APP_DIR, SERVER_FILE } from './app-files.js';
import type { BasePlatformImage } from './base-image.js';
import type { BuiltLayer } from './layer.js';
import {
  DOCKER_CONFIG,
  DOCKER_LAYER_GZIP,
  DOCKER_MANIFEST,
  OCI_CONFIG,
  OCI_LAYER_GZIP,
  OCI_MANIFEST,
  type Descriptor,
} from './media-types.js';

export interface ServingConfig {
  user: string;
  port: number;
  env: Record<string, string>;
  labels: Record<string, string>;
  created: string;
}

/** `K=V` entries to a map (later entries win); @throws InputError naming `where` for an entry without `=`. */
export function keyValues(entries: readonly string[], where: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of entries) {
    const eq = e.indexOf('=');
    if (eq <= 0) throw new InputError(`${where}: expected KEY=VALUE, got "${visible(e)}"`);
    out[e.slice(0, eq).trim()] = e.slice(eq + 1);
  }
  return out;
}

/** A user that is not root: `NAME`, `UID` or `UID:GID`, never `root`, `0` or `0:…`. */
export function checkUser(user: string): string {
  const u = user.trim();
  if (!/^[\w.-]+(:[\w.-]+)?$/.test(u))
    throw new InputError(`user: expected NAME, UID or UID:GID, got "${visible(user)}"`);
  const name = u.split(':')[0];
  if (name === 'root' || name === '0')
    throw new InputError(
      'user: the serving image must not run as root; give a non-root UID:GID such as 65532:65532',
    );
  return u;
}

function mergeEnv(base: unknown, ours: Record<string, string>): string[] {
  const list = Array.isArray(base) ? (base as string[]).filter((x) => typeof x === 'string') : [];
  const keys = new Set(Object.keys(ours));
  return [
    ...list.filter((e) => !keys.has(e.split('=')[0])),
    ...Object.entries(ours).map(([k, v]) => `${k}=${v}`),
  ];
}

function sortedObject(o: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** The new config for one platform. */
export function buildConfig(
  base: BasePlatformImage,
  layers: readonly BuiltLayer[],
  s: ServingConfig,
): Record<string, unknown> {
  const baseInner = (base.config.config ?? {}) as Record<string, unknown>;
  const rootfs = (base.config.rootfs ?? {}) as { diff_ids?: string[] };
  const history = Array.isArray(base.config.history) ? (base.config.history as unknown[]) : [];
  const inner: Record<string, unknown> = {
    User: s.user,
    ExposedPorts: { ...((baseInner.ExposedPorts as object) ?? {}), [`${s.port}/tcp`]: {} },
    Env: mergeEnv(baseInner.Env, s.env),
    Cmd: ['node', `/${APP_DIR}/${SERVER_FILE}`],
    WorkingDir: `/${APP_DIR}`,
    Labels: sortedObject({ ...((baseInner.Labels as Record<string, string>) ?? {}), ...s.labels }),
    StopSignal: 'SIGTERM',
    Healthcheck: {
      Test: ['CMD', 'node', `/${APP_DIR}/${SERVER_FILE}`, '--healthcheck'],
      Interval: 30_000_000_000,
      Timeout: 5_000_000_000,
      StartPeriod: 10_000_000_000,
      Retries: 3,
    },
  };
  if (baseInner.Volumes) inner.Volumes = baseInner.Volumes;
  const config: Record<string, unknown> = {
    created: s.created,
    architecture: base.platform.architecture,
    ...(base.platform.variant ? { variant: base.platform.variant } : {}),
    os: base.platform.os,
    ...(base.config['os.version'] ? { 'os.version': base.config['os.version'] } : {}),
    config: inner,
    rootfs: { type: 'layers', diff_ids: [...(rootfs.diff_ids ?? []), ...layers.map((l) => l.diffId)] },
    history: [
      ...history,
      ...layers.map((l) => ({
        created: s.created,
        created_by:
          l.role === 'app'
            ? 'model-ci image: serving app (/app)'
            : 'model-ci image: model files (/app/model)',
        comment: `${l.files} files`,
      })),
    ],
  };
  return config;
}

export function canonicalJson(value: unknown): Buffer {
  return Buffer.from(JSON.stringify(value), 'utf8');
}

/** The new manifest: the base's layers, then ours (model last), in the base's media-type family. */
export function buildManifest(
  base: BasePlatformImage,
  layers: readonly BuiltLayer[],
  config: { digest: string; size: number },
  family: 'oci' | 'docker',
  annotations: Record<string, string>,
): { bytes: Buffer; mediaType: string } {
  const oci = family === 'oci';
  const layerType = oci ? OCI_LAYER_GZIP : DOCKER_LAYER_GZIP;
  const baseLayers: Descriptor[] = base.manifest.layers.map((l) => ({
    mediaType: l.mediaType,
    digest: l.digest,
    size: l.size,
    ...(l.annotations && oci ? { annotations: l.annotations } : {}),
  }));
  const mediaType = oci ? OCI_MANIFEST : DOCKER_MANIFEST;
  const manifest: Record<string, unknown> = {
    schemaVersion: 2,
    mediaType,
    config: { mediaType: oci ? OCI_CONFIG : DOCKER_CONFIG, digest: config.digest, size: config.size },
    layers: [...baseLayers, ...layers.map((l) => ({ mediaType: layerType, digest: l.digest, size: l.size }))],
    ...(oci && Object.keys(annotations).length ? { annotations: sortedObject(annotations) } : {}),
  };
  return { bytes: canonicalJson(manifest), mediaType };
}
