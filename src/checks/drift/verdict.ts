import { formatNumber } from '../../report/format.js';
import { PVALUE_TESTS, type ColumnDrift, type DriftTestName } from './types.js';

/** The short name of the number that decides a column's verdict under each test. */
const DECIDING: Readonly<Record<DriftTestName, string>> = {
  ks: 'p',
  chi2: 'p',
  z: 'p',
  wasserstein: 'W/σ',
  js: 'JS',
  psi: 'PSI',
};

/**
 * `value` and `threshold` as text that never shows a comparison which reads false: when rounding to the
 * display digits makes them look equal (p = 0.049996 against 0.05), more digits are shown until they differ.
 */
export function comparedNumbers(value: number, threshold: number): [string, string] {
  const t = formatNumber(threshold);
  for (let digits = 4; digits <= 17; digits++) {
    const v = formatNumber(value, digits);
    if (v !== t || value === threshold) return [v, t];
  }
  return [formatNumber(value, 17), t];
}

/**
 * The comparison that decided a column, in words: `p = 0.003 < 0.05, drifted`,
 * `W/σ = 0.043 < 0.1, no drift`, `adj. p = 0.07 ≥ 0.05, no drift` (Benjamini–Hochberg adjusted p-value).
 * P-value tests drift when p < α; distance tests when the distance ≥ the threshold. Null when the column
 * was not compared. From profiles: `JS = 0.09 ∈ [0.07, 0.11] contains 0.1, undecided`.
 */
export function verdictComparison(c: ColumnDrift): string | null {
  if (!c.test || c.skipped || c.threshold === null) return null;
  const pTest = PVALUE_TESTS.has(c.test);
  const value = pTest ? (c.pvalue_adjusted ?? c.pvalue ?? c.value) : c.value;
  if (value === undefined || value === null || Number.isNaN(value)) return null;
  const [v, t] = comparedNumbers(value, c.threshold);
  const name = `${pTest && c.pvalue_adjusted !== undefined ? 'adj. ' : ''}${DECIDING[c.test]}`;
  // From profiles the value is known within an interval: the whole interval is what was compared.
  const bounds = c.pvalue_adjusted_bounds ?? c.value_bounds;
  if (bounds) {
    const interval = `${name} = ${v} ∈ [${formatNumber(bounds[0])}, ${formatNumber(bounds[1])}]`;
    if (c.undecided) return `${interval} contains ${t}, undecided`;
    const below = pTest === c.drifted;
    return `${interval} ${below ? '<' : '≥'} ${t}, ${c.drifted ? 'drifted' : 'no drift'}`;
  }
  const sign = value < c.threshold ? '<' : '≥';
  return `${name} = ${v} ${sign} ${t}, ${c.drifted ? 'drifted' : 'no drift'}`;
}
