/**
 * Commits since the previous release, read as Conventional Commits (conventionalcommits.org 1.0, parsed
 * by `conventional-commits-parser` with the `!` breaking marker): `fix:`/`perf:` bump the patch, `feat:`
 * the minor, `!` or a `BREAKING CHANGE:` footer the major — the semantic-release / release-please rules.
 * GitHub's merge commits ("Merge pull request #12 from …") are read by their second line. A message that
 * is not a conventional commit bumps nothing and is listed as such.
 */
import { CommitParser, type Commit } from 'conventional-commits-parser';
import type { RawCommit } from './git.js';

export type Bump = 'major' | 'minor' | 'patch';

export const BUMP_RANK: Record<Bump, number> = { patch: 1, minor: 2, major: 3 };

export interface ParsedCommit {
  sha: string;
  type?: string;
  scope?: string;
  /** The subject (or the first line when the commit is not conventional). */
  subject: string;
  breaking: boolean;
  /** Texts of `BREAKING CHANGE:` notes (or the subject for a `!` header). */
  breakingNotes: string[];
  conventional: boolean;
  bump?: Bump;
}

const PATCH_TYPES = new Set(['fix', 'perf', 'deps']);

const parser = new CommitParser({
  headerPattern: /^(\w+)(?:\(([^()\r\n]*)\))?!?: (.+)$/,
  breakingHeaderPattern: /^(\w+)(?:\(([^()\r\n]*)\))?!: (.+)$/,
  headerCorrespondence: ['type', 'scope', 'subject'],
  noteKeywords: ['BREAKING CHANGE', 'BREAKING-CHANGE'],
  mergePattern: /^Merge pull request #(\d+) from (.*)$/,
  mergeCorrespondence: ['id', 'source'],
});

/** One commit message read as a conventional commit. */
export function parseCommit(raw: RawCommit): ParsedCommit {
  const firstLine = raw.message.split('\n')[0]?.trim() ?? '';
  let c: Commit;
  try {
    c = parser.parse(raw.message);
  } catch {
    return { sha: raw.sha, subject: firstLine, breaking: false, breakingNotes: [], conventional: false };
  }
  const type = typeof c.type === 'string' && c.type ? c.type.toLowerCase() : undefined;
  if (!type || !c.subject) {
    return { sha: raw.sha, subject: firstLine, breaking: false, breakingNotes: [], conventional: false };
  }
  const breakingNotes = c.notes
    .filter((n) => /^BREAKING[ -]CHANGE$/i.test(n.title))
    .map((n) => n.text.trim() || String(c.subject));
  const breaking = breakingNotes.length > 0;
  const bump: Bump | undefined = breaking
    ? 'major'
    : type === 'feat'
      ? 'minor'
      : PATCH_TYPES.has(type)
        ? 'patch'
        : undefined;
  return {
    sha: raw.sha,
    type,
    scope: typeof c.scope === 'string' && c.scope ? c.scope : undefined,
    subject: String(c.subject).trim(),
    breaking,
    breakingNotes,
    conventional: true,
    bump,
  };
}

/** The largest of some bumps, or undefined. */
export function maxBump(bumps: Iterable<Bump | undefined>): Bump | undefined {
  let best: Bump | undefined;
  for (const b of bumps) if (b && (!best || BUMP_RANK[b] > BUMP_RANK[best])) best = b;
  return best;
}

/** What the commits ask for, and why in words: `minor: 2 feat commits, 1 fix`. */
export function commitBump(commits: readonly ParsedCommit[]): { bump?: Bump; reason: string } {
  const bump = maxBump(commits.map((c) => c.bump));
  const count = (pred: (c: ParsedCommit) => boolean) => commits.filter(pred).length;
  const parts: string[] = [];
  const breaking = count((c) => c.breaking);
  const feats = count((c) => !c.breaking && c.type === 'feat');
  const fixes = count((c) => !c.breaking && c.bump === 'patch');
  if (breaking) parts.push(`${breaking} breaking change${breaking > 1 ? 's' : ''}`);
  if (feats) parts.push(`${feats} feat commit${feats > 1 ? 's' : ''}`);
  if (fixes) parts.push(`${fixes} fix commit${fixes > 1 ? 's' : ''}`);
  if (!bump) {
    const other = commits.length;
    return {
      reason: other
        ? `${other} commit${other > 1 ? 's' : ''}, none of them a fix, feat or breaking change`
        : 'no commits',
    };
  }
  return { bump, reason: `${bump}: ${parts.join(', ')}` };
}

/** `release:major`, `release: minor`, `Release:Patch` -> the bump; other labels -> undefined. */
export function labelBump(label: string): Bump | undefined {
  const m = /^release:\s*(major|minor|patch)$/i.exec(label.trim());
  return m ? (m[1].toLowerCase() as Bump) : undefined;
}
