import { describe, expect, test } from '@jest/globals';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DataFormatError } from '../../src/core/errors.js';
import { readCsv } from '../../src/data/csv.js';
import { readCsvParallel } from '../../src/data/csv-parallel.js';
import type { Table } from '../../src/data/table.js';
import { mulberry32 } from '../stats/sketches/rng.js';
import { FIXTURES, tempFile } from './table-helpers.js';

// Reading on two threads must give exactly the table of one pass: same rows, same bits, same dictionary
// order, same errors. minBytes: 0 makes every file large enough; sequential: threads 1.
const PARALLEL = { parallel: { minBytes: 0, threads: 2 } };
const SEQUENTIAL = { parallel: { threads: 1 } };

function bytesOf(a: Float64Array | Int32Array): Buffer {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength);
}

function expectSameTable(got: Table, want: Table): void {
  expect(got.rows).toBe(want.rows);
  expect(got.header).toEqual(want.header);
  expect(got.columns.map((c) => [c.name, c.type])).toEqual(want.columns.map((c) => [c.name, c.type]));
  got.columns.forEach((c, i) => {
    const w = want.columns[i];
    if (c.type === 'numeric' && w.type === 'numeric') {
      expect([c.name, bytesOf(c.values).equals(bytesOf(w.values))]).toEqual([c.name, true]);
      expect([c.name, c.syntax]).toEqual([w.name, w.syntax]);
    } else if (c.type === 'categorical' && w.type === 'categorical') {
      expect(c.dictionary).toEqual(w.dictionary);
      expect([c.name, bytesOf(c.codes).equals(bytesOf(w.codes))]).toEqual([c.name, true]);
    }
  });
}

async function errorOf(promise: Promise<unknown>): Promise<string> {
  const e = await promise.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(DataFormatError);
  return (e as Error).message;
}

/** A CSV text of `rows` records: a float, an integer-ish column, a categorical and a sometimes-null one. */
function randomCsv(rows: number, seed: number, crlf = false): string {
  const r = mulberry32(seed);
  const lines = ['x,n,cat,maybe'];
  for (let i = 0; i < rows; i++) {
    const x = ((r() - 0.5) * 1000).toFixed(Math.floor(r() * 7));
    const n = String(Math.floor(r() * 20));
    const cat = ['alpha', 'beta', '"ga,mma"', 'delta', ''][Math.floor(r() * 5)];
    const maybe = r() < 0.1 ? 'NA' : r() < 0.05 ? '' : (r() * 3).toFixed(2);
    lines.push([x, n, cat, maybe].join(','));
  }
  return lines.join(crlf ? '\r\n' : '\n') + (crlf ? '\r\n' : '\n');
}

describe('readCsv on two threads equals one pass', () => {
  const files = readdirSync(join(FIXTURES, 'csv')).filter((f) => f.endsWith('.csv'));

  test.each(files)('%s', async (name) => {
    const file = join(FIXTURES, 'csv', name);
    expectSameTable(await readCsv(file, PARALLEL), await readCsv(file, SEQUENTIAL));
    expectSameTable(await readCsv(file, { ...PARALLEL, chunkSize: 61 }), await readCsv(file, SEQUENTIAL));
  });

  test.each([false, true])(
    'random data (CRLF: %p), and the worker really reads the second half',
    async (crlf) => {
      const file = tempFile('random.csv', randomCsv(10_000, crlf ? 2 : 1, crlf));
      const sequential = await readCsv(file, SEQUENTIAL);
      const parallel = await readCsvParallel(file, { minBytes: 0, threads: 2 }, async () => {});
      // Instrumented code (coverage) cannot run in the worker; the reader then falls back to one pass.
      if (!('__coverage__' in globalThis)) expect(parallel).toBeDefined();
      expectSameTable(parallel ?? (await readCsv(file)), sequential);
      expectSameTable(
        await readCsv(file, { ...PARALLEL, columns: ['cat', 'x'] }),
        await readCsv(file, { ...SEQUENTIAL, columns: ['cat', 'x'] }),
      );
    },
  );

  test('a split inside a quoted field (multi-line cells around the middle) falls back to one pass', async () => {
    const lines = ['id,text'];
    for (let i = 0; i < 2000; i++) lines.push(`${i},"line one\nline two\n\nline four, with a comma"`);
    const file = tempFile('quoted.csv', lines.join('\n') + '\n');
    expectSameTable(await readCsv(file, PARALLEL), await readCsv(file, SEQUENTIAL));
  });

  test('a column numeric in one half and text in the other is typed as in one pass', async () => {
    const first = Array.from({ length: 3000 }, (_, i) => `${i},${i % 7},${i % 3 === 0 ? 'NA' : ''}`);
    const second = Array.from({ length: 3000 }, (_, i) => `${i},x${i % 5},${i % 4 === 0 ? 'word' : ''}`);
    const file = tempFile('mixed.csv', ['a,b,c', ...first, ...second].join('\n') + '\n');
    const table = await readCsv(file, PARALLEL);
    expectSameTable(table, await readCsv(file, SEQUENTIAL));
    expect(table.columns.map((c) => c.type)).toEqual(['numeric', 'categorical', 'categorical']);
    // Text first, numbers after: the numbers are text too.
    const flipped = tempFile(
      'flipped.csv',
      ['a,b', ...[...second, ...first].map((l) => l.split(',').slice(0, 2).join(','))].join('\n'),
    );
    expectSameTable(await readCsv(flipped, PARALLEL), await readCsv(flipped, SEQUENTIAL));
  });

  test('errors in the second half name the same line and column as one pass', async () => {
    const good = randomCsv(4000, 3).split('\n');
    const cases = [
      [...good.slice(0, 3500), '1,2,3', ...good.slice(3500)].join('\n'),
      [...good.slice(0, 3900), '1,2,"open,4', ...good.slice(3900)].join('\n'),
      Buffer.concat([
        Buffer.from(good.slice(0, 3000).join('\n') + '\n1,2,\xff,4\n', 'latin1'),
        Buffer.from(good.slice(3000).join('\n')),
      ]),
      [...good.slice(0, 100), '1,2', ...good.slice(100, 3800), '1,2,3,4,5', ...good.slice(3800)].join('\n'),
    ];
    for (const content of cases) {
      const file = tempFile('bad.csv', content);
      expect(await errorOf(readCsv(file, PARALLEL))).toBe(await errorOf(readCsv(file, SEQUENTIAL)));
    }
  });
});
