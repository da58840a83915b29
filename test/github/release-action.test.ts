/**
 * actions/release against the GitHub API double (every request validated against GitHub's OpenAPI
 * description, every answer against its response schema), on model repositories made by the tests and
 * "pushed" to the double. What a release creates (an annotated tag on the exact commit, a published
 * release, its assets on the uploads host), that it creates it once however often it runs, and that a
 * 502 in the middle leaves nothing a re-run cannot complete.
 */
import { afterAll, afterEach, beforeAll, describe, expect, test } from '@jest/globals';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runReleaseAction } from '../../src/actions/release.js';
import type { CheckResult } from '../../src/core/result.js';
import { fakeActionIo, type FakeRun } from '../helpers/fake-action-io.js';
import { GitHubDouble } from '../helpers/github-double.js';
import { editResult, makeRepo, pushTo, type FixtureRepo } from '../helpers/release-fixtures.js';
import { ROOT } from '../helpers/run-bundle.js';

let double: GitHubDouble;
let n = 0;
beforeAll(async () => {
  double = await GitHubDouble.start();
});
afterAll(() => double.close());
afterEach(() => {
  // Every request matched GitHub's description and every answer its schema (reset: one test's problem
  // is reported once).
  const problems = double.problems.splice(0);
  expect(problems).toEqual([]);
});

const OWNER = 'acme-ml';
const WRITES = new Set([
  'git/create-tag',
  'git/create-ref',
  'git/update-ref',
  'repos/create-release',
  'repos/update-release',
  'repos/upload-release-asset',
]);

interface Setup {
  repo: FixtureRepo;
  name: string;
  env: Record<string, string>;
}

function setup(): Setup {
  const repo = makeRepo();
  const name = `churn-${++n}`;
  pushTo(double, repo, OWNER, name);
  const payload = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/github/push.branch.json'), 'utf8'));
  payload.ref = 'refs/heads/main';
  payload.repository.full_name = `${OWNER}/${name}`;
  const event = join(mkdtempSync(join(tmpdir(), 'event-')), 'push.json');
  writeFileSync(event, JSON.stringify(payload));
  return {
    repo,
    name,
    env: {
      GITHUB_WORKSPACE: repo.dir,
      GITHUB_REPOSITORY: `${OWNER}/${name}`,
      GITHUB_API_URL: double.url,
      GITHUB_GRAPHQL_URL: double.graphqlUrl,
      GITHUB_SERVER_URL: double.webUrl,
      GITHUB_EVENT_NAME: 'push',
      GITHUB_EVENT_PATH: event,
      GITHUB_REF: 'refs/heads/main',
      GITHUB_SHA: repo.head(),
      GITHUB_RUN_ID: '4242',
      GITHUB_RUN_ATTEMPT: '1',
      GITHUB_WORKFLOW_REF: `${OWNER}/${name}/.github/workflows/main-release.yml@refs/heads/main`,
      RUNNER_ENVIRONMENT: 'github-hosted',
      RUNNER_TEMP: mkdtempSync(join(tmpdir(), 'runner-')),
    },
  };
}

async function release(
  s: Setup,
  inputs: Record<string, string> = {},
): Promise<FakeRun & { result?: CheckResult }> {
  const run = fakeActionIo(
    { results: s.repo.results, 'github-token': double.token, 'tag-prefix': 'model-v', ...inputs },
    { ...s.env, GITHUB_SHA: s.repo.head() },
  );
  await runReleaseAction(run.io, { client: { retryAfterBaseMs: 5, paceWrites: false } });
  const path = run.outputs['result-path'];
  return { ...run, result: path ? (JSON.parse(readFileSync(path, 'utf8')) as CheckResult) : undefined };
}

const writesOf = (since: number) =>
  double.requests.slice(since).filter((r) => WRITES.has(r.operationId) && r.status < 300);

describe('actions/release against the GitHub API double', () => {
  test('the first release: an annotated tag on the exact commit, a published release, the assets on the uploads host', async () => {
    const s = setup();
    const run = await release(s);
    expect(run.failures).toEqual([]);
    expect(run.outputs).toMatchObject({
      status: 'pass',
      version: '1.0.0',
      tag: 'model-v1.0.0',
      'previous-tag': '',
    });
    const git = double.git.repo(OWNER, s.name);
    // The tag is annotated and resolves to the commit checked out.
    const ref = git.refs.get('tags/model-v1.0.0');
    expect(ref?.type).toBe('tag');
    expect(git.tagObjects.get(ref!.sha)).toMatchObject({
      tag: 'model-v1.0.0',
      object: { sha: s.repo.head(), type: 'commit' },
    });
    expect(double.git.peel(git, 'tags/model-v1.0.0')).toBe(s.repo.head());
    const [rel] = [...git.releases.values()];
    expect(git.releases.size).toBe(1);
    expect(rel).toMatchObject({
      tagName: 'model-v1.0.0',
      draft: false,
      prerelease: false,
      name: 'model-v1.0.0',
    });
    expect(run.outputs['release-url']).toBe(`${double.webUrl}/${OWNER}/${s.name}/releases/tag/model-v1.0.0`);
    expect(rel.body).toBe((run.result?.details as { body: string }).body);
    expect(rel.assets.map((a) => a.name).sort()).toEqual(
      [
        'cost.json',
        'data.json',
        'drift.json',
        'gate.json',
        'image.json',
        'metrics-baseline.json',
        'metrics-candidate.json',
        'provenance.json',
        'smoke.json',
      ].sort(),
    );
    // Byte for byte what is in the results folder; provenance.json is the file the action wrote.
    const gate = rel.assets.find((a) => a.name === 'gate.json')!;
    expect(gate.data.equals(readFileSync(join(s.repo.results, 'gate.json')))).toBe(true);
    expect(gate.contentType).toBe('application/json');
    const provenance = rel.assets.find((a) => a.name === 'provenance.json')!;
    expect(provenance.contentType).toBe('application/vnd.in-toto+json');
    expect(provenance.data.equals(readFileSync(run.outputs['provenance-path']))).toBe(true);
    // Uploads went to the upload_url's host, never the API's.
    const uploads = double.requests.filter((r) => r.operationId === 'repos/upload-release-asset');
    expect(
      uploads.every((u) => u.path.startsWith(`/repos/${OWNER}/${s.name}/releases/${rel.id}/assets`)),
    ).toBe(true);
    expect(run.summary.join('\n')).toContain('<details><summary>Release notes</summary>');
    expect(run.secrets).toContain(double.token);
  });

  test('a re-run on the same commit finds its release and changes nothing; so does one after git fetch --tags', async () => {
    const s = setup();
    const first = await release(s);
    expect(first.failures).toEqual([]);
    const before = double.requests.length;
    const second = await release(s);
    expect(second.failures).toEqual([]);
    expect(writesOf(before)).toEqual([]);
    expect(second.outputs).toMatchObject({
      version: '1.0.0',
      tag: 'model-v1.0.0',
      'release-url': first.outputs['release-url'],
    });
    expect(second.result?.summary).toMatch(/^model-v1\.0\.0 is released at [0-9a-f]{7}; nothing changed: /);
    // The local clone now has the tag (as actions/checkout with fetch-depth: 0 would fetch it).
    s.repo.tag('model-v1.0.0');
    const mark = double.requests.length;
    const third = await release(s);
    expect(third.failures).toEqual([]);
    expect(writesOf(mark)).toEqual([]);
    expect(double.git.repo(OWNER, s.name).releases.size).toBe(1);
  });

  test("the next release: minor from feat, notes with metric changes against the previous release's attached results", async () => {
    const s = setup();
    expect((await release(s)).failures).toEqual([]);
    s.repo.tag('model-v1.0.0');
    s.repo.commit('feat(model): retrain with usage features');
    pushTo(double, s.repo, OWNER, s.name);
    editResult(s.repo.results, 'gate.json', (r) => {
      (r.metrics.roc_auc as Record<string, number>).candidate = 0.8187;
    });
    const run = await release(s, { 'floating-tag': 'true' });
    expect(run.failures).toEqual([]);
    expect(run.outputs).toMatchObject({
      version: '1.1.0',
      tag: 'model-v1.1.0',
      'previous-tag': 'model-v1.0.0',
    });
    const body = (run.result?.details as { body: string }).body;
    expect(body).toContain('| metric | model-v1.0.0 | model-v1.1.0 | change |');
    expect(body).toContain('| roc&#95;auc | 0.7404 | 0.8187 | +0.07828 🟢 |');
    expect(body).toContain('- **model:** retrain with usage features ([`');
    // The previous results came through the API's redirect to the download host, without the token.
    expect(double.requests.filter((r) => r.operationId === 'download').length).toBeGreaterThan(0);
    // The floating major tag follows the release.
    const git = double.git.repo(OWNER, s.name);
    expect(git.refs.get('tags/model-v1')).toEqual({ type: 'commit', sha: s.repo.head() });
    expect(run.result?.details).toMatchObject({ floating_tag: 'model-v1' });
  });

  test('a major from feat!, the floating tag moved forward; a pull request label from the API wins over commits', async () => {
    const s = setup();
    expect((await release(s, { 'floating-tag': 'true' })).failures).toEqual([]);
    s.repo.tag('model-v1.0.0');
    s.repo.commit('feat!: the model takes raw features');
    pushTo(double, s.repo, OWNER, s.name);
    const major = await release(s, { 'floating-tag': 'true' });
    expect(major.outputs).toMatchObject({ version: '2.0.0', tag: 'model-v2.0.0' });
    const git = double.git.repo(OWNER, s.name);
    expect(git.refs.get('tags/model-v2')).toEqual({ type: 'commit', sha: s.repo.head() });
    expect(git.refs.get('tags/model-v1')?.sha).not.toBe(s.repo.head());
    s.repo.tag('model-v2.0.0');
    const sha = s.repo.commit('docs: a typo');
    pushTo(double, s.repo, OWNER, s.name);
    git.commitPulls.set(sha, [{ number: 77, title: 'Typo', labels: ['documentation', 'release:patch'] }]);
    const patch = await release(s, { 'floating-tag': 'true' });
    expect(patch.outputs).toMatchObject({ version: '2.0.1' });
    expect(patch.result?.details).toMatchObject({ reason: 'patch: pull request label release:patch' });
    expect(git.refs.get('tags/model-v2')).toEqual({ type: 'commit', sha });
  });

  test('a failing gate refuses the release: the step fails and nothing is written', async () => {
    const s = setup();
    editResult(s.repo.results, 'gate.json', (r) => {
      r.status = 'fail';
      r.summary = 'Gate failed: log_loss regressed by 9%';
    });
    const before = double.requests.length;
    const run = await release(s);
    expect(run.outputs.status).toBe('fail');
    expect(run.failures).toEqual([
      'Model release: Refused: gate failed; model-v1.0.0 was not released (force: true releases anyway, and says so in the notes)',
    ]);
    expect(writesOf(before)).toEqual([]);
    expect(double.git.repo(OWNER, s.name).releases.size).toBe(0);
  });

  test('a 502 while creating the release (beyond the retries) leaves the tag; a re-run completes the release', async () => {
    const s = setup();
    double.inject('repos/create-release', { kind: 'status', status: 502 }, 4);
    const failed = await release(s);
    expect(failed.failures).toHaveLength(1);
    expect(failed.failures[0]).toMatch(
      /^GitHub: creating the release model-v1\.0\.0: 502 Server Error\. The tag model-v1\.0\.0 is in place at [0-9a-f]{7}: re-run to complete the release/,
    );
    const git = double.git.repo(OWNER, s.name);
    expect(git.releases.size).toBe(0);
    expect(double.git.peel(git, 'tags/model-v1.0.0')).toBe(s.repo.head());
    const again = await release(s);
    expect(again.failures).toEqual([]);
    expect(git.releases.size).toBe(1);
    expect([...git.releases.values()][0].assets).toHaveLength(9);
    expect(again.result?.summary).toMatch(/^Released model-v1\.0\.0 \(first release\) at [0-9a-f]{7}: http/);
    expect(again.result?.details).toMatchObject({
      actions: ['tag model-v1.0.0 already in place', 'release created', '9 assets uploaded'],
    });
  });

  test('a 502 absorbed by the retries, and a 502 during the uploads that a re-run completes', async () => {
    const s = setup();
    double.inject('git/create-ref', { kind: 'status', status: 502 }, 1);
    double.inject('repos/upload-release-asset', { kind: 'status', status: 502 }, 1);
    const ok = await release(s);
    expect(ok.failures).toEqual([]);
    const s2 = setup();
    let uploads = 0;
    const upload = double.routeOf('repos/upload-release-asset')!;
    double.route('repos/upload-release-asset', (req, d) => {
      // The fourth upload fails for good (502 four times: the first try and three retries).
      if (++uploads === 4) double.inject('repos/upload-release-asset', { kind: 'status', status: 502 }, 4);
      return upload(req, d);
    });
    try {
      const failed = await release(s2);
      expect(failed.failures[0]).toMatch(
        /^GitHub: uploading .* 502 Server Error\. The tag model-v1\.0\.0 is in place/,
      );
    } finally {
      double.route('repos/upload-release-asset', upload);
    }
    const git = double.git.repo(OWNER, s2.name);
    expect([...git.releases.values()][0].assets).toHaveLength(4);
    const again = await release(s2);
    expect(again.failures).toEqual([]);
    expect(git.releases.size).toBe(1);
    expect([...git.releases.values()][0].assets).toHaveLength(9);
    expect(again.result?.details).toMatchObject({
      actions: ['tag model-v1.0.0 already in place', 'release unchanged', '5 assets uploaded'],
    });
  });

  test('a tag of that version on another commit on GitHub, or a commit GitHub does not have, stops before any write', async () => {
    const s = setup();
    const git = double.git.repo(OWNER, s.name);
    const first = [...git.commits.keys()][0];
    s.repo.commit('fix: local only');
    const before = double.requests.length;
    const unpushed = await release(s);
    expect(unpushed.failures).toEqual([
      expect.stringMatching(
        /^commit [0-9a-f]{7} is not on GitHub \(acme-ml\/churn-\d+\): push it first; the release tag names the exact commit$/,
      ),
    ]);
    pushTo(double, s.repo, OWNER, s.name);
    git.refs.set('tags/model-v1.0.0', { type: 'commit', sha: first });
    const moved = await release(s);
    expect(moved.failures).toEqual([
      expect.stringMatching(
        /^the tag model-v1\.0\.0 already exists on GitHub at [0-9a-f]{7}, not at [0-9a-f]{7}: a release tag is never moved/,
      ),
    ]);
    expect(writesOf(before)).toEqual([]);
  });

  test('a dry run talks to nobody; sign: true without an OIDC token is a clear error', async () => {
    const s = setup();
    const before = double.requests.length;
    const dry = await release(s, { 'dry-run': 'true' });
    expect(dry.failures).toEqual([]);
    expect(dry.outputs).toMatchObject({ status: 'pass', version: '1.0.0', 'release-url': '' });
    expect(double.requests.length).toBe(before);
    const sign = await release(s, { sign: 'true' });
    expect(sign.failures).toEqual([
      'sign: true needs an OIDC token: give the release job "permissions: id-token: write" (or set SIGSTORE_ID_TOKEN)',
    ]);
  });

  test('the token never appears in the outputs, the summary, the logs or the result file', async () => {
    const s = setup();
    const run = await release(s);
    const everything = [
      JSON.stringify(run.outputs),
      run.summary.join('\n'),
      run.logs.join('\n'),
      readFileSync(run.outputs['result-path'], 'utf8'),
      readFileSync(run.outputs['provenance-path'], 'utf8'),
      ...[...double.git.repo(OWNER, s.name).releases.values()].flatMap((r) => [
        r.body ?? '',
        ...r.assets.map((a) => a.data.toString('utf8')),
      ]),
    ].join('\n');
    expect(everything).not.toContain(double.token);
    expect(createHash('sha256').update(everything).digest('hex')).toHaveLength(64);
  });
});
