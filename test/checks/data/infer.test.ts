import { describe, expect, test } from '@jest/globals';
import { fileURLToPath } from 'node:url';
import { dataCheck, dataCheckProfile } from '../../../src/checks/data/check.js';
import {
  inferSuite,
  inferSuiteFromTable,
  stateDtypes,
  suiteToJson,
  suiteToYaml,
} from '../../../src/checks/data/infer.js';
import { profileShard, summarizeState } from '../../../src/checks/data/profile-state.js';
import { parseSuite } from '../../../src/checks/data/suite.js';
import { readTable } from '../../../src/data/read-table.js';
import type { Table } from '../../../src/data/table.js';

const FIXTURES = fileURLToPath(new URL('../../fixtures/data-quality/', import.meta.url));

const small: Table = {
  file: 'small.csv',
  rows: 3,
  header: ['age', 'plan', 'score', 'note'],
  columns: [
    { name: 'age', type: 'numeric', values: Float64Array.of(30, 41, 25) },
    { name: 'plan', type: 'categorical', codes: Int32Array.of(1, 0, 1), dictionary: ['standard', 'basic'] },
    { name: 'score', type: 'numeric', values: Float64Array.of(0.5, NaN, -0) },
    { name: 'note', type: 'categorical', codes: Int32Array.of(0, 1, 2), dictionary: ['yes', 'null?', '1'] },
  ],
};

describe('schema inference', () => {
  test('YAML output: header comment, pandas dtypes, observed ranges and sets', () => {
    const yaml = suiteToYaml(inferSuiteFromTable(small, { name: 'small' }));
    expect(yaml).toBe(`# Inferred by model-ci from small.csv. Edit before relying on it:
# ranges are the observed min/max and sets the observed values, so new data may legitimately fall outside.

name: small
expectations:
  - type: expect_table_columns_to_match_set
    kwargs:
      column_set: [ age, plan, score, note ]
      exact_match: true
    meta: {}
  - type: expect_column_to_exist
    kwargs: { column: age }
    meta: {}
  - type: expect_column_values_to_be_of_type
    kwargs:
      column: age
      type_: int64
    meta: {}
  - type: expect_column_values_to_not_be_null
    kwargs: { column: age }
    meta: {}
  - type: expect_column_values_to_be_between
    kwargs:
      column: age
      min_value: 25
      max_value: 41
    meta: {}
  - type: expect_column_to_exist
    kwargs: { column: plan }
    meta: {}
  - type: expect_column_values_to_be_of_type
    kwargs:
      column: plan
      type_: object
    meta: {}
  - type: expect_column_values_to_not_be_null
    kwargs: { column: plan }
    meta: {}
  - type: expect_column_values_to_be_in_set
    kwargs:
      column: plan
      value_set: [ basic, standard ]
    meta: {}
  - type: expect_column_to_exist
    kwargs: { column: score }
    meta: {}
  - type: expect_column_values_to_be_of_type
    kwargs:
      column: score
      type_: float64
    meta: {}
  - type: expect_column_values_to_be_between
    kwargs:
      column: score
      min_value: 0
      max_value: 0.5
    meta: {}
  - type: expect_column_to_exist
    kwargs: { column: note }
    meta: {}
  - type: expect_column_values_to_be_of_type
    kwargs:
      column: note
      type_: object
    meta: {}
  - type: expect_column_values_to_not_be_null
    kwargs: { column: note }
    meta: {}
  - type: expect_column_values_to_be_in_set
    kwargs:
      column: note
      value_set: [ "1", "null?", "yes" ]
    meta: {}
meta:
  model_ci:
    inferred_from: small.csv
    rows: 3
    note: "inferred from observed data; review before use"
`);
  });

  test.each(['profile-mixed.csv', 'expectations-data.csv', 'sharded-data.csv'])(
    '%s passes its own inferred suite (YAML and JSON round trip)',
    async (name) => {
      const table = await readTable(`${FIXTURES}${name}`);
      const suite = inferSuiteFromTable(table);
      for (const text of [suiteToYaml(suite), suiteToJson(suite)]) {
        const outcome = dataCheck(table, parseSuite(text, 'inferred.yml'));
        expect(outcome.findings).toEqual([]);
        expect(outcome.status).toBe('pass');
      }
    },
  );

  test('inferring from a profile state gives the same suite a merged profile passes', async () => {
    const table = await readTable(`${FIXTURES}sharded-data.csv`);
    const state = profileShard(table);
    const suite = inferSuite(summarizeState(state), { dtypes: stateDtypes(state), format: 'gx0' });
    expect(suite.expectation_suite_name).toBe('inferred');
    expect(suite.expectations[0].expectation_type).toBe('expect_table_columns_to_match_set');
    const outcome = dataCheckProfile(state, parseSuite(suiteToJson(suite), 'inferred.json'));
    expect(outcome.status).toBe('pass');
    expect(outcome.metrics).toMatchObject({ failed: 0, skipped: 0 });
  });

  test('more than maxCategories values: no in_set; ±∞: no range', () => {
    const t: Table = {
      file: 't',
      rows: 3,
      header: ['c', 'x'],
      columns: [
        { name: 'c', type: 'categorical', codes: Int32Array.of(0, 1, 2), dictionary: ['a', 'b', 'c'] },
        { name: 'x', type: 'numeric', values: Float64Array.of(1, Infinity, 2) },
      ],
    };
    const types = inferSuiteFromTable(t, { maxCategories: 2 }).expectations.map(
      (e) => `${e.type}:${e.kwargs.column ?? ''}`,
    );
    expect(types).not.toContain('expect_column_values_to_be_in_set:c');
    expect(types).not.toContain('expect_column_values_to_be_between:x');
  });
});
