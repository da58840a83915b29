import { Ajv, type ErrorObject } from 'ajv';
import resultSchema from '../../schema/result.schema.json' with { type: 'json' };
import { ModelCiError } from './errors.js';
import { readInputText } from './read-input.js';
import { parseJsonText } from './json-file.js';
import { RESULT_SCHEMA_ID, type CheckResult } from './result.js';

/** A result file that is not a valid `model-ci/result@1` document. */
export class ResultFormatError extends ModelCiError {
  override name = 'ResultFormatError';
}

let compiled: ReturnType<Ajv['compile']> | undefined;
function validator() {
  compiled ??= new Ajv({ allErrors: true, strict: true }).compile(resultSchema);
  return compiled;
}

/** `/a/b/0` (ajv's JSON pointer) -> `$.a.b[0]`. */
function jsonPath(pointer: string): string {
  if (!pointer) return '$';
  return (
    '$' +
    pointer
      .split('/')
      .slice(1)
      .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
      .map((p) =>
        /^\d+$/.test(p) ? `[${p}]` : /^[A-Za-z_][\w-]*$/.test(p) ? `.${p}` : `[${JSON.stringify(p)}]`,
      )
      .join('')
  );
}

function describe(error: ErrorObject): string {
  const path = jsonPath(error.instancePath);
  switch (error.keyword) {
    case 'additionalProperty':
    case 'additionalProperties':
      return `${path}: unexpected property "${(error.params as { additionalProperty: string }).additionalProperty}"`;
    case 'required':
      return `${path}: missing required property "${(error.params as { missingProperty: string }).missingProperty}"`;
    case 'enum':
      return `${path}: must be one of ${(error.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'const':
      return `${path}: must be ${JSON.stringify((error.params as { allowedValue: unknown }).allowedValue)}`;
    default:
      return `${path}: ${error.message ?? 'is invalid'}`;
  }
}

/**
 * Check that `doc` is a `model-ci/result@1` document; throws ResultFormatError naming `source` and the
 * JSON path of the first problem. Errors for the same path are reduced to the most specific one.
 */
export function validateResult(doc: unknown, source = '<result>'): CheckResult {
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
    throw new ResultFormatError(
      `${source}: $: expected a JSON object (a model-ci result), got ${doc === null ? 'null' : Array.isArray(doc) ? 'an array' : typeof doc}`,
    );
  }
  const schema = (doc as { schema?: unknown }).schema;
  if (schema !== RESULT_SCHEMA_ID) {
    throw new ResultFormatError(
      `${source}: $.schema: expected "${RESULT_SCHEMA_ID}", got ${schema === undefined ? 'no "schema" property' : JSON.stringify(schema)} (not a model-ci result file)`,
    );
  }
  const validate = validator();
  if (!validate(doc)) {
    const errors = validate.errors ?? [];
    // anyOf branches produce noise; prefer errors that are not the anyOf summary itself.
    const specific = errors.filter((e) => e.keyword !== 'anyOf');
    const first = (specific.length ? specific : errors)[0];
    const more =
      errors.length > 1 ? ` (and ${errors.length - 1} more problem${errors.length > 2 ? 's' : ''})` : '';
    throw new ResultFormatError(`${source}: ${first ? describe(first) : 'invalid'}${more}`);
  }
  return doc as unknown as CheckResult;
}

/** Read and validate a result file; JSON syntax errors name the line and column. */
export function readResultFile(file: string): CheckResult {
  let text: string;
  try {
    text = readInputText(file, { what: 'result file' });
  } catch (e) {
    const reason = /not found/.test((e as Error).message) ? 'does it exist?' : (e as Error).message;
    throw new ResultFormatError(`${file}: cannot read the result file (${reason})`);
  }
  let doc: unknown;
  try {
    doc = parseJsonText(text, file);
  } catch (e) {
    throw new ResultFormatError((e as Error).message);
  }
  return validateResult(doc, file);
}
