/**
 * Whether Python's `dateutil.parser.parse(text)` (dateutil 2.8, default parserinfo, no fuzzy, no dayfirst
 * or yearfirst) accepts a string — GX's expect_column_values_to_be_dateutil_parseable counts a value as
 * parseable unless parse raises ValueError or OverflowError.
 *
 * This follows dateutil's own two stages, rule by rule: its lexer (`_timelex`: runs of letters, runs of
 * digits, dots and commas kept or split by context, single other characters), then its token parser
 * (`_parse`: numbers as YYMMDD / HHMMSS / YYYYMMDD[hhmm[ss]], `h:m:s`, `d-m-y` families, month and weekday
 * names, am/pm, time zone names and offsets, the "jump" words that may be skipped), the year/month/day
 * resolution (`_ymd.resolve_ymd`), two-digit years within 50 years of today, and finally whether the
 * datetime can be built from today's date at midnight with the parsed fields replaced (a day beyond the
 * month's end when no day was given becomes the last day, as dateutil does).
 *
 * It answers yes/no only: no datetime is produced. Where it may differ from Python (stated in
 * docs/data.md): characters Python's str.isdigit() calls digits but int() refuses are only the common
 * superscript/circled ones; everything else was checked against dateutil on a generated corpus
 * (test/fixtures/data-quality/gen_dateutil.py).
 */

const JUMP = new Set([
  ' ',
  '.',
  ',',
  ';',
  '-',
  '/',
  "'",
  'at',
  'on',
  'and',
  'ad',
  'm',
  't',
  'of',
  'st',
  'nd',
  'rd',
  'th',
]);
const WEEKDAYS = [
  'mon',
  'monday',
  'tue',
  'tuesday',
  'wed',
  'wednesday',
  'thu',
  'thursday',
  'fri',
  'friday',
  'sat',
  'saturday',
  'sun',
  'sunday',
];
const MONTHS: Record<string, number> = {
  jan: 1,
  january: 1,
  feb: 2,
  february: 2,
  mar: 3,
  march: 3,
  apr: 4,
  april: 4,
  may: 5,
  jun: 6,
  june: 6,
  jul: 7,
  july: 7,
  aug: 8,
  august: 8,
  sep: 9,
  sept: 9,
  september: 9,
  oct: 10,
  october: 10,
  nov: 11,
  november: 11,
  dec: 12,
  december: 12,
};
const HMS: Record<string, number> = {
  h: 0,
  hour: 0,
  hours: 0,
  m: 1,
  minute: 1,
  minutes: 1,
  s: 2,
  second: 2,
  seconds: 2,
};
const AMPM: Record<string, number> = { am: 0, a: 0, pm: 1, p: 1 };
const UTCZONE = ['UTC', 'GMT', 'Z', 'z'];

/** Python str.isdigit() characters that are not decimal digits (int() and float() refuse them). */
const NON_DECIMAL_DIGITS =
  /[\u00b2\u00b3\u00b9\u2070\u2074-\u2079\u2080-\u2089\u2460-\u2468\u2474-\u247c\u2488-\u2490\u24f5-\u24fd\u2776-\u277e\u2780-\u2788\u278a-\u2792]/u;
const DECIMAL = /\p{Nd}/u;
const LETTER = /\p{L}/u;
/** Python str.isspace(): ASCII whitespace and the separators \x1c–\x1f, \x85 and Unicode spaces. */
const UNICODE_SPACE = /[\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/u;
function isPySpace(c: string): boolean {
  const cp = c.codePointAt(0)!;
  return (cp >= 9 && cp <= 13) || (cp >= 0x1c && cp <= 0x20) || cp === 0x85 || UNICODE_SPACE.test(c);
}

const isWord = (c: string) => LETTER.test(c);
const isNum = (c: string) => DECIMAL.test(c) || NON_DECIMAL_DIGITS.test(c);
const isSpace = isPySpace;

class NotParseable extends Error {}
const fail = (): never => {
  throw new NotParseable();
};

/** dateutil's `_timelex.split`. */
export function timelex(text: string): string[] {
  const chars = [...text].filter((c) => c !== '\0');
  const out: string[] = [];
  let pos = 0;
  while (pos < chars.length) {
    let token = chars[pos++];
    let state: '' | 'a' | '0' | 'a.' | '0.' = '';
    let seenLetters = false;
    if (isWord(token)) state = 'a';
    else if (isNum(token)) state = '0';
    else if (isSpace(token)) token = ' ';
    if (state) {
      while (pos < chars.length) {
        const c = chars[pos];
        if (state === 'a') {
          seenLetters = true;
          if (isWord(c)) token += c;
          else if (c === '.') {
            token += c;
            state = 'a.';
          } else break;
        } else if (state === '0') {
          if (isNum(c)) token += c;
          else if (c === '.' || (c === ',' && [...token].length >= 2)) {
            token += c;
            state = '0.';
          } else break;
        } else if (state === 'a.') {
          seenLetters = true;
          if (c === '.' || isWord(c)) token += c;
          else if (isNum(c) && token.endsWith('.')) {
            token += c;
            state = '0.';
          } else break;
        } else {
          if (c === '.' || isNum(c)) token += c;
          else if (isWord(c) && token.endsWith('.')) {
            token += c;
            state = 'a.';
          } else break;
        }
        pos++;
      }
    }
    const rest: string[] = [];
    if (
      (state === 'a.' || state === '0.') &&
      (seenLetters || token.split('.').length > 2 || token.endsWith('.') || token.endsWith(','))
    ) {
      const parts = token.split(/([.,])/);
      token = parts[0];
      for (const p of parts.slice(1)) if (p) rest.push(p);
    }
    if (state === '0.' && !token.includes('.')) token = token.replace(/,/g, '.');
    out.push(token, ...rest);
  }
  return out;
}

/** The value of a run of decimal digits (any script), as Python's int(); undefined when it is not one. */
function pyInt(s: string): number | undefined {
  if (s === '') return undefined;
  let v = 0;
  for (const c of s) {
    if (!DECIMAL.test(c)) return undefined;
    v = v * 10 + digitValue(c);
  }
  return v;
}

function digitValue(c: string): number {
  const cp = c.codePointAt(0)!;
  if (cp >= 48 && cp <= 57) return cp - 48;
  // Unicode decimal digits come in runs of ten from zero: count back to the run's start.
  let start = cp;
  while (start > 0 && DECIMAL.test(String.fromCodePoint(start - 1))) start--;
  return (cp - start) % 10;
}

/** Python float()/Decimal() of a lexer token: digits with at most one dot; undefined otherwise. */
function pyNumber(s: string): number | undefined {
  const m = /^([^.]*)(?:\.([^.]*))?$/u.exec(s);
  if (!m) return undefined;
  const [, whole, frac] = m;
  if (whole === '' && (frac === undefined || frac === '')) return undefined;
  const w = whole === '' ? 0 : pyInt(whole);
  const f = frac === undefined || frac === '' ? 0 : pyInt(frac);
  if (w === undefined || f === undefined) return undefined;
  return Number(`${w}.${frac ? [...frac].map(digitValue).join('') : '0'}`);
}

/** Python str.isdigit(). */
function isDigitString(s: string): boolean {
  return s !== '' && [...s].every(isNum);
}

function daysIn(year: number, month: number): number {
  if (month < 1 || month > 12) fail();
  if (month === 2) {
    // calendar.isleap works on any integer year.
    const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
    return leap ? 29 : 28;
  }
  return [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
}

class Ymd {
  values: number[] = [];
  centurySpecified = false;
  dstridx: number | null = null;
  mstridx: number | null = null;
  ystridx: number | null = null;

  couldBeDay(value: number): boolean {
    if (this.dstridx !== null) return false;
    if (this.mstridx === null) return value >= 1 && value <= 31;
    const month = this.values[this.mstridx];
    if (this.ystridx === null) return value >= 1 && value <= daysIn(2000, month);
    return value >= 1 && value <= daysIn(this.values[this.ystridx], month);
  }

  /** A string token (int()-parsed) or a number (int() truncates). */
  append(val: string | number, label?: 'M' | 'D' | 'Y'): void {
    let n: number;
    if (typeof val === 'string') {
      if (isDigitString(val) && [...val].length > 2) {
        this.centurySpecified = true;
        if (label !== undefined && label !== 'Y') fail();
        label = 'Y';
      }
      n = pyInt(val) ?? fail();
    } else {
      if (val > 100) {
        this.centurySpecified = true;
        if (label !== undefined && label !== 'Y') fail();
        label = 'Y';
      }
      n = Math.trunc(val);
    }
    this.values.push(n);
    const at = this.values.length - 1;
    if (label === 'M') {
      if (this.mstridx !== null) fail();
      this.mstridx = at;
    } else if (label === 'D') {
      if (this.dstridx !== null) fail();
      this.dstridx = at;
    } else if (label === 'Y') {
      if (this.ystridx !== null) fail();
      this.ystridx = at;
    }
  }

  resolve(): [number | null, number | null, number | null] {
    const v = this.values;
    const len = v.length;
    const strids: Record<string, number> = {};
    if (this.ystridx !== null) strids.y = this.ystridx;
    if (this.mstridx !== null) strids.m = this.mstridx;
    if (this.dstridx !== null) strids.d = this.dstridx;
    const known = Object.keys(strids).length;
    if ((len === known && known > 0) || (len === 3 && known === 2)) {
      if (len === 3 && known === 2) {
        const used = Object.values(strids);
        const missing = [0, 1, 2].find((x) => !used.includes(x))!;
        const key = ['y', 'm', 'd'].find((k) => !(k in strids))!;
        strids[key] = missing;
      }
      const get = (k: string) => (k in strids ? v[strids[k]] : null);
      return [get('y'), get('m'), get('d')];
    }
    let year: number | null = null;
    let month: number | null = null;
    let day: number | null = null;
    const mstridx = this.mstridx;
    if (len > 3) fail();
    else if (len === 1 || (mstridx !== null && len === 2)) {
      let other: number;
      if (mstridx !== null) {
        month = v[mstridx];
        other = v[(mstridx - 1 + len) % len];
      } else other = v[0];
      if (len > 1 || mstridx === null) {
        if (other > 31) year = other;
        else day = other;
      }
    } else if (len === 2) {
      if (v[0] > 31) [year, month] = v;
      else if (v[1] > 31) [month, year] = v;
      else [month, day] = v;
    } else if (len === 3) {
      if (mstridx === 0) {
        if (v[1] > 31) [month, year, day] = v;
        else [month, day, year] = v;
      } else if (mstridx === 1) {
        if (v[0] > 31) [year, month, day] = v;
        else [day, month, year] = v;
      } else if (mstridx === 2) {
        if (v[1] > 31) [day, year, month] = v;
        else [year, day, month] = v;
      } else if (v[0] > 31 || this.ystridx === 0) [year, month, day] = v;
      else if (v[0] > 12) [day, month, year] = v;
      else [month, day, year] = v;
    }
    return [year, month, day];
  }
}

interface Result {
  year: number | null;
  month: number | null;
  day: number | null;
  weekday: number | null;
  hour: number | null;
  minute: number | null;
  second: number | null;
  microsecond: number | null;
  tzname: string | null;
  tzoffset: number | null;
  ampm: number | null;
}

function parsems(value: string): [number, number] {
  if (!value.includes('.')) return [pyInt(value) ?? fail(), 0];
  const parts = value.split('.');
  if (parts.length !== 2) fail();
  const f = [...parts[1]];
  while (f.length < 6) f.push('0');
  return [pyInt(parts[0]) ?? fail(), pyInt(f.slice(0, 6).join('')) ?? fail()];
}

function minSec(value: number): [number, number | null] {
  const minute = Math.trunc(value);
  const rem = value % 1;
  return [minute, rem ? Math.trunc(60 * rem) : null];
}

function adjustAmpm(hour: number, ampm: number): number {
  if (hour < 12 && ampm === 1) return hour + 12;
  if (hour === 12 && ampm === 0) return 0;
  return hour;
}

const lower = (s: string) => s.toLowerCase();
const hmsOf = (s: string | undefined): number | undefined => (s === undefined ? undefined : HMS[lower(s)]);
const ampmOf = (s: string | undefined): number | undefined => (s === undefined ? undefined : AMPM[lower(s)]);
const monthOf = (s: string | undefined): number | undefined =>
  s === undefined ? undefined : MONTHS[lower(s)];
const jump = (s: string | undefined): boolean => s !== undefined && JUMP.has(lower(s));

function findHmsIdx(idx: number, t: string[]): number | null {
  const n = t.length;
  if (idx + 1 < n && hmsOf(t[idx + 1]) !== undefined) return idx + 1;
  if (idx + 2 < n && t[idx + 1] === ' ' && hmsOf(t[idx + 2]) !== undefined) return idx + 2;
  if (idx > 0 && hmsOf(t[idx - 1]) !== undefined) return idx - 1;
  if (1 < idx && idx === n - 1 && t[idx - 1] === ' ' && hmsOf(t[idx - 2]) !== undefined) return idx - 2;
  return null;
}

function numericToken(t: string[], idx: number, ymd: Ymd, res: Result): number {
  const repr = t[idx];
  const value = pyNumber(repr) ?? fail();
  const len = [...repr].length;
  const n = t.length;
  if (
    ymd.values.length === 3 &&
    (len === 2 || len === 4) &&
    res.hour === null &&
    (idx + 1 >= n || (t[idx + 1] !== ':' && hmsOf(t[idx + 1]) === undefined))
  ) {
    const s = [...repr];
    res.hour = pyInt(s.slice(0, 2).join('')) ?? fail();
    if (len === 4) res.minute = pyInt(s.slice(2).join('')) ?? fail();
  } else if (len === 6 || (len > 6 && [...repr].indexOf('.') === 6)) {
    const s = [...repr];
    if (ymd.values.length === 0 && !repr.includes('.')) {
      ymd.append(s.slice(0, 2).join(''));
      ymd.append(s.slice(2, 4).join(''));
      ymd.append(s.slice(4).join(''));
    } else {
      res.hour = pyInt(s.slice(0, 2).join('')) ?? fail();
      res.minute = pyInt(s.slice(2, 4).join('')) ?? fail();
      [res.second, res.microsecond] = parsems(s.slice(4).join(''));
    }
  } else if (len === 8 || len === 12 || len === 14) {
    const s = [...repr];
    ymd.append(s.slice(0, 4).join(''), 'Y');
    ymd.append(s.slice(4, 6).join(''));
    ymd.append(s.slice(6, 8).join(''));
    if (len > 8) {
      res.hour = pyInt(s.slice(8, 10).join('')) ?? fail();
      res.minute = pyInt(s.slice(10, 12).join('')) ?? fail();
      if (len > 12) res.second = pyInt(s.slice(12).join('')) ?? fail();
    }
  } else if (findHmsIdx(idx, t) !== null) {
    const hmsIdx = findHmsIdx(idx, t)!;
    let hms: number;
    if (hmsIdx > idx) {
      hms = hmsOf(t[hmsIdx])!;
      idx = hmsIdx;
    } else hms = hmsOf(t[hmsIdx])! + 1;
    if (hms === 0) {
      res.hour = Math.trunc(value);
      if (value % 1) res.minute = Math.trunc(60 * (value % 1));
    } else if (hms === 1) [res.minute, res.second] = minSec(value);
    else if (hms === 2) [res.second, res.microsecond] = parsems(repr);
  } else if (idx + 2 < n && t[idx + 1] === ':') {
    res.hour = Math.trunc(value);
    const v2 = pyNumber(t[idx + 2]) ?? fail();
    [res.minute, res.second] = minSec(v2);
    if (idx + 4 < n && t[idx + 3] === ':') {
      [res.second, res.microsecond] = parsems(t[idx + 4]);
      idx += 2;
    }
    idx += 2;
  } else if (idx + 1 < n && ['-', '/', '.'].includes(t[idx + 1])) {
    const sep = t[idx + 1];
    ymd.append(repr);
    if (idx + 2 < n && !jump(t[idx + 2])) {
      if (isDigitString(t[idx + 2])) ymd.append(t[idx + 2]);
      else ymd.append(monthOf(t[idx + 2]) ?? fail(), 'M');
      if (idx + 3 < n && t[idx + 3] === sep) {
        if (idx + 4 >= n) fail(); // IndexError in Python
        const m = monthOf(t[idx + 4]);
        if (m !== undefined) ymd.append(m, 'M');
        else ymd.append(t[idx + 4]);
        idx += 2;
      }
      idx += 1;
    }
    idx += 1;
  } else if (idx + 1 >= n || jump(t[idx + 1])) {
    const ap = idx + 2 < n ? ampmOf(t[idx + 2]) : undefined;
    if (ap !== undefined) {
      res.hour = adjustAmpm(Math.trunc(value), ap);
      idx += 1;
    } else ymd.append(value);
    idx += 1;
  } else if (ampmOf(t[idx + 1]) !== undefined && value >= 0 && value < 24) {
    res.hour = adjustAmpm(Math.trunc(value), ampmOf(t[idx + 1])!);
    idx += 1;
  } else if (ymd.couldBeDay(value)) ymd.append(value);
  else fail();
  return idx;
}

function couldBeTzname(res: Result, token: string): boolean {
  return (
    res.hour !== null &&
    res.tzname === null &&
    res.tzoffset === null &&
    [...token].length <= 5 &&
    ([...token].every((c) => c >= 'A' && c <= 'Z') || UTCZONE.includes(token))
  );
}

/** dateutil's `_parse`, without the fuzzy modes: the fields found, or undefined (it would raise). */
function parseTokens(text: string, currentYear: number): Result | undefined {
  const t = timelex(text);
  const res: Result = {
    year: null,
    month: null,
    day: null,
    weekday: null,
    hour: null,
    minute: null,
    second: null,
    microsecond: null,
    tzname: null,
    tzoffset: null,
    ampm: null,
  };
  const ymd = new Ymd();
  try {
    for (let i = 0; i < t.length; i++) {
      const tok = t[i];
      const lo = lower(tok);
      if (pyNumber(tok) !== undefined || isPythonFloatWord(tok)) {
        if (isPythonFloatWord(tok)) fail(); // float("nan") works, but Decimal("nan") is not finite
        i = numericToken(t, i, ymd, res);
      } else if (WEEKDAYS.includes(lo)) {
        res.weekday = Math.floor(WEEKDAYS.indexOf(lo) / 2);
      } else if (MONTHS[lo] !== undefined) {
        ymd.append(MONTHS[lo], 'M');
        if (i + 1 < t.length) {
          if (t[i + 1] === '-' || t[i + 1] === '/') {
            const sep = t[i + 1];
            if (i + 2 >= t.length) fail();
            ymd.append(t[i + 2]);
            if (i + 3 < t.length && t[i + 3] === sep) {
              if (i + 4 >= t.length) fail();
              ymd.append(t[i + 4]);
              i += 2;
            }
            i += 2;
          } else if (i + 4 < t.length && t[i + 1] === ' ' && t[i + 3] === ' ' && lower(t[i + 2]) === 'of') {
            if (isDigitString(t[i + 4])) {
              const y = pyInt(t[i + 4]) ?? fail();
              ymd.append(String(convertYear(y, false, currentYear)), 'Y');
            }
            i += 4;
          }
        }
      } else if (AMPM[lo] !== undefined) {
        if (res.hour === null || res.hour < 0 || res.hour > 12) fail();
        res.hour = adjustAmpm(res.hour!, AMPM[lo]);
        res.ampm = AMPM[lo];
      } else if (couldBeTzname(res, tok)) {
        res.tzname = tok;
        // parserinfo.tzoffset looks the name up among lower-cased keys: only "z" gives 0.
        res.tzoffset = tok === 'z' ? 0 : null;
        if (i + 1 < t.length && (t[i + 1] === '+' || t[i + 1] === '-')) {
          t[i + 1] = t[i + 1] === '+' ? '-' : '+';
          res.tzoffset = null;
          if (UTCZONE.some((z) => lower(z) === lo)) res.tzname = null;
        }
      } else if (res.hour !== null && (tok === '+' || tok === '-')) {
        if (i + 1 >= t.length) fail();
        const next = [...t[i + 1]];
        let h: number;
        let m: number;
        if (next.length === 4) {
          h = pyInt(next.slice(0, 2).join('')) ?? fail();
          m = pyInt(next.slice(2).join('')) ?? fail();
        } else if (i + 2 < t.length && t[i + 2] === ':') {
          h = pyInt(t[i + 1]) ?? fail();
          if (i + 3 >= t.length) fail();
          m = pyInt(t[i + 3]) ?? fail();
          i += 2;
        } else if (next.length <= 2) {
          h = pyInt(next.slice(0, 2).join('')) ?? fail();
          m = 0;
        } else fail();
        res.tzoffset = (tok === '+' ? 1 : -1) * (h! * 3600 + m! * 60);
        if (
          i + 5 < t.length &&
          jump(t[i + 2]) &&
          t[i + 3] === '(' &&
          t[i + 5] === ')' &&
          [...t[i + 4]].length >= 3 &&
          couldBeTzname({ ...res, tzoffset: null }, t[i + 4])
        ) {
          res.tzname = t[i + 4];
          i += 4;
        }
        i += 1;
      } else if (!jump(tok)) fail();
    }
    const [year, month, day] = ymd.resolve();
    res.year = year === null ? null : convertYear(year, ymd.centurySpecified, currentYear);
    res.month = month;
    res.day = day;
  } catch (e) {
    if (e instanceof NotParseable) return undefined;
    throw e;
  }
  return res;
}

/** float() accepts these words; dateutil then fails on them (Decimal is not finite). */
function isPythonFloatWord(tok: string): boolean {
  return /^(nan|inf|infinity)$/i.test(tok);
}

/** Two-digit years within [-50, +49] years of the current year, as dateutil's parserinfo.convertyear. */
function convertYear(year: number, centurySpecified: boolean, currentYear: number): number {
  if (year < 100 && !centurySpecified) {
    year += Math.floor(currentYear / 100) * 100;
    if (year >= currentYear + 50) year -= 100;
    else if (year < currentYear - 50) year += 100;
  }
  return year;
}

/**
 * True when `dateutil.parser.parse(text)` returns a datetime. `today` stands for the current date dateutil
 * fills missing fields from (its default is today at midnight).
 */
export function dateutilParseable(text: string, today: Date = new Date()): boolean {
  const res = parseTokens(text, today.getFullYear());
  if (!res) return false;
  const fields = Object.values(res).filter((v) => v !== null).length;
  if (fields === 0) return false;
  try {
    const year = res.year ?? today.getFullYear();
    const month = res.month ?? today.getMonth() + 1;
    let day = res.day;
    if (day === null) {
      const cday = today.getDate();
      day = Math.min(cday, daysIn(year, month));
    }
    const ok =
      year >= 1 &&
      year <= 9999 &&
      month >= 1 &&
      month <= 12 &&
      day >= 1 &&
      day <= daysIn(year, month) &&
      (res.hour ?? 0) >= 0 &&
      (res.hour ?? 0) <= 23 &&
      (res.minute ?? 0) >= 0 &&
      (res.minute ?? 0) <= 59 &&
      (res.second ?? 0) >= 0 &&
      (res.second ?? 0) <= 59 &&
      (res.microsecond ?? 0) >= 0 &&
      (res.microsecond ?? 0) <= 999_999;
    if (!ok) return false;
    if (res.weekday !== null && !res.day) {
      // relativedelta(weekday=…) moves forward to that weekday: past 9999-12-31 overflows.
      const d = new Date(Date.UTC(2000, month - 1, day));
      d.setUTCFullYear(year);
      const ahead = (res.weekday - ((d.getUTCDay() + 6) % 7) + 7) % 7;
      if (year === 9999 && month === 12 && day + ahead > 31) return false;
    }
    return true;
  } catch (e) {
    if (e instanceof NotParseable) return false;
    throw e;
  }
}
