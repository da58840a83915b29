/**
 * What the release reads from the local Git repository: where it is, the commit checked out and whether
 * the checkout is fit to release (not dirty, not detached, not shallow), the release tags, and the commits
 * since the previous release. Git runs with argument arrays (execFile, never a shell), with prompts off
 * and a fixed locale; every name passed to it was validated first (the tag prefix, semver versions).
 */
import { execFile } from 'node:child_process';
import { InputError, ModelCiError } from '../../core/errors.js';
import { visible } from '../../core/visible.js';

export interface GitResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run git in `cwd`; resolves with the exit code (a missing git binary is an InputError). */
export function runGit(cwd: string, args: readonly string[]): Promise<GitResult> {
  return new Promise((resolve, reject) => {
    execFile(
      'git',
      [...args],
      {
        cwd,
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
        timeout: 60_000,
        env: { ...process.env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C', GIT_PAGER: 'cat' },
      },
      (error, stdout, stderr) => {
        const e = error as (NodeJS.ErrnoException & { code?: number | string }) | null;
        if (e && e.code === 'ENOENT')
          return reject(
            new InputError('git is not installed (or not on PATH): the release reads the Git history'),
          );
        resolve({ code: e ? (typeof e.code === 'number' ? e.code : 1) : 0, stdout, stderr });
      },
    );
  });
}

async function git(cwd: string, args: readonly string[], what: string): Promise<string> {
  const r = await runGit(cwd, args);
  if (r.code !== 0)
    throw new ModelCiError(
      `git ${what} failed: ${visible(r.stderr.trim().split('\n')[0] ?? '').slice(0, 300)}`,
    );
  return r.stdout;
}

export interface RepoState {
  /** The working tree's top folder. */
  root: string;
  /** The commit checked out (40 hex). */
  head: string;
  /** The branch checked out, or undefined when HEAD is detached. */
  branch?: string;
  /** Tracked files with uncommitted changes (`git status --porcelain`, at most 20). */
  dirty: string[];
  shallow: boolean;
}

/** The repository around `cwd` and the state of its checkout. */
export async function readRepoState(cwd: string): Promise<RepoState> {
  const top = await runGit(cwd, ['rev-parse', '--show-toplevel']);
  if (top.code !== 0)
    throw new InputError(
      `${cwd} is not inside a Git working tree: the release reads the version from Git tags (run it in the repository, after actions/checkout)`,
    );
  const root = top.stdout.trim();
  const head = await runGit(root, ['rev-parse', '--verify', '--quiet', 'HEAD^{commit}']);
  if (head.code !== 0) throw new InputError(`${root}: the repository has no commit yet; nothing to release`);
  const branch = await runGit(root, ['symbolic-ref', '--quiet', '--short', 'HEAD']);
  const status = await git(root, ['status', '--porcelain=v1', '-z', '--untracked-files=no'], 'status');
  const shallow = await git(root, ['rev-parse', '--is-shallow-repository'], 'rev-parse');
  return {
    root,
    head: head.stdout.trim(),
    branch: branch.code === 0 ? branch.stdout.trim() : undefined,
    dirty: status
      .split('\0')
      .filter((s) => s.length > 3)
      .map((s) => s.slice(3))
      .slice(0, 20),
    shallow: shallow.trim() === 'true',
  };
}

export interface TagRef {
  name: string;
  /** The commit the tag names (annotated tags peeled). */
  commit: string;
}

/** Every tag whose name starts with `prefix`, with the commit it names. */
export async function listTags(root: string, prefix: string): Promise<TagRef[]> {
  const out = await git(
    root,
    ['for-each-ref', '--format=%(refname:strip=2)%00%(objectname)%00%(*objectname)', `refs/tags/${prefix}*`],
    'for-each-ref',
  );
  return out
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [name, object, peeled] = line.split('\0');
      return { name, commit: peeled || object };
    })
    .filter((t) => t.name.startsWith(prefix));
}

/** Names of the tags starting with `prefix` that HEAD contains (the tag's commit is HEAD or an ancestor). */
export async function mergedTagNames(root: string, prefix: string): Promise<Set<string>> {
  const out = await git(root, ['tag', '--merged', 'HEAD', '--list', `${prefix}*`], 'tag --merged');
  return new Set(out.split('\n').filter(Boolean));
}

export interface RawCommit {
  sha: string;
  message: string;
}

/**
 * The commits reachable from HEAD and not from `since` (a commit; all of them when undefined), newest
 * first, at most `max` (and whether there were more).
 */
export async function commitsSince(
  root: string,
  since: string | undefined,
  max = 1000,
): Promise<{ commits: RawCommit[]; truncated: boolean }> {
  const range = since ? `${since}..HEAD` : 'HEAD';
  const out = await git(root, ['log', '-z', '--format=%H%n%B', `--max-count=${max + 1}`, range, '--'], 'log');
  const commits = out
    .split('\0')
    .filter((s) => s.trim() !== '')
    .map((s) => {
      const nl = s.indexOf('\n');
      return {
        sha: s.slice(0, nl < 0 ? s.length : nl).trim(),
        message: nl < 0 ? '' : s.slice(nl + 1).trim(),
      };
    })
    .filter((c) => /^[0-9a-f]{40,64}$/.test(c.sha));
  return { commits: commits.slice(0, max), truncated: commits.length > max };
}

/** The committer time of a commit, ISO 8601 in UTC. */
export async function commitTime(root: string, commit: string): Promise<string> {
  const out = (await git(root, ['show', '-s', '--format=%ct', commit, '--'], 'show')).trim();
  return new Date(Number(out) * 1000).toISOString().replace(/\.000Z$/, 'Z');
}

/** `OWNER/REPO` from the `origin` remote's URL (https, ssh or scp-like), or undefined. */
export async function originRepository(root: string): Promise<string | undefined> {
  const r = await runGit(root, ['remote', 'get-url', 'origin']);
  if (r.code !== 0) return undefined;
  const url = r.stdout.trim();
  const m = /[/:]([^/:]+)\/([^/]+?)(?:\.git)?\/?$/.exec(url);
  return m ? `${m[1]}/${m[2]}` : undefined;
}
