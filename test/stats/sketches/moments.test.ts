import { describe, expect, test } from '@jest/globals';
import { ExactSum } from '../../../src/stats/sketches/exact-sum.js';
import { combineMoments, momentsOf, sampleStd } from '../../../src/stats/sketches/moments.js';
import { expectClose } from '../../helpers/close.js';
import { mulberry32, normal } from './rng.js';

describe('Chan parallel moments', () => {
  test('two-pass moments of a small sample', () => {
    const m = momentsOf(Float64Array.of(2, 4, 4, 4, 5, 5, 7, 9));
    expect(m.count).toBe(8);
    expect(m.mean).toBe(5);
    expect(m.m2).toBe(32);
    expectClose(sampleStd(m), Math.sqrt(32 / 7));
  });

  test('empty and single-value samples', () => {
    expect(momentsOf([]).count).toBe(0);
    expect(sampleStd(momentsOf([3]))).toBeNaN();
    expect(combineMoments(momentsOf([]), momentsOf([3]))).toEqual(momentsOf([3]));
  });

  test('merging shards equals one pass (shard means from exact sums), also with mean/std = 1e6', () => {
    const random = mulberry32(11);
    const values = Float64Array.from({ length: 10001 }, () => 1e6 + normal(random));
    const exactMoments = (v: Float64Array) =>
      momentsOf(v, v.reduce((s, x) => (s.add(x), s), new ExactSum()).value());
    const whole = exactMoments(values);
    const cuts = [0, 17, 2500, 2501, 9000, 10001];
    const merged = cuts
      .slice(1)
      .map((end, i) => exactMoments(values.subarray(cuts[i], end)))
      .reduce(combineMoments);
    expect(merged.count).toBe(whole.count);
    expectClose(merged.mean, whole.mean);
    expectClose(merged.m2, whole.m2, 1e-9);
    expectClose(sampleStd(merged), sampleStd(whole));
  });

  test('combine is commutative bit for bit', () => {
    const a = momentsOf([1, 2, 3.5]);
    const b = momentsOf([10, 11]);
    expect(combineMoments(a, b)).toEqual(combineMoments(b, a));
  });
});
