import { describe, expect, test } from '@jest/globals';
import { ConfigError } from '../../../src/core/errors.js';
import {
  comparedMetrics,
  describeRule,
  parseRules,
  parseRulesDocument,
} from '../../../src/checks/gate/rules.js';

const where = { file: 'rules.yml', keyPathPrefix: 'rules' };

function errorOf(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return e as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

describe('parseRules', () => {
  test('fills defaults from the metric: direction, severity fail, not significant', () => {
    const rules = parseRules(
      {
        roc_auc: { threshold: 0.8, max_regression: 0.01 },
        log_loss: { max_regression_relative: 0.02, severity: 'warn' },
      },
      where,
    );
    expect(rules).toEqual([
      {
        metric: 'roc_auc',
        greater_is_better: true,
        severity: 'fail',
        significant: false,
        threshold: 0.8,
        max_regression: 0.01,
        keyPath: 'rules.roc_auc',
        file: 'rules.yml',
      },
      {
        metric: 'log_loss',
        greater_is_better: false,
        severity: 'warn',
        significant: false,
        max_regression_relative: 0.02,
        keyPath: 'rules.log_loss',
        file: 'rules.yml',
      },
    ]);
    expect(describeRule(rules[0])).toEqual([
      'roc_auc ≥ 0.8',
      'roc_auc may drop by at most 0.01 from the baseline',
    ]);
    expect(describeRule(rules[1])).toEqual(['log_loss may rise by at most 2% of the baseline']);
    expect(comparedMetrics(rules)).toEqual(['roc_auc', 'log_loss']);
  });
  test('a list gives several rules on one metric', () => {
    const rules = parseRules(
      { f1: [{ max_regression: 0.005, severity: 'warn' }, { max_regression: 0.02 }] },
      { file: '.model-ci.yml', keyPathPrefix: 'gate.rules' },
    );
    expect(rules.map((r) => [r.keyPath, r.severity])).toEqual([
      ['gate.rules.f1[0]', 'warn'],
      ['gate.rules.f1[1]', 'fail'],
    ]);
  });
  test('null or absent means no rules', () => {
    expect(parseRules(null, where)).toEqual([]);
    expect(parseRules(undefined, where)).toEqual([]);
  });
  test('custom metrics via extraMetrics take their direction from the name', () => {
    const [rule] = parseRules({ val_loss: { max_regression: 0.1 } }, where, { extraMetrics: ['val_loss'] });
    expect(rule.greater_is_better).toBe(false);
  });

  test.each([
    [
      { roc_acu: { threshold: 0.8 } },
      'rules.yml: rules.roc_acu: unknown metric "roc_acu" (did you mean "roc_auc"?)',
    ],
    [
      { roc_auc: { max_regresion: 0.01 } },
      'rules.yml: rules.roc_auc.max_regresion: unknown rule key "max_regresion" (did you mean "max_regression"?); allowed: threshold, max_regression, max_regression_relative, min_improvement, min_improvement_relative, greater_is_better, significant, severity',
    ],
    [
      { roc_auc: { min_absolute_change: 0.01 } },
      'rules.yml: rules.roc_auc.min_absolute_change: unknown rule key "min_absolute_change" (MLflow\'s min_absolute_change is "min_improvement" here); allowed: threshold, max_regression, max_regression_relative, min_improvement, min_improvement_relative, greater_is_better, significant, severity',
    ],
    [
      { roc_auc: { threshold: '0.8' } },
      'rules.yml: rules.roc_auc.threshold: expected a finite number, got the string "0.8"',
    ],
    [
      { roc_auc: { max_regression: -0.01 } },
      'rules.yml: rules.roc_auc.max_regression: expected a number ≥ 0, got -0.01 (to require an improvement use min_improvement)',
    ],
    [
      { f1: { max_regression_relative: 2 } },
      'rules.yml: rules.f1.max_regression_relative: expected a fraction in [0, 1] (0.02 means 2 %), got 2',
    ],
    [
      { f1: { max_regression: 0.01, min_improvement: 0.01 } },
      'rules.yml: rules.f1: max_regression and min_improvement contradict each other (one tolerates a worse candidate, the other requires a better one); keep one, or write two rules as a list',
    ],
    [
      { f1: { severity: 'warn' } },
      'rules.yml: rules.f1: the rule has no condition; expected at least one of threshold, max_regression, max_regression_relative, min_improvement, min_improvement_relative',
    ],
    [
      { f1: { threshold: 0.7, significant: true } },
      'rules.yml: rules.f1.significant: significance applies to comparisons with a baseline; add max_regression or min_improvement (a threshold has no confidence interval)',
    ],
    [
      { roc_auc: { threshold: 1.2 } },
      'rules.yml: rules.roc_auc.threshold: 1.2 is outside the range of roc_auc [0, 1]: the rule could never pass',
    ],
    [
      { log_loss: { threshold: -0.1 } },
      'rules.yml: rules.log_loss.threshold: -0.1 is outside the range of log_loss [0, ∞): the rule could never pass',
    ],
    [
      { log_loss: { threshold: 0.3, greater_is_better: true } },
      'rules.yml: rules.log_loss.greater_is_better: true contradicts the metric: lower log_loss is better; remove the key',
    ],
    [
      { f1: { max_regression: 0, severity: 'warning' } },
      'rules.yml: rules.f1.severity: expected fail or warn, got the string "warning" (did you mean "warn"?)',
    ],
    [
      { f1: { max_regression: 0, significant: 'yes' } },
      'rules.yml: rules.f1.significant: expected true or false, got the string "yes"',
    ],
    [
      { f1: 0.8 },
      'rules.yml: rules.f1: expected a rule map such as { max_regression: 0.01 }, got number 0.8',
    ],
    [
      { f1: [] },
      'rules.yml: rules.f1: expected a rule map or a non-empty list of rule maps, got an empty list',
    ],
    [['roc_auc'], 'rules.yml: rules: expected a map of metric name to rule, got a list'],
  ])('rejects %j', (value, message) => {
    expect(errorOf(() => parseRules(value, where)).message).toBe(message);
  });
  test('an unknown metric with no close match lists the known ones', () => {
    expect(errorOf(() => parseRules({ latency: { threshold: 1 } }, where)).message).toMatch(
      /unknown metric "latency"; known metrics: roc_auc, average_precision, /,
    );
  });
});

describe('parseRulesDocument', () => {
  test('parses a rules.yml', () => {
    const rules = parseRulesDocument(
      'rules:\n  roc_auc:\n    max_regression: 0.01\n    significant: true\n',
      'rules.yml',
    );
    expect(rules[0]).toMatchObject({ metric: 'roc_auc', max_regression: 0.01, significant: true });
  });
  test('errors carry the line of the offending key', () => {
    const text = 'rules:\n  roc_auc:\n    threshold: 0.8\n  f1:\n    max_regresion: 0.01\n';
    const e = errorOf(() => parseRulesDocument(text, 'rules.yml'));
    expect(e.message).toMatch(
      /^rules\.yml:5: rules\.f1\.max_regresion: unknown rule key "max_regresion" \(did you mean "max_regression"\?\)/,
    );
    expect(e.position.line).toBe(5);
  });
  test('list items have lines too', () => {
    const e = errorOf(() =>
      parseRulesDocument('rules:\n  f1:\n    - max_regression: 0.01\n    - max_regression: -1\n', 'r.yml'),
    );
    expect(e.message).toMatch(/^r\.yml:4: rules\.f1\[1\]\.max_regression: expected a number ≥ 0/);
  });
  test('unknown top-level key and YAML syntax errors', () => {
    expect(errorOf(() => parseRulesDocument('rule:\n  f1: {threshold: 0.5}\n', 'r.yml')).message).toBe(
      'r.yml:1: rule: unknown top-level key "rule" (did you mean "rules"?); allowed: rules',
    );
    expect(errorOf(() => parseRulesDocument('rules: [\n', 'r.yml')).message).toMatch(
      /^r\.yml:\d+:\d+: invalid YAML: /,
    );
    expect(errorOf(() => parseRulesDocument('- a\n', 'r.yml')).message).toBe(
      'r.yml:1: expected a map with a "rules" key, got a list',
    );
  });
});
