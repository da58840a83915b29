/**
 * Hostile class 5 — special files: every input (data, rules, suites, profiles, configurations, models,
 * inputs, golden files) may be a FIFO, a device, a folder, a socket or a broken link. Inputs are opened
 * non-blocking and pipes read as streams: a FIFO without a writer is an empty input at once (a clear
 * error, never a hang), a FIFO with a writer is read to its end, devices and sockets are refused by name.
 */
import { describe, expect, test } from '@jest/globals';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { readCsv } from '../../src/data/csv.js';
import { regularDataFile } from '../../src/data/open-file.js';
import { expectOneLineError, runCase, table, workspace, type HostileCase, type Run } from './hostile.js';

const PREDS = 'predictions/eval-predictions.csv';
const error = (message: RegExp) => (run: Run) => expectOneLineError(run, message);
const FIFO = { fifo: true } as const;
const QUICK = ['--runs', '1', '--warmup', '0'];

/** A writer that pipes `file` into the FIFO `fifo` while the command runs. */
function withWriter(file: string, fifo: string): Pick<HostileCase, 'prepare' | 'cleanup'> {
  let writer: ChildProcess | undefined;
  return {
    prepare: (dir) => {
      writer = spawn('sh', ['-c', 'cat "$0" > "$1"', file, fifo], { cwd: dir, stdio: 'ignore' });
    },
    cleanup: () => {
      writer?.kill('SIGKILL');
    },
  };
}

const unixSocket = (name: string) => ({
  prepare: (dir: string) => {
    execFileSync('/usr/bin/python3', [
      '-c',
      'import socket,sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])',
      join(dir, name),
    ]);
  },
});

const cases: HostileCase[] = [
  {
    name: 'metrics: the data is a FIFO nobody writes to',
    files: { 'p.csv': FIFO },
    args: ['metrics', '--data', 'p.csv', '--label', 'y', '--score', 'p'],
    check: error(/p\.csv:1:1: empty file: expected a header record/),
  },
  {
    name: 'metrics: JSON Lines from a FIFO nobody writes to',
    files: { 'p.jsonl': FIFO },
    args: ['metrics', '--data', 'p.jsonl', '--label', 'y', '--score', 'p'],
    check: error(/p\.jsonl/),
  },
  {
    name: 'metrics: Parquet from a FIFO nobody writes to',
    files: { 'p.parquet': FIFO },
    args: ['metrics', '--data', 'p.parquet', '--label', 'y', '--score', 'p'],
    check: error(/p\.parquet/),
  },
  {
    name: 'metrics: the data is a FIFO with a writer (read to its end, as the file)',
    demo: true,
    files: { 'p.csv': FIFO },
    ...withWriter(PREDS, 'p.csv'),
    args: ['metrics', '--data', 'p.csv', '--label', 'churned', '--score', 'p_candidate'],
    check: (run) => {
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/binary on 1000 rows \(297 positive\)/);
    },
  },
  {
    name: 'drift: the reference is a FIFO with a writer (read as the file)',
    demo: true,
    files: { 'ref.csv': FIFO },
    ...withWriter('data/reference.csv', 'ref.csv'),
    args: ['drift', '--reference', 'ref.csv', '--current', 'data/current.csv'],
    action: { name: 'drift', inputs: { reference: 'ref.csv', current: 'data/current.csv' } },
    check: (run) => expect([0, 1]).toContain(run.code),
  },
  {
    name: 'drift: the current data is a FIFO nobody writes to',
    demo: true,
    files: { 'cur.csv': FIFO },
    args: ['drift', '--reference', 'data/reference.csv', '--current', 'cur.csv'],
    action: { name: 'drift', inputs: { reference: 'data/reference.csv', current: 'cur.csv' } },
    check: error(/cur\.csv:1:1: empty file: expected a header record/),
  },
  {
    name: 'gate: the rules file is a FIFO nobody writes to',
    demo: true,
    files: { 'rules.yml': FIFO },
    args: [
      'gate',
      '--data',
      PREDS,
      '--label',
      'churned',
      '--candidate',
      'p_candidate',
      '--rules',
      'rules.yml',
    ],
    action: {
      name: 'gate',
      inputs: { data: PREDS, label: 'churned', candidate: 'p_candidate', rules: 'rules.yml' },
    },
    check: error(/rules\.yml:1: expected a map with a "rules" key, got null/),
  },
  {
    name: 'gate: --baseline-metrics is a FIFO nobody writes to',
    demo: true,
    files: { 'rules.yml': 'rules:\n  roc_auc: { threshold: 0.5 }\n', 'main.json': FIFO },
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
    check: error(/main\.json:1:1: invalid JSON: unexpected end of input/),
  },
  {
    name: 'data check: the suite is a FIFO nobody writes to',
    demo: true,
    files: { 'suite.yml': FIFO },
    args: ['data', 'check', '--data', 'data/eval.csv', '--suite', 'suite.yml'],
    action: { name: 'data-check', inputs: { data: 'data/eval.csv', suite: 'suite.yml' } },
    check: error(/suite\.yml:1: expected a suite object with an "expectations" list/),
  },
  {
    name: 'data check: the profile is a FIFO nobody writes to',
    demo: true,
    files: { 'p.json': FIFO },
    args: ['data', 'check', '--profile', 'p.json', '--suite', 'data-suite.yml'],
    check: error(/p\.json:1:1: invalid JSON: unexpected end of input/),
  },
  {
    name: 'data profile: the data is a FIFO nobody writes to',
    files: { 'p.csv': FIFO },
    args: ['data', 'profile', '--data', 'p.csv'],
    check: error(/p\.csv:1:1: empty file/),
  },
  {
    name: 'data merge: a profile is a FIFO nobody writes to',
    files: { 'p.json': FIFO },
    args: ['data', 'merge', 'p.json'],
    check: error(/p\.json:1:1: invalid JSON: unexpected end of input/),
  },
  {
    name: 'smoke: the model is a FIFO',
    files: { 'model.json': FIFO },
    args: ['smoke', '--model', 'model.json'],
    action: { name: 'smoke', inputs: { model: 'model.json' } },
    check: error(/model: ".*model\.json" is a named pipe; expected model\.json or a \.onnx file/),
  },
  {
    name: 'smoke: the inputs file is a FIFO nobody writes to',
    demo: true,
    files: { 'in.json': FIFO },
    args: ['smoke', '--model', 'model/model.json', '--inputs', 'in.json', ...QUICK],
    check: error(/in\.json:1:1: not valid JSON inputs: unexpected end of input/),
  },
  {
    name: 'smoke: the golden file is a FIFO nobody writes to',
    demo: true,
    files: { 'g.json': FIFO },
    args: ['smoke', '--model', 'model/model.json', '--golden', 'g.json', ...QUICK],
    check: error(/g\.json:1:1: not valid golden file: unexpected end of input/),
  },
  {
    name: 'run: the configuration is a FIFO nobody writes to',
    files: { 'cfg.yml': FIFO },
    args: ['run', '--config', 'cfg.yml'],
    action: { name: 'main', inputs: { config: 'cfg.yml' } },
    check: (run) => {
      expect(run.code).toBe(run.via === 'action bundle (Node 24)' ? 1 : 2);
      expect(run.stdout + run.stderr).toMatch(/cfg\.yml:1:1: expected a mapping with "version: 1"/);
    },
  },
  {
    name: 'cost: the pricing file is a FIFO nobody writes to',
    demo: true,
    files: { 'pricing.yml': FIFO },
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
    check: (run) => {
      expect(run.code).toBe(run.via === 'action bundle (Node 24)' ? 1 : 2);
      expect(run.stdout + run.stderr).toMatch(/pricing\.yml/);
    },
  },
  {
    name: 'cost: the smoke result is a FIFO',
    files: { 'smoke.json': FIFO },
    args: ['cost', '--smoke', 'smoke.json', '--requests-per-day', '1000000'],
    check: error(/smoke\.json: not a regular file/),
  },
  {
    name: 'metrics: /dev/null is an empty input',
    args: ['metrics', '--data', '/dev/null', '--label', 'y', '--score', 'p'],
    check: error(/\/dev\/null:1:1: empty file: expected a header record/),
  },
  {
    name: 'metrics: /dev/zero never ends, so it is refused',
    args: ['metrics', '--data', '/dev/zero', '--label', 'y', '--score', 'p'],
    check: error(/not a regular file: \/dev\/zero is a character device/),
  },
  {
    name: 'gate: rules from /dev/urandom are refused',
    demo: true,
    args: [
      'gate',
      '--data',
      PREDS,
      '--label',
      'churned',
      '--candidate',
      'p_candidate',
      '--rules',
      '/dev/urandom',
    ],
    check: error(/cannot read rules file \/dev\/urandom: it is a character device, not a file/),
  },
  {
    name: 'run: a configuration from /dev/zero is refused',
    args: ['run', '--config', '/dev/zero'],
    check: error(/cannot read configuration file .*\/dev\/zero: it is a character device, not a file/),
  },
  {
    name: 'data check: the suite is a folder',
    demo: true,
    files: { 'suite.yml': { dir: true } },
    args: ['data', 'check', '--data', 'data/eval.csv', '--suite', 'suite.yml'],
    check: error(/cannot read suite .*suite\.yml: it is a folder, not a file/),
  },
  {
    name: 'drift: the reference is a folder',
    files: { 'ref.csv': { dir: true }, 'cur.csv': 'a\n1\n' },
    args: ['drift', '--reference', 'ref.csv', '--current', 'cur.csv'],
    check: error(/not a regular file: .*ref\.csv is a folder/),
  },
  {
    name: 'metrics: the data is a Unix socket',
    files: {},
    ...unixSocket('p.csv'),
    args: ['metrics', '--data', 'p.csv', '--label', 'y', '--score', 'p'],
    check: error(/p\.csv/),
  },
  {
    name: 'gate: the rules file is a Unix socket',
    demo: true,
    ...unixSocket('rules.yml'),
    args: [
      'gate',
      '--data',
      PREDS,
      '--label',
      'churned',
      '--candidate',
      'p_candidate',
      '--rules',
      'rules.yml',
    ],
    check: error(/cannot read rules file rules\.yml: it is a socket/),
  },
  {
    name: 'metrics: the data is a dangling symbolic link',
    files: { 'p.csv': { symlink: 'nowhere.csv' } },
    args: ['metrics', '--data', 'p.csv', '--label', 'y', '--score', 'p'],
    check: error(/file not found: .*p\.csv/),
  },
  {
    name: 'data check: the suite is a symbolic link loop',
    demo: true,
    files: { 'a.yml': { symlink: 'b.yml' }, 'b.yml': { symlink: 'a.yml' } },
    args: ['data', 'check', '--data', 'data/eval.csv', '--suite', 'a.yml'],
    check: error(/cannot read suite .*a\.yml: too many levels of symbolic links/),
  },
];

describe('hostile class: special files (FIFOs, devices, folders, sockets, broken links)', () => {
  test.each(table(cases))('%s', async (_label, c, way) => {
    await runCase(c, way);
  });

  test('a piped CSV is read on two threads exactly as the file, and its temporary copy is removed', async () => {
    const dir = workspace({ 'p.csv': FIFO }, true);
    const { prepare, cleanup } = withWriter('data/reference.csv', 'p.csv');
    prepare!(dir);
    try {
      const copy = await regularDataFile(join(dir, 'p.csv'));
      expect(copy.copied).toBe(true);
      const piped = await readCsv(copy.path, { parallel: { threads: 2, minBytes: 1 } });
      const file = await readCsv(join(dir, 'data/reference.csv'), { parallel: { threads: 1 } });
      expect(piped.rows).toBe(file.rows);
      expect(piped.columns).toEqual(file.columns);
      await copy.dispose();
      expect(existsSync(copy.path)).toBe(false);
    } finally {
      cleanup!(dir);
    }
  });
});
