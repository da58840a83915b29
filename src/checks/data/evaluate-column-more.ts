/**
 * Row-level evaluation of the rest of GX's core single-column catalogue (value lengths, regex lists,
 * strftime formats, JSON, type lists, monotonicity, z-scores, sum, distinct sets, most common value), with
 * the pandas engine's semantics: nulls are dropped before a value is judged, `mostly` as for every map
 * expectation. Where pandas itself raises (a string method on a numeric column, `diff` on strings) the
 * expectation raises too, which becomes its exception_info.
 */
import type { Column } from '../../data/table.js';
import { summarizeCategorical } from './column-summary.js';
import { columnDtype, gxTypeName, typeMatches } from './column-dtype.js';
import type { PreparedExpectation } from './expectation-catalog.js';
import { baseResult, betweenResult, inBounds, type ExpectationResult } from './expectation-result.js';
import { Unexpected, distinctValues, mapResult, valueMap } from './row-map.js';
import { pythonFloatStr, pythonIntStr } from './python-str.js';
import type { CompiledRegex } from './regex.js';
import { strptimeMatcher } from './strptime.js';
import { klDivergence, type Partition } from './kl-divergence.js';
import { dateutilParseable } from './dateutil-parse.js';
import { parsePythonJson, type CompiledSchema } from './json-schema.js';
import { jsonTooDeepAt } from '../../core/nesting.js';
import { valueSetMatcher } from './value-set.js';

function needsText(e: PreparedExpectation, column: Column): void {
  if (column.type === 'numeric')
    throw new RangeError(
      `${e.type} needs string values, but column "${column.name}" is numeric (${columnDtype(column)})`,
    );
}

function needsNumbers(
  e: PreparedExpectation,
  column: Column,
): asserts column is Column & { type: 'numeric' } {
  if (column.type !== 'numeric')
    throw new RangeError(`${e.type} needs numeric values, but column "${column.name}" has text values`);
}

/** Python's str() of this column's numbers, as pandas' astype(str). */
function numberText(column: Column): (x: number) => string {
  const dtype = columnDtype(column);
  return dtype === 'int64' || dtype === 'uint64' ? pythonIntStr : pythonFloatStr;
}

/** Python's len(): code points. */
function codePoints(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xd800 || c > 0xdbff) n++;
  }
  return n;
}

/** Python's json.loads also accepts NaN, Infinity and -Infinity. */
function jsonParseable(s: string): boolean {
  try {
    JSON.parse(s);
    return true;
  } catch {
    const t = s.trim();
    if (t === 'NaN' || t === 'Infinity' || t === '-Infinity') return true;
    try {
      JSON.parse(s.replace(/(?<=[[,:]\s*)(-?Infinity|NaN)(?=\s*[\],}])/g, '0'));
      return true;
    } catch {
      return false;
    }
  }
}

export function evaluateColumnMore(e: PreparedExpectation, column: Column): ExpectationResult | undefined {
  switch (e.type) {
    case 'expect_column_value_lengths_to_be_between':
      needsText(e, column);
      return valueMap(
        e,
        column,
        () => false,
        (s) => !inBounds(codePoints(s), e),
      );
    case 'expect_column_value_lengths_to_equal': {
      needsText(e, column);
      const want = e.args.value as number;
      return valueMap(
        e,
        column,
        () => false,
        (s) => codePoints(s) !== want,
      );
    }
    case 'expect_column_values_to_match_regex_list':
    case 'expect_column_values_to_not_match_regex_list': {
      const list = e.args.regex_list as CompiledRegex[];
      const all = e.args.match_on === 'all';
      const bad =
        e.type === 'expect_column_values_to_not_match_regex_list'
          ? (s: string) => list.some((rx) => rx.test(s))
          : all
            ? (s: string) => !list.every((rx) => rx.test(s))
            : (s: string) => !list.some((rx) => rx.test(s));
      const str = numberText(column);
      const cache = new Map<number, boolean>();
      const badNumber = (x: number): boolean => {
        let v = cache.get(x);
        if (v === undefined) cache.set(x, (v = bad(str(x))));
        return v;
      };
      return valueMap(e, column, badNumber, bad);
    }
    case 'expect_column_values_to_match_strftime_format': {
      needsText(e, column);
      const parses = strptimeMatcher(e.args.strftime_format as string);
      return valueMap(
        e,
        column,
        () => false,
        (s) => !parses(s),
      );
    }
    case 'expect_column_values_to_be_json_parseable':
      // GX runs json.loads on each value; on a number it raises TypeError, which GX counts as unexpected.
      return valueMap(
        e,
        column,
        () => true,
        (s) => !jsonParseable(s),
      );
    case 'expect_column_values_to_be_dateutil_parseable': {
      // GX raises TypeError for a value that is not a string (a numeric column).
      needsText(e, column);
      const today = new Date();
      return valueMap(
        e,
        column,
        () => false,
        (s) => !dateutilParseable(s, today),
      );
    }
    case 'expect_column_values_to_match_json_schema': {
      // GX: json.loads then jsonschema.validate; a number cannot be loaded (unexpected, as for
      // json_parseable), nor can malformed JSON (see docs/data.md: current GX raises instead).
      const schema = e.args.compiled_schema as CompiledSchema;
      const tooDeep = (t: string) => jsonTooDeepAt(t) >= 0;
      return valueMap(
        e,
        column,
        () => true,
        (s) => {
          const v = parsePythonJson(s, tooDeep);
          return v === undefined || !schema.validate(v);
        },
      );
    }
    case 'expect_column_values_to_be_in_type_list': {
      const dtype = columnDtype(column);
      const types = e.args.type_list as string[];
      return {
        ...baseResult(e),
        success: types.some((t) => typeMatches(t, dtype)),
        observed_value: gxTypeName(dtype),
      };
    }
    case 'expect_column_values_to_be_increasing':
    case 'expect_column_values_to_be_decreasing':
      return monotonic(e, column);
    case 'expect_column_value_z_scores_to_be_less_than':
      return zScores(e, column);
    case 'expect_column_sum_to_be_between': {
      needsNumbers(e, column);
      let sum = 0;
      for (const v of column.values) if (!Number.isNaN(v)) sum += v;
      return betweenResult(e, sum);
    }
    case 'expect_column_distinct_values_to_contain_set':
    case 'expect_column_distinct_values_to_equal_set':
      return distinctSet(e, column);
    case 'expect_column_most_common_value_to_be_in_set':
      return mostCommon(e, column);
    case 'expect_column_kl_divergence_to_be_less_than': {
      const threshold = (e.args.threshold as number | undefined) ?? null;
      const { divergence, details } = klDivergence(column, {
        partition: e.args.partition as Partition,
        threshold,
        tailWeightHoldout: (e.args.tail_weight_holdout as number | undefined) ?? 0,
        internalWeightHoldout: (e.args.internal_weight_holdout as number | undefined) ?? 0,
      });
      // GX: success is divergence <= threshold (NaN fails); observed_value null when not finite.
      return {
        ...baseResult(e),
        success: threshold === null ? true : divergence <= threshold,
        observed_value: Number.isFinite(divergence) ? divergence : null,
        details,
      };
    }
  }
  return undefined;
}

/** GX: the diff to the previous non-null value must be ≥ 0 (> 0 strictly); the first value passes. */
function monotonic(e: PreparedExpectation, column: Column): ExpectationResult {
  needsNumbers(e, column);
  const strictly = e.args.strictly === true;
  const sign = e.type === 'expect_column_values_to_be_increasing' ? 1 : -1;
  const u = new Unexpected(e);
  const values = column.values;
  let prev = NaN;
  let nulls = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isNaN(v)) {
      nulls++;
      continue;
    }
    const diff = (v - prev) * sign;
    // pandas diff is NaN for the first value (and for inf - inf): GX counts that as passing.
    if (!Number.isNaN(diff) && (strictly ? !(diff > 0) : !(diff >= 0))) u.add(i, v);
    prev = v;
  }
  return mapResult(e, values.length, nulls, u, values.length - nulls);
}

/** GX: z = (x − mean) / std (pandas: ddof 1, over non-null values); |z| < threshold when double_sided. */
function zScores(e: PreparedExpectation, column: Column): ExpectationResult {
  needsNumbers(e, column);
  const values = column.values;
  let n = 0;
  let sum = 0;
  for (const v of values) {
    if (Number.isNaN(v)) continue;
    n++;
    sum += v;
  }
  const mean = sum / n;
  let ss = 0;
  for (const v of values) if (!Number.isNaN(v)) ss += (v - mean) ** 2;
  const std = Math.sqrt(ss / (n - 1));
  const threshold = e.args.threshold as number;
  const doubleSided = e.args.double_sided !== false;
  return valueMap(
    e,
    column,
    (x) => {
      const z = (x - mean) / std;
      return doubleSided ? !(Math.abs(z) < threshold) : !(z < threshold);
    },
    null,
  );
}

function distinctSet(e: PreparedExpectation, column: Column): ExpectationResult {
  return distinctSetResult(e, distinctValues(column));
}

/**
 * contain_set / equal_set on the sorted distinct non-null values (shared with profiles, which hold them
 * exactly while they kept every value).
 */
export function distinctSetResult(e: PreparedExpectation, distinct: (number | string)[]): ExpectationResult {
  const matches = (set: ReturnType<typeof valueSetMatcher>, v: number | string) =>
    typeof v === 'number' ? set.numeric(v) : set.text(v);
  const whole = valueSetMatcher(e.valueSet!);
  const missing = e.valueSet!.filter((s) => {
    const one = valueSetMatcher([s]);
    return !distinct.some((v) => matches(one, v));
  });
  const extra = distinct.filter((v) => !matches(whole, v));
  const success =
    missing.length === 0 && (e.type === 'expect_column_distinct_values_to_contain_set' || extra.length === 0);
  const result: ExpectationResult = { ...baseResult(e), success, observed_value: distinct.slice(0, 1000) };
  if (!success) result.details = { missing_values: missing, unexpected_values: extra.slice(0, 20) };
  return result;
}

/** GX: the mode(s); with ties_okay one of them must be in the set, else the single mode must be. */
function mostCommon(e: PreparedExpectation, column: Column): ExpectationResult {
  const entries: [number | string, number][] = [];
  if (column.type === 'categorical') {
    const counts = summarizeCategorical(column).counts;
    column.dictionary.forEach((v, c) => entries.push([v, counts[c]]));
  } else {
    const counts = new Map<number, number>();
    for (const v of column.values)
      if (!Number.isNaN(v)) counts.set(v === 0 ? 0 : v, (counts.get(v) ?? 0) + 1);
    entries.push(...counts);
  }
  return mostCommonResult(e, entries);
}

/** most_common_value_to_be_in_set from [value, count] of every non-null value (rows or an exact profile). */
export function mostCommonResult(
  e: PreparedExpectation,
  entries: [number | string, number][],
): ExpectationResult {
  let modes: (number | string)[] = [];
  let best = 0;
  for (const [v, n] of entries) {
    if (n > best) [best, modes] = [n, [v]];
    else if (n === best && n > 0) modes.push(v);
  }
  modes.sort((a, b) =>
    typeof a === 'number' && typeof b === 'number' ? a - b : String(a) < String(b) ? -1 : 1,
  );
  const set = valueSetMatcher(e.valueSet!);
  const inSet = modes.filter((v) => (typeof v === 'number' ? set.numeric(v) : set.text(v)));
  const success = e.args.ties_okay === true ? inSet.length > 0 : modes.length === 1 && inSet.length === 1;
  return { ...baseResult(e), success, observed_value: modes };
}
