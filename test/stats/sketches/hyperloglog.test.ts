import { describe, expect, test } from '@jest/globals';
import { HyperLogLog } from '../../../src/stats/sketches/hyperloglog.js';
import { mulberry32, shuffle } from './rng.js';

const STD_ERROR = 1.04 / Math.sqrt(1 << 14);

describe('HyperLogLog (p = 14)', () => {
  test('empty sketch estimates 0; tiny sets are near exact', () => {
    expect(new HyperLogLog().estimate()).toBe(0);
    const h = new HyperLogLog();
    for (let i = 0; i < 10; i++) h.addDouble(i);
    expect(Math.round(h.estimate())).toBe(10);
  });

  test('0.0 and -0.0 are one value; duplicates do not count', () => {
    const h = new HyperLogLog();
    h.addDouble(0);
    h.addDouble(-0);
    h.addString('a');
    h.addString('a');
    expect(Math.round(h.estimate())).toBe(2);
  });

  test.each([100, 1000, 10_000, 100_000, 1_000_000])(
    'relative error within 3σ for %d distinct doubles and strings',
    (n) => {
      const d = new HyperLogLog();
      const s = new HyperLogLog();
      const r = mulberry32(n);
      for (let i = 0; i < n; i++) {
        const x = r() * 1e6;
        d.addDouble(x);
        d.addDouble(x);
        if (i < 200_000) s.addString(`user-${i}`);
      }
      expect(Math.abs(d.estimate() / n - 1)).toBeLessThan(3 * STD_ERROR);
      const ns = Math.min(n, 200_000);
      expect(Math.abs(s.estimate() / ns - 1)).toBeLessThan(3 * STD_ERROR);
    },
  );

  test('mean absolute error over 40 independent sets is close to the 0.81% standard error', () => {
    let sumAbs = 0;
    for (let t = 0; t < 40; t++) {
      const h = new HyperLogLog();
      for (let i = 0; i < 50_000; i++) h.addString(`${t}:${i}`);
      sumAbs += Math.abs(h.estimate() / 50_000 - 1);
    }
    // E|X| = σ·√(2/π) ≈ 0.8σ for a normal error.
    expect(sumAbs / 40).toBeLessThan(1.2 * STD_ERROR);
  });

  test('merge is the register maximum: any grouping equals the sketch of all values', () => {
    const r = mulberry32(3);
    const values = Array.from({ length: 20_000 }, () => Math.floor(r() * 50_000));
    const whole = new HyperLogLog();
    values.forEach((v) => whole.addDouble(v));
    const parts = Array.from({ length: 5 }, () => new HyperLogLog());
    values.forEach((v, i) => parts[i % 5].addDouble(v));
    for (let t = 0; t < 5; t++) {
      const order = shuffle(
        parts.map((p) => HyperLogLog.fromJSON(p.toJSON())),
        r,
      );
      const merged = order.reduce((a, b) => a.merge(b), new HyperLogLog());
      expect(merged.registers).toEqual(whole.registers);
    }
  });

  test('serialises sparse when small and dense when large, and round-trips', () => {
    const small = new HyperLogLog();
    small.addString('x');
    expect(small.toJSON().encoding).toBe('sparse');
    expect(small.toJSON().registers.length).toBe(4);
    const big = new HyperLogLog();
    for (let i = 0; i < 100_000; i++) big.addDouble(i);
    expect(big.toJSON().encoding).toBe('dense');
    expect(HyperLogLog.fromJSON(big.toJSON()).registers).toEqual(big.registers);
    expect(HyperLogLog.fromJSON(small.toJSON()).registers).toEqual(small.registers);
    expect(() => HyperLogLog.fromJSON({ p: 12, encoding: 'dense', registers: '' })).toThrow(/precision 12/);
  });
});
