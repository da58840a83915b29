/** Helpers shared by the reader tests: expected tables as JSON, compared bit for bit. */
import { expect } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Column, Table } from '../../src/data/table.js';

/** A column as the generators write it: numbers (null = NaN, "Infinity", "-Infinity", "-0") or strings (null = missing). */
export interface ExpectedColumn {
  name: string;
  type: 'numeric' | 'categorical';
  values: (number | string | null)[];
}

export interface ExpectedTable {
  header: string[];
  rows: number;
  columns: ExpectedColumn[];
}

export const FIXTURES = new URL('../fixtures/data/', import.meta.url).pathname;

function decodeNumber(v: number | string | null): number {
  if (v === null) return NaN;
  if (v === 'Infinity') return Infinity;
  if (v === '-Infinity') return -Infinity;
  if (v === '-0') return -0;
  return v as number;
}

/** The cells of a column as plain values: numbers (NaN for null) or strings (null for null). */
export function cellsOf(column: Column): (number | string | null)[] {
  if (column.type === 'numeric') return Array.from(column.values);
  return Array.from(column.codes, (c) => (c < 0 ? null : column.dictionary[c]));
}

/** Asserts `table` equals `expected` exactly: same bits for numbers, dictionary in first-appearance order. */
export function expectTable(table: Table, expected: ExpectedTable): void {
  expect(table.header).toEqual(expected.header);
  expect(table.rows).toBe(expected.rows);
  expect(table.columns.map((c) => [c.name, c.type])).toEqual(expected.columns.map((c) => [c.name, c.type]));
  table.columns.forEach((column, j) => {
    const want = expected.columns[j];
    if (column.type === 'numeric') {
      expect(column.values.length).toBe(table.rows);
      const wanted = want.values.map(decodeNumber);
      column.values.forEach((got, i) => {
        if (!Object.is(got, wanted[i]))
          throw new Error(
            `${column.name}[${i}]: expected ${Object.is(wanted[i], -0) ? '-0' : wanted[i]}, got ${Object.is(got, -0) ? '-0' : got}`,
          );
      });
    } else {
      expect(column.codes.length).toBe(table.rows);
      expect(cellsOf(column)).toEqual(want.values);
      const firstSeen = [...new Set(want.values.filter((v): v is string => v !== null))];
      expect(column.dictionary).toEqual(firstSeen);
    }
  });
}

/** Writes `content` to a fresh temporary file named `name` and returns its path. */
export function tempFile(name: string, content: string | Uint8Array): string {
  const dir = mkdtempSync(join(tmpdir(), 'model-ci-data-'));
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}
