/**
 * `--slice-by`: baseline and candidate per slice, checked with the gate's own rules, shown in the
 * console, the Markdown (job summary, PR comment) and the HTML report. Numbers checked against
 * scikit-learn (test/fixtures/gate-slices/gen_gate_slices.py).
 */
import { beforeAll, describe, expect, test } from '@jest/globals';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gatePresenter } from '../../../src/checks/gate/present.js';
import type { SliceReport } from '../../../src/checks/gate/slices.js';
import type { CheckResult } from '../../../src/core/result.js';
import { formatNumber } from '../../../src/report/format.js';
import { renderReport } from '../../../src/report/render-report.js';
import { cli } from '../../helpers/cli.js';

const FX = 'test/fixtures/gate-slices';
interface Expected {
  slices: Record<
    string,
    { rows: number; candidate: Record<string, number>; baseline: Record<string, number> }
  >;
}
const expected = JSON.parse(readFileSync(join(FX, 'expected.json'), 'utf8')) as Expected;

describe('gate --slice-by on paired predictions', () => {
  let run: Awaited<ReturnType<typeof cli>>;
  let result: CheckResult;
  let slices: SliceReport[];

  beforeAll(async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'slices-')), 'gate.json');
    run = await cli([
      'gate',
      '--data',
      `${FX}/predictions.csv`,
      '--label',
      'label',
      '--candidate',
      'candidate',
      '--baseline',
      'baseline',
      '--rules',
      `${FX}/rules.yml`,
      '--slice-by',
      'region',
      '--out',
      out,
    ]);
    result = JSON.parse(readFileSync(out, 'utf8')) as CheckResult;
    slices = result.details.slices as SliceReport[];
  });

  test('baseline and candidate metrics per slice match scikit-learn', () => {
    expect(slices.map((s) => s.slice)).toEqual(Object.keys(expected.slices));
    for (const s of slices) {
      const want = expected.slices[s.slice!];
      expect(s.rows).toBe(want.rows);
      for (const m of ['roc_auc', 'f1']) {
        expect(s.metrics[m]).toBeCloseTo(want.candidate[m], 12);
        expect(s.baseline_metrics![m]).toBeCloseTo(want.baseline[m], 12);
      }
    }
  });

  test('the slice that regresses beyond the rule is flagged; the small one is shown but not checked', () => {
    const by = Object.fromEntries(slices.map((s) => [s.slice, s])) as Record<string, SliceReport>;
    expect(by.north.regressed).toBe(true);
    expect(by.north.conditions.find((c) => c.metric === 'roc_auc')?.outcome).toBe('fail');
    expect(by.south.regressed).toBe(false);
    expect(by.east.regressed).toBe(false);
    expect(by.west).toMatchObject({ flag: 'too_few_rows', regressed: false, conditions: [] });
    // Overall the candidate is better: the gate passes, with a warning for the slice.
    expect(result.status).toBe('warn');
    expect(result.summary).toMatch(/; 1 slice of region regressed$/);
    const finding = result.findings.find((f) => f.id === 'gate/slice-regressed');
    expect(finding).toMatchObject({ severity: 'warning', subject: 'region=north' });
    expect(finding?.message).toContain('roc_auc dropped by');
    expect(run.code).toBe(0);
  });

  test('the console shows baseline → candidate (Δ) per slice, regressed first', () => {
    const n = expected.slices.north;
    const cell = `${formatNumber(n.baseline.roc_auc)} → ${formatNumber(n.candidate.roc_auc)} (${formatNumber(n.candidate.roc_auc - n.baseline.roc_auc)})`;
    expect(cell).toBe('0.8458 → 0.6465 (−0.1993)');
    const lines = run.stdout.split('\n');
    const at = lines.findIndex((l) => l.trim() === 'slices by region:');
    expect(at).toBeGreaterThan(0);
    expect(lines[at + 1]).toMatch(
      /^\s+slice\s+rows\s+roc_auc \(baseline → candidate, Δ\)\s+f1 \(baseline → candidate, Δ\)\s+verdict$/,
    );
    expect(lines[at + 2]).toMatch(/^\s+north\s+120\s+0\.8458 → 0\.6465 \(−0\.1993\)\s+.*REGRESSED$/);
    expect(lines.slice(at + 3, at + 6).join('\n')).toMatch(
      /west\s+12 .*not checked \(12 rows, fewer than min_slice_rows 30\)/,
    );
    expect(run.stdout).toMatch(/warning: slice region=north \(120 rows\): roc_auc dropped by 0\.1993/);
  });

  test('the job summary / PR comment and the HTML report show the slices', () => {
    const md = gatePresenter.markdown(result);
    expect(md).toContain('**Slices by region**: 1 of 4 regressed');
    expect(md).toContain(
      '| slice | rows | roc_auc (baseline → candidate, Δ) | f1 (baseline → candidate, Δ) | verdict |',
    );
    expect(md).toMatch(
      /\| north \| 120 \| 0\.8458 → 0\.6465 \(−0\.1993\) \| .* \| 🔴 \*\*regressed\*\*: roc&#95;auc dropped by 0\.1993/,
    );
    expect(md).toMatch(
      /\| west \| 12 \| .* \| ⚪ not checked: 12 rows, fewer than min&#95;slice&#95;rows 30 \|/,
    );
    const report = renderReport({ results: { results: [{ result, file: 'gate.json' }] } });
    expect(report.comment.body).toContain('**Slices by region**');
    const html = gatePresenter.html!(result);
    expect(html).toContain('<h4>Slices by region</h4>');
    expect(html).toContain('0.8458 → 0.6465 (−0.1993)');
  });
});

describe('gate --slice-by without a paired baseline', () => {
  test('shows the candidate per slice and checks thresholds only', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'slices-')), 'gate.json');
    const r = await cli([
      'gate',
      '--data',
      `${FX}/predictions.csv`,
      '--label',
      'label',
      '--candidate',
      'candidate',
      '--rules',
      `${FX}/rules.yml`,
      '--slice-by',
      'region',
      '--out',
      out,
    ]);
    const result = JSON.parse(readFileSync(out, 'utf8')) as CheckResult;
    const slices = result.details.slices as SliceReport[];
    expect(slices.every((s) => s.baseline_metrics === null)).toBe(true);
    const north = slices.find((s) => s.slice === 'north')!;
    expect(north.metrics.f1).toBeCloseTo(expected.slices.north.candidate.f1, 12);
    expect(north.conditions.find((c) => c.metric === 'roc_auc')?.outcome).toBe('skipped');
    expect(north.conditions.find((c) => c.metric === 'f1')?.outcome).toBe('pass');
    expect(r.stdout).toMatch(/^\s+north\s+120\s+0\.6465\s+0\.6457\s+ok$/m);
  });
});
