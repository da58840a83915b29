/**
 * Image references as users write them: `ghcr.io/acme/churn:1.2`, `localhost:5000/base/node@sha256:…`,
 * `node:20-slim` (Docker Hub), and `oci:PATH[:TAG]` for a local OCI image layout. Parsing follows the
 * distribution reference grammar (a first component with a `.` or `:`, or `localhost`, is a registry).
 */
import { InputError } from '../../core/errors.js';
import { visible } from '../../core/visible.js';

export interface RegistryReference {
  kind: 'registry';
  /** Registry host as written (`ghcr.io`, `127.0.0.1:5000`, `docker.io`). */
  registry: string;
  /** Repository path (`acme/churn`, `library/node`). */
  repository: string;
  tag?: string;
  digest?: string;
}

export interface LayoutReference {
  kind: 'oci-layout';
  /** The layout's folder as written. */
  path: string;
  /** `org.opencontainers.image.ref.name` in its index.json (default: the only image). */
  tag?: string;
}

export type ImageReference = RegistryReference | LayoutReference;

const COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
export const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^sha256:[a-f0-9]{64}$/;

/** Docker Hub's API host for `docker.io` references. */
export function apiHost(registry: string): string {
  return registry === 'docker.io' || registry === 'index.docker.io' ? 'registry-1.docker.io' : registry;
}

/** `host/name` (the part before a tag or digest). */
export function repositoryOf(ref: RegistryReference): string {
  return `${ref.registry}/${ref.repository}`;
}

export function formatReference(ref: RegistryReference): string {
  return `${repositoryOf(ref)}${ref.tag ? `:${ref.tag}` : ''}${ref.digest ? `@${ref.digest}` : ''}`;
}

/**
 * Parse a repository without tag or digest (`--repository ghcr.io/acme/churn`).
 * @throws InputError naming `where` and what is allowed
 */
export function parseRepository(text: string, where: string): RegistryReference {
  const ref = parseReference(text, where);
  if (ref.kind !== 'registry' || ref.tag || ref.digest)
    throw new InputError(
      `${where}: expected a repository such as ghcr.io/OWNER/NAME without a tag, got "${visible(text)}"`,
    );
  return ref;
}

/**
 * Parse an image reference.
 * @example parseReference('node:20', '--base') // {kind:'registry', registry:'docker.io', repository:'library/node', tag:'20'}
 * @throws InputError naming `where`, the bad value and the expected form
 */
export function parseReference(text: string, where: string): ImageReference {
  const t = text.trim();
  const bad = (why: string) =>
    new InputError(
      `${where}: "${visible(text)}" is not an image reference (${why}); expected HOST/NAME[:TAG][@sha256:…] or oci:DIR[:TAG]`,
    );
  if (t.startsWith('oci:')) {
    const rest = t.slice(4);
    const m = /^(.*?)(?::([\w][\w.-]{0,127}))?$/.exec(rest);
    if (!m || m[1] === '') throw bad('no folder after oci:');
    return { kind: 'oci-layout', path: m[1], ...(m[2] ? { tag: m[2] } : {}) };
  }
  if (t === '' || /\s/.test(t)) throw bad('empty or containing spaces');
  let rest = t;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest)) throw bad('the digest must be sha256: and 64 hex digits');
  }
  let tag: string | undefined;
  const slash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  if (colon > slash) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG.test(tag)) throw bad(`tag "${tag}" must match [A-Za-z0-9_][A-Za-z0-9_.-]{0,127}`);
  }
  const parts = rest.split('/');
  let registry = 'docker.io';
  if (parts.length > 1 && (/[.:]/.test(parts[0]) || parts[0] === 'localhost')) registry = parts.shift()!;
  if (!/^[A-Za-z0-9.-]+(:\d+)?$|^\[[0-9a-fA-F:]+\](:\d+)?$/.test(registry))
    throw bad(`bad registry host "${registry}"`);
  for (const p of parts)
    if (!COMPONENT.test(p)) throw bad(`"${p}" must be lower-case letters, digits and separators`);
  if (registry === 'docker.io' && parts.length === 1) parts.unshift('library');
  return {
    kind: 'registry',
    registry,
    repository: parts.join('/'),
    ...(tag ? { tag } : {}),
    ...(digest ? { digest } : {}),
  };
}

/** Hosts spoken to over plain HTTP without being listed: this machine (as Docker does). */
export function isLoopback(registry: string): boolean {
  const host = registry.replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}
