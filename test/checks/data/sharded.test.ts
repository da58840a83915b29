import { describe, expect, test } from '@jest/globals';
import { fileURLToPath } from 'node:url';
import { dataMerge, dataProfile } from '../../../src/checks/data/check.js';
import type { ColumnProfile } from '../../../src/checks/data/profile.js';
import {
  mergeProfiles,
  parseProfileState,
  profileShard,
  summarizeState,
  type ProfileState,
} from '../../../src/checks/data/profile-state.js';
import { parseShard, shardRange } from '../../../src/checks/data/shard.js';
import { toJsonText } from '../../../src/core/result.js';
import { readTable } from '../../../src/data/read-table.js';
import type { NumericColumn, Table } from '../../../src/data/table.js';
import { ExactSum } from '../../../src/stats/sketches/exact-sum.js';
import { KLL_RANK_ERROR } from '../../../src/stats/sketches/kll.js';
import { expectClose } from '../../helpers/close.js';
import { mulberry32, shuffle } from '../../stats/sketches/rng.js';

const DATA = fileURLToPath(new URL('../../fixtures/data-quality/sharded-data.csv', import.meta.url));
const HLL_3SIGMA = 3 * (1.04 / Math.sqrt(1 << 14));

/** Through JSON and back, as between matrix jobs (artifacts). */
function roundTrip(json: unknown): unknown {
  return JSON.parse(toJsonText(json));
}

/** Normalised rank interval [#<v, #≤v]/n distance to p. */
function rankError(sorted: Float64Array, v: number, p: number): number {
  let below = 0;
  let atOrBelow = 0;
  for (const x of sorted) {
    if (x < v) below++;
    if (x <= v) atOrBelow++;
  }
  const lo = below / sorted.length;
  const hi = atOrBelow / sorted.length;
  return p < lo ? lo - p : p > hi ? p - hi : 0;
}

function finiteSorted(table: Table, name: string): Float64Array {
  const c = table.columns.find((x) => x.name === name) as NumericColumn;
  return Float64Array.from(c.values.filter(Number.isFinite)).sort();
}

const EXACT_FIELDS = ['type', 'rows', 'count', 'nulls', 'infinite', 'min', 'max'] as const;

function expectMergedMatches(
  table: Table,
  merged: Record<string, ColumnProfile>,
  whole: Record<string, ColumnProfile>,
): void {
  expect(Object.keys(merged)).toEqual(Object.keys(whole));
  for (const [name, w] of Object.entries(whole)) {
    const m = merged[name] as unknown as Record<string, unknown>;
    const ww = w as unknown as Record<string, unknown>;
    for (const f of EXACT_FIELDS) expect([name, f, m[f]]).toEqual([name, f, ww[f]]);
    if (w.type === 'numeric' && merged[name].type === 'numeric') {
      const mm = merged[name] as typeof w;
      expect(mm.mean).toBe(w.mean); // exact sums: bit-identical
      expectClose(mm.std, w.std);
      const sorted = finiteSorted(table, name);
      for (const [f, p] of [
        ['p05', 0.05],
        ['p50', 0.5],
        ['p95', 0.95],
      ] as const) {
        expect(rankError(sorted, mm[f]!, p)).toBeLessThanOrEqual(KLL_RANK_ERROR);
      }
      if (mm.approximate?.includes('distinct'))
        expect(Math.abs(mm.distinct / w.distinct - 1)).toBeLessThan(HLL_3SIGMA);
      else expect(mm.distinct).toBe(w.distinct);
    } else if (w.type === 'categorical' && merged[name].type === 'categorical') {
      const mm = merged[name] as typeof w;
      if (mm.approximate?.includes('distinct'))
        expect(Math.abs(mm.distinct / w.distinct - 1)).toBeLessThan(HLL_3SIGMA);
      else {
        expect(mm.distinct).toBe(w.distinct);
        expect(mm.value_counts).toEqual(w.value_counts);
      }
    }
  }
}

describe('sharded profiles', () => {
  test('parseShard and contiguous ranges partition the rows', () => {
    expect(parseShard('2/4')).toEqual({ index: 2, count: 4 });
    expect(() => parseShard('4/4')).toThrow('--shard: expected 0 ≤ index < count with count ≥ 1, got 4/4');
    expect(() => parseShard('x')).toThrow('--shard: expected I/N with 0 ≤ I < N (e.g. 0/4), got "x"');
    const ranges = [0, 1, 2].map((i) => shardRange(10, { index: i, count: 3 }));
    expect(ranges).toEqual([
      [0, 3],
      [3, 6],
      [6, 10],
    ]);
  });

  test('4 shards profiled, serialised, merged = the one-pass profile (exact fields equal, quantiles within the KLL bound)', async () => {
    const table = await readTable(DATA);
    const whole = dataProfile(table);
    const shards = [0, 1, 2, 3].map((index) => roundTrip(dataProfile(table, { shard: { index, count: 4 } })));
    const states = shards.map((s, i) => parseProfileState(s, `shard-${i}.json`));
    const merged = roundTrip(dataMerge(states)) as {
      details: { columns: Record<string, ColumnProfile>; profile: ProfileState };
    };
    expect(merged.details.profile.rows).toBe(3000);
    expect(merged.details.profile.sources.map((s) => s.shard?.index)).toEqual([0, 1, 2, 3]);
    expectMergedMatches(
      table,
      merged.details.columns,
      whole.details!.columns as Record<string, ColumnProfile>,
    );
    // The high-cardinality column went past the exact cap; low-cardinality ones stayed exact.
    expect(merged.details.columns.user_id.approximate).toEqual(['distinct']);
    expect(merged.details.columns.plan.approximate).toBeUndefined();
    expect(merged.details.columns.tenure.approximate).toEqual(['p05', 'p50', 'p95']);
    // Bounded size: base64 sketches, at most 1000 value counts per column.
    expect(toJsonText(merged.details.profile).length).toBeLessThan(5 * 40_000);
  });

  test('merging is associative and commutative: exact fields and HyperLogLog identical in any order and grouping', async () => {
    const table = await readTable(DATA);
    const parts = Array.from(
      { length: 6 },
      (_, index) => roundTrip(profileShard(table, { shard: { index, count: 6 } })) as ProfileState,
    );
    const reference = mergeProfiles(...parts);
    const refSummary = summarizeState(reference);
    const r = mulberry32(2024);
    for (let trial = 0; trial < 8; trial++) {
      const order = shuffle([...parts], r);
      while (order.length > 1) {
        const i = Math.floor(r() * (order.length - 1));
        order.splice(i, 2, roundTrip(mergeProfiles(order[i], order[i + 1])) as ProfileState);
      }
      const merged = order[0];
      expect(merged.rows).toBe(reference.rows);
      expect(merged.sources).toEqual(reference.sources);
      for (const [name, ref] of Object.entries(reference.columns)) {
        const got = merged.columns[name];
        expect(got.hll).toEqual(ref.hll);
        expect([got.nulls, got.count]).toEqual([ref.nulls, ref.count]);
        if (got.type === 'numeric' && ref.type === 'numeric') {
          expect([got.pos_inf, got.neg_inf, got.min, got.max, got.integral]).toEqual([
            ref.pos_inf,
            ref.neg_inf,
            ref.min,
            ref.max,
            ref.integral,
          ]);
          expect(ExactSum.fromJSON(got.sum).value()).toBe(ExactSum.fromJSON(ref.sum).value());
          expectClose(got.m2, ref.m2);
          if (ref.values.exact) expect(got.values).toEqual(ref.values);
        } else if (ref.values.exact) {
          expect(got.values).toEqual(ref.values);
        }
      }
      expectMergedMatches(
        table,
        summarizeState(merged).columns,
        profileWithWholeDistinct(refSummary.columns, table),
      );
    }
  });

  test('a column that is all null in one file merges with either type; conflicting types are an error', () => {
    const a: Table = {
      file: 'a.csv',
      rows: 2,
      header: ['x'],
      columns: [{ name: 'x', type: 'numeric', values: Float64Array.of(NaN, NaN) }],
    };
    const b: Table = {
      file: 'b.csv',
      rows: 1,
      header: ['x'],
      columns: [{ name: 'x', type: 'categorical', codes: Int32Array.of(0), dictionary: ['hi'] }],
    };
    const c: Table = {
      file: 'c.csv',
      rows: 1,
      header: ['x'],
      columns: [{ name: 'x', type: 'numeric', values: Float64Array.of(3) }],
    };
    const ab = summarizeState(mergeProfiles(profileShard(a), profileShard(b)));
    expect(ab.columns.x).toMatchObject({
      type: 'categorical',
      rows: 3,
      nulls: 2,
      count: 1,
      value_counts: [['hi', 1]],
    });
    const ac = summarizeState(mergeProfiles(profileShard(c), profileShard(a)));
    expect(ac.columns.x).toMatchObject({ type: 'numeric', rows: 3, nulls: 2, count: 1, mean: 3 });
    expect(() => mergeProfiles(profileShard(b), profileShard(c))).toThrow(
      'b.csv: column "x" is categorical here but numeric in c.csv',
    );
    const d: Table = {
      ...c,
      file: 'd.csv',
      header: ['y'],
      columns: [{ name: 'y', type: 'numeric', values: Float64Array.of(1) }],
    };
    expect(() => mergeProfiles(profileShard(c), profileShard(d))).toThrow(
      'd.csv: profile has different columns than c.csv; missing x; extra y',
    );
  });

  test('parseProfileState names the bad key', () => {
    const state = JSON.parse(
      toJsonText(
        profileShard({
          file: 'a.csv',
          rows: 1,
          header: ['x'],
          columns: [{ name: 'x', type: 'numeric', values: Float64Array.of(1) }],
        }),
      ),
    );
    expect(() => parseProfileState({ ...state, format: 'nope' }, 'p.json')).toThrow(
      'p.json: format: expected "model-ci/profile-state@2" (or the older "model-ci/profile-state@1"), got "nope"',
    );
    state.columns.x.nulls = 5;
    expect(() => parseProfileState(state, 'p.json')).toThrow(
      'p.json: columns.x: expected counts that add up to rows (1), got 6',
    );
    state.columns.x.nulls = 0;
    state.columns.x.hll = { p: 14, encoding: 'dense', registers: 'AAAA' };
    expect(() => parseProfileState(state, 'p.json')).toThrow(
      /p.json: columns.x: expected valid sketch state/,
    );
  });
});

/** The reference for regrouped merges: the one-pass exact profile, with the merged profile's approximate flags. */
function profileWithWholeDistinct(
  summary: Record<string, ColumnProfile>,
  table: Table,
): Record<string, ColumnProfile> {
  const exact = dataProfile(table).details!.columns as Record<string, ColumnProfile>;
  return Object.fromEntries(
    Object.entries(summary).map(([name, p]) => [name, { ...exact[name], approximate: p.approximate }]),
  ) as Record<string, ColumnProfile>;
}
