/**
 * Inputs for the smoke check: read from a JSON or CSV file, or generated from the model's declared
 * signature with a seeded random source.
 */
import { DataFormatError, InputError } from '../../core/errors.js';
import { readTable } from '../../data/read-table.js';
import type { Column, Table } from '../../data/table.js';
import { parseJsonText } from '../../core/json-file.js';
import { readInputText } from '../../core/read-input.js';
import { visible } from '../../core/visible.js';
import { concreteShape, elementCount, formatShape, fromNumbers } from '../../model/tensor.js';
import { MAX_BATCH_VALUES } from './options.js';
import { NonFiniteInputError, nonFiniteProblem } from './input-values.js';
import type { HostTensor, NamedTensors, TensorSpec } from '../../model/types.js';

export interface SmokeInputs {
  tensors: NamedTensors;
  /** Size of the first (batch) axis of the first input. */
  rows: number;
  source: 'file' | 'generated' | 'golden';
}

/** mulberry32: small, fast, seeded uniform source in [0, 1). */
export function seededUniform(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FLOATS = new Set(['float32', 'float64', 'float16']);

/**
 * Inputs generated from the declared signature: dynamic axes filled (the first with `batch`, others with 1);
 * floats ~ N(0, 1), integers uniform in [0, 10), booleans fair coins; same seed, same values.
 * @throws InputError for string inputs or inputs without a declared shape (they need an inputs file)
 */
export function generateInputs(specs: readonly TensorSpec[], batch: number, seed: number): SmokeInputs {
  const u = seededUniform(seed);
  const normal = () => {
    let a = 0;
    while (a === 0) a = u();
    return Math.sqrt(-2 * Math.log(a)) * Math.cos(2 * Math.PI * u());
  };
  const tensors: NamedTensors = {};
  for (const spec of specs) {
    if (spec.shape === null) {
      throw new InputError(
        `smoke: input "${spec.name}" declares no shape, so inputs cannot be generated; give an inputs file`,
      );
    }
    if (spec.dtype === 'string' || spec.dtype === 'unknown') {
      throw new InputError(
        `smoke: input "${spec.name}" has dtype ${spec.dtype}, so inputs cannot be generated; give an inputs file`,
      );
    }
    const shape = concreteShape(spec, batch);
    const n = elementCount(shape);
    checkBatchValues(spec.name, shape, batch);
    const values = new Array<number>(n);
    for (let i = 0; i < n; i++) {
      values[i] = FLOATS.has(spec.dtype)
        ? normal()
        : spec.dtype === 'bool'
          ? u() < 0.5
            ? 0
            : 1
          : Math.floor(u() * 10);
    }
    tensors[spec.name] = fromNumbers(spec.dtype, shape, values);
  }
  const first = specs[0] ? tensors[specs[0].name].shape[0] : 0;
  return { tensors, rows: first ?? 1, source: 'generated' };
}

/**
 * Refuse a batch whose tensor would hold more than {@link MAX_BATCH_VALUES} values, before allocating it.
 * @throws InputError naming the input, the batch size and the limit
 */
export function checkBatchValues(input: string, shape: readonly number[], batch: number): void {
  const n = elementCount(shape);
  if (n > MAX_BATCH_VALUES)
    throw new InputError(
      `smoke: input "${visible(input)}" of shape ${formatShape(shape)} at batch ${batch} would hold ${n} values, more than the limit of ${MAX_BATCH_VALUES}; lower batch (--batch)`,
    );
}

/** Shape of a rectangular nested array, flattening its leaves into `out`; undefined when ragged. */
function flatten(value: unknown, out: unknown[]): number[] | undefined {
  if (!Array.isArray(value)) {
    out.push(value);
    return [];
  }
  let inner: number[] | undefined;
  for (const v of value) {
    const s = flatten(v, out);
    if (s === undefined) return undefined;
    if (inner === undefined) inner = s;
    else if (inner.length !== s.length || inner.some((d, i) => d !== s[i])) return undefined;
  }
  return [value.length, ...(inner ?? [])];
}

function leafNumber(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (v === null) return NaN;
  if (typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Number(v))) return Number(v);
  return NaN;
}

/**
 * A nested JSON array as a tensor of `dtype` (null -> NaN, booleans -> 0/1). With `problems`, the values
 * of input `input` are checked first: a line is added for NaN/null/±Infinity (such a tensor is not run).
 */
export function nestedToTensor(
  value: unknown,
  dtype: string,
  where: string,
  problems?: string[],
  input = '',
): HostTensor {
  const leaves: unknown[] = [];
  const shape = flatten(value, leaves);
  if (shape === undefined)
    throw new DataFormatError({ file: where }, 'ragged array: every row must have the same shape');
  if (dtype === 'string') return { dtype, shape, data: leaves.map(String) };
  for (let i = 0; i < leaves.length; i++) {
    const v = leaves[i];
    if (typeof v !== 'number' && typeof v !== 'boolean' && v !== null) {
      throw new DataFormatError(
        { file: where },
        `value ${JSON.stringify(v)} at flat index ${i} is not a number`,
      );
    }
  }
  return checkedTensor(dtype, shape, leaves.map(leafNumber), problems, input);
}

/** `fromNumbers`, after recording non-finite values of an input in `problems` (they are stored as 0). */
function checkedTensor(
  dtype: string,
  shape: number[],
  values: number[],
  problems: string[] | undefined,
  input: string,
): HostTensor {
  if (problems) {
    const problem = nonFiniteProblem(input, values, shape);
    if (problem) {
      problems.push(problem);
      return fromNumbers(
        dtype,
        shape,
        values.map((v) => (Number.isFinite(v) ? v : 0)),
      );
    }
  }
  return fromNumbers(dtype, shape, values);
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/**
 * Tensors from a parsed JSON inputs document, in one of three layouts:
 * - rows for a single-input model: `[[...], [...]]`;
 * - rows of named inputs: `[{"a": [...], "b": [...]}, ...]`;
 * - a batch per input: `{"a": [[...], ...], "b": [[...], ...]}`, optionally wrapped as `{"inputs": ...}`.
 */
export function tensorsFromJson(
  doc: unknown,
  specs: readonly TensorSpec[],
  file: string,
  problems: string[] = [],
): NamedTensors {
  if (
    isRecord(doc) &&
    Object.keys(doc).length === 1 &&
    'inputs' in doc &&
    !specs.some((s) => s.name === 'inputs')
  ) {
    doc = doc.inputs;
  }
  const names = specs.map((s) => s.name);
  const out: NamedTensors = {};
  if (Array.isArray(doc) && doc.length > 0 && doc.every(isRecord)) {
    for (const spec of specs) {
      const rows = doc.map((r, i) => {
        if (!(spec.name in r))
          throw new DataFormatError(
            { file },
            `row ${i} has no input "${spec.name}" (inputs: ${names.join(', ')})`,
          );
        return r[spec.name];
      });
      out[spec.name] = nestedToTensor(rows, spec.dtype, file, problems, spec.name);
    }
    return out;
  }
  if (Array.isArray(doc)) {
    if (specs.length !== 1) {
      throw new DataFormatError(
        { file },
        `an array of rows fits a single-input model; this one has inputs ${names.join(', ')}: use {"name": [...]} per input`,
      );
    }
    out[specs[0].name] = nestedToTensor(doc, specs[0].dtype, file, problems, specs[0].name);
    return out;
  }
  if (isRecord(doc)) {
    for (const spec of specs) {
      if (!(spec.name in doc))
        throw new DataFormatError(
          { file },
          `no input "${spec.name}" (found keys: ${Object.keys(doc).join(', ') || 'none'})`,
        );
      out[spec.name] = nestedToTensor(doc[spec.name], spec.dtype, file, problems, spec.name);
    }
    return out;
  }
  throw new DataFormatError({ file }, 'expected a JSON array of rows or an object of inputs');
}

/** A CSV inputs file read with the project's reader (docs/statistics.md §1 typing: BOM, quotes, null tokens). */
async function readCsvInputs(file: string, columns?: readonly string[]): Promise<Table> {
  return readTable(file, { columns, format: 'csv' });
}

/** The values of a column that must be numeric, or a DataFormatError naming the first non-number. */
function numericColumn(table: Table, name: string): Float64Array {
  const col = table.columns.find((c) => c.name === name)!;
  if (col.type === 'numeric') return col.values;
  const row = col.codes.findIndex((c) => c >= 0);
  throw new DataFormatError(
    { file: table.file },
    `column "${name}" is not numeric: "${col.dictionary[col.codes[row]]}" at data row ${row + 1}`,
  );
}

/** Tensors from CSV rows: `columns` (per input, or one list for a single input; default all columns). */
export async function tensorsFromCsv(
  file: string,
  specs: readonly TensorSpec[],
  columns: string[] | Record<string, string[]> | undefined,
  problems: string[] = [],
): Promise<NamedTensors> {
  let mapping: Record<string, string[]> | undefined;
  if (columns === undefined || Array.isArray(columns)) {
    if (specs.length !== 1) {
      throw new InputError(
        `smoke: columns must map each input (${specs.map((s) => s.name).join(', ')}) to CSV columns of ${file}`,
      );
    }
  } else mapping = columns;
  const wanted = mapping ? Object.values(mapping).flat() : (columns as string[] | undefined);
  const table = await readCsvInputs(file, wanted);
  mapping ??= { [specs[0].name]: (columns as string[] | undefined) ?? table.header };
  const out: NamedTensors = {};
  for (const spec of specs) {
    const cols = mapping[spec.name];
    if (!cols) throw new InputError(`smoke: columns has no entry for input "${spec.name}"`);
    const data = cols.map((c) => numericColumn(table, c));
    const values = new Array<number>(table.rows * cols.length);
    for (let r = 0; r < table.rows; r++)
      for (let k = 0; k < cols.length; k++) values[r * cols.length + k] = data[k][r];
    out[spec.name] = checkedTensor(spec.dtype, [table.rows, cols.length], values, problems, spec.name);
  }
  return out;
}

function readText(file: string): string {
  return readInputText(file, { what: 'smoke inputs file' });
}

/**
 * Read an inputs file (`.csv` by extension, JSON otherwise) into tensors matching `specs` by name.
 * @throws DataFormatError naming the file (and line/column) when it cannot be read as inputs
 */
export async function readInputsFile(
  file: string,
  specs: readonly TensorSpec[],
  columns?: string[] | Record<string, string[]>,
): Promise<SmokeInputs> {
  const problems: string[] = [];
  const tensors = file.toLowerCase().endsWith('.csv')
    ? await tensorsFromCsv(file, specs, columns, problems)
    : tensorsFromJson(parseJsonText(readText(file), file, 'not valid JSON inputs'), specs, file, problems);
  if (problems.length) throw new NonFiniteInputError(file, problems);
  const first = specs[0] ? tensors[specs[0].name] : undefined;
  return { tensors, rows: first?.shape[0] ?? 0, source: 'file' };
}

/**
 * Rows for HTTP mode, sent as they are: a JSON array (or `{"inputs": [...]}`), or CSV rows as number arrays
 * in `columns` order (objects keyed by header when no columns are given).
 */
export async function readHttpRows(
  file: string,
  columns?: string[] | Record<string, string[]>,
): Promise<unknown[]> {
  if (file.toLowerCase().endsWith('.csv')) {
    if (columns && !Array.isArray(columns))
      throw new InputError('smoke: in HTTP mode columns must be a list of CSV columns');
    const table = await readCsvInputs(file, columns);
    const names = columns ?? table.header;
    // Numbers as numbers, text as text (a FastAPI model can take categorical features), null for empty cells.
    const cell = (c: Column, r: number): number | string | null =>
      c.type === 'numeric'
        ? Number.isNaN(c.values[r])
          ? null
          : c.values[r]
        : c.codes[r] < 0
          ? null
          : c.dictionary[c.codes[r]];
    const cols = names.map((n) => table.columns.find((c) => c.name === n)!);
    return Array.from({ length: table.rows }, (_, r) =>
      columns ? cols.map((c) => cell(c, r)) : Object.fromEntries(cols.map((c) => [c.name, cell(c, r)])),
    );
  }
  let doc = parseJsonText(readText(file), file, 'not valid JSON inputs');
  if (isRecord(doc) && Array.isArray(doc.inputs)) doc = doc.inputs;
  if (!Array.isArray(doc) || doc.length === 0)
    throw new DataFormatError({ file }, 'expected a non-empty JSON array of rows (or {"inputs": [...]})');
  return doc;
}
