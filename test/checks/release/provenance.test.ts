/**
 * provenance.json against the in-toto Statement v1 and SLSA provenance v1 schemas (written from the
 * specifications, which publish none: test/fixtures/provenance/), with its digests checked against
 * `sha256sum` and `git rev-parse`, on a release of a repository made by the test, as a GitHub runner's
 * environment describes the run.
 */
import { describe, expect, test } from '@jest/globals';
import { Ajv } from 'ajv';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { canonicalJson, type Statement } from '../../../src/checks/release/provenance.js';
import { cli } from '../../helpers/cli.js';
import { makeRepo } from '../../helpers/release-fixtures.js';
import { ROOT } from '../../helpers/run-bundle.js';

const dir = join(ROOT, 'test/fixtures/provenance');
const schema = (name: string) => JSON.parse(readFileSync(join(dir, name), 'utf8')) as Record<string, unknown>;
const ajv = new Ajv({ allErrors: true, strict: false });
ajv.addSchema(schema('in-toto-statement-v1.schema.json'), 'in-toto-statement-v1.schema.json');
ajv.addSchema(schema('slsa-provenance-v1.schema.json'), 'slsa-provenance-v1.schema.json');
const validStatement = ajv.getSchema('in-toto-statement-v1.schema.json')!;
const validPredicate = ajv.getSchema('slsa-provenance-v1.schema.json')!;

function problems(doc: Statement): string[] {
  const out: string[] = [];
  if (!validStatement(doc))
    out.push(...(validStatement.errors ?? []).map((e) => `statement${e.instancePath} ${e.message}`));
  if (!validPredicate(doc.predicate))
    out.push(...(validPredicate.errors ?? []).map((e) => `predicate${e.instancePath} ${e.message}`));
  return out;
}

async function provenanceOf(env: Record<string, string> = {}) {
  const repo = makeRepo();
  const file = join(mkdtempSync(join(tmpdir(), 'prov-')), 'provenance.json');
  const run = await cli(
    ['release', '--results', repo.results, '--dry-run', '--provenance', file, '--quiet'],
    repo.dir,
    env,
  );
  expect(run.stderr).toBe('');
  const text = readFileSync(file, 'utf8');
  return { repo, text, doc: JSON.parse(text) as Statement };
}

describe('provenance.json', () => {
  test('is an in-toto Statement v1 with a SLSA provenance v1 predicate; subject digests equal sha256sum', async () => {
    const { repo, doc, text } = await provenanceOf({
      GITHUB_SERVER_URL: 'https://github.example.com',
      GITHUB_REPOSITORY: 'acme-ml/churn-model',
      GITHUB_RUN_ID: '4242',
      GITHUB_RUN_ATTEMPT: '2',
      GITHUB_WORKFLOW_REF: 'acme-ml/churn-model/.github/workflows/main-release.yml@refs/heads/main',
      GITHUB_EVENT_NAME: 'push',
      GITHUB_REF: 'refs/heads/main',
      GITHUB_REPOSITORY_ID: '123456',
      GITHUB_REPOSITORY_OWNER_ID: '654321',
      RUNNER_ENVIRONMENT: 'github-hosted',
    });
    expect(problems(doc)).toEqual([]);
    expect(doc._type).toBe('https://in-toto.io/Statement/v1');
    expect(doc.predicateType).toBe('https://slsa.dev/provenance/v1');
    // Byte-stable: keys sorted, so the bytes a signature covers are the bytes re-serialised.
    expect(canonicalJson(JSON.parse(text))).toBe(text);

    const sums = execFileSync(
      'sha256sum',
      ['model/model.json', 'model/preprocessing.json', 'model/weights.bin'],
      { cwd: repo.dir, encoding: 'utf8' },
    )
      .trim()
      .split('\n')
      .map((l) => {
        const [sha256, name] = l.split(/\s+/);
        return { name, digest: { sha256 } };
      });
    expect(doc.subject).toEqual([
      ...sums,
      {
        name: 'ghcr.io/acme-ml/churn',
        digest: { sha256: 'd709454c421575c30bd3972142fbd0a0e054fc4ee6a9b6c302c7492455cf82d2' },
      },
    ]);

    const p = doc.predicate;
    expect(p.buildDefinition.buildType).toBe('https://model-ci.dev/buildtypes/release/v1');
    expect(p.buildDefinition.externalParameters).toEqual({
      workflow: {
        ref: 'refs/heads/main',
        repository: 'https://github.example.com/acme-ml/churn-model',
        path: '.github/workflows/main-release.yml',
      },
      release: { tagPrefix: 'model-v', force: false, floatingTag: false },
    });
    expect(p.buildDefinition.internalParameters).toEqual({
      github: {
        event_name: 'push',
        repository_id: '123456',
        repository_owner_id: '654321',
        runner_environment: 'github-hosted',
      },
      model_ci: { version: '0.1.0', release: { version: '1.0.0', tag: 'model-v1.0.0' } },
    });
    const deps = p.buildDefinition.resolvedDependencies ?? [];
    expect(deps[0]).toEqual({
      uri: 'git+https://github.example.com/acme-ml/churn-model@refs/heads/main',
      digest: { gitCommit: repo.head() },
    });
    const eval_ = execFileSync('sha256sum', ['data/eval.csv'], { cwd: repo.dir, encoding: 'utf8' }).split(
      ' ',
    )[0];
    expect(deps).toContainEqual({ name: 'data/eval.csv', digest: { sha256: eval_ } });
    const gateSum = execFileSync('sha256sum', ['gate.json'], { cwd: repo.results, encoding: 'utf8' }).split(
      ' ',
    )[0];
    expect(deps).toContainEqual({
      name: 'results/gate.json',
      digest: { sha256: gateSum },
      annotations: { check: 'gate', status: 'pass' },
    });
    expect(p.runDetails.builder).toEqual({
      id: 'https://github.com/actions/runner/github-hosted',
      version: { 'model-ci': '0.1.0' },
    });
    expect(p.runDetails.metadata?.invocationId).toBe(
      'https://github.example.com/acme-ml/churn-model/actions/runs/4242/attempts/2',
    );
  });

  test('on a laptop: a local builder, no workflow, still valid', async () => {
    const { doc } = await provenanceOf();
    expect(problems(doc)).toEqual([]);
    expect(doc.predicate.runDetails.builder.id).toBe('https://model-ci.dev/builders/local/v1');
    expect(doc.predicate.buildDefinition.externalParameters.workflow).toBeUndefined();
    expect(doc.predicate.runDetails.metadata?.invocationId).toBeUndefined();
  });

  test('the schemas are awake: a subject without a digest, a bad sha256 or a missing builder fail', async () => {
    const { doc } = await provenanceOf();
    const a = structuredClone(doc);
    delete a.subject[0].digest;
    expect(problems(a).join('\n')).toMatch(/statement\/subject\/0 must have required property 'digest'/);
    const b = structuredClone(doc);
    b.subject[1].digest = { sha256: 'ABC' };
    expect(problems(b).join('\n')).toMatch(/statement\/subject\/1\/digest\/sha256 must match pattern/);
    const c = structuredClone(doc) as unknown as { predicate: { runDetails: Record<string, unknown> } };
    delete c.predicate.runDetails.builder;
    expect(problems(c as unknown as Statement).join('\n')).toMatch(
      /predicate\/runDetails must have required property 'builder'/,
    );
  });
});
