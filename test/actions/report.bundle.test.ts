/**
 * dist/report run under Node 24 as the runner runs it, against the GitHub API double (every request
 * validated against GitHub's OpenAPI description), with the runner's environment pointing at it.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { reportMarker } from '../../src/report/marker.js';
import { GitHubDouble } from '../helpers/github-double.js';
import { ArtifactService } from '../helpers/artifact-service.js';
import { DEMO_BASE, demoResults } from '../helpers/report-fixtures.js';
import { ROOT, runBundle } from '../helpers/run-bundle.js';

let double: GitHubDouble;
beforeAll(async () => {
  double = await GitHubDouble.start();
});
afterAll(() => double.close());

describe('actions/report (dist/report) under Node 24', () => {
  test('comments on the pull request of the event, then updates the same comment; the token is only masked', async () => {
    const pr = double.seedPullRequest({ owner: 'acme-ml', repo: 'churn-model', number: 42, comments: 3 });
    const ws = mkdtempSync(join(tmpdir(), 'ws-'));
    const results = demoResults();
    const env = {
      GITHUB_API_URL: double.url,
      GITHUB_GRAPHQL_URL: double.graphqlUrl,
      GITHUB_SERVER_URL: double.webUrl,
    };
    const inputs = {
      results,
      'github-token': double.token,
      id: 'model-ci',
      mode: 'update',
      'comment-on': 'always',
      'upload-artifact': 'true',
      'artifact-name': 'model-ci-report',
    };
    const first = await runBundle('report', { workspace: ws, inputs, env });
    expect(first.failures).toEqual([]);
    expect(first.code).toBe(0);
    const mine = double.commentsOf(pr).filter((c) => c.body.includes(reportMarker('model-ci')));
    expect(mine).toHaveLength(1);
    expect(first.outputs['comment-id']).toBe(String(mine[0].id));
    expect(first.outputs['comment-url']).toBe(
      `${double.webUrl}/acme-ml/churn-model/pull/42#issuecomment-${mine[0].id}`,
    );
    expect(first.outputs.status).toBe('pass');
    expect(existsSync(first.outputs['html-path'])).toBe(true);
    expect(readFileSync(first.outputs['markdown-path'], 'utf8')).toContain(reportMarker('model-ci'));
    expect(first.summary).toContain('### ✅ model-ci: 7 passed');
    expect(first.summary).toContain('not uploaded: no ACTIONS&#95;RUNTIME&#95;TOKEN');
    // The token reaches the runner only in the command that masks it, and nowhere else.
    const lines = (first.stdout + first.stderr + first.summary + JSON.stringify(first.outputs))
      .split('\n')
      .filter((l) => l.includes(double.token));
    expect(lines.length).toBeGreaterThan(0);
    expect(new Set(lines)).toEqual(new Set([`::add-mask::${double.token}`]));

    const second = await runBundle('report', { workspace: ws, inputs, env });
    expect(second.code).toBe(0);
    expect(second.outputs['comment-id']).toBe(first.outputs['comment-id']);
    expect(double.commentsOf(pr).filter((c) => c.body.includes(reportMarker('model-ci')))).toHaveLength(1);
    expect(double.requests.filter((r) => r.operationId === 'issues/update-comment')).toHaveLength(1);
    expect(double.problems).toEqual([]);
  });

  test('on a runner it uploads the report as an artifact (Twirp service + Azurite) and links it', async () => {
    const service = await ArtifactService.start();
    try {
      const pr = double.seedPullRequest({ owner: 'acme-ml', repo: 'churn-model', number: 43 });
      const ws = mkdtempSync(join(tmpdir(), 'ws-'));
      const event = join(ws, 'event.json');
      const payload = JSON.parse(
        readFileSync(join(ROOT, 'test/fixtures/github/pull_request.opened.json'), 'utf8'),
      );
      payload.number = payload.pull_request.number = 43;
      writeFileSync(event, JSON.stringify(payload));
      const run = await runBundle('report', {
        workspace: ws,
        inputs: { results: demoResults(), 'github-token': double.token, 'artifact-name': 'model-ci-report' },
        env: {
          ...service.env(),
          GITHUB_EVENT_PATH: event,
          GITHUB_API_URL: double.url,
          GITHUB_GRAPHQL_URL: double.graphqlUrl,
          GITHUB_SERVER_URL: 'http://github.localhost',
        },
      });
      expect(run.failures).toEqual([]);
      expect(service.problems).toEqual([]);
      expect(service.artifacts.map((a) => a.name)).toEqual(['model-ci-report']);
      const url = `http://github.localhost/acme-ml/churn-model/actions/runs/1658821493/artifacts/${service.artifacts[0].id}`;
      const [comment] = double.commentsOf(pr);
      expect(comment.body).toContain(`📄 Full report: [report.html in the artifact model-ci-report](${url})`);
      const zip = join(ws, 'artifact.zip');
      writeFileSync(zip, await service.download('model-ci-report'));
      const listing = execFileSync('unzip', ['-Z1', zip], { encoding: 'utf8' }).trim().split('\n').sort();
      expect(listing).toEqual([
        'report.html',
        ...readdirSync(DEMO_BASE)
          .map((f) => `results/${f}`)
          .sort(),
      ]);
      expect(double.problems).toEqual([]);
    } finally {
      await service.close();
    }
  });

  test('a missing results folder fails the step naming the input', async () => {
    const ws = mkdtempSync(join(tmpdir(), 'ws-'));
    const run = await runBundle('report', {
      workspace: ws,
      inputs: { results: 'nope' },
      env: { GITHUB_API_URL: double.url },
    });
    expect(run.code).toBe(1);
    expect(run.failures).toEqual([`results folder ${join(ws, 'nope')}: no such folder`]);
  });
});
