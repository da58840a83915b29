/**
 * Hostile class 1 — overwrite: no output (--out, --suite-out, a recorded golden file, `run --out-dir`'s
 * result names, an action's result-path) may be an input, by the same path, through a symbolic link, a
 * hard link or a symlinked folder. Every case is refused before anything is written, and every input is
 * byte for byte what it was.
 */
import { describe, expect, test } from '@jest/globals';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { runCase, table, type HostileCase, type Run } from './hostile.js';

const PREDS = 'predictions/eval-predictions.csv';
const RULES = 'rules:\n  roc_auc: { threshold: 0.5 }\n';
const GATE = ['gate', '--data', PREDS, '--label', 'churned', '--candidate', 'p_candidate'];
const SUITE = 'expectations:\n  - type: expect_column_to_exist\n    column: churned\n';

const refused = (what: RegExp) => (run: Run) => {
  expect(run.code).toBe(run.via === 'action bundle (Node 24)' ? 1 : 2);
  expect(run.stdout + run.stderr).toMatch(what);
};
const IS_INPUT = /is one of the input files/;
const VIA_LINK = /is one of the input files \(the same file as .*, through a link\)/;

const cases: HostileCase[] = [
  {
    name: 'metrics --out is the data file',
    demo: true,
    args: ['metrics', '--data', PREDS, '--label', 'churned', '--score', 'p_candidate', '--out', PREDS],
    check: refused(/--out predictions\/eval-predictions\.csv is one of the input files/),
  },
  {
    name: 'metrics --out is a symlink to the data file',
    demo: true,
    files: { 'out.json': { symlink: PREDS } },
    args: ['metrics', '--data', PREDS, '--label', 'churned', '--score', 'p_candidate', '--out', 'out.json'],
    check: refused(VIA_LINK),
  },
  {
    name: 'metrics --out is a hard link of the data file',
    demo: true,
    files: { 'out.json': { hardlink: PREDS } },
    args: ['metrics', '--data', PREDS, '--label', 'churned', '--score', 'p_candidate', '--out', 'out.json'],
    check: refused(VIA_LINK),
  },
  {
    name: 'metrics --out goes through a symlinked folder to the data file',
    demo: true,
    files: { 'up/p': { symlink: '../predictions' } },
    args: [
      'metrics',
      '--data',
      PREDS,
      '--label',
      'churned',
      '--score',
      'p_candidate',
      '--out',
      'up/p/eval-predictions.csv',
    ],
    check: refused(VIA_LINK),
  },
  {
    name: 'gate --out is the rules file',
    demo: true,
    files: { 'rules.yml': RULES },
    args: [...GATE, '--baseline', 'p_baseline', '--rules', 'rules.yml', '--out', 'rules.yml'],
    check: refused(IS_INPUT),
  },
  {
    name: 'gate --out is a hard link of --baseline-metrics',
    demo: true,
    files: {
      'rules.yml': RULES,
      'main.json': '{"roc_auc": 0.7}',
      'gate.json': { hardlink: 'main.json' },
    },
    args: [...GATE, '--baseline-metrics', 'main.json', '--rules', 'rules.yml', '--out', 'gate.json'],
    check: refused(VIA_LINK),
  },
  {
    name: 'gate --out is a symlink to --baseline-data',
    demo: true,
    files: { 'rules.yml': RULES, 'gate.json': { symlink: PREDS } },
    args: [
      ...GATE,
      '--baseline-data',
      PREDS,
      '--baseline',
      'p_baseline',
      '--id',
      'id',
      '--rules',
      'rules.yml',
      '--out',
      'gate.json',
    ],
    check: refused(IS_INPUT),
  },
  {
    name: 'data check --out is a symlink to the suite',
    demo: true,
    files: { 'data.json': { symlink: 'data-suite.yml' } },
    args: ['data', 'check', '--data', 'data/eval.csv', '--suite', 'data-suite.yml', '--out', 'data.json'],
    check: refused(VIA_LINK),
  },
  {
    name: 'data profile --suite-out is the data file, even with --force',
    demo: true,
    args: ['data', 'profile', '--data', 'data/eval.csv', '--suite-out', 'data/eval.csv', '--force'],
    check: refused(/--suite-out data\/eval\.csv is one of the input files/),
  },
  {
    name: 'data profile --suite-out is a hard link of the data file, with --force',
    demo: true,
    files: { 'suite.yml': { hardlink: 'data/eval.csv' } },
    args: ['data', 'profile', '--data', 'data/eval.csv', '--suite-out', 'suite.yml', '--force'],
    check: refused(VIA_LINK),
  },
  {
    name: 'data profile --out and --suite-out are one file',
    demo: true,
    args: ['data', 'profile', '--data', 'data/eval.csv', '--suite-out', 'p.yml', '--out', 'p.yml'],
    check: refused(/--out p\.yml is also the path of --suite-out/),
  },
  {
    name: 'data merge --out is one of the profiles (hard link)',
    files: { 'p0.json': '{}', 'merged.json': { hardlink: 'p0.json' } },
    args: ['data', 'merge', 'p0.json', '--out', 'merged.json'],
    check: refused(VIA_LINK),
  },
  {
    name: 'drift --out is a symlink to the reference',
    demo: true,
    files: { 'drift.json': { symlink: 'data/reference.csv' } },
    args: [
      'drift',
      '--reference',
      'data/reference.csv',
      '--current',
      'data/current.csv',
      '--out',
      'drift.json',
    ],
    check: refused(VIA_LINK),
  },
  {
    name: 'drift --out is a hard link of the current data',
    demo: true,
    files: { 'drift.json': { hardlink: 'data/current.csv' } },
    args: [
      'drift',
      '--reference',
      'data/reference.csv',
      '--current',
      'data/current.csv',
      '--out',
      'drift.json',
    ],
    check: refused(VIA_LINK),
  },
  {
    name: 'smoke --out is model.json',
    demo: true,
    args: ['smoke', '--model', 'model/model.json', '--out', 'model/model.json'],
    check: refused(IS_INPUT),
  },
  {
    name: 'smoke --out is a symlink to a weight shard the manifest names',
    demo: true,
    files: { 'smoke.json': { symlink: 'model/weights.bin' } },
    args: ['smoke', '--model', 'model', '--out', 'smoke.json'],
    check: refused(VIA_LINK),
  },
  {
    name: 'smoke --record-golden onto model.json',
    demo: true,
    args: ['smoke', '--model', 'model/model.json', '--golden', 'model/model.json', '--record-golden'],
    check: refused(/golden file model\/model\.json is one of the input files/),
  },
  {
    name: 'smoke --record-golden onto a hard link of the weight shard',
    demo: true,
    files: { 'golden.json': { hardlink: 'model/weights.bin' } },
    args: ['smoke', '--model', 'model/model.json', '--golden', 'golden.json', '--record-golden'],
    check: refused(VIA_LINK),
  },
  {
    name: 'smoke --record-golden onto the inputs file',
    demo: true,
    args: [
      'smoke',
      '--model',
      'model/model.json',
      '--inputs',
      'smoke/inputs.json',
      '--golden',
      'smoke/inputs.json',
      '--record-golden',
    ],
    check: refused(IS_INPUT),
  },
  {
    name: 'smoke --out and the recorded golden file are one file',
    demo: true,
    args: [
      'smoke',
      '--model',
      'model/model.json',
      '--golden',
      'g.json',
      '--record-golden',
      '--out',
      'g.json',
    ],
    check: refused(/--out g\.json is also the path of golden file/),
  },
  {
    name: 'smoke --out is the ONNX model’s external data',
    files: {
      'm/model.onnx': { copy: 'test/fixtures/safety/external-data/model.onnx' },
      'm/weights.bin': { copy: 'test/fixtures/safety/external-data/weights.bin' },
    },
    args: ['smoke', '--model', 'm/model.onnx', '--out', 'm/weights.bin'],
    check: refused(IS_INPUT),
  },
  {
    name: 'run: a result name is an input in --out-dir (the config itself)',
    demo: true,
    files: {
      'out/metrics.json':
        'version: 1\nmetrics:\n  data: ../predictions/eval-predictions.csv\n  label: churned\n  score: p_candidate\n',
    },
    args: ['run', '--config', 'out/metrics.json', '--out-dir', 'out'],
    check: (run, dir) => {
      refused(/result file (\/.*\/)?out\/metrics\.json is one of the input files/)(run);
      expect(readdirSync(join(dir, 'out'))).toEqual(['metrics.json']); // nothing written at all
    },
  },
  {
    name: 'run: summary.md in --out-dir is the suite',
    demo: true,
    files: {
      'out/summary.md': 'expectations:\n  - type: expect_column_to_exist\n    column: churned\n',
      'cfg.yml': 'version: 1\ndata:\n  data: data/eval.csv\n  suite: out/summary.md\n',
    },
    args: ['run', '--config', 'cfg.yml', '--out-dir', 'out'],
    check: refused(/summary (\/.*\/)?out\/summary\.md is one of the input files/),
  },
  {
    name: 'run: a result file in --out-dir is a symlink to the data',
    demo: true,
    files: {
      'out/drift.json': { symlink: '../data/reference.csv' },
      'cfg.yml': 'version: 1\ndrift:\n  reference: data/reference.csv\n  current: data/current.csv\n',
    },
    args: ['run', '--config', 'cfg.yml', '--out-dir', 'out'],
    check: refused(VIA_LINK),
  },
  {
    name: 'run: a result file in --out-dir is a hard link of the rules',
    demo: true,
    files: {
      'rules.yml': RULES,
      'out/gate.json': { hardlink: 'rules.yml' },
      'cfg.yml': `version: 1\ngate:\n  data: ${PREDS}\n  label: churned\n  candidate: p_candidate\n  baseline: p_baseline\n  rules: rules.yml\n`,
    },
    args: ['run', '--config', 'cfg.yml', '--out-dir', 'out'],
    check: refused(VIA_LINK),
  },
  {
    name: 'run: the configuration records a golden file onto model.json (refused before any check)',
    demo: true,
    files: {
      'cfg.yml':
        'version: 1\nmetrics:\n  data: predictions/eval-predictions.csv\n  label: churned\n  score: p_candidate\nsmoke:\n  model: model/model.json\n  golden: model/model.json\n  record-golden: true\n',
    },
    args: ['run', '--config', 'cfg.yml', '--out-dir', 'out'],
    check: refused(/golden file (\/.*\/)?model\/model\.json is one of the input files/),
  },
  {
    name: 'cost --out is a hard link of the smoke result it reads',
    demo: true,
    files: { 'cost.json': { hardlink: 'base-results/smoke.json' } },
    args: [
      'cost',
      '--smoke',
      'base-results/smoke.json',
      '--requests-per-day',
      '1000000',
      '--out',
      'cost.json',
    ],
    check: refused(VIA_LINK),
  },
  {
    name: 'cost action: result-path is the pricing file',
    demo: true,
    files: { 'pricing.yml': 'providers: {}\n' },
    action: {
      name: 'cost',
      inputs: {
        smoke: 'base-results/smoke.json',
        'requests-per-day': '1000000',
        pricing: 'pricing.yml',
        'result-path': 'pricing.yml',
      },
    },
    check: refused(IS_INPUT),
  },
  {
    name: 'lint --sarif is a file of the linted repository',
    demo: true,
    args: ['lint', '--path', '.', '--sarif', 'README.md'],
    check: refused(/the SARIF file .*README\.md is one of the linted files/),
  },
  {
    name: 'smoke action: result-path is model.json',
    demo: true,
    action: { name: 'smoke', inputs: { model: 'model/model.json', 'result-path': 'model/model.json' } },
    check: refused(/input "result-path" .*model\/model\.json is one of the input files/),
  },
  {
    name: 'gate action: result-path is a hard link of the predictions',
    demo: true,
    files: { 'rules.yml': RULES, 'gate.json': { hardlink: PREDS } },
    action: {
      name: 'gate',
      inputs: {
        data: PREDS,
        label: 'churned',
        candidate: 'p_candidate',
        baseline: 'p_baseline',
        rules: 'rules.yml',
        'result-path': 'gate.json',
      },
    },
    check: refused(VIA_LINK),
  },
  {
    name: 'data-check action: result-path is a symlink to the suite',
    demo: true,
    files: { 'suite.yml': SUITE, 'data.json': { symlink: 'suite.yml' } },
    action: {
      name: 'data-check',
      inputs: { data: 'data/eval.csv', suite: 'suite.yml', 'result-path': 'data.json' },
    },
    check: refused(VIA_LINK),
  },
  {
    name: 'drift action: result-path is the reference',
    demo: true,
    action: {
      name: 'drift',
      inputs: {
        reference: 'data/reference.csv',
        current: 'data/current.csv',
        'result-path': 'data/reference.csv',
      },
    },
    check: refused(IS_INPUT),
  },
  {
    name: 'root action: a result name in out-dir is the configuration',
    demo: true,
    files: {
      'out/metrics.json':
        'version: 1\nmetrics:\n  data: ../predictions/eval-predictions.csv\n  label: churned\n  score: p_candidate\n',
    },
    action: { name: 'main', inputs: { config: 'out/metrics.json', 'out-dir': 'out' } },
    check: refused(/result file .*out\/metrics\.json is one of the input files/),
  },
];

describe('hostile class: overwrite through a path, a symlink or a hard link', () => {
  test.each(table(cases))('%s', async (_label, c, way) => {
    await runCase(c, way);
  });
});
