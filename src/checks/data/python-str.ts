/**
 * Python's `str()` of a pandas value, for regex expectations on numeric columns: GX's pandas engine runs
 * `column.astype(str)` before matching, so an int64 column matches "42" and a float64 column "42.0".
 */

/** CPython `repr(float)`: shortest round-trip digits; fixed notation for 1e-4 ≤ |x| < 1e16, else `1e+16` style. */
export function pythonFloatStr(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const [mantissa, expText] = x.toExponential().split('e');
  const exp = Number(expText);
  const sign = mantissa.startsWith('-') ? '-' : '';
  const digits = mantissa.replace(/^-/, '').replace('.', '');
  if (exp < -4 || exp >= 16) {
    const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    return `${sign}${m}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  if (exp < 0) return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
  const intPart = digits.slice(0, exp + 1).padEnd(exp + 1, '0');
  const frac = digits.slice(exp + 1);
  return `${sign}${intPart}.${frac || '0'}`;
}

/** Python `str(int)` of an integral double (exact, also beyond 2^53). */
export function pythonIntStr(x: number): string {
  return BigInt(x).toString();
}
