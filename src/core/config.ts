import { Ajv, type ErrorObject } from 'ajv';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { checkDataUrl, isUrlLike } from './data-url.js';
import { repositoryRoot } from './confine.js';
import { ConfigError, didYouMean, formatPosition } from './errors.js';
import { displayPath } from './paths.js';
import {
  camel,
  coerceText,
  finishOptions,
  kebab,
  optionsJsonSchema,
  rangeText,
  type OptionSpec,
  type OptionSpecs,
} from './options.js';
import type { StepDefinition } from './step.js';
import { readInputText } from './read-input.js';
import { parseYamlSource, positionOf, yamlToJs } from './yaml-source.js';

/** One configured run of a check. */
export interface ConfigEntry {
  step: StepDefinition<never>;
  /** `name:` from the config, or undefined for a single unnamed entry. */
  name?: string;
  options: Record<string, unknown>;
  /** Key path in the file, e.g. `metrics[1]`. */
  keyPath: string;
  line?: number;
  /** Line of a key path below this entry (for options that are validated later, such as gate rules). */
  lineOf: (path: (string | number)[]) => number | undefined;
  /** `file:line:col: drift.drift-share` for an option of this entry (the key's position), for messages. */
  describe: (key: string) => string;
  /** Line and column of an option's value in the file (of the entry when the key is not written). */
  position: (key: string) => { line?: number; column?: number };
}

export interface ModelCiConfig {
  file: string;
  dir: string;
  /**
   * Every path the file names must resolve inside this folder (after symbolic links): the repository
   * holding the file (nearest `.git` above it), or the workspace in an action. Default: that repository.
   */
  root?: string;
  version: 1;
  /** Entries in pipeline order: the order of the steps given to {@link loadConfig}, then file order. */
  entries: ConfigEntry[];
}

type Path = (string | number)[];

/** `['metrics', 0, 'label']` -> `metrics[0].label`. */
export function formatKeyPath(path: Path): string {
  return (
    path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('') || '(top level)'
  );
}

/** The whole config file's JSON Schema, generated from the steps' option specs (also published in schema/). */
export function configJsonSchema(steps: readonly StepDefinition<never>[]): Record<string, unknown> {
  const properties: Record<string, unknown> = {
    version: { const: 1, description: 'Configuration format version.' },
  };
  for (const step of steps) {
    const one = optionsJsonSchema(step.options, {
      name: {
        type: 'string',
        description: 'Names this run when the check runs more than once (e.g. candidate).',
      },
    });
    properties[step.check] = {
      description: step.summary,
      anyOf: [one, { type: 'array', minItems: 1, items: one }],
    };
  }
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://model-ci.dev/schema/config@1.json',
    title: 'model-ci configuration (.model-ci.yml)',
    type: 'object',
    additionalProperties: false,
    required: ['version'],
    properties,
  };
}

/** Ajv error -> path to the offending key, whether the problem is the key itself, and words. */
function explain(
  error: ErrorObject,
  allowed: (path: Path) => string[],
  specAt: (path: Path) => OptionSpec | undefined,
  valueAt: (path: Path) => unknown,
): { path: Path; atKey: boolean; detail: string } {
  const path: Path = error.instancePath
    .split('/')
    .slice(1)
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s.replace(/~1/g, '/').replace(/~0/g, '~')));
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      const candidates = allowed(path);
      return {
        path: [...path, key],
        atKey: true,
        detail: `unknown key "${key}"${didYouMean(key, candidates)}; allowed: ${candidates.join(', ')}`,
      };
    }
    case 'required':
      return { path, atKey: false, detail: `missing required key "${String(params.missingProperty)}"` };
    case 'enum':
      return {
        path,
        atKey: false,
        detail: `expected one of ${(params.allowedValues as unknown[]).join(', ')}`,
      };
    case 'const':
      return { path, atKey: false, detail: `expected ${JSON.stringify(params.allowedValue)}` };
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum': {
      // Said as the flag's and the input's message says it: the option's whole range, and the value given.
      const spec = specAt(path);
      const range = spec ? rangeText(spec) : `a number ${String(params.comparison)} ${String(params.limit)}`;
      return { path, atKey: false, detail: `expected ${range}, got ${JSON.stringify(valueAt(path))}` };
    }
    case 'type':
      return {
        path,
        atKey: false,
        detail: `expected ${String(params.type)}, got ${JSON.stringify(valueAt(path)) ?? 'nothing'}`,
      };
    default:
      return { path, atKey: false, detail: error.message ?? 'invalid value' };
  }
}

/** Pick the most useful ajv error: the deepest one, not an anyOf summary. */
function bestError(errors: ErrorObject[], value: unknown): ErrorObject {
  const depth = (e: ErrorObject) => e.instancePath.split('/').length;
  const candidates = errors.filter((e) => e.keyword !== 'anyOf');
  // For a check block that may be an object or a list, report against the shape the user wrote.
  const shaped = candidates.filter((e) => {
    const m = /^\/[^/]+(\/\d+)?/.exec(e.instancePath);
    if (!m) return true;
    const block = (value as Record<string, unknown>)[e.instancePath.split('/')[1]];
    const isList = Array.isArray(block);
    if (e.schemaPath.includes('/anyOf/0/') && isList) return false;
    if (e.schemaPath.includes('/anyOf/1/') && !isList) return false;
    return true;
  });
  const pool = shaped.length ? shaped : candidates.length ? candidates : errors;
  // A misspelt key also causes "missing required key": report the misspelling.
  const rank = (e: ErrorObject) =>
    depth(e) * 10 + (e.keyword === 'additionalProperties' ? 2 : e.keyword === 'required' ? 0 : 1);
  return pool.reduce((a, b) => (rank(b) > rank(a) ? b : a));
}

/**
 * Read and validate `.model-ci.yml`. Every problem is a ConfigError naming the file, line, column and the
 * key path, with "did you mean" for unknown keys. Option values are typed, defaulted and relative paths
 * are resolved against the file's folder.
 */
export function loadConfig(file: string, steps: readonly StepDefinition<never>[]): ModelCiConfig {
  const text = readInputText(file, { what: 'configuration file' });
  const src = parseYamlSource(text, file);
  const value: unknown = yamlToJs(src);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ConfigError(
      { file, line: 1, column: 1 },
      'expected a mapping with "version: 1" and one key per check',
    );
  }
  const byCheck = new Map(steps.map((s) => [s.check, s]));
  const allowed = (path: Path): string[] => {
    if (path.length === 0) return ['version', ...byCheck.keys()];
    const step = byCheck.get(String(path[0]));
    return step ? ['name', ...Object.keys(step.options).map(kebab)] : [];
  };
  const validate = new Ajv({ allErrors: true, strict: false }).compile(configJsonSchema(steps));
  if (!validate(value)) {
    const err = bestError(validate.errors ?? [], value);
    const specAt = (path: Path): OptionSpec | undefined => {
      const key = path[path.length - 1];
      return typeof key === 'string' ? byCheck.get(String(path[0]))?.options[camel(key)] : undefined;
    };
    const valueAt = (path: Path): unknown =>
      path.reduce<unknown>(
        (v, k) => (v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined),
        value,
      );
    const { path, atKey, detail } = explain(err, allowed, specAt, valueAt);
    throw new ConfigError({ file, ...positionOf(src, path, atKey) }, detail, formatKeyPath(path));
  }

  const dir = dirname(resolve(file));
  const entries: ConfigEntry[] = [];
  for (const step of steps) {
    const block = (value as Record<string, unknown>)[step.check];
    if (block === undefined) continue;
    const list = Array.isArray(block) ? block : [block];
    list.forEach((raw, index) => {
      const basePath: Path = Array.isArray(block) ? [step.check, index] : [step.check];
      const at = (key?: string) => {
        const path = key ? [...basePath, kebab(key)] : basePath;
        const pos = positionOf(src, path, false);
        return { keyPath: formatKeyPath(path), pos };
      };
      const entry = raw as Record<string, unknown>;
      const typed = typeConfigValues(step.options, entry, dir);
      // A data URL in a configuration a pull request controls: http(s) only, said at its key.
      for (const [name, spec] of Object.entries(step.options)) {
        const v = typed[name];
        if (spec.type !== 'path' || !spec.url || typeof v !== 'string' || !isUrlLike(v)) continue;
        try {
          checkDataUrl(v, at(name).keyPath);
        } catch (e) {
          throw new ConfigError({ file, ...at(name).pos }, (e as Error).message);
        }
      }
      let options: Record<string, unknown>;
      try {
        options = finishOptions(step.options, typed, (k) => at(k).keyPath);
      } catch (e) {
        // Missing required keys point at the block itself.
        const { pos } = at();
        throw new ConfigError({ file, ...pos }, (e as Error).message);
      }
      entries.push({
        step,
        name: typeof entry.name === 'string' ? entry.name : undefined,
        options,
        keyPath: at().keyPath,
        line: at().pos.line,
        lineOf: (path) => positionOf(src, [...basePath, ...path]).line,
        position: (key) => at(key).pos,
        describe: (key) => {
          const { keyPath, pos } = at(key);
          return `${formatPosition({ file: displayPath(process.cwd(), file), ...pos })}: ${keyPath}`;
        },
      });
    });
  }
  // A configuration without checks would give a green run that checked nothing: say so instead.
  if (entries.length === 0)
    throw new ConfigError(
      { file, line: 1, column: 1 },
      `no check is configured, so a run would check nothing; add at least one of: ${steps.map((s) => s.check).join(', ')}`,
    );
  return { file, dir, root: repositoryRoot(dir), version: 1, entries };
}

/**
 * Schema-checked YAML values -> option values: camelCase names, lists split. Paths stay as the user wrote
 * them (normalised, relative to the config's folder): steps resolve them against `ctx.baseDir` (the
 * folder), and results and messages then show `data/train.csv`, not the runner's absolute path.
 */
function typeConfigValues(
  specs: OptionSpecs,
  entry: Record<string, unknown>,
  dir: string,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(entry)) {
    if (key === 'name') continue;
    const name = camel(key);
    const spec = specs[name];
    if (!spec) continue;
    // Kept relative to the config's folder (steps resolve it against it), normalised; as written when absolute.
    if (spec.type === 'path' && typeof v === 'string' && spec.url && isUrlLike(v)) out[name] = v;
    else if (spec.type === 'path' && typeof v === 'string')
      out[name] = isAbsolute(v) ? v : relative(dir, resolve(dir, v)) || '.';
    // A string where a list is expected: split it as a flag or action input would be.
    else if ((spec.type === 'list' || spec.type === 'argv') && typeof v === 'string')
      out[name] = coerceText(spec, v, key);
    else out[name] = v;
  }
  return out;
}
