/**
 * dist/release run under Node 24 as the runner runs it: a push to main, the GitHub API double (every
 * request validated against GitHub's OpenAPI description; uploads on their own host) and a local Sigstore
 * (@sigstore/mock's Fulcio and Rekor, and an OIDC token service as `id-token: write` provides). It creates
 * the tag, the release and its assets with a signed provenance once, however often it runs, and neither
 * the GitHub token nor the OIDC token appears anywhere but in the commands that mask them.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { bundleFromJSON } from '@sigstore/bundle';
import { toSignedEntity, toTrustMaterial, Verifier } from '@sigstore/verify';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GitHubDouble } from '../helpers/github-double.js';
import { makeRepo, pushTo } from '../helpers/release-fixtures.js';
import { ROOT, runBundle } from '../helpers/run-bundle.js';
import { OIDC_ISSUER, startSigstore, type SigstoreDouble } from '../helpers/sigstore-double.js';

let double: GitHubDouble;
let sigstore: SigstoreDouble;
beforeAll(async () => {
  double = await GitHubDouble.start();
  sigstore = await startSigstore('acme-ml/churn-model');
});
afterAll(async () => {
  await double.close();
  await sigstore.close();
});

describe('actions/release (dist/release) under Node 24', () => {
  test('releases once with a signed provenance; a second run changes nothing; no token is shown', async () => {
    const repo = makeRepo();
    pushTo(double, repo, 'acme-ml', 'churn-model');
    const payload = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/github/push.branch.json'), 'utf8'));
    payload.ref = 'refs/heads/main';
    payload.repository.full_name = 'acme-ml/churn-model';
    payload.repository.private = false;
    const event = join(mkdtempSync(join(tmpdir(), 'event-')), 'push.json');
    writeFileSync(event, JSON.stringify(payload));
    const env = {
      ...sigstore.oidcEnv,
      GITHUB_EVENT_NAME: 'push',
      GITHUB_EVENT_PATH: event,
      GITHUB_REPOSITORY: 'acme-ml/churn-model',
      GITHUB_SHA: repo.head(),
      GITHUB_REF: 'refs/heads/main',
      GITHUB_API_URL: double.url,
      GITHUB_GRAPHQL_URL: double.graphqlUrl,
      GITHUB_SERVER_URL: double.webUrl,
      GITHUB_WORKFLOW_REF: 'acme-ml/churn-model/.github/workflows/main-release.yml@refs/heads/main',
      RUNNER_ENVIRONMENT: 'github-hosted',
    };
    const inputs = {
      results: repo.results,
      'github-token': double.token,
      'floating-tag': 'true',
      'fulcio-url': sigstore.fulcioUrl,
      'rekor-url': sigstore.rekorUrl,
      'dry-run': 'false',
    };
    const first = await runBundle('release', { workspace: repo.dir, inputs, env });
    expect(first.failures).toEqual([]);
    expect(first.code).toBe(0);
    expect(first.outputs).toMatchObject({
      status: 'pass',
      version: '1.0.0',
      tag: 'model-v1.0.0',
      'previous-tag': '',
      'release-url': `${double.webUrl}/acme-ml/churn-model/releases/tag/model-v1.0.0`,
    });
    const git = double.git.repo('acme-ml', 'churn-model');
    expect(double.git.peel(git, 'tags/model-v1.0.0')).toBe(repo.head());
    expect(git.refs.get('tags/model-v1')).toEqual({ type: 'commit', sha: repo.head() });
    const [rel] = [...git.releases.values()];
    expect(git.releases.size).toBe(1);
    expect(rel.draft).toBe(false);
    const names = rel.assets.map((a) => a.name);
    expect(names).toContain('provenance.json');
    expect(names).toContain('provenance.sigstore.json');
    expect(names).toHaveLength(10);

    // The attached bundle signs exactly the attached provenance, for this workflow's identity.
    const provenance = rel.assets.find((a) => a.name === 'provenance.json')!.data;
    const bundle = JSON.parse(
      rel.assets.find((a) => a.name === 'provenance.sigstore.json')!.data.toString('utf8'),
    );
    expect(Buffer.from(bundle.dsseEnvelope.payload, 'base64').equals(provenance)).toBe(true);
    expect(provenance.equals(readFileSync(first.outputs['provenance-path']))).toBe(true);
    const verifier = new Verifier(toTrustMaterial(sigstore.trustedRoot()), {
      tlogThreshold: 1,
      ctlogThreshold: 0,
    });
    const signer = verifier.verify(toSignedEntity(bundleFromJSON(bundle)), {
      subjectAlternativeName: sigstore.identity,
      extensions: { issuer: OIDC_ISSUER },
    });
    expect(signer.identity?.subjectAlternativeName).toBe(sigstore.identity);
    expect(first.summary).toContain('### ✅ Model release');
    expect(first.summary).toContain('<details><summary>Release notes</summary>');
    expect(first.summary).toContain('Signed with Sigstore: `provenance.sigstore.json`.');

    const writesBefore = double.requests.length;
    const rekorBefore = sigstore.requests.length;
    const second = await runBundle('release', { workspace: repo.dir, inputs, env });
    expect(second.failures).toEqual([]);
    expect(second.outputs['release-url']).toBe(first.outputs['release-url']);
    const writes = double.requests
      .slice(writesBefore)
      .filter((r) => ['POST', 'PATCH', 'PUT', 'DELETE'].includes(r.method));
    expect(writes).toEqual([]);
    expect(sigstore.requests.length).toBe(rekorBefore); // not signed again
    expect(git.releases.size).toBe(1);

    // Each secret reaches the runner only in the command that masks it.
    for (const run of [first, second]) {
      const all =
        run.stdout +
        run.stderr +
        run.summary +
        JSON.stringify(run.outputs) +
        readFileSync(run.outputs['result-path'], 'utf8');
      for (const secret of [double.token, ...sigstore.tokens]) {
        const lines = all.split('\n').filter((l) => l.includes(secret));
        expect(new Set(lines)).toEqual(lines.length ? new Set([`::add-mask::${secret}`]) : new Set());
      }
    }
    expect(first.stdout).toContain(`::add-mask::${double.token}`);
    expect(double.problems).toEqual([]);
  });
});
