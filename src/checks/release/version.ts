/**
 * Release versions from tags: `<prefix>X.Y.Z` tags are releases (semver 2.0 as npm's `semver` reads it,
 * strictly); `<prefix><major>` tags are the floating major tags this tool moves; any other tag with the
 * prefix is ignored with a warning. The next version is the previous one bumped (by labels, else by
 * commits), or the version given.
 */
import semver from 'semver';
import { InputError } from '../../core/errors.js';
import { visible } from '../../core/visible.js';
import type { Bump } from './commits.js';
import type { TagRef } from './git.js';

export interface ReleaseTag {
  name: string;
  version: string;
  commit: string;
}

export interface ClassifiedTags {
  /** Release tags, highest version first. */
  releases: ReleaseTag[];
  /** Floating major tags (`model-v1`). */
  floating: TagRef[];
  /** One warning per tag with the prefix that is neither. */
  ignored: string[];
}

/** Sort tags with the prefix into releases, floating majors and the rest (warned about). */
export function classifyTags(tags: readonly TagRef[], prefix: string): ClassifiedTags {
  const out: ClassifiedTags = { releases: [], floating: [], ignored: [] };
  for (const t of tags) {
    if (!t.name.startsWith(prefix)) continue;
    const rest = t.name.slice(prefix.length);
    if (/^(0|[1-9]\d{0,8})$/.test(rest)) {
      out.floating.push(t);
      continue;
    }
    const v = semver.valid(rest);
    if (v && v === rest) out.releases.push({ name: t.name, version: v, commit: t.commit });
    else
      out.ignored.push(
        `tag ${visible(t.name)} is not ${prefix}X.Y.Z (semantic versioning): ignored when looking for the previous release`,
      );
  }
  out.releases.sort((a, b) => semver.rcompare(a.version, b.version));
  return out;
}

/** A version as given (`1.2.0` or `v1.2.0`), checked; throws InputError naming `where`. */
export function parseVersion(text: string, where: string): string {
  const t = text.trim().replace(/^v(?=\d)/, '');
  const v = semver.valid(t);
  if (!v || v !== t)
    throw new InputError(
      `${where}: ${JSON.stringify(text.slice(0, 60))} is not a semantic version (X.Y.Z, e.g. 1.4.0 or 2.0.0-rc.1)`,
    );
  return v;
}

/** The version the release gets when nothing was released before. */
export const FIRST_VERSION = '1.0.0';

/** `previous` bumped; a pre-release is promoted to its release by any bump (semver's `inc`). */
export function bumpVersion(previous: string, bump: Bump): string {
  const next = semver.inc(previous, bump);
  if (!next) throw new InputError(`cannot bump ${previous} by ${bump}`);
  return next;
}

export function isPrerelease(version: string): boolean {
  return (semver.prerelease(version)?.length ?? 0) > 0;
}

export function majorOf(version: string): number {
  return semver.major(version);
}

export function greaterThan(a: string, b: string): boolean {
  return semver.gt(a, b);
}
