import { describe, expect, test } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readInputs, runStepAction } from '../../src/actions/harness.js';
import { driftStep } from '../../src/checks/drift/step.js';
import { parseArgs } from '../../src/cli/args.js';
import { COMMANDS } from '../../src/cli/main.js';
import { loadConfig } from '../../src/core/config.js';
import { kebab, type OptionSpec } from '../../src/core/options.js';
import { runPipeline } from '../../src/pipeline/run-pipeline.js';
import { PIPELINE_STEPS } from '../../src/pipeline/steps.js';
import { cli } from '../helpers/cli.js';
import { fakeActionIo } from '../helpers/fake-action-io.js';
import { ROOT } from '../helpers/run-bundle.js';

const REF = join(ROOT, 'test/fixtures/drift/reference.csv');
const CUR = join(ROOT, 'test/fixtures/drift/current.csv');
const quietLogger = {
  info() {},
  warn() {},
  debug() {},
  group: <T>(_t: string, fn: () => Promise<T>) => fn(),
  foreign() {},
};

function configFile(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'spelling-'));
  const file = join(dir, '.model-ci.yml');
  writeFileSync(file, text);
  return file;
}

/** Every error names the option in kebab-case, never as the TypeScript property. */
const camelName = /\b[a-z]+[A-Z][A-Za-z]*\b/;

describe('boolean flags: both spellings in --help, with the default', () => {
  test('drift --help lists --fail-on-drift / --no-fail-on-drift and says failing is the default', async () => {
    const r = await cli(['drift', '--help']);
    expect(r.stdout).toMatch(
      /--fail-on-drift, --no-fail-on-drift\s+fail the check on dataset drift.*\(default --fail-on-drift\)/,
    );
    expect(r.stdout).toMatch(/--bh-correction, --no-bh-correction\s+.*\(default --bh-correction\)/);
    expect(r.stdout).toContain('--x=true, --x false');
  });

  test.each(COMMANDS.map((c) => [c.name, c] as const))(
    '%s --help lists --x and --no-x for every boolean',
    async (name, cmd) => {
      const r = await cli([...name.split(' '), '--help']);
      expect(r.code).toBe(0);
      for (const [key, spec] of Object.entries(cmd.options)) {
        if (spec.type !== 'boolean' || spec.configOnly) continue;
        const k = kebab(key);
        const dflt = spec.default === true ? `--${k}` : `--no-${k}`;
        expect(r.stdout).toContain(`--${k}, --no-${k}`);
        expect(r.stdout).toContain(`default ${dflt})`);
      }
    },
  );
});

describe('boolean flags take a value as argparse and GX users write it', () => {
  const specs = driftStep.options;
  test.each([
    [['--bh-correction', 'false'], false],
    [['--bh-correction', 'true'], true],
    [['--bh-correction=false'], false],
    [['--bh-correction=no'], false],
    [['--bh-correction'], true],
    [['--no-bh-correction'], false],
    [['--no-bh-correction=true'], false],
    [['--no-bh-correction=false'], true],
  ])('%j -> %s', (argv, expected) => {
    expect(parseArgs(argv, specs).values.bhCorrection).toBe(expected);
  });

  test('a word that is not a boolean is not swallowed: it stays an argument', () => {
    expect(() => parseArgs(['--bh-correction', 'maybe'], specs)).toThrow(/unexpected argument "maybe"/);
  });

  test('--bh-correction false runs the check (was "unexpected argument")', async () => {
    const r = await cli([
      'drift',
      '--reference',
      REF,
      '--current',
      CUR,
      '--bh-correction',
      'false',
      '--no-fail-on-drift',
      '--quiet',
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });
});

describe('errors name the option as the user wrote it, for each source', () => {
  test('flag: --drift-share', async () => {
    const r = await cli(['drift', '--reference', REF, '--current', CUR, '--drift-share', '0']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('model-ci: error: --drift-share: expected a number > 0 and ≤ 1, got 0\n');
  });

  test('action input: input "drift-share"', async () => {
    const run = fakeActionIo(
      { reference: REF, current: CUR, 'drift-share': '0' },
      { GITHUB_WORKSPACE: ROOT },
    );
    await runStepAction(driftStep, run.io);
    expect(run.failures).toEqual(['input "drift-share": expected a number > 0 and ≤ 1, got 0']);
  });

  test('config: drift-share with file:line:col', () => {
    const file = configFile(`version: 1\ndrift:\n  reference: ${REF}\n  current: ${CUR}\n  drift-share: 0\n`);
    expect(() => loadConfig(file, PIPELINE_STEPS)).toThrow(
      `${file}:5:16: drift.drift-share: expected a number > 0 and ≤ 1, got 0`,
    );
  });

  test('checks beyond the spec (a column that is in neither file) use the same spelling', async () => {
    const r = await cli(['drift', '--reference', REF, '--current', CUR, '--prediction-column', 'nope']);
    expect(r.stderr).toMatch(/^model-ci: error: --prediction-column: column "nope" is in neither file/m);

    const run = fakeActionIo(
      { reference: REF, current: CUR, 'prediction-column': 'nope' },
      { GITHUB_WORKSPACE: ROOT },
    );
    await runStepAction(driftStep, run.io);
    expect(run.failures[0]).toMatch(/^input "prediction-column": column "nope"/);

    const file = configFile(
      `version: 1\ndrift:\n  reference: ${REF}\n  current: ${CUR}\n  prediction-column: nope\n`,
    );
    const config = { ...loadConfig(file, PIPELINE_STEPS), root: '/' };
    const outDir = mkdtempSync(join(tmpdir(), 'spelling-out-'));
    const { results } = await runPipeline(config, outDir, quietLogger);
    expect(results[0].result.summary).toMatch(
      /\.model-ci\.yml:5:22: drift\.prediction-column: column "nope" is in neither file/,
    );
    expect(results[0].result.summary.slice(file.length)).not.toMatch(camelName);
  });

  // The class: every bounded number option of every check, out of range from each of the three sources.
  const bounded = PIPELINE_STEPS.flatMap((step) =>
    Object.entries(step.options)
      .filter(([, s]) => (s.type === 'number' || s.type === 'integer') && !s.configOnly)
      .filter(([, s]) => s.min !== undefined || s.exclusiveMin !== undefined || s.max !== undefined)
      .map(([key, spec]) => [`${step.check} ${kebab(key)}`, step, key, spec] as const),
  );
  const outOfRange = (s: OptionSpec) =>
    s.exclusiveMin !== undefined ? s.exclusiveMin : s.min !== undefined ? s.min - 1 : (s.max as number) + 1;

  test.each(bounded)('%s: flag, input and config key are named in kebab-case', (_n, step, key, spec) => {
    const k = kebab(key);
    const bad = outOfRange(spec);
    expect(() => parseArgs([`--${k}`, String(bad)], step.options)).toThrow(new RegExp(`^--${k}: expected `));
    const io = fakeActionIo({ [k]: String(bad) }, {}).io;
    expect(() => readInputs(step.options, io)).toThrow(new RegExp(`^input "${k}": expected `));
    const file = configFile(`version: 1\n${step.check}:\n  ${k}: ${bad}\n`);
    let message = '';
    try {
      loadConfig(file, PIPELINE_STEPS);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toBe(
      `${file}:3:${k.length + 5}: ${step.check}.${k}: expected ${message.split(': expected ')[1]}`,
    );
    expect(message).toContain(`got ${bad}`);
    expect(message.slice(file.length)).not.toMatch(camelName);
  });
});
