/**
 * Issue 15, display half: numbers rounded for people (4 significant digits) while result files keep the
 * full double, drift rows that state the comparison that decided, warnings for checks set never to fail,
 * and paths as the user wrote them. On real results: the CLI on the drift and data fixtures, and
 * `model-ci run` on the demo.
 */
import { beforeAll, describe, expect, test } from '@jest/globals';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { driftPresenter } from '../../src/checks/drift/present.js';
import type { CheckResult } from '../../src/core/result.js';
import { formatNumber, formatSigned } from '../../src/report/format.js';
import { cli } from '../helpers/cli.js';
import { ROOT } from '../helpers/run-bundle.js';

/** Significant digits of a number as printed (`40 967`, `0.002682`, `1.234e-5`, `−0.06039`). */
function significantDigits(text: string): number {
  const mantissa = text.replace(/[\u202f−-]/g, '').split('e')[0];
  if (!mantissa.includes('.')) return mantissa.replace(/0+$/, '').length; // integers print in full
  return mantissa.replace('.', '').replace(/^0+/, '').length;
}

/** Non-integer numbers in a text (integers such as counts print in full). */
function decimals(text: string): string[] {
  return text.match(/[−-]?\d+\.\d+(e[−-]?\d+)?/g) ?? [];
}

describe('formatNumber: one helper, 4 significant digits', () => {
  test.each([
    [40967.01104218362, '40\u202f967'],
    [0.81873, '0.8187'],
    [0.002681893, '0.002682'],
    [1.23456e-5, '1.235e-5'],
    [1e-5, '1e-5'],
    [-0.0603912, '−0.06039'],
    [1234.5678, '1235'],
    [0.5, '0.5'],
    [1000, '1000'],
    [12345, '12\u202f345'],
    [Infinity, '∞'],
    [null, '–'],
  ])('%p → %s', (x, text) => {
    expect(formatNumber(x as number)).toBe(text);
  });

  test('changes carry their sign with the same digits', () => {
    expect(formatSigned(0.078283)).toBe('+0.07828');
    expect(formatSigned(-0.0603912)).toBe('−0.06039');
    expect(formatSigned(0)).toBe('±0');
  });
});

describe('drift on the fixtures, from the CLI', () => {
  const dir = mkdtempSync(join(tmpdir(), 'display-'));
  const out = join(dir, 'drift.json');
  let run: Awaited<ReturnType<typeof cli>>;
  let result: CheckResult;

  beforeAll(async () => {
    run = await cli([
      'drift',
      '--reference',
      'test/fixtures/drift/reference.csv',
      '--current',
      'test/fixtures/drift/current.csv',
      '--no-fail-on-drift',
      '--out',
      out,
    ]);
    result = JSON.parse(readFileSync(out, 'utf8')) as CheckResult;
  });

  test('the console rounds every number to 4 significant digits; the result keeps full precision', () => {
    expect(run.code).toBe(0);
    const shown = decimals(run.stdout);
    expect(shown.length).toBeGreaterThan(5);
    for (const n of shown) expect([n, significantDigits(n)]).toEqual([n, expect.any(Number)]);
    expect(shown.filter((n) => significantDigits(n) > 4)).toEqual([]);
    // The result file: the raw doubles (a p-value with more than 4 significant digits).
    const cols = (result.details.columns as { name: string; ks?: { pvalue: number } }[]).filter((c) => c.ks);
    expect(cols.some((c) => significantDigits(String(c.ks!.pvalue)) > 4)).toBe(true);
  });

  test('a check set never to fail shows its findings as warnings, never "error:"', () => {
    expect(result.status).toBe('warn');
    expect(run.stdout).toContain('  warning: Column "age" drifted');
    expect(run.stdout).not.toMatch(/^\s*error:/m);
  });

  test('paths as the user wrote them, in the result and on the console', () => {
    expect(result.inputs.reference).toBe('test/fixtures/drift/reference.csv');
    expect(run.stdout).toContain(
      'Column "zip" is numeric in test/fixtures/drift/reference.csv but categorical in test/fixtures/drift/current.csv',
    );
    expect(run.stdout + run.stderr + readFileSync(out, 'utf8')).not.toContain(ROOT);
  });

  test('each Markdown row states the comparison that decided, and no two cells repeat one number', () => {
    const md = driftPresenter.markdown(result);
    const rows = md
      .split('\n')
      .filter((l) => l.startsWith('| ') && !l.startsWith('| Column') && !l.startsWith('| ---'));
    expect(rows.length).toBe(5);
    for (const row of rows) {
      expect(row).toMatch(/(adj\. )?(p|W\/σ|JS|PSI) = [\d.e−-]+ (<|≥) 0\.\d+, (drifted|no drift)/);
      const numbers = row.split('|').map((cell) => decimals(cell));
      const all = numbers.flat();
      expect(new Set(all).size).toBe(all.length);
    }
    expect(md).toContain('🔴 **adj. p = 5.515e-6 < 0.05, drifted**');
    for (const n of decimals(md.replace(/```mermaid[\s\S]*?```/g, '')))
      expect(significantDigits(n)).toBeLessThanOrEqual(4);
  });

  test('the HTML states the same comparison', () => {
    const html = driftPresenter.html!(result);
    expect(html).toContain('adj. p = 5.515e-6 &lt; 0.05, drifted');
  });
});

describe('a data suite set never to fail (fail-on: never)', () => {
  test('reports its failed expectations as warnings on the console and in the result', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'display-')), 'data.json');
    const r = await cli([
      'data',
      'check',
      '--data',
      'test/fixtures/data-quality/expectations-data.csv',
      '--suite',
      'test/fixtures/data-quality/expectations-suite.json',
      '--fail-on',
      'never',
      '--out',
      out,
    ]);
    expect(r.code).toBe(0);
    const result = JSON.parse(readFileSync(out, 'utf8')) as CheckResult;
    expect(result.status).toBe('warn');
    expect(result.findings.length).toBeGreaterThan(0);
    expect(result.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(r.stdout).toMatch(/^ {2}warning: /m);
    expect(r.stdout).not.toMatch(/^\s*error:/m);
  });
});

describe('model-ci run on the demo', () => {
  test("no result file or console line holds the runner's absolute paths (lint, smoke, gate, data, drift, image)", async () => {
    const out = mkdtempSync(join(tmpdir(), 'display-run-'));
    const r = await cli(['run', '--config', 'workflows-examples/demo/.model-ci.yml', '--out-dir', out]);
    expect(r.code).toBe(0);
    const files = readdirSync(out).filter((f) => f.endsWith('.json'));
    for (const check of ['lint', 'smoke', 'gate', 'data', 'drift']) expect(files.join()).toContain(check);
    for (const f of files) expect([f, readFileSync(join(out, f), 'utf8').includes(ROOT)]).toEqual([f, false]);
    expect(r.stderr).not.toContain(ROOT);
    expect(r.stdout.replace(out, '')).not.toContain(ROOT);
    const drift = JSON.parse(readFileSync(join(out, 'drift.json'), 'utf8')) as CheckResult;
    // Relative to the config's folder, as written in .model-ci.yml.
    expect(drift.inputs.reference).toBe('data/reference.csv');
  }, 300_000);
});
