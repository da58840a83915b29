/**
 * Deterministic shards of one table. Shard i of N is the contiguous row range
 * [floor(i·rows/N), floor((i+1)·rows/N)): the shards partition the rows, concatenating them in index
 * order gives the file back, and every job of a matrix can compute its range from the row count alone.
 * (A matrix can instead give each job its own file; then no --shard is needed.)
 */
import { InputError } from '../../core/errors.js';
import type { Column, Table } from '../../data/table.js';

export interface Shard {
  /** 0-based. */
  index: number;
  count: number;
}

/**
 * Parse `I/N` (0 ≤ I < N), e.g. `--shard 2/4` or a matrix's `${{ matrix.shard }}/4`.
 * @throws InputError naming the option and the expected form.
 */
export function parseShard(text: string, option = '--shard'): Shard {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  if (!m) throw new InputError(`${option}: expected I/N with 0 ≤ I < N (e.g. 0/4), got "${text}"`);
  const shard = { index: Number(m[1]), count: Number(m[2]) };
  validateShard(shard, option);
  return shard;
}

export function validateShard(shard: Shard, option = 'shard'): void {
  const { index, count } = shard;
  if (!Number.isInteger(count) || count < 1 || !Number.isInteger(index) || index < 0 || index >= count) {
    throw new InputError(`${option}: expected 0 ≤ index < count with count ≥ 1, got ${index}/${count}`);
  }
}

/** The half-open row range of a shard. */
export function shardRange(rows: number, shard: Shard): [number, number] {
  validateShard(shard);
  return [
    Math.floor((shard.index * rows) / shard.count),
    Math.floor(((shard.index + 1) * rows) / shard.count),
  ];
}

/**
 * Rows [start, end) as a table sharing the column buffers (no copy). A numeric column keeps the number
 * syntax of the whole file (it is known per column, not per row), so that merged shards type as the file.
 */
export function sliceTable(table: Table, start: number, end: number): Table {
  const columns: Column[] = table.columns.map((c) =>
    c.type === 'numeric'
      ? { name: c.name, type: 'numeric', values: c.values.subarray(start, end), syntax: c.syntax }
      : { ...c, codes: c.codes.subarray(start, end) },
  );
  return { file: table.file, rows: end - start, header: table.header, columns };
}
