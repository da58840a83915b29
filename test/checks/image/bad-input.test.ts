import { beforeAll, describe, expect, test } from '@jest/globals';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli } from '../../helpers/cli.js';
import { demoBase, workspace } from './fixtures.js';

let base: string;
beforeAll(() => {
  base = demoBase();
});
const common = [
  '--repository',
  'localhost/demo/x',
  '--base',
  'oci:base:node',
  '--cache-dir',
  mkdtempSync(join(tmpdir(), 'cache-')),
];

describe('model-ci image: bad input exits 2 with one line, and nothing the user gave is overwritten', () => {
  test.each([
    [
      'a model outside the repository',
      (ws: string) => ['--model', join(ws, '..')],
      /^model-ci: error: model: .* is outside the repository \(it leads out of /,
    ],
    [
      'an OCI layout folder that holds the model',
      () => ['--model', 'model', '--oci-layout', 'model'],
      /^model-ci: error: oci-layout: .*model holds an input of this build \(.*\); choose a new folder$/,
    ],
    [
      '--emit where it would replace the model',
      () => ['--model', 'model/model.json', '--emit', '.'],
      /^model-ci: error: --emit .*model\/model.json is one of the input files; choose another path so the input is not overwritten$/,
    ],
    [
      'a root user',
      () => ['--model', 'model', '--user', '0:0'],
      /^model-ci: error: user: the serving image must not run as root/,
    ],
    [
      'an unknown tag type',
      () => ['--model', 'model', '--tag-types', 'sha,nightly'],
      /^model-ci: error: tag-types: "nightly" is not one of sha, branch, pr, semver$/,
    ],
    [
      'a base layout that does not exist',
      () => ['--model', 'model', '--base', 'oci:nowhere:node'],
      /^model-ci: error: base oci:nowhere:node: .*nowhere is not an OCI image layout \(no index.json\)$/,
    ],
    [
      'a missing model',
      () => ['--model', 'missing/model.json'],
      /^model-ci: error: model: "\S+missing\/model.json" does not exist/,
    ],
  ])('%s', async (_name, extra, message) => {
    const ws = workspace(base);
    const before = readFileSync(join(ws, 'model', 'model.json'));
    const run = await cli(['image', ...common, ...extra(ws)], ws);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n').pop()).toMatch(message);
    expect(readFileSync(join(ws, 'model', 'model.json'))).toEqual(before);
  });

  test('a password in .model-ci.yml is refused (the pipeline reports an error result)', async () => {
    const ws = workspace(base);
    mkdirSync(join(ws, 'out'));
    writeFileSync(
      join(ws, '.model-ci.yml'),
      'version: 1\nimage:\n  model: model\n  repository: localhost/x/y\n  base: oci:base:node\n  username: u\n  password: hunter2\n',
    );
    const run = await cli(['run', '--config', '.model-ci.yml', '--out-dir', 'out'], ws);
    expect(run.code).toBe(2);
    const result = JSON.parse(readFileSync(join(ws, 'out', 'image.json'), 'utf8'));
    expect(result.summary).toMatch(/image.password: do not write a password into the configuration/);
    expect(JSON.stringify(result)).not.toContain('hunter2');
  });
});
