import { describe, expect, test } from '@jest/globals';
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readResultFile } from '../../src/core/validate-result.js';
import { cli } from '../helpers/cli.js';
import { ROOT, runBundle } from '../helpers/run-bundle.js';

function workspace(): string {
  const ws = mkdtempSync(join(tmpdir(), 'data-ws-'));
  cpSync(join(ROOT, 'workflows-examples/demo/data'), join(ws, 'data'), { recursive: true });
  cpSync(join(ROOT, 'workflows-examples/demo/data-suite.yml'), join(ws, 'data-suite.yml'));
  writeFileSync(join(ws, 'bad.csv'), 'id,age,plan\n1,30,basic\n2,-4,premium\n3,,gold\n3,200,basic\n');
  writeFileSync(
    join(ws, 'suite.yml'),
    [
      'expectations:',
      '  - type: expect_column_values_to_be_between',
      '    column: age',
      '    min_value: 0',
      '    max_value: 120',
      '  - type: expect_column_values_to_be_in_set',
      '    column: plan',
      '    value_set: [basic, standard, premium]',
      '    meta: { severity: warn }',
      '  - type: expect_column_values_to_be_unique',
      '    column: id',
      '',
    ].join('\n'),
  );
  return ws;
}

describe('actions/data-check (dist/data-check) under Node 24', () => {
  test('the demo data meets the demo suite', async () => {
    const run = await runBundle('data-check', {
      workspace: workspace(),
      inputs: { data: 'data/eval.csv', suite: 'data-suite.yml' },
    });
    expect(run.failures).toEqual([]);
    expect(run.outputs).toMatchObject({ status: 'pass', success: 'true', 'failed-expectations': '0' });
  });

  test('failing expectations fail the step and annotate their suite lines', async () => {
    const run = await runBundle('data-check', {
      workspace: workspace(),
      inputs: { data: 'bad.csv', suite: 'suite.yml' },
    });
    expect(run.code).toBe(1);
    expect(run.outputs).toMatchObject({ status: 'fail', success: 'false', 'failed-expectations': '3' });
    expect(
      run.annotations
        .filter((a) => a.properties.file === 'suite.yml')
        .map((a) => [a.level, a.properties.line]),
    ).toEqual([
      ['error', '2'],
      ['warning', '6'],
      ['error', '10'],
    ]);
    const r = readResultFile(run.outputs['result-path']);
    const between = (r.details.results as Record<string, unknown>[])[0];
    expect(between).toMatchObject({
      success: false,
      expectation_config: { type: 'expect_column_values_to_be_between' },
      result: {
        element_count: 4,
        unexpected_count: 2,
        partial_unexpected_list: [-4, 200],
        partial_unexpected_index_list: [1, 3],
        partial_unexpected_row_numbers: [2, 4],
      },
      exception_info: { raised_exception: false },
    });
    expect(run.summary).toContain(
      '| ❌ | expect&#95;column&#95;values&#95;to&#95;be&#95;between | age | 2 (66.67%) |',
    );
  });

  test('other-table input: NAME=FILE lines name the tables of expect_table_row_count_to_equal_other_table', async () => {
    const ws = workspace();
    writeFileSync(
      join(ws, 'rows.yml'),
      [
        'expectations:',
        '  - {type: expect_table_row_count_to_equal_other_table, other_table_name: snapshot}',
        '  - {type: expect_table_row_count_to_equal_other_table, other_table_name: bad.csv}',
        '',
      ].join('\n'),
    );
    writeFileSync(join(ws, 'snapshot.csv'), 'id\n1\n2\n3\n');
    const run = await runBundle('data-check', {
      workspace: ws,
      inputs: { data: 'bad.csv', suite: 'rows.yml', 'other-table': 'snapshot=snapshot.csv\n' },
    });
    expect(run.code).toBe(1);
    const r = readResultFile(run.outputs['result-path']);
    const results = r.details.results as { success: boolean; result: { observed_value: unknown } }[];
    expect(results.map((x) => [x.success, x.result.observed_value])).toEqual([
      [false, { self: 4, other: 3 }],
      [true, { self: 4, other: 4 }],
    ]);
  });

  test('fail-on never turns failures into a warning', async () => {
    const run = await runBundle('data-check', {
      workspace: workspace(),
      inputs: { data: 'bad.csv', suite: 'suite.yml', 'fail-on': 'never' },
    });
    expect(run.code).toBe(0);
    expect(run.outputs.status).toBe('warn');
  });

  test('an unknown expectation is a one-line error with the suite line and a suggestion', async () => {
    const ws = workspace();
    writeFileSync(
      join(ws, 'typo.yml'),
      'expectations:\n  - type: expect_column_valuez_to_be_unique\n    column: id\n    catch_exceptions: false\n',
    );
    const run = await runBundle('data-check', {
      workspace: ws,
      inputs: { data: 'bad.csv', suite: 'typo.yml' },
    });
    expect(run.code).toBe(1);
    expect(run.failures).toEqual([
      expect.stringMatching(
        /^typo\.yml:2: unknown expectation type "expect_column_valuez_to_be_unique" \(did you mean "expect_column_values_to_be_unique"\?\)/,
      ),
    ]);
  });

  test('sharded: 4 shard profiles merged, then checked against the suite', async () => {
    const ws = workspace();
    const parts: string[] = [];
    for (let i = 0; i < 4; i++) {
      const r = await cli(
        ['data', 'profile', '--data', 'data/eval.csv', '--shard', `${i}/4`, '--out', `p${i}.json`, '--quiet'],
        ws,
      );
      expect(r.code).toBe(0);
      parts.push(`p${i}.json`);
    }
    expect((await cli(['data', 'merge', ...parts, '--out', 'merged.json', '--quiet'], ws)).code).toBe(0);
    const merged = readResultFile(join(ws, 'merged.json'));
    const whole = await cli(
      ['data', 'profile', '--data', 'data/eval.csv', '--out', 'whole.json', '--quiet'],
      ws,
    );
    expect(whole.code).toBe(0);
    const one = readResultFile(join(ws, 'whole.json'));
    const cols = (r: typeof one) => r.details.columns as Record<string, Record<string, unknown>>;
    for (const name of Object.keys(cols(one))) {
      for (const k of ['rows', 'count', 'nulls', 'min', 'max'])
        expect(cols(merged)[name][k]).toEqual(cols(one)[name][k]);
    }
    const run = await runBundle('data-check', {
      workspace: ws,
      inputs: { profile: 'merged.json', suite: 'data-suite.yml' },
    });
    expect(run.outputs.status).not.toBe('error');
    expect(run.code).toBe(run.outputs.status === 'fail' ? 1 : 0);
  });
});
