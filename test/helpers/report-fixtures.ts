/**
 * Result folders for the report tests: the demo's committed base results (real files written by
 * `model-ci run`, see workflows-examples/demo/scripts/make-base-results.mjs), variants of them, and a wide
 * drift result computed by the real drift check on generated tables.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { drift } from '../../src/checks/drift/drift.js';
import type { NumericColumn } from '../../src/data/table.js';
import { toJsonText, type CheckResult } from '../../src/core/result.js';
import { runCheck } from '../../src/core/run-check.js';
import { numeric, table } from '../checks/drift/tables.js';
import { ROOT } from './run-bundle.js';

/** The column name every report test throws at the renderers. */
export const HOSTILE = '</details><img src=x onerror=alert(1)> @org/team <!-- model-ci -->';

export const DEMO_BASE = join(ROOT, 'workflows-examples/demo/base-results');

/** A fresh copy of the demo's base results. */
export function demoResults(): string {
  const dir = mkdtempSync(join(tmpdir(), 'results-'));
  cpSync(DEMO_BASE, dir, { recursive: true });
  return dir;
}

/** Change one result file of `dir` in place. */
export function editResult(dir: string, file: string, edit: (r: CheckResult) => void): void {
  const r = JSON.parse(readFileSync(join(dir, file), 'utf8')) as CheckResult;
  edit(r);
  writeFileSync(join(dir, file), toJsonText(r));
}

/** A pinned clock, so results are byte-stable. */
const clock = { now: () => new Date('2026-11-25T11:00:00Z') };

/**
 * A drift result over `columns` numeric columns (60 rows each); every third column is shifted and
 * drifts. The first column is named {@link HOSTILE} (and drifts).
 */
export async function wideDriftResult(columns: number): Promise<CheckResult> {
  const ref: NumericColumn[] = [];
  const cur: NumericColumn[] = [];
  for (let c = 0; c < columns; c++) {
    const name = c === 0 ? HOSTILE : `feature_${String(c).padStart(4, '0')}`;
    const shift = c % 3 === 0 ? 40 : 0;
    ref.push(
      numeric(
        name,
        Array.from({ length: 60 }, (_, i) => (i * 37 + c) % 100),
      ),
    );
    cur.push(
      numeric(
        name,
        Array.from({ length: 60 }, (_, i) => ((i * 41 + c) % 100) + shift),
      ),
    );
  }
  return runCheck(
    'drift',
    { reference: 'ref.csv', current: 'cur.csv' },
    () => drift(table('ref.csv', ref), table('cur.csv', cur), {}),
    clock,
  );
}

/** A folder holding `results` as `<check>[-n].json`. */
export function resultsDir(results: readonly CheckResult[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'results-'));
  results.forEach((r, i) => writeFileSync(join(dir, `${r.check}-${i}.json`), toJsonText(r)));
  return dir;
}
