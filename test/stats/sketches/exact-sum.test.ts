import { describe, expect, test } from '@jest/globals';
import { ExactSum } from '../../../src/stats/sketches/exact-sum.js';
import { mulberry32, shuffle } from './rng.js';

function fsum(values: number[]): number {
  const s = new ExactSum();
  for (const v of values) s.add(v);
  return s.value();
}

describe('ExactSum (Python math.fsum)', () => {
  // Expected values are math.fsum's (CPython): exact sums correctly rounded.
  test.each([
    [[], 0],
    [[0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1], 1],
    [[1e100, 1, -1e100], 1],
    [[2 ** 53, 1, 1], 2 ** 53 + 2],
    [[1, 1e-16, 1e-16], 1.0000000000000002],
    [[-0.5, 0.25, 0.125], -0.125],
  ])('fsum(%j) = %p', (values, expected) => {
    expect(fsum(values)).toBe(expected);
  });

  test('the halfway case rounds to even using the lower partials', () => {
    // 1 + 2^-53 + 2^-106: exactly above the halfway point, so it must round up.
    expect(fsum([1, 2 ** -53, 2 ** -106])).toBe(1 + 2 ** -52);
    expect(fsum([1, 2 ** -53])).toBe(1);
  });

  test('any split and merge order gives the bit-identical one-pass value', () => {
    const random = mulberry32(7);
    const values = Array.from(
      { length: 2000 },
      () => (random() - 0.5) * 10 ** Math.floor(random() * 30 - 15),
    );
    const whole = fsum(values);
    for (let trial = 0; trial < 20; trial++) {
      const order = shuffle([...values], random);
      const cuts = [
        0,
        ...Array.from({ length: 4 }, () => Math.floor(random() * order.length)).sort((a, b) => a - b),
        order.length,
      ];
      const parts = cuts.slice(1).map((end, i) => {
        const s = new ExactSum();
        for (const v of order.slice(cuts[i], end)) s.add(v);
        return ExactSum.fromJSON(JSON.parse(JSON.stringify(s.toJSON())));
      });
      shuffle(parts, random);
      const merged = parts.reduce((a, b) => a.merge(b), new ExactSum());
      expect(merged.value()).toBe(whole);
    }
  });
});
