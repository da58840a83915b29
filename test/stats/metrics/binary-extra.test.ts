import { describe, expect, test } from '@jest/globals';
import { averagePrecision } from '../../../src/stats/metrics/average-precision.js';
import { brierScore } from '../../../src/stats/metrics/brier.js';
import { calibration, calibrationBinOf } from '../../../src/stats/metrics/calibration.js';
import { expectClose } from '../../helpers/close.js';
import { loadFixture } from './fixtures.js';

interface Case {
  name: string;
  labels: number[];
  scores: number[];
  expected: { average_precision: number | null; brier: number; ece: number; mce: number };
}
const { cases } = loadFixture<{ cases: Case[] }>('binary-extra.json');

describe('average precision, Brier, ECE vs scikit-learn 1.2.1 / numpy (binary-extra.json)', () => {
  test.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const y = Float64Array.from(c.labels);
    const p = Float64Array.from(c.scores);
    const ap = averagePrecision(y, p);
    if (c.expected.average_precision === null) expect(ap).toBeNull();
    else expectClose(ap, c.expected.average_precision);
    expectClose(brierScore(y, p), c.expected.brier);
    const cal = calibration(y, p);
    expectClose(cal.ece, c.expected.ece);
    expectClose(cal.mce, c.expected.mce);
    expect(cal.bins.reduce((s, b) => s + b.count, 0)).toBe(c.labels.length);
  });
});

describe('calibration bins', () => {
  test.each([
    [0, 0],
    [0.05, 0],
    [0.1, 1],
    [0.3, 3],
    [0.7, 7],
    [0.95, 9],
    [1, 9],
    [-0.1, 0],
  ])('p = %p goes to bin %p', (p, bin) => expect(calibrationBinOf(p)).toBe(bin));
  test('empty bins are reported with null means', () => {
    const cal = calibration(Float64Array.of(0, 1), Float64Array.of(0.15, 0.95));
    expectClose(cal.ece, 0.1);
    expect(cal.bins[5]).toEqual({ lower: 0.5, upper: 0.6, count: 0, mean_score: null, mean_label: null });
  });
});
