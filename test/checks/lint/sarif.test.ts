import { beforeAll, describe, expect, test } from '@jest/globals';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lintStep } from '../../../src/checks/lint/step.js';
import { RULES } from '../../../src/checks/lint/rules.js';
import { silentLogger } from '../../../src/core/logger.js';
import { ROOT } from '../../helpers/run-bundle.js';
import { EXPECTED, SECRETS, buildFixtureRepo } from './fixture-repo.js';

const MULTITOOL = join(ROOT, 'node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool');

/** Microsoft's SARIF validator with GitHub's ingestion rules: its own SARIF log of what it found. */
function validate(
  file: string,
  out: string,
): Promise<{
  code: number;
  stdout: string;
  log: {
    runs: {
      results?: {
        level?: string;
        ruleId: string;
        message: { text?: string; id?: string; arguments?: string[] };
      }[];
    }[];
  };
}> {
  return new Promise((resolve, reject) => {
    // The file comes first: --log takes a list and would swallow it. stdin is closed so the tool never waits.
    const child = spawn(
      MULTITOOL,
      ['validate', file, '--rule-kind', 'Gh;Sarif', '--output', out, '--log', 'ForceOverwrite'],
      {
        env: { ...process.env, DOTNET_SYSTEM_GLOBALIZATION_INVARIANT: '1' },
        stdio: ['ignore', 'pipe', 'pipe'],
        timeout: 120_000,
      },
    );
    let stdout = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stdout += d));
    child.on('error', reject);
    child.on('close', (code) => {
      try {
        resolve({ code: code ?? 1, stdout, log: JSON.parse(readFileSync(out, 'utf8')) });
      } catch (e) {
        reject(new Error(`Sarif.Multitool wrote no log (exit ${code}): ${stdout.slice(-2000)} ${String(e)}`));
      }
    });
  });
}

describe('SARIF output', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lint-sarif-'));
  const repo = join(dir, 'repo');
  buildFixtureRepo(repo, { git: true });
  const sarifFile = join(dir, 'lint.sarif');
  beforeAll(async () => {
    await lintStep.execute({ path: repo, sarifFile }, { baseDir: dir, logger: silentLogger });
  });

  test('passes Sarif.Multitool validate --rule-kind "Gh;Sarif" with no error', async () => {
    const v = await validate(sarifFile, join(dir, 'validation.sarif'));
    const problems = v.log.runs.flatMap((r) => r.results ?? []);
    const errors = problems.filter((p) => p.level === 'error');
    expect(errors).toEqual([]);
    expect(v.code).toBe(0);
    // Warnings are reported too; keep the file free of them as well.
    expect(problems.map((p) => `${p.ruleId} ${p.message.arguments?.join(' | ') ?? ''}`)).toEqual([]);
  }, 120_000);

  test('the validator does report what GitHub would reject (so the test above can fail)', async () => {
    const sarif = JSON.parse(readFileSync(sarifFile, 'utf8'));
    const loc = sarif.runs[0].results[0].locations[0].physicalLocation;
    loc.artifactLocation = { uri: `file://${repo}/Dockerfile` }; // absolute, no uriBaseId
    delete loc.region;
    delete sarif.runs[0].tool.driver.rules[0].shortDescription;
    const broken = join(dir, 'broken.sarif');
    writeFileSync(broken, JSON.stringify(sarif));
    const v = await validate(broken, join(dir, 'broken-validation.sarif'));
    const rules = v.log.runs
      .flatMap((r) => r.results ?? [])
      .filter((p) => p.level === 'error')
      .map((p) => p.ruleId);
    expect(rules.length).toBeGreaterThan(0);
  }, 120_000);

  test('has rule metadata, security-severity, locations and partial fingerprints', () => {
    const sarif = JSON.parse(readFileSync(sarifFile, 'utf8'));
    expect(sarif.version).toBe('2.1.0');
    const run = sarif.runs[0];
    expect(run.tool.driver.rules.map((r: { id: string }) => r.id)).toEqual(RULES.map((r) => r.id));
    const mci301 = run.tool.driver.rules.find((r: { id: string }) => r.id === 'MCI301');
    expect(mci301).toMatchObject({
      name: 'PickleDangerousGlobal',
      defaultConfiguration: { level: 'error' },
      properties: { 'security-severity': '9.8', tags: expect.arrayContaining(['security']) },
    });
    expect(mci301.help.text).toContain('Fix:');
    const dl = run.tool.driver.rules.find((r: { id: string }) => r.id === 'MCI201');
    expect(dl.properties.tags).toContain('hadolint:DL3006');
    const results = run.results as {
      ruleId: string;
      level: string;
      locations: {
        physicalLocation: {
          artifactLocation: { uri: string; uriBaseId: string };
          region: { startLine: number };
        };
      }[];
      partialFingerprints: Record<string, string>;
      suppressions?: { kind: string; justification: string }[];
    }[];
    const active = results.filter((r) => !r.suppressions);
    expect(active).toHaveLength(EXPECTED.length);
    const evil = results.find((r) => r.ruleId === 'MCI301')!;
    expect(evil.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: 'models/torch_evil.pt', uriBaseId: 'SRCROOT' },
      region: { startLine: 1 },
    });
    expect(evil.partialFingerprints['modelCiFingerprint/v1']).toMatch(/^[0-9a-f]{32}:1$/);
    expect(results.find((r) => r.ruleId === 'MCI203')!.suppressions).toEqual([
      { kind: 'inSource', justification: 'libgomp needs its recommended packages on slim images' },
    ]);
    expect(run.originalUriBaseIds.SRCROOT.uri).toBe(`file://${repo}/`);
  });

  test('never contains a credential', () => {
    const text = readFileSync(sarifFile, 'utf8');
    for (const s of [SECRETS.github, SECRETS.awsSecret, SECRETS.slack, SECRETS.hf])
      expect(text).not.toContain(s.slice(6));
  });

  test('paths are relative to the Git top when the linted folder is below it', async () => {
    const out = join(dir, 'sub.sarif');
    await lintStep.execute(
      { path: join(repo, 'models'), sarifFile: out },
      { baseDir: dir, logger: silentLogger },
    );
    const run = JSON.parse(readFileSync(out, 'utf8')).runs[0];
    expect(
      run.results.find((r: { ruleId: string }) => r.ruleId === 'MCI301').locations[0].physicalLocation
        .artifactLocation.uri,
    ).toBe('models/torch_evil.pt');
    expect(run.originalUriBaseIds.SRCROOT.uri).toBe(`file://${repo}/`);
  });
});
