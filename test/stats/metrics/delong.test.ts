import { describe, expect, test } from '@jest/globals';
import { rocAuc } from '../../../src/stats/metrics/binary-metrics.js';
import { delongTest } from '../../../src/stats/metrics/delong.js';
import { expectClose } from '../../helpers/close.js';
import { loadFixture } from './fixtures.js';

interface Case {
  name: string;
  labels: number[];
  scores1: number[];
  scores2: number[];
  expected: Record<string, number>;
}
const { cases } = loadFixture<{ cases: Case[] }>('delong.json');

describe('delongTest vs the numpy fast DeLong (delong.json)', () => {
  test.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const y = Float64Array.from(c.labels);
    const s1 = Float64Array.from(c.scores1);
    const s2 = Float64Array.from(c.scores2);
    const got = delongTest(y, s1, s2);
    expect(got).not.toBeNull();
    if (!got) return;
    for (const key of ['auc1', 'auc2', 'delta', 'variance', 'se', 'z', 'ci_low', 'ci_high'] as const) {
      expectClose(got[key], c.expected[key]);
    }
    expectClose(got.p_value, c.expected.p_value, 1e-9, true);
    expect(got.n_pos).toBe(c.expected.n_pos);
    expect(got.n_neg).toBe(c.expected.n_neg);
    expectClose(got.auc1, c.expected.auc1_sklearn);
    expect(got.auc1).toBe(rocAuc(y, s1));
  });
});

describe('delongTest edge cases', () => {
  test('null when a class is absent', () => {
    expect(
      delongTest(Float64Array.of(1, 1), Float64Array.of(0.1, 0.2), Float64Array.of(0.3, 0.4)),
    ).toBeNull();
  });
  test('identical models: delta 0, z 0, p 1', () => {
    const y = Float64Array.of(0, 1, 0, 1, 1, 0);
    const s = Float64Array.of(0.1, 0.9, 0.3, 0.6, 0.4, 0.5);
    const got = delongTest(y, s, s);
    expect(got?.delta).toBe(0);
    expect(got?.z).toBe(0);
    expect(got?.p_value).toBe(1);
  });
  test('one positive: AUCs but no variance', () => {
    const got = delongTest(
      Float64Array.of(0, 1, 0),
      Float64Array.of(0.1, 0.9, 0.3),
      Float64Array.of(0.5, 0.4, 0.3),
    );
    expect(got?.auc1).toBe(1);
    expect(got?.variance).toBeNull();
    expect(got?.p_value).toBeNull();
  });
});
