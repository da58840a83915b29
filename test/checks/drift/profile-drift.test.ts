/**
 * `model-ci drift --reference-profile … --current-profile …` through the CLI (in-process): the result,
 * the report section, exact statistics from exact value counts, and bad input (old profile versions,
 * profiles without sketches, mismatched column types, incomplete option pairs) as one clear line, exit 2.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mergeProfiles, profileShard } from '../../../src/checks/data/profile-state.js';
import { drift } from '../../../src/checks/drift/drift.js';
import { renderDriftMarkdown } from '../../../src/checks/drift/markdown.js';
import { driftFromProfiles } from '../../../src/checks/drift/profile-drift.js';
import type { DriftDetails } from '../../../src/checks/drift/types.js';
import { cli } from '../../helpers/cli.js';
import { categorical, numeric, table } from './tables.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'profile-drift-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function csv(name: string, n: number, shift: number, seed: number): string {
  let s = seed;
  const rnd = () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
  const lines = ['x,k,city'];
  for (let i = 0; i < n; i++) {
    const x = (rnd() + rnd() + rnd() - 1.5) * 2 + shift;
    const k = Math.floor(rnd() * 4 + shift);
    const city = rnd() < 0.6 + shift / 5 ? 'Oslo' : rnd() < 0.5 ? 'Lima' : 'Pune';
    lines.push(`${x},${k},${city}`);
  }
  const file = join(dir, name);
  writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

async function profile(data: string, out: string, extra: string[] = []): Promise<string> {
  const file = join(dir, out);
  const r = await cli(['data', 'profile', '--data', data, '--out', file, '-q', ...extra], dir);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return file;
}

describe('drift from profiles (CLI)', () => {
  test('4 shards per side, merged: same result format as row-level drift, approximate blocks with errors', async () => {
    const ref = csv('ref.csv', 20_000, 0, 1);
    const cur = csv('cur.csv', 20_000, 0.5, 2);
    const parts = async (data: string, tag: string) =>
      Promise.all([0, 1, 2, 3].map((i) => profile(data, `${tag}-${i}.json`, ['--shard', `${i}/4`])));
    const [refParts, curParts] = [await parts(ref, 'r'), await parts(cur, 'c')];
    for (const [tag, files] of [
      ['ref', refParts],
      ['cur', curParts],
    ] as const) {
      const r = await cli(['data', 'merge', ...files, '--out', join(dir, `${tag}.json`), '-q'], dir);
      expect(r.code).toBe(0);
    }
    const out = join(dir, 'drift.json');
    const r = await cli(
      ['drift', '--reference-profile', 'ref.json', '--current-profile', 'cur.json', '--out', out],
      dir,
    );
    expect(r.code).toBe(1); // every column drifted: dataset drift fails by default
    const result = JSON.parse(readFileSync(out, 'utf8'));
    expect(result.check).toBe('drift');
    const details = result.details as DriftDetails;
    expect(details.approximate).toBe(true);
    expect(details.sketch_k).toEqual({ reference: 200, current: 200 });
    const x = details.columns.find((c) => c.name === 'x')!;
    expect(x.ks!.approximation!.approximate).toBe(true);
    expect(x.ks!.approximation!.error).toBeGreaterThan(0);
    expect(x.ks!.approximation!.error).toBeLessThan(0.02);
    expect(x.value_bounds![0]).toBeLessThanOrEqual(x.value!);
    expect(x.drifted).toBe(true);
    // k has 4 values (exact counts kept): every statistic is exact.
    const k = details.columns.find((c) => c.name === 'k')!;
    expect(k.ks!.approximation!.approximate).toBe(false);
    expect(k.js!.approximation!.error).toBe(0);
    const city = details.columns.find((c) => c.name === 'city')!;
    expect(city.js!.approximation).toEqual({
      approximate: false,
      error: 0,
      bounds: [city.js!.distance, city.js!.distance],
    });
    // The same columns and verdicts as row-level drift.
    const rows = await cli(
      ['drift', '--reference', 'ref.csv', '--current', 'cur.csv', '--out', 'rows.json'],
      dir,
    );
    expect(rows.code).toBe(1);
    const rowDetails = JSON.parse(readFileSync(join(dir, 'rows.json'), 'utf8')).details as DriftDetails;
    expect(details.columns.map((c) => [c.name, c.test, c.drifted])).toEqual(
      rowDetails.columns.map((c) => [c.name, c.test, c.drifted]),
    );
    expect(k.ks!.statistic).toBeCloseTo(rowDetails.columns.find((c) => c.name === 'k')!.ks!.statistic, 12);
    expect(city.chi2!.statistic).toBeCloseTo(
      rowDetails.columns.find((c) => c.name === 'city')!.chi2!.statistic,
      9,
    );
  });

  test('an undecided verdict is a warning that says what would decide it, and the report shows it', () => {
    // Two nearly identical continuous columns whose Wasserstein interval straddles a tiny threshold.
    const n = 5000;
    const a = Float64Array.from({ length: n }, (_, i) => Math.sin(i) * 3);
    const b = Float64Array.from({ length: n }, (_, i) => Math.sin(i + 0.5) * 3 + 0.01);
    const ref = profileShard(table('ref', [numeric('v', a)]));
    const cur = profileShard(table('cur', [numeric('v', b)]));
    // A threshold between the estimate and the upper end of its interval.
    const probe = (
      driftFromProfiles(
        { file: 'ref.json', state: ref },
        { file: 'cur.json', state: cur },
        { numericTest: 'wasserstein', threshold: 1 },
      ).details as unknown as DriftDetails
    ).columns[0];
    const [low, high] = probe.wasserstein_approximation!.normed_bounds;
    expect(high).toBeGreaterThan(low);
    const threshold = (probe.wasserstein_normed! + high) / 2;
    const outcome = driftFromProfiles(
      { file: 'ref.json', state: ref },
      { file: 'cur.json', state: cur },
      { numericTest: 'wasserstein', threshold },
    );
    const details = outcome.details as unknown as DriftDetails;
    const v = details.columns[0];
    expect(v.undecided).toBe(true);
    expect(v.drifted).toBe(false);
    expect(outcome.status).toBe('warn');
    const finding = outcome.findings!.find((f) => f.id === 'drift/undecided')!;
    expect(finding.message).toMatch(
      /Column "v": the Wasserstein \(normed\) distance .* could be anywhere in \[/,
    );
    expect(finding.message).toMatch(
      /row-level drift .* decides it, or profiles with a larger --sketch-k \(now 200\/200\)/,
    );
    expect(details.dataset_drift_undecided).toBe(true);
    const md = renderDriftMarkdown(details);
    expect(md).toMatch(/🟡 W\/σ = [\d.e-]+ ∈ \[[\d.e-]+, [\d.e-]+\] contains [\d.e-]+, undecided/);
    expect(md).toContain('dataset drift undecided');
    expect(md).toMatch(/W\/σ = [\d.e-]+ ∈ \[/);
  });

  test('exact value counts give the row-level statistics exactly (merged shards too)', () => {
    const mk = (seed: number) =>
      table(`t${seed}`, [
        numeric(
          'n',
          Array.from({ length: 3000 }, (_, i) => ((i * 7919 + seed * 13) % 97) / 4),
        ),
        categorical(
          'c',
          Array.from({ length: 3000 }, (_, i) => (i % (3 + seed) === 0 ? 'u' : i % 5 ? 'v' : null)),
        ),
      ]);
    const [r, c] = [mk(0), mk(1)];
    const rows = drift(r, c, {}).details as unknown as DriftDetails;
    const shards = (t: ReturnType<typeof mk>) =>
      mergeProfiles(...[0, 1, 2].map((index) => profileShard(t, { shard: { index, count: 3 } })));
    const prof = driftFromProfiles({ file: 'r', state: shards(r) }, { file: 'c', state: shards(c) })
      .details as unknown as DriftDetails;
    for (const [p, q] of prof.columns.map((col, i) => [col, rows.columns[i]] as const)) {
      expect(p.test).toBe(q.test);
      expect(p.value).toBeCloseTo(q.value!, 12);
      if (p.type === 'numeric') {
        expect(p.ks!.pvalue).toBeCloseTo(q.ks!.pvalue, 12);
        expect(p.wasserstein).toBeCloseTo(q.wasserstein!, 12);
        expect(p.psi!.value).toBeCloseTo(q.psi!.value, 12);
        expect(p.psi!.edges).toEqual(q.psi!.edges);
        expect(p.js!.ref_counts).toEqual(q.js!.ref_counts);
      }
    }
  });
});

describe('drift from profiles: bounds on adversarial shard splits', () => {
  const rnd = (seed: number) => {
    let s = seed;
    return () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
  };
  /** Wide continuous values (kept as a sketch: more than 1000 distinct). */
  const sample = (n: number, seed: number, shift: number) => {
    const r = rnd(seed);
    return Float64Array.from({ length: n }, () => Math.exp(r() * 3 + shift) * (r() < 0.01 ? 50 : 1));
  };
  /** Profiles of the given parts of `values`, merged. */
  const merged = (values: Float64Array, cuts: number[], file: string) => {
    const ends = [...cuts, values.length];
    return mergeProfiles(
      ...ends.map((end, i) =>
        profileShard(table(`${file}-${i}`, [numeric('v', values.slice(i ? ends[i - 1] : 0, end))])),
      ),
    );
  };
  const n = 8000;
  const cases: [string, (v: Float64Array) => [Float64Array, number[]]][] = [
    ['sorted shards', (v) => [Float64Array.from(v).sort(), [2000, 4000, 6000]]],
    ['one tiny shard', (v) => [v, [3, 4000, 6000]]],
    [
      'a tiny shard with both extremes',
      (v) => {
        const s = Float64Array.from(v).sort();
        return [Float64Array.of(s[0], s[n - 1], ...s.subarray(1, n - 1).reverse()), [2, 5000]];
      },
    ],
    ['unequal shards, shuffled values', (v) => [v, [100, 7000, 7900]]],
  ];
  test.each(cases)('%s: every statistic within its bound of the row-level one', (_name, split) => {
    for (const shift of [0, 0.1, 0.5]) {
      const [a, cutsA] = split(sample(n, 11, 0));
      const [b, cutsB] = split(sample(n, 23, shift));
      const rows = drift(table('r', [numeric('v', a)]), table('c', [numeric('v', b)]), {})
        .details as unknown as DriftDetails;
      const prof = driftFromProfiles(
        { file: 'r.json', state: merged(a, cutsA, 'r') },
        { file: 'c.json', state: merged(b, cutsB, 'c') },
      ).details as unknown as DriftDetails;
      const [p, q] = [prof.columns[0], rows.columns[0]];
      const w = p.wasserstein_approximation!;
      expect(w.approximate).toBe(true);
      expect(w.bound_from).toEqual({ reference: 'transport', current: 'transport' });
      expect(q.wasserstein!).toBeGreaterThanOrEqual(w.bounds[0] - 1e-9 * q.wasserstein!);
      expect(q.wasserstein!).toBeLessThanOrEqual(w.bounds[1] + 1e-9 * q.wasserstein!);
      expect(Math.abs(p.wasserstein! - q.wasserstein!)).toBeLessThanOrEqual(w.error * (1 + 1e-9));
      const ks = p.ks!.approximation!;
      expect(q.ks!.statistic).toBeGreaterThanOrEqual(ks.bounds[0] - 1e-12);
      expect(q.ks!.statistic).toBeLessThanOrEqual(ks.bounds[1] + 1e-12);
      const js = p.js!.approximation!;
      expect(q.js!.distance).toBeGreaterThanOrEqual(js.bounds[0] - 1e-12);
      expect(q.js!.distance).toBeLessThanOrEqual(js.bounds[1] + 1e-12);
      if (!p.undecided) expect(p.drifted).toBe(q.drifted);
    }
  });

  test('all values equal on both sides: exact, W = 0, no drift', () => {
    const a = new Float64Array(n).fill(4.25);
    const prof = driftFromProfiles(
      { file: 'r.json', state: merged(a, [1, 4000], 'r') },
      { file: 'c.json', state: merged(a, [7999], 'c') },
    ).details as unknown as DriftDetails;
    const c = prof.columns[0];
    expect(c.wasserstein).toBe(0);
    expect(c.wasserstein_approximation!.bounds).toEqual([0, 0]);
    expect(c.drifted).toBe(false);
    expect(c.undecided).toBeUndefined();
  });

  test('profiles written before kll.w1: the rank-error × range bound, and a notice saying re-profiling helps', () => {
    const a = sample(n, 5, 0);
    const b = sample(n, 6, 0.2);
    const [ref, cur] = [merged(a, [3000], 'r'), merged(b, [5000], 'c')];
    const fresh = driftFromProfiles({ file: 'r.json', state: ref }, { file: 'c.json', state: cur });
    const oldRef = structuredClone(ref);
    for (const c of Object.values(oldRef.columns)) if (c.type === 'numeric') delete c.kll.w1;
    const old = driftFromProfiles({ file: 'old.json', state: oldRef }, { file: 'c.json', state: cur });
    const [f, o] = [fresh, old].map((x) => (x.details as unknown as DriftDetails).columns[0]);
    expect(f.wasserstein).toBeCloseTo(o.wasserstein!, 12);
    expect(o.wasserstein_approximation!.bound_from).toEqual({
      reference: 'rank-range',
      current: 'transport',
    });
    // The recorded W1 bound is tighter than rank error × range on this heavy-tailed column.
    const width = (c: typeof f) =>
      c.wasserstein_approximation!.bounds[1] - c.wasserstein_approximation!.bounds[0];
    expect(width(f)).toBeLessThan(width(o));
    const notice = old.findings!.find((x) => x.id === 'drift/profile-bounds-loose')!;
    expect(notice.severity).toBe('notice');
    expect(notice.message).toMatch(
      /^old\.json was profiled before quantile sketches recorded their transport bound \(kll\.w1\), so the Wasserstein bounds of column "v" fall back to rank error × range.*profiling the data again/,
    );
    expect(fresh.findings!.some((x) => x.id === 'drift/profile-bounds-loose')).toBe(false);
  });
});

describe('drift from profiles: bad input is one clear line, exit 2', () => {
  let ref: string;
  let cur: string;
  beforeAll(async () => {
    ref = await profile(csv('bad-ref.csv', 500, 0, 3), 'bad-ref.json');
    cur = await profile(csv('bad-cur.csv', 500, 0, 4), 'bad-cur.json');
  });
  const run = async (args: string[]) => {
    const r = await cli(['drift', ...args], dir);
    expect(r.code).toBe(2);
    // The progress line may precede it; the error is one line, no stack.
    const errors = r.stderr
      .trim()
      .split('\n')
      .filter((l) => !l.startsWith('reading '));
    expect(errors).toHaveLength(1);
    expect(r.stderr).not.toMatch(/at .*\.ts|TypeError|internal/);
    return errors[0].replace(/^model-ci: /, '');
  };
  // A profile document as the tests edit it (loosely typed on purpose: the edits make it invalid).
  type Doc = {
    format: string;
    columns: Record<string, { kll?: { error?: number } } & Record<string, unknown>>;
  };
  const edit = (file: string, name: string, change: (doc: Doc) => void) => {
    const doc = JSON.parse(readFileSync(file, 'utf8'));
    change(doc.details.profile);
    writeFileSync(join(dir, name), JSON.stringify(doc));
    return name;
  };

  test('a profile of the older format (no sketch error bounds)', async () => {
    const old = edit(ref, 'old.json', (p) => {
      p.format = 'model-ci/profile-state@1';
      for (const c of Object.values(p.columns)) if (c.kll) delete c.kll.error;
    });
    expect(await run(['--reference-profile', old, '--current-profile', 'bad-cur.json'])).toMatch(
      /^error: old\.json: profile format model-ci\/profile-state@1 has no rank-error bounds .*\(bad-cur\.json is model-ci\/profile-state@2\); profile the data again/,
    );
  });

  test('a profile of the current format without the error bound, or without sketches', async () => {
    const noError = edit(ref, 'no-error.json', (p) => delete p.columns.x.kll!.error);
    expect(await run(['--reference-profile', noError, '--current-profile', 'bad-cur.json'])).toMatch(
      /no-error\.json: columns\.x\.kll\.error: expected the sketch's rank-error bound/,
    );
    const noSketch = edit(ref, 'no-sketch.json', (p) => delete p.columns.x.kll);
    expect(await run(['--reference-profile', noSketch, '--current-profile', 'bad-cur.json'])).toMatch(
      /no-sketch\.json: columns\.x\.kll: expected a KLL quantile sketch/,
    );
  });

  test('mismatched column types when the numeric side kept only its most frequent values', async () => {
    const many = csv('many.csv', 3000, 0, 5); // x has 3000 distinct values: value counts not kept exactly
    const numericProfile = await profile(many, 'many.json');
    const text = edit(numericProfile, 'text.json', (p) => {
      p.columns.x = p.columns.city;
    });
    expect(await run(['--reference-profile', 'many.json', '--current-profile', text])).toMatch(
      /column "x" is numeric in many\.json but categorical in text\.json, and many\.json kept only its most frequent values/,
    );
  });

  test('incomplete or mixed option pairs, a missing profile file, a file that is not a profile', async () => {
    expect(await run(['--reference-profile', ref])).toMatch(/current-profile is missing/);
    expect(await run(['--reference', 'bad-ref.csv', '--current-profile', cur])).toMatch(/exclude each other/);
    expect(await run(['--reference-profile', 'nope.json', '--current-profile', cur])).toMatch(/nope\.json/);
    writeFileSync(join(dir, 'deep.json'), '['.repeat(5000) + ']'.repeat(5000));
    expect(await run(['--reference-profile', 'deep.json', '--current-profile', cur])).toMatch(
      /deep\.json:1:\d+: .*nest/i,
    );
  });
});

describe('merging profiles of different versions or sketch sizes', () => {
  const t = table('t.csv', [
    numeric(
      'v',
      Array.from({ length: 1000 }, (_, i) => i),
    ),
  ]);
  test('a @1 part and a @2 part: clear error naming both', () => {
    const a = profileShard(t, { shard: { index: 0, count: 2 } });
    const b = {
      ...profileShard(t, { shard: { index: 1, count: 2 } }),
      format: 'model-ci/profile-state@1' as const,
    };
    expect(() => mergeProfiles(a, b)).toThrow(
      't.csv#1/2: profile is model-ci/profile-state@1 but t.csv#0/2 is model-ci/profile-state@2; profile every part with the same model-ci version',
    );
  });
  test('parts sketched with different --sketch-k: clear error', () => {
    const a = profileShard(t, { shard: { index: 0, count: 2 } });
    const b = profileShard(t, { shard: { index: 1, count: 2 }, sketchK: 400 });
    expect(() => mergeProfiles(a, b)).toThrow(
      /column "v" was sketched with --sketch-k 400 but t\.csv#0\/2 with 200/,
    );
  });
});
