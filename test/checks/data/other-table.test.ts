import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli } from '../../helpers/cli.js';
import type { ValidationResult } from '../../../src/checks/data/validation-result.js';

let repo: string;
let outside: string;

beforeAll(() => {
  repo = mkdtempSync(join(tmpdir(), 'mci-other-table-'));
  outside = mkdtempSync(join(tmpdir(), 'mci-outside-'));
  mkdirSync(join(repo, '.git'));
  mkdirSync(join(repo, 'data'));
  mkdirSync(join(repo, 'suites'));
  writeFileSync(join(repo, 'data', 'main.csv'), 'id,plan\n1,a\n2,b\n3,a\n');
  writeFileSync(join(repo, 'data', 'same.csv'), 'x\n7\n8\n9\n');
  writeFileSync(join(repo, 'data', 'two.jsonl'), '{"x": 1}\n{"x": 2}\n');
  writeFileSync(join(outside, 'secret.csv'), 'a\n1\n2\n3\n');
  symlinkSync(join(outside, 'secret.csv'), join(repo, 'data', 'link.csv'));
});
afterAll(() => {
  rmSync(repo, { recursive: true, force: true });
  rmSync(outside, { recursive: true, force: true });
});

function suite(names: string[], extra = ''): string {
  const file = join(repo, 'suites', 's.yml');
  writeFileSync(
    file,
    'expectations:\n' +
      names
        .map(
          (n) =>
            `  - {type: expect_table_row_count_to_equal_other_table, other_table_name: ${JSON.stringify(n)}}\n`,
        )
        .join('') +
      '  - {type: expect_column_values_to_not_be_null, column: id}\n' +
      extra,
  );
  return 'suites/s.yml';
}

async function check(args: string[]) {
  const run = await cli(['data', 'check', '--data', 'data/main.csv', ...args, '--out', 'out.json'], repo);
  let results: ValidationResult[] = [];
  try {
    results = JSON.parse(readFileSync(join(repo, 'out.json'), 'utf8')).details.results;
  } catch {
    // no result written
  }
  rmSync(join(repo, 'out.json'), { force: true });
  return { ...run, results };
}

describe('expect_table_row_count_to_equal_other_table', () => {
  test('other_table_name is a data file relative to the suite; observed_value {self, other} as GX', async () => {
    const r = await check(['--suite', suite(['../data/same.csv', '../data/two.jsonl'])]);
    expect(r.code).toBe(1);
    expect(r.results[0]).toMatchObject({ success: true, result: { observed_value: { self: 3, other: 3 } } });
    expect(r.results[1]).toMatchObject({ success: false, result: { observed_value: { self: 3, other: 2 } } });
    expect(r.results[2].success).toBe(true);
    expect(r.stdout + r.stderr).toMatch(
      /expect_table_row_count_to_equal_other_table failed: 3 rows, but the other table "\.\.\/data\/two\.jsonl" \(.*two\.jsonl\) has 2/,
    );
  });

  test('--other-table NAME=FILE maps a GX table name to a file (repeatable)', async () => {
    const r = await check([
      '--suite',
      suite(['events', 'users']),
      '--other-table',
      'events=data/same.csv',
      '--other-table',
      'users=data/two.jsonl',
    ]);
    expect(r.results.map((x) => x.result.observed_value)).toEqual([
      { self: 3, other: 3 },
      { self: 3, other: 2 },
      undefined,
    ]);
  });

  test('a row_condition counts the selected rows of this table only', async () => {
    writeFileSync(
      join(repo, 'suites', 's.yml'),
      'expectations:\n  - {type: expect_table_row_count_to_equal_other_table, other_table_name: ../data/two.jsonl, row_condition: \'plan == "a"\'}\n',
    );
    const r = await check(['--suite', 'suites/s.yml']);
    expect(r.code).toBe(0);
    expect(r.results[0].result.observed_value).toEqual({ self: 2, other: 2 });
  });

  test('a missing table fails that expectation with a message saying how names resolve; the suite goes on', async () => {
    const r = await check(['--suite', suite(['events'])]);
    expect(r.code).toBe(1);
    expect(r.results[0].success).toBe(false);
    expect(r.results[0].exception_info.exception_message).toMatch(
      /other table "events": .*not found.*suites\/events.*other_table_name is a path relative to the suite's folder; or map the name with --other-table events=FILE/,
    );
    expect(r.results[1].success).toBe(true);
  });

  test.each([
    ['../../outside.csv', /leads out of/],
    ['/etc/passwd', /is an absolute path/],
    ['../data/link.csv', /symbolic link/],
    ['https://user:pw@example.com/t.csv?sig=abc', /is a URL; a suite names files inside the repository/],
  ])('a suite cannot name a file outside the repository: %s', async (name, why) => {
    const r = await check(['--suite', suite([name])]);
    expect(r.results[0].success).toBe(false);
    expect(r.results[0].exception_info.exception_message).toMatch(why);
    expect(r.results[0].result.observed_value).toBeUndefined(); // the file was not read
  });

  test('the other table is an input: --out cannot overwrite it', async () => {
    const run = await cli(
      [
        'data',
        'check',
        '--data',
        'data/main.csv',
        '--suite',
        suite(['../data/same.csv']),
        '--out',
        'data/same.csv',
      ],
      repo,
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/same\.csv/);
    expect(readFileSync(join(repo, 'data', 'same.csv'), 'utf8')).toBe('x\n7\n8\n9\n');
  });

  test('a malformed --other-table entry is a usage error naming the flag', async () => {
    const run = await cli(
      ['data', 'check', '--data', 'data/main.csv', '--suite', suite(['events']), '--other-table', 'events'],
      repo,
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--other-table: expected NAME=FILE, got "events"/);
  });

  test('--other-table takes files, not URLs (no credential is echoed)', async () => {
    const run = await cli(
      [
        'data',
        'check',
        '--data',
        'data/main.csv',
        '--suite',
        suite(['events']),
        '--other-table',
        'events=https://user:secret@example.com/e.csv?X-Amz-Signature=abcdef',
      ],
      repo,
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /--other-table: "events" names a URL \(https:\/\/example\.com\/e\.csv\?…\); other tables are read from files/,
    );
    expect(run.stdout + run.stderr).not.toMatch(/secret|abcdef/);
  });

  test('on a merged profile the profile row count is compared', async () => {
    const p = await cli(['data', 'profile', '--data', 'data/main.csv', '--out', 'p.json'], repo);
    expect(p.code).toBe(0);
    const run = await cli(
      ['data', 'check', '--profile', 'p.json', '--suite', suite(['../data/same.csv']), '--out', 'out.json'],
      repo,
    );
    expect(run.code).toBe(0);
    const results = JSON.parse(readFileSync(join(repo, 'out.json'), 'utf8')).details
      .results as ValidationResult[];
    expect(results[0].result.observed_value).toEqual({ self: 3, other: 3 });
  });
});
