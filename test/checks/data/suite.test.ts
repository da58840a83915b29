import { describe, expect, test } from '@jest/globals';
import { dataCheck } from '../../../src/checks/data/check.js';
import { parseSuite, suiteColumns } from '../../../src/checks/data/suite.js';
import { ConfigError } from '../../../src/core/errors.js';
import type { Table } from '../../../src/data/table.js';
import type { ValidationResult } from '../../../src/checks/data/validation-result.js';

const table: Table = {
  file: 'data.csv',
  rows: 4,
  header: ['age', 'plan'],
  columns: [
    { name: 'age', type: 'numeric', values: Float64Array.of(30, NaN, 200, 41) },
    { name: 'plan', type: 'categorical', codes: Int32Array.of(0, 1, 0, -1), dictionary: ['basic', 'gold'] },
  ],
};

function configError(text: string, file = 'suite.yml'): ConfigError {
  try {
    parseSuite(text, file);
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error('expected a ConfigError');
}

const GX1_YAML = `# GX 1.x structure, kwargs flattened onto the expectation
name: churn
expectations:
  - type: expect_column_values_to_not_be_null
    column: age
    mostly: 0.5
  - type: expect_column_values_to_be_between
    kwargs: {column: age, min_value: 0, max_value: 120}
    severity: warning
  - type: ExpectColumnValuesToBeInSet
    column: plan
    value_set: [basic, standard, premium]
    meta: {severity: info, notes: class names work too}
`;

describe('suite loading', () => {
  test('GX 1.x YAML with flattened kwargs, class-name types and severities', () => {
    const suite = parseSuite(GX1_YAML, 'suite.yml');
    expect(suite.name).toBe('churn');
    expect(suite.expectations.map((e) => [e.type, e.line, e.severity])).toEqual([
      ['expect_column_values_to_not_be_null', 4, 'error'],
      ['expect_column_values_to_be_between', 7, 'warn'],
      ['expect_column_values_to_be_in_set', 10, 'info'],
    ]);
    expect(suite.expectations[0].kwargs).toEqual({ column: 'age', mostly: 0.5 });
    expect(suiteColumns(suite)).toEqual(['age', 'plan']);
  });

  test('severity decides the status: warn warns, info only reports', () => {
    const outcome = dataCheck(table, parseSuite(GX1_YAML, 'suite.yml'));
    expect(outcome.status).toBe('warn');
    expect(outcome.findings!.map((f) => [f.severity, f.line, f.subject])).toEqual([
      ['warning', 7, 'age'],
      ['notice', 10, 'plan'],
    ]);
  });

  test('GX 0.x JSON keeps lines, also with tab indentation', () => {
    const json =
      '{\n\t"expectation_suite_name": "s",\n\t"expectations": [\n\t\t{\n\t\t\t"expectation_type": "expect_column_to_exist",\n\t\t\t"kwargs": {"column": "age"}\n\t\t}\n\t]\n}\n';
    const suite = parseSuite(json, 's.json');
    expect(suite.expectations[0].line).toBe(4);
    expect(suite.name).toBe('s');
  });

  test.each([
    [
      'unknown type with a suggestion',
      'expectations:\n  - type: expect_column_values_to_be_betwen\n    column: age\n',
      'suite.yml:2: unknown expectation type "expect_column_values_to_be_betwen" (did you mean "expect_column_values_to_be_between"?)',
    ],
    [
      'unknown argument',
      'expectations:\n  - type: expect_column_values_to_be_between\n    kwargs:\n      column: age\n      min_vale: 3\n',
      'suite.yml:5: expectations[0].kwargs.min_vale: unknown argument "min_vale" for expect_column_values_to_be_between (did you mean "min_value"?)',
    ],
    [
      'min_value "abc"',
      'expectations:\n  - type: expect_column_values_to_be_between\n    kwargs:\n      column: age\n      min_value: abc\n',
      'suite.yml:5: expectations[0].kwargs.min_value: expected a number, an ISO 8601 date/time (e.g. "2024-01-31" or "2024-01-31T12:00:00Z") or null, got "abc"',
    ],
    [
      'mostly 1.5',
      'expectations:\n  - type: expect_column_values_to_not_be_null\n    column: age\n    mostly: 1.5\n',
      'suite.yml:4: expectations[0].mostly: expected a fraction between 0 and 1, got 1.5',
    ],
    [
      'no bounds',
      'expectations:\n  - type: expect_column_mean_to_be_between\n    column: age\n',
      'suite.yml:2: expectations[0]: expect_column_mean_to_be_between needs min_value, max_value or both',
    ],
    [
      'min > max',
      'expectations:\n  - type: expect_column_mean_to_be_between\n    column: age\n    min_value: 5\n    max_value: 1\n',
      'suite.yml:4: expectations[0].min_value: min_value 5 is greater than max_value 1',
    ],
    [
      'missing required',
      'expectations:\n  - type: expect_column_values_to_be_in_set\n    column: plan\n',
      'suite.yml:2: expectations[0].value_set: expect_column_values_to_be_in_set needs "value_set"',
    ],
    [
      'a backtracking regex',
      'expectations:\n  - type: expect_column_values_to_match_regex\n    column: plan\n    regex: "(a)\\\\1"\n',
      'suite.yml:4: expectations[0].regex: backreferences are not supported in "(a)\\\\1" (see docs/data.md for the supported syntax)',
    ],
    [
      'an unknown type_',
      'expectations:\n  - type: expect_column_values_to_be_of_type\n    column: age\n    type_: flaot64\n',
      'suite.yml:4: expectations[0].type_: unknown type "flaot64" (did you mean "float64"?); e.g. int64, float64, object, bool',
    ],
    [
      'row_condition',
      'expectations:\n  - type: expect_column_values_to_not_be_null\n    column: age\n    row_condition: \'plan=>"basic"\'\n',
      'suite.yml:4:25: expectations[0].row_condition: unexpected character "="',
    ],
    [
      'a bad severity',
      'expectations:\n  - type: expect_column_to_exist\n    column: age\n    severity: fatal\n',
      'suite.yml:4: expectations[0].severity: expected error, warn or info (GX: critical, warning, info), got "fatal"',
    ],
    [
      'kwargs twice',
      'expectations:\n  - type: expect_column_to_exist\n    kwargs: {column: age}\n    column: age\n',
      'suite.yml:4: expectations[0].column: "column" is given both in kwargs and on the expectation',
    ],
  ])('%s fails that expectation with exception_info; the suite goes on', (_name, text, message) => {
    const suite = parseSuite(`${text}  - type: expect_column_to_exist\n    column: age\n`, 'suite.yml');
    const outcome = dataCheck(table, suite);
    const results = outcome.details!.results as ValidationResult[];
    expect(results).toHaveLength(2);
    expect(results[0].success).toBe(false);
    expect(results[0].exception_info?.raised_exception).toBe(true);
    expect(results[0].exception_info?.exception_message?.startsWith(message)).toBe(true);
    expect(results[1].success).toBe(true);
    expect(outcome.status).toBe('fail');
    expect(outcome.findings![0].line).toBe(2);
    expect(outcome.findings![0].message).toContain(message.replace(/^suite\.yml:\d+(:\d+)?: /, ''));
    // catch_exceptions: false stops at the first error, as GX does, with the same file:line message.
    expect(configError(`${text}    catch_exceptions: false\n`).message.startsWith(message)).toBe(true);
  });

  test.each([
    ['no expectations', 'name: x\n', 'suite.yml:1: expectations: missing "expectations" (a list)'],
    ['a YAML syntax error', 'expectations: [\n  {type: x\n', 'suite.yml:3:1'],
    [
      'a duplicate key',
      'expectations: []\nexpectations: []\n',
      'suite.yml:2:1: invalid YAML: Map keys must be unique',
    ],
  ])('%s is a ConfigError with the line', (_name, text, message) => {
    expect(configError(text).message.startsWith(message)).toBe(true);
  });

  test('a column missing from the data fails that expectation at its line, listing the columns', () => {
    const text =
      'expectations:\n  - type: expect_column_to_exist\n    column: age\n  - type: expect_column_values_to_not_be_null\n    column: plna\n';
    const message =
      's.yml:4: column "plna" does not exist in data.csv (did you mean "plan"?); columns: age, plan';
    const outcome = dataCheck(table, parseSuite(text, 's.yml'));
    const results = outcome.details!.results as ValidationResult[];
    expect(results.map((r) => r.success)).toEqual([true, false]);
    expect(results[1].exception_info).toEqual({
      raised_exception: true,
      exception_message: message,
      exception_traceback: null,
    });
    expect(outcome.status).toBe('fail');
    expect(() => dataCheck(table, parseSuite(`${text}    catch_exceptions: false\n`, 's.yml'))).toThrow(
      message,
    );
  });

  test('an expectation type model-ci does not implement (GX contrib) is skipped, listing the supported ones', () => {
    const suite = parseSuite(
      'expectations:\n  - type: expect_column_values_to_be_valid_us_zipcode\n    column: plan\n  - type: expect_column_to_exist\n    column: age\n',
      's.yml',
    );
    const outcome = dataCheck(table, suite);
    const results = outcome.details!.results as ValidationResult[];
    expect(results[0]).toMatchObject({ success: null, skipped: true });
    expect(results[0].reason).toContain('not supported');
    expect(
      (results[0].result.details as { supported_expectation_types: string[] }).supported_expectation_types,
    ).toContain('expect_column_values_to_be_between');
    expect(outcome.status).toBe('pass');
    expect(outcome.metrics).toMatchObject({ evaluated: 1, skipped: 1 });
  });

  test('…unless the suite declares the column: the declaration fails and the rest is skipped', () => {
    const suite = parseSuite(
      'expectations:\n  - type: expect_column_to_exist\n    column: tenure\n  - type: expect_column_values_to_not_be_null\n    column: tenure\n',
      's.yml',
    );
    const outcome = dataCheck(table, suite);
    expect(outcome.status).toBe('fail');
    expect(outcome.findings!.map((f) => [f.line, f.message])).toEqual([
      [2, 'expect_column_to_exist on "tenure" failed: no column "tenure"; columns: age, plan'],
    ]);
    expect(outcome.metrics).toMatchObject({ evaluated: 1, failed: 1, skipped: 1 });
  });
});
