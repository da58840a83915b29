/**
 * Gate rules: the `rules:` map of a rules.yml, or `gate.rules` in .model-ci.yml. Parsing and validation
 * (unknown metrics and keys with "did you mean", wrong types, contradictions) — see docs/gate.md.
 *
 * ```yaml
 * rules:
 *   roc_auc: { threshold: 0.80, max_regression: 0.01, significant: true }
 *   log_loss: { max_regression_relative: 0.02, severity: warn }
 *   f1:                                  # a list: several rules on one metric
 *     - { max_regression: 0.005, severity: warn }
 *     - { max_regression: 0.02 }
 * ```
 */
import { parseYamlSource, positionOf, yamlToJs, type YamlSource } from '../../core/yaml-source.js';
import { ConfigError, closestMatch, didYouMean } from '../../core/errors.js';
import {
  defaultGreaterIsBetter,
  KNOWN_METRIC_NAMES,
  METRIC_INFO,
} from '../../stats/metrics/known-metrics.js';

export type RuleSeverity = 'fail' | 'warn';

/** One validated rule on one metric. Absent limits are undefined. */
export interface GateRule {
  metric: string;
  /** From the rule, else the metric's known direction, else the name heuristic (loss/error/… → false). */
  greater_is_better: boolean;
  /** `fail` (default) fails the gate; `warn` only warns. */
  severity: RuleSeverity;
  /** Fail a comparison only when the confidence interval of the change lies entirely on the wrong side. */
  significant: boolean;
  /** Absolute floor (greater is better) or ceiling (lower is better) for the candidate's value. */
  threshold?: number;
  /** Largest tolerated worsening versus the baseline, in the metric's units (≥ 0). */
  max_regression?: number;
  /** Largest tolerated worsening as a fraction of |baseline| (0.02 = 2 %), in [0, 1]. */
  max_regression_relative?: number;
  /** Smallest required improvement over the baseline (MLflow `min_absolute_change`), ≥ 0. */
  min_improvement?: number;
  /** Smallest required improvement as a fraction of |baseline| (MLflow `min_relative_change`), in [0, 1]. */
  min_improvement_relative?: number;
  /** Where the rule was written, for messages: `rules.roc_auc` or `gate.rules.f1[1]`. */
  keyPath: string;
  /** The file and line of the rule, when known: findings become annotations on that line. */
  file?: string;
  line?: number;
}

/** Rules in file order. */
export type GateRules = GateRule[];

/** Where a rules map comes from, for error messages. */
export interface RulesSource {
  file: string;
  /** Key path of the map itself: `rules` in a rules.yml, `gate.rules` in .model-ci.yml. */
  keyPathPrefix?: string;
  /** Line of a key path below the prefix (e.g. from the YAML document), when known. */
  lineOf?: (path: (string | number)[]) => number | undefined;
}

export interface ParseRulesOptions {
  /** Extra metric names allowed besides the known ones (e.g. custom metrics in a baseline file). */
  extraMetrics?: Iterable<string>;
}

export const RULE_KEYS = [
  'threshold',
  'max_regression',
  'max_regression_relative',
  'min_improvement',
  'min_improvement_relative',
  'greater_is_better',
  'significant',
  'severity',
] as const;

/** MLflow's names, accepted nowhere but recognised in errors. */
const MLFLOW_NAMES: Record<string, string> = {
  min_absolute_change: 'min_improvement',
  min_relative_change: 'min_improvement_relative',
};

const COMPARISON_KEYS = [
  'max_regression',
  'max_regression_relative',
  'min_improvement',
  'min_improvement_relative',
] as const;

/**
 * Parse and validate a rules map (the value under `rules:`). Throws ConfigError naming the file, line
 * (when `lineOf` knows it) and key path, for: a value that is not a map; unknown metric names (with a
 * suggestion); unknown rule keys (with a suggestion; MLflow names are translated); values of the wrong
 * type; a rule with no condition; negative limits; relative limits outside [0, 1]; `significant` without a
 * baseline comparison; an improvement rule combined with a regression rule in the same rule; a threshold
 * outside the metric's range (it could never pass); and `greater_is_better` contradicting a known metric.
 *
 * Complexity: O(number of rules).
 * @example parseRules({ roc_auc: { max_regression: 0.01 } }, { file: 'rules.yml', keyPathPrefix: 'rules' })
 */
export function parseRules(value: unknown, where: RulesSource, options: ParseRulesOptions = {}): GateRules {
  const known = new Set([...KNOWN_METRIC_NAMES, ...(options.extraMetrics ?? [])]);
  const fail = (path: (string | number)[], detail: string): never => {
    throw new ConfigError(
      { file: where.file, line: where.lineOf?.(path) },
      detail,
      keyPathOf(where.keyPathPrefix, path),
    );
  };
  if (value === null || value === undefined) return [];
  if (!isPlainObject(value)) fail([], `expected a map of metric name to rule, got ${describe(value)}`);
  const rules: GateRules = [];
  for (const [metric, raw] of Object.entries(value as Record<string, unknown>)) {
    if (!known.has(metric)) {
      const hint = didYouMean(metric, known);
      fail([metric], `unknown metric "${metric}"${hint || `; known metrics: ${[...known].join(', ')}`}`);
    }
    if (Array.isArray(raw)) {
      if (raw.length === 0)
        fail([metric], 'expected a rule map or a non-empty list of rule maps, got an empty list');
      raw.forEach((item, i) =>
        rules.push(
          placed(parseOne(metric, item, [metric, i], fail, where.keyPathPrefix), where, [metric, i]),
        ),
      );
    } else {
      rules.push(placed(parseOne(metric, raw, [metric], fail, where.keyPathPrefix), where, [metric]));
    }
  }
  return rules;
}

function placed(rule: GateRule, where: RulesSource, path: (string | number)[]): GateRule {
  const line = where.lineOf?.(path);
  return line === undefined ? { ...rule, file: where.file } : { ...rule, file: where.file, line };
}

function parseOne(
  metric: string,
  raw: unknown,
  path: (string | number)[],
  fail: (path: (string | number)[], detail: string) => never,
  prefix: string | undefined,
): GateRule {
  if (!isPlainObject(raw)) {
    return fail(path, `expected a rule map such as { max_regression: 0.01 }, got ${describe(raw)}`);
  }
  const r = raw as Record<string, unknown>;
  for (const key of Object.keys(r)) {
    if ((RULE_KEYS as readonly string[]).includes(key)) continue;
    const mlflow = MLFLOW_NAMES[key];
    const hint = mlflow ? ` (MLflow's ${key} is "${mlflow}" here)` : didYouMean(key, RULE_KEYS);
    fail([...path, key], `unknown rule key "${key}"${hint}; allowed: ${RULE_KEYS.join(', ')}`);
  }
  const num = (key: string): number | undefined => {
    const v = r[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'number' || !Number.isFinite(v))
      fail([...path, key], `expected a finite number, got ${describe(v)}`);
    return v as number;
  };
  const bool = (key: string): boolean | undefined => {
    const v = r[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'boolean') fail([...path, key], `expected true or false, got ${describe(v)}`);
    return v as boolean;
  };
  const info = METRIC_INFO.get(metric);
  const gibGiven = bool('greater_is_better');
  if (info && gibGiven !== undefined && gibGiven !== info.greater_is_better) {
    fail(
      [...path, 'greater_is_better'],
      `${gibGiven} contradicts the metric: ${info.greater_is_better ? 'higher' : 'lower'} ${metric} is better; remove the key`,
    );
  }
  const greater = gibGiven ?? defaultGreaterIsBetter(metric);
  let severity: RuleSeverity = 'fail';
  if (r.severity !== undefined) {
    if (r.severity !== 'fail' && r.severity !== 'warn') {
      const text = String(r.severity);
      const alias =
        text === 'error' ? 'fail' : text === 'warning' ? 'warn' : closestMatch(text, ['fail', 'warn']);
      fail(
        [...path, 'severity'],
        `expected fail or warn, got ${describe(r.severity)}${alias ? ` (did you mean "${alias}"?)` : ''}`,
      );
    }
    severity = r.severity as RuleSeverity;
  }
  const rule: GateRule = {
    metric,
    greater_is_better: greater,
    severity,
    significant: bool('significant') ?? false,
    keyPath: keyPathOf(prefix, path),
  };
  const threshold = num('threshold');
  if (threshold !== undefined) {
    if (info && (threshold < info.min || threshold > info.max)) {
      fail(
        [...path, 'threshold'],
        `${threshold} is outside the range of ${metric} ${rangeText(info.min, info.max)}: the rule could never pass`,
      );
    }
    rule.threshold = threshold;
  }
  for (const key of COMPARISON_KEYS) {
    const v = num(key);
    if (v === undefined) continue;
    if (v < 0) {
      const other = key.startsWith('max_regression')
        ? key.replace('max_regression', 'min_improvement')
        : key.replace('min_improvement', 'max_regression');
      fail(
        [...path, key],
        `expected a number ≥ 0, got ${v} (to ${key.startsWith('max') ? 'require an improvement' : 'tolerate a regression'} use ${other})`,
      );
    }
    if (key.endsWith('_relative') && v > 1) {
      fail([...path, key], `expected a fraction in [0, 1] (0.02 means 2 %), got ${v}`);
    }
    rule[key] = v;
  }
  const hasRegression = rule.max_regression !== undefined || rule.max_regression_relative !== undefined;
  const hasImprovement = rule.min_improvement !== undefined || rule.min_improvement_relative !== undefined;
  if (hasRegression && hasImprovement) {
    const a = rule.max_regression !== undefined ? 'max_regression' : 'max_regression_relative';
    const b = rule.min_improvement !== undefined ? 'min_improvement' : 'min_improvement_relative';
    fail(
      path,
      `${a} and ${b} contradict each other (one tolerates a worse candidate, the other requires a better one); keep one, or write two rules as a list`,
    );
  }
  if (threshold === undefined && !hasRegression && !hasImprovement) {
    fail(
      path,
      `the rule has no condition; expected at least one of threshold, ${COMPARISON_KEYS.join(', ')}`,
    );
  }
  if (rule.significant && !hasRegression && !hasImprovement) {
    fail(
      [...path, 'significant'],
      'significance applies to comparisons with a baseline; add max_regression or min_improvement (a threshold has no confidence interval)',
    );
  }
  return rule;
}

/**
 * Parse a rules.yml text: a top-level map with a `rules:` map (and nothing else). Errors carry the line.
 * @throws ConfigError for YAML syntax errors and everything {@link parseRules} rejects.
 */
export function parseRulesDocument(text: string, file: string, options: ParseRulesOptions = {}): GateRules {
  const src = parseYamlSource(text, file);
  const top: unknown = yamlToJs(src);
  if (!isPlainObject(top))
    throw new ConfigError({ file, line: 1 }, `expected a map with a "rules" key, got ${describe(top)}`);
  for (const key of Object.keys(top as object)) {
    if (key !== 'rules') {
      throw new ConfigError(
        { file, line: lineOf(src, [key]) },
        `unknown top-level key "${key}"${didYouMean(key, ['rules'])}; allowed: rules`,
        key,
      );
    }
  }
  if (!('rules' in (top as object)))
    throw new ConfigError({ file, line: 1 }, 'missing the top-level key "rules"');
  return parseRules(
    (top as Record<string, unknown>).rules,
    { file, keyPathPrefix: 'rules', lineOf: (p) => lineOf(src, ['rules', ...p]) },
    options,
  );
}

/** 1-based line of the node at `path` (its key for map entries). */
function lineOf(src: YamlSource, path: (string | number)[]): number | undefined {
  return positionOf(src, path, true).line;
}

/** `rules` + ['f1', 1, 'severity'] → `rules.f1[1].severity`. */
function keyPathOf(prefix: string | undefined, path: (string | number)[]): string {
  let s = prefix ?? '';
  for (const p of path) s += typeof p === 'number' ? `[${p}]` : s ? `.${p}` : p;
  return s || '(top level)';
}

/** [0, 1], [0, ∞), (−∞, 1]. */
function rangeText(min: number, max: number): string {
  return `${min === -Infinity ? '(−∞' : `[${min}`}, ${max === Infinity ? '∞)' : `${max}]`}`;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'string') return `the string "${v}"`;
  if (typeof v === 'object') return 'a map';
  return `${typeof v} ${String(v)}`;
}

/** The kinds of condition a rule can hold, in evaluation order. */
export type ConditionKind = 'threshold' | (typeof COMPARISON_KEYS)[number];

/** The conditions present in a rule, in order: threshold first, then the baseline comparisons. */
export function conditionsOf(rule: GateRule): ConditionKind[] {
  return (['threshold', ...COMPARISON_KEYS] as const).filter((k) => rule[k] !== undefined);
}

/** One condition in words, e.g. "roc_auc may drop by at most 0.01 from the baseline (fails only when significant)". */
export function conditionText(rule: GateRule, kind: ConditionKind): string {
  const m = rule.metric;
  const sig = rule.significant && kind !== 'threshold' ? ' (fails only when significant)' : '';
  const worse = rule.greater_is_better ? 'drop' : 'rise';
  switch (kind) {
    case 'threshold':
      return `${m} ${rule.greater_is_better ? '≥' : '≤'} ${rule.threshold}`;
    case 'max_regression':
      return `${m} may ${worse} by at most ${rule.max_regression} from the baseline${sig}`;
    case 'max_regression_relative':
      return `${m} may ${worse} by at most ${percent(rule.max_regression_relative ?? 0)} of the baseline${sig}`;
    case 'min_improvement':
      return `${m} must improve on the baseline by at least ${rule.min_improvement}${sig}`;
    case 'min_improvement_relative':
      return `${m} must improve on the baseline by at least ${percent(rule.min_improvement_relative ?? 0)} of it${sig}`;
  }
}

/** Every condition of a rule in words. */
export function describeRule(rule: GateRule): string[] {
  return conditionsOf(rule).map((k) => conditionText(rule, k));
}

/** 0.02 → "2%". */
export function percent(fraction: number): string {
  return `${Number((fraction * 100).toPrecision(6))}%`;
}

/** Metrics whose rules compare with a baseline (those need paired intervals). */
export function comparedMetrics(rules: GateRules): string[] {
  return [
    ...new Set(rules.filter((r) => COMPARISON_KEYS.some((k) => r[k] !== undefined)).map((r) => r.metric)),
  ];
}
