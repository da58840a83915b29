/**
 * Tags as docker/metadata-action makes them, from the commit and the git ref:
 * - `sha-<7>`: the commit's short sha. On a pull request this is the PR's head commit, not the merge
 *   commit GitHub checks out (GITHUB_SHA), so the tag names a commit that exists in the branch;
 * - the branch name on a branch push (`refs/heads/feature/x` -> `feature-x`);
 * - `pr-<N>` on a pull request (`refs/pull/N/merge`);
 * - `{{version}}`, `{{major}}.{{minor}}` and `{{major}}` on a semver git tag (`refs/tags/v1.2.3`); a
 *   pre-release gets only `{{version}}`, and `0.x` gets no `{{major}}` (as metadata-action does);
 * - `latest`: `auto` on a non-pre-release semver tag only, `true` always, `false` never;
 * - plus the explicit `--tag` values.
 */
import { InputError } from '../../core/errors.js';
import { visible } from '../../core/visible.js';
import { TAG } from './reference.js';

export const TAG_TYPES = ['sha', 'branch', 'pr', 'semver'] as const;
export type TagType = (typeof TAG_TYPES)[number];
export const LATEST_POLICIES = ['auto', 'true', 'false'] as const;

export interface TagContext {
  /** The commit the image is built from (a PR's head sha). */
  sha?: string;
  /** A git ref: `refs/heads/main`, `refs/tags/v1.2.3`, `refs/pull/7/merge`. */
  ref?: string;
  /** Pull request number (overrides the one in `ref`). */
  pr?: number;
}

export interface TagOptions {
  types: readonly TagType[];
  latest: (typeof LATEST_POLICIES)[number];
  explicit: readonly string[];
}

export interface ComputedTags {
  tags: string[];
  /** The image's version for labels: the semver version, else the branch, `pr-N` or the short sha. */
  version?: string;
  semver?: { version: string; major: number; minor: number; patch: number; prerelease: boolean };
}

const SEMVER = /^v?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/;

/** A branch name as a tag: characters a tag cannot hold become `-` (metadata-action's rule). */
export function sanitizeTag(text: string): string {
  return text
    .replace(/[^\w.-]/g, '-')
    .replace(/^[.-]+/, '')
    .slice(0, 128);
}

export function computeTags(ctx: TagContext, o: TagOptions): ComputedTags {
  const tags: string[] = [];
  const add = (t: string) => {
    if (t && !tags.includes(t)) tags.push(t);
  };
  let version: string | undefined;
  let semver: ComputedTags['semver'];
  const ref = ctx.ref ?? '';
  const branch = ref.startsWith('refs/heads/') ? ref.slice('refs/heads/'.length) : undefined;
  const gitTag = ref.startsWith('refs/tags/') ? ref.slice('refs/tags/'.length) : undefined;
  const prMatch = /^refs\/pull\/(\d+)\/(merge|head)$/.exec(ref);
  const pr = ctx.pr ?? (prMatch ? Number(prMatch[1]) : undefined);
  if (gitTag) {
    const m = SEMVER.exec(gitTag);
    if (m) {
      semver = {
        version: gitTag.replace(/^v/, '').replace(/\+.*$/, ''),
        major: +m[1],
        minor: +m[2],
        patch: +m[3],
        prerelease: !!m[4],
      };
      version = semver.version;
    }
  }
  if (o.types.includes('semver') && semver) {
    add(semver.version);
    if (!semver.prerelease) {
      add(`${semver.major}.${semver.minor}`);
      if (semver.major > 0) add(`${semver.major}`);
    }
  }
  if (o.types.includes('branch') && branch) {
    add(sanitizeTag(branch));
    version ??= sanitizeTag(branch);
  }
  if (o.types.includes('pr') && pr !== undefined) {
    add(`pr-${pr}`);
    version ??= `pr-${pr}`;
  }
  if (o.types.includes('sha') && ctx.sha) {
    if (!/^[0-9a-f]{7,64}$/i.test(ctx.sha))
      throw new InputError(`sha: expected a git commit sha, got "${visible(ctx.sha)}"`);
    add(`sha-${ctx.sha.slice(0, 7).toLowerCase()}`);
    version ??= `sha-${ctx.sha.slice(0, 7).toLowerCase()}`;
  }
  for (const t of o.explicit) {
    if (!TAG.test(t))
      throw new InputError(
        `tag: "${visible(t)}" is not a valid tag (letters, digits, _ . -, at most 128, not starting with . or -)`,
      );
    add(t);
  }
  if (o.latest === 'true' || (o.latest === 'auto' && semver && !semver.prerelease)) add('latest');
  return { tags, version: version ?? o.explicit[0], ...(semver ? { semver } : {}) };
}
