import { expect } from '@jest/globals';

/**
 * docs/statistics.md §0: floats pass iff |got − exp| ≤ tol · max(1, |exp|); null expected means NaN/null got.
 * Use `abs: true` for p-values (absolute tolerance).
 */
export function expectClose(
  got: number | null | undefined,
  exp: number | null,
  tol = 1e-9,
  abs = false,
): void {
  if (exp === null) {
    expect(got === null || got === undefined || Number.isNaN(got)).toBe(true);
    return;
  }
  if (!Number.isFinite(exp)) {
    expect(got).toBe(exp);
    return;
  }
  expect(typeof got).toBe('number');
  const scale = abs ? 1 : Math.max(1, Math.abs(exp));
  const err = Math.abs((got as number) - exp);
  if (!(err <= tol * scale)) {
    throw new Error(`expected ${exp}, got ${got} (|diff| ${err} > ${tol * scale})`);
  }
}
