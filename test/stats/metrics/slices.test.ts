import { describe, expect, test } from '@jest/globals';
import {
  binarySliceMetrics,
  regressionSliceMetrics,
  sliceMetrics,
} from '../../../src/stats/metrics/slices.js';
import { expectClose } from '../../helpers/close.js';
import { loadFixture } from './fixtures.js';

interface Fixture {
  cases: {
    codes: number[];
    dictionary: string[];
    labels: number[];
    scores: number[];
    expected: { code: number; rows: number; roc_auc: number | null; log_loss: number; f1: number }[];
  };
}
const { cases: fx } = loadFixture<Fixture>('slices.json');

describe('binarySliceMetrics vs scikit-learn per slice (slices.json)', () => {
  const got = binarySliceMetrics(
    Int32Array.from(fx.codes),
    fx.dictionary,
    Float64Array.from(fx.labels),
    Float64Array.from(fx.scores),
  );
  test('slices in dictionary order, the null slice last', () => {
    expect(got.map((s) => s.slice)).toEqual(['a', 'b', 'c', 'd', null]);
  });
  test.each(fx.expected.map((e) => [e.code, e] as const))('slice code %p', (code, e) => {
    const s = got[code === -1 ? 4 : code];
    expect(s.rows).toBe(e.rows);
    if (e.roc_auc === null) expect(s.metrics.roc_auc).toBeNull();
    else expectClose(s.metrics.roc_auc, e.roc_auc);
    expectClose(s.metrics.log_loss, e.log_loss);
    expectClose(s.metrics.f1, e.f1);
  });
  test('flags: a single-class slice and a rare slice are flagged, not dropped', () => {
    expect(got[1].flag).toBe('single_class');
    expect(got[1].reason).toMatch(/only class 1/);
    expect(got[3].rows).toBeLessThan(30);
    expect(got[3].flag).toBe('too_few_rows');
    expect(got[3].reason).toBe(`${got[3].rows} rows, fewer than min_slice_rows 30`);
    expect(got[0].flag).toBeUndefined();
  });
});

describe('sliceMetrics', () => {
  test('custom compute and min rows', () => {
    const out = sliceMetrics(Int32Array.of(0, 1, 0, 0), ['x', 'y'], (rows) => Array.from(rows), {
      minSliceRows: 2,
    });
    expect(out).toEqual([
      { slice: 'x', rows: 3, metrics: [0, 2, 3] },
      {
        slice: 'y',
        rows: 1,
        metrics: [1],
        flag: 'too_few_rows',
        reason: '1 rows, fewer than min_slice_rows 2',
      },
    ]);
  });
  test('regression slices', () => {
    const out = regressionSliceMetrics(
      Int32Array.of(0, 0, 1, 1),
      ['p', 'q'],
      Float64Array.of(1, 2, 3, 4),
      Float64Array.of(1, 3, 3, 3),
      1,
    );
    expect(out.map((s) => s.metrics.mse)).toEqual([0.5, 0.5]);
  });
  test('rejects a bad min_slice_rows', () => {
    expect(() => sliceMetrics(Int32Array.of(0), ['x'], () => 0, { minSliceRows: -1 })).toThrow(RangeError);
  });
});
