import { checkDataUrl, isUrlLike } from './data-url.js';
import { InputError } from './errors.js';

/**
 * One description of a check's options drives all three faces: CLI flags (`--fail-on-drift`), action inputs
 * (`fail-on-drift`) and `.model-ci.yml` keys (`fail-on-drift`). TypeScript names are the camelCase form.
 */
export type OptionType = 'string' | 'path' | 'number' | 'integer' | 'boolean' | 'list' | 'argv' | 'object';

export interface OptionSpec {
  type: OptionType;
  description: string;
  required?: boolean;
  default?: string | number | boolean | readonly string[];
  /** Allowed values for strings. */
  choices?: readonly string[];
  min?: number;
  max?: number;
  /** The value must be above this (not equal), e.g. a share or threshold in (0, 1]. */
  exclusiveMin?: number;
  /** Only in `.model-ci.yml` / files (e.g. structured rules), not a flag or action input. */
  configOnly?: boolean;
  /** Placeholder in --help, e.g. `FILE`. */
  metavar?: string;
  /** A `path` option that also takes an http(s) URL (data files): never resolved or recorded as a file. */
  url?: boolean;
  /** For `object` options that may also be written as text (a flag or an action input), e.g. `ks=0.01,psi=0.2`. */
  parseText?: (text: string, where: string) => unknown;
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
      if (spec.type === 'path' && spec.url && isUrlLike(text)) checkDataUrl(text, where);
      if (spec.choices && !spec.choices.includes(text)) {
        throw new InputError(`${where}: expected one of ${spec.choices.join(', ')}, got "${raw}"`);
      }
      return text;
    case 'number':
    case 'integer': {
      const v = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(text) ? Number(text) : NaN;
      return checkNumber(spec, v, raw, where);
    }
    case 'boolean': {
      const b = booleanText(text);
      if (b === undefined) throw new InputError(`${where}: expected true or false, got "${raw}"`);
      return b;
    }
    case 'list':
      // Action inputs are often multi-line; flags are comma-separated. Both are accepted.
      return text
        .split(/[\n,]/)
        .map((s) => s.trim())
        .filter((s) => s.length > 0);
    case 'argv':
      return splitArgv(text, where);
    case 'object':
      if (spec.parseText) return spec.parseText(text, where);
      throw new InputError(`${where}: this option can only be set in a configuration file`);
  }
}

/**
 * Split a command line into an argv array the way a POSIX shell splits words, without any expansion:
 * '…' and "…" quote, backslash escapes outside single quotes. Nothing is ever passed to a shell.
 */
export function splitArgv(text: string, where: string): string[] {
  const out: string[] = [];
  let word = '';
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "'") {
      const end = text.indexOf("'", i + 1);
      if (end < 0) throw new InputError(`${where}: unterminated ' quote at character ${i + 1}`);
      word += text.slice(i + 1, end);
      inWord = true;
      i = end;
    } else if (c === '"') {
      let j = i + 1;
      for (; j < text.length && text[j] !== '"'; j++) {
        if (text[j] === '\\' && j + 1 < text.length && '"\\$`'.includes(text[j + 1])) j++;
        word += text[j];
      }
      if (j >= text.length) throw new InputError(`${where}: unterminated " quote at character ${i + 1}`);
      inWord = true;
      i = j;
    } else if (c === '\\' && i + 1 < text.length) {
      word += text[++i];
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) out.push(word);
      word = '';
      inWord = false;
    } else {
      word += c;
      inWord = true;
    }
  }
  if (inWord) out.push(word);
  return out;
}

/** `true`/`yes`/`on`/`1` and `false`/`no`/`off`/`0` (any case), as YAML 1.1 and GitHub inputs; else undefined. */
export function booleanText(text: string): boolean | undefined {
  if (/^(true|yes|1|on)$/i.test(text)) return true;
  if (/^(false|no|0|off)$/i.test(text)) return false;
  return undefined;
}

/** The allowed range of a number option in words: `a number > 0 and ≤ 1`. */
export function rangeText(spec: OptionSpec): string {
  const kind = spec.type === 'integer' ? 'an integer' : 'a number';
  const bounds = [
    spec.exclusiveMin !== undefined ? `> ${spec.exclusiveMin}` : '',
    spec.min !== undefined && spec.exclusiveMin === undefined ? `≥ ${spec.min}` : '',
    spec.max !== undefined ? `≤ ${spec.max}` : '',
  ].filter(Boolean);
  return `${kind}${bounds.length ? ` ${bounds.join(' and ')}` : ''}`;
}

/**
 * Check a typed number against its spec (type, min, max, exclusive min); throw InputError naming `where`
 * (the flag, input or config key as the user wrote it). Shared by flags, action inputs and config values.
 */
export function checkNumber(spec: OptionSpec, v: number, raw: unknown, where: string): number {
  if (
    !Number.isFinite(v) ||
    (spec.type === 'integer' && !Number.isInteger(v)) ||
    (spec.min !== undefined && v < spec.min) ||
    (spec.exclusiveMin !== undefined && v <= spec.exclusiveMin) ||
    (spec.max !== undefined && v > spec.max)
  )
    throw new InputError(
      `${where}: expected ${rangeText(spec)}, got ${Number.isFinite(v) ? String(v) : JSON.stringify(raw)}`,
    );
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
      case 'argv':
        p.anyOf = [{ type: 'array', items: { type: 'string' } }, { type: 'string' }];
        break;
      case 'object':
        // Options with a text form (a file path, `a=1,b=2`) may be written either way in the config.
        if (spec.parseText) p.anyOf = [{ type: 'object' }, { type: 'string' }];
        else p.type = 'object';
        break;
    }
    if (spec.min !== undefined) p.minimum = spec.min;
    if (spec.exclusiveMin !== undefined) p.exclusiveMinimum = spec.exclusiveMin;
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
