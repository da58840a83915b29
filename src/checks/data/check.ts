/**
 * The data check: an expectation suite evaluated on a table (every expectation) or on a profile (the
 * expectations a profile can answer; see evaluate-profile.ts). Failing expectations become findings at
 * the suite line, so the action annotates the suite file; error severity fails the check, warn warns,
 * info only reports.
 */
import { ConfigError, didYouMean, formatPosition, InputError, ModelCiError } from '../../core/errors.js';
import {
  statusFromFindings,
  type CheckOutcome,
  type Finding,
  type Severity as FindingSeverity,
} from '../../core/result.js';
import type { Table } from '../../data/table.js';
import { supportedTypes, type PreparedExpectation, type Severity } from './expectation-catalog.js';
import {
  describeBounds,
  exceptionResult,
  expectationColumns,
  skipped,
  type ExpectationResult,
} from './expectation-result.js';
import { evaluateOnProfile } from './evaluate-profile.js';
import { evaluateOnTable } from './evaluate-table.js';
import { mergeProfiles, profileWithState, summarizeState, type ProfileState } from './profile-state.js';
import { shardRange, sliceTable, type Shard } from './shard.js';
import type { ExpectationSuite } from './suite.js';
import { toValidationResult } from './validation-result.js';
import { filterTable, selectRows } from './row-condition.js';
import type { OtherTables } from './other-tables.js';
import { visible } from '../../core/visible.js';

const FINDING_SEVERITY: Record<Severity, FindingSeverity> = {
  error: 'error',
  warn: 'warning',
  info: 'notice',
};

/** Evaluate every expectation of `suite` on the rows of `table`. */
export function dataCheck(table: Table, suite: ExpectationSuite, otherTables?: OtherTables): CheckOutcome {
  const read = new Map(table.columns.map((c) => [c.name, c]));
  // Expectations sharing a row_condition share its selected rows.
  const selections = new Map<string, number[]>();
  const results = evaluateAll(suite, table.header, table.file, (e) => {
    for (const name of expectationColumns(e))
      if (!read.has(name))
        throw new InputError(
          `column "${name}" of ${table.file} was not read; read the columns suiteColumns(suite) lists`,
        );
    if (!e.condition) return evaluateOnTable(e, table, otherTables);
    let rows = selections.get(e.conditionText!);
    if (!rows) {
      rows = selectRows(e.condition, table.rows, (name) => read.get(name)!);
      selections.set(e.conditionText!, rows);
    }
    const result = evaluateOnTable(e, filterTable(table, rows, new Set(expectationColumns(e))), otherTables);
    // GX reports the index labels of the original rows.
    if (result.unexpected_index_list)
      result.unexpected_index_list = result.unexpected_index_list.map((i) => rows[i]);
    return result;
  });
  return outcome(suite, results, { data: table.file, rows: table.rows });
}

/** Evaluate `suite` on a (merged) profile; expectations that need rows are skipped (see evaluate-profile.ts). */
export function dataCheckProfile(
  state: ProfileState,
  suite: ExpectationSuite,
  otherTables?: OtherTables,
): CheckOutcome {
  const header = Object.keys(state.columns);
  const where =
    state.sources
      .map((s) => s.file)
      .filter((f, i, a) => a.indexOf(f) === i)
      .join(', ') || 'profile';
  const results = evaluateAll(suite, header, where, (e) => evaluateOnProfile(e, state, otherTables));
  return outcome(suite, results, { profile_sources: state.sources, rows: state.rows });
}

/**
 * Evaluate each expectation, resolving columns first. A column the data lacks is a ConfigError at the
 * expectation's line (likely a typo, so it says "did you mean" and lists the columns) — unless the suite
 * itself declares the column (expect_column_to_exist or expect_table_columns_to_match_set), in which case
 * that declaration fails and the expectations on the missing column are skipped.
 */
function evaluateAll(
  suite: ExpectationSuite,
  header: readonly string[],
  dataName: string,
  evaluate: (e: PreparedExpectation) => ExpectationResult,
): ExpectationResult[] {
  const present = new Set(header);
  const declared = new Map<string, number>();
  for (const e of suite.expectations) {
    if (e.type === 'expect_column_to_exist' && e.column !== undefined && !declared.has(e.column))
      declared.set(e.column, e.line);
    if (e.type === 'expect_table_columns_to_match_set')
      for (const c of e.columnSet ?? []) if (!declared.has(c)) declared.set(c, e.line);
  }
  return suite.expectations.map((e) => {
    if (e.exception) return exceptionResult(e, e.exception.exception_message ?? 'invalid expectation');
    if (e.unsupported) {
      return {
        ...skipped(e, 'not supported by model-ci (see docs/data.md; the supported types are in details)'),
        details: { supported_expectation_types: supportedTypes() },
      };
    }
    try {
      for (const c of expectationColumns(e)) {
        if (present.has(c)) continue;
        const line = declared.get(c);
        if (line !== undefined) return skipped(e, `column "${c}" is missing (declared on line ${line})`);
        throw new ConfigError(
          { file: suite.file, line: e.line },
          `column "${c}" does not exist in ${dataName}${didYouMean(c, header)}; columns: ${header.join(', ')}`,
        );
      }
      return evaluate(e);
    } catch (err) {
      // catch_exceptions (GX's default): this expectation fails with exception_info, the suite goes on.
      if (!e.catchExceptions || !(err instanceof ModelCiError || err instanceof RangeError)) throw err;
      const message =
        err instanceof ConfigError
          ? err.message
          : `${formatPosition({ file: suite.file, line: e.line })}: ${err.message}`;
      return exceptionResult(e, message);
    }
  });
}

function outcome(
  suite: ExpectationSuite,
  results: ExpectationResult[],
  data: Record<string, unknown>,
): CheckOutcome {
  const findings: Finding[] = [];
  results.forEach((r, i) => {
    if (r.success !== false) return;
    const e = suite.expectations[i];
    const finding: Finding = {
      id: 'data/expectation-failed',
      severity: FINDING_SEVERITY[r.severity],
      message: failureMessage(e, r),
      file: suite.file,
      line: r.line,
    };
    finding.subject = e.column ?? 'table';
    findings.push(finding);
  });
  const evaluated = results.filter((r) => r.success !== null).length;
  const successful = results.filter((r) => r.success === true).length;
  const failed = evaluated - successful;
  const skippedCount = results.length - evaluated;
  // Every expectation skipped (unsupported, or needing rows a profile lacks): the check checked nothing.
  if (evaluated === 0) {
    const reasons = [...new Set(results.map((r) => `${r.expectation_type}: ${r.reason}`))].slice(0, 3);
    throw new ConfigError(
      { file: suite.file },
      `none of the ${results.length} expectations could be evaluated, so the check would check nothing (${reasons.join('; ')})`,
    );
  }
  const successPercent = evaluated === 0 ? null : (100 * successful) / evaluated;
  const status = statusFromFindings(findings);
  let summary =
    failed === 0 ? `all ${evaluated} expectations met` : `${failed} of ${evaluated} expectations failed`;
  if (failed > 0) {
    const names = [...new Set(findings.map((f) => f.subject))].slice(0, 5).join(', ');
    summary += ` (${names})`;
  }
  if (skippedCount > 0) summary += `; ${skippedCount} skipped`;
  return {
    status,
    title: `Data check: ${suite.name}`,
    summary,
    metrics: { evaluated, successful, failed, skipped: skippedCount, success_percent: successPercent },
    findings,
    details: {
      suite: suite.name,
      suite_file: suite.file,
      ...data,
      statistics: {
        evaluated_expectations: evaluated,
        successful_expectations: successful,
        unsuccessful_expectations: failed,
        skipped_expectations: skippedCount,
        success_percent: successPercent,
      },
      results: results.map((r, i) => toValidationResult(suite.expectations[i], r)),
    },
  };
}

function show(v: unknown): string {
  if (typeof v === 'number')
    return Number.isFinite(v) ? String(v) : v > 0 ? 'Infinity' : Number.isNaN(v) ? 'null' : '-Infinity';
  return JSON.stringify(v) ?? String(v);
}

/** One line: what failed, on what, and the evidence. */
export function failureMessage(e: PreparedExpectation, r: ExpectationResult): string {
  const on = e.column !== undefined ? ` on "${e.column}"` : '';
  const head = `${e.type}${on} failed`;
  if (r.exception_info?.raised_exception) {
    // The finding already points at the suite line; the message need not repeat it.
    const text = r.exception_info.exception_message ?? 'raised an exception';
    return `${head}: ${text.replace(/^.*?:\d+(:\d+)?: /, '')}`;
  }
  if (r.reason) return `${head}: ${r.reason}`;
  if (r.unexpected_count !== undefined) {
    const considered = e.type.endsWith('_null') ? r.element_count! : r.element_count! - r.missing_count!;
    // Pairs and column lists judge rows (after ignore_row_if), single columns their non-null values.
    const unit =
      e.type.endsWith('_null') || e.domain === 'column-pair' || e.domain === 'multicolumn'
        ? 'rows'
        : 'non-null values';
    const pct =
      r.unexpected_percent === null || r.unexpected_percent === undefined
        ? ''
        : ` (${Number(r.unexpected_percent.toPrecision(3))}%)`;
    let msg = `${head}: ${r.unexpected_count} of ${considered} ${unit} unexpected${pct}`;
    if (e.mostly < 1) msg += `, mostly ${e.mostly} not met`;
    if (r.unexpected_list?.length) {
      const examples = r.unexpected_list
        .slice(0, 5)
        .map((v, i) => `${show(v)} (row ${r.unexpected_index_list![i] + 1})`)
        .join(', ');
      msg += `; e.g. ${examples}`;
    } else if (r.partial_unexpected_counts?.length) {
      msg += `; e.g. ${r.partial_unexpected_counts
        .slice(0, 5)
        .map((u) => `${show(u.value)} ×${u.count}`)
        .join(', ')}`;
    }
    return msg;
  }
  if (e.type === 'expect_table_columns_to_match_set') {
    const m = (r.details?.mismatched ?? {}) as { unexpected?: string[]; missing?: string[] };
    const parts = [];
    if (m.missing?.length) parts.push(`missing ${m.missing.join(', ')}`);
    if (m.unexpected?.length) parts.push(`unexpected ${m.unexpected.join(', ')}`);
    return `${head}: ${parts.join('; ')}`;
  }
  if (e.type === 'expect_column_values_to_be_of_type')
    return `${head}: observed ${show(r.observed_value)}, expected ${e.typeName}`;
  if (e.type === 'expect_column_distinct_values_to_be_in_set') {
    return `${head}: values outside the set: ${((r.details?.unexpected_values as unknown[]) ?? []).map(show).join(', ')}`;
  }
  if (e.type === 'expect_column_quantile_values_to_be_between') {
    const obs = r.observed_value as { values: (number | null)[] };
    const bad = (r.details!.success_details as boolean[])
      .map((ok, i) =>
        ok
          ? ''
          : `q${e.quantiles![i]} = ${show(obs.values[i])} not in [${e.valueRanges![i].map(show).join(', ')}]`,
      )
      .filter(Boolean);
    return `${head}: ${bad.join('; ')}${r.approximate ? ' (approximate)' : ''}`;
  }
  if (e.type === 'expect_table_row_count_to_equal_other_table') {
    const o = r.observed_value as { self: number; other: number };
    const name = visible(String(e.args.other_table_name));
    return `${head}: ${o.self} rows, but the other table "${name}" (${visible(String(r.details?.other_table_file))}) has ${o.other}`;
  }
  if (e.type === 'expect_column_kl_divergence_to_be_less_than') {
    const kl = r.observed_value === null ? 'infinite (or undefined)' : show(r.observed_value);
    return `${head}: KL divergence ${kl}, expected ≤ ${show(e.args.threshold)}`;
  }
  const approx = r.approximate ? ' (approximate)' : '';
  return `${head}: observed ${show(r.observed_value)}${approx}, expected ${describeBounds(e)}`;
}

/** `model-ci data profile`: the exact profile of the rows profiled plus their mergeable state. */
export function dataProfile(table: Table, options: { shard?: Shard; sketchK?: number } = {}): CheckOutcome {
  let part = table;
  if (options.shard) {
    const [start, end] = shardRange(table.rows, options.shard);
    part = sliceTable(table, start, end);
  }
  // One pass over the columns for both: each numeric column is sorted once.
  const { columns, state } = profileWithState(part, options.shard, { sketchK: options.sketchK });
  const shardText = options.shard ? ` (shard ${options.shard.index}/${options.shard.count})` : '';
  return {
    status: 'pass',
    title: 'Data profile',
    summary: `${state.rows} rows × ${Object.keys(columns).length} columns profiled from ${table.file}${shardText}`,
    metrics: { rows: state.rows, columns: Object.keys(columns).length },
    findings: [],
    details: {
      data: table.file,
      ...(options.shard ? { shard: options.shard } : {}),
      columns,
      profile: state,
    },
  };
}

/** `model-ci data merge`: merged state plus the profile it implies (estimated fields are flagged). */
export function dataMerge(states: ProfileState[]): CheckOutcome {
  const merged = mergeProfiles(...states);
  const { columns } = summarizeState(merged);
  return {
    status: 'pass',
    title: 'Data profile (merged)',
    summary: `${merged.rows} rows × ${Object.keys(columns).length} columns merged from ${states.length} profiles`,
    metrics: { rows: merged.rows, columns: Object.keys(columns).length, profiles: states.length },
    findings: [],
    details: { columns, profile: merged },
  };
}
