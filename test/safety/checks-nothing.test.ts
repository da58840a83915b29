/**
 * Hostile class 7 — a check that checks nothing says so: a gate without rules, a configuration without
 * checks, a suite without expectations, drift without a common column. A pull request could otherwise
 * empty a rules file or a suite and turn the check green; each is exit 2 with the reason instead.
 */
import { describe, expect, test } from '@jest/globals';
import { expectOneLineError, runCase, table, type HostileCase, type Run } from './hostile.js';

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
const error = (message: RegExp) => (run: Run) => expectOneLineError(run, message);

const cases: HostileCase[] = [
  {
    name: 'gate without rules',
    demo: true,
    args: GATE,
    action: { name: 'gate', inputs: GATE_INPUTS },
    check: error(/the gate has no rules, so it would check nothing/),
  },
  {
    name: 'gate with an empty rules map',
    demo: true,
    files: { 'rules.yml': 'rules: {}\n' },
    args: [...GATE, '--rules', 'rules.yml'],
    action: { name: 'gate', inputs: { ...GATE_INPUTS, rules: 'rules.yml' } },
    check: error(/the gate's rules in rules\.yml are empty, so it would check nothing/),
  },
  {
    name: 'run: gate.rules is an empty map in the configuration',
    demo: true,
    files: {
      'cfg.yml': `version: 1\ngate:\n  data: ${PREDS}\n  label: churned\n  candidate: p_candidate\n  rules: {}\n`,
    },
    args: ['run', '--config', 'cfg.yml'],
    action: { name: 'main', inputs: { config: 'cfg.yml' } },
    check: (run) => {
      expect(run.code).toBe(run.via === 'action bundle (Node 24)' ? 1 : 2);
      expect(run.stdout + run.stderr).toMatch(/the gate's rules are empty, so it would check nothing/);
      if (run.via === 'action bundle (Node 24)') expect(run.outputs.status).toBe('error');
    },
  },
  {
    name: 'run: a configuration without any check',
    files: { 'cfg.yml': 'version: 1\n' },
    args: ['run', '--config', 'cfg.yml'],
    action: { name: 'main', inputs: { config: 'cfg.yml' } },
    check: error(
      /cfg\.yml:1:1: no check is configured, so a run would check nothing; add at least one of: [a-z, ]*\bsmoke\b/,
    ),
  },
  {
    name: 'data check: a YAML suite without expectations',
    demo: true,
    files: { 'suite.yml': 'name: empty\nexpectations: []\n' },
    args: ['data', 'check', '--data', 'data/eval.csv', '--suite', 'suite.yml'],
    action: { name: 'data-check', inputs: { data: 'data/eval.csv', suite: 'suite.yml' } },
    check: error(/suite\.yml:2: expectations: the suite has no expectations, so it would check nothing/),
  },
  {
    name: 'data check: a GX JSON suite without expectations',
    demo: true,
    files: { 'suite.json': '{"expectation_suite_name": "empty", "expectations": []}' },
    args: ['data', 'check', '--data', 'data/eval.csv', '--suite', 'suite.json'],
    check: error(/suite\.json:1: expectations: the suite has no expectations/),
  },
  {
    name: 'drift: two files without a common column',
    files: { 'a.csv': 'x,y\n1,2\n3,4\n', 'b.csv': 'u,v\n1,2\n3,4\n' },
    args: ['drift', '--reference', 'a.csv', '--current', 'b.csv'],
    action: { name: 'drift', inputs: { reference: 'a.csv', current: 'b.csv' } },
    check: error(/a\.csv and .*b\.csv have no column in common/),
  },
  {
    name: 'drift: every common column excluded',
    files: { 'a.csv': 'x,y\n1,2\n3,4\n', 'b.csv': 'x,y\n1,2\n3,4\n' },
    args: ['drift', '--reference', 'a.csv', '--current', 'b.csv', '--exclude', 'x,y'],
    check: error(/every common column is excluded; nothing to compare/),
  },
];

describe('hostile class: a check that checks nothing', () => {
  test.each(table(cases))('%s', async (_label, c, way) => {
    await runCase(c, way);
  });
});
