import { describe, expect, test } from '@jest/globals';
import { createRng } from '../../../src/stats/metrics/random.js';

// Output of test/fixtures/metrics/gen_xoshiro.c (the reference C code of xoshiro128** with splitmix32 seeding).
const REFERENCE: [number, number[]][] = [
  [0, [3809008728, 1133695204, 53579671, 2891528803, 139681546, 2203266335, 104831812, 1587294886]],
  [42, [2837322924, 544945897, 479756282, 3500138142, 339756180, 113173290, 65323186, 1112262688]],
  [
    4294967295,
    [835879718, 1921286648, 2356205009, 1885780724, 980451116, 1053911718, 3677392737, 2464361898],
  ],
];

describe('createRng (xoshiro128**)', () => {
  test.each(REFERENCE)('seed %p matches the reference C implementation', (seed, expected) => {
    const rng = createRng(seed);
    expect(Array.from({ length: 8 }, () => rng.uint32())).toEqual(expected);
  });
  test('below(n) is in range and roughly uniform', () => {
    const rng = createRng(1);
    const counts = new Array(7).fill(0);
    for (let i = 0; i < 70000; i++) counts[rng.below(7)]++;
    for (const c of counts) expect(Math.abs(c - 10000)).toBeLessThan(500);
    expect(() => rng.below(0)).toThrow(RangeError);
  });
  test('float in [0, 1), normal has mean 0 and variance 1', () => {
    const rng = createRng(3);
    let s = 0;
    let s2 = 0;
    let inRange = true;
    for (let i = 0; i < 50000; i++) {
      const f = rng.float();
      inRange &&= f >= 0 && f < 1;
      const z = rng.normal();
      s += z;
      s2 += z * z;
    }
    expect(inRange).toBe(true);
    expect(Math.abs(s / 50000)).toBeLessThan(0.02);
    expect(Math.abs(s2 / 50000 - 1)).toBeLessThan(0.03);
  });
  test('rejects a non-finite seed', () => expect(() => createRng(NaN)).toThrow(RangeError));
});
