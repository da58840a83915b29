/** How money, counts and times are written in the cost check's summary, assumptions and report. */

/** `$1,234.56`, `$0.0042` (four decimals below a cent), `−$3.10`. */
export function usd(x: number): string {
  if (!Number.isFinite(x)) return 'n/a';
  const abs = Math.abs(x);
  const digits = abs !== 0 && abs < 0.01 ? 4 : 2;
  return `${x < 0 ? '−' : ''}$${abs.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })}`;
}

/** `+$1.20`, `−$0.40`, `$0.00`. */
export function signedUsd(x: number): string {
  return Math.abs(x) < 0.005 ? '$0.00' : `${x > 0 ? '+' : ''}${usd(x)}`;
}

/** `+8.4 %`, `−12.0 %`, `new` (from nothing), `0 %`. */
export function signedPercent(rel: number | null): string {
  if (rel === null) return 'new';
  if (Math.abs(rel) < 0.0005) return '0 %';
  return `${rel > 0 ? '+' : '−'}${Math.abs(rel * 100).toFixed(1)} %`;
}

/** `2,000,000`, `2.5`. */
export function count(n: number): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: n < 10 ? 2 : 0 });
}

/** `12.3M`, `450k`, `12`. */
export function compactCount(n: number): string {
  if (n >= 1e9) return `${(n / 1e9).toPrecision(3)}B`;
  if (n >= 1e6) return `${(n / 1e6).toPrecision(3)}M`;
  if (n >= 1e3) return `${(n / 1e3).toPrecision(3)}k`;
  return n.toPrecision(3).replace(/\.?0+$/, '');
}

/** Milliseconds with three significant digits (`0.86`, `4.22`, `120`). */
export function ms(x: number): string {
  return x >= 100 ? x.toFixed(0) : x >= 1 ? x.toPrecision(3) : x.toPrecision(2);
}
