/**
 * Schema inference (the idea of TFDV's infer_schema): turn a profile of known-good data into a starting
 * expectation suite that the same data passes, for a person to review and tighten.
 *
 * Per column: expect_column_to_exist; expect_column_values_to_be_of_type (int64 / float64 / object /
 * bool, pandas dtype names, see column-dtype.ts); expect_column_values_to_not_be_null when no null was
 * seen; numeric: expect_column_values_to_be_between with the observed min and max (not widened — as
 * TFDV does for integer domains; widen by hand if new data may go further; omitted when the column has
 * ±∞); categorical with ≤ 20 distinct values: expect_column_values_to_be_in_set with the observed values.
 * Table: expect_table_columns_to_match_set (exact). Output is Great Expectations' JSON structure
 * (GX 1.x `name`/`type` by default, or GX 0.x) as an object, YAML or JSON text.
 */
import { Document, isMap, isSeq, visit } from 'yaml';
import type { Table } from '../../data/table.js';
import { compareCodePoints } from '../../stats/sketches/code-point-order.js';
import { columnDtype, dtypeOf, isDatetimeDtype, type Dtype } from './column-dtype.js';
import { profileTable, type TableProfile } from './profile.js';
import { stateSyntax, type ProfileState } from './profile-state.js';
import { FrequentItems } from '../../stats/sketches/frequent-items.js';

export const INFER_MAX_CATEGORIES = 20;

export interface InferOptions {
  /** Suite name; default "inferred". */
  name?: string;
  /** Where the profile came from (recorded in meta and the YAML header). */
  source?: string;
  /** in_set is inferred for categorical columns with at most this many distinct values (default 20). */
  maxCategories?: number;
  /** pandas dtype per column; numeric columns without one are typed float64, categorical object. */
  dtypes?: Record<string, Dtype>;
  /** `gx1` (default): {name, expectations: [{type, kwargs, meta}]}; `gx0`: {expectation_suite_name, expectations: [{expectation_type, ...}]}. */
  format?: 'gx1' | 'gx0';
}

export interface GxExpectation {
  type?: string;
  expectation_type?: string;
  kwargs: Record<string, unknown>;
  meta: Record<string, unknown>;
}

export interface GxSuite {
  name?: string;
  expectation_suite_name?: string;
  expectations: GxExpectation[];
  meta: Record<string, unknown>;
}

export function inferSuite(profile: TableProfile, options: InferOptions = {}): GxSuite {
  const maxCategories = options.maxCategories ?? INFER_MAX_CATEGORIES;
  const gx0 = options.format === 'gx0';
  const expectations: GxExpectation[] = [];
  const add = (type: string, kwargs: Record<string, unknown>) =>
    expectations.push(gx0 ? { expectation_type: type, kwargs, meta: {} } : { type, kwargs, meta: {} });

  const names = Object.keys(profile.columns);
  add('expect_table_columns_to_match_set', { column_set: names, exact_match: true });
  for (const column of names) {
    const p = profile.columns[column];
    add('expect_column_to_exist', { column });
    const dtype =
      options.dtypes?.[column] ??
      (p.type === 'numeric' ? 'float64' : ((p.dtype as Dtype | undefined) ?? 'object'));
    // A zoned datetime column's type is pandas' Timestamp (its dtype string is no type_ name GX accepts).
    const typeName = isDatetimeDtype(dtype) && dtype !== 'datetime64[ns]' ? 'Timestamp' : dtype;
    add('expect_column_values_to_be_of_type', { column, type_: typeName });
    if (p.nulls === 0 && p.rows > 0) add('expect_column_values_to_not_be_null', { column });
    if (p.type === 'numeric') {
      if (p.min !== null && p.max !== null && p.infinite === 0) {
        add('expect_column_values_to_be_between', {
          column,
          min_value: p.min === 0 ? 0 : p.min,
          max_value: p.max === 0 ? 0 : p.max,
        });
      }
    } else if (p.min !== undefined && p.max !== undefined) {
      // Datetime: the observed range as ISO strings, not widened (as for numbers).
      add('expect_column_values_to_be_between', { column, min_value: p.min, max_value: p.max });
    } else if (p.value_counts && p.distinct > 0 && p.distinct <= maxCategories) {
      add('expect_column_values_to_be_in_set', {
        column,
        value_set: p.value_counts.map((v) => v[0]).sort(compareCodePoints),
      });
    }
  }
  const meta = {
    model_ci: {
      inferred_from: options.source ?? null,
      rows: profile.rows,
      note: 'inferred from observed data; review before use',
    },
  };
  return gx0
    ? { expectation_suite_name: options.name ?? 'inferred', expectations, meta }
    : { name: options.name ?? 'inferred', expectations, meta };
}

/** Infer from a table: its exact profile plus pandas dtypes (int64 where every value is an integer). */
export function inferSuiteFromTable(table: Table, options: InferOptions = {}): GxSuite {
  return inferSuite(profileTable(table), {
    source: table.file,
    ...options,
    dtypes: { ...tableDtypes(table), ...options.dtypes },
  });
}

export function tableDtypes(table: Table): Record<string, Dtype> {
  return Object.fromEntries(table.columns.map((c) => [c.name, columnDtype(c)]));
}

/** pandas dtypes implied by a profile state (for inferring from a merged profile). */
export function stateDtypes(state: ProfileState): Record<string, Dtype> {
  const out: Record<string, Dtype> = {};
  for (const [name, c] of Object.entries(state.columns)) {
    if (c.type === 'numeric') {
      out[name] = dtypeOf({
        type: 'numeric',
        nulls: c.nulls,
        infinite: c.pos_inf + c.neg_inf,
        count: c.count,
        integral: c.integral,
        min: c.min,
        max: c.max,
        syntax: stateSyntax(c),
      });
    } else if (c.datetime || c.text_dtype) {
      out[name] = (c.datetime?.dtype as Dtype | undefined) ?? c.text_dtype!;
    } else {
      const values = FrequentItems.fromJSON(c.values);
      out[name] = dtypeOf({
        type: 'categorical',
        nulls: c.nulls,
        infinite: 0,
        count: c.count,
        integral: false,
        min: null,
        max: null,
        values: values.exact ? values.entries().map((e) => e[0]) : undefined,
      });
    }
  }
  return out;
}

const YAML11_SPECIAL =
  /^(y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|~|null|Null|NULL|[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?|[-+]?(0|[1-9][0-9_]*)(\.[0-9_]*)?([eE][-+]?[0-9]+)?|[-+]?[0-9_]+)$/;

const SAFE_PLAIN = /^[A-Za-z_][A-Za-z0-9_.\-/]*( [A-Za-z0-9_.\-/]+)*$/;

/** The suite as YAML, lists inside kwargs in flow style, with a header saying it was inferred. */
export function suiteToYaml(suite: GxSuite, options: { source?: string } = {}): string {
  const doc = new Document(suite);
  const from =
    options.source ?? (suite.meta.model_ci as { inferred_from?: string } | undefined)?.inferred_from;
  doc.commentBefore = [
    ` Inferred by model-ci${from ? ` from ${from}` : ''}. Edit before relying on it:`,
    ' ranges are the observed min/max and sets the observed values, so new data may legitimately fall outside.',
  ].join('\n');
  visit(doc, {
    Scalar(_key, node) {
      // Quote strings a YAML 1.1 reader (PyYAML, so GX) would take for booleans, nulls or numbers, and
      // anything but plain words, which PyYAML may misread inside flow lists.
      if (
        typeof node.value === 'string' &&
        (YAML11_SPECIAL.test(node.value) || !SAFE_PLAIN.test(node.value))
      ) {
        node.type = 'QUOTE_DOUBLE';
      }
    },
    Pair(_key, pair) {
      const k = (pair.key as { value?: unknown } | null)?.value;
      if ((k === 'column_set' || k === 'value_set') && isSeq(pair.value)) pair.value.flow = true;
      if (k === 'kwargs' && isMap(pair.value) && pair.value.items.length <= 1) pair.value.flow = true;
    },
  });
  return doc.toString({ lineWidth: 0 });
}

/** The suite as GX-style JSON text. */
export function suiteToJson(suite: GxSuite): string {
  return JSON.stringify(suite, null, 2) + '\n';
}
