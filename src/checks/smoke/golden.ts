/**
 * Golden files: the inputs of a run and the outputs they produced, so that a later run (another commit,
 * another backend) can be compared with numpy.allclose semantics. Non-finite numbers are stored as in result
 * files: NaN -> null, ±Inf -> "Infinity" / "-Infinity".
 */
import { existsSync } from 'node:fs';
import { DataFormatError, InputError } from '../../core/errors.js';
import { writeAtomic, type FileGuard } from '../../core/file-guard.js';
import { fromJsonNumber, jsonNumber } from '../../core/result.js';
import { parseJsonText } from '../../core/json-file.js';
import { readInputText } from '../../core/read-input.js';
import { visible } from '../../core/visible.js';
import { bytesPerElement, elementCount, fromNumbers, toNumbers } from '../../model/tensor.js';
import { nonFiniteProblem, nonFiniteRowProblems } from './input-values.js';
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
  /** Read from a file: NaN/null/±Infinity found in `inputs` (not written; such inputs are not run). */
  inputProblems?: string[];
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

/**
 * Write a golden file atomically; through the command's guard when there is one, so that a golden file
 * that is one of the inputs (the model, the inputs file, through a link) is refused, never overwritten.
 */
export function writeGolden(file: string, g: GoldenFile, files?: FileGuard): void {
  if (files) files.write(file, goldenText(g), 'golden file');
  else writeAtomic(file, goldenText(g), 'golden file');
}

function readTensor(x: unknown, file: string, where: string, problems?: string[]): HostTensor {
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
  if (bytesPerElement(t.dtype) === undefined)
    throw new DataFormatError({ file }, `${where}: unknown dtype "${visible(t.dtype)}"`);
  let values = (t.data as unknown[]).map((v) =>
    typeof v === 'number' || v === null || v === 'Infinity' || v === '-Infinity' ? fromJsonNumber(v) : NaN,
  );
  const bad = (t.data as unknown[]).findIndex(
    (v) => !(typeof v === 'number' || v === null || v === 'Infinity' || v === '-Infinity'),
  );
  if (bad >= 0)
    throw new DataFormatError(
      { file },
      `${where}.data[${bad}]: expected a number, null, "Infinity" or "-Infinity"`,
    );
  if (problems) {
    const problem = nonFiniteProblem(where.replace(/^inputs\./, ''), values, shape);
    if (problem) {
      problems.push(problem);
      values = values.map((v) => (Number.isFinite(v) ? v : 0));
    }
  }
  try {
    return fromNumbers(t.dtype, shape, values);
  } catch (e) {
    if (e instanceof InputError) throw new DataFormatError({ file }, `${where}: ${e.message}`);
    throw e;
  }
}

function readTensors(x: unknown, file: string, where: string, problems?: string[]): NamedTensors {
  if (typeof x !== 'object' || x === null || Array.isArray(x))
    throw new DataFormatError({ file }, `${where}: expected an object of tensors`);
  return Object.fromEntries(
    Object.entries(x).map(([k, v]) => [k, readTensor(v, file, `${where}.${k}`, problems)]),
  );
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
  const doc = parseJsonText(
    readInputText(file, { what: 'golden file' }),
    file,
    'not valid golden file',
  ) as Record<string, unknown>;
  if (typeof doc !== 'object' || doc === null || doc.schema !== GOLDEN_SCHEMA_ID) {
    throw new DataFormatError({ file }, `expected a golden file with "schema": "${GOLDEN_SCHEMA_ID}"`);
  }
  const g: GoldenFile = { schema: GOLDEN_SCHEMA_ID, outputs: readTensors(doc.outputs, file, 'outputs') };
  if (typeof doc.model === 'string') g.model = doc.model;
  if (typeof doc.backend === 'string') g.backend = doc.backend;
  if (doc.inputs !== undefined) {
    const problems: string[] = [];
    g.inputs = readTensors(doc.inputs, file, 'inputs', problems);
    if (problems.length) g.inputProblems = problems;
  }
  if (doc.rows !== undefined) {
    if (!Array.isArray(doc.rows)) throw new DataFormatError({ file }, 'rows: expected an array');
    g.rows = doc.rows;
    const problems = nonFiniteRowProblems(doc.rows);
    if (problems.length) g.inputProblems = problems;
  }
  if (!g.inputs && !g.rows)
    throw new DataFormatError({ file }, 'expected "inputs" (model mode) or "rows" (HTTP mode)');
  return g;
}
