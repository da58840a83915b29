import type { CategoricalColumn, Column, NumericColumn, Table } from '../../../src/data/table.js';

/** Small in-memory tables for the drift check tests (no CSV reader needed). */
export function numeric(name: string, values: ArrayLike<number>): NumericColumn {
  return { name, type: 'numeric', values: Float64Array.from(values) };
}

/** A categorical column from raw values; null marks a null cell. */
export function categorical(name: string, values: readonly (string | null)[]): CategoricalColumn {
  const dictionary: string[] = [];
  const index = new Map<string, number>();
  const codes = new Int32Array(values.length);
  values.forEach((v, i) => {
    if (v === null) {
      codes[i] = -1;
      return;
    }
    let c = index.get(v);
    if (c === undefined) {
      c = dictionary.length;
      dictionary.push(v);
      index.set(v, c);
    }
    codes[i] = c;
  });
  return { name, type: 'categorical', codes, dictionary };
}

export function table(file: string, columns: Column[]): Table {
  const rows =
    columns.length === 0
      ? 0
      : columns[0].type === 'numeric'
        ? columns[0].values.length
        : columns[0].codes.length;
  return { file, rows, header: columns.map((c) => c.name), columns };
}

/** Every number reachable from `value` (for "no NaN in the output" checks). */
export function allNumbers(value: unknown, out: number[] = []): number[] {
  if (typeof value === 'number') out.push(value);
  else if (Array.isArray(value)) value.forEach((v) => allNumbers(v, out));
  else if (value && typeof value === 'object') Object.values(value).forEach((v) => allNumbers(v, out));
  return out;
}
