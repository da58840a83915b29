/**
 * Membership in an expectation's value_set. GX compares Python values (`Series.isin`); suites written in
 * YAML or by hand mix numbers and strings, so matching here is by meaning rather than by Python type:
 * on a numeric column, numbers match numerically, strings that are numeric tokens (docs/statistics.md §1
 * rule 5, e.g. "3", "1e3", "inf") match their value, and true/false match 1/0; on a categorical column,
 * strings match exactly (raw, untrimmed cell text), numbers match their shortest decimal form ("3", "0.5"),
 * and true/false match "true"/"True"/"TRUE" (and the same for false).
 */
import type { SetElement } from './expectation-catalog.js';

const NUMERIC_TOKEN = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const INF_TOKEN = /^([+-]?)(inf|infinity)$/i;

export interface ValueMatcher {
  numeric(x: number): boolean;
  text(s: string): boolean;
  /**
   * A typed boolean (a JSON Lines bool column): Python's `True in value_set`, so true/false and 1/0
   * match, the strings "true"/"True" do not.
   */
  bool(b: boolean): boolean;
}

/** Parse a numeric token as the readers do (trimmed of spaces/tabs), or NaN. */
export function numericToken(s: string): number {
  const t = s.replace(/^[ \t]+|[ \t]+$/g, '');
  if (NUMERIC_TOKEN.test(t)) return Number(t);
  const m = INF_TOKEN.exec(t);
  if (m) return m[1] === '-' ? -Infinity : Infinity;
  return NaN;
}

export function valueSetMatcher(set: readonly SetElement[]): ValueMatcher {
  const numbers = new Set<number>();
  const texts = new Set<string>();
  const typed = new Set<number>();
  for (const v of set) {
    if (typeof v === 'number' || typeof v === 'boolean') typed.add(Number(v));
    if (typeof v === 'number') {
      numbers.add(v);
      texts.add(String(v));
    } else if (typeof v === 'boolean') {
      numbers.add(v ? 1 : 0);
      for (const s of v ? ['true', 'True', 'TRUE'] : ['false', 'False', 'FALSE']) texts.add(s);
    } else {
      texts.add(v);
      const x = numericToken(v);
      if (!Number.isNaN(x)) numbers.add(x);
    }
  }
  // Set uses SameValueZero, so -0 and 0 are one member, as in pandas.
  return {
    numeric: (x) => numbers.has(x),
    text: (s) => texts.has(s),
    bool: (b) => typed.has(b ? 1 : 0),
  };
}
