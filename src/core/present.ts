/**
 * How a check's result is shown to people: its section of the job summary and the PR comment, its section
 * of the HTML report and the figures of the report's overview table. A presenter imports no model runtime,
 * no network client and no other check, so the report bundle can hold every check's presenter cheaply.
 * Every check keeps its presenter in `src/checks/<check>/present.ts`.
 */
import type { CheckResult } from './result.js';

/** One number in the report's overview table, compared with the same figure of the base branch's result. */
export interface KeyFigure {
  /** Short label, e.g. `AUC`, `p95`, `drifted columns`, `$/month`. */
  label: string;
  value: number | null;
  /** Unit written after the value, e.g. `ms`, `MB`, `USD`. */
  unit?: string;
  /** How a change is written: `+0.012` (absolute, the default) or `−8%` (relative). */
  change?: 'absolute' | 'relative';
  /** Which direction is an improvement, so a change can be marked good or bad. */
  better?: 'higher' | 'lower';
  /** The names behind a count (drifted columns, new lint rules), so the report can say which are new. */
  members?: string[];
}

export interface CheckPresenter {
  /** The result's `check` this presenter renders. */
  check: string;
  /**
   * GitHub-flavoured Markdown for the job summary and the PR comment; every PR-controlled text escaped.
   * Start with `### <icon> <title>` and the escaped summary (`markdownHeading` in src/report/format.ts):
   * the report folds both into the `<summary>` line of the check's collapsible section.
   */
  markdown(result: CheckResult): string;
  /** The overview table's figures (the first is the key number). */
  keyFigures?(result: CheckResult): KeyFigure[];
  /** An HTML fragment for the offline report: every text escaped, inline SVG allowed, no script. */
  html?(result: CheckResult): string;
  /**
   * Extra console lines after the generic status, metrics and findings (a per-slice or per-column
   * table), without their indentation; every data text made visible with `visible()`.
   */
  text?(result: CheckResult): string[];
}
