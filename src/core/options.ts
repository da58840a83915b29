import { InputError } from './errors.js';

/**
 * One description of a check's options drives all three faces: CLI flags (`--fail-on-drift`), action inputs
 * (`fail-on-drift`) and `.model-ci.yml` keys (`fail-on-drift`). TypeScript names are the camelCase form.
 */
export type OptionType = 'string' | 'path' | 'number' | 'integer' | 'boolean' | 'list' | 'object';

export interface OptionSpec {
  type: OptionType;
  description: string;
  required?: boolean;
  default?: string | number | boolean | readonly string[];
  /** Allowed values for strings. */
  choices?: readonly string[];
  min?: number;
  max?: number;
  /** Only in `.model-ci.yml` / files (e.g. structured rules), not a flag or action input. */
  configOnly?: boolean;
  /** Placeholder in --help, e.g. `FILE`. */
  metavar?: string;
}

export type OptionSpecs = Record<string, OptionSpec>;

/** `failOnDrift` -> `fail-on-drift`. */
export function kebab(name: string): string {
  return name.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase());
}

/** `fail-on-drift` -> `failOnDrift`. */
export function camel(name: string): string {
  return name.replace(/-([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
}

/** Where a value came from, for messages: `--threshold`, `input "threshold"`, `metrics.threshold`. */
export type Describe = (key: string) => string;

/**
 * Convert one raw text value (a flag or an action input) to its typed form, or throw InputError naming
 * where it came from, the bad value and what was allowed.
 */
export function coerceText(spec: OptionSpec, raw: string, where: string): unknown {
  const text = raw.trim();
  switch (spec.type) {
    case 'string':
    case 'path':
      if (spec.choices && !spec.choices.includes(text)) {
        throw new InputError(`${where}: expected one of ${spec.choices.join(', ')}, got "${raw}"`);
      }
      return text;
    case 'number':
    case 'integer': {
      const v = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(text) ? Number(text) : NaN;
      return checkNumber(spec, v, raw, where);
    }
    case 'boolean':
      if (/^(true|yes|1|on)$/i.test(text)) return true;
      if (/^(false|no|0|off)$/i.test(text)) return false;
      throw new InputError(`${where}: expected true or false, got "${raw}"`);
    case 'list':
      // Action inputs are often multi-line; flags are comma-separated. Both are accepted.
      return text
        .split(/[\n,]/)
        .map((s) => s.trim())
        .filter((s) => s.length > 0);
    case 'object':
      throw new InputError(`${where}: this option can only be set in a configuration file`);
  }
}

function checkNumber(spec: OptionSpec, v: number, raw: unknown, where: string): number {
  const kind = spec.type === 'integer' ? 'an integer' : 'a number';
  if (!Number.isFinite(v) || (spec.type === 'integer' && !Number.isInteger(v))) {
    throw new InputError(`${where}: expected ${kind}, got ${JSON.stringify(raw)}`);
  }
  if (spec.min !== undefined && v < spec.min)
    throw new InputError(`${where}: expected ${kind} ≥ ${spec.min}, got ${v}`);
  if (spec.max !== undefined && v > spec.max)
    throw new InputError(`${where}: expected ${kind} ≤ ${spec.max}, got ${v}`);
  return v;
}

/** Apply defaults and check required options; `describe` names a key for messages. */
export function finishOptions<T>(specs: OptionSpecs, values: Record<string, unknown>, describe: Describe): T {
  const out: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(specs)) {
    const v = values[name];
    if (v === undefined || v === '') {
      if (spec.required) throw new InputError(`${describe(name)} is required: ${spec.description}`);
      if (spec.default !== undefined) out[name] = spec.default;
    } else out[name] = v;
  }
  return out as T;
}

/** JSON Schema (draft-07) for one check's block in `.model-ci.yml`. */
export function optionsJsonSchema(
  specs: OptionSpecs,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  const properties: Record<string, unknown> = { ...extra };
  const required: string[] = [];
  for (const [name, spec] of Object.entries(specs)) {
    const key = kebab(name);
    const p: Record<string, unknown> = { description: spec.description };
    switch (spec.type) {
      case 'string':
      case 'path':
        p.type = 'string';
        if (spec.choices) p.enum = [...spec.choices];
        break;
      case 'number':
        p.type = 'number';
        break;
      case 'integer':
        p.type = 'integer';
        break;
      case 'boolean':
        p.type = 'boolean';
        break;
      case 'list':
        p.anyOf = [{ type: 'array', items: { type: 'string' } }, { type: 'string' }];
        break;
      case 'object':
        p.type = 'object';
        break;
    }
    if (spec.min !== undefined) p.minimum = spec.min;
    if (spec.max !== undefined) p.maximum = spec.max;
    if (spec.default !== undefined) p.default = spec.default;
    properties[key] = p;
    if (spec.required) required.push(key);
  }
  return {
    type: 'object',
    additionalProperties: false,
    properties,
    ...(required.length ? { required } : {}),
  };
}
