import { describe, expect, test } from '@jest/globals';
import { dataCheck } from '../../../src/checks/data/check.js';
import { parseSuite } from '../../../src/checks/data/suite.js';
import type { ValidationResult } from '../../../src/checks/data/validation-result.js';
import type { Table } from '../../../src/data/table.js';

// age: 30, null, 200, 41, -4, 200, 55 → between [0, 120]: unexpected 200 (index 2), -4 (4), 200 (5).
const table: Table = {
  file: 'data.csv',
  rows: 7,
  header: ['age'],
  columns: [{ name: 'age', type: 'numeric', values: Float64Array.of(30, NaN, 200, 41, -4, 200, 55) }],
};

function resultWith(format: string): ValidationResult {
  const suite = parseSuite(
    `expectations:\n  - type: expect_column_values_to_be_between\n    column: age\n    min_value: 0\n    max_value: 120\n    result_format: ${format}\n`,
    's.yml',
  );
  return (dataCheck(table, suite).details!.results as ValidationResult[])[0];
}

const COUNTS = {
  element_count: 7,
  missing_count: 1,
  unexpected_count: 3,
  unexpected_percent: 50,
  unexpected_percent_nonmissing: 50,
};

describe('result_format (GX)', () => {
  test('grouped like GX: success, expectation_config, result, exception_info', () => {
    const r = resultWith('SUMMARY');
    expect(r.success).toBe(false);
    expect(r.expectation_config).toEqual({
      type: 'expect_column_values_to_be_between',
      expectation_type: 'expect_column_values_to_be_between',
      kwargs: { column: 'age', min_value: 0, max_value: 120, result_format: 'SUMMARY' },
      meta: {},
    });
    expect(r.exception_info).toEqual({
      raised_exception: false,
      exception_message: null,
      exception_traceback: null,
    });
    expect(r.line).toBe(2);
  });

  test('BOOLEAN_ONLY: no result fields', () => {
    expect(resultWith('BOOLEAN_ONLY').result).toEqual({});
  });

  test('BASIC: counts and partial_unexpected_list, no indices', () => {
    const r = resultWith('BASIC').result;
    expect(r).toMatchObject({ ...COUNTS, partial_unexpected_list: [200, -4, 200] });
    expect(r.partial_unexpected_index_list).toBeUndefined();
    expect(r.unexpected_list).toBeUndefined();
  });

  test('SUMMARY: 0-based indices (GX), 1-based row numbers, value counts', () => {
    const r = resultWith('SUMMARY').result;
    expect(r).toMatchObject({
      ...COUNTS,
      unexpected_percent_total: (100 * 3) / 7,
      partial_unexpected_list: [200, -4, 200],
      partial_unexpected_index_list: [2, 4, 5],
      partial_unexpected_row_numbers: [3, 5, 6],
      partial_unexpected_counts: [
        { value: 200, count: 2 },
        { value: -4, count: 1 },
      ],
    });
    expect(r.unexpected_list).toBeUndefined();
  });

  test('COMPLETE with partial_unexpected_count: the full lists and a shorter partial one', () => {
    const r = resultWith('{result_format: COMPLETE, partial_unexpected_count: 1}').result;
    expect(r).toMatchObject({
      ...COUNTS,
      partial_unexpected_list: [200],
      partial_unexpected_index_list: [2],
      unexpected_list: [200, -4, 200],
      unexpected_index_list: [2, 4, 5],
      unexpected_row_numbers: [3, 5, 6],
    });
  });

  test('SUMMARY in dict form limits the partial lists', () => {
    const r = resultWith('{result_format: SUMMARY, partial_unexpected_count: 2}').result;
    expect(r.partial_unexpected_list).toEqual([200, -4]);
    expect(r.partial_unexpected_index_list).toEqual([2, 4]);
  });

  test('an aggregate reports observed_value', () => {
    const suite = parseSuite(
      'expectations:\n  - {type: expect_column_max_to_be_between, column: age, max_value: 100, result_format: BASIC}\n',
      's.yml',
    );
    const r = (dataCheck(table, suite).details!.results as ValidationResult[])[0];
    expect(r.result).toEqual({ observed_value: 200 });
  });

  test.each([
    ['FULL', 'result_format: expected BOOLEAN_ONLY, BASIC, SUMMARY, COMPLETE'],
    [
      '{result_format: SUMMARY, partial_unexpected_count: -1}',
      'partial_unexpected_count: expected an integer',
    ],
    ['{result_format: SUMMARY, partial_count: 3}', 'unknown result_format key "partial_count"'],
  ])('a bad result_format %s fails that expectation with exception_info', (format, message) => {
    const r = resultWith(format);
    expect(r.success).toBe(false);
    expect(r.exception_info.raised_exception).toBe(true);
    expect(r.exception_info.exception_message).toContain(message);
    expect(r.exception_info.exception_message).toMatch(/^s\.yml:6: expectations\[0\]\.result_format: /);
  });
});
