import { describe, expect, test } from '@jest/globals';
import {
  CELL_NULL,
  CELL_NUMBER,
  CELL_TEXT,
  classifyCell,
  isNullCell,
  trimCell,
} from '../../src/data/cell.js';
import { classifyCellBytes, isNullCellBytes } from '../../src/data/cell-bytes.js';
import { readCsv } from '../../src/data/csv.js';
import { tempFile } from './table-helpers.js';

const out = new Float64Array(1);
const encoder = new TextEncoder();

function viaString(cell: string): [number, number | undefined] {
  const kind = classifyCell(cell, out);
  return [kind, kind === CELL_NUMBER ? out[0] : undefined];
}

function viaBytes(cell: string): [number, number | undefined] {
  // Padding around the cell checks that only [start, end) is read.
  const bytes = encoder.encode(`,${cell},`);
  const kind = classifyCellBytes(bytes, 1, bytes.length - 1, out);
  return [kind, kind === CELL_NUMBER ? out[0] : undefined];
}

/** A deterministic PRNG (mulberry32) so failures reproduce. */
function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Random strings in and near the numeric-token grammar. */
function randomTokens(count: number, seed: number): string[] {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const digits = (n: number) => Array.from({ length: n }, () => String(Math.floor(r() * 10))).join('');
  const tokens: string[] = [];
  for (let i = 0; i < count; i++) {
    let t = pick(['', '', '-', '+']);
    if (r() < 0.2) t += '0'.repeat(1 + Math.floor(r() * 3));
    t += digits(pick([0, 1, 2, 3, 6, 9, 10, 15, 16, 17, 20]));
    if (r() < 0.7) t += '.' + digits(pick([0, 1, 2, 6, 9, 10, 14, 15, 18, 25]));
    if (r() < 0.2) t += pick(['e', 'E']) + pick(['', '-', '+']) + digits(pick([0, 1, 2, 3]));
    if (r() < 0.03) t += pick(['x', '.', 'e', ' 1', '-']);
    if (r() < 0.1) t = pick([' ', '\t', '  ']) + t + pick(['', ' ', '\t']);
    tokens.push(t);
  }
  return tokens;
}

describe('classifyCell (docs/statistics.md §1 rules 3–5)', () => {
  test.each([
    ['', CELL_NULL],
    ['   ', CELL_NULL],
    ['\t', CELL_NULL],
    ['NaN', CELL_NULL],
    [' nan ', CELL_NULL],
    ['NULL', CELL_NULL],
    ['na', CELL_NULL],
    ['N/A', CELL_NULL],
    ['None', CELL_NULL],
    ['n\x0fa', CELL_TEXT],
    ['-nan', CELL_TEXT],
    ['nulls', CELL_TEXT],
    ['.', CELL_TEXT],
    ['+', CELL_TEXT],
    ['-', CELL_TEXT],
    ['e5', CELL_TEXT],
    ['1e', CELL_TEXT],
    ['1e+', CELL_TEXT],
    ['--1', CELL_TEXT],
    ['1.2.3', CELL_TEXT],
    ['0x10', CELL_TEXT],
    ['1_000', CELL_TEXT],
    ['١٢٣', CELL_TEXT],
    ['1,5', CELL_TEXT],
    ['\n1', CELL_TEXT],
    ['1\n', CELL_TEXT],
    ['\u00a01', CELL_TEXT],
    ['infinit', CELL_TEXT],
    ['infinityy', CELL_TEXT],
    ['Infinity', CELL_NUMBER],
  ] as const)('%j is kind %d', (cell, kind) => {
    expect(viaString(cell)[0]).toBe(kind);
    expect(viaBytes(cell)[0]).toBe(kind);
    expect(isNullCell(cell)).toBe(kind === CELL_NULL);
    const bytes = encoder.encode(cell);
    expect(isNullCellBytes(bytes, 0, bytes.length)).toBe(kind === CELL_NULL);
  });

  test.each([
    [' 3.5 ', 3.5],
    ['1e3', 1000],
    ['.5', 0.5],
    ['5.', 5],
    ['+3', 3],
    ['-0', -0],
    ['-0.000', -0],
    ['0e999999', 0],
    ['1e400', Infinity],
    ['-1e400', -Infinity],
    ['1e-400', 0],
    ['inf', Infinity],
    ['-Infinity', -Infinity],
    ['+INF', Infinity],
    ['\t-iNfInItY ', -Infinity],
    ['0.1', 0.1],
    ['9007199254740993', 9007199254740992],
    ['123456789.123456789', 123456789.12345679],
    ['4.9e-324', 5e-324],
  ] as const)('%j is %d', (cell, value) => {
    expect(Object.is(viaString(cell)[1], value)).toBe(true);
    expect(Object.is(viaBytes(cell)[1], value)).toBe(true);
  });

  test('trimCell removes only spaces and tabs', () => {
    expect(trimCell(' \t a b \t ')).toBe('a b');
    expect(trimCell('\n a \r')).toBe('\n a \r');
  });

  test('the byte classifier equals the string rules and Number() bit for bit on 40,000 random tokens', () => {
    for (const token of randomTokens(40_000, 1)) {
      const a = viaString(token);
      const b = viaBytes(token);
      if (a[0] !== b[0] || !Object.is(a[1], b[1]))
        throw new Error(`${JSON.stringify(token)}: string ${a}, bytes ${b}`);
      if (a[0] === CELL_NUMBER && !Object.is(a[1], Number(trimCell(token))))
        throw new Error(`${JSON.stringify(token)}: not Number()`);
    }
  });
});

describe('the tokenizer fast path for plain decimals', () => {
  test('equals Number() bit for bit on 20,000 random plain decimals', async () => {
    const tokens = randomTokens(20_000, 2).filter((t) => /^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)$/.test(t));
    const path = tempFile(
      'decimals.csv',
      `x,y\n${tokens.map((t, i) => `${t},${i}`).join(i2n(tokens.length))}\n`,
    );
    const table = await readCsv(path, { chunkSize: 4096 });
    const column = table.columns[0];
    expect(column.type).toBe('numeric');
    if (column.type !== 'numeric') return;
    tokens.forEach((t, i) => {
      if (!Object.is(column.values[i], Number(t)))
        throw new Error(`${t}: got ${column.values[i]}, expected ${Number(t)}`);
    });
  });
});

/** Alternate LF and CRLF separators so both terminators follow a fast-path number. */
function i2n(count: number): string {
  return count % 2 ? '\n' : '\r\n';
}
