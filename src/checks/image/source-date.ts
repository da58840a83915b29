/**
 * The one timestamp of a build: every file's mtime in the layers and the config's `created`. It comes
 * from SOURCE_DATE_EPOCH when set (reproducible-builds.org), else from git: the time of the last commit
 * that changed the model files, so an unrelated commit gives the very same layers; else the HEAD commit;
 * else 0 (1970-01-01), which is still reproducible.
 */
import { execFileSync } from 'node:child_process';
import { InputError } from '../../core/errors.js';

export interface SourceDate {
  epoch: number;
  source: 'SOURCE_DATE_EPOCH' | 'git (last commit of the model files)' | 'git (HEAD)' | 'none';
}

function git(root: string, args: string[]): string | undefined {
  try {
    return execFileSync('git', ['-C', root, ...args], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      timeout: 10_000,
    }).trim();
  } catch {
    return undefined;
  }
}

export function sourceDate(given: string | undefined, root: string, paths: readonly string[]): SourceDate {
  if (given !== undefined && given.trim() !== '') {
    if (!/^\d{1,12}$/.test(given.trim()))
      throw new InputError(
        `SOURCE_DATE_EPOCH: expected whole seconds since 1970, got "${given.slice(0, 40)}"`,
      );
    return { epoch: Number(given.trim()), source: 'SOURCE_DATE_EPOCH' };
  }
  const files = git(root, ['log', '-1', '--format=%ct', '--', ...paths]);
  if (files && /^\d+$/.test(files))
    return { epoch: Number(files), source: 'git (last commit of the model files)' };
  const head = git(root, ['log', '-1', '--format=%ct']);
  if (head && /^\d+$/.test(head)) return { epoch: Number(head), source: 'git (HEAD)' };
  return { epoch: 0, source: 'none' };
}

/** The HEAD commit of the repository at `root`, when it is one. */
export function gitHead(root: string): string | undefined {
  const sha = git(root, ['rev-parse', 'HEAD']);
  return sha && /^[0-9a-f]{40,64}$/.test(sha) ? sha : undefined;
}
