/**
 * Model repositories for the release tests, made by the tests: `git init`, the demo's model files, model
 * card and evaluation data, commits with the messages a test asks for (Conventional Commits or not) at
 * pinned dates, and tags. Beside each repository a results folder: the demo's committed base results
 * (real files written by `model-ci run`) pointed at this repository's model and data, plus an image
 * result, as the release job downloads them from the checks' jobs.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toJsonText, type CheckResult } from '../../src/core/result.js';
import type { GitHubDouble } from './github-double.js';
import { DEMO_BASE } from './report-fixtures.js';
import { ROOT } from './run-bundle.js';

const DEMO = join(ROOT, 'workflows-examples/demo');

const GIT_ENV = {
  GIT_AUTHOR_NAME: 'Dana Data',
  GIT_AUTHOR_EMAIL: 'dana@example.com',
  GIT_COMMITTER_NAME: 'Dana Data',
  GIT_COMMITTER_EMAIL: 'dana@example.com',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
};

export interface FixtureRepo {
  dir: string;
  /** Results folder of the current commit (outside the repository). */
  results: string;
  git(...args: string[]): string;
  /** Commit a change (a new file named after the commit count) with `message`; returns the sha. */
  commit(message: string, files?: Record<string, string>): string;
  tag(name: string, options?: { annotated?: boolean; at?: string }): void;
  head(): string;
}

let day = 0;

export function makeRepo(): FixtureRepo {
  const dir = mkdtempSync(join(tmpdir(), 'model-repo-'));
  const env = { ...process.env, ...GIT_ENV };
  const git = (...args: string[]) =>
    execFileSync('git', args, {
      cwd: dir,
      env: { ...env, GIT_AUTHOR_DATE: date(), GIT_COMMITTER_DATE: date() },
      encoding: 'utf8',
    }).trim();
  const date = () => new Date(Date.UTC(2026, 0, 1) + day * 3600_000).toISOString();
  git('init', '--quiet', '--initial-branch=main');
  mkdirSync(join(dir, 'model'));
  for (const f of ['model.json', 'weights.bin', 'preprocessing.json'])
    cpSync(join(DEMO, 'model', f), join(dir, 'model', f));
  mkdirSync(join(dir, 'data'));
  cpSync(join(DEMO, 'data/eval.csv'), join(dir, 'data/eval.csv'));
  cpSync(join(DEMO, 'README.md'), join(dir, 'README.md'));
  cpSync(join(DEMO, 'LICENSE'), join(dir, 'LICENSE'));
  git('add', '-A');
  git('commit', '--quiet', '-m', 'feat: churn model with its card and evaluation data');
  let n = 0;
  const repo: FixtureRepo = {
    dir,
    results: makeResults(dir),
    git,
    commit(message, files) {
      day++;
      const changes = files ?? { [`notes/change-${++n}.md`]: `${message}\n` };
      for (const [name, text] of Object.entries(changes)) {
        mkdirSync(join(dir, name, '..'), { recursive: true });
        writeFileSync(join(dir, name), text);
      }
      git('add', '-A');
      git('commit', '--quiet', '-m', message);
      return git('rev-parse', 'HEAD');
    },
    tag(name, options = {}) {
      const at = options.at ?? 'HEAD';
      if (options.annotated === false) git('tag', name, at);
      else git('tag', '-a', name, '-m', `${name}`, at);
    },
    head: () => git('rev-parse', 'HEAD'),
  };
  return repo;
}

/** An image result as `model-ci image` writes one (its digest as the registry would report it). */
export function imageResult(): CheckResult {
  const digest = 'sha256:d709454c421575c30bd3972142fbd0a0e054fc4ee6a9b6c302c7492455cf82d2';
  return {
    schema: 'model-ci/result@1',
    check: 'image',
    status: 'pass',
    title: 'Serving image',
    summary: `ghcr.io/acme-ml/churn@${digest.slice(0, 19)}… pushed: 44.0 MB (1.3 MB over the base), linux/amd64`,
    metrics: { size_bytes: 44005381, base_size_bytes: 42691073, added_bytes: 1314308, layers: 3 },
    findings: [],
    details: {
      repository: 'ghcr.io/acme-ml/churn',
      tags: ['ghcr.io/acme-ml/churn:sha-1a2b3c4', 'ghcr.io/acme-ml/churn:main'],
      platforms: ['linux/amd64'],
      pushed: true,
      digest,
      image_ref: `ghcr.io/acme-ml/churn@${digest}`,
    },
    inputs: {
      model: 'model/model.json',
      include: ['preprocessing.json'],
      repository: 'ghcr.io/acme-ml/churn',
    },
    startedAt: '2026-11-25T11:00:00.000Z',
    durationMs: 2100,
    tool: { name: 'model-ci', version: '0.1.0' },
  };
}

/**
 * The demo's base results, their model and data paths pointed into `repoDir` (relative to it, as a
 * workflow's results name them), plus an image result.
 */
export function makeResults(repoDir: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'results-'));
  for (const f of readdirSync(DEMO_BASE)) {
    const r = JSON.parse(readFileSync(join(DEMO_BASE, f), 'utf8')) as CheckResult;
    if (typeof r.inputs.model === 'string') r.inputs.model = 'model/model.json';
    if (typeof r.inputs.data === 'string') r.inputs.data = join(repoDir, 'data/eval.csv');
    for (const k of ['reference', 'current']) if (typeof r.inputs[k] === 'string') delete r.inputs[k];
    writeFileSync(join(dir, f), toJsonText(r));
  }
  writeFileSync(join(dir, 'image.json'), toJsonText(imageResult()));
  return dir;
}

/** Change one result of a results folder. */
export function editResult(dir: string, file: string, edit: (r: CheckResult) => void): void {
  const r = JSON.parse(readFileSync(join(dir, file), 'utf8')) as CheckResult;
  edit(r);
  writeFileSync(join(dir, file), toJsonText(r));
}

/** Tell the double about the repository's commits, as a push to `main` would. */
export function pushTo(
  double: GitHubDouble,
  repo: FixtureRepo,
  owner = 'acme-ml',
  name = 'churn-model',
): void {
  const log = repo.git('log', '--format=%H%x1f%P%x1f%s', 'HEAD');
  const commits = log
    .split('\n')
    .reverse()
    .map((line) => {
      const [sha, parents, message] = line.split('\x1f');
      return { sha, parents: parents ? parents.split(' ') : [], message };
    });
  double.git.push(owner, name, commits);
}
