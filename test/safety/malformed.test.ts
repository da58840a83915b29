/**
 * Hostile class 9 — malformed input, no internal errors: broken data files, documents, models, golden
 * files and flags across every command. Each is one clear line naming the file (and line, column or key)
 * and what was expected — or, for a model that does not load, a failed `loads` sub-check saying why —
 * never "internal error", a stack trace or an engine's message on its own.
 */
import { describe, expect, test } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expectOneLineError, runCase, table, type HostileCase, type Run } from './hostile.js';

const error = (message: RegExp) => (run: Run) => expectOneLineError(run, message);
const PREDS = 'predictions/eval-predictions.csv';
const metrics = (file: string, label = 'y', score = 'p') => [
  'metrics',
  '--data',
  file,
  '--label',
  label,
  '--score',
  score,
];
const GATE = [
  'gate',
  '--data',
  PREDS,
  '--label',
  'churned',
  '--candidate',
  'p_candidate',
  '--baseline',
  'p_baseline',
];
const RULES = 'rules:\n  roc_auc: { threshold: 0.5 }\n';
const QUICK = ['--runs', '1', '--warmup', '0'];
const demoModel = JSON.parse(readFileSync(join('workflows-examples/demo/model/model.json'), 'utf8'));

/** The smoke check failed `loads` with a finding that says what is wrong with the model. */
const notLoadable = (why: RegExp) => (run: Run) => {
  expect(run.code).toBe(1);
  expect(run.stdout + run.stderr).toMatch(/1 of 1 checks failed \(loads\)|smoke\/load-failed/);
  expect(run.stdout + run.stderr).toMatch(why);
};

const cases: HostileCase[] = [
  {
    name: 'metrics: an empty file',
    files: { 'p.csv': '' },
    args: metrics('p.csv'),
    check: error(/p\.csv:1:1: empty file: expected a header record/),
  },
  {
    name: 'metrics: binary garbage',
    files: { 'p.csv': Buffer.from([0, 1, 2, 0xff, 0xfe, 10, 0, 0, 13, 10]) },
    args: metrics('p.csv'),
    check: error(/p\.csv:1:\d+: invalid UTF-8: byte 0xFF does not start a valid character/),
  },
  {
    name: 'metrics: an unterminated quote',
    files: { 'p.csv': 'y,p\n"1,0.5\n0,0.2\n' },
    args: metrics('p.csv'),
    check: error(/p\.csv:2:1: unterminated quoted field/),
  },
  {
    name: 'metrics: a duplicate column name',
    files: { 'p.csv': 'y,y\n1,0\n' },
    args: metrics('p.csv'),
    check: error(/p\.csv:1:3: duplicate column name "y"/),
  },
  {
    name: 'metrics: a ragged row',
    files: { 'p.csv': 'y,p\n1,0.5,7\n' },
    args: metrics('p.csv'),
    check: error(/p\.csv:2:\d+: expected 2 fields \(as in the header\), got 3/),
  },
  {
    name: 'root action: no configuration file',
    action: { name: 'main', inputs: {} },
    check: error(/configuration file not found: .*\.model-ci\.yml/),
  },
  {
    name: 'metrics: a header and no rows',
    files: { 'p.csv': 'y,p\n' },
    args: metrics('p.csv'),
    check: error(/p\.csv: no data rows/),
  },
  {
    name: 'metrics: labels that are not 0/1 with probabilities',
    files: { 'p.csv': 'y,p\n2,0.5\n0,0.2\n' },
    args: [...metrics('p.csv'), '--task', 'binary'],
    check: error(/p\.csv/),
  },
  {
    name: 'metrics: Parquet magic around garbage',
    files: { 'p.parquet': `PAR1${'x'.repeat(100)}PAR1` },
    args: metrics('p.parquet'),
    check: error(/p\.parquet: cannot read the Parquet metadata/),
  },
  {
    name: 'metrics: a JSON Lines file of numbers',
    files: { 'p.jsonl': '1\n2\n' },
    args: metrics('p.jsonl'),
    check: error(/p\.jsonl:1:1: expected a JSON object, got a number/),
  },
  {
    name: 'metrics: a JSON Lines file with a broken line',
    files: { 'p.jsonl': '{"y": 1, "p": 0.5}\n{"y": 0, "p": }\n' },
    args: metrics('p.jsonl'),
    check: error(/p\.jsonl:2:\d+: invalid JSON/),
  },
  {
    name: 'metrics: --threshold NaN',
    demo: true,
    args: [...metrics(PREDS, 'churned', 'p_candidate'), '--threshold', 'NaN'],
    check: error(/--threshold: expected a number ≥ 0 and ≤ 1, got "NaN"/),
  },
  {
    name: 'metrics: an unknown flag',
    demo: true,
    args: [...metrics(PREDS, 'churned', 'p_candidate'), '--lable', 'x'],
    check: error(/--lable/),
  },
  {
    name: 'gate: a rules file with two YAML documents',
    demo: true,
    files: { 'rules.yml': `${RULES}---\n${RULES}` },
    args: [...GATE, '--rules', 'rules.yml'],
    check: error(
      /rules\.yml:3:1: invalid YAML: a second document starts here \("---"\); the file must hold one YAML document/,
    ),
  },
  {
    name: 'gate: rules that alias themselves',
    demo: true,
    files: { 'rules.yml': 'rules: &a [*a]\n' },
    args: [...GATE, '--rules', 'rules.yml'],
    check: error(/rules\.yml:1: rules: expected a map of metric name to rule, got a list/),
  },
  {
    name: 'gate: a !!binary tag where rules belong',
    demo: true,
    files: { 'rules.yml': 'rules: !!binary aGVsbG8=\n' },
    args: [...GATE, '--rules', 'rules.yml'],
    check: error(/rules\.yml:1: rules/),
  },
  {
    name: 'gate: a threshold that is text',
    demo: true,
    files: { 'rules.yml': 'rules:\n  roc_auc: { threshold: high }\n' },
    args: [...GATE, '--rules', 'rules.yml'],
    action: {
      name: 'gate',
      inputs: {
        data: PREDS,
        label: 'churned',
        candidate: 'p_candidate',
        baseline: 'p_baseline',
        rules: 'rules.yml',
      },
    },
    check: error(/rules\.yml:2: rules\.roc_auc\.threshold/),
  },
  {
    name: 'gate: a threshold of 1e999 (infinite)',
    demo: true,
    files: { 'rules.yml': 'rules:\n  roc_auc: { threshold: 1e999 }\n' },
    args: [...GATE, '--rules', 'rules.yml'],
    check: error(/rules\.yml:2: rules\.roc_auc\.threshold/),
  },
  {
    name: 'gate: --baseline-metrics is a JSON array',
    demo: true,
    files: { 'rules.yml': RULES, 'main.json': '[1, 2]' },
    args: [
      'gate',
      '--data',
      PREDS,
      '--label',
      'churned',
      '--candidate',
      'p_candidate',
      '--baseline-metrics',
      'main.json',
      '--rules',
      'rules.yml',
    ],
    check: error(
      /main\.json: expected a model-ci result of the metrics check or a JSON object of metric values/,
    ),
  },
  {
    name: 'gate: --baseline-metrics is the result of another check',
    demo: true,
    files: {
      'rules.yml': RULES,
      'main.json': '{"schema": "model-ci/result@1", "check": "drift", "metrics": {}}',
    },
    args: [
      'gate',
      '--data',
      PREDS,
      '--label',
      'churned',
      '--candidate',
      'p_candidate',
      '--baseline-metrics',
      'main.json',
      '--rules',
      'rules.yml',
    ],
    check: error(/main\.json: check: expected a result of the "metrics" check, got "drift"/),
  },
  {
    name: 'data check: an unknown expectation type',
    demo: true,
    files: {
      's.yml':
        'expectations:\n  - type: expect_column_to_be_nice\n    column: churned\n    catch_exceptions: false\n',
    },
    args: ['data', 'check', '--data', 'data/eval.csv', '--suite', 's.yml'],
    action: { name: 'data-check', inputs: { data: 'data/eval.csv', suite: 's.yml' } },
    check: error(/s\.yml:2/),
  },
  {
    name: 'data check: a regular expression that does not compile',
    demo: true,
    files: {
      's.yml':
        'expectations:\n  - type: expect_column_values_to_match_regex\n    column: plan\n    regex: "(((("\n    catch_exceptions: false\n',
    },
    args: ['data', 'check', '--data', 'data/eval.csv', '--suite', 's.yml'],
    check: error(/s\.yml:\d+: expectations\[0\]\.regex: missing \), unterminated subpattern/),
  },
  {
    name: 'data check: a catastrophic-backtracking regex runs in linear time',
    files: {
      'd.csv': `a\n${'a'.repeat(5000)}!\n`,
      's.yml':
        'expectations:\n  - type: expect_column_values_to_match_regex\n    column: a\n    regex: "^(a+)+$"\n',
    },
    args: ['data', 'check', '--data', 'd.csv', '--suite', 's.yml'],
    check: (run) => expect(run.code).toBe(1), // the value does not match: a finding, after linear work
  },
  {
    name: 'data check: a profile that is not a profile',
    demo: true,
    files: { 'p.json': '{"schema": "model-ci/result@1"}' },
    args: ['data', 'check', '--profile', 'p.json', '--suite', 'data-suite.yml'],
    check: error(/p\.json: format: expected "model-ci\/profile-state@2"/),
  },
  {
    name: 'data merge: a CSV given as a profile',
    demo: true,
    args: ['data', 'merge', 'data/eval.csv'],
    check: error(/eval\.csv:1:1: invalid JSON/),
  },
  {
    name: 'drift: --thresholds with a word for a number',
    demo: true,
    args: [
      'drift',
      '--reference',
      'data/reference.csv',
      '--current',
      'data/current.csv',
      '--thresholds',
      'ks=abc',
    ],
    action: {
      name: 'drift',
      inputs: { reference: 'data/reference.csv', current: 'data/current.csv', thresholds: 'ks=abc' },
    },
    check: error(/thresholds.*ks: expected a number ≥ 0, got "abc"/),
  },
  {
    name: 'smoke: a manifest path that is a number',
    files: { 'm/model.json': '{"modelTopology": {}, "weightsManifest": [{"paths": [1], "weights": []}]}' },
    args: ['smoke', '--model', 'm'],
    check: notLoadable(/weightsManifest\[0\]\.paths\[0\]: expected a file name/),
  },
  {
    name: 'smoke: a weight with a negative dimension',
    files: {
      'm/model.json': JSON.stringify({
        ...demoModel,
        weightsManifest: [{ paths: ['w.bin'], weights: [{ name: 'k', shape: [-4, 2], dtype: 'float32' }] }],
      }),
      'm/w.bin': 'abcd',
    },
    args: ['smoke', '--model', 'm'],
    check: notLoadable(
      /weightsManifest\[0\]\.weights\[0\]: expected \{"name": string, "shape": \[non-negative integers\]/,
    ),
  },
  {
    name: 'smoke: a weight of 10^12 values (the shard cannot hold it)',
    files: {
      'm/model.json': JSON.stringify({
        ...demoModel,
        weightsManifest: [{ paths: ['w.bin'], weights: [{ name: 'k', shape: [1e12], dtype: 'float32' }] }],
      }),
      'm/w.bin': 'abcd',
    },
    args: ['smoke', '--model', 'm'],
    check: notLoadable(
      /weights are truncated: the shard hold 4 bytes, the weights manifest requires 4000000000000 bytes/,
    ),
  },
  {
    name: 'smoke: a model topology TF.js cannot build',
    files: { 'm/model.json': '{"modelTopology": {"x": 1}, "weightsManifest": []}' },
    args: ['smoke', '--model', 'm'],
    action: { name: 'smoke', inputs: { model: 'm' } },
    check: notLoadable(/not a loadable TF\.js layers model \(/),
  },
  {
    name: 'smoke: model.json is a JSON array',
    files: { 'm/model.json': '[]' },
    args: ['smoke', '--model', 'm/model.json'],
    check: notLoadable(/expected a TF\.js model\.json: an object with "modelTopology"/),
  },
  {
    name: 'smoke: an .onnx file that is not a model',
    files: { 'm.onnx': 'not an onnx model' },
    args: ['smoke', '--model', 'm.onnx'],
    action: { name: 'smoke', inputs: { model: 'm.onnx' } },
    check: notLoadable(
      /not a loadable ONNX model \(Failed to load model because protobuf parsing failed\.\)/,
    ),
  },
  {
    name: 'smoke: a golden file with a dtype no runtime has',
    demo: true,
    files: {
      'g.json':
        '{"schema":"model-ci/smoke-golden@1","inputs":{"features":{"dtype":"complex64","shape":[1],"data":[1]}},"outputs":{}}',
    },
    args: ['smoke', '--model', 'model/model.json', '--golden', 'g.json', ...QUICK],
    check: error(/g\.json: inputs\.features: tensors of dtype "complex64" are not supported/),
  },
  {
    name: 'smoke: a golden file with text among the numbers',
    demo: true,
    files: {
      'g.json':
        '{"schema":"model-ci/smoke-golden@1","inputs":{"features":{"dtype":"float32","shape":[1,2],"data":[1,"x"]}},"outputs":{}}',
    },
    args: ['smoke', '--model', 'model/model.json', '--golden', 'g.json', ...QUICK],
    check: error(/g\.json: inputs\.features\.data\[1\]: expected a number, null, "Infinity" or "-Infinity"/),
  },
  {
    name: 'smoke: inputs with text where numbers belong',
    demo: true,
    files: { 'in.json': '[["a", 2]]' },
    args: ['smoke', '--model', 'model/model.json', '--inputs', 'in.json', ...QUICK],
    check: error(/in\.json: value "a" at flat index 0 is not a number/),
  },
  {
    name: 'smoke: ragged inputs',
    demo: true,
    files: { 'in.json': '[[1, 2], [1]]' },
    args: ['smoke', '--model', 'model/model.json', '--inputs', 'in.json', ...QUICK],
    check: error(/in\.json: ragged array: every row must have the same shape/),
  },
  {
    name: 'smoke: a url that is not http',
    args: ['smoke', '--url', 'file:///etc/passwd'],
    action: { name: 'smoke', inputs: { url: 'file:///etc/passwd' } },
    check: error(/url = "file:\/\/\/etc\/passwd"; expected an http\(s\) URL/),
  },
  {
    name: 'run: a configuration that is a list',
    files: { 'cfg.yml': '- metrics\n' },
    args: ['run', '--config', 'cfg.yml'],
    check: error(/cfg\.yml:1:1: expected a mapping with "version: 1"/),
  },
  {
    name: 'run: version 2',
    files: { 'cfg.yml': 'version: 2\nmetrics: { data: a.csv, label: y, score: p }\n' },
    args: ['run', '--config', 'cfg.yml'],
    action: { name: 'main', inputs: { config: 'cfg.yml' } },
    check: (run) => {
      expect(run.code).toBe(run.via === 'action bundle (Node 24)' ? 1 : 2);
      expect(run.stdout + run.stderr).toMatch(/cfg\.yml:1:\d+: version: expected 1/);
    },
  },
  {
    name: 'run: a check that does not exist',
    files: { 'cfg.yml': 'version: 1\nlinter: {}\n' },
    args: ['run', '--config', 'cfg.yml'],
    check: error(/cfg\.yml:2:1: linter: unknown key "linter" \(did you mean "lint"\?\)/),
  },
  {
    name: 'run: duplicate keys',
    files: { 'cfg.yml': 'version: 1\nversion: 1\n' },
    args: ['run', '--config', 'cfg.yml'],
    check: error(/cfg\.yml:2:1: invalid YAML: Map keys must be unique/),
  },
];

describe('hostile class: malformed input gives one clear line, never an internal error', () => {
  test.each(table(cases))('%s', async (_label, c, way) => {
    await runCase(c, way);
  });
});
