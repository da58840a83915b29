/**
 * dist/report run under Node 24 as the runner runs it, against the GitHub API double (every request
 * validated against GitHub's OpenAPI description), with the runner's environment pointing at it.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { reportMarker } from '../../src/report/marker.js';
import { GitHubDouble } from '../helpers/github-double.js';
import { demoResults } from '../helpers/report-fixtures.js';
import { runBundle } from '../helpers/run-bundle.js';

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
