import { describe, expect, test } from '@jest/globals';
import { binaryMetrics, logLoss, rocAuc } from '../../../src/stats/metrics/binary-metrics.js';
import { expectClose } from '../../helpers/close.js';
import { loadFixture } from './fixtures.js';

interface Case {
  name: string;
  threshold: number;
  labels: number[];
  scores: number[];
  expected: Record<string, number | null>;
}
const { cases } = loadFixture<{ cases: Case[] }>('binary.json');
const INTEGER_FIELDS = ['n', 'n_pos', 'n_neg', 'tp', 'fp', 'tn', 'fn'];

describe('binaryMetrics vs scikit-learn 1.2.1 (binary.json)', () => {
  test.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const got = binaryMetrics(Float64Array.from(c.labels), Float64Array.from(c.scores), c.threshold);
    expect(Object.keys(got).sort()).toEqual(Object.keys(c.expected).sort());
    for (const [key, exp] of Object.entries(c.expected)) {
      const value = got[key as keyof typeof got];
      if (INTEGER_FIELDS.includes(key)) expect(value).toBe(exp);
      else if (exp === null) expect(value).toBeNull();
      else expectClose(value, exp);
    }
  });
});

describe('rocAuc', () => {
  test('is null, never NaN, when a class is absent', () => {
    expect(rocAuc(Float64Array.of(1, 1), Float64Array.of(0.2, 0.3))).toBeNull();
    expect(rocAuc(new Float64Array(0), new Float64Array(0))).toBeNull();
  });
  test('counts a tie between classes as one half', () => {
    expect(rocAuc(Float64Array.of(0, 1), Float64Array.of(0.5, 0.5))).toBe(0.5);
    expect(rocAuc(Float64Array.of(0, 0, 1, 1), Float64Array.of(0.1, 0.4, 0.35, 0.8))).toBe(0.75);
  });
  test('treats -0 and +0 as tied', () => {
    expect(rocAuc(Float64Array.of(0, 1), Float64Array.of(0, -0))).toBe(0.5);
  });
  test('radix path (n ≥ 2048) equals the comparison path on the same data', () => {
    const n = 5000;
    const labels = new Float64Array(n);
    const scores = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      labels[i] = (i * 7919) % 3 === 0 ? 1 : 0;
      scores[i] = (((i * 104729) % 1000) - 500) / 100 + labels[i];
    }
    // Brute force over pairs on a subsample-free definition.
    let u = 0;
    let np = 0;
    for (let i = 0; i < n; i++) {
      if (labels[i] !== 1) continue;
      np++;
      for (let j = 0; j < n; j++) {
        if (labels[j] === 1) continue;
        u += scores[i] > scores[j] ? 1 : scores[i] === scores[j] ? 0.5 : 0;
      }
    }
    expect(rocAuc(labels, scores)).toBe(u / (np * (n - np)));
  });
  test('throws on NaN scores (callers validate first)', () => {
    expect(() => rocAuc(Float64Array.of(0, 1), Float64Array.of(NaN, 0.2))).toThrow(RangeError);
  });
});

describe('logLoss', () => {
  test('clips exact 0/1 scores at float64 eps (sklearn 1.2.1), not 1e-15', () => {
    expectClose(logLoss(Float64Array.of(1), Float64Array.of(0)), -Math.log(2.220446049250313e-16));
  });
  test('is NaN for no rows', () => expect(logLoss(new Float64Array(0), new Float64Array(0))).toBeNaN());
});
