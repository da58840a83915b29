/**
 * `model-ci release --dry-run` on model repositories made by the tests (git init, commits with
 * conventional messages, tags): the version each history gets, the notes, the provenance file, and every
 * way the input can be wrong — each a one-line error naming what to do, never a stack trace.
 */
import { describe, expect, test } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CheckResult } from '../../../src/core/result.js';
import { cli } from '../../helpers/cli.js';
import { editResult, makeRepo, type FixtureRepo } from '../../helpers/release-fixtures.js';
import { ROOT } from '../../helpers/run-bundle.js';

async function dryRun(repo: FixtureRepo, extra: string[] = [], env: Record<string, string> = {}) {
  const out = join(mkdtempSync(join(tmpdir(), 'out-')), 'release.json');
  const run = await cli(
    ['release', '--results', repo.results, '--dry-run', '--out', out, ...extra],
    repo.dir,
    env,
  );
  const result = existsSync(out) ? (JSON.parse(readFileSync(out, 'utf8')) as CheckResult) : undefined;
  return { ...run, result, details: (result?.details ?? {}) as Record<string, unknown> };
}

describe('model-ci release --dry-run: the version', () => {
  test('the first release is 1.0.0 and prints the version, tag and notes', async () => {
    const repo = makeRepo();
    const run = await dryRun(repo);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.details).toMatchObject({
      version: '1.0.0',
      tag: 'model-v1.0.0',
      previous_tag: '',
      release_url: '',
    });
    expect(run.result?.status).toBe('pass');
    expect(run.stdout).toContain('Dry run: would release model-v1.0.0 (first release)');
    expect(run.stdout).toContain('version   1.0.0\ntag       model-v1.0.0\nprevious  (none: first release)');
    const body = run.details.body as string;
    expect(run.stdout).toContain(body.split('\n')[0]);
    expect(body).toContain('### Model card');
    expect(body).toContain('**Intended use**: Demonstrating model-ci end to end.');
    expect(body).toContain('| roc&#95;auc | 0.7404 |');
    expect(body).toContain(
      '`ghcr.io/acme-ml/churn@sha256:d709454c421575c30bd3972142fbd0a0e054fc4ee6a9b6c302c7492455cf82d2`',
    );
    expect(body).toContain('| `data/eval.csv` | 1000 × – | 19 of 19 expectations met |');
  });

  test.each([
    ['fix: handle an empty eval file', '1.0.1', 'patch: 1 fix commit'],
    ['feat: retrain on December data', '1.1.0', 'minor: 1 feat commit'],
    ['feat(data)!: new input schema', '2.0.0', 'major: 1 breaking change'],
    ['refactor: tidy\n\nBREAKING CHANGE: the output is now a logit', '2.0.0', 'major: 1 breaking change'],
  ])('%j after model-v1.0.0 -> %s', async (message, version, reason) => {
    const repo = makeRepo();
    repo.tag('model-v1.0.0');
    repo.commit('docs: explain the features');
    repo.commit(message);
    const run = await dryRun(repo);
    expect(run.code).toBe(0);
    expect(run.details).toMatchObject({
      version,
      tag: `model-v${version}`,
      previous_tag: 'model-v1.0.0',
      reason,
    });
    expect(run.details.body).toContain(`### Changes since model-v1.0.0`);
  });

  test('the highest semver tag the commit contains is the previous release; lightweight tags count', async () => {
    const repo = makeRepo();
    repo.tag('model-v1.2.0', { annotated: false });
    repo.commit('fix: one');
    repo.tag('model-v1.10.0');
    repo.tag('model-v1'); // a floating major tag: neither a release nor a warning
    repo.commit('fix: two');
    const run = await dryRun(repo);
    expect(run.details).toMatchObject({ version: '1.10.1', previous_tag: 'model-v1.10.0' });
    expect(run.result?.findings).toEqual([]);
  });

  test('tags that are not semver are ignored with a warning naming them', async () => {
    const repo = makeRepo();
    repo.tag('model-v1.0.0');
    repo.tag('model-vlatest', { annotated: false });
    repo.tag('model-v1.1', { annotated: false });
    repo.commit('feat: more');
    const run = await dryRun(repo);
    expect(run.code).toBe(0);
    expect(run.details).toMatchObject({ version: '1.1.0', previous_tag: 'model-v1.0.0' });
    expect(run.result?.status).toBe('warn');
    expect(run.result?.findings.map((f) => f.message)).toEqual([
      'tag model-v1.1 is not model-vX.Y.Z (semantic versioning): ignored when looking for the previous release',
      'tag model-vlatest is not model-vX.Y.Z (semantic versioning): ignored when looking for the previous release',
    ]);
    expect(run.stderr).toContain('warning: tag model-vlatest is not model-vX.Y.Z');
  });

  test('commits that bump nothing release nothing, and say how to release anyway', async () => {
    const repo = makeRepo();
    repo.tag('model-v1.0.0');
    repo.commit('chore: bump the linter');
    repo.commit('Retrain with more data');
    const run = await dryRun(repo);
    expect(run.code).toBe(0);
    expect(run.details).toMatchObject({ version: '', tag: '', released: false });
    expect(run.result?.summary).toBe(
      'Nothing to release since model-v1.0.0: 2 commits, none of them a fix, feat or breaking change (label the pull request release:patch, release:minor or release:major, or give a version)',
    );
  });

  test('a release:major label of the pull request (in the event) wins over the commits', async () => {
    const repo = makeRepo();
    repo.tag('model-v1.0.0');
    repo.commit('fix: small');
    const event = JSON.parse(
      readFileSync(join(ROOT, 'test/fixtures/github/pull_request.opened.json'), 'utf8'),
    );
    event.pull_request.labels = [{ name: 'data' }, { name: 'release:major' }];
    const file = join(mkdtempSync(join(tmpdir(), 'event-')), 'event.json');
    writeFileSync(file, JSON.stringify(event));
    const run = await dryRun(repo, [], { GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: file });
    expect(run.details).toMatchObject({
      version: '2.0.0',
      reason: 'major: pull request label release:major',
    });
  });

  test('an explicit version is used as given, and must be above the previous release', async () => {
    const repo = makeRepo();
    repo.tag('model-v1.4.0');
    repo.commit('fix: x');
    expect((await dryRun(repo, ['--version', 'v2.0.0-rc.1'])).details).toMatchObject({
      version: '2.0.0-rc.1',
      tag: 'model-v2.0.0-rc.1',
    });
    const low = await dryRun(repo, ['--version', '1.3.9']);
    expect(low.code).toBe(2);
    expect(low.stderr).toBe(
      'model-ci: error: --version 1.3.9 is not above the previous release model-v1.4.0: versions only go up\n',
    );
    const bad = await dryRun(repo, ['--version', '2.0']);
    expect(bad.stderr).toBe(
      'model-ci: error: --version: "2.0" is not a semantic version (X.Y.Z, e.g. 1.4.0 or 2.0.0-rc.1)\n',
    );
  });

  test('a commit that already carries a release tag is that release (a re-run), not a new one', async () => {
    const repo = makeRepo();
    repo.tag('model-v1.0.0');
    repo.commit('feat: better model');
    repo.tag('model-v1.1.0');
    const run = await dryRun(repo);
    expect(run.details).toMatchObject({
      version: '1.1.0',
      tag: 'model-v1.1.0',
      previous_tag: 'model-v1.0.0',
      rerun: true,
      reason: 'minor: 1 feat commit',
    });
    const second = await dryRun(repo, ['--version', '1.2.0']);
    expect(second.code).toBe(2);
    expect(second.stderr).toContain(
      'this commit is already released as model-v1.1.0; a commit gets one release',
    );
  });

  test('the tag prefix is configurable; other prefixes are not looked at', async () => {
    const repo = makeRepo();
    repo.tag('v9.9.9');
    repo.tag('churn/v0.3.0');
    repo.commit('feat: x');
    const run = await dryRun(repo, ['--tag-prefix', 'churn/v']);
    expect(run.details).toMatchObject({
      version: '0.4.0',
      tag: 'churn/v0.4.0',
      previous_tag: 'churn/v0.3.0',
    });
    const bad = await dryRun(repo, ['--tag-prefix', '../x']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^model-ci: error: --tag-prefix: "..\/x" is not a usable tag prefix/);
  });
});

describe('model-ci release: gates', () => {
  test('a failing gate refuses the release (exit 1, status fail) and names it', async () => {
    const repo = makeRepo();
    editResult(repo.results, 'gate.json', (r) => {
      r.status = 'fail';
      r.summary = 'Gate failed: roc_auc 0.70 < 0.75';
    });
    const run = await dryRun(repo);
    expect(run.code).toBe(1);
    expect(run.result?.status).toBe('fail');
    expect(run.result?.summary).toBe(
      'Refused: gate failed; model-v1.0.0 was not released (force: true releases anyway, and says so in the notes)',
    );
    expect(run.result?.findings).toEqual([
      {
        id: 'release/refused',
        severity: 'error',
        message: 'gate failed: Gate failed: roc_auc 0.70 < 0.75',
        subject: 'gate',
      },
    ]);
  });

  test('force releases anyway, as a warning, and the notes say so', async () => {
    const repo = makeRepo();
    editResult(repo.results, 'smoke.json', (r) => {
      r.status = 'fail';
      r.summary = 'latency p95 612 ms > 500 ms';
    });
    const run = await dryRun(repo, ['--force']);
    expect(run.code).toBe(0);
    expect(run.result?.status).toBe('warn');
    expect(run.details.body).toContain(
      '> [!WARNING]\n> Released with `force` although **smoke** failed (latency p95 612 ms &gt; 500 ms).',
    );
  });

  test('a drift warning does not refuse; --require names checks that must be there', async () => {
    const repo = makeRepo();
    rmSync(join(repo.results, 'smoke.json'));
    const run = await dryRun(repo, ['--require', 'gate,smoke']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      `model-ci: error: --results ${repo.results}: no smoke result, which the release requires (found: cost, data, drift, gate, image, metrics)\n`,
    );
  });
});

describe('model-ci release: bad input', () => {
  test('missing results folder, a folder without results, or without any gating result', async () => {
    const repo = makeRepo();
    const missing = await cli(['release', '--results', 'nope', '--dry-run'], repo.dir);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe('model-ci: error: --results nope: no such folder\n');
    const empty = mkdtempSync(join(tmpdir(), 'empty-'));
    const none = await cli(['release', '--results', empty, '--dry-run'], repo.dir);
    expect(none.stderr).toMatch(
      /^model-ci: error: --results .*: no model-ci result files \(model-ci run --out-dir writes them;/,
    );
    rmSync(repo.results, { recursive: true });
    const onlyImage = makeRepo();
    for (const f of ['gate.json', 'smoke.json', 'data.json']) rmSync(join(onlyImage.results, f));
    const ungated = await cli(['release', '--results', onlyImage.results, '--dry-run'], onlyImage.dir);
    expect(ungated.code).toBe(2);
    expect(ungated.stderr).toMatch(
      /no gate, smoke, data, lint result: nothing says this commit passed its gates \(found: cost, drift, image, metrics\)\n$/,
    );
  });

  test('a shallow clone without tags says to fetch them', async () => {
    const origin = makeRepo();
    origin.tag('model-v1.0.0');
    origin.commit('feat: x');
    const clone = mkdtempSync(join(tmpdir(), 'shallow-'));
    execFileSync('git', ['clone', '--quiet', '--depth', '1', '--no-tags', `file://${origin.dir}`, clone]);
    const run = await cli(['release', '--results', origin.results, '--dry-run'], clone);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      `model-ci: error: ${clone} is a shallow clone: the version comes from the last release tag and the commits since it, which a shallow clone lacks. Fetch them: "fetch-depth: 0" on actions/checkout (it fetches the tags too), or git fetch --tags --unshallow\n`,
    );
  });

  test('a dirty or detached checkout is refused for a release; a dry run warns and goes on', async () => {
    const repo = makeRepo();
    writeFileSync(join(repo.dir, 'model/weights.bin'), 'not the weights that were evaluated');
    const real = await cli(['release', '--results', repo.results], repo.dir, { GITHUB_TOKEN: 'x' });
    expect(real.code).toBe(2);
    expect(real.stderr).toBe(
      'model-ci: error: the working tree has uncommitted changes to 1 tracked file (model/weights.bin): the release would not be what the commit holds; commit or stash them\n',
    );
    const dry = await dryRun(repo);
    expect(dry.code).toBe(0);
    expect(dry.result?.findings.map((f) => f.id)).toEqual(['release/dirty']);
    repo.git('checkout', '--quiet', '--', 'model/weights.bin');
    repo.commit('fix: y');
    repo.git('checkout', '--quiet', '--detach', 'HEAD~1');
    const detached = await cli(['release', '--results', repo.results], repo.dir);
    expect(detached.code).toBe(2);
    expect(detached.stderr).toMatch(
      /^model-ci: error: HEAD is detached at [0-9a-f]{7}: release from a branch \(on push to main, actions\/checkout checks out the branch; locally: git switch main\)\n$/,
    );
  });

  test('outside a Git repository, and a release without a token', async () => {
    const repo = makeRepo();
    const outside = mkdtempSync(join(tmpdir(), 'plain-'));
    const run = await cli(['release', '--results', repo.results, '--dry-run'], outside);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /is not inside a Git working tree: the release reads the version from Git tags/,
    );
    const noToken = await cli(['release', '--results', repo.results], repo.dir);
    expect(noToken.code).toBe(2);
    expect(noToken.stderr).toBe(
      'model-ci: error: a release needs a GitHub token with "contents: write": the action\'s github-token input, or GITHUB_TOKEN for the CLI (or run with --dry-run)\n',
    );
  });

  test('a version whose tag exists on another commit is refused: a tag is never moved', async () => {
    const repo = makeRepo();
    repo.tag('model-v1.0.0');
    repo.git('checkout', '--quiet', '-b', 'hotfix');
    repo.commit('fix: on another line');
    repo.tag('model-v1.0.1');
    repo.git('checkout', '--quiet', 'main');
    repo.commit('fix: on main');
    const run = await dryRun(repo);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /^model-ci: error: the tag model-v1.0.1 already exists at [0-9a-f]{7}, not at this commit [0-9a-f]{7}: a release tag is never moved \(give another --version\)\n$/,
    );
  });

  test('--provenance may not replace an input', async () => {
    const repo = makeRepo();
    const run = await cli(
      ['release', '--results', repo.results, '--dry-run', '--provenance', join(repo.results, 'gate.json')],
      repo.dir,
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--provenance .*gate\.json is one of the input files; choose another path/);
  });
});
