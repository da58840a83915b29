import { describe, expect, test } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dataCheck, dataCheckProfile } from '../../../src/checks/data/check.js';
import { mergeProfiles, profileShard } from '../../../src/checks/data/profile-state.js';
import { parseSuite } from '../../../src/checks/data/suite.js';
import type { ValidationResult } from '../../../src/checks/data/validation-result.js';
import { toJsonText } from '../../../src/core/result.js';
import { readTable } from '../../../src/data/read-table.js';

const FIXTURES = fileURLToPath(new URL('../../fixtures/data/', import.meta.url));
// pandas' own numbers for the flag column (true, false, true): gen_jsonl_dtypes.py.
const oracle = (
  JSON.parse(readFileSync(`${FIXTURES}jsonl-dtypes-expected.json`, 'utf8')) as {
    text: string;
    columns: Record<string, { mean?: number; sum?: number; min?: boolean; max?: boolean }>;
  }[]
).find((c) => c.text === '{"a": true}\n{"a": false}\n{"a": true}\n')!.columns.a;

async function check(yaml: string): Promise<ValidationResult[]> {
  // types.jsonl: flag true/false/true (bool), tags (lists → object), meta (objects → object), s "2","3","nan"
  // (numbers for pandas: float64 with a null), n "NA", 1, "" (object).
  const table = await readTable(`${FIXTURES}jsonl/types.jsonl`);
  const outcome = dataCheck(table, parseSuite(`expectations:\n${yaml}`, 'suite.yml'));
  return JSON.parse(toJsonText(outcome.details!.results)) as ValidationResult[];
}

const exp = (type: string, kwargs: string) => `  - type: ${type}\n    kwargs: {${kwargs}}\n`;

describe('expectations on JSON Lines typed as pandas reads them', () => {
  test('a bool column: mean is the share of true, sum the count, min/max booleans (pandas)', async () => {
    const r = await check(
      exp('expect_column_mean_to_be_between', 'column: flag, min_value: 0.6, max_value: 0.7') +
        exp('expect_column_sum_to_be_between', 'column: flag, min_value: 2, max_value: 2') +
        exp('expect_column_min_to_be_between', 'column: flag, min_value: 0, max_value: 0') +
        exp('expect_column_max_to_be_between', 'column: flag, min_value: 1, max_value: 1') +
        exp('expect_column_median_to_be_between', 'column: flag, min_value: 1, max_value: 1'),
    );
    expect(r.map((x) => x.success)).toEqual([true, true, true, true, true]);
    expect(r[0].result.observed_value).toBeCloseTo(oracle.mean!, 15);
    expect(r[1].result.observed_value).toBe(oracle.sum);
    expect(r[2].result.observed_value).toBe(oracle.min);
    expect(r[3].result.observed_value).toBe(oracle.max);
  });

  test('a merged profile answers the same bool aggregates', async () => {
    const table = await readTable(`${FIXTURES}jsonl/types.jsonl`);
    const state = mergeProfiles(
      profileShard(table, { shard: { index: 0, count: 2 } }),
      profileShard(table, { shard: { index: 1, count: 2 } }),
    );
    const suite = parseSuite(
      'expectations:\n' +
        exp('expect_column_mean_to_be_between', 'column: flag, min_value: 0.6, max_value: 0.7') +
        exp('expect_column_min_to_be_between', 'column: flag, min_value: 0, max_value: 0') +
        exp('expect_column_max_to_be_between', 'column: flag, min_value: 1, max_value: 1') +
        exp('expect_column_stdev_to_be_between', 'column: flag, min_value: 0.5, max_value: 0.6') +
        exp('expect_column_values_to_be_of_type', 'column: flag, type_: bool'),
      'suite.yml',
    );
    const r = JSON.parse(toJsonText(dataCheckProfile(state, suite).details!.results)) as ValidationResult[];
    expect(r.map((x) => x.success)).toEqual([true, true, true, true, true]);
    expect(r[0].result.observed_value).toBeCloseTo(oracle.mean!, 15);
    expect([r[1].result.observed_value, r[2].result.observed_value]).toEqual([oracle.min, oracle.max]);
    expect(r[3].result.observed_value).toBeCloseTo(0.5773502691896258, 15);
  });

  test('type names as GX reports them; booleans are not object, nested values are', async () => {
    const r = await check(
      exp('expect_column_values_to_be_of_type', 'column: flag, type_: object') +
        exp('expect_column_values_to_be_of_type', 'column: flag, type_: bool') +
        exp('expect_column_values_to_be_of_type', 'column: tags, type_: object') +
        exp('expect_column_values_to_be_of_type', 'column: s, type_: float64') +
        exp('expect_column_values_to_be_in_type_list', 'column: n, type_list: [int64, object]') +
        exp('expect_column_values_to_be_in_type_list', 'column: meta, type_list: [bool]'),
    );
    expect(r.map((x) => [x.success, x.result.observed_value])).toEqual([
      [false, 'bool_'],
      [true, 'bool_'],
      [true, 'object_'],
      [true, 'float64'],
      [true, 'object_'],
      [false, 'object_'],
    ]);
  });

  test('"NA" and "" are strings, not nulls; "nan" converts to a null in a numeric column', async () => {
    const r = await check(
      exp('expect_column_values_to_not_be_null', 'column: n') +
        exp('expect_column_values_to_not_be_null', 'column: s') +
        exp('expect_column_values_to_be_in_set', 'column: flag, value_set: [true]') +
        exp('expect_column_values_to_be_in_set', 'column: flag, value_set: ["true", "false"]') +
        exp('expect_column_values_to_be_in_set', 'column: flag, value_set: [1, 0]'),
    );
    expect(r[0].success).toBe(true);
    expect(r[1].result.unexpected_count).toBe(1);
    expect(r[2].result.unexpected_count).toBe(1);
    expect(r[2].result.partial_unexpected_list).toEqual([false]);
    // GX compares Python values: True in ["true", "false"] is False; True in [1, 0] is True.
    expect(r[3].result.unexpected_count).toBe(3);
    expect(r[4].success).toBe(true);
  });

  test('linear quantiles of booleans raise, as pandas does; nearest gives booleans', async () => {
    const r = await check(
      exp(
        'expect_column_quantile_values_to_be_between',
        'column: flag, quantile_ranges: {quantiles: [0.5], value_ranges: [[1, 1]]}',
      ) +
        exp(
          'expect_column_quantile_values_to_be_between',
          'column: flag, quantile_ranges: {quantiles: [0.5], value_ranges: [[1, 1]]}, allow_relative_error: linear',
        ),
    );
    expect(r[0].success).toBe(true);
    expect(r[0].result.observed_value).toEqual({ quantiles: [0.5], values: [true] });
    expect(r[1].exception_info.raised_exception).toBe(true);
    expect(r[1].exception_info.exception_message).toMatch(/cannot interpolate booleans/);
  });
});
