import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readResultFile } from '../../src/core/validate-result.js';
import { sha256, startRegistry, type TestRegistry } from '../helpers/registry.js';
import { runBundle } from '../helpers/run-bundle.js';
import { demoBase, skopeo, workspace } from '../checks/image/fixtures.js';

let registry: TestRegistry;
let base: string;
beforeAll(async () => {
  base = demoBase();
  registry = await startRegistry({ kind: 'htpasswd', username: 'bot', password: 'p4ss-from-secrets' });
});
afterAll(async () => {
  await registry?.stop();
});

describe('actions/image (dist/image) under Node 24', () => {
  test('on a pull_request event: tags sha-<head sha> and pr-N, labels from the event, outputs, masked password', async () => {
    const ws = workspace(base);
    const run = await runBundle('image', {
      workspace: ws,
      inputs: {
        model: 'model/model.json',
        repository: `${registry.host}/acme/churn`,
        base: 'oci:base:node',
        push: 'true',
        username: 'bot',
        password: 'p4ss-from-secrets',
        'cache-dir': mkdtempSync(join(tmpdir(), 'cache-')),
        'result-path': 'image.json',
      },
    });
    expect(run.failures).toEqual([]);
    expect(run.code).toBe(0);
    // The PR's head commit (3f1c0a9…), not GITHUB_SHA's merge commit; no branch tag on a PR.
    expect(run.outputs.tags.split('\n')).toEqual([
      `${registry.host}/acme/churn:pr-42`,
      `${registry.host}/acme/churn:sha-3f1c0a9`,
    ]);
    const raw = skopeo([
      'inspect',
      '--raw',
      '--tls-verify=false',
      '--creds',
      'bot:p4ss-from-secrets',
      `docker://${registry.host}/acme/churn:pr-42`,
    ]);
    expect(run.outputs.digest).toBe(sha256(raw));
    expect(run.outputs['image-ref']).toBe(`${registry.host}/acme/churn@${sha256(raw)}`);
    expect(run.outputs.status).toBe('pass');
    expect(run.stdout).toContain('::add-mask::p4ss-from-secrets');
    expect(run.stdout.replaceAll('::add-mask::p4ss-from-secrets', '')).not.toContain('p4ss-from-secrets');
    const r = readResultFile(join(ws, 'image.json'));
    expect(r.inputs).not.toHaveProperty('password');
    const labels = (r.details.labels ?? {}) as Record<string, string>;
    expect(labels['org.opencontainers.image.source']).toBe('https://github.com/acme-ml/churn-model');
    expect(labels['org.opencontainers.image.revision']).toBe('3f1c0a9d2b7e4c5a8e6f1d2c3b4a5968778695a4');
    expect(labels['org.opencontainers.image.description']).toBe('Customer churn model');
    expect(run.summary).toContain('Serving image');
    expect(run.summary).toContain('| base oci:base:node (1 layers)');
  });

  test('builder docker without a Docker daemon fails the step saying so', async () => {
    const ws = workspace(base);
    const run = await runBundle('image', {
      workspace: ws,
      inputs: {
        model: 'model',
        repository: 'ghcr.io/acme/churn',
        base: 'node:24-slim',
        builder: 'docker',
        dockerfile: 'model/model.json',
      },
    });
    expect(run.code).toBe(1);
    expect(run.failures).toEqual([
      expect.stringMatching(
        /^builder docker: (the docker CLI is not installed|no Docker daemon is reachable \(docker info: .+\)); use builder: native \(the default\), which needs no daemon$/,
      ),
    ]);
  });
});
