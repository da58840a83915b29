/**
 * Python's `datetime.strptime(value, format)` as a yes/no test, for
 * expect_column_values_to_match_strftime_format: the format compiles to an anchored pattern the way
 * CPython's `_strptime` builds its regex (case-insensitive, a run of whitespace in the format matches any
 * whitespace, numeric fields take 1–2 digits except `%Y` (4) and `%f` (1–6)), then the date must exist
 * (`2023-02-29` does not). Directives outside the table below raise, as an unknown directive makes
 * CPython raise `ValueError: '…' is a bad directive`. The patterns are built here from a fixed table and
 * escaped literals, so the format text is never run as a regular expression of its own.
 */
const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
const DAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

type Field = 'Y' | 'y' | 'm' | 'd' | 'H' | 'I' | 'M' | 'S' | 'f' | 'j' | 'b' | 'B' | 'p' | 'other';

const DIRECTIVES: Record<string, [string, Field]> = {
  Y: ['(\\d\\d\\d\\d)', 'Y'],
  y: ['(\\d\\d)', 'y'],
  m: ['(1[0-2]|0[1-9]|[1-9])', 'm'],
  d: ['(3[01]|[12]\\d|0[1-9]|[1-9]| [1-9])', 'd'],
  H: ['(2[0-3]|[0-1]\\d|\\d)', 'H'],
  I: ['(1[0-2]|0[1-9]|[1-9])', 'I'],
  M: ['([0-5]\\d|\\d)', 'M'],
  S: ['(6[0-1]|[0-5]\\d|\\d)', 'S'],
  f: ['(\\d{1,6})', 'f'],
  j: ['(36[0-6]|3[0-5]\\d|[12]\\d\\d|0[1-9]\\d|00[1-9]|[1-9]\\d|0[1-9]|[1-9])', 'j'],
  b: [`(${MONTHS.map((m) => m.slice(0, 3)).join('|')})`, 'b'],
  B: [`(${MONTHS.join('|')})`, 'B'],
  a: [`(?:${DAYS.map((d) => d.slice(0, 3)).join('|')})`, 'other'],
  A: [`(?:${DAYS.join('|')})`, 'other'],
  p: ['(am|pm)', 'p'],
  z: ['(?:[+-]\\d\\d:?[0-5]\\d(?::?[0-5]\\d(?:\\.\\d{1,6})?)?|z)', 'other'],
  Z: ['(?:utc|gmt)', 'other'],
  w: ['(?:[0-6])', 'other'],
  u: ['(?:[1-7])', 'other'],
  U: ['(?:5[0-3]|[0-4]\\d|\\d)', 'other'],
  W: ['(?:5[0-3]|[0-4]\\d|\\d)', 'other'],
  G: ['(?:\\d\\d\\d\\d)', 'other'],
  V: ['(?:5[0-3]|0[1-9]|[1-4]\\d|\\d)', 'other'],
};

export class StrftimeFormatError extends RangeError {
  override name = 'StrftimeFormatError';
}

/** A test "does datetime.strptime(s, format) succeed". @throws StrftimeFormatError for a bad directive. */
export function strptimeMatcher(format: string): (s: string) => boolean {
  let pattern = '';
  const fields: Field[] = [];
  for (let i = 0; i < format.length; i++) {
    const ch = format[i];
    if (ch === '%') {
      const d = format[++i];
      if (d === '%') {
        pattern += '%';
        continue;
      }
      const entry = d === undefined ? undefined : DIRECTIVES[d];
      if (!entry)
        throw new StrftimeFormatError(`"%${d ?? ''}" is a bad directive in format ${JSON.stringify(format)}`);
      pattern += entry[0];
      if (entry[1] !== 'other') fields.push(entry[1]);
    } else if (/\s/.test(ch)) {
      while (i + 1 < format.length && /\s/.test(format[i + 1])) i++;
      pattern += '\\s+';
    } else {
      pattern += ch.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    }
  }
  // Built only from the fixed table above and escaped literal characters.
  const rx = new RegExp(`^${pattern}$`, 'iu');
  return (s: string): boolean => {
    const m = rx.exec(s);
    if (!m) return false;
    let year = 1900;
    let month = 1;
    let day = 1;
    let yday: number | undefined;
    let leapSecond = false;
    fields.forEach((f, k) => {
      const v = m[k + 1].toLowerCase();
      if (f === 'Y') year = Number(v);
      else if (f === 'y') year = Number(v) < 69 ? 2000 + Number(v) : 1900 + Number(v);
      else if (f === 'm') month = Number(v);
      else if (f === 'd') day = Number(v.trim());
      else if (f === 'b') month = MONTHS.findIndex((x) => x.startsWith(v)) + 1;
      else if (f === 'B') month = MONTHS.indexOf(v) + 1;
      else if (f === 'j') yday = Number(v);
      else if (f === 'S') leapSecond = Number(v) > 59;
    });
    // datetime() refuses year 0 and leap seconds.
    if (year < 1 || leapSecond) return false;
    const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
    // CPython accepts %j up to 366 whatever the year.
    if (yday !== undefined) return true;
    const lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    return day <= lengths[month - 1];
  };
}
