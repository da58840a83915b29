import { describe, expect, test } from '@jest/globals';
import { drift } from '../../../src/checks/drift/drift.js';
import type { ColumnDrift, DriftDetails, DriftOptions } from '../../../src/checks/drift/types.js';
import { InputError } from '../../../src/core/errors.js';
import { toJsonText } from '../../../src/core/result.js';
import type { Column, Table } from '../../../src/data/table.js';
import { expectClose } from '../../helpers/close.js';
import { generate } from '../../stats/drift-data.js';
import { oracle, type CheckCase } from '../../stats/drift-oracle.js';
import { allNumbers, categorical, numeric, table } from './tables.js';

function tablesFor(c: CheckCase): [Table, Table] {
  const side = (which: 'x' | 'y', file: string): Table =>
    table(
      file,
      c.columns.map((col): Column => {
        const values = generate(col[which]);
        if (col.kind === 'numeric') return numeric(col.name, values);
        const labels = oracle.labels[col.name as 'city' | 'plan'];
        return categorical(
          col.name,
          Array.from(values, (v) => labels[v]),
        );
      }),
    );
  return [side('x', 'reference.csv'), side('y', 'current.csv')];
}

function details(outcome: ReturnType<typeof drift>): DriftDetails {
  return outcome.details as unknown as DriftDetails;
}

function column(outcome: ReturnType<typeof drift>, name: string): ColumnDrift {
  const c = details(outcome).columns.find((x) => x.name === name);
  if (!c) throw new Error(`no column ${name}`);
  return c;
}

function expectNoNaN(outcome: ReturnType<typeof drift>): void {
  expect(allNumbers(outcome).filter((x) => Number.isNaN(x))).toEqual([]);
  expect(toJsonText(outcome)).not.toContain('NaN');
}

describe('drift against the oracle (scipy tests, Evidently defaults, BH)', () => {
  test.each([
    ['≤ 1000 reference rows: KS, chi-square, z-test', oracle.check_small],
    ['> 1000 reference rows: Wasserstein normed, Jensen–Shannon', oracle.check_large],
  ] as const)('%s', (_name, c) => {
    const [ref, cur] = tablesFor(c);
    const out = drift(ref, cur);
    for (const e of c.expect) {
      const got = column(out, e.name);
      expect([got.name, got.type, got.test, got.reference_count, got.current_count, got.distinct]).toEqual([
        e.name,
        e.type,
        e.test,
        e.n1,
        e.n2,
        e.distinct,
      ]);
      const pTest = e.test === 'ks' || e.test === 'chi2' || e.test === 'z';
      expectClose(got.value, e.value, 1e-9, pTest);
      if (pTest) {
        expectClose(got.pvalue, e.value, 1e-9, true);
        expectClose(got.pvalue_adjusted, e.pvalue_adjusted as number, 1e-9, true);
      } else {
        expect(got.pvalue_adjusted).toBeUndefined();
      }
      if (e.wasserstein_normed !== undefined) expectClose(got.wasserstein_normed, e.wasserstein_normed);
      expect(got.drifted).toBe(e.drifted);
    }
    const drifted = c.expect.filter((e) => e.drifted).map((e) => e.name);
    expect(details(out).drifted_columns).toEqual(drifted);
    expect(out.metrics?.drifted_columns).toBe(drifted.length);
    expect(out.metrics?.columns_compared).toBe(c.expect.length);
    expect(out.metrics?.share_drifted).toBe(drifted.length / c.expect.length);
    expect(out.metrics?.dataset_drift).toBe(drifted.length / c.expect.length >= 0.5 ? 1 : 0);
    expectNoNaN(out);
  });

  test('the oracle cases exercise every default test and both verdicts', () => {
    const all = [...oracle.check_small.expect, ...oracle.check_large.expect];
    expect(new Set(all.map((e) => e.test))).toEqual(new Set(['ks', 'chi2', 'z', 'wasserstein', 'js']));
    expect(new Set(all.map((e) => e.drifted))).toEqual(new Set([true, false]));
  });

  test('nulls and infinities are counted per side and left out of the statistics', () => {
    const [ref, cur] = tablesFor(oracle.check_small);
    const income = column(drift(ref, cur), 'income');
    expect([
      income.reference_nulls,
      income.current_nulls,
      income.reference_infinite,
      income.current_infinite,
    ]).toEqual([33, 0, 0, 27]);
    expect([income.reference_count, income.current_count]).toEqual([267, 223]);
  });
});

const shifted = (n: number, shift: number, seed: number): number[] =>
  Array.from(generate({ gen: 'irwin', seed, n, loc: shift }));

describe('verdicts, status and summary', () => {
  const ref = table('ref.csv', [
    numeric('age', shifted(200, 0, 1)),
    numeric('score', shifted(200, 0, 2)),
    numeric('income', shifted(200, 0, 3)),
    numeric('height', shifted(200, 0, 4)),
  ]);
  const cur = table('cur.csv', [
    numeric('age', shifted(200, 2, 5)),
    numeric('score', shifted(200, 2, 6)),
    numeric('income', shifted(200, 0, 7)),
    numeric('height', shifted(200, 0, 8)),
  ]);

  test('2 of 4 drifted → dataset drift (share ≥ 0.5) → fail with error findings', () => {
    const out = drift(ref, cur);
    expect(out.status).toBe('fail');
    expect(out.title).toBe('Data drift');
    expect(out.summary).toBe('2 of 4 columns drifted (age, score); dataset drift (share 0.5 ≥ 0.5)');
    expect(out.findings).toEqual([
      expect.objectContaining({ id: 'drift/column-drifted', severity: 'error', subject: 'age' }),
      expect.objectContaining({ id: 'drift/column-drifted', severity: 'error', subject: 'score' }),
    ]);
    expect(out.findings?.[0].message).toMatch(
      /^Column "age" drifted: Kolmogorov–Smirnov p-value .* BH-adjusted .* < 0\.05$/,
    );
  });

  test('failOnDrift: false → warn', () => {
    const out = drift(ref, cur, { failOnDrift: false });
    expect(out.status).toBe('warn');
    expect(out.findings?.every((f) => f.severity === 'warning')).toBe(true);
    expect(out.metrics?.dataset_drift).toBe(1);
  });

  test('a higher drift share → column drift only → warn', () => {
    const out = drift(ref, cur, { driftShare: 0.75 });
    expect(out.status).toBe('warn');
    expect(out.summary).toBe('2 of 4 columns drifted (age, score)');
    expect(out.metrics?.dataset_drift).toBe(0);
  });

  test('no drift → pass', () => {
    const out = drift(ref, ref);
    expect(out.status).toBe('pass');
    expect(out.summary).toBe('0 of 4 columns drifted');
    expect(out.findings).toEqual([]);
    for (const c of details(out).columns) {
      expect(c.ks?.statistic).toBe(0);
      expect(c.pvalue).toBe(1);
      expect(c.severity).toBe(0);
    }
  });

  test('BH on by default; off uses raw p-values', () => {
    const on = column(drift(ref, cur), 'income');
    const off = column(drift(ref, cur, { bhCorrection: false }), 'income');
    expect(on.pvalue_adjusted).toBeGreaterThanOrEqual(on.pvalue as number);
    expect(off.pvalue_adjusted).toBeUndefined();
    expect(details(drift(ref, cur, { bhCorrection: false })).bh_correction).toBe(false);
  });

  test('severity orders columns: drifted ones score above 1', () => {
    const cols = details(drift(ref, cur)).columns;
    for (const c of cols) expect(c.severity > 1).toBe(c.drifted);
  });

  test('columns, exclude and roles', () => {
    const out = drift(ref, cur, {
      columns: ['age', 'income', 'score'],
      exclude: ['score', 'nope'],
      predictionColumn: 'income',
    });
    expect(details(out).columns.map((c) => [c.name, c.role])).toEqual([
      ['age', 'feature'],
      ['income', 'prediction'],
    ]);
  });

  test('per-column and global test and threshold overrides', () => {
    const opts: DriftOptions = {
      numericTest: 'psi',
      thresholds: { psi: 0.2 },
      perColumn: { age: { test: 'wasserstein', threshold: 5 }, score: { threshold: 0.01 } },
    };
    const out = drift(ref, cur, opts);
    expect([column(out, 'age').test, column(out, 'age').threshold]).toEqual(['wasserstein', 5]);
    expect(column(out, 'age').drifted).toBe(false);
    expect(column(out, 'age').effect_size?.name).toBe('wasserstein_normed');
    expect([column(out, 'score').test, column(out, 'score').threshold]).toEqual(['psi', 0.01]);
    expect([column(out, 'income').test, column(out, 'income').threshold]).toEqual(['psi', 0.2]);
    expect(column(out, 'income').effect_size).toEqual({
      name: 'psi',
      value: column(out, 'income').psi?.value,
    });
    expect(column(out, 'income').pvalue).toBeUndefined();
    const g = drift(ref, cur, { threshold: 0.5, numericTest: 'js' });
    expect(column(g, 'age').threshold).toBe(0.5);
  });
});

describe('edge cases', () => {
  test('constant columns, in both files or in one only: no NaN anywhere', () => {
    const ref = table('ref.csv', [
      numeric('both', Array(40).fill(3)),
      numeric('refonly', Array(40).fill(1)),
      numeric('curonly', shifted(40, 0, 9)),
    ]);
    const cur = table('cur.csv', [
      numeric('both', Array(50).fill(3)),
      numeric('refonly', shifted(50, 1, 10)),
      numeric('curonly', Array(50).fill(0.25)),
    ]);
    const out = drift(ref, cur);
    expectNoNaN(out);
    const both = column(out, 'both');
    expect([both.test, both.value, both.drifted, both.distinct]).toEqual(['z', 1, false, 1]);
    expect(both.js?.degenerate).toBe(true);
    expect(both.wasserstein_normed).toBe(0);
    expect(both.psi?.value).toBe(0);
    expect(both.chi2).toMatchObject({ statistic: 0, pvalue: 1, dof: 0 });
    const refonly = column(out, 'refonly');
    expect(refonly.reference_std).toBe(0);
    expect(refonly.wasserstein_normed).toBeCloseTo((refonly.wasserstein as number) / 0.001, 6);
    expect(refonly.drifted).toBe(true);
    expect(column(out, 'curonly').drifted).toBe(true);
  });

  test('a column with no values on one side is skipped with a warning and left out of the share', () => {
    const ref = table('ref.csv', [
      numeric('a', [1, 2, 3, NaN]),
      numeric('b', [1, 2, 3, 4]),
      categorical('c', ['x', 'y', null, 'x']),
    ]);
    const cur = table('cur.csv', [
      numeric('a', [NaN, NaN, Infinity]),
      numeric('b', [1, 2, 3, 4]),
      categorical('c', [null, null, null]),
    ]);
    const out = drift(ref, cur);
    expectNoNaN(out);
    const a = column(out, 'a');
    expect([a.test, a.skipped, a.drifted, a.current_nulls, a.current_infinite]).toEqual([
      null,
      'no finite values in cur.csv',
      false,
      2,
      1,
    ]);
    expect(column(out, 'c').skipped).toBe('no non-null values in cur.csv');
    expect(out.metrics?.columns_compared).toBe(1);
    expect(out.findings?.filter((f) => f.id === 'drift/column-empty').map((f) => f.subject)).toEqual([
      'a',
      'c',
    ]);
    expect(out.status).toBe('warn');
  });

  test('categories on one side only; binary categorical uses the z-test and reports Yates chi-square', () => {
    const ref = table('ref.csv', [
      categorical('color', [...Array(30).fill('red'), ...Array(10).fill('blue')]),
      categorical('yes', [...Array(25).fill('y'), ...Array(15).fill('n')]),
    ]);
    const cur = table('cur.csv', [
      categorical('color', [...Array(20).fill('red'), ...Array(20).fill('green')]),
      categorical('yes', [...Array(10).fill('y'), ...Array(30).fill('n')]),
    ]);
    const out = drift(ref, cur);
    const color = column(out, 'color');
    expect(color.js?.categories).toEqual(['blue', 'green', 'red']);
    expect([color.js?.ref_counts, color.js?.cur_counts]).toEqual([
      [10, 0, 30],
      [0, 20, 20],
    ]);
    expect(color.test).toBe('chi2');
    expect(color.drifted).toBe(true);
    expect(color.effect_size?.name).toBe('cramers_v');
    const yes = column(out, 'yes');
    expect(yes.test).toBe('z');
    expect(yes.z?.category).toBe('n');
    expect(yes.chi2?.yates).toBe(true);
    expect(yes.chi2?.dof).toBe(1);
  });

  test('numeric in one file, categorical in the other: compared as categorical with a warning', () => {
    const ref = table('ref.csv', [numeric('zip', [10115, 10117, 10115, NaN])]);
    const cur = table('cur.csv', [categorical('zip', ['10115', '10117', 'unknown', null])]);
    const out = drift(ref, cur);
    const zip = column(out, 'zip');
    expect(zip.type).toBe('categorical');
    expect(zip.type_mismatch).toEqual({ reference: 'numeric', current: 'categorical' });
    expect(zip.js?.categories).toEqual(['10115', '10117', 'unknown']);
    expect([zip.reference_nulls, zip.current_nulls]).toEqual([1, 1]);
    expect(out.findings?.map((f) => f.id)).toEqual(
      expect.arrayContaining(['drift/type-mismatch', 'drift/small-sample']),
    );
    expect(out.findings?.find((f) => f.id === 'drift/type-mismatch')?.message).toBe(
      'Column "zip" is numeric in ref.csv but categorical in cur.csv; compared as categorical (numbers as text)',
    );
  });

  test('small samples and low expected counts warn', () => {
    const ref = table('ref.csv', [categorical('k', ['a', 'b', 'c', 'a', 'a'])]);
    const cur = table('cur.csv', [categorical('k', ['a', 'b', 'b', 'c'])]);
    const out = drift(ref, cur);
    expect(out.findings?.map((f) => f.id)).toEqual(['drift/small-sample', 'drift/low-expected-count']);
    expect(out.findings?.[0].message).toBe(
      'Column "k": only 4 values in cur.csv; the chi-square verdict is unreliable below 30',
    );
    expect(out.status).toBe('warn');
    expect(drift(ref, cur, { minSampleSize: 0, minExpectedCount: 0 }).findings).toEqual([]);
  });

  test('columns in one file only are reported as notices', () => {
    const out = drift(
      table('ref.csv', [numeric('a', [1, 2]), numeric('old', [1, 2])]),
      table('cur.csv', [numeric('a', [1, 2]), numeric('new', [3])]),
      {
        minSampleSize: 0,
        minExpectedCount: 0,
      },
    );
    expect(out.findings?.map((f) => [f.id, f.severity, f.subject])).toEqual([
      ['drift/column-missing', 'notice', 'old'],
      ['drift/column-missing', 'notice', 'new'],
    ]);
    expect(details(out).only_in_reference).toEqual(['old']);
    expect(details(out).only_in_current).toEqual(['new']);
    expect(out.status).toBe('pass');
  });
});

describe('input errors', () => {
  const ref = table('ref.csv', [numeric('age', [1, 2, 3]), categorical('city', ['a', 'b', 'c'])]);
  const cur = table('cur.csv', [numeric('age', [1, 2, 3]), categorical('city', ['a', 'b', 'a'])]);
  test.each([
    [
      'empty reference',
      () => drift(table('ref.csv', []), cur),
      'ref.csv has no data rows; drift needs a reference sample',
    ],
    [
      'no common column',
      () => drift(ref, table('other.csv', [numeric('x', [1])])),
      'ref.csv and other.csv have no column in common (reference: age, city; current: x)',
    ],
    [
      'unknown column',
      () => drift(ref, cur, { columns: ['agee'] }),
      'columns: "agee" is not in either file (did you mean "age"?)',
    ],
    [
      'everything excluded',
      () => drift(ref, cur, { exclude: ['age', 'city'] }),
      'every common column is excluded; nothing to compare',
    ],
    [
      'unknown test',
      () => drift(ref, cur, { numericTest: 'kss' as never }),
      'numeric-test: unknown test "kss" (did you mean "ks"?) (allowed: ks, wasserstein, js, psi, chi2, z)',
    ],
    [
      'numeric test on categorical',
      () => drift(ref, cur, { perColumn: { city: { test: 'ks' } } }),
      'per-column.city.test: "ks" needs a numeric column; column "city" is categorical (allowed: js, chi2, z)',
    ],
    [
      'z on a non-binary column',
      () => drift(ref, cur, { categoricalTest: 'z' }),
      'categorical-test: "z" needs a binary column; column "city" has 3 distinct values',
    ],
    [
      'p-value threshold ≥ 1',
      () => drift(ref, cur, { thresholds: { ks: 1.5 } }),
      'thresholds.ks: 1.5 is not allowed; expected a significance level in (0, 1)',
    ],
    [
      'bad drift share',
      () => drift(ref, cur, { driftShare: 0 }),
      'drift-share: 0 is not allowed; expected a number in (0, 1]',
    ],
    [
      'unknown prediction column',
      () => drift(ref, cur, { predictionColumn: 'pred' }),
      'prediction-column: column "pred" is in neither file',
    ],
  ])('%s', (_name, run, message) => {
    expect(run).toThrow(InputError);
    expect(run).toThrow(message);
  });
});
