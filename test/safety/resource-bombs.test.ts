/**
 * Hostile class 4 — resource bombs: YAML alias bombs ("billion laughs"), documents nested deeper than the
 * stated limit (1,000 levels, JSON and YAML, flow and block), and resource options beyond what the machine
 * can hold are each one clear line — the file, line and the limit, or the flag and its bound — checked
 * before any work, and the logs say what really happened.
 */
import { describe, expect, test } from '@jest/globals';
import { expectOneLineError, runCase, table, type HostileCase, type Run } from './hostile.js';

const BOMB =
  'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' +
  'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n' +
  'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n' +
  'f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n';
const DEEP_JSON = '['.repeat(100_000) + ']'.repeat(100_000);
const deepFlowYaml = (key: string) => `${key}:\n  x: ${'['.repeat(5000)}${']'.repeat(5000)}\n`;
function deepBlockYaml(key: string): string {
  let s = `${key}:\n`;
  for (let i = 0; i < 1200; i++) s += `${' '.repeat(i + 2)}k${i}:\n`;
  return s + `${' '.repeat(1202)}x: 1\n`;
}

const BOMB_MSG = /:\d+:\d+: invalid YAML: aliases expand to more than 1000 nodes \(an alias bomb\?\)/;
const DEEP_MSG =
  /:\d+:\d+: invalid (YAML|JSON|TF\.js model\.json|golden file|JSON inputs)?.*nested deeper than 1000 levels/;

const PREDS = 'predictions/eval-predictions.csv';
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
const GATE_INPUTS = { data: PREDS, label: 'churned', candidate: 'p_candidate', baseline: 'p_baseline' };
const RULES = 'rules:\n  roc_auc: { threshold: 0.5 }\n';

const error = (message: RegExp) => (run: Run) => expectOneLineError(run, message);

/** `model-ci run` reports a bad configuration as a one-line error, before any check runs. */
const configError = (message: RegExp) => (run: Run) => {
  expect(run.code).toBe(run.via === 'action bundle (Node 24)' ? 1 : 2);
  expect(run.stdout + run.stderr).toMatch(message);
};

const cases: HostileCase[] = [
  {
    name: 'gate: a rules file that is an alias bomb',
    demo: true,
    files: { 'rules.yml': `${BOMB}rules: *g\n` },
    args: [...GATE, '--rules', 'rules.yml'],
    action: { name: 'gate', inputs: { ...GATE_INPUTS, rules: 'rules.yml' } },
    check: error(BOMB_MSG),
  },
  {
    name: 'data check: a suite that is an alias bomb',
    demo: true,
    files: { 'suite.yml': `${BOMB}expectations: *g\n` },
    args: ['data', 'check', '--data', 'data/eval.csv', '--suite', 'suite.yml'],
    action: { name: 'data-check', inputs: { data: 'data/eval.csv', suite: 'suite.yml' } },
    check: error(BOMB_MSG),
  },
  {
    name: 'run: a configuration that is an alias bomb',
    files: { 'cfg.yml': `version: 1\n${BOMB}` },
    args: ['run', '--config', 'cfg.yml'],
    action: { name: 'main', inputs: { config: 'cfg.yml' } },
    check: configError(BOMB_MSG),
  },
  {
    name: 'cost: a pricing file that is an alias bomb',
    demo: true,
    files: { 'pricing.yml': `${BOMB}providers: *g\n` },
    args: [
      'cost',
      '--smoke',
      'base-results/smoke.json',
      '--requests-per-day',
      '1000000',
      '--pricing',
      'pricing.yml',
    ],
    check: error(BOMB_MSG),
  },
  {
    name: 'cost: a smoke result nested 100,000 levels deep',
    files: { 'smoke.json': DEEP_JSON },
    args: ['cost', '--smoke', 'smoke.json', '--requests-per-day', '1000000'],
    check: error(/smoke\.json:1:1001: invalid JSON: nested deeper than 1000 levels/),
  },
  {
    name: 'gate: rules nested 100,000 levels deep (JSON)',
    demo: true,
    files: { 'rules.json': DEEP_JSON },
    args: [...GATE, '--rules', 'rules.json'],
    check: error(DEEP_MSG),
  },
  {
    name: 'gate: rules nested 5,000 levels deep (YAML flow)',
    demo: true,
    files: { 'rules.yml': deepFlowYaml('rules') },
    args: [...GATE, '--rules', 'rules.yml'],
    action: { name: 'gate', inputs: { ...GATE_INPUTS, rules: 'rules.yml' } },
    check: error(/rules\.yml:2:\d+: invalid YAML: nested deeper than 1000 levels/),
  },
  {
    name: 'gate: rules nested 1,200 levels deep (YAML block)',
    demo: true,
    files: { 'rules.yml': deepBlockYaml('rules') },
    args: [...GATE, '--rules', 'rules.yml'],
    check: error(/rules\.yml:\d+:\d+: invalid YAML: nested deeper than 1000 levels/),
  },
  {
    name: 'gate: --baseline-metrics nested 100,000 levels deep',
    demo: true,
    files: { 'rules.yml': RULES, 'main.json': DEEP_JSON },
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
    check: error(/main\.json:1:1001: invalid JSON: nested deeper than 1000 levels/),
  },
  {
    name: 'data check: a GX JSON suite nested 100,000 levels deep',
    demo: true,
    files: { 'suite.json': DEEP_JSON },
    args: ['data', 'check', '--data', 'data/eval.csv', '--suite', 'suite.json'],
    action: { name: 'data-check', inputs: { data: 'data/eval.csv', suite: 'suite.json' } },
    check: error(DEEP_MSG),
  },
  {
    name: 'data check: a YAML suite nested 1,200 levels deep',
    demo: true,
    files: { 'suite.yml': deepBlockYaml('expectations') },
    args: ['data', 'check', '--data', 'data/eval.csv', '--suite', 'suite.yml'],
    check: error(DEEP_MSG),
  },
  {
    name: 'data check: a profile nested 100,000 levels deep',
    demo: true,
    files: { 'p.json': DEEP_JSON },
    args: ['data', 'check', '--profile', 'p.json', '--suite', 'data-suite.yml'],
    check: error(/p\.json:1:1001: invalid JSON: nested deeper than 1000 levels/),
  },
  {
    name: 'data merge: a profile nested 100,000 levels deep',
    files: { 'p.json': DEEP_JSON },
    args: ['data', 'merge', 'p.json'],
    check: error(/p\.json:1:1001: invalid JSON: nested deeper than 1000 levels/),
  },
  {
    name: 'run: a configuration nested 1,200 levels deep',
    files: { 'cfg.yml': `version: 1\n${deepBlockYaml('metrics')}` },
    args: ['run', '--config', 'cfg.yml'],
    action: { name: 'main', inputs: { config: 'cfg.yml' } },
    check: configError(DEEP_MSG),
  },
  {
    name: 'smoke: a model.json nested 100,000 levels deep',
    files: { 'm/model.json': DEEP_JSON },
    args: ['smoke', '--model', 'm/model.json'],
    action: { name: 'smoke', inputs: { model: 'm/model.json' } },
    check: (run) => {
      expect(run.code).toBe(1);
      expect(run.stdout + run.stderr).toMatch(
        /model\.json:1:1001: not valid TF\.js model\.json: nested deeper than 1000 levels/,
      );
    },
  },
  {
    name: 'smoke: a golden file nested 100,000 levels deep',
    demo: true,
    files: { 'g.json': DEEP_JSON },
    args: ['smoke', '--model', 'model/model.json', '--golden', 'g.json'],
    check: error(/g\.json:1:1001: not valid golden file: nested deeper than 1000 levels/),
  },
  {
    name: 'smoke: an inputs file nested 100,000 levels deep',
    demo: true,
    files: { 'in.json': DEEP_JSON },
    args: ['smoke', '--model', 'model/model.json', '--inputs', 'in.json', '--runs', '1', '--warmup', '0'],
    check: error(/in\.json:1:1001: not valid JSON inputs: nested deeper than 1000 levels/),
  },
  {
    name: 'metrics: a JSON Lines row nested 100,000 levels deep',
    files: { 'p.jsonl': `{"y": ${DEEP_JSON}, "p": 0.5}\n` },
    args: ['metrics', '--data', 'p.jsonl', '--label', 'y', '--score', 'p'],
    check: error(/p\.jsonl:1:\d+: invalid JSON: nested deeper than 1000 levels/),
  },
  {
    name: 'gate: --resamples 10^12',
    demo: true,
    files: { 'rules.yml': RULES },
    args: [...GATE, '--rules', 'rules.yml', '--resamples', '1e12'],
    action: { name: 'gate', inputs: { ...GATE_INPUTS, rules: 'rules.yml', resamples: '1000000000000' } },
    check: error(
      /(--resamples|input "resamples"): expected an integer (≥ \d+ and )?≤ 1000000, got 1000000000000/,
    ),
  },
  {
    name: 'gate: a million resamples asked, none needed: the log says none were drawn',
    demo: true,
    files: { 'rules.yml': 'rules:\n  roc_auc: { max_regression: 0.05, significant: true }\n' },
    args: [...GATE, '--rules', 'rules.yml', '--resamples', '1000000'],
    check: (run) => {
      expect(run.code).toBe(0);
      expect(run.stderr).toMatch(
        /paired comparison on 1000 rows: no bootstrap resamples drawn; DeLong's interval for roc_auc/,
      );
      expect(run.stderr).not.toMatch(/1000000 bootstrap resamples/);
    },
  },
  {
    name: 'smoke: --batch 10^9',
    demo: true,
    args: ['smoke', '--model', 'model/model.json', '--batch', '1e9'],
    action: { name: 'smoke', inputs: { model: 'model/model.json', batch: '1000000000' } },
    check: error(/(--batch|input "batch"): expected an integer (≥ \d+ and )?≤ 65536, got 1000000000/),
  },
  {
    name: 'smoke: --runs 10^9',
    demo: true,
    args: ['smoke', '--model', 'model/model.json', '--runs', '1e9'],
    check: error(/--runs: expected an integer (≥ \d+ and )?≤ 100000, got 1000000000/),
  },
  {
    name: 'smoke: --warmup 10^9',
    demo: true,
    args: ['smoke', '--model', 'model/model.json', '--warmup', '1000000000'],
    check: error(/--warmup: expected an integer (≥ \d+ and )?≤ 10000, got 1000000000/),
  },
  {
    name: 'smoke: --start-timeout-ms 10^12 (beyond what a timer can wait)',
    args: ['smoke', '--url', 'http://127.0.0.1:{port}/p', '--start-timeout-ms', '1e12'],
    check: error(/--start-timeout-ms: expected an integer (≥ \d+ and )?≤ 86400000, got 1000000000000/),
  },
  {
    name: 'smoke: --request-timeout-ms 10^12',
    action: {
      name: 'smoke',
      inputs: { url: 'http://127.0.0.1:9/p', 'request-timeout-ms': '1000000000000' },
    },
    check: error(
      /input "request-timeout-ms": expected an integer (≥ \d+ and )?≤ 86400000, got 1000000000000/,
    ),
  },
  {
    name: 'smoke: a batch of wide rows whose inputs would hold more values than the limit',
    files: { 'wide.onnx': { copy: 'test/fixtures/safety/wide.onnx' } },
    args: ['smoke', '--model', 'wide.onnx', '--batch', '65536'],
    action: { name: 'smoke', inputs: { model: 'wide.onnx', batch: '65536' } },
    check: error(
      /smoke: input "x" of shape \[65536,128\] at batch 65536 would hold 8388608 values, more than the limit of 4194304; lower batch/,
    ),
  },
  {
    name: 'smoke: the largest batch of narrow rows fits under the limit (the control)',
    files: {
      'm/model.onnx': { copy: 'test/fixtures/safety/external-data/model.onnx' },
      'm/weights.bin': { copy: 'test/fixtures/safety/external-data/weights.bin' },
      'rows.json': JSON.stringify([Array.from({ length: 4 }, () => 1)]),
    },
    args: [
      'smoke',
      '--model',
      'm/model.onnx',
      '--batch',
      '65536',
      '--inputs',
      'rows.json',
      '--runs',
      '1',
      '--warmup',
      '0',
    ],
    check: (run) => {
      // 65,536 rows × 4 values fit under the 4 Mi limit: the run completes and says at which batch.
      expect(run.code).toBe(0);
      expect(run.stderr + run.stdout).toMatch(/batch 65536/);
    },
  },
  {
    name: 'run: a configuration asking for 10^9 smoke runs',
    demo: true,
    files: { 'cfg.yml': 'version: 1\nsmoke:\n  model: model/model.json\n  runs: 1000000000\n' },
    args: ['run', '--config', 'cfg.yml'],
    action: { name: 'main', inputs: { config: 'cfg.yml' } },
    check: configError(/cfg\.yml:4:\d+: smoke\.runs: expected an integer ≥ 1 and ≤ 100000, got 1000000000/),
  },
  {
    name: 'data profile: --max-categories 10^9',
    demo: true,
    args: ['data', 'profile', '--data', 'data/eval.csv', '--max-categories', '1e9'],
    check: error(/--max-categories: expected an integer (≥ \d+ and )?≤ 100000, got 1000000000/),
  },
  {
    name: 'data merge: more than 10,000 profiles',
    files: { 'p.json': '{}' },
    args: ['data', 'merge', ...Array.from({ length: 10_001 }, () => 'p.json')],
    check: error(/at most 10000 arguments, got 10001/),
  },
  {
    name: 'metrics: a Parquet footer declaring a 2 GiB metadata block',
    files: {
      'p.parquet': Buffer.concat([
        Buffer.from('PAR1'),
        Buffer.alloc(8, 0xff),
        Buffer.from([0xff, 0xff, 0xff, 0x7f]),
        Buffer.from('PAR1'),
      ]),
    },
    args: ['metrics', '--data', 'p.parquet', '--label', 'y', '--score', 'p'],
    check: error(/p\.parquet: cannot read the Parquet metadata/),
  },
];

describe('hostile class: resource bombs', () => {
  test.each(table(cases))('%s', async (_label, c, way) => {
    await runCase(c, way);
  });
});
