/**
 * The one result format every check emits and the report consumes (`schema/result.schema.json`).
 * Numbers that are not finite are encoded by {@link toJsonText}: NaN/undefined -> null, ±∞ -> "Infinity"/"-Infinity".
 */
export const RESULT_SCHEMA_ID = 'model-ci/result@1';

export type Status = 'pass' | 'warn' | 'fail' | 'error';
export type Severity = 'error' | 'warning' | 'notice';

/** A number as it appears in a result file: a finite double, null (undefined/NaN) or ±Infinity as a string. */
export type JsonNumber = number | null | 'Infinity' | '-Infinity';
export type MetricValue = JsonNumber | { [field: string]: JsonNumber };

export interface Finding {
  /** Stable identifier, e.g. `metrics/label-not-binary` or `drift/column-drifted`. */
  id: string;
  severity: Severity;
  message: string;
  file?: string;
  line?: number;
  column?: number;
  /** What the finding is about (a column, a metric, an expectation). */
  subject?: string;
}

export interface CheckResult {
  schema: typeof RESULT_SCHEMA_ID;
  check: string;
  /** The step's name when a check runs more than once in a pipeline (e.g. `candidate`, `baseline`). */
  name?: string;
  status: Status;
  title: string;
  summary: string;
  metrics: Record<string, MetricValue>;
  findings: Finding[];
  details: Record<string, unknown>;
  inputs: Record<string, unknown>;
  startedAt: string;
  durationMs: number;
  tool: { name: 'model-ci'; version: string };
}

/** What a check computes; {@link finishResult} adds the bookkeeping fields. */
export type CheckOutcome = Pick<CheckResult, 'status' | 'title' | 'summary'> &
  Partial<Pick<CheckResult, 'metrics' | 'findings' | 'details'>>;

const STATUS_RANK: Record<Status, number> = { pass: 0, warn: 1, fail: 2, error: 3 };

/** The worse of two statuses (pass < warn < fail < error). */
export function worstStatus(...statuses: Status[]): Status {
  return statuses.reduce<Status>((a, b) => (STATUS_RANK[b] > STATUS_RANK[a] ? b : a), 'pass');
}

/** Status implied by findings: any error -> fail, any warning -> warn, else pass. */
export function statusFromFindings(findings: readonly Finding[]): Status {
  if (findings.some((f) => f.severity === 'error')) return 'fail';
  if (findings.some((f) => f.severity === 'warning')) return 'warn';
  return 'pass';
}

/** CLI exit code for a status: 0 pass/warn, 1 fail, 2 error (input/usage). */
export function exitCodeFor(status: Status): 0 | 1 | 2 {
  return status === 'fail' ? 1 : status === 'error' ? 2 : 0;
}

/** Turn a JS number into its JSON form (see module doc). */
export function jsonNumber(x: number | null | undefined): JsonNumber {
  if (x === null || x === undefined || Number.isNaN(x)) return null;
  if (x === Infinity) return 'Infinity';
  if (x === -Infinity) return '-Infinity';
  return x;
}

/** Inverse of {@link jsonNumber}: null -> NaN. */
export function fromJsonNumber(x: JsonNumber | undefined): number {
  if (x === null || x === undefined) return NaN;
  if (x === 'Infinity') return Infinity;
  if (x === '-Infinity') return -Infinity;
  return x;
}

/** Serialise any value with the result file's number encoding (NaN -> null, ±∞ -> strings), 2-space indent. */
export function toJsonText(value: unknown): string {
  return (
    JSON.stringify(
      value,
      (_key, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? jsonNumber(v) : v),
      2,
    ) + '\n'
  );
}
