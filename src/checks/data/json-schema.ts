/**
 * A JSON Schema validator that interprets the schema — it never turns a schema into code (ajv compiles
 * schemas to JavaScript with the Function constructor, which a schema from a pull request must not reach). It mirrors
 * Python's `jsonschema.validate(instance, schema)` as GX calls it: the draft is the schema's `$schema`
 * (draft-04, -06, -07, 2019-09, 2020-12), 2020-12 when absent; `format` is not asserted (jsonschema
 * asserts it only with a format checker, which GX does not pass); `pattern` and `patternProperties` are
 * `re.search` through model-ci's linear-time Python-compatible regex engine; string lengths count code
 * points; 1 and 1.0 are equal, true is not 1.
 *
 * Limits, checked when the suite is loaded: `$ref` only within the schema (`#`, `#/definitions/x`,
 * `#/$defs/x`, JSON pointers) — no network, no files, no `$id` lookups; at most 10 000 schema nodes;
 * keywords that need annotation tracking (`unevaluatedProperties`, `unevaluatedItems`, `$dynamicRef`,
 * `$recursiveRef`) are refused rather than ignored. Evaluation depth is bounded, so a `$ref` cycle that
 * never consumes the instance is an error, not a hang.
 */
import { compileRegex, type CompiledRegex } from './regex.js';

export const MAX_SCHEMA_NODES = 10_000;
/** Nested $ref/applicator evaluations per value (a cycle that never moves into the instance stops here). */
const MAX_EVAL_DEPTH = 500;

type Draft = 4 | 6 | 7 | 2019 | 2020;
type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** A RangeError, so a schema problem met while evaluating fails that expectation alone (catch_exceptions). */
export class JsonSchemaError extends RangeError {}

const DRAFTS: [RegExp, Draft][] = [
  [/json-schema\.org\/draft-04\/schema/, 4],
  [/json-schema\.org\/draft-06\/schema/, 6],
  [/json-schema\.org\/draft-07\/schema/, 7],
  [/json-schema\.org\/draft\/2019-09\/schema/, 2019],
  [/json-schema\.org\/draft\/2020-12\/schema/, 2020],
];

const REFUSED = ['unevaluatedProperties', 'unevaluatedItems', '$dynamicRef', '$recursiveRef'];
const TYPES = ['null', 'boolean', 'object', 'array', 'number', 'string', 'integer'];

export interface CompiledSchema {
  /** True when the instance is valid (jsonschema.validate does not raise ValidationError). */
  validate(instance: unknown): boolean;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v === 'object' ? 'object' : typeof v;
}

/**
 * jsonschema's `equal` (const, uniqueItems): booleans are not numbers, 1 = 1.0, arrays and objects compare
 * deeply with the same rule, NaN equals nothing.
 */
export function jsonEqual(a: unknown, b: unknown): boolean {
  return deepEqual(a, b, false);
}

/** Python's `==` on JSON values: True == 1 and False == 0 (also inside lists and dicts), NaN ≠ NaN. */
function pyEqual(a: unknown, b: unknown): boolean {
  return deepEqual(a, b, true);
}

/** Deep equality of JSON values; `boolsAreNumbers` is the one difference between the two rules above. */
function deepEqual(a: unknown, b: unknown, boolsAreNumbers: boolean): boolean {
  if (boolsAreNumbers) {
    if (typeof a === 'boolean') a = Number(a);
    if (typeof b === 'boolean') b = Number(b);
  } else if (typeof a === 'boolean' || typeof b === 'boolean') return a === b;
  if (typeof a === 'number' && typeof b === 'number') return a === b;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => deepEqual(x, b[i], boolsAreNumbers));
  }
  if (isObject(a) || isObject(b)) {
    if (!isObject(a) || !isObject(b)) return false;
    const ka = Object.keys(a);
    if (ka.length !== Object.keys(b).length) return false;
    return ka.every(
      (k) => Object.prototype.hasOwnProperty.call(b, k) && deepEqual(a[k], b[k], boolsAreNumbers),
    );
  }
  return a === b;
}

/**
 * jsonschema's `enum`: an instance equal to 0 or 1 (numbers, false, true) must match without counting
 * booleans as numbers; anything else is Python's `instance in enums`, where True == 1 inside lists and
 * objects.
 */
function inEnum(v: unknown, enums: unknown[]): boolean {
  // unbool: true and false only match themselves, 0 and 1 only numbers.
  if (v === 0 || v === 1 || typeof v === 'boolean') return enums.some((e) => e === v);
  return enums.some((e) => e === v || pyEqual(v, e));
}

/** Python's len() of a str: code points. */
function codePoints(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xdc00 || c > 0xdfff || i === 0 || s.charCodeAt(i - 1) < 0xd800 || s.charCodeAt(i - 1) > 0xdbff)
      n++;
  }
  return n;
}

/** Resolve a local `#...` JSON pointer in `root`. */
function resolvePointer(root: unknown, ref: string): unknown {
  if (ref === '#') return root;
  if (!ref.startsWith('#/'))
    throw new JsonSchemaError(`$ref ${JSON.stringify(ref)} is not a local reference (#/...)`);
  let node: unknown = root;
  for (const raw of ref.slice(2).split('/')) {
    let part: string;
    try {
      part = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    } catch {
      throw new JsonSchemaError(`$ref ${JSON.stringify(ref)} is not a valid JSON pointer`);
    }
    if (Array.isArray(node) && /^\d+$/.test(part)) node = node[Number(part)];
    else if (isObject(node) && Object.prototype.hasOwnProperty.call(node, part)) node = node[part];
    else throw new JsonSchemaError(`$ref ${JSON.stringify(ref)} points at nothing in the schema`);
  }
  return node;
}

/**
 * Check the schema (its shape, its refs, its regexes, its size) and return a validator for it.
 * @throws JsonSchemaError describing the first problem (GX raises SchemaError for an invalid schema)
 */
export function compileJsonSchema(schema: unknown): CompiledSchema {
  if (!isObject(schema) && typeof schema !== 'boolean')
    throw new JsonSchemaError(`expected a schema object (or true/false), got ${JSON.stringify(schema)}`);
  let draft: Draft = 2020;
  if (isObject(schema) && schema.$schema !== undefined) {
    const found = DRAFTS.find(([rx]) => typeof schema.$schema === 'string' && rx.test(schema.$schema));
    if (!found)
      throw new JsonSchemaError(
        `unknown $schema ${JSON.stringify(schema.$schema)}; expected draft-04, -06, -07, 2019-09 or 2020-12`,
      );
    draft = found[1];
  }
  const regexes = new Map<string, CompiledRegex>();
  const regex = (source: unknown, where: string): void => {
    if (typeof source !== 'string')
      throw new JsonSchemaError(`${where}: expected a regular expression (string)`);
    if (regexes.has(source)) return;
    try {
      regexes.set(source, compileRegex(source));
    } catch (e) {
      throw new JsonSchemaError(`${where}: ${(e as Error).message} in ${JSON.stringify(source)}`);
    }
  };
  let nodes = 0;
  // Walk every subschema once: count, check keyword shapes the validator relies on, compile regexes.
  const check = (s: unknown, path: string): void => {
    if (++nodes > MAX_SCHEMA_NODES)
      throw new JsonSchemaError(`the schema has more than ${MAX_SCHEMA_NODES} subschemas`);
    if (typeof s === 'boolean') {
      if (draft === 4) throw new JsonSchemaError(`${path}: boolean schemas need draft-06 or later`);
      return;
    }
    if (!isObject(s))
      throw new JsonSchemaError(`${path}: expected a schema object, got ${JSON.stringify(s)}`);
    for (const k of REFUSED)
      if (k in s)
        throw new JsonSchemaError(`${path}: "${k}" is not supported by model-ci's JSON Schema validator`);
    if (s.$ref !== undefined) {
      if (typeof s.$ref !== 'string') throw new JsonSchemaError(`${path}.$ref: expected a string`);
      resolvePointer(schema, s.$ref);
    }
    if (s.type !== undefined) {
      const list = Array.isArray(s.type) ? s.type : [s.type];
      for (const t of list)
        if (typeof t !== 'string' || !TYPES.includes(t))
          throw new JsonSchemaError(
            `${path}.type: ${JSON.stringify(t)} is not a JSON Schema type (${TYPES.join(', ')})`,
          );
    }
    if (s.enum !== undefined && !Array.isArray(s.enum))
      throw new JsonSchemaError(`${path}.enum: expected a list`);
    if (
      s.required !== undefined &&
      !(Array.isArray(s.required) && s.required.every((r) => typeof r === 'string'))
    )
      throw new JsonSchemaError(`${path}.required: expected a list of property names`);
    for (const k of [
      'minimum',
      'maximum',
      'multipleOf',
      'minLength',
      'maxLength',
      'minItems',
      'maxItems',
      'minProperties',
      'maxProperties',
      'minContains',
      'maxContains',
    ])
      if (s[k] !== undefined && typeof s[k] !== 'number')
        throw new JsonSchemaError(`${path}.${k}: expected a number`);
    if (typeof s.multipleOf === 'number' && !(s.multipleOf > 0))
      throw new JsonSchemaError(`${path}.multipleOf: expected a number > 0`);
    for (const k of ['exclusiveMinimum', 'exclusiveMaximum'])
      if (s[k] !== undefined && typeof s[k] !== (draft === 4 ? 'boolean' : 'number'))
        throw new JsonSchemaError(
          `${path}.${k}: expected a ${draft === 4 ? 'boolean (draft-04)' : 'number'}`,
        );
    if (s.pattern !== undefined) regex(s.pattern, `${path}.pattern`);
    for (const k of ['properties', 'patternProperties', 'definitions', '$defs', 'dependentSchemas']) {
      if (s[k] === undefined) continue;
      if (!isObject(s[k])) throw new JsonSchemaError(`${path}.${k}: expected an object of schemas`);
      for (const [name, sub] of Object.entries(s[k] as Record<string, unknown>)) {
        if (k === 'patternProperties') regex(name, `${path}.patternProperties`);
        check(sub, `${path}.${k}.${name}`);
      }
    }
    if (s.dependencies !== undefined) {
      if (!isObject(s.dependencies)) throw new JsonSchemaError(`${path}.dependencies: expected an object`);
      for (const [name, dep] of Object.entries(s.dependencies))
        if (!Array.isArray(dep)) check(dep, `${path}.dependencies.${name}`);
    }
    if (s.dependentRequired !== undefined && !isObject(s.dependentRequired))
      throw new JsonSchemaError(`${path}.dependentRequired: expected an object`);
    for (const k of ['allOf', 'anyOf', 'oneOf', 'prefixItems']) {
      if (s[k] === undefined) continue;
      if (!Array.isArray(s[k]) || (s[k] as unknown[]).length === 0)
        throw new JsonSchemaError(`${path}.${k}: expected a non-empty list of schemas`);
      (s[k] as unknown[]).forEach((sub, i) => check(sub, `${path}.${k}[${i}]`));
    }
    if (Array.isArray(s.items)) {
      if (draft >= 2020)
        throw new JsonSchemaError(
          `${path}.items: a list of schemas is draft-07 syntax; in 2020-12 use prefixItems (or set $schema)`,
        );
      s.items.forEach((sub, i) => check(sub, `${path}.items[${i}]`));
    } else if (s.items !== undefined) check(s.items, `${path}.items`);
    for (const k of [
      'additionalItems',
      'additionalProperties',
      'propertyNames',
      'contains',
      'not',
      'if',
      'then',
      'else',
    ])
      if (s[k] !== undefined) check(s[k], `${path}.${k}`);
  };
  check(schema, 'json_schema');
  return { validate: (instance) => new Evaluator(schema, draft, regexes).valid(schema, instance, 0) };
}

class Evaluator {
  constructor(
    private readonly root: unknown,
    private readonly draft: Draft,
    private readonly regexes: Map<string, CompiledRegex>,
  ) {}

  valid(schema: unknown, v: unknown, depth: number): boolean {
    if (depth > MAX_EVAL_DEPTH)
      throw new JsonSchemaError(`the schema recurses more than ${MAX_EVAL_DEPTH} levels deep ($ref cycle?)`);
    if (schema === true) return true;
    if (schema === false) return false;
    const s = schema as Record<string, unknown>;
    const d = depth + 1;
    if (typeof s.$ref === 'string') {
      if (!this.valid(resolvePointer(this.root, s.$ref), v, d)) return false;
      // Before 2019-09 a $ref replaces its siblings.
      if (this.draft < 2019) return true;
    }
    if (s.type !== undefined) {
      const list = (Array.isArray(s.type) ? s.type : [s.type]) as string[];
      if (!list.some((t) => this.isType(v, t))) return false;
    }
    if (s.enum !== undefined && !inEnum(v, s.enum as unknown[])) return false;
    if (s.const !== undefined && this.draft >= 6 && !jsonEqual(s.const, v)) return false;
    if (typeof v === 'number' && !this.number(s, v)) return false;
    if (typeof v === 'string' && !this.string(s, v)) return false;
    if (Array.isArray(v) && !this.array(s, v, d)) return false;
    if (isObject(v) && !this.object(s, v, d)) return false;
    if (s.allOf && !(s.allOf as unknown[]).every((x) => this.valid(x, v, d))) return false;
    if (s.anyOf && !(s.anyOf as unknown[]).some((x) => this.valid(x, v, d))) return false;
    if (s.oneOf && (s.oneOf as unknown[]).filter((x) => this.valid(x, v, d)).length !== 1) return false;
    if (s.not !== undefined && this.valid(s.not, v, d)) return false;
    if (s.if !== undefined && this.draft >= 7) {
      if (this.valid(s.if, v, d)) {
        if (s.then !== undefined && !this.valid(s.then, v, d)) return false;
      } else if (s.else !== undefined && !this.valid(s.else, v, d)) return false;
    }
    return true;
  }

  private isType(v: unknown, t: string): boolean {
    switch (t) {
      case 'integer':
        // Draft-04 counts only ints (a JSON 1.0 is a float in Python); later drafts any whole number.
        return typeof v === 'number' && Number.isInteger(v);
      case 'number':
        return typeof v === 'number';
      default:
        return typeOf(v) === t;
    }
  }

  private number(s: Record<string, unknown>, v: number): boolean {
    // First: Python evaluates every keyword, so multipleOf raises (NaN, ∞) even when another fails.
    if (typeof s.multipleOf === 'number') {
      const m = s.multipleOf;
      // jsonschema: a float divisor checks that the quotient is whole; an int divisor uses %.
      if (Number.isInteger(m)) {
        if (v % m !== 0) return false;
      } else {
        const q = v / m;
        // Python's int() of NaN or ∞ raises inside jsonschema (and GX re-raises); a finite value whose
        // quotient overflows is checked exactly there (Fraction) and is practically never a multiple.
        if (Number.isFinite(v) && !Number.isFinite(q)) return false;
        if (!Number.isFinite(q))
          throw new JsonSchemaError(
            `multipleOf ${m} on ${v}: cannot convert a non-finite quotient to an integer`,
          );
        if (Math.trunc(q) !== q) return false;
      }
    }
    // Written as jsonschema's failure tests (v < minimum fails...), so NaN passes the bounds as in Python.
    if (this.draft === 4) {
      if (typeof s.minimum === 'number' && (s.exclusiveMinimum === true ? v <= s.minimum : v < s.minimum))
        return false;
      if (typeof s.maximum === 'number' && (s.exclusiveMaximum === true ? v >= s.maximum : v > s.maximum))
        return false;
    } else {
      if (typeof s.minimum === 'number' && v < s.minimum) return false;
      if (typeof s.maximum === 'number' && v > s.maximum) return false;
      if (typeof s.exclusiveMinimum === 'number' && v <= s.exclusiveMinimum) return false;
      if (typeof s.exclusiveMaximum === 'number' && v >= s.exclusiveMaximum) return false;
    }
    return true;
  }

  private string(s: Record<string, unknown>, v: string): boolean {
    if (typeof s.minLength === 'number' && codePoints(v) < s.minLength) return false;
    if (typeof s.maxLength === 'number' && codePoints(v) > s.maxLength) return false;
    if (typeof s.pattern === 'string' && !this.regexes.get(s.pattern)!.test(v)) return false;
    return true;
  }

  private array(s: Record<string, unknown>, v: unknown[], d: number): boolean {
    if (typeof s.minItems === 'number' && v.length < s.minItems) return false;
    if (typeof s.maxItems === 'number' && v.length > s.maxItems) return false;
    if (s.uniqueItems === true)
      for (let i = 0; i < v.length; i++)
        for (let j = i + 1; j < v.length; j++) if (jsonEqual(v[i], v[j])) return false;
    let prefix = 0;
    if (Array.isArray(s.prefixItems) && this.draft >= 2020) {
      prefix = s.prefixItems.length;
      for (let i = 0; i < Math.min(prefix, v.length); i++)
        if (!this.valid(s.prefixItems[i], v[i], d)) return false;
    }
    if (Array.isArray(s.items)) {
      const tuple = s.items;
      for (let i = 0; i < Math.min(tuple.length, v.length); i++)
        if (!this.valid(tuple[i], v[i], d)) return false;
      if (s.additionalItems !== undefined)
        for (let i = tuple.length; i < v.length; i++)
          if (!this.valid(s.additionalItems, v[i], d)) return false;
    } else if (s.items !== undefined) {
      for (let i = prefix; i < v.length; i++) if (!this.valid(s.items, v[i], d)) return false;
    }
    if (s.contains !== undefined && this.draft >= 6) {
      const matches = v.filter((x) => this.valid(s.contains, x, d)).length;
      const min = this.draft >= 2019 && typeof s.minContains === 'number' ? s.minContains : 1;
      if (matches < min) return false;
      if (this.draft >= 2019 && typeof s.maxContains === 'number' && matches > s.maxContains) return false;
    }
    return true;
  }

  private object(s: Record<string, unknown>, v: Record<string, unknown>, d: number): boolean {
    const keys = Object.keys(v);
    if (typeof s.minProperties === 'number' && keys.length < s.minProperties) return false;
    if (typeof s.maxProperties === 'number' && keys.length > s.maxProperties) return false;
    if (Array.isArray(s.required) && !s.required.every((r) => Object.prototype.hasOwnProperty.call(v, r)))
      return false;
    const props = (isObject(s.properties) ? s.properties : {}) as Record<string, unknown>;
    const patterns = (isObject(s.patternProperties) ? s.patternProperties : {}) as Record<string, unknown>;
    for (const k of keys) {
      let matched = false;
      if (Object.prototype.hasOwnProperty.call(props, k)) {
        matched = true;
        if (!this.valid(props[k], v[k], d)) return false;
      }
      for (const [p, sub] of Object.entries(patterns)) {
        if (!this.regexes.get(p)!.test(k)) continue;
        matched = true;
        if (!this.valid(sub, v[k], d)) return false;
      }
      if (!matched && s.additionalProperties !== undefined && !this.valid(s.additionalProperties, v[k], d))
        return false;
      if (s.propertyNames !== undefined && this.draft >= 6 && !this.valid(s.propertyNames, k, d))
        return false;
    }
    if (isObject(s.dependencies) && this.draft <= 7) {
      for (const [k, dep] of Object.entries(s.dependencies)) {
        if (!Object.prototype.hasOwnProperty.call(v, k)) continue;
        if (Array.isArray(dep)) {
          if (!dep.every((r) => Object.prototype.hasOwnProperty.call(v, r as string))) return false;
        } else if (!this.valid(dep, v, d)) return false;
      }
    }
    if (isObject(s.dependentRequired) && this.draft >= 2019)
      for (const [k, req] of Object.entries(s.dependentRequired))
        if (
          Object.prototype.hasOwnProperty.call(v, k) &&
          Array.isArray(req) &&
          !req.every((r) => Object.prototype.hasOwnProperty.call(v, r as string))
        )
          return false;
    if (isObject(s.dependentSchemas) && this.draft >= 2019)
      for (const [k, sub] of Object.entries(s.dependentSchemas))
        if (Object.prototype.hasOwnProperty.call(v, k) && !this.valid(sub, v, d)) return false;
    return true;
  }
}

/**
 * Python's json.loads of a cell: JSON plus NaN, Infinity and -Infinity; undefined when it does not parse
 * (or nests deeper than `maxDepth`, where Python's parser would give up too).
 */
export function parsePythonJson(text: string, tooDeep: (t: string) => boolean): Json | undefined {
  if (tooDeep(text)) return undefined;
  try {
    return JSON.parse(text) as Json;
  } catch {
    const t = text.trim();
    if (t === 'NaN') return NaN;
    if (t === 'Infinity') return Infinity;
    if (t === '-Infinity') return -Infinity;
    if (!/NaN|Infinity/.test(text)) return undefined;
    // Mark the bare tokens as strings starting with an escaped NUL (a cell holds no raw NUL inside a JSON
    // string, so only the marks decode to it), then turn them back into numbers.
    const SENTINEL = '\u0000py:';
    const marked = text.replace(/(?<=[[,:]\s*)(-?Infinity|NaN)(?=\s*[\],}])/g, (m) => `"\\u0000py:${m}"`);
    try {
      return JSON.parse(marked, (_k, val: unknown) =>
        typeof val === 'string' && val.startsWith(SENTINEL) ? Number(val.slice(SENTINEL.length)) : val,
      ) as Json;
    } catch {
      return undefined;
    }
  }
}
