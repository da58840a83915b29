import { expect, test } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { drift } from '../../../src/checks/drift/drift.js';
import type { DriftDetails } from '../../../src/checks/drift/types.js';
import { readTable } from '../../../src/data/read-table.js';
import { expectClose } from '../../helpers/close.js';

const fixture = (name: string): string =>
  fileURLToPath(new URL(`../../fixtures/drift/${name}`, import.meta.url));
const expected = JSON.parse(readFileSync(fixture('csv-expected.json'), 'utf8'));

test('CSV pair: nulls, infinities, a one-sided category, a type mismatch, missing columns (pandas + scipy)', async () => {
  const ref = await readTable(fixture('reference.csv'));
  const cur = await readTable(fixture('current.csv'));
  const out = drift(ref, cur, { exclude: ['id'] });
  const d = out.details as unknown as DriftDetails;
  const col = (name: string) => d.columns.find((c) => c.name === name)!;
  expect(d.columns.map((c) => [c.name, c.type, c.test])).toEqual([
    ['age', 'numeric', 'ks'],
    ['income', 'numeric', 'ks'],
    ['city', 'categorical', 'chi2'],
    ['zip', 'categorical', 'chi2'],
  ]);
  expect([col('age').reference_nulls, col('age').current_nulls]).toEqual(expected.age.nulls);
  expect([col('age').reference_count, col('age').current_count]).toEqual(expected.age.count);
  expectClose(col('age').pvalue, expected.age.ks_pvalue, 1e-9, true);
  expect([col('income').reference_infinite, col('income').current_infinite]).toEqual(
    expected.income.infinite,
  );
  expect([col('income').reference_count, col('income').current_count]).toEqual(expected.income.count);
  expectClose(col('income').pvalue, expected.income.ks_pvalue, 1e-9, true);
  expect(col('city').js?.categories).toEqual(expected.city.categories);
  expect([col('city').reference_nulls, col('city').current_nulls]).toEqual(expected.city.nulls);
  expectClose(col('city').pvalue, expected.city.chi2_pvalue, 1e-9, true);
  expect(col('zip').type_mismatch).toEqual({ reference: 'numeric', current: 'categorical' });
  expect(col('zip').js?.categories).toEqual(expected.zip.categories);
  expectClose(col('zip').pvalue, expected.zip.chi2_pvalue, 1e-9, true);
  expect(out.findings?.map((f) => [f.id, f.subject])).toEqual([
    ['drift/column-drifted', 'age'],
    ['drift/column-drifted', 'income'],
    ['drift/column-drifted', 'city'],
    ['drift/column-drifted', 'zip'],
    ['drift/type-mismatch', 'zip'],
    ['drift/column-missing', 'segment'],
    ['drift/column-missing', 'new_col'],
  ]);
  expect(out.status).toBe('fail');
  expect(out.summary).toBe('4 of 4 columns drifted (age, income, city, zip); dataset drift (share 1 ≥ 0.5)');
});
