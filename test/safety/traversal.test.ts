/**
 * Hostile class 2 — traversal: nothing escapes its folder. Paths a model names (TF.js weight manifests,
 * ONNX external data) stay inside the model's folder after symbolic links, or the smoke check fails with a
 * finding naming the path; paths a configuration names stay inside the repository, or that check is an
 * error result; a symbolic link inside the repository never leads a read out of it. Nothing outside is
 * ever read: /etc/passwd's and the process environment's contents never appear.
 */
import { describe, expect, test } from '@jest/globals';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { runCase, table, type HostileCase, type Run } from './hostile.js';

const DEMO_MODEL = 'workflows-examples/demo/model';
const EXTERNAL = 'test/fixtures/safety/external-data';
const QUICK = ['--runs', '1', '--warmup', '0', '--batch', '2'];

/** A TF.js model folder whose manifest names `path` as its only shard. */
function tfjsNaming(path: string): Record<string, string> {
  const json = JSON.parse(readFileSync(join(process.cwd(), DEMO_MODEL, 'model.json'), 'utf8'));
  json.weightsManifest[0].paths = [path];
  return { 'm/model.json': JSON.stringify(json) };
}

/** Nothing read outside: no line of /etc/passwd, no variable of the environment. */
function nothingLeaked(run: Run): void {
  const all = run.stdout + run.stderr + run.summary;
  expect(all).not.toMatch(/root:x:0:0/);
  expect(all).not.toMatch(/\bPATH=\//);
}

/** The smoke check failed `loads` with a finding naming the path that leads out. */
const modelEscape = (named: RegExp) => (run: Run) => {
  nothingLeaked(run);
  expect(run.code).toBe(1);
  if (run.via === 'action bundle (Node 24)') {
    const finding = run.commands.find((c) => c.properties.title === 'smoke/path-outside-model');
    expect(finding?.message).toMatch(named);
    expect(run.outputs.status).toBe('fail');
  } else {
    expect(run.stdout).toMatch(/✘ Inference smoke test: fail — 1 of 1 checks failed \(loads\)/);
    expect(run.stdout).toMatch(named);
    expect(run.stdout).toMatch(/outside the model's folder/);
  }
};

/** The run's check with a path outside the repository is an error result; the others still ran. */
const configEscape =
  (named: RegExp, others = 0) =>
  (run: Run, dir: string) => {
    nothingLeaked(run);
    expect(run.stdout + run.stderr).toMatch(named);
    if (run.via === 'action bundle (Node 24)') {
      expect(run.outputs.status).toBe('error');
      expect(run.commands.some((c) => c.properties.title?.endsWith('/path-outside-repository'))).toBe(true);
    } else {
      expect(run.code).toBe(2);
      expect(run.stdout).toMatch(/: error — /);
    }
    const results = readdirSync(join(dir, 'out')).filter((f) => f.endsWith('.json'));
    expect(results).toHaveLength(1 + others);
  };

/** Refused before anything was read, naming the link. */
const linkRefused = (run: Run) => {
  nothingLeaked(run);
  expect(run.code).toBe(run.via === 'action bundle (Node 24)' ? 1 : 2);
  expect(run.stdout + run.stderr).toMatch(/leads out of .* \(it resolves through a symbolic link to /);
};

const METRICS = 'metrics:\n  data: DATA\n  label: churned\n  score: p_candidate\n';
const config = (data: string, extra = '') => `version: 1\n${METRICS.replace('DATA', data)}${extra}`;
const DRIFT_OK = 'drift:\n  reference: data/reference.csv\n  current: data/current.csv\n';

const cases: HostileCase[] = [
  {
    name: 'TF.js manifest walks out with ../../../../etc/passwd',
    files: { ...tfjsNaming('../../../../../../../../etc/passwd') },
    args: ['smoke', '--model', 'm/model.json', ...QUICK],
    action: { name: 'smoke', inputs: { model: 'm/model.json', runs: '1', warmup: '0' } },
    check: modelEscape(/weightsManifest\[0\]\.paths\[0\] names "(\.\.\/)+etc\/passwd" outside/),
  },
  {
    name: 'TF.js manifest names an absolute path',
    files: { ...tfjsNaming('/etc/passwd') },
    args: ['smoke', '--model', 'm', ...QUICK],
    action: { name: 'smoke', inputs: { model: 'm', runs: '1', warmup: '0' } },
    check: modelEscape(/names "\/etc\/passwd" outside the model's folder \(an absolute path/),
  },
  {
    name: 'TF.js shard is a symlink in the model folder to /etc/passwd',
    files: {
      'm/model.json': { copy: `${DEMO_MODEL}/model.json` },
      'm/weights.bin': { symlink: '/etc/passwd' },
    },
    args: ['smoke', '--model', 'm/model.json', ...QUICK],
    check: modelEscape(
      /names "weights\.bin" outside the model's folder \(it resolves through a symbolic link/,
    ),
  },
  {
    name: 'TF.js shard under a symlinked subfolder that points to /etc',
    files: { ...tfjsNaming('sub/passwd'), 'm/sub': { symlink: '/etc' } },
    args: ['smoke', '--model', 'm/model.json', ...QUICK],
    check: modelEscape(/names "sub\/passwd" outside/),
  },
  {
    name: 'TF.js shard next to the model folder (inside the repository, outside the model)',
    files: { ...tfjsNaming('../weights.bin'), 'weights.bin': { copy: `${DEMO_MODEL}/weights.bin` } },
    args: ['smoke', '--model', 'm/model.json', ...QUICK],
    check: modelEscape(/names "\.\.\/weights\.bin" outside/),
  },
  {
    name: 'ONNX external data walks out with ../',
    files: { 'm/model.onnx': { copy: 'test/fixtures/safety/escape/dotdot.onnx' } },
    args: ['smoke', '--model', 'm/model.onnx', ...QUICK],
    action: { name: 'smoke', inputs: { model: 'm/model.onnx', runs: '1', warmup: '0' } },
    check: modelEscape(/external data of tensor "b" names "(\.\.\/)+etc\/passwd" outside/),
  },
  {
    name: 'ONNX external data names an absolute path',
    files: { 'm/model.onnx': { copy: 'test/fixtures/safety/escape/absolute.onnx' } },
    args: ['smoke', '--model', 'm/model.onnx', ...QUICK],
    check: modelEscape(/external data of tensor "W" names "\/etc\/passwd" outside/),
  },
  {
    name: 'ONNX external data file is a symlink to /etc/passwd',
    files: {
      'm/model.onnx': { copy: `${EXTERNAL}/model.onnx` },
      'm/weights.bin': { symlink: '/etc/passwd' },
    },
    args: ['smoke', '--model', 'm/model.onnx', ...QUICK],
    check: modelEscape(
      /names "weights\.bin" outside the model's folder \(it resolves through a symbolic link/,
    ),
  },
  {
    name: 'ONNX external data inside the folder loads and runs (the control)',
    files: {
      'm/model.onnx': { copy: `${EXTERNAL}/model.onnx` },
      'm/weights.bin': { copy: `${EXTERNAL}/weights.bin` },
    },
    args: ['smoke', '--model', 'm/model.onnx', ...QUICK],
    action: { name: 'smoke', inputs: { model: 'm/model.onnx', runs: '1', warmup: '0' } },
    check: (run) => {
      expect(run.code).toBe(0);
      if (run.via === 'action bundle (Node 24)') expect(run.outputs.status).toBe('pass');
      else expect(run.stdout).toMatch(/✔ Inference smoke test: pass/);
    },
  },
  {
    name: 'config: metrics data walks out of the repository',
    demo: true,
    files: { 'cfg.yml': config('../../../../../../etc/passwd', DRIFT_OK) },
    args: ['run', '--config', 'cfg.yml', '--out-dir', 'out'],
    action: { name: 'main', inputs: { config: 'cfg.yml', 'out-dir': 'out' } },
    check: configEscape(/metrics: \/etc\/passwd is outside the repository/, 1),
  },
  {
    name: 'config: metrics data is an absolute path',
    demo: true,
    files: { 'cfg.yml': config('/etc/passwd') },
    args: ['run', '--config', 'cfg.yml', '--out-dir', 'out'],
    check: configEscape(/metrics: \/etc\/passwd is outside the repository/),
  },
  {
    name: 'config: data is a symlink in the repository to /proc/self/environ',
    demo: true,
    files: { 'environ.csv': { symlink: '/proc/self/environ' }, 'cfg.yml': config('environ.csv', DRIFT_OK) },
    args: ['run', '--config', 'cfg.yml', '--out-dir', 'out'],
    action: { name: 'main', inputs: { config: 'cfg.yml', 'out-dir': 'out' } },
    check: configEscape(/metrics: environ\.csv leads out of the repository .*symbolic link to \/proc\//, 1),
  },
  {
    name: 'config: the suite lies outside the repository',
    demo: true,
    files: { 'cfg.yml': 'version: 1\ndata:\n  data: data/eval.csv\n  suite: /etc/hostname\n' },
    args: ['run', '--config', 'cfg.yml', '--out-dir', 'out'],
    check: configEscape(/data: \/etc\/hostname is outside the repository/),
  },
  {
    name: 'config: a golden file recorded outside the repository is never written',
    demo: true,
    files: {
      'cfg.yml':
        'version: 1\nsmoke:\n  model: model/model.json\n  golden: ../outside-golden.json\n  record-golden: true\n  runs: 1\n  warmup: 0\n',
    },
    args: ['run', '--config', 'cfg.yml', '--out-dir', 'out'],
    check: (run, dir) => {
      configEscape(/smoke: .*outside-golden\.json is outside the repository/)(run, dir);
      expect(existsSync(join(dir, '..', 'outside-golden.json'))).toBe(false);
    },
  },
  {
    name: 'CLI: a data file that is a symlink to /proc/self/environ',
    demo: true,
    files: { 'environ.csv': { symlink: '/proc/self/environ' } },
    args: ['metrics', '--data', 'environ.csv', '--label', 'churned', '--score', 'p'],
    check: linkRefused,
  },
  {
    name: 'CLI: a data folder in the repository that is a symlink to /etc',
    files: { data: { symlink: '/etc' } },
    args: ['drift', '--reference', 'data/passwd', '--current', 'data/group'],
    check: linkRefused,
  },
  {
    name: 'CLI: a rules file that is a symlink out of the repository',
    demo: true,
    files: { 'rules.yml': { symlink: '/etc/passwd' } },
    args: [
      'gate',
      '--data',
      'predictions/eval-predictions.csv',
      '--label',
      'churned',
      '--candidate',
      'p_candidate',
      '--baseline',
      'p_baseline',
      '--rules',
      'rules.yml',
    ],
    check: linkRefused,
  },
  {
    name: 'CLI: smoke inputs that are a symlink out of the repository',
    demo: true,
    files: { 'in.json': { symlink: '/etc/passwd' } },
    args: ['smoke', '--model', 'model/model.json', '--inputs', 'in.json', ...QUICK],
    check: linkRefused,
  },
  {
    name: 'CLI: a cost pricing file that is a symlink out of the repository',
    demo: true,
    files: { 'pricing.yml': { symlink: '/etc/passwd' } },
    args: [
      'cost',
      '--smoke',
      'base-results/smoke.json',
      '--requests-per-day',
      '1000000',
      '--pricing',
      'pricing.yml',
    ],
    action: {
      name: 'cost',
      inputs: { smoke: 'base-results/smoke.json', 'requests-per-day': '1000000', pricing: 'pricing.yml' },
    },
    check: linkRefused,
  },
  {
    name: 'action: a data input that is a symlink out of the workspace',
    demo: true,
    files: { 'ref.csv': { symlink: '/etc/passwd' } },
    action: { name: 'drift', inputs: { reference: 'ref.csv', current: 'data/current.csv' } },
    check: linkRefused,
  },
  {
    name: 'action: a suite that is a symlink out of the workspace',
    demo: true,
    files: { 'suite.yml': { symlink: '/proc/self/environ' } },
    action: { name: 'data-check', inputs: { data: 'data/eval.csv', suite: 'suite.yml' } },
    check: linkRefused,
  },
];

describe('hostile class: traversal out of the model folder or the repository', () => {
  test.each(table(cases))('%s', async (_label, c, way) => {
    await runCase(c, way);
  });
});
