/**
 * The lint settings of one run: the options given (flags, action inputs, or the pipeline's `lint:` block),
 * over the `lint:` block of the repository's `.model-ci.yml`, over built-in defaults. Every rule ID named
 * anywhere is checked, and a bad value is an error naming the file, line, column and key (or the flag).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { ConfigError, InputError, didYouMean } from '../../core/errors.js';
import { camel, kebab, type OptionSpecs } from '../../core/options.js';
import { parseYamlSource, positionOf, yamlToJs, type YamlSource } from '../../core/yaml-source.js';
import { LINT_SEVERITIES, RULES, ruleIds, selectRules, type LintSeverity } from './rules.js';

export type FailureThreshold = LintSeverity | 'none';

export interface LintStepOptions {
  path?: string;
  config?: string;
  baseline?: string;
  sarifFile?: string;
  enable?: string[];
  disable?: string[];
  severity?: Record<string, unknown> | string;
  ignore?: string[];
  perFileIgnores?: Record<string, unknown>;
  allowedGlobals?: string[];
  largeFileMb?: number;
  maxScanMb?: number;
  maxArchiveMb?: number;
  maxZipRatio?: number;
  failureThreshold?: FailureThreshold;
}

export const DEFAULTS = {
  largeFileMb: 10,
  maxScanMb: 10,
  maxArchiveMb: 1024,
  maxZipRatio: 100,
  failureThreshold: 'error' as FailureThreshold,
};

export interface LintSettings {
  root: string;
  /** The .model-ci.yml whose `lint:` block was applied, if any. */
  configFile?: string;
  baseline?: string;
  sarifFile?: string;
  /** Effective severity of every enabled rule. */
  severity: Map<string, LintSeverity>;
  ignore: string[];
  perFileIgnores: { pattern: string; rules: string[] }[];
  allowedGlobals: string[];
  largeFileBytes: number;
  maxScanBytes: number;
  maxArchiveBytes: number;
  maxZipRatio: number;
  failureThreshold: FailureThreshold;
}

type Where = (
  key: string,
  sub?: (string | number)[],
) => { file?: string; line?: number; column?: number; label: string };

function fail(where: ReturnType<Where>, message: string): never {
  if (where.file)
    throw new ConfigError({ file: where.file, line: where.line, column: where.column }, message, where.label);
  throw new InputError(`${where.label}: ${message}`);
}

/** `MCI301=warning, MCI104=off` (a flag or an action input) -> a mapping. */
export function parseSeverityText(text: string, where: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of text
    .split(/[\n,]/)
    .map((s) => s.trim())
    .filter(Boolean)) {
    const eq = part.indexOf('=');
    if (eq < 0)
      throw new InputError(
        `${where}: expected RULE=SEVERITY pairs such as "MCI302=error, MCI402=off", got "${part}"`,
      );
    out[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
  }
  return out;
}

/** Rule IDs a selector list names (`MCI301`, `MCI3xx`), or an error naming the unknown one. */
function selectAll(list: readonly unknown[], where: Where, key: string): string[] {
  const out: string[] = [];
  list.forEach((item, i) => {
    const ids = typeof item === 'string' ? selectRules(item) : [];
    if (!ids.length)
      fail(
        where(key, [i]),
        `${JSON.stringify(item)} is not a rule ID or group${typeof item === 'string' ? didYouMean(item.toUpperCase(), ruleIds()) : ''} (rules: MCI100–MCI511, groups such as MCI3xx; model-ci lint --explain ID)`,
      );
    out.push(...ids);
  });
  return out;
}

function checkType(spec: OptionSpecs[string], value: unknown, where: ReturnType<Where>): void {
  const ok = (() => {
    switch (spec.type) {
      case 'list':
        return (
          typeof value === 'string' || (Array.isArray(value) && value.every((v) => typeof v === 'string'))
        );
      case 'number':
      case 'integer':
        return typeof value === 'number' && Number.isFinite(value);
      case 'boolean':
        return typeof value === 'boolean';
      case 'object':
        return (
          (typeof value === 'object' && value !== null && !Array.isArray(value)) ||
          (!!spec.parseText && typeof value === 'string')
        );
      default:
        return typeof value === 'string';
    }
  })();
  const expected: Record<string, string> = {
    list: 'a list of strings',
    number: 'a number',
    integer: 'an integer',
    boolean: 'true or false',
    object: 'a mapping',
    string: 'a string',
    path: 'a path',
    argv: 'a string',
  };
  if (!ok) fail(where, `expected ${expected[spec.type]}, got ${JSON.stringify(value)}`);
  if (typeof value === 'number') {
    if (spec.min !== undefined && value < spec.min)
      fail(where, `expected a number ≥ ${spec.min}, got ${value}`);
    if (spec.max !== undefined && value > spec.max)
      fail(where, `expected a number ≤ ${spec.max}, got ${value}`);
  }
  if (spec.choices && typeof value === 'string' && !spec.choices.includes(value))
    fail(where, `expected one of ${spec.choices.join(', ')}, got "${value}"`);
}

/** The `lint:` block of a .model-ci.yml, validated against the option specs; paths resolved. */
function readBlock(file: string, specs: OptionSpecs): { values: Partial<LintStepOptions>; src: YamlSource } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new InputError(`configuration file not found: ${file}`);
  }
  const src = parseYamlSource(text, file);
  const doc = yamlToJs(src);
  const at = (path: (string | number)[], atKey = false) => ({ file, ...positionOf(src, path, atKey) });
  if (doc === null || doc === undefined) return { values: {}, src };
  if (typeof doc !== 'object' || Array.isArray(doc))
    throw new ConfigError(
      { file, line: 1, column: 1 },
      'expected a mapping with "version: 1" and one key per check',
    );
  const block = (doc as Record<string, unknown>).lint;
  if (block === undefined || block === null) return { values: {}, src };
  if (typeof block !== 'object' || Array.isArray(block))
    throw new ConfigError(at(['lint']), 'expected a mapping of lint options (see docs/lint.md)', 'lint');
  const values: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(block as Record<string, unknown>)) {
    const name = camel(key);
    const spec = specs[name];
    if (!spec || key === 'config' || key === 'name') {
      const allowed = Object.keys(specs)
        .filter((k) => k !== 'config')
        .map(kebab);
      throw new ConfigError(
        at(['lint', key], true),
        `unknown key "${key}"${didYouMean(key, allowed)}; allowed: ${allowed.join(', ')}`,
        `lint.${key}`,
      );
    }
    checkType(spec, value, { ...at(['lint', key]), label: `lint.${key}` });
    values[name] =
      spec.type === 'path' && typeof value === 'string'
        ? resolve(dirname(file), value)
        : spec.type === 'list' && typeof value === 'string'
          ? value
              .split(/[\n,]/)
              .map((s) => s.trim())
              .filter(Boolean)
          : value;
  }
  return { values: values as Partial<LintStepOptions>, src };
}

/** The .model-ci.yml (or .yaml) at the top of `dir`, if there is one. */
export function discoverConfig(dir: string): string | undefined {
  for (const name of ['.model-ci.yml', '.model-ci.yaml']) {
    const p = join(dir, name);
    if (existsSync(p)) return p;
  }
  return undefined;
}

/**
 * Resolve the settings. `describe` says where an option value came from (`--severity`, `input
 * "severity"`); `pipelineSource` is the configuration file the options were taken from by `model-ci run`
 * (then no other file is read).
 */
export function resolveSettings(
  options: LintStepOptions,
  baseDir: string,
  specs: OptionSpecs,
  describe: (key: string) => string,
  pipelineSource?: string,
): LintSettings {
  let configFile: string | undefined;
  let block: Partial<LintStepOptions> = {};
  let src: YamlSource | undefined;
  if (pipelineSource) {
    configFile = pipelineSource;
  } else {
    if (options.config) {
      configFile = resolve(baseDir, options.config);
      if (!existsSync(configFile))
        throw new InputError(`${describe('config')}: configuration file not found: ${configFile}`);
    } else configFile = discoverConfig(resolve(baseDir, options.path ?? '.'));
    if (configFile) ({ values: block, src } = readBlock(configFile, specs));
  }
  if (pipelineSource && existsSync(pipelineSource)) {
    try {
      src = parseYamlSource(readFileSync(pipelineSource, 'utf8'), pipelineSource);
    } catch {
      src = undefined; // already validated by the pipeline; positions are a courtesy
    }
  }
  const explicit: Record<string, unknown> = { ...options };
  for (const [k, v] of Object.entries(explicit))
    if (specs[k]?.type === 'path' && typeof v === 'string' && v !== '') explicit[k] = resolve(baseDir, v);
  const merged = { ...block } as Record<string, unknown>;
  for (const [k, v] of Object.entries(explicit)) if (v !== undefined && v !== '') merged[k] = v;
  const fromFile = (key: string) =>
    explicit[key] === undefined && (block as Record<string, unknown>)[key] !== undefined;
  const where: Where = (key, sub = []) => {
    if ((fromFile(key) || pipelineSource) && configFile && src) {
      const pos = positionOf(src, ['lint', kebab(key), ...sub]);
      return {
        file: configFile,
        ...pos,
        label: `lint.${kebab(key)}${sub.map((s) => (typeof s === 'number' ? `[${s}]` : `.${s}`)).join('')}`,
      };
    }
    return {
      label: `${describe(key)}${sub.map((s) => (typeof s === 'number' ? `[${s}]` : `.${s}`)).join('')}`,
    };
  };

  const root =
    (explicit.path as string | undefined) ??
    (block.path as string | undefined) ??
    (options.config && configFile ? dirname(configFile) : baseDir);
  try {
    if (!statSync(root).isDirectory()) throw new InputError(`${describe('path')}: ${root} is not a folder`);
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(`${describe('path')}: the folder ${root} does not exist`);
  }

  const asList = (v: unknown) =>
    Array.isArray(v)
      ? v
      : typeof v === 'string'
        ? v
            .split(/[\n,]/)
            .map((s) => s.trim())
            .filter(Boolean)
        : [];
  const disabled = new Set(selectAll(asList(merged.disable), where, 'disable'));
  const enabled = new Set(selectAll(asList(merged.enable), where, 'enable'));
  const severity = new Map<string, LintSeverity>();
  for (const r of RULES) if (!disabled.has(r.id) || enabled.has(r.id)) severity.set(r.id, r.severity);

  const sevRaw =
    typeof merged.severity === 'string'
      ? parseSeverityText(merged.severity, describe('severity'))
      : ((merged.severity ?? {}) as Record<string, unknown>);
  for (const [id, level] of Object.entries(sevRaw)) {
    const ids = selectRules(id);
    if (!ids.length)
      fail(
        where('severity', [id]),
        `"${id}" is not a rule ID or group${didYouMean(id.toUpperCase(), ruleIds())}`,
      );
    if (level !== 'off' && !(LINT_SEVERITIES as readonly unknown[]).includes(level))
      fail(where('severity', [id]), `expected error, warning, note or off, got ${JSON.stringify(level)}`);
    for (const rid of ids) {
      if (level === 'off') severity.delete(rid);
      else severity.set(rid, level as LintSeverity);
    }
  }

  const perFileIgnores: { pattern: string; rules: string[] }[] = [];
  for (const [pattern, rules] of Object.entries((merged.perFileIgnores ?? {}) as Record<string, unknown>)) {
    const list = typeof rules === 'string' ? [rules] : rules;
    if (!Array.isArray(list)) fail(where('perFileIgnores', [pattern]), 'expected a list of rule IDs');
    perFileIgnores.push({
      pattern,
      rules: selectAll(list, (k, s = []) => where(k, [pattern, ...s]), 'perFileIgnores'),
    });
  }

  const mb = (key: keyof typeof DEFAULTS) =>
    ((merged[key] as number | undefined) ?? (DEFAULTS[key] as number)) * 1024 * 1024;
  return {
    root,
    configFile,
    baseline: merged.baseline as string | undefined,
    sarifFile: merged.sarifFile as string | undefined,
    severity,
    ignore: asList(merged.ignore) as string[],
    perFileIgnores,
    allowedGlobals: asList(merged.allowedGlobals) as string[],
    largeFileBytes: mb('largeFileMb'),
    maxScanBytes: mb('maxScanMb'),
    maxArchiveBytes: mb('maxArchiveMb'),
    maxZipRatio: (merged.maxZipRatio as number | undefined) ?? DEFAULTS.maxZipRatio,
    failureThreshold: (merged.failureThreshold as FailureThreshold | undefined) ?? DEFAULTS.failureThreshold,
  };
}
