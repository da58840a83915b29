/**
 * Validation of drift from profiles against row-level drift on generated data: for many seeds, five
 * numeric distributions (normal, lognormal, uniform, heavy-tailed Student t(2), discrete Poisson and a wide
 * discrete column with ties) plus a categorical column, shifted and not, each side profiled in 4 shards and
 * merged (as the sharded workflow does). Every statistic must lie within its stated bound of the row-level
 * one, and every verdict that is not `undecided` must equal the row-level verdict. The worst observed
 * error/bound ratio per statistic is printed (it goes in the note).
 */
import { afterAll, describe, expect, test } from '@jest/globals';
import { mergeProfiles, profileShard } from '../../../src/checks/data/profile-state.js';
import { drift } from '../../../src/checks/drift/drift.js';
import { driftFromProfiles } from '../../../src/checks/drift/profile-drift.js';
import type { ColumnDrift, DriftDetails } from '../../../src/checks/drift/types.js';
import type { Table } from '../../../src/data/table.js';
import { psiFromCounts } from '../../../src/stats/psi.js';
import { upperBound } from '../../../src/stats/equal-width-histogram.js';
import { categorical, numeric, table } from './tables.js';

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function generate(n: number, seed: number, shift: number): Table {
  const u = mulberry32(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u());
  const cols = {
    normal: new Float64Array(n),
    lognormal: new Float64Array(n),
    uniform: new Float64Array(n),
    heavy: new Float64Array(n),
    poisson: new Float64Array(n),
    wide: new Float64Array(n),
  };
  const cats: string[] = [];
  const lambda = 3 * (1 + shift);
  for (let i = 0; i < n; i++) {
    cols.normal[i] = normal() + shift;
    cols.lognormal[i] = Math.exp(normal() * 0.5 + shift);
    cols.uniform[i] = u() * (1 + shift);
    cols.heavy[i] = normal() / Math.sqrt(-Math.log(1 - u())) + shift;
    let k = 0;
    for (let p = Math.exp(-lambda), s = p, r = u(); r > s;) s += p *= lambda / ++k;
    cols.poisson[i] = k;
    cols.wide[i] = Math.round((normal() + shift) * 600);
    const r = u();
    cats.push(r < 0.4 + shift / 4 ? 'a' : r < 0.7 ? 'b' : r < 0.9 ? 'c' : r < 0.97 ? 'd' : 'e');
  }
  return table(`side-${seed}`, [
    ...Object.entries(cols).map(([name, v]) => numeric(name, v)),
    categorical('cat', cats),
  ]);
}

function profileIn4(t: Table, sketchK?: number) {
  const shards = [0, 1, 2, 3].map((index) => profileShard(t, { shard: { index, count: 4 }, sketchK }));
  return mergeProfiles(...shards);
}

const worst: Record<string, number> = {};
function record(stat: string, error: number, bound: number): void {
  const ratio = bound === 0 ? (error <= 1e-9 ? 0 : Infinity) : error / bound;
  worst[stat] = Math.max(worst[stat] ?? 0, ratio);
}

const within = (x: number, [lo, hi]: [number, number], tol = 1e-9) => x >= lo - tol && x <= hi + tol;

function compare(rowCols: ColumnDrift[], profCols: ColumnDrift[], ref: Table, cur: Table): void {
  for (const p of profCols) {
    const r = rowCols.find((c) => c.name === p.name)!;
    expect(p.type).toBe(r.type);
    expect(p.test).toBe(r.test);
    if (p.type === 'numeric') {
      const ks = p.ks!.approximation!;
      record('ks statistic', Math.abs(p.ks!.statistic - r.ks!.statistic), ks.error);
      expect(within(r.ks!.statistic, ks.bounds)).toBe(true);
      expect(within(r.ks!.pvalue, ks.pvalue_bounds)).toBe(true);
      const w = p.wasserstein_approximation!;
      record('wasserstein', Math.abs(p.wasserstein! - r.wasserstein!), w.error);
      expect(within(r.wasserstein!, w.bounds, 1e-9 * Math.max(1, r.wasserstein!))).toBe(true);
      expect(within(r.wasserstein_normed!, w.normed_bounds, 1e-6)).toBe(true);
      const js = p.js!.approximation!;
      record('js distance', Math.abs(p.js!.distance - r.js!.distance), js.error);
      expect(within(r.js!.distance, js.bounds)).toBe(true);
      // PSI from profiles is cut at the reference sketch's deciles: compare with the rows' PSI on those edges.
      const sorted = (t: Table) =>
        Float64Array.from(
          (t.columns.find((c) => c.name === p.name) as { values: Float64Array }).values,
        ).sort();
      const bins = (s: Float64Array) => {
        const counts: number[] = [];
        let prev = 0;
        for (const e of p.psi!.edges) {
          const next = upperBound(s, e);
          counts.push(next - prev);
          prev = next;
        }
        counts.push(s.length - prev);
        return counts;
      };
      const exactOnEdges = psiFromCounts(bins(sorted(ref)), bins(sorted(cur))).value;
      const psi = p.psi!.approximation!;
      record('psi (same edges)', Math.abs(p.psi!.value - exactOnEdges), psi.error);
      expect(within(exactOnEdges, psi.bounds, 1e-9)).toBe(true);
      if (!psi.approximate) expect(p.psi!.value).toBeCloseTo(r.psi!.value, 9);
    } else {
      expect(p.js!.distance).toBeCloseTo(r.js!.distance, 12);
      expect(p.chi2!.statistic).toBeCloseTo(r.chi2!.statistic, 9);
    }
    if (p.undecided) {
      undecidedCount++;
      expect(p.drifted).toBe(false);
    } else {
      decidedCount++;
      expect(`${p.name}: ${p.drifted}`).toBe(`${p.name}: ${r.drifted}`);
    }
  }
}

let undecidedCount = 0;
let decidedCount = 0;

function runCase(n: number, seed: number, shift: number, sketchK?: number): void {
  const ref = generate(n, 1000 + seed, 0);
  const cur = generate(n, 2000 + seed, shift);
  const rows = drift(ref, cur, {}).details as unknown as DriftDetails;
  const prof = driftFromProfiles(
    { file: 'ref.json', state: profileIn4(ref, sketchK) },
    { file: 'cur.json', state: profileIn4(cur, sketchK) },
    {},
  ).details as unknown as DriftDetails;
  compare(rows.columns, prof.columns, ref, cur);
  if (!prof.dataset_drift_undecided) expect(prof.dataset_drift).toBe(rows.dataset_drift);
}

describe('drift from 4-shard merged profiles vs row-level drift (generated data)', () => {
  afterAll(() => {
    // The figures for the note: worst |profile − rows| / stated bound over every case (≤ 1 required).
    console.log(
      `worst error/bound: ${JSON.stringify(worst)}; verdicts decided ${decidedCount}, undecided ${undecidedCount}`,
    );
  });

  const shifts = [0, 0.05, 0.1, 0.3];
  test.each([0, 1, 2, 3, 4, 5, 6, 7])('10⁴ rows per side, seed %i, shifted and not', (seed) => {
    for (const shift of shifts) runCase(10_000, seed, shift);
  });

  test.each([0, 1, 2])('10⁵ rows per side, seed %i', (seed) => {
    runCase(100_000, seed, shifts[seed + 1]);
  });

  test.each([0, 1])('10⁵ rows per side with --sketch-k 2000, seed %i', (seed) => {
    runCase(100_000, 10 + seed, 0.1 * seed, 2000);
  });

  test('10⁶ rows per side', () => {
    runCase(1_000_000, 42, 0.1);
  });

  test('every bound held (worst ratio ≤ 1) and some verdicts were decided', () => {
    for (const ratio of Object.values(worst)) expect(ratio).toBeLessThanOrEqual(1);
    // The bounds are tight enough to decide most verdicts: 56 undecided of 266 with the recorded W1
    // transport bounds (132 with rank error × range alone); a guard against loosening them again.
    expect(undecidedCount * 3).toBeLessThan(decidedCount);
  });
});
