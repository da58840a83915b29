/**
 * The expectations model-ci implements (Great Expectations names and keyword arguments) and the
 * validation of their kwargs. Validation happens when the suite is loaded, so a typo or a wrong type
 * is a ConfigError pointing at the suite line before any data is read.
 */
import { parseIsoDatetime, type IsoDatetime } from '../../data/iso-datetime.js';
import { ConfigError, didYouMean, editDistance } from '../../core/errors.js';
import { compileRegex, type CompiledRegex } from './regex.js';
import { strptimeMatcher } from './strptime.js';
import { parsePartition } from './kl-partition.js';
import { compileJsonSchema, JsonSchemaError } from './json-schema.js';
import {
  CONDITION_PARSERS,
  ConditionSyntaxError,
  parseCondition,
  type Condition,
  type ConditionParser,
} from './row-condition.js';

export type Severity = 'error' | 'warn' | 'info';
export type Interpolation = 'linear' | 'lower' | 'higher' | 'midpoint' | 'nearest';
export type SetElement = string | number | boolean;

type ParamKind =
  | 'column'
  | 'number'
  | 'bool'
  | 'mostly'
  | 'value_set'
  | 'string_list'
  | 'regex'
  | 'type_name'
  | 'index'
  | 'quantile_ranges'
  | 'interpolation'
  | 'false_only'
  | 'bound'
  | 'datetimes_flag'
  | 'catch_exceptions'
  | 'integer'
  | 'column_a'
  | 'column_b'
  | 'column_list'
  | 'ordered_list'
  | 'regex_list'
  | 'match_on'
  | 'strftime'
  | 'type_list'
  | 'pair_ignore'
  | 'multi_ignore'
  | 'value_pairs'
  | 'flag'
  | 'result_format'
  | 'partition'
  | 'holdout'
  | 'table_name'
  | 'json_schema'
  | 'ignored';

export type Domain = 'table' | 'column-map' | 'column-aggregate' | 'column-pair' | 'multicolumn';

interface Spec {
  domain: Domain;
  params: Record<string, ParamKind>;
  required: string[];
  /** min_value/max_value with at least one given. */
  between?: boolean;
}

const BETWEEN = { min_value: 'number', max_value: 'number', strict_min: 'bool', strict_max: 'bool' } as const;
/** Bounds that may also be ISO 8601 dates/times, for datetime columns (GX parses them into datetimes). */
const DATE_BETWEEN = { ...BETWEEN, min_value: 'bound', max_value: 'bound' } as const;
const COLUMN = { column: 'column' } as const;
const MAP = { column: 'column', mostly: 'mostly' } as const;
/** kwargs GX accepts on every expectation that only change reporting. */
const REPORTING = {
  result_format: 'result_format',
  include_config: 'ignored',
  catch_exceptions: 'catch_exceptions',
  meta: 'ignored',
} as const;

export const EXPECTATIONS: Record<string, Spec> = {
  expect_table_row_count_to_be_between: {
    domain: 'table',
    params: { ...BETWEEN },
    required: [],
    between: true,
  },
  expect_table_columns_to_match_set: {
    domain: 'table',
    params: { column_set: 'string_list', exact_match: 'bool' },
    required: ['column_set'],
  },
  expect_column_to_exist: {
    domain: 'table',
    params: { ...COLUMN, column_index: 'index' },
    required: ['column'],
  },
  expect_column_values_to_not_be_null: { domain: 'column-map', params: { ...MAP }, required: ['column'] },
  expect_column_values_to_be_null: { domain: 'column-map', params: { ...MAP }, required: ['column'] },
  expect_column_values_to_be_between: {
    domain: 'column-map',
    params: {
      ...MAP,
      ...DATE_BETWEEN,
      parse_strings_as_datetimes: 'datetimes_flag',
      output_strftime_format: 'ignored',
      allow_cross_type_comparisons: 'ignored',
    },
    required: ['column'],
    between: true,
  },
  expect_column_values_to_be_in_set: {
    domain: 'column-map',
    params: { ...MAP, value_set: 'value_set', parse_strings_as_datetimes: 'false_only' },
    required: ['column', 'value_set'],
  },
  expect_column_values_to_not_be_in_set: {
    domain: 'column-map',
    params: { ...MAP, value_set: 'value_set', parse_strings_as_datetimes: 'false_only' },
    required: ['column', 'value_set'],
  },
  expect_column_values_to_be_unique: { domain: 'column-map', params: { ...MAP }, required: ['column'] },
  expect_column_values_to_match_regex: {
    domain: 'column-map',
    params: { ...MAP, regex: 'regex' },
    required: ['column', 'regex'],
  },
  expect_column_values_to_not_match_regex: {
    domain: 'column-map',
    params: { ...MAP, regex: 'regex' },
    required: ['column', 'regex'],
  },
  expect_column_values_to_be_of_type: {
    domain: 'column-aggregate',
    params: { ...MAP, type_: 'type_name' },
    required: ['column', 'type_'],
  },
  expect_column_mean_to_be_between: {
    domain: 'column-aggregate',
    params: { ...COLUMN, ...BETWEEN },
    required: ['column'],
    between: true,
  },
  expect_column_median_to_be_between: {
    domain: 'column-aggregate',
    params: { ...COLUMN, ...BETWEEN },
    required: ['column'],
    between: true,
  },
  expect_column_stdev_to_be_between: {
    domain: 'column-aggregate',
    params: { ...COLUMN, ...BETWEEN },
    required: ['column'],
    between: true,
  },
  expect_column_min_to_be_between: {
    domain: 'column-aggregate',
    params: {
      ...COLUMN,
      ...DATE_BETWEEN,
      parse_strings_as_datetimes: 'datetimes_flag',
      output_strftime_format: 'ignored',
    },
    required: ['column'],
    between: true,
  },
  expect_column_max_to_be_between: {
    domain: 'column-aggregate',
    params: {
      ...COLUMN,
      ...DATE_BETWEEN,
      parse_strings_as_datetimes: 'datetimes_flag',
      output_strftime_format: 'ignored',
    },
    required: ['column'],
    between: true,
  },
  expect_column_quantile_values_to_be_between: {
    domain: 'column-aggregate',
    params: { ...COLUMN, quantile_ranges: 'quantile_ranges', allow_relative_error: 'interpolation' },
    required: ['column', 'quantile_ranges'],
  },
  expect_column_proportion_of_unique_values_to_be_between: {
    domain: 'column-aggregate',
    params: { ...COLUMN, ...BETWEEN },
    required: ['column'],
    between: true,
  },
  expect_column_unique_value_count_to_be_between: {
    domain: 'column-aggregate',
    params: { ...COLUMN, ...BETWEEN },
    required: ['column'],
    between: true,
  },
  expect_column_distinct_values_to_be_in_set: {
    domain: 'column-aggregate',
    params: { ...COLUMN, value_set: 'value_set', parse_strings_as_datetimes: 'false_only' },
    required: ['column', 'value_set'],
  },
};

const PAIR = {
  column_A: 'column_a',
  column_B: 'column_b',
  mostly: 'mostly',
  ignore_row_if: 'pair_ignore',
} as const;
const MULTI = { column_list: 'column_list', mostly: 'mostly', ignore_row_if: 'multi_ignore' } as const;

Object.assign(EXPECTATIONS, {
  expect_table_row_count_to_equal: { domain: 'table', params: { value: 'integer' }, required: ['value'] },
  expect_table_column_count_to_equal: {
    domain: 'table',
    params: { value: 'integer' },
    required: ['value'],
  },
  expect_table_column_count_to_be_between: {
    domain: 'table',
    params: { ...BETWEEN },
    required: [],
    between: true,
  },
  expect_table_columns_to_match_ordered_list: {
    domain: 'table',
    params: { column_list: 'ordered_list' },
    required: ['column_list'],
  },
  expect_column_value_lengths_to_be_between: {
    domain: 'column-map',
    params: { ...MAP, min_value: 'number', max_value: 'number', strict_min: 'bool', strict_max: 'bool' },
    required: ['column'],
    between: true,
  },
  expect_column_value_lengths_to_equal: {
    domain: 'column-map',
    params: { ...MAP, value: 'integer' },
    required: ['column', 'value'],
  },
  expect_column_values_to_match_regex_list: {
    domain: 'column-map',
    params: { ...MAP, regex_list: 'regex_list', match_on: 'match_on' },
    required: ['column', 'regex_list'],
  },
  expect_column_values_to_not_match_regex_list: {
    domain: 'column-map',
    params: { ...MAP, regex_list: 'regex_list' },
    required: ['column', 'regex_list'],
  },
  expect_column_values_to_match_strftime_format: {
    domain: 'column-map',
    params: { ...MAP, strftime_format: 'strftime' },
    required: ['column', 'strftime_format'],
  },
  expect_column_values_to_be_json_parseable: {
    domain: 'column-map',
    params: { ...MAP },
    required: ['column'],
  },
  expect_column_values_to_be_in_type_list: {
    domain: 'column-aggregate',
    params: { ...MAP, type_list: 'type_list' },
    required: ['column', 'type_list'],
  },
  expect_column_values_to_be_increasing: {
    domain: 'column-map',
    params: { ...MAP, strictly: 'flag', parse_strings_as_datetimes: 'datetimes_flag' },
    required: ['column'],
  },
  expect_column_values_to_be_decreasing: {
    domain: 'column-map',
    params: { ...MAP, strictly: 'flag', parse_strings_as_datetimes: 'datetimes_flag' },
    required: ['column'],
  },
  expect_column_value_z_scores_to_be_less_than: {
    domain: 'column-map',
    params: { ...MAP, threshold: 'number', double_sided: 'flag' },
    required: ['column', 'threshold'],
  },
  expect_column_sum_to_be_between: {
    domain: 'column-aggregate',
    params: { ...COLUMN, ...BETWEEN },
    required: ['column'],
    between: true,
  },
  expect_column_distinct_values_to_contain_set: {
    domain: 'column-aggregate',
    params: { ...COLUMN, value_set: 'value_set', parse_strings_as_datetimes: 'false_only' },
    required: ['column', 'value_set'],
  },
  expect_column_distinct_values_to_equal_set: {
    domain: 'column-aggregate',
    params: { ...COLUMN, value_set: 'value_set', parse_strings_as_datetimes: 'false_only' },
    required: ['column', 'value_set'],
  },
  expect_column_most_common_value_to_be_in_set: {
    domain: 'column-aggregate',
    params: { ...COLUMN, value_set: 'value_set', ties_okay: 'flag' },
    required: ['column', 'value_set'],
  },
  expect_column_pair_values_to_be_equal: {
    domain: 'column-pair',
    params: { ...PAIR },
    required: ['column_A', 'column_B'],
  },
  expect_column_pair_values_a_to_be_greater_than_b: {
    domain: 'column-pair',
    params: {
      ...PAIR,
      or_equal: 'flag',
      parse_strings_as_datetimes: 'false_only',
      allow_cross_type_comparisons: 'ignored',
    },
    required: ['column_A', 'column_B'],
  },
  expect_column_pair_values_to_be_in_set: {
    domain: 'column-pair',
    params: { ...PAIR, value_pairs_set: 'value_pairs' },
    required: ['column_A', 'column_B', 'value_pairs_set'],
  },
  expect_compound_columns_to_be_unique: {
    domain: 'multicolumn',
    params: { ...MULTI },
    required: ['column_list'],
  },
  expect_select_column_values_to_be_unique_within_record: {
    domain: 'multicolumn',
    params: { ...MULTI },
    required: ['column_list'],
  },
  expect_multicolumn_sum_to_equal: {
    domain: 'multicolumn',
    params: { ...MULTI, sum_total: 'number' },
    required: ['column_list', 'sum_total'],
  },
} satisfies Record<string, Spec>);

Object.assign(EXPECTATIONS, {
  expect_table_row_count_to_equal_other_table: {
    domain: 'table',
    params: { other_table_name: 'table_name' },
    required: ['other_table_name'],
  },
  expect_column_values_to_be_dateutil_parseable: {
    domain: 'column-map',
    params: { ...MAP },
    required: ['column'],
  },
  expect_column_values_to_match_json_schema: {
    domain: 'column-map',
    params: { ...MAP, json_schema: 'json_schema' },
    required: ['column', 'json_schema'],
  },
  expect_column_kl_divergence_to_be_less_than: {
    domain: 'column-aggregate',
    params: {
      ...COLUMN,
      partition_object: 'partition',
      threshold: 'number',
      internal_weight_holdout: 'holdout',
      tail_weight_holdout: 'holdout',
      bucketize_data: 'flag',
      min_value: 'number',
      max_value: 'number',
    },
    required: ['column', 'partition_object'],
  },
} satisfies Record<string, Spec>);

export type ExpectationType = keyof typeof EXPECTATIONS;

/**
 * Column type names `expect_column_values_to_be_of_type` understands, grouped by what they match.
 * Our columns are numeric, reported as the dtype pandas would read (`int64`, `float64`, `uint64` for
 * integers beyond int64; column-dtype.ts), or categorical (`object`, or `bool` when every value is
 * True/False).
 */
export const TYPE_FAMILIES: Record<string, readonly string[]> = {
  int: ['int', 'int64', 'Int64', 'integer', 'long', 'np.int64', 'numpy.int64', 'INTEGER', 'BIGINT'],
  uint: ['uint64', 'UInt64', 'np.uint64', 'numpy.uint64'],
  float: ['float', 'float64', 'Float64', 'double', 'np.float64', 'numpy.float64', 'FLOAT', 'DOUBLE'],
  /** Any numeric dtype. */
  number: ['number', 'numeric'],
  object: ['object', 'str', 'string', 'object_', 'np.object_', 'StringDtype', 'VARCHAR', 'TEXT'],
  bool: ['bool', 'boolean', 'bool_', 'np.bool_', 'BOOLEAN'],
  /** Naive datetime columns (numpy's datetime64); zoned ones are pandas' Timestamp. */
  datetime: ['datetime64', 'datetime64[ns]', 'M8[ns]', '<M8[ns]', 'np.datetime64', 'numpy.datetime64'],
  timestamp: ['Timestamp', 'pd.Timestamp', 'pandas.Timestamp'],
  /** Valid pandas/numpy names that our readers never produce: accepted, never matched. */
  other: [
    'int8',
    'int16',
    'int32',
    'uint8',
    'uint16',
    'uint32',
    'float16',
    'float32',
    'DatetimeTZDtype',
    // A zoned dtype's string and Python's class are no numpy type GX can compare: never matched, as in GX.
    'datetime64[ns, UTC]',
    'datetime',
    'timedelta64',
    'category',
    'complex128',
  ],
};
const ALL_TYPE_NAMES = Object.values(TYPE_FAMILIES).flat();

export interface PreparedExpectation {
  /** Canonical snake_case type. */
  type: ExpectationType;
  domain: Domain;
  /** The kwargs as written (flattened GX 1.x keys included), echoed in results. */
  kwargs: Record<string, unknown>;
  meta: Record<string, unknown>;
  severity: Severity;
  /** 1-based line of the expectation in the suite file. */
  line: number;
  column?: string;
  /** Column pair expectations. */
  columnA?: string;
  columnB?: string;
  /** Multicolumn expectations (column_list). */
  columnList?: string[];
  /** GX row_condition: the expectation sees only the rows it selects. */
  condition?: Condition;
  conditionText?: string;
  /** Further validated arguments by name (value, regex_list, match_on, strictly, ignore_row_if…). */
  args: Record<string, unknown>;
  mostly: number;
  minValue: number | null;
  maxValue: number | null;
  /** min_value/max_value given as ISO 8601 dates/times (for datetime columns); minValue/maxValue are then null. */
  minDatetime?: IsoDatetime;
  maxDatetime?: IsoDatetime;
  strictMin: boolean;
  strictMax: boolean;
  valueSet?: SetElement[];
  regex?: CompiledRegex;
  typeName?: string;
  columnSet?: string[];
  exactMatch: boolean;
  columnIndex: number | null;
  quantiles?: number[];
  valueRanges?: [number | null, number | null][];
  interpolation: Interpolation;
  /** GX's catch_exceptions (default true): a bad expectation fails alone instead of stopping the suite. */
  catchExceptions: boolean;
  resultFormat: ResultFormat;
  /** Set when the expectation could not be prepared (bad kwargs…) and catch_exceptions is on. */
  exception?: ExceptionInfo;
  /** A type model-ci does not implement (e.g. from GX's contrib packages): reported as skipped. */
  unsupported?: boolean;
}

/** GX's exception_info of a validation result. */
export interface ExceptionInfo {
  raised_exception: boolean;
  exception_message: string | null;
  exception_traceback: string | null;
}

export type ResultFormatKind = 'BOOLEAN_ONLY' | 'BASIC' | 'SUMMARY' | 'COMPLETE';

/** GX's result_format: the level of detail and how many unexpected values the partial lists hold. */
export interface ResultFormat {
  kind: ResultFormatKind;
  partialUnexpectedCount: number;
}

/** GX's default for validations (`SUMMARY`, 20 partial values). */
export const DEFAULT_RESULT_FORMAT: ResultFormat = { kind: 'SUMMARY', partialUnexpectedCount: 20 };

/** Upper bound for partial_unexpected_count (the full list is COMPLETE's unexpected_list). */
export const MAX_PARTIAL_UNEXPECTED = 10_000;

/** Every expectation type model-ci evaluates, in catalogue order. */
export function supportedTypes(): string[] {
  return Object.keys(EXPECTATIONS);
}

/**
 * The expectation stand-in for one that could not be prepared: evaluating it fails with exception_info,
 * as GX does for an expectation that raises while catch_exceptions is true.
 */
export function brokenExpectation(
  type: string,
  kwargs: Record<string, unknown>,
  meta: Record<string, unknown>,
  severity: Severity,
  line: number,
  message: string,
): PreparedExpectation {
  return {
    ...blank(type, kwargs, meta, severity, line),
    domain: 'table',
    column: undefined,
    exception: { raised_exception: true, exception_message: message, exception_traceback: null },
  };
}

function blank(
  type: string,
  kwargs: Record<string, unknown>,
  meta: Record<string, unknown>,
  severity: Severity,
  line: number,
): PreparedExpectation {
  return {
    type,
    domain: EXPECTATIONS[type]?.domain ?? 'table',
    kwargs,
    meta,
    severity,
    line,
    mostly: 1,
    minValue: null,
    maxValue: null,
    strictMin: false,
    strictMax: false,
    exactMatch: true,
    columnIndex: null,
    interpolation: 'nearest',
    catchExceptions: kwargs.catch_exceptions !== false,
    resultFormat: DEFAULT_RESULT_FORMAT,
    args: {},
  };
}

/** Where an expectation came from, for messages: the suite file, its line and each kwarg key's line. */
export interface ExpectationSource {
  file: string;
  line: number;
  keyLines: Record<string, number>;
  /** Key path prefix for messages, e.g. `expectations[3].kwargs`. */
  path: string;
  /** Where each kwarg's value starts (1-based line and column; +1 column inside quotes). */
  valueStarts?: Record<string, { line: number; column: number }>;
}

/** row_condition + condition_parser → a parsed filter; syntax errors point at line:column of the suite. */
function prepareCondition(
  p: PreparedExpectation,
  kwargs: Record<string, unknown>,
  src: ExpectationSource,
  fail: (key: string, detail: string) => never,
): void {
  const text = kwargs.row_condition;
  const parser = kwargs.condition_parser;
  if (parser !== undefined && parser !== null && !CONDITION_PARSERS.includes(parser as ConditionParser))
    fail('condition_parser', `expected ${CONDITION_PARSERS.join(', ')}, got ${JSON.stringify(parser)}`);
  if (text === undefined || text === null || text === '') return;
  if (typeof text !== 'string')
    fail('row_condition', `expected a condition (string), got ${JSON.stringify(text)}`);
  try {
    p.condition = parseCondition(text as string);
    p.conditionText = text as string;
  } catch (e) {
    if (!(e instanceof ConditionSyntaxError)) throw e;
    const start = src.valueStarts?.row_condition;
    const before = (text as string).slice(0, e.offset);
    const lineBreaks = before.split('\n').length - 1;
    const position =
      start && lineBreaks === 0
        ? { file: src.file, line: start.line, column: start.column + e.offset }
        : { file: src.file, line: src.keyLines.row_condition ?? src.line };
    throw new ConfigError(
      position,
      `${e.message} (at character ${e.offset + 1} of the row_condition ${JSON.stringify(text)}; see docs/data.md for the syntax)`,
      `${src.path}.row_condition`,
    );
  }
}

/**
 * Validate an expectation's kwargs against the catalog.
 * @throws ConfigError with file:line, key path and what was expected.
 */
export function prepareExpectation(
  type: string,
  kwargs: Record<string, unknown>,
  meta: Record<string, unknown>,
  severity: Severity,
  src: ExpectationSource,
): PreparedExpectation {
  const spec = EXPECTATIONS[type];
  if (!spec) {
    // A near miss of a type we know is a typo; anything else is an expectation we do not implement
    // (GX contrib, custom expectations), which GX users expect to be reported, not to abort the suite.
    const near = didYouMean(type, Object.keys(EXPECTATIONS));
    const typo = Object.keys(EXPECTATIONS).some((k) => editDistance(k, type) <= 2);
    if (typo || !/^expect_/.test(type) || kwargs.catch_exceptions === false) {
      throw new ConfigError(
        { file: src.file, line: src.line },
        `unknown expectation type "${type}"${near}; supported: see docs/data.md`,
      );
    }
    return { ...blank(type, kwargs, meta, severity, src.line), unsupported: true };
  }
  const fail = (key: string, detail: string): never => {
    throw new ConfigError(
      { file: src.file, line: src.keyLines[key] ?? src.line },
      detail,
      `${src.path}.${key}`,
    );
  };
  const prepared = blank(type, kwargs, meta, severity, src.line);
  prepareCondition(prepared, kwargs, src, fail);
  for (const [key, value] of Object.entries(kwargs)) {
    if (key === 'row_condition' || key === 'condition_parser') continue;
    const kind: ParamKind | undefined = spec.params[key] ?? (REPORTING as Record<string, ParamKind>)[key];
    if (!kind) {
      const allowed = Object.keys(spec.params);
      fail(
        key,
        `unknown argument "${key}" for ${type}${didYouMean(key, allowed)}; allowed: ${allowed.join(', ')}`,
      );
    }
    applyParam(prepared, key, kind!, value, fail);
  }
  for (const key of spec.required) {
    if (kwargs[key] === undefined || kwargs[key] === null) {
      throw new ConfigError(
        { file: src.file, line: src.line },
        `${type} needs "${key}"`,
        `${src.path}.${key}`,
      );
    }
  }
  if (type === 'expect_column_kl_divergence_to_be_less_than') preparePartition(prepared, kwargs, fail);
  if (spec.between) {
    if (
      prepared.minValue === null &&
      prepared.maxValue === null &&
      !prepared.minDatetime &&
      !prepared.maxDatetime
    ) {
      throw new ConfigError(
        { file: src.file, line: src.line },
        `${type} needs min_value, max_value or both`,
        src.path,
      );
    }
    if (prepared.minValue !== null && prepared.maxValue !== null && prepared.minValue > prepared.maxValue) {
      fail('min_value', `min_value ${prepared.minValue} is greater than max_value ${prepared.maxValue}`);
    }
    const lo = prepared.minDatetime;
    const hi = prepared.maxDatetime;
    if ((lo && prepared.maxValue !== null) || (hi && prepared.minValue !== null))
      fail('min_value', 'min_value and max_value must both be numbers or both be dates');
    if (lo && hi && (lo.offset === null) !== (hi.offset === null))
      fail('min_value', 'min_value and max_value must both have a UTC offset or both have none');
    if (lo && hi && lo.ns > hi.ns)
      fail(
        'min_value',
        `min_value ${String(prepared.kwargs.min_value)} is later than max_value ${String(prepared.kwargs.max_value)}`,
      );
  }
  return prepared;
}

/** GX's partition object, checked together with the holdouts and bucketize_data it depends on. */
function preparePartition(
  p: PreparedExpectation,
  kwargs: Record<string, unknown>,
  fail: (key: string, detail: string) => never,
): void {
  const threshold = p.args.threshold as number | undefined;
  if (threshold !== undefined && threshold < 0)
    fail('threshold', `expected a threshold ≥ 0 (or null), got ${threshold}`);
  const partition = parsePartition(kwargs.partition_object, {
    tail: (p.args.tail_weight_holdout as number | undefined) ?? 0,
    internal: (p.args.internal_weight_holdout as number | undefined) ?? 0,
    bucketize: p.args.bucketize_data !== false,
  });
  if (typeof partition === 'string') fail('partition_object', partition);
  p.args.partition = partition;
}

function applyParam(
  p: PreparedExpectation,
  key: string,
  kind: ParamKind,
  value: unknown,
  fail: (key: string, detail: string) => never,
): void {
  const got = `got ${JSON.stringify(value) ?? String(value)}`;
  switch (kind) {
    case 'ignored':
      return;
    case 'partition':
      // Validated with the holdouts after every argument is read (preparePartition).
      if (value === null)
        fail(
          key,
          'expected a partition object; GX builds one from the data itself when it is null, which always gives a divergence of 0',
        );
      return;
    case 'json_schema':
      try {
        p.args.compiled_schema = compileJsonSchema(value);
      } catch (e) {
        if (!(e instanceof JsonSchemaError)) throw e;
        fail(key, `invalid JSON Schema: ${e.message}`);
      }
      return;
    case 'table_name':
      if (typeof value !== 'string' || value.trim() === '')
        fail(
          key,
          `expected a table name (a data file relative to the suite, or a name given to --other-table), ${got}`,
        );
      p.args[key] = value;
      return;
    case 'holdout':
      if (value === null) return;
      if (typeof value !== 'number' || !(value >= 0 && value <= 1))
        fail(key, `expected a weight between 0 and 1, ${got}`);
      p.args[key] = value;
      return;
    case 'catch_exceptions':
      if (value === null) return;
      if (typeof value !== 'boolean') fail(key, `expected true or false, ${got}`);
      p.catchExceptions = value as boolean;
      return;
    case 'result_format':
      p.resultFormat = parseResultFormat(value, (detail) => fail(key, detail));
      return;
    case 'column':
      if (typeof value !== 'string' || value === '') fail(key, `expected a column name (string), ${got}`);
      p.column = value as string;
      return;
    case 'number':
      if (value === null) return;
      if (typeof value !== 'number' || Number.isNaN(value)) fail(key, `expected a number or null, ${got}`);
      if (key === 'min_value') p.minValue = value as number;
      else if (key === 'max_value') p.maxValue = value as number;
      else p.args[key] = value;
      return;
    case 'integer':
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 0)
        fail(key, `expected an integer ≥ 0, ${got}`);
      p.args[key] = value;
      return;
    case 'flag':
      if (value === null) return;
      if (typeof value !== 'boolean') fail(key, `expected true or false, ${got}`);
      p.args[key] = value;
      return;
    case 'column_a':
    case 'column_b':
      if (typeof value !== 'string' || value === '') fail(key, `expected a column name (string), ${got}`);
      if (kind === 'column_a') p.columnA = value as string;
      else p.columnB = value as string;
      return;
    case 'column_list':
    case 'ordered_list':
      if (
        !Array.isArray(value) ||
        value.length === 0 ||
        !value.every((v) => typeof v === 'string' && v !== '')
      )
        fail(key, `expected a non-empty list of column names, ${got}`);
      if (kind === 'column_list') p.columnList = value as string[];
      else p.args[key] = value;
      return;
    case 'regex_list': {
      if (!Array.isArray(value) || value.length === 0 || !value.every((v) => typeof v === 'string'))
        fail(key, `expected a non-empty list of regular expressions, ${got}`);
      const compiled = (value as string[]).map((rx, i) => {
        try {
          return compileRegex(rx);
        } catch (e) {
          return fail(
            key,
            `[${i}]: ${(e as Error).message} in ${JSON.stringify(rx)} (see docs/data.md for the supported syntax)`,
          );
        }
      });
      p.args[key] = compiled;
      return;
    }
    case 'match_on':
      if (value !== 'any' && value !== 'all') fail(key, `expected "any" or "all", ${got}`);
      p.args[key] = value;
      return;
    case 'strftime':
      if (typeof value !== 'string' || value === '')
        fail(key, `expected a strftime format such as "%Y-%m-%d", ${got}`);
      try {
        strptimeMatcher(value as string);
      } catch (e) {
        fail(key, (e as Error).message);
      }
      p.args[key] = value;
      return;
    case 'type_list':
      if (!Array.isArray(value) || !value.every((v) => typeof v === 'string'))
        fail(key, `expected a list of type names, ${got}`);
      for (const t of value as string[])
        if (!ALL_TYPE_NAMES.includes(t))
          fail(key, `unknown type "${t}"${didYouMean(t, ALL_TYPE_NAMES)}; e.g. int64, float64, object, bool`);
      p.args[key] = value;
      return;
    case 'pair_ignore':
    case 'multi_ignore': {
      const allowed =
        kind === 'pair_ignore'
          ? ['both_values_are_missing', 'either_value_is_missing', 'neither']
          : ['all_values_are_missing', 'any_value_is_missing', 'never'];
      if (value === null) return;
      if (typeof value !== 'string' || !allowed.includes(value))
        fail(key, `expected one of ${allowed.join(', ')}, ${got}`);
      p.args[key] = value;
      return;
    }
    case 'value_pairs': {
      const ok =
        Array.isArray(value) &&
        value.every(
          (pair) =>
            Array.isArray(pair) &&
            pair.length === 2 &&
            pair.every((v) => v === null || ['string', 'number', 'boolean'].includes(typeof v)),
        );
      if (!ok) fail(key, `expected a list of [A, B] pairs, ${got}`);
      p.args[key] = value;
      return;
    }
    case 'bool':
      if (value === null) return;
      if (typeof value !== 'boolean') fail(key, `expected true or false, ${got}`);
      if (key === 'strict_min') p.strictMin = value as boolean;
      else if (key === 'strict_max') p.strictMax = value as boolean;
      else if (key === 'exact_match') p.exactMatch = value as boolean;
      return;
    case 'mostly':
      if (value === null) return;
      if (typeof value !== 'number' || !(value >= 0 && value <= 1))
        fail(key, `expected a fraction between 0 and 1, ${got}`);
      p.mostly = value as number;
      return;
    case 'value_set': {
      if (!Array.isArray(value)) fail(key, `expected a list of values, ${got}`);
      const set = value as unknown[];
      set.forEach((v, i) => {
        if (v !== null && typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') {
          fail(key, `expected strings, numbers or booleans, element ${i} is ${JSON.stringify(v)}`);
        }
      });
      p.valueSet = set.filter((v): v is SetElement => v !== null);
      return;
    }
    case 'string_list':
      if (!Array.isArray(value) || !value.every((v) => typeof v === 'string'))
        fail(key, `expected a list of column names, ${got}`);
      p.columnSet = value as string[];
      return;
    case 'regex':
      if (typeof value !== 'string') fail(key, `expected a regular expression (string), ${got}`);
      try {
        p.regex = compileRegex(value as string);
      } catch (e) {
        fail(
          key,
          `${(e as Error).message} in ${JSON.stringify(value)} (see docs/data.md for the supported syntax)`,
        );
      }
      return;
    case 'type_name':
      if (typeof value !== 'string') fail(key, `expected a type name, ${got}`);
      if (!ALL_TYPE_NAMES.includes(value as string)) {
        fail(
          key,
          `unknown type "${value}"${didYouMean(value as string, ALL_TYPE_NAMES)}; e.g. int64, float64, object, bool`,
        );
      }
      p.typeName = value as string;
      return;
    case 'index':
      if (value === null) return;
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 0)
        fail(key, `expected a column index (integer ≥ 0), ${got}`);
      p.columnIndex = value as number;
      return;
    case 'interpolation':
      if (value === null || value === false) return;
      if (
        typeof value !== 'string' ||
        !['linear', 'lower', 'higher', 'midpoint', 'nearest'].includes(value)
      ) {
        fail(key, `expected false or an interpolation (linear, lower, higher, midpoint, nearest), ${got}`);
      }
      p.interpolation = value as Interpolation;
      return;
    case 'bound': {
      if (typeof value === 'string') {
        const d = parseIsoDatetime(value);
        if (!d)
          fail(
            key,
            `expected a number, an ISO 8601 date/time (e.g. "2024-01-31" or "2024-01-31T12:00:00Z") or null, ${got}`,
          );
        if (key === 'min_value') p.minDatetime = d;
        else p.maxDatetime = d;
        return;
      }
      if (value === null) return;
      if (typeof value !== 'number' || Number.isNaN(value))
        fail(key, `expected a number, an ISO 8601 date/time or null, ${got}`);
      if (key === 'min_value') p.minValue = value as number;
      else p.maxValue = value as number;
      return;
    }
    case 'datetimes_flag':
      // GX's legacy switch to parse string values and bounds as dates: datetime columns are typed as such
      // already, so true only asks that the column be one (checked when evaluated).
      if (value === null) return;
      if (typeof value !== 'boolean') fail(key, `expected true or false, ${got}`);
      p.args[key] = value;
      return;
    case 'false_only':
      if (value !== null && value !== false) fail(key, `${key} is not supported; only false is accepted`);
      return;
    case 'quantile_ranges': {
      const q = value as { quantiles?: unknown; value_ranges?: unknown };
      if (
        typeof q !== 'object' ||
        q === null ||
        !Array.isArray(q.quantiles) ||
        !Array.isArray(q.value_ranges)
      ) {
        fail(key, `expected {quantiles: [...], value_ranges: [[min, max], ...]}, ${got}`);
      }
      const quantiles = q.quantiles as unknown[];
      const ranges = q.value_ranges as unknown[];
      if (quantiles.length !== ranges.length) {
        fail(key, `quantiles has ${quantiles.length} entries but value_ranges has ${ranges.length}`);
      }
      quantiles.forEach((x, i) => {
        if (typeof x !== 'number' || !(x >= 0 && x <= 1))
          fail(key, `quantiles[${i}]: expected a number between 0 and 1, got ${JSON.stringify(x)}`);
      });
      ranges.forEach((r, i) => {
        const ok =
          Array.isArray(r) &&
          r.length === 2 &&
          r.every((b) => b === null || (typeof b === 'number' && !Number.isNaN(b)));
        if (!ok)
          fail(key, `value_ranges[${i}]: expected [min, max] (numbers or null), got ${JSON.stringify(r)}`);
        const [lo, hi] = r as [number | null, number | null];
        if (lo !== null && hi !== null && lo > hi)
          fail(key, `value_ranges[${i}]: min ${lo} is greater than max ${hi}`);
      });
      p.quantiles = quantiles as number[];
      p.valueRanges = ranges as [number | null, number | null][];
      return;
    }
  }
}

/** `ExpectColumnValuesToNotBeNull` (GX 1.x class name) → `expect_column_values_to_not_be_null`. */
export function canonicalType(type: string): string {
  if (!/^[A-Z]/.test(type)) return type;
  return type.replace(/[A-Z]/g, (c, i: number) => (i === 0 ? '' : '_') + c.toLowerCase());
}

const RESULT_FORMAT_KINDS: readonly ResultFormatKind[] = ['BOOLEAN_ONLY', 'BASIC', 'SUMMARY', 'COMPLETE'];

/** GX's result_format: a kind name, or {result_format: KIND, partial_unexpected_count: n, ...}. */
export function parseResultFormat(value: unknown, fail: (detail: string) => never): ResultFormat {
  const got = `got ${JSON.stringify(value) ?? String(value)}`;
  if (value === null || value === undefined) return DEFAULT_RESULT_FORMAT;
  const kindOf = (v: unknown): ResultFormatKind => {
    if (typeof v !== 'string' || !RESULT_FORMAT_KINDS.includes(v.toUpperCase() as ResultFormatKind))
      fail(
        `expected ${RESULT_FORMAT_KINDS.join(', ')} or {result_format: ..., partial_unexpected_count: n}, ${got}`,
      );
    return (v as string).toUpperCase() as ResultFormatKind;
  };
  if (typeof value === 'string') return { kind: kindOf(value), partialUnexpectedCount: 20 };
  if (typeof value !== 'object' || Array.isArray(value))
    fail(
      `expected ${RESULT_FORMAT_KINDS.join(', ')} or {result_format: ..., partial_unexpected_count: n}, ${got}`,
    );
  const o = value as Record<string, unknown>;
  const known = [
    'result_format',
    'partial_unexpected_count',
    'include_unexpected_rows',
    'unexpected_index_column_names',
    'exclude_unexpected_values',
    'return_unexpected_index_query',
  ];
  for (const k of Object.keys(o))
    if (!known.includes(k))
      fail(`unknown result_format key "${k}"${didYouMean(k, known)}; allowed: ${known.join(', ')}`);
  const kind = o.result_format === undefined ? 'SUMMARY' : kindOf(o.result_format);
  let partial = 20;
  if (o.partial_unexpected_count !== undefined && o.partial_unexpected_count !== null) {
    const n = o.partial_unexpected_count;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n > MAX_PARTIAL_UNEXPECTED)
      fail(
        `partial_unexpected_count: expected an integer from 0 to ${MAX_PARTIAL_UNEXPECTED}, got ${JSON.stringify(n)}`,
      );
    partial = n as number;
  }
  return { kind, partialUnexpectedCount: partial };
}
