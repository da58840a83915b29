/**
 * Golden files: the inputs of a run and the outputs they produced, so that a later run (another commit,
 * another backend) can be compared with numpy.allclose semantics. Non-finite numbers are stored as in result
 * files: NaN -> null, ±Inf -> "Infinity" / "-Infinity".
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { DataFormatError, InputError } from '../../core/errors.js';
import { fromJsonNumber, jsonNumber, type JsonNumber } from '../../core/result.js';
import { parseJsonText } from '../../core/json-file.js';
import { elementCount, fromNumbers, toNumbers } from '../../model/tensor.js';
import type { HostTensor, NamedTensors } from '../../model/types.js';

export const GOLDEN_SCHEMA_ID = 'model-ci/smoke-golden@1';

export interface GoldenFile {
  schema: typeof GOLDEN_SCHEMA_ID;
  /** What produced it (informational). */
  model?: string;
  backend?: string;
  /** Model mode: named input tensors. */
  inputs?: NamedTensors;
  /** HTTP mode: the rows sent, as JSON. */
  rows?: unknown[];
  outputs: NamedTensors;
}

function tensorJson(t: HostTensor): string {
  const data = t.dtype === 'string' ? (t.data as string[]) : toNumbers(t).map((v) => jsonNumber(v));
  return JSON.stringify({ dtype: t.dtype, shape: t.shape, data });
}

function tensorsJson(ts: NamedTensors, indent: string): string {
  const entries = Object.entries(ts).map(([k, t]) => `${indent}  ${JSON.stringify(k)}: ${tensorJson(t)}`);
  return entries.length ? `{\n${entries.join(',\n')}\n${indent}}` : '{}';
}

/** The golden file's text: one line per tensor, stable key order, no timestamps (diffs stay small). */
export function goldenText(g: GoldenFile): string {
  const lines = [`  "schema": ${JSON.stringify(g.schema)}`];
  if (g.model !== undefined) lines.push(`  "model": ${JSON.stringify(g.model)}`);
  if (g.backend !== undefined) lines.push(`  "backend": ${JSON.stringify(g.backend)}`);
  if (g.inputs) lines.push(`  "inputs": ${tensorsJson(g.inputs, '  ')}`);
  if (g.rows) lines.push(`  "rows": [\n${g.rows.map((r) => `    ${JSON.stringify(r)}`).join(',\n')}\n  ]`);
  lines.push(`  "outputs": ${tensorsJson(g.outputs, '  ')}`);
  return `{\n${lines.join(',\n')}\n}\n`;
}

export function writeGolden(file: string, g: GoldenFile): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, goldenText(g));
}

function readTensor(x: unknown, file: string, where: string): HostTensor {
  const t = x as { dtype?: unknown; shape?: unknown; data?: unknown };
  if (
    typeof t !== 'object' ||
    t === null ||
    typeof t.dtype !== 'string' ||
    !Array.isArray(t.shape) ||
    !t.shape.every((d) => Number.isInteger(d) && d >= 0) ||
    !Array.isArray(t.data)
  ) {
    throw new DataFormatError(
      { file },
      `${where}: expected {"dtype": string, "shape": [int...], "data": [...]}`,
    );
  }
  const shape = t.shape as number[];
  if (elementCount(shape) !== t.data.length) {
    throw new DataFormatError(
      { file },
      `${where}: shape ${JSON.stringify(shape)} needs ${elementCount(shape)} values, data has ${t.data.length}`,
    );
  }
  if (t.dtype === 'string') return { dtype: 'string', shape, data: t.data.map(String) };
  return fromNumbers(
    t.dtype,
    shape,
    (t.data as JsonNumber[]).map((v) => fromJsonNumber(v)),
  );
}

function readTensors(x: unknown, file: string, where: string): NamedTensors {
  if (typeof x !== 'object' || x === null || Array.isArray(x))
    throw new DataFormatError({ file }, `${where}: expected an object of tensors`);
  return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, readTensor(v, file, `${where}.${k}`)]));
}

/**
 * Read a golden file.
 * @throws InputError when it does not exist (record it first); DataFormatError when it is malformed
 */
export function readGolden(file: string): GoldenFile {
  if (!existsSync(file)) {
    throw new InputError(
      `smoke: golden file "${file}" does not exist; record it with recordGolden (--record-golden)`,
    );
  }
  const doc = parseJsonText(readFileSync(file, 'utf8'), file, 'not valid golden file') as Record<
    string,
    unknown
  >;
  if (typeof doc !== 'object' || doc === null || doc.schema !== GOLDEN_SCHEMA_ID) {
    throw new DataFormatError({ file }, `expected a golden file with "schema": "${GOLDEN_SCHEMA_ID}"`);
  }
  const g: GoldenFile = { schema: GOLDEN_SCHEMA_ID, outputs: readTensors(doc.outputs, file, 'outputs') };
  if (typeof doc.model === 'string') g.model = doc.model;
  if (typeof doc.backend === 'string') g.backend = doc.backend;
  if (doc.inputs !== undefined) g.inputs = readTensors(doc.inputs, file, 'inputs');
  if (doc.rows !== undefined) {
    if (!Array.isArray(doc.rows)) throw new DataFormatError({ file }, 'rows: expected an array');
    g.rows = doc.rows;
  }
  if (!g.inputs && !g.rows)
    throw new DataFormatError({ file }, 'expected "inputs" (model mode) or "rows" (HTTP mode)');
  return g;
}
