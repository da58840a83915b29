import { describe, expect, test } from '@jest/globals';
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { ROOT } from '../../helpers/run-bundle.js';
import { dataCheck, dataCheckProfile } from '../../../src/checks/data/check.js';
import { inferSuiteFromTable } from '../../../src/checks/data/infer.js';
import { profileTable } from '../../../src/checks/data/profile.js';
import { mergeProfiles, profileShard, summarizeState } from '../../../src/checks/data/profile-state.js';
import { parseProfileState } from '../../../src/data/profile-state-format.js';
import { parseSuite } from '../../../src/checks/data/suite.js';
import type { ValidationResult } from '../../../src/checks/data/validation-result.js';
import { drift } from '../../../src/checks/drift/drift.js';
import { driftFromProfiles } from '../../../src/checks/drift/profile-drift.js';
import { toJsonText } from '../../../src/core/result.js';
import { readTable } from '../../../src/data/read-table.js';

const DATA = fileURLToPath(new URL('../../fixtures/data-quality/datetimes-data.csv', import.meta.url));

function results(outcome: ReturnType<typeof dataCheck>): ValidationResult[] {
  return JSON.parse(toJsonText(outcome.details!.results)) as ValidationResult[];
}

describe('profiles of datetime columns', () => {
  test('record the dtype and the earliest/latest value as isoformat text', async () => {
    const p = profileTable(await readTable(DATA));
    expect(p.columns.day).toMatchObject({
      type: 'categorical',
      dtype: 'datetime64[ns]',
      min: '2023-12-31T00:00:00',
      max: '2024-12-31T00:00:00',
      nulls: 2,
    });
    expect(p.columns.local).toMatchObject({
      dtype: 'datetime64[ns, UTC+01:00]',
      min: '2024-01-01T09:00:00+01:00',
      max: '2024-01-05T00:00:00+01:00',
    });
    expect(p.columns.ts).toMatchObject({ min: '2024-01-01T07:59:59.999999999', max: '2025-06-01T12:00:00' });
    expect(p.columns.mixed).not.toHaveProperty('dtype');
  });

  test('merged shards give the same ranges; a merged profile answers min/max/of_type/between', async () => {
    const table = await readTable(DATA);
    const whole = profileShard(table);
    const parts = [0, 1, 2].map((index) => profileShard(table, { shard: { index, count: 3 } }));
    const merged = mergeProfiles(...parts);
    for (const name of ['day', 'ts', 'utc', 'local'])
      expect(summarizeState(merged).columns[name]).toEqual(summarizeState(whole).columns[name]);
    const reread = parseProfileState(JSON.parse(JSON.stringify(merged)), 'merged.json');
    const r = results(
      dataCheckProfile(
        reread,
        parseSuite(
          [
            'expectations:',
            '  - {type: expect_column_min_to_be_between, kwargs: {column: day, min_value: "2023-12-31"}}',
            '  - {type: expect_column_max_to_be_between, kwargs: {column: utc, max_value: "2024-06-30T00:00:00Z"}}',
            '  - {type: expect_column_values_to_be_of_type, kwargs: {column: local, type_: Timestamp}}',
            '  - {type: expect_column_values_to_be_between, kwargs: {column: day, min_value: "2023-01-01", max_value: "2025-01-01"}}',
            '  - {type: expect_column_values_to_be_increasing, kwargs: {column: seq}}',
            '  - {type: expect_column_values_to_be_between, kwargs: {column: mixed, min_value: "2023-01-01"}}',
          ].join('\n'),
          'suite.yml',
        ),
      ),
    );
    expect(r.map((x) => x.success)).toEqual([true, false, true, true, null, false]);
    expect(r[0].result.observed_value).toBe('2023-12-31T00:00:00');
    expect(r[1].result.observed_value).toBe('2024-07-01T00:00:00+00:00');
    expect(r[4].result).toBeDefined();
    expect(r[5].exception_info.exception_message).toMatch(/"mixed" is not a datetime column/);
  });

  test('a merged shard with a text value, or another offset, makes the column text', async () => {
    const table = await readTable(DATA);
    const a = profileShard(table, { shard: { index: 0, count: 2 } });
    const b = profileShard(table, { shard: { index: 1, count: 2 } });
    const other = JSON.parse(JSON.stringify(b));
    other.columns.day.datetime.dtype = 'datetime64[ns, UTC]';
    expect(mergeProfiles(a, other).columns.day).not.toHaveProperty('datetime');
    delete other.columns.ts.datetime;
    expect(mergeProfiles(a, other).columns.ts).not.toHaveProperty('datetime');
  });

  test('the state validates against schema/profile-state.schema.json (datetime and JSON bool columns)', async () => {
    const schema = JSON.parse(readFileSync(join(ROOT, 'schema/profile-state.schema.json'), 'utf8'));
    const validate = new Ajv({ strict: true }).compile(schema);
    const jsonl = fileURLToPath(new URL('../../fixtures/data/jsonl/types.jsonl', import.meta.url));
    for (const file of [DATA, jsonl]) {
      const state = JSON.parse(JSON.stringify(profileShard(await readTable(file))));
      expect(validate(state)).toBe(true);
    }
    const state = JSON.parse(JSON.stringify(profileShard(await readTable(DATA))));
    state.columns.day.datetime.dtype = 'object';
    expect(validate(state)).toBe(false);
  });

  test('profiles written before datetimes were typed still read (their dates are text)', async () => {
    const state = JSON.parse(JSON.stringify(profileShard(await readTable(DATA))));
    delete state.columns.day.datetime;
    const r = results(
      dataCheckProfile(
        parseProfileState(state, 'old.json'),
        parseSuite(
          'expectations:\n  - {type: expect_column_values_to_be_of_type, kwargs: {column: day, type_: object}}\n',
          's.yml',
        ),
      ),
    );
    expect(r[0]).toMatchObject({ success: true, result: { observed_value: 'object_' } });
    state.columns.day.datetime = { dtype: 'datetime64[ns]', min: 'yesterday', max: '2024-01-01' };
    expect(() => parseProfileState(state, 'bad.json')).toThrow(/bad.json: columns.day.datetime: expected/);
  });

  test('an inferred suite types datetime columns and bounds them by their observed range', async () => {
    const table = await readTable(DATA);
    const suite = inferSuiteFromTable(table);
    const kwargs = suite.expectations.map((e) => e.kwargs);
    expect(kwargs).toContainEqual({ column: 'day', type_: 'datetime64[ns]' });
    expect(kwargs).toContainEqual({ column: 'local', type_: 'Timestamp' });
    expect(kwargs).toContainEqual({
      column: 'utc',
      min_value: '2024-01-01T08:00:00+00:00',
      max_value: '2024-07-01T00:00:00+00:00',
    });
    const outcome = dataCheck(table, parseSuite(JSON.stringify(suite), 'inferred.json'));
    expect(outcome.status).toBe('pass');
  });
});

describe('drift leaves datetime columns out, as Evidently', () => {
  test('rows and profiles: skipped with a notice saying what to compare instead', async () => {
    const table = await readTable(DATA);
    const rowLevel = drift(table, table, { columns: ['day', 'seq'] });
    const state = profileShard(table);
    const fromProfiles = driftFromProfiles(
      { file: 'a.json', state },
      { file: 'b.json', state },
      { columns: ['day', 'seq'] },
    );
    for (const outcome of [rowLevel, fromProfiles]) {
      const columns = (outcome.details as { columns: { name: string; skipped?: string }[] }).columns;
      expect(columns.find((c) => c.name === 'day')!.skipped).toBe(
        'datetime column (datetime64[ns]): not compared, as in Evidently',
      );
      expect(outcome.findings).toContainEqual(
        expect.objectContaining({ id: 'drift/column-datetime', severity: 'notice', subject: 'day' }),
      );
    }
  });
});
