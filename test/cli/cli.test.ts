import { describe, expect, test } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { cli } from '../helpers/cli.js';

describe('model-ci CLI', () => {
  test('--help lists the commands that exist', async () => {
    const r = await cli(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^model-ci \d+\.\d+\.\d+: CI checks for machine-learning repositories/);
    const listed = r.stdout
      .split('Commands:\n')[1]
      .split('\n\n')[0]
      .split('\n')
      .map((l) => l.trim().split(/\s{2,}/)[0]);
    expect(listed).toEqual([
      'lint',
      'smoke',
      'metrics',
      'gate',
      'data check',
      'data profile',
      'data merge',
      'drift',
      'image',
      'cost',
      'report',
      'release',
      'run',
    ]);
  });

  test('--version prints the package version', async () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
    expect((await cli(['--version'])).stdout).toBe(`${pkg.version}\n`);
  });

  test('every command has --help with usage, options and an example', async () => {
    for (const command of [
      ['smoke'],
      ['metrics'],
      ['gate'],
      ['data', 'check'],
      ['data', 'profile'],
      ['data', 'merge'],
      ['drift'],
      ['image'],
      ['cost'],
      ['run'],
    ]) {
      const r = await cli([...command, '--help']);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain(`Usage: model-ci ${command.join(' ')} [options]`);
      expect(r.stdout).toContain('--out FILE');
      expect(r.stdout).toMatch(/Examples:\n {2}model-ci /);
    }
  });

  test.each([
    [['metric'], 'model-ci: error: unknown command "metric" (did you mean "metrics"?)'],
    [
      ['metrics', '--lable', 'y'],
      'model-ci: error: unknown option "--lable" (did you mean "label"?) (see --help)',
    ],
    [['metrics', '--data'], 'model-ci: error: option --data needs a value (FILE)'],
    [
      ['metrics', '--data', 'x.csv', '--label', 'y', '--score', 'p', '--threshold', 'high'],
      'model-ci: error: --threshold: expected a number ≥ 0 and ≤ 1, got "high"',
    ],
    [
      ['metrics', '--data', 'x.csv', '--label', 'y', '--score', 'p', '--task', 'multi'],
      'model-ci: error: --task: expected one of binary, regression, got "multi"',
    ],
    [['metrics', '--label', 'y', '--score', 'p'], 'model-ci: error: --data is required: predictions file'],
    [
      ['run', '--config', '/nonexistent/.model-ci.yml'],
      'model-ci: error: configuration file not found: /nonexistent/.model-ci.yml',
    ],
    [['metrics', 'extra'], 'model-ci: error: unexpected argument "extra"; this command takes only --options'],
  ])('%j exits 2 with one line', async (args, message) => {
    const r = await cli(args);
    expect(r.code).toBe(2);
    expect(r.stderr.startsWith(message)).toBe(true);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});
