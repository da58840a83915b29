/**
 * scripts/release-tag.mjs, this repository's own release tagging, on a repository made by the test with a
 * bare remote: vX.Y.Z is tagged and pushed, vX follows the newest release of its line (never a
 * pre-release or a backport), and every precondition is a one-line refusal.
 */
import { describe, expect, test } from '@jest/globals';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../helpers/run-bundle.js';

const SCRIPT = join(ROOT, 'scripts/release-tag.mjs');
const ENV = {
  ...process.env,
  GIT_AUTHOR_NAME: 'Maintainer',
  GIT_AUTHOR_EMAIL: 'm@example.com',
  GIT_COMMITTER_NAME: 'Maintainer',
  GIT_COMMITTER_EMAIL: 'm@example.com',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
};

function setup(version: string) {
  const remote = mkdtempSync(join(tmpdir(), 'remote-'));
  execFileSync('git', ['init', '--quiet', '--bare', remote], { env: ENV });
  const dir = mkdtempSync(join(tmpdir(), 'model-ci-'));
  const git = (...a: string[]) => execFileSync('git', a, { cwd: dir, env: ENV, encoding: 'utf8' }).trim();
  git('init', '--quiet', '--initial-branch=main');
  git('remote', 'add', 'origin', remote);
  const bump = (v: string) => {
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'model-ci', version: v }, null, 2));
    mkdirSync(join(dir, 'src/core'), { recursive: true });
    writeFileSync(join(dir, 'src/core/version.ts'), `export const TOOL_VERSION = '${v}';\n`);
    mkdirSync(join(dir, 'dist/cli'), { recursive: true });
    writeFileSync(join(dir, 'dist/cli/index.js'), `// ${v}\n`);
    git('add', '-A');
    git('commit', '--quiet', '-m', `chore: release ${v}`);
    return git('rev-parse', 'HEAD');
  };
  bump(version);
  git('push', '--quiet', 'origin', 'main');
  const run = (...a: string[]) => {
    const r = spawnSync(process.execPath, [SCRIPT, ...a], { cwd: dir, env: ENV, encoding: 'utf8' });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };
  const remoteTag = (t: string) =>
    execFileSync('git', ['rev-parse', `refs/tags/${t}^{commit}`], {
      cwd: remote,
      env: ENV,
      encoding: 'utf8',
    }).trim();
  return { dir, git, bump, run, remoteTag };
}

describe('scripts/release-tag.mjs', () => {
  test('tags vX.Y.Z, moves vX, pushes both; the next release moves vX again', () => {
    const r = setup('1.0.0');
    const first = r.run('1.0.0', '--push');
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const head = r.git('rev-parse', 'HEAD');
    expect(first.stdout).toBe(
      `tag v1.0.0 at ${head.slice(0, 12)}; move v1 to v1.0.0; push v1.0.0 and v1 to origin\n`,
    );
    expect(r.git('cat-file', '-t', 'v1.0.0')).toBe('tag'); // annotated
    expect(r.remoteTag('v1.0.0')).toBe(head);
    expect(r.remoteTag('v1')).toBe(head);

    const next = r.bump('1.1.0');
    expect(r.run('1.1.0', '--push').code).toBe(0);
    expect(r.remoteTag('v1')).toBe(next);
    expect(r.remoteTag('v1.0.0')).toBe(head);
  });

  test('a pre-release or a backport leaves vX where it is', () => {
    const r = setup('2.0.0');
    expect(r.run('2.0.0').code).toBe(0);
    const at = r.git('rev-parse', 'v2^{commit}');
    r.bump('2.1.0-rc.1');
    expect(r.run('2.1.0-rc.1').stdout).toMatch(/leave v2 \(a pre-release\)/);
    expect(r.git('rev-parse', 'v2^{commit}')).toBe(at);
    r.git('tag', '-a', 'v2.3.0', '-m', 'later line');
    r.bump('2.2.1');
    expect(r.run('2.2.1').stdout).toMatch(/leave v2 \(v2\.3\.0 is newer\)/);
  });

  test.each([
    [['1.0'], '"1.0" is not a semantic version X.Y.Z'],
    [['9.9.9'], 'package.json says 1.0.0, not 9.9.9: bump it (and src/core/version.ts) in a commit first'],
    [[], 'give the version to release, e.g. node scripts/release-tag.mjs 1.2.0'],
    [
      ['1.0.0', '--force'],
      'unknown option --force (options: --push, --dry-run, --remote NAME, --branch NAME)',
    ],
  ])('%j is refused', (argv, message) => {
    const r = setup('1.0.0');
    const run = r.run(...argv);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(`release-tag: ${message}\n`);
  });

  test('a dirty tree, another branch or an existing tag is refused; --dry-run only tells', () => {
    const r = setup('1.0.0');
    writeFileSync(join(r.dir, 'package.json'), '{"version":"1.0.0","x":1}');
    expect(r.run('1.0.0').stderr).toMatch(
      /^release-tag: the working tree has uncommitted changes:\n M package.json\n$/,
    );
    r.git('checkout', '--quiet', '--', 'package.json');
    r.git('checkout', '--quiet', '-b', 'feature');
    expect(r.run('1.0.0').stderr).toBe('release-tag: HEAD is on feature; releases are tagged on main\n');
    r.git('checkout', '--quiet', 'main');
    expect(r.run('1.0.0', '--dry-run').stdout).toMatch(
      /^would tag v1\.0\.0 at [0-9a-f]{12}; move v1 to v1\.0\.0\n$/,
    );
    expect(r.git('tag', '--list')).toBe('');
    expect(r.run('1.0.0').code).toBe(0);
    expect(r.run('1.0.0').stderr).toBe('release-tag: v1.0.0 already exists: a release tag is never moved\n');
  });
});
