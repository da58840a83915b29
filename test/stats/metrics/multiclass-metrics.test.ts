import { describe, expect, test } from '@jest/globals';
import { multiclassMetrics } from '../../../src/stats/metrics/multiclass-metrics.js';
import { expectClose } from '../../helpers/close.js';
import { loadFixture } from './fixtures.js';

interface Case {
  name: string;
  labels: number[];
  probs: number[];
  k: number;
  expected: Record<string, number | null>;
}
const { cases } = loadFixture<{ cases: Case[] }>('multiclass.json');

describe('multiclassMetrics vs scikit-learn 1.2.1 (multiclass.json)', () => {
  test.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const got = multiclassMetrics(Int32Array.from(c.labels), Float64Array.from(c.probs), c.k);
    for (const [key, exp] of Object.entries(c.expected)) {
      const value = got[key as keyof typeof got] as number | null;
      if (key === 'n' || key === 'k') expect(value).toBe(exp);
      else if (exp === null) expect(value).toBeNull();
      else expectClose(value, exp);
    }
    expect(got.per_class.reduce((s, pc) => s + pc.support, 0)).toBe(c.labels.length);
  });
  test('rejects a matrix of the wrong size', () => {
    expect(() => multiclassMetrics(Int32Array.of(0, 1), Float64Array.of(0.5, 0.5, 1), 2)).toThrow(RangeError);
  });
});
