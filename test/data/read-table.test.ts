import { describe, expect, test } from '@jest/globals';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../../src/core/errors.js';
import { formatOf, readTable } from '../../src/data/read-table.js';
import { FIXTURES, tempFile } from './table-helpers.js';

describe('readTable', () => {
  test.each([
    ['a.csv', 'csv'],
    ['a.CSV', 'csv'],
    ['a.jsonl', 'jsonl'],
    ['a.ndjson', 'jsonl'],
    ['a.parquet', 'parquet'],
    ['a.tsv', 'csv'],
    ['data', 'csv'],
  ] as const)('%s is read as %s', (file, format) => expect(formatOf(file)).toBe(format));

  test.each([
    ['csv/bom.csv', ['id', 'name']],
    ['jsonl/basic.jsonl', ['a', 'b', 'c', 'd']],
    ['parquet/row-groups-snappy.parquet', ['x', 'k', 'c']],
  ])('%s by its extension', async (file, header) => {
    expect((await readTable(join(FIXTURES, file))).header).toEqual(header);
  });

  test('options.format overrides the extension', async () => {
    const file = tempFile('data.txt', '{"a": 1}\n');
    expect((await readTable(file, { format: 'jsonl' })).header).toEqual(['a']);
    const parquet = tempFile('data.bin', '');
    copyFileSync(join(FIXTURES, 'parquet', 'types.parquet'), parquet);
    expect(
      (await readTable(parquet, { format: 'parquet', columns: ['i32'] })).columns.map((c) => c.name),
    ).toEqual(['i32']);
  });

  test('a missing file is an InputError', async () => {
    await expect(readTable('/no/such/data.parquet')).rejects.toThrow(
      new InputError('file not found: /no/such/data.parquet'),
    );
  });
});
