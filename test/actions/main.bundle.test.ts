import { describe, expect, test } from '@jest/globals';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readResultFile } from '../../src/core/validate-result.js';
import { GitHubDouble } from '../helpers/github-double.js';
import { ROOT, runBundle } from '../helpers/run-bundle.js';
import { demoBase } from '../checks/image/fixtures.js';

/** A user's repository: the demo model repo copied into a fresh workspace. */
function demoWorkspace(): string {
  const ws = mkdtempSync(join(tmpdir(), 'workspace-'));
  cpSync(join(ROOT, 'workflows-examples/demo'), ws, { recursive: true });
  // The demo's image step builds on a base made from this machine's node (npm run demo makes it).
  cpSync(demoBase(), join(ws, '.cache', 'base'), { recursive: true });
  return ws;
}

describe('root action (dist/main) under Node 24', () => {
  test('runs the pipeline of the workspace and sets its outputs', async () => {
    const ws = demoWorkspace();
    const run = await runBundle('main', {
      workspace: ws,
      inputs: { config: '.model-ci.yml', 'out-dir': 'report' },
    });
    expect(run.stderr).toBe('');
    expect(run.outputs['result-dir']).toBe(join(ws, 'report'));
    expect(['pass', 'warn', 'fail']).toContain(run.outputs.status);
    expect(run.code).toBe(run.outputs.status === 'fail' ? 1 : 0);
    const candidate = readResultFile(join(ws, 'report', 'metrics-candidate.json'));
    expect(candidate.metrics.roc_auc).toEqual(expect.any(Number));
    expect(run.summary).toMatch(/^### (✅|⚠️|❌) model-ci: /);
    expect(run.summary).toContain('| Metrics (candidate) |');
    expect(run.outputs['html-path']).toBe(join(ws, 'report', 'report.html'));
    expect(readFileSync(run.outputs['html-path'], 'utf8')).toContain('<title>model-ci report');
    expect(readFileSync(run.outputs['markdown-path'], 'utf8')).toContain(
      '<!-- model-ci:report id=model-ci -->',
    );
    // No token given: the report says why there is no comment instead of failing.
    expect(run.summary).toContain('Comment: not posted: no github-token.');
    expect(run.stdout).toContain('::group::metrics (candidate)');
  });

  test('on a pull request it posts the report as the sticky comment (against the API double)', async () => {
    const double = await GitHubDouble.start();
    try {
      const pr = double.seedPullRequest({ owner: 'acme-ml', repo: 'churn-model', number: 42 });
      const ws = demoWorkspace();
      const run = await runBundle('main', {
        workspace: ws,
        inputs: { 'github-token': double.token, 'base-results': 'base-results' },
        env: {
          GITHUB_API_URL: double.url,
          GITHUB_GRAPHQL_URL: double.graphqlUrl,
          GITHUB_SERVER_URL: double.webUrl,
        },
      });
      expect(run.code).toBe(run.outputs.status === 'fail' ? 1 : 0);
      const [comment] = double.commentsOf(pr);
      expect(run.outputs['comment-id']).toBe(String(comment.id));
      expect(comment.body).toContain('| check | status | key figure | vs base |');
      expect(comment.body).toMatch(
        /\| Data drift \| ⚠️ warn \| drifted columns 1 \| \+1 🔴 \(new: monthly&#95;charges\) \|/,
      );
      expect(double.problems).toEqual([]);
    } finally {
      await double.close();
    }
  });

  test('a bad configuration fails the step with the file, line and key', async () => {
    const ws = demoWorkspace();
    writeFileSync(
      join(ws, '.model-ci.yml'),
      'version: 1\nmetrics:\n  data: predictions/eval-predictions.csv\n  label: churned\n  scor: p_candidate\n',
    );
    const run = await runBundle('main', { workspace: ws, inputs: { config: '.model-ci.yml' } });
    expect(run.code).toBe(1);
    expect(run.failures).toEqual([
      `${join(ws, '.model-ci.yml')}:5:3: metrics.scor: unknown key "scor" (did you mean "score"?); allowed: name, data, label, score, task, threshold`,
    ]);
  });
});
