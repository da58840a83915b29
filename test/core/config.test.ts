import { describe, expect, test } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/core/config.js';
import type { StepDefinition } from '../../src/core/step.js';

// A step definition used only to exercise the loader; its execute is never called here.
const exampleStep: StepDefinition<never> = {
  check: 'metrics',
  title: 'Metrics',
  summary: 'metrics',
  examples: [],
  options: {
    data: { type: 'path', required: true, description: 'data file' },
    label: { type: 'string', required: true, description: 'label column' },
    threshold: { type: 'number', default: 0.5, min: 0, max: 1, description: 'threshold' },
    task: { type: 'string', choices: ['binary', 'regression'], description: 'task' },
    columns: { type: 'list', description: 'columns' },
    failOnDrift: { type: 'boolean', default: true, description: 'fail' },
  },
  execute: () => Promise.reject(new Error('not called')),
};

function write(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'cfg-'));
  const file = join(dir, '.model-ci.yml');
  writeFileSync(file, text);
  return file;
}

describe('loadConfig', () => {
  test('types values, applies defaults and resolves paths against the file', () => {
    const file = write(
      'version: 1\nmetrics:\n  - name: candidate\n    data: preds.csv\n    label: y\n    columns: a, b\n  - name: baseline\n    data: /abs/p.csv\n    label: y\n    threshold: 0.3\n    fail-on-drift: false\n',
    );
    const cfg = loadConfig(file, [exampleStep]);
    expect(cfg.entries.map((e) => [e.name, e.keyPath, e.line])).toEqual([
      ['candidate', 'metrics[0]', 3],
      ['baseline', 'metrics[1]', 7],
    ]);
    // Paths stay as written (relative to the config's folder), so results and messages show them so.
    expect(cfg.entries[0].options).toEqual({
      data: 'preds.csv',
      label: 'y',
      threshold: 0.5,
      columns: ['a', 'b'],
      failOnDrift: true,
    });
    expect(cfg.entries[1].options).toEqual({
      data: '/abs/p.csv',
      label: 'y',
      threshold: 0.3,
      failOnDrift: false,
    });
  });

  test('a single mapping is one entry', () => {
    const cfg = loadConfig(write('version: 1\nmetrics:\n  data: p.csv\n  label: y\n'), [exampleStep]);
    expect(cfg.entries).toHaveLength(1);
    expect(cfg.entries[0].keyPath).toBe('metrics');
  });

  test.each([
    [
      'unknown key with a suggestion',
      'version: 1\nmetrics:\n  data: p.csv\n  lable: y\n',
      ':4:3: metrics.lable: unknown key "lable" (did you mean "label"?); allowed: name, data, label, threshold, task, columns, fail-on-drift',
    ],
    [
      'unknown check',
      'version: 1\nmetric:\n  data: p.csv\n',
      ':2:1: metric: unknown key "metric" (did you mean "metrics"?); allowed: version, metrics',
    ],
    [
      'wrong type',
      'version: 1\nmetrics:\n  data: p.csv\n  label: y\n  threshold: high\n',
      ':5:14: metrics.threshold: expected number',
    ],
    [
      'out of range',
      'version: 1\nmetrics:\n  data: p.csv\n  label: y\n  threshold: 2\n',
      ':5:14: metrics.threshold: expected a number ≥ 0 and ≤ 1, got 2',
    ],
    [
      'bad choice in a list entry',
      'version: 1\nmetrics:\n  - data: p.csv\n    label: y\n    task: multi\n',
      ':5:11: metrics[0].task: expected one of binary, regression',
    ],
    [
      'missing required key',
      'version: 1\nmetrics:\n  data: p.csv\n',
      ':3:3: metrics: missing required key "label"',
    ],
    [
      'missing version',
      'metrics:\n  data: p.csv\n  label: y\n',
      ':1:1: (top level): missing required key "version"',
    ],
    ['wrong version', 'version: 2\n', ':1:10: version: expected 1'],
    ['invalid YAML', 'version: 1\nmetrics:\n  data: [p.csv\n  label: y\n', ':'],
    ['duplicate key', 'version: 1\nversion: 1\n', ':2:1: invalid YAML: Map keys must be unique'],
    ['not a mapping', '- a\n- b\n', ':1:1: expected a mapping with "version: 1" and one key per check'],
  ])('%s', (_name, text, expected) => {
    const file = write(text);
    expect(() => loadConfig(file, [exampleStep])).toThrow(file + expected);
  });

  test('invalid YAML names line and column', () => {
    const file = write('version: 1\nmetrics:\n  data: "unterminated\n');
    expect(() => loadConfig(file, [exampleStep])).toThrow(
      new RegExp(`^${file.replace(/\./g, '\\.')}:\\d+:\\d+: invalid YAML: `),
    );
  });

  test('a missing file is an input error naming it', () => {
    expect(() => loadConfig('/nonexistent/.model-ci.yml', [exampleStep])).toThrow(
      'configuration file not found: /nonexistent/.model-ci.yml',
    );
  });
});
