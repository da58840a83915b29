import { describe, expect, test } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataFormatError, InputError } from '../../src/core/errors.js';
import { readParquet } from '../../src/data/parquet.js';
import { FIXTURES, expectTable, tempFile, type ExpectedTable } from './table-helpers.js';

// Written by test/fixtures/data/gen_parquet.py (a minimal Parquet writer; see its docstring).
const expected = JSON.parse(readFileSync(join(FIXTURES, 'parquet-expected.json'), 'utf8')) as Record<
  string,
  ExpectedTable
>;
const path = (name: string) => join(FIXTURES, 'parquet', name);

describe('readParquet', () => {
  test.each(Object.keys(expected).sort())('%s', async (name) => {
    expectTable(await readParquet(path(name)), expected[name]);
  });

  test('reads only the selected columns, in file order', async () => {
    const name = 'row-groups-snappy.parquet';
    const table = await readParquet(path(name), { columns: ['c', 'x'] });
    const want = expected[name];
    expectTable(table, { ...want, columns: want.columns.filter((c) => c.name !== 'k') });
  });

  test('an unknown column is an InputError listing the columns', async () => {
    await expect(readParquet(path('types.parquet'), { columns: ['i33'] })).rejects.toThrow(InputError);
    await expect(readParquet(path('types.parquet'), { columns: ['i33'] })).rejects.toThrow(
      'no column "i33" (did you mean "i32"?)',
    );
  });

  test('a file without the PAR1 magic is a DataFormatError naming the file', async () => {
    const file = path('not-parquet.parquet');
    await expect(readParquet(file)).rejects.toThrow(
      new DataFormatError({ file }, 'not a Parquet file: no "PAR1" magic number at its start and end'),
    );
  });

  test('a corrupt footer is a DataFormatError naming the file', async () => {
    const bytes = readFileSync(path('types.parquet'));
    bytes.fill(0xff, bytes.length - 200, bytes.length - 8); // metadata garbage, magic intact
    const file = tempFile('corrupt.parquet', bytes);
    const error = await readParquet(file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataFormatError);
    expect((error as Error).message).toMatch(
      new RegExp(`^${file}: cannot read the Parquet (metadata|data): `),
    );
  });

  test('a missing file is an InputError', async () => {
    await expect(readParquet('/no/such/file.parquet')).rejects.toThrow(
      new InputError('file not found: /no/such/file.parquet'),
    );
  });
});
