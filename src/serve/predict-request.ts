/**
 * The /predict contract (docs/smoke.md, HTTP mode): `{"inputs": rows}` in, `{"outputs": rows}` out.
 * Rows are checked against the model's declared signature before anything runs, and every problem is a
 * client error naming the place (`inputs[3]: expected 13 values, got 12`), never an engine's message.
 */
import { formatShape, fromNumbers, shapeAccepts, toNumbers, elementCount } from '../model/tensor.js';
import type { HostTensor, ModelSignature, NamedTensors, TensorSpec } from '../model/types.js';

/** A request the server refuses; `status` is the HTTP status (400 malformed, 413 too large, 422 invalid). */
export class RequestError extends Error {
  override name = 'RequestError';
  constructor(
    readonly status: 400 | 404 | 405 | 413 | 415 | 422 | 500 | 503,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const isRecord = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);

const INTEGER = new Set(['int8', 'uint8', 'int16', 'uint16', 'int32', 'uint32', 'int64', 'uint64']);

/** Flatten one row (nested arrays) into `out`, checking it has `shape` exactly and numbers only. */
function flattenRow(
  value: unknown,
  shape: readonly number[],
  dtype: string,
  where: string,
  out: number[],
): void {
  if (shape.length === 0) {
    let v: number;
    if (typeof value === 'number') v = value;
    else if (typeof value === 'boolean' && dtype === 'bool') v = value ? 1 : 0;
    else throw new RequestError(422, 'invalid_value', `${where}: expected a number, got ${describe(value)}`);
    if (!Number.isFinite(v))
      throw new RequestError(422, 'invalid_value', `${where}: expected a finite number`);
    if (INTEGER.has(dtype) && !Number.isInteger(v))
      throw new RequestError(422, 'invalid_value', `${where}: expected an integer (${dtype}), got ${v}`);
    out.push(v);
    return;
  }
  if (!Array.isArray(value))
    throw new RequestError(
      422,
      'invalid_shape',
      `${where}: expected an array of ${shape[0] < 0 ? 'any number of' : shape[0]} values, got ${describe(value)}`,
    );
  if (shape[0] >= 0 && value.length !== shape[0])
    throw new RequestError(
      422,
      'invalid_shape',
      `${where}: expected ${shape[0]} values, got ${value.length}`,
    );
  value.forEach((v, i) => flattenRow(v, shape.slice(1), dtype, `${where}[${i}]`, out));
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return `an array of ${v.length}`;
  if (typeof v === 'string') return 'a string';
  return typeof v === 'object' ? 'an object' : String(v);
}

/** The per-row shape a spec declares (its shape without the batch axis); dynamic inner axes are refused. */
function rowShape(spec: TensorSpec): number[] {
  if (spec.shape === null || spec.shape.length === 0) return [];
  return spec.shape.slice(1);
}

function tensorFromRows(rows: unknown[], spec: TensorSpec, where: string): HostTensor {
  if (spec.dtype === 'string')
    throw new RequestError(
      422,
      'unsupported_input',
      `input "${spec.name}" takes strings, which this server does not serve`,
    );
  const inner = rowShape(spec);
  const values: number[] = [];
  rows.forEach((row, i) => flattenRow(row, inner, spec.dtype, `${where}[${i}]`, values));
  // Dynamic inner axes: the first row fixes them; every row must then agree.
  const perRow = rows.length ? values.length / rows.length : 0;
  const concrete = inner.some((d) => d < 0) ? shapeOf(rows[0]) : inner;
  if (elementCount(concrete) !== perRow)
    throw new RequestError(422, 'invalid_shape', `${where}: rows of different shapes`);
  const shape = [rows.length, ...concrete];
  if (!shapeAccepts(spec.shape, shape))
    throw new RequestError(
      422,
      'invalid_shape',
      `${where}: shape ${formatShape(shape)} does not fit input "${spec.name}" ${formatShape(spec.shape)}`,
    );
  return fromNumbers(spec.dtype, shape, values);
}

function shapeOf(v: unknown): number[] {
  const s: number[] = [];
  let x = v;
  while (Array.isArray(x)) {
    s.push(x.length);
    x = x[0];
  }
  return s;
}

/**
 * Parse a /predict body (already JSON-parsed) into input tensors.
 * Accepted: `{"inputs": [row, ...]}` for a single-input model; `{"inputs": [{"a": …, "b": …}, ...]}` rows
 * of named inputs; `{"inputs": {"a": [rows], "b": [rows]}}` a batch per input.
 */
export function parsePredictBody(
  body: unknown,
  signature: ModelSignature,
  maxRows: number,
): { tensors: NamedTensors; rows: number } {
  if (!isRecord(body) || !('inputs' in body))
    throw new RequestError(422, 'missing_inputs', 'expected a JSON object {"inputs": [rows]}');
  const doc = body.inputs;
  const specs = signature.inputs;
  const names = specs.map((s) => s.name);
  const tensors: NamedTensors = {};
  let rows: number;
  if (Array.isArray(doc)) {
    rows = doc.length;
    if (rows === 0) throw new RequestError(422, 'empty_inputs', 'inputs: expected at least one row');
    if (rows > maxRows)
      throw new RequestError(413, 'too_many_rows', `inputs: ${rows} rows, at most ${maxRows} per request`);
    if (doc.every(isRecord)) {
      for (const spec of specs) {
        const col = doc.map((r, i) => {
          if (!(spec.name in r))
            throw new RequestError(
              422,
              'missing_input',
              `inputs[${i}]: no input "${spec.name}" (inputs: ${names.join(', ')})`,
            );
          return r[spec.name];
        });
        tensors[spec.name] = tensorFromRows(col, spec, `inputs[].${spec.name}`);
      }
    } else {
      if (specs.length !== 1)
        throw new RequestError(
          422,
          'named_inputs_required',
          `this model has inputs ${names.join(', ')}: send rows of objects or {"inputs": {"name": [rows]}}`,
        );
      tensors[specs[0].name] = tensorFromRows(doc, specs[0], 'inputs');
    }
  } else if (isRecord(doc)) {
    rows = -1;
    for (const spec of specs) {
      const col = doc[spec.name];
      if (!Array.isArray(col))
        throw new RequestError(
          422,
          'missing_input',
          `inputs.${spec.name}: expected an array of rows (inputs: ${names.join(', ')})`,
        );
      if (rows >= 0 && col.length !== rows)
        throw new RequestError(
          422,
          'invalid_shape',
          `inputs.${spec.name}: ${col.length} rows, other inputs have ${rows}`,
        );
      rows = col.length;
      if (rows === 0)
        throw new RequestError(422, 'empty_inputs', `inputs.${spec.name}: expected at least one row`);
      if (rows > maxRows)
        throw new RequestError(413, 'too_many_rows', `inputs: ${rows} rows, at most ${maxRows} per request`);
      tensors[spec.name] = tensorFromRows(col, spec, `inputs.${spec.name}`);
    }
  } else
    throw new RequestError(422, 'missing_inputs', 'inputs: expected an array of rows or an object of inputs');
  return { tensors, rows };
}

/** A tensor as JSON rows; NaN and ±Infinity (which JSON cannot hold) become null. */
export function tensorToRows(t: HostTensor): unknown[] {
  const values = toNumbers(t);
  const build = (offset: number, dims: number[]): unknown => {
    if (dims.length === 0) {
      const v = values[offset];
      return Number.isFinite(v) ? v : null;
    }
    const [d, ...rest] = dims;
    const step = elementCount(rest);
    return Array.from({ length: d }, (_, i) => build(offset + i * step, rest));
  };
  const shape = t.shape.length === 0 ? [1] : t.shape;
  return build(0, shape) as unknown[];
}

/** The response body: `{"outputs": rows}` for one output, `{"outputs": {"name": rows}}` for several. */
export function predictResponse(outputs: NamedTensors, signature: ModelSignature): { outputs: unknown } {
  const names = signature.outputs.map((s) => s.name).filter((n) => n in outputs);
  if (names.length === 1) return { outputs: tensorToRows(outputs[names[0]]) };
  return { outputs: Object.fromEntries(names.map((n) => [n, tensorToRows(outputs[n])])) };
}
