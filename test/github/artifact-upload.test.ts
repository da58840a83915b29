/**
 * The artifact upload end to end: src/github/artifacts.ts -> @actions/artifact -> a local Twirp artifact
 * service -> real blob storage (Azurite). The zip that lands in storage holds the HTML report and the
 * result files.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { uploadArtifact } from '../../src/github/artifacts.js';
import { ArtifactService } from '../helpers/artifact-service.js';
import { demoResults } from '../helpers/report-fixtures.js';

let service: ArtifactService;
beforeAll(async () => {
  service = await ArtifactService.start();
}, 90_000);
afterAll(() => service?.close());

describe('artifact upload', () => {
  test('uploads the report and the results as a zip and returns the artifact link', async () => {
    const dir = demoResults();
    writeFileSync(join(dir, 'report.html'), '<!DOCTYPE html><title>r</title>');
    const files = ['report.html', 'gate.json', 'drift.json'].map((f) => join(dir, f));
    // @actions/artifact reads the runner's variables from the process environment.
    const saved = { ...process.env };
    const env = {
      ...service.env(),
      GITHUB_SERVER_URL: 'http://github.localhost', // a github.com-like host (not GHES, where v4 artifacts do not exist)
      GITHUB_REPOSITORY: 'acme-ml/churn-model',
      GITHUB_RUN_ID: '4242',
      GITHUB_WORKSPACE: dir,
    };
    Object.assign(process.env, env);
    let outcome;
    try {
      outcome = await uploadArtifact({ name: 'model-ci-report', files, rootDirectory: dir, env });
    } finally {
      for (const k of Object.keys(env)) if (!(k in saved)) delete process.env[k];
      Object.assign(process.env, saved);
    }
    expect(service.problems).toEqual([]);
    expect(outcome.note).toMatch(/^uploaded as artifact "model-ci-report" \(\d+ KB\)$/);
    expect(outcome.id).toBe(1000);
    expect(outcome.url).toBe('http://github.localhost/acme-ml/churn-model/actions/runs/4242/artifacts/1000');
    expect(service.artifacts).toEqual([
      {
        id: 1000,
        name: 'model-ci-report',
        size: outcome.size,
        hash: expect.stringMatching(/^sha256:[0-9a-f]{64}$/),
      },
    ]);
    const zip = join(mkdtempSync(join(tmpdir(), 'zip-')), 'a.zip');
    writeFileSync(zip, await service.download('model-ci-report'));
    const listing = execFileSync('unzip', ['-Z1', zip], { encoding: 'utf8' }).trim().split('\n').sort();
    expect(listing).toEqual(['drift.json', 'gate.json', 'report.html']);
  });

  test('without a runtime token (a local run) the upload is skipped with a note', async () => {
    const outcome = await uploadArtifact({ name: 'x', files: [], rootDirectory: tmpdir(), env: {} });
    expect(outcome).toEqual({
      note: 'not uploaded: no ACTIONS_RUNTIME_TOKEN (not running on a GitHub Actions runner)',
    });
  });
});
