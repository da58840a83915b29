import { describe, expect, test } from '@jest/globals';
import { createRng } from '../../../src/stats/metrics/random.js';
import { argsortFloat64, sortFloat64 } from '../../../src/stats/metrics/sort.js';

function data(n: number, seed: number): Float64Array {
  const rng = createRng(seed);
  const a = new Float64Array(n);
  for (let i = 0; i < n; i++) a[i] = Math.round(rng.normal() * 100) / 10; // many ties, both signs, zeros
  a[0] = -0;
  a[1] = 1e308;
  a[2] = -Infinity;
  a[3] = 5e-324;
  return a;
}

describe.each([100, 5000])('n = %p', (n) => {
  test('sortFloat64 equals the native sort', () => {
    const a = data(n, n);
    const expected = Float64Array.from(a, (v) => (v === 0 ? 0 : v)).sort();
    expect(Array.from(sortFloat64(a))).toEqual(Array.from(expected));
    expect(Object.is(a[a.indexOf(0)], 0)).toBe(true);
  });
  test('argsortFloat64 is the stable ascending permutation', () => {
    const a = data(n, n + 1);
    const order = argsortFloat64(a);
    const expected = Array.from(a.keys()).sort((x, y) => a[x] - a[y] || x - y);
    expect(Array.from(order)).toEqual(expected);
  });
});

test('NaN is rejected', () => {
  expect(() => sortFloat64(Float64Array.of(1, NaN))).toThrow(RangeError);
  expect(() => argsortFloat64(Float64Array.of(NaN))).toThrow(RangeError);
});
