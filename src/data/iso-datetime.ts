/**
 * ISO 8601 dates and timestamps, the forms model-ci types as pandas' `datetime64[ns]` (docs/data.md, "Dates
 * and times"): `YYYY-MM-DD`, optionally followed by `T` or a space and `HH:MM`, `HH:MM:SS` or
 * `HH:MM:SS.f` (1–9 fraction digits), optionally followed by `Z`, `±HH:MM` or `±HHMM`. Surrounding spaces
 * and tabs are ignored (statistics.md §1 rule 3). Calendar dates must exist (no 2023-02-29), hours 0–23,
 * seconds 0–59 (pandas refuses 24:00 and leap seconds too), and the instant must fit pandas' nanosecond
 * range (1677-09-21 … 2262-04-11), else the text is not a datetime.
 *
 * Values are BigInt nanoseconds since 1970-01-01T00:00:00 UTC (pandas' `Timestamp.value`): a double holds
 * only ~256 ns of resolution at today's dates.
 */

export interface IsoDatetime {
  /** Nanoseconds since the epoch; for a text with an offset, of the UTC instant. */
  ns: bigint;
  /** The offset in minutes east of UTC (`Z` is 0), or null for a naive (zone-less) text. */
  offset: number | null;
}

/** pandas' Timestamp bounds (int64 nanoseconds). */
export const MIN_NS = -(2n ** 63n) + 1n; // -2^63 is NaT
export const MAX_NS = 2n ** 63n - 1n;
const NS_PER_SECOND = 1_000_000_000n;
const NS_PER_MINUTE = 60n * NS_PER_SECOND;
const NS_PER_DAY = 86_400n * NS_PER_SECOND;

/** Days from 1970-01-01 to y-m-d in the proleptic Gregorian calendar (Howard Hinnant's days_from_civil). */
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** The digit at s[i] (0–9), or -1. */
function digit(s: string, i: number): number {
  const c = s.charCodeAt(i) - 0x30;
  return c >= 0 && c <= 9 ? c : -1;
}

/** The two-digit number at s[i], or -1. */
function two(s: string, i: number): number {
  const a = digit(s, i);
  const b = digit(s, i + 1);
  return a < 0 || b < 0 ? -1 : a * 10 + b;
}

/**
 * Parses one cell; undefined when it is not an ISO 8601 date/time model-ci types as datetime. Hand-written
 * (no regex, one BigInt product per value): a column of a million distinct timestamps is typed in well
 * under a second.
 */
export function parseIsoDatetime(cell: string): IsoDatetime | undefined {
  let i = 0;
  let end = cell.length;
  while (i < end && (cell.charCodeAt(i) === 0x20 || cell.charCodeAt(i) === 0x09)) i++;
  while (end > i && (cell.charCodeAt(end - 1) === 0x20 || cell.charCodeAt(end - 1) === 0x09)) end--;
  if (end - i < 10 || cell.charCodeAt(i + 4) !== 0x2d || cell.charCodeAt(i + 7) !== 0x2d) return undefined;
  const hi = two(cell, i);
  const lo = two(cell, i + 2);
  const month = two(cell, i + 5);
  const day = two(cell, i + 8);
  if (hi < 0 || lo < 0 || month < 1 || month > 12 || day < 1) return undefined;
  const year = hi * 100 + lo;
  if (day > daysInMonth(year, month)) return undefined;
  i += 10;
  let seconds = 0;
  let fraction = 0;
  let offset: number | null = null;
  if (i < end) {
    const sep = cell.charCodeAt(i);
    if ((sep !== 0x54 && sep !== 0x20) || end - i < 6 || cell.charCodeAt(i + 3) !== 0x3a) return undefined;
    const hour = two(cell, i + 1);
    const minute = two(cell, i + 4);
    if (hour < 0 || hour > 23 || minute < 0 || minute > 59) return undefined;
    seconds = hour * 3600 + minute * 60;
    i += 6;
    if (i < end && cell.charCodeAt(i) === 0x3a) {
      const second = two(cell, i + 1);
      if (second < 0 || second > 59) return undefined;
      seconds += second;
      i += 3;
      if (i < end && cell.charCodeAt(i) === 0x2e) {
        i++;
        let digits = 0;
        for (let d = digit(cell, i); d >= 0 && i < end; d = digit(cell, ++i)) {
          if (++digits > 9) return undefined;
          fraction = fraction * 10 + d;
        }
        if (digits === 0) return undefined;
        fraction *= 10 ** (9 - digits);
      }
    }
    if (i < end) {
      const sign = cell.charCodeAt(i);
      if (sign === 0x5a && i + 1 === end)
        offset = 0; // Z
      else if (sign === 0x2b || sign === 0x2d) {
        const oh = two(cell, i + 1);
        const colon = cell.charCodeAt(i + 3) === 0x3a ? 1 : 0;
        const om = two(cell, i + 3 + colon);
        if (oh < 0 || oh > 23 || om < 0 || om > 59 || i + 5 + colon !== end) return undefined;
        offset = (sign === 0x2d ? -1 : 1) * (oh * 60 + om);
      } else return undefined;
    }
  }
  // Whole seconds since the epoch fit a double exactly; nanoseconds need a BigInt.
  const total = daysFromCivil(year, month, day) * 86_400 + seconds - (offset ?? 0) * 60;
  const ns = BigInt(total) * NS_PER_SECOND + BigInt(fraction);
  if (ns < MIN_NS || ns > MAX_NS) return undefined;
  return { ns, offset };
}

function pad(n: number | bigint, width: number): string {
  return String(n).padStart(width, '0');
}

/**
 * pandas `Timestamp.isoformat()`: `2024-01-05T00:00:00`, fractions as 6 digits (9 when there are
 * nanoseconds), the offset as `+HH:MM` on zoned values — how GX writes a Timestamp into its JSON results.
 */
export function isoFormat(ns: bigint, offset: number | null): string {
  const local = offset === null ? ns : ns + BigInt(offset) * NS_PER_MINUTE;
  let days = local / NS_PER_DAY;
  let rest = local % NS_PER_DAY;
  if (rest < 0n) {
    rest += NS_PER_DAY;
    days -= 1n;
  }
  const { y, m, d } = civilFromDays(Number(days));
  const secs = Number(rest / NS_PER_SECOND);
  const frac = rest % NS_PER_SECOND;
  let text = `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}T${pad(Math.floor(secs / 3600), 2)}:${pad(Math.floor(secs / 60) % 60, 2)}:${pad(secs % 60, 2)}`;
  if (frac !== 0n) text += frac % 1000n === 0n ? `.${pad(frac / 1000n, 6)}` : `.${pad(frac, 9)}`;
  if (offset !== null) {
    const a = Math.abs(offset);
    text += `${offset < 0 ? '-' : '+'}${pad(Math.floor(a / 60), 2)}:${pad(a % 60, 2)}`;
  }
  return text;
}

function civilFromDays(z: number): { y: number; m: number; d: number } {
  z += 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d };
}

/** The pandas dtype of a column of these values: `datetime64[ns]`, or zoned (pandas 2 spelling). */
export function datetimeDtype(offset: number | null): string {
  if (offset === null) return 'datetime64[ns]';
  if (offset === 0) return 'datetime64[ns, UTC]';
  const a = Math.abs(offset);
  return `datetime64[ns, UTC${offset < 0 ? '-' : '+'}${pad(Math.floor(a / 60), 2)}:${pad(a % 60, 2)}]`;
}
