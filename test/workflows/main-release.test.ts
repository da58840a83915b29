/**
 * The main-branch release workflow chains gate -> image -> release, and only the release job may write
 * to the repository or request an OIDC token (actionlint checks the syntax in actionlint.test.ts).
 */
import { describe, expect, test } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ROOT } from '../helpers/run-bundle.js';

interface Step {
  uses?: string;
  with?: Record<string, unknown>;
}
interface Job {
  needs?: string | string[];
  permissions?: Record<string, string>;
  steps: Step[];
}

const wf = parse(readFileSync(join(ROOT, 'workflows-examples/main-release.yml'), 'utf8')) as {
  on: { push: { branches: string[] } };
  permissions: Record<string, string>;
  jobs: Record<string, Job>;
};

describe('workflows-examples/main-release.yml', () => {
  test('runs on push to main, gate -> image -> release', () => {
    expect(wf.on.push.branches).toEqual(['main']);
    expect(Object.keys(wf.jobs)).toEqual(['gate', 'image', 'release']);
    expect(wf.jobs.image.needs).toBe('gate');
    expect(wf.jobs.release.needs).toEqual(['gate', 'image']);
  });

  test('contents: write and id-token: write only on the release job', () => {
    expect(wf.permissions).toEqual({ contents: 'read' });
    expect(wf.jobs.release.permissions).toEqual({ contents: 'write', 'id-token': 'write' });
    for (const name of ['gate', 'image']) {
      const p = wf.jobs[name].permissions ?? {};
      expect(p.contents).toBe('read');
      expect(p['id-token']).toBeUndefined();
    }
  });

  test('the release checks out the whole history and releases the downloaded results', () => {
    const steps = wf.jobs.release.steps;
    expect(steps[0]).toMatchObject({
      uses: 'actions/checkout@v5',
      with: { 'fetch-depth': 0, 'persist-credentials': false },
    });
    const release = steps.find((s) => s.uses === 'OWNER/model-ci/actions/release@v1');
    const download = steps.find((s) => s.uses?.startsWith('actions/download-artifact'));
    expect(release?.with?.results).toBe(download?.with?.path);
  });
});
