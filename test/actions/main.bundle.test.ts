import { describe, expect, test } from '@jest/globals';
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readResultFile } from '../../src/core/validate-result.js';
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
    expect(run.summary).toContain('## model-ci');
    expect(run.summary).toContain('| Metrics (candidate) |');
    expect(run.stdout).toContain('::group::metrics (candidate)');
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
