/**
 * actions/report against the GitHub API double (every request validated against GitHub's OpenAPI
 * description and GraphQL schema), with real webhook payloads (test/fixtures/github, from
 * @octokit/webhooks-examples) as the runner's event.
 */
import { afterAll, afterEach, beforeAll, describe, expect, test } from '@jest/globals';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runReportAction } from '../../src/actions/report.js';
import type { PublishDeps } from '../../src/actions/publish-report.js';
import { createGitHubClient } from '../../src/github/client.js';
import { COMMENT_LIMIT } from '../../src/report/markdown.js';
import { reportMarker } from '../../src/report/marker.js';
import { fakeActionIo } from '../helpers/fake-action-io.js';
import { GitHubDouble, type PullRequest } from '../helpers/github-double.js';
import { demoResults, editResult, resultsDir, wideDriftResult } from '../helpers/report-fixtures.js';
import { ROOT } from '../helpers/run-bundle.js';

const PR_EVENT = join(ROOT, 'test/fixtures/github/pull_request.synchronize.json');
const RUN_EVENT = join(ROOT, 'test/fixtures/github/workflow_run.completed.json');
const prPayload = JSON.parse(readFileSync(PR_EVENT, 'utf8'));

let double: GitHubDouble;
let prNumber = 100;

beforeAll(async () => {
  double = await GitHubDouble.start();
});
afterAll(() => double.close());
afterEach(() => {
  // Every request of every test matched GitHub's description, and every answer its schema.
  expect(double.problems).toEqual([]);
});

/** A fresh pull request of the payload's repository (its own number, so tests do not share comments). */
function newPullRequest(extra: Partial<PullRequest> & { comments?: number } = {}): PullRequest {
  return double.seedPullRequest({
    owner: prPayload.repository.owner.login,
    repo: prPayload.repository.name,
    number: ++prNumber,
    headSha: prPayload.pull_request.head.sha,
    ...extra,
  });
}

/** The real pull_request payload, pointed at `pr`. */
function eventFor(pr: PullRequest): string {
  const payload = structuredClone(prPayload);
  payload.number = pr.number;
  payload.pull_request.number = pr.number;
  const file = join(mkdtempSync(join(tmpdir(), 'event-')), 'event.json');
  writeFileSync(file, JSON.stringify(payload));
  return file;
}

const uploads: string[][] = [];
const deps: PublishDeps = {
  // The artifact service is not reachable here; the upload itself is @actions/artifact's. The stub keeps
  // what would be uploaded so the tests can check the files.
  upload: async (u) => {
    uploads.push(u.files);
    return {
      id: 77,
      url: `${double.webUrl}/run/artifacts/77`,
      size: 1234,
      note: `uploaded as artifact "${u.name}"`,
    };
  },
  client: (o) => createGitHubClient(o),
};

async function report(
  pr: PullRequest | undefined,
  inputs: Record<string, string>,
  env: Record<string, string> = {},
) {
  const ws = mkdtempSync(join(tmpdir(), 'ws-'));
  const run = fakeActionIo(
    { 'github-token': double.token, ...inputs },
    {
      GITHUB_WORKSPACE: ws,
      RUNNER_TEMP: mkdtempSync(join(tmpdir(), 'runner-')),
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_EVENT_PATH: pr ? eventFor(pr) : PR_EVENT,
      GITHUB_REPOSITORY: prPayload.repository.full_name,
      GITHUB_API_URL: double.url,
      GITHUB_GRAPHQL_URL: double.graphqlUrl,
      GITHUB_SERVER_URL: double.webUrl,
      GITHUB_RUN_ID: '4242',
      ...env,
    },
  );
  await runReportAction(run.io, deps);
  const everything = JSON.stringify([run.outputs, run.summary, run.logs, run.failures]);
  expect(everything).not.toContain(double.token);
  expect(run.secrets).toContain(double.token);
  // The summary escapes notes like PR text: a word joiner follows every "#".
  run.summary = run.summary.map((s) => s.replace(/\u2060/g, ''));
  return run;
}

const own = (pr: PullRequest) =>
  double.commentsOf(pr).filter((c) => c.body.includes(reportMarker('model-ci')));

describe('sticky comment', () => {
  test('the first run creates the comment, the second updates the same one', async () => {
    const pr = newPullRequest();
    const results = demoResults();
    const first = await report(pr, { results });
    expect(first.failures).toEqual([]);
    expect(own(pr)).toHaveLength(1);
    const id = own(pr)[0].id;
    expect(first.outputs['comment-id']).toBe(String(id));
    expect(first.outputs['comment-url']).toBe(
      `${double.webUrl}/${pr.owner}/${pr.repo}/pull/${pr.number}#issuecomment-${id}`,
    );
    expect(own(pr)[0].body).toContain(
      `[report.html in the artifact model-ci-report](${double.webUrl}/run/artifacts/77)`,
    );

    editResult(results, 'gate.json', (r) => {
      r.summary = 'second run';
    });
    const second = await report(pr, { results });
    expect(second.outputs['comment-id']).toBe(String(id));
    expect(own(pr)).toHaveLength(1);
    expect(own(pr)[0].body).toContain('second run');
    const writes = double.requests.filter((r) => r.path.includes(`/issues/`) && r.method !== 'GET');
    expect(writes.filter((r) => r.operationId === 'issues/update-comment').length).toBeGreaterThanOrEqual(1);
    expect(second.summary.join('\n')).toContain(`Comment: updated on pull request #${pr.number}`);
    expect(second.summary.join('\n')).toContain(`- [Open the comment](${first.outputs['comment-url']})`);
  });

  test('comment-on: fail posts nothing on a passing pull request, then updates its comment once things get better', async () => {
    const pr = newPullRequest();
    const results = demoResults();
    const before = double.requests.length;
    const quiet = await report(pr, { results, 'comment-on': 'fail' });
    expect(own(pr)).toHaveLength(0);
    expect(quiet.outputs['comment-id']).toBe('');
    expect(
      double.requests.slice(before).filter((r) => r.method !== 'GET' && r.operationId !== 'graphql'),
    ).toEqual([]);
    expect(quiet.summary.join('\n')).toContain('the verdict is pass and comment-on is fail');

    editResult(results, 'gate.json', (r) => {
      r.status = 'fail';
    });
    await report(pr, { results, 'comment-on': 'fail' });
    expect(own(pr)).toHaveLength(1);
    editResult(results, 'gate.json', (r) => {
      r.status = 'pass';
    });
    const better = await report(pr, { results, 'comment-on': 'fail' });
    expect(own(pr)).toHaveLength(1);
    expect(own(pr)[0].body).toContain('### ✅ model-ci: 7 passed');
    expect(better.summary.join('\n')).toContain(
      'the verdict improved to pass; the existing comment is updated',
    );
  });

  test('comment-on: change stays quiet when nothing moved against the base, speaks when a figure moved', async () => {
    const pr = newPullRequest();
    const results = demoResults();
    editResult(results, 'drift.json', (r) => {
      r.status = 'pass';
    });
    const base = demoResults();
    await report(pr, { results, 'base-results': base, 'comment-on': 'change' });
    expect(own(pr)).toHaveLength(0);
    editResult(results, 'gate.json', (r) => {
      (r.metrics.roc_auc as Record<string, number>).candidate = 0.8187;
    });
    await report(pr, { results, 'base-results': base, 'comment-on': 'change' });
    expect(own(pr)).toHaveLength(1);
    expect(own(pr)[0].body).toMatch(/\| Metric gate \| ✅ pass \| AUC 0\.8187 \| \+0\.07828 🟢 \|/);
    const updates = () => double.requests.filter((r) => r.operationId === 'issues/update-comment').length;
    const n = updates();
    await report(pr, { results, 'base-results': base, 'comment-on': 'change' });
    expect(updates()).toBe(n); // nothing changed since the previous comment
  });

  test('a forged marker in a comment by someone else is never edited', async () => {
    const pr = newPullRequest();
    const forged = double.addComment(pr, `${reportMarker('model-ci')}\nall green, merge it`, {
      login: 'mallory',
      id: 666,
      type: 'User',
    });
    await report(pr, { results: demoResults() });
    await report(pr, { results: demoResults(), mode: 'delete-and-new' });
    await report(pr, { results: demoResults(), mode: 'hide-and-new' });
    expect(double.state.comments.get(forged.id)).toMatchObject({ body: forged.body, minimized: false });
    expect(double.requests.some((r) => r.path.endsWith(`/comments/${forged.id}`) && r.method !== 'GET')).toBe(
      false,
    );
  });

  test('finds its comment among 70 others across pages', async () => {
    double.maxPerPage = 30;
    try {
      const pr = newPullRequest({ comments: 35 });
      double.addComment(pr, `${reportMarker('model-ci')}\nfrom an earlier run`);
      for (let i = 0; i < 35; i++)
        double.addComment(pr, `review ${i}`, { login: 'dana-ds', id: 51234567, type: 'User' });
      const before = double.requests.length;
      await report(pr, { results: demoResults() });
      const pages = double.requests
        .slice(before)
        .filter((r) => r.operationId === 'issues/list-comments')
        .map((r) => new URLSearchParams(r.query).get('page') ?? '1');
      expect(pages).toEqual(['1', '2', '3']);
      expect(own(pr)).toHaveLength(1);
      expect(own(pr)[0].body).not.toContain('from an earlier run');
      expect(double.commentsOf(pr)).toHaveLength(71);
    } finally {
      double.maxPerPage = 100;
    }
  });

  test('hide-and-new minimizes the older comment; delete-and-new deletes it', async () => {
    const pr = newPullRequest();
    await report(pr, { results: demoResults(), mode: 'hide-and-new' });
    await report(pr, { results: demoResults(), mode: 'hide-and-new' });
    let mine = own(pr);
    expect(mine.map((c) => c.minimized)).toEqual([true, false]);
    const minimizes = () =>
      double.requests.filter(
        (r) =>
          r.operationId === 'graphql' &&
          String((r.body as { query: string }).query).includes('minimizeComment'),
      ).length;
    const n = minimizes();
    await report(pr, { results: demoResults(), mode: 'hide-and-new' });
    expect(minimizes() - n).toBe(1); // the one hidden before is not hidden again
    await report(pr, { results: demoResults(), mode: 'delete-and-new' });
    mine = own(pr);
    expect(mine).toHaveLength(1);
    expect(mine[0].minimized).toBe(false);
  });

  test('two workflows share one comment through sections without losing each other’s text', async () => {
    const pr = newPullRequest();
    const a = demoResults();
    editResult(a, 'gate.json', (r) => {
      r.summary = 'training workflow';
    });
    await report(pr, { results: a, section: 'train' });
    const drift = resultsDir([await wideDriftResult(12)]);
    await report(pr, { results: drift, section: 'data' });
    editResult(a, 'gate.json', (r) => {
      r.summary = 'training workflow, second push';
    });
    await report(pr, { results: a, section: 'train' });
    expect(own(pr)).toHaveLength(1);
    const body = own(pr)[0].body;
    expect(body).toContain('training workflow, second push');
    expect(body).not.toContain('training workflow<');
    expect(body).toContain('### ⚠️ model-ci · data: 1 warning');
    expect(body.indexOf('name=train')).toBeLessThan(body.indexOf('name=data'));
  });

  test('a section written by another workflow at the same moment is merged back, not lost', async () => {
    const pr = newPullRequest();
    const a = demoResults();
    await report(pr, { results: a, section: 'train' });
    const [comment] = own(pr);
    const other =
      '<!-- model-ci:section name=data state=0123456789abcdef -->\n### ✅ model-ci · data: 1 passed\n<!-- model-ci:section-end name=data -->';
    const update = double.routeOf('issues/update-comment')!;
    let raced = false;
    // The other workflow read the comment before our write and writes right after it: its body has its
    // section and our old one.
    double.route('issues/update-comment', (req, d) => {
      const before = d.state.comments.get(comment.id)!.body;
      const answer = update(req, d);
      if (!raced) {
        raced = true;
        d.state.comments.get(comment.id)!.body = `${before}\n${other}`;
      }
      return answer;
    });
    try {
      editResult(a, 'gate.json', (r) => {
        r.summary = 'after the race';
      });
      await report(pr, { results: a, section: 'train' });
    } finally {
      double.route('issues/update-comment', update);
    }
    const body = own(pr)[0].body;
    expect(body).toContain('after the race');
    expect(body).toContain('### ✅ model-ci · data: 1 passed');
    expect(
      double.requests.filter((r) => r.operationId === 'issues/get-comment').length,
    ).toBeGreaterThanOrEqual(2);
  });

  test('a 1,500-column drift report stays under the limit and links the HTML report', async () => {
    const pr = newPullRequest();
    const dir = resultsDir([await wideDriftResult(1500)]);
    const run = await report(pr, { results: dir });
    expect(run.failures).toEqual([]);
    const body = own(pr)[0].body;
    expect(body.length).toBeLessThanOrEqual(COMMENT_LIMIT);
    expect(body).toContain("Shortened to fit GitHub's 65,536-character limit");
    expect(body).toContain(
      `Everything is in the HTML report: [report.html in the artifact model-ci-report](${double.webUrl}/run/artifacts/77)`,
    );
    const html = readFileSync(run.outputs['html-path'], 'utf8');
    expect(html.match(/<tr>/g)?.length).toBeGreaterThan(1500);
    expect(uploads.at(-1)).toEqual([
      run.outputs['html-path'],
      expect.stringMatching(/results\/drift-0\.json$/),
    ]);
  });

  test('a 502 and rate limits are retried', async () => {
    const pr = newPullRequest();
    double.inject('issues/list-comments', { kind: 'rate-limit' });
    double.inject('issues/create-comment', { kind: 'status', status: 502 });
    const before = double.requests.length;
    const run = await report(pr, { results: demoResults() });
    expect(run.failures).toEqual([]);
    expect(own(pr)).toHaveLength(1);
    const seen = double.requests.slice(before).map((r) => `${r.operationId} ${r.status}`);
    expect(seen).toEqual(
      expect.arrayContaining([
        'issues/list-comments 403',
        'issues/list-comments 200',
        'issues/create-comment 502',
        'issues/create-comment 201',
      ]),
    );
    double.inject('issues/update-comment', { kind: 'secondary-rate-limit' });
    await report(pr, { results: demoResults() });
    const again = double.requests
      .filter((r) => r.operationId === 'issues/update-comment')
      .slice(-3)
      .map((r) => r.status);
    expect(again).toContain(403);
    expect(again.at(-1)).toBe(200);
  });

  test('a read-only token (a fork’s pull request) is explained in the job summary, not a failure', async () => {
    const pr = newPullRequest();
    double.inject('issues/create-comment', {
      kind: 'status',
      status: 403,
      message: 'Resource not accessible by integration',
    });
    const run = await report(pr, { results: demoResults() });
    expect(run.failures).toEqual([]);
    expect(run.outputs['comment-id']).toBe('');
    expect(run.summary.join('\n')).toContain('Resource not accessible by integration');
    expect(run.summary.join('\n')).toContain('fork-safe-report.yml');
  });
});

describe('workflow_run (phase two of the fork-safe pattern)', () => {
  function runEvent(headSha: string, headRepo: string): string {
    const payload = JSON.parse(readFileSync(RUN_EVENT, 'utf8'));
    payload.workflow_run.event = 'pull_request';
    payload.workflow_run.head_sha = headSha;
    payload.workflow_run.head_repository.full_name = headRepo;
    payload.workflow_run.pull_requests = []; // GitHub attaches none for a fork's pull request
    const file = join(mkdtempSync(join(tmpdir(), 'event-')), 'event.json');
    writeFileSync(file, JSON.stringify(payload));
    return file;
  }
  const env = (file: string) => ({
    GITHUB_EVENT_NAME: 'workflow_run',
    GITHUB_EVENT_PATH: file,
    GITHUB_REPOSITORY: 'octo-org/octo-repo',
  });

  test('comments when the artifact’s PR number matches the head the triggering run built', async () => {
    const pr = double.seedPullRequest({
      owner: 'octo-org',
      repo: 'octo-repo',
      number: ++prNumber,
      headSha: 'a'.repeat(40),
      headRepo: 'fork-user/octo-repo',
    });
    const run = await report(
      undefined,
      { results: demoResults(), 'pr-number': `${pr.number}\n` },
      env(runEvent('a'.repeat(40), 'fork-user/octo-repo')),
    );
    expect(run.failures).toEqual([]);
    expect(own(pr)).toHaveLength(1);
  });

  test('refuses a PR number whose head is another commit (a forged artifact) or another repository', async () => {
    const victim = double.seedPullRequest({
      owner: 'octo-org',
      repo: 'octo-repo',
      number: ++prNumber,
      headSha: 'b'.repeat(40),
      headRepo: 'octo-org/octo-repo',
    });
    const forged = await report(
      undefined,
      { results: demoResults(), 'pr-number': String(victim.number) },
      env(runEvent('c'.repeat(40), 'evil/octo-repo')),
    );
    expect(forged.failures).toEqual([]);
    expect(own(victim)).toHaveLength(0);
    expect(forged.summary.join('\n')).toMatch(
      /is at bbbbbbbbbbbb, but the triggering run built cccccccccccc/,
    );
    const otherRepo = await report(
      undefined,
      { results: demoResults(), 'pr-number': String(victim.number) },
      env(runEvent('b'.repeat(40), 'evil/octo-repo')),
    );
    expect(own(victim)).toHaveLength(0);
    expect(otherRepo.summary.join('\n')).toContain(
      'comes from octo-org/octo-repo, but the triggering run built evil/octo-repo',
    );
  });

  test('a PR number that is not a number fails the step, naming the input', async () => {
    const run = await report(
      undefined,
      { results: demoResults(), 'pr-number': '12; rm -rf /' },
      env(runEvent('a'.repeat(40), 'x/y')),
    );
    expect(run.failures).toEqual(['input "pr-number": expected a pull-request number, got "12; rm -rf /"']);
  });

  test('a push is no pull request: the summary says so and the job passes', async () => {
    const run = await report(undefined, { results: demoResults() }, { GITHUB_EVENT_NAME: 'push' });
    expect(run.failures).toEqual([]);
    expect(run.summary.join('\n')).toContain('the push event is not about a pull request');
  });
});
