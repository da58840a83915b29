/* eslint-disable no-control-regex -- control characters are what these tests look for */
/**
 * Hostile class 3 — workflow-command injection: text a pull request controls (column names, category
 * values, rules keys, suite columns, configuration names and keys, file names, a served model's output)
 * reaches the console, the log, annotations and result files with its control characters made visible,
 * and the runner never receives a command from it: no `::add-mask::`, `::set-output`, `::error
 * title=injected`, `##[...]`, no line break that starts a new command, no terminal escape.
 */
import { describe, expect, test } from '@jest/globals';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { INJECTED_COLUMN, INJECTED_KEY, runCase, table, type HostileCase, type Run } from './hostile.js';

const NODE = process.execPath;
/** The injected column as it must appear: on one line, its line break written as `\n`. */
const SHOWN = 'x\\n::error title=injected::pwned';
const csvCell = (s: string) => `"${s.replace(/"/g, '""')}"`;
const INJECTED_CSV =
  `${csvCell(INJECTED_COLUMN)},p,${csvCell('cat\x1b[2J')}\n` +
  ['0,0.1,"::set-output name=status::pass"', '1,0.8,"::add-mask::x"', '0,0.3,"\x1b[31mred"', '1,0.7,b']
    .concat(['0,0.2,a', '1,0.9,a', '0,0.4,b', '1,0.6,"##[add-mask]y"'])
    .join('\n') +
  '\n';
const RULES = 'rules:\n  roc_auc: { threshold: 0.5 }\n';

/** The injected text appears (so it was not hidden), visibly escaped. */
const shows =
  (...texts: (string | RegExp)[]) =>
  (run: Run) => {
    const all = run.stdout + run.stderr + run.summary;
    for (const t of texts) {
      if (typeof t === 'string') expect(all).toContain(t);
      else expect(all).toMatch(t);
    }
  };

/** A file's result JSON (written with --out / result-path) keeps the human text visible too. */
const resultTextVisible = (file: string) => (_run: Run, dir: string) => {
  const r = JSON.parse(readFileSync(join(dir, file), 'utf8'));
  const human = [r.summary, ...r.findings.map((f: { message: string }) => f.message)].join('\n');
  expect(human).not.toMatch(/[\r\x1b]/);
  for (const f of r.findings) expect(f.message).not.toContain('\n');
};

const both =
  (...checks: ((run: Run, dir: string) => void)[]) =>
  (run: Run, dir: string) => {
    for (const c of checks) c(run, dir);
  };

const server = (mode: string) => ({
  'noisy-server.mjs': { copy: 'test/fixtures/safety/noisy-server.mjs' },
  'rows.json': '[[1, 2], [3, 4]]',
  mode,
});

function httpCase(name: string, mode: string, check: HostileCase['check']): HostileCase {
  const { mode: _m, ...files } = server(mode);
  const start = `${NODE} noisy-server.mjs ${mode} {port}`;
  const opts = {
    url: 'http://127.0.0.1:{port}/predict',
    start,
    inputs: 'rows.json',
    'start-timeout-ms': '1500',
    runs: '1',
    warmup: '0',
  };
  return {
    name,
    files,
    args: ['smoke', ...Object.entries(opts).flatMap(([k, v]) => [`--${k}`, v])],
    action: { name: 'smoke', inputs: opts },
    check,
  };
}

const cases: HostileCase[] = [
  {
    name: 'metrics: the label column is named x\\n::error title=injected::pwned',
    files: { 'p.csv': INJECTED_CSV },
    args: ['metrics', '--data', 'p.csv', '--label', INJECTED_COLUMN, '--score', 'p', '--out', 'm.json'],
    check: both((run) => expect(run.code).toBe(0), resultTextVisible('m.json')),
  },
  {
    name: 'metrics: a missing column, with the injected column in the list of columns',
    files: { 'p.csv': INJECTED_CSV },
    args: ['metrics', '--data', 'p.csv', '--label', 'y', '--score', 'p'],
    check: shows(SHOWN, 'cat\\u001b[2J'),
  },
  {
    name: 'gate: a slice column with ::set-output and ::add-mask values',
    files: { 'p.csv': INJECTED_CSV, 'rules.yml': RULES },
    args: [
      'gate',
      '--data',
      'p.csv',
      '--label',
      INJECTED_COLUMN,
      '--candidate',
      'p',
      '--rules',
      'rules.yml',
      '--slice-by',
      'cat\x1b[2J',
      '--out',
      'g.json',
    ],
    action: {
      name: 'gate',
      inputs: {
        data: 'p.csv',
        label: INJECTED_COLUMN,
        candidate: 'p',
        rules: 'rules.yml',
        'slice-by': 'cat\x1b[2J',
      },
    },
    check: (run, dir) => {
      expect(run.code).toBe(0);
      if (run.via !== 'action bundle (Node 24)') resultTextVisible('g.json')(run, dir);
    },
  },
  {
    name: 'gate: a rules key with \\r and \\x1b[2J',
    demo: true,
    files: { 'rules.yml': `rules:\n  ${JSON.stringify(INJECTED_KEY)}: { threshold: 0.5 }\n` },
    args: [
      'gate',
      '--data',
      'predictions/eval-predictions.csv',
      '--label',
      'churned',
      '--candidate',
      'p_candidate',
      '--rules',
      'rules.yml',
    ],
    action: {
      name: 'gate',
      inputs: {
        data: 'predictions/eval-predictions.csv',
        label: 'churned',
        candidate: 'p_candidate',
        rules: 'rules.yml',
      },
    },
    check: shows('unknown metric "roc\\r_auc\\x1b[2J"'),
  },
  {
    name: 'drift: injected column names and category values, drifted',
    files: {
      'ref.csv': INJECTED_CSV,
      'cur.csv': INJECTED_CSV.replace(/,a$/gm, ',"::error title=injected::pwned"'),
    },
    args: ['drift', '--reference', 'ref.csv', '--current', 'cur.csv', '--out', 'd.json'],
    action: { name: 'drift', inputs: { reference: 'ref.csv', current: 'cur.csv' } },
    check: (run, dir) => {
      expect([0, 1]).toContain(run.code);
      if (run.via !== 'action bundle (Node 24)') resultTextVisible('d.json')(run, dir);
      else expect(run.summary).not.toMatch(/[\x1b]/);
    },
  },
  {
    name: 'data check: a suite expecting the injected column to have no nulls',
    files: {
      'p.csv': INJECTED_CSV.replace('\n1,0.8,', '\n,0.8,'),
      'suite.yml': `expectations:\n  - type: expect_column_values_to_not_be_null\n    column: ${JSON.stringify(INJECTED_COLUMN)}\n  - type: expect_column_values_to_be_in_set\n    column: ${JSON.stringify('cat\x1b[2J')}\n    value_set: [a, b]\n`,
    },
    args: ['data', 'check', '--data', 'p.csv', '--suite', 'suite.yml', '--out', 'r.json'],
    action: { name: 'data-check', inputs: { data: 'p.csv', suite: 'suite.yml' } },
    check: (run, dir) => {
      expect(run.code).toBe(1);
      if (run.via === 'action bundle (Node 24)') {
        const annotations = run.commands.filter(
          (c) => c.name === 'error' && c.properties.file === 'suite.yml',
        );
        expect(annotations.length).toBeGreaterThan(0);
        expect(run.summary).not.toMatch(/\x1b/);
      } else resultTextVisible('r.json')(run, dir);
    },
  },
  {
    name: 'data check: the suite names an injected column that does not exist',
    files: {
      'p.csv': 'a\n1\n',
      'suite.yml': `expectations:\n  - type: expect_column_to_exist\n    column: ${JSON.stringify(INJECTED_COLUMN)}\n`,
    },
    args: ['data', 'check', '--data', 'p.csv', '--suite', 'suite.yml'],
    action: { name: 'data-check', inputs: { data: 'p.csv', suite: 'suite.yml' } },
    check: (run) => expect(run.code).toBe(1),
  },
  {
    name: 'data profile: injected column names and values',
    files: { 'p.csv': INJECTED_CSV },
    args: ['data', 'profile', '--data', 'p.csv', '--suite-out', 's.yml', '--out', 'pr.json'],
    check: (run, dir) => {
      expect(run.code).toBe(0);
      // The inferred suite keeps the real names (YAML-quoted), so it checks the real column.
      expect(readFileSync(join(dir, 's.yml'), 'utf8')).toContain('"x\\n::error title=injected::pwned"');
    },
  },
  {
    name: 'JSON Lines: a key with a line break and a command',
    files: { 'p.jsonl': '{"y\\n::add-mask::k": 1, "p": 0.5}\n{"y\\n::add-mask::k": 0, "p": 0.2}\n' },
    args: ['metrics', '--data', 'p.jsonl', '--label', 'y', '--score', 'p'],
    check: shows('y\\n::add-mask::k'),
  },
  {
    name: 'a data file whose name holds a line break and a command',
    files: { 'a\n::error title=injected::pwned.csv': 'y,p\n0,0.1\n1,0.9\n' },
    args: ['metrics', '--data', 'a\n::error title=injected::pwned.csv', '--label', 'zz', '--score', 'p'],
    check: shows('a\\n::error title=injected::pwned.csv'),
  },
  {
    name: 'config: a check name with a line break and a command',
    demo: true,
    files: {
      'cfg.yml':
        'version: 1\nmetrics:\n  name: "a\\n::error title=injected::pwned \\e[2J"\n  data: predictions/eval-predictions.csv\n  label: churned\n  score: p_candidate\n',
    },
    args: ['run', '--config', 'cfg.yml', '--out-dir', 'out'],
    action: { name: 'main', inputs: { config: 'cfg.yml', 'out-dir': 'out' } },
    check: (run, dir) => {
      expect(run.code).toBe(0);
      const written = readdirSync(join(dir, 'out')).sort();
      expect(written).toContain('metrics-a-error-title-injected-pwned-2j.json');
      for (const f of written.filter((n) => /\.(md|html)$/.test(n)))
        expect(readFileSync(join(dir, 'out', f), 'utf8')).not.toMatch(/\x1b|\n\s*::|title=injected::pwned\n/);
    },
  },
  {
    name: 'config: an unknown key with a line break and an escape',
    files: { 'cfg.yml': 'version: 1\nmetrics:\n  "lab\\nel\\e[2J": y\n' },
    args: ['run', '--config', 'cfg.yml'],
    action: { name: 'main', inputs: { config: 'cfg.yml' } },
    check: shows('unknown key "lab\\nel\\x1b[2J"'),
  },
  httpCase(
    'smoke HTTP: a server that prints ::add-mask::, ::set-output and ##[ lines, never healthy',
    'never',
    (run) => {
      expect(run.code).toBe(1);
      // The output is shown — inert — in the finding: on one line, escapes visible.
      shows(/last \d+ lines of its output: .*::add-mask::not-a-secret ⏎ ::set-output name=status::pass/)(run);
      if (run.via === 'action bundle (Node 24)') {
        // …and echoed in the log inside ::stop-commands::, so the runner ignores it.
        expect(run.commands.some((c) => c.name === 'stop-commands')).toBe(true);
        expect(run.stdout).toContain('\\x1b[2J');
        expect(run.outputs.status).toBe('fail');
      }
    },
  ),
  httpCase('smoke HTTP: a server that prints commands and exits', 'exit', (run) => {
    expect(run.code).toBe(1);
    shows(/server exited with code 3/, '\\x1b[2J\\x1b[31mscreen cleared')(run);
  }),
  httpCase('smoke HTTP: a server that answers 500 with commands in the body', 'bad-answer', (run) => {
    expect(run.code).toBe(1);
    shows(/answered HTTP 500: ::error title=injected::pwned \\x1b\[2J::add-mask::x/)(run);
  }),
];

describe('hostile class: workflow-command injection from PR text', () => {
  test.each(table(cases))('%s', async (_label, c, way) => {
    await runCase(c, way);
  });
});
