import { describe, expect, test } from '@jest/globals';
import { Ajv } from 'ajv';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { COMMANDS } from '../../src/cli/main.js';
import { cli } from '../helpers/cli.js';
import { ROOT } from '../helpers/run-bundle.js';

/** A repository with two drift runs: one passes (same data), one fails (shifted data). */
function repo(): string {
  const dir = mkdtempSync(join(tmpdir(), 'run-out-'));
  mkdirSync(join(dir, 'data'));
  for (const f of ['reference.csv', 'current.csv'])
    copyFileSync(join(ROOT, 'test/fixtures/drift', f), join(dir, 'data', f));
  writeFileSync(
    join(dir, '.model-ci.yml'),
    [
      'version: 1',
      'drift:',
      '  - name: same',
      '    reference: data/reference.csv',
      '    current: data/reference.csv',
      '    exclude: id',
      '  - name: shifted',
      '    reference: data/reference.csv',
      '    current: data/current.csv',
      '    exclude: id',
      '',
    ].join('\n'),
  );
  return dir;
}

describe('model-ci run --out', () => {
  test('writes the run file: each result with check, status, path, and the worst status (schema/run.schema.json)', async () => {
    const dir = repo();
    const r = await cli(['run', '--out', 'run.json', '--quiet'], dir);
    expect(r.code).toBe(1);
    const doc = JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8'));
    const schema = JSON.parse(readFileSync(join(ROOT, 'schema/run.schema.json'), 'utf8'));
    const validate = new Ajv({ strict: true }).compile(schema);
    expect(validate.errors ?? validate(doc)).toBe(true);
    expect(doc).toMatchObject({
      schema: 'model-ci/run@1',
      status: 'fail',
      config: '.model-ci.yml',
      summary: 'model-ci-report/summary.md',
      report: { markdown: 'model-ci-report/report.md', html: 'model-ci-report/report.html' },
    });
    expect(doc.results.map((x: Record<string, string>) => [x.check, x.name, x.status, x.path])).toEqual([
      ['drift', 'same', 'pass', 'model-ci-report/drift-same.json'],
      ['drift', 'shifted', 'fail', 'model-ci-report/drift-shifted.json'],
    ]);
    // Every path in the run file opens the result it names.
    for (const x of doc.results)
      expect(JSON.parse(readFileSync(join(dir, x.path), 'utf8')).status).toBe(x.status);
  });

  test('--out may not replace an input: refused before any check runs', async () => {
    const dir = repo();
    const r = await cli(['run', '--out', 'data/current.csv'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--out.*data\/current\.csv/);
    expect(existsSync(join(dir, 'model-ci-report'))).toBe(false);
    expect(readFileSync(join(dir, 'data/current.csv'), 'utf8')).toBe(
      readFileSync(join(ROOT, 'test/fixtures/drift/current.csv'), 'utf8'),
    );
  });

  test('run --help describes --out as the run file, once', async () => {
    const help = (await cli(['run', '--help'])).stdout;
    expect(help.match(/^\s+--out /gm)).toHaveLength(1);
    expect(help).toContain('model-ci/run@1');
  });
});

describe('command groups list their subcommands', () => {
  const groups = [...new Set(COMMANDS.filter((c) => c.name.includes(' ')).map((c) => c.name.split(' ')[0]))];
  test('there is at least the data group', () => expect(groups).toContain('data'));

  test.each(groups)('model-ci %s --help lists every subcommand, exit 0', async (group) => {
    const r = await cli([group, '--help']);
    expect(r.code).toBe(0);
    for (const c of COMMANDS.filter((x) => x.name.startsWith(`${group} `)))
      expect(r.stdout).toMatch(new RegExp(`^  ${c.name}\\s+\\S`, 'm'));
    expect(r.stdout).not.toContain('unknown command');
  });

  test.each(groups)('model-ci %s alone lists them too, as a usage error (exit 2)', async (group) => {
    const r = await cli([group]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`Usage: model-ci ${group} <subcommand>`);
    expect(r.stderr).toContain(`${group} profile`);
  });

  test('an unknown subcommand names the ones that exist', async () => {
    const r = await cli(['data', 'profil']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'model-ci: error: unknown command "data profil" (did you mean "profile"?); data subcommands: check, profile, merge\n',
    );
  });
});
