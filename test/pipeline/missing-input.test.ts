import { describe, expect, test } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/core/config.js';
import { kebab, type OptionSpec } from '../../src/core/options.js';
import { stepInputFiles } from '../../src/core/step.js';
import { runPipeline } from '../../src/pipeline/run-pipeline.js';
import { PIPELINE_STEPS } from '../../src/pipeline/steps.js';
import { cli } from '../helpers/cli.js';

const logger = {
  info() {},
  warn() {},
  debug() {},
  group: <T>(_t: string, fn: () => Promise<T>) => fn(),
  foreign() {},
};

/** A value of the right type for a required option (files exist: `present.txt`). */
function filler(spec: OptionSpec): string {
  if (spec.type === 'path') return 'present.txt';
  if (spec.type === 'number' || spec.type === 'integer') return String(spec.min ?? 1);
  if (spec.type === 'boolean') return 'true';
  if (spec.choices) return spec.choices[0];
  return 'x';
}

// Every path option of every check that names a file the check reads: missing, it is an error result whose
// finding points at the configuration line and column of that key.
const cases = PIPELINE_STEPS.flatMap((step) =>
  Object.entries(step.options)
    .filter(([, s]) => s.type === 'path')
    .filter(([key]) => {
      const probe = Object.fromEntries(Object.keys(step.options).map((k) => [k, `/probe/${k}`]));
      return stepInputFiles(step, probe as never, '/').includes(`/probe/${key}`);
    })
    .map(([key]) => [`${step.check}.${kebab(key)}`, step, key] as const),
);

describe('a missing file named in .model-ci.yml points at its key', () => {
  test('every check with an input file is covered', () => {
    expect(new Set(cases.map(([, s]) => s.check)).size).toBeGreaterThanOrEqual(7);
  });

  test.each(cases)('%s', async (_n, step, key) => {
    const dir = mkdtempSync(join(tmpdir(), 'missing-'));
    writeFileSync(join(dir, 'present.txt'), 'x\n');
    const k = kebab(key);
    const lines = ['version: 1', `${step.check}:`];
    for (const [name, spec] of Object.entries(step.options))
      if (spec.required && name !== key) lines.push(`  ${kebab(name)}: ${filler(spec)}`);
    lines.push(`  ${k}: data/not-there.csv`);
    const file = join(dir, '.model-ci.yml');
    writeFileSync(file, lines.join('\n') + '\n');
    const config = loadConfig(file, PIPELINE_STEPS);
    const { results } = await runPipeline(config, join(dir, 'out'), logger);
    const r = results[0].result;
    expect(r.status).toBe('error');
    expect(r.findings).toEqual([
      expect.objectContaining({
        id: `${step.check}/input-not-found`,
        severity: 'error',
        line: lines.length,
        column: k.length + 5,
      }),
    ]);
    expect(r.findings[0].file).toMatch(/\.model-ci\.yml$/);
    expect(r.summary).toContain(
      `.model-ci.yml:${lines.length}:${k.length + 5}: ${step.check}.${k}: no such file: data/not-there.csv`,
    );
  });

  test('through the CLI: the reason names the file, line, column and key', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'missing-cli-'));
    writeFileSync(join(dir, 'present.csv'), 'a\n1\n');
    writeFileSync(
      join(dir, '.model-ci.yml'),
      'version: 1\ndrift:\n  reference: present.csv\n  current: data/latest.csv\n',
    );
    const r = await cli(['run'], dir);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('.model-ci.yml:4:12: drift.current: no such file: data/latest.csv');
  });

  test('a file beside the config folder (../data.csv, config run from elsewhere) is found, not reported', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'missing-parent-'));
    execFileSync('git', ['init', '-q', dir]); // the repository: the config's parent folder
    writeFileSync(join(dir, 'a.csv'), 'x\n1\n2\n3\n');
    mkdirSync(join(dir, 'base'));
    writeFileSync(
      join(dir, 'base', '.model-ci.yml'),
      'version: 1\ndrift:\n  reference: ../a.csv\n  current: ../a.csv\n',
    );
    const r = await cli(
      ['run', '--config', join(dir, 'base', '.model-ci.yml'), '--out-dir', join(dir, 'out')],
      tmpdir(),
    );
    expect(r.stdout + r.stderr).not.toContain('no such file');
    expect(r.code).toBe(0);
  });
});
