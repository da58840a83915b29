/**
 * Options and the `details` shape of the drift check. Keys inside `details` are snake_case because they
 * are the result file's JSON (schema/result.schema.json), read by the report and by users' scripts.
 */

/** The statistical tests a column verdict can use. */
export type DriftTestName = 'ks' | 'wasserstein' | 'js' | 'psi' | 'chi2' | 'z';

export const DRIFT_TESTS: readonly DriftTestName[] = ['ks', 'wasserstein', 'js', 'psi', 'chi2', 'z'];

/** Tests whose verdict is "p-value < threshold" (the others: "distance ≥ threshold"). */
export const PVALUE_TESTS: ReadonlySet<DriftTestName> = new Set<DriftTestName>(['ks', 'chi2', 'z']);

/** Evidently's default thresholds: α = 0.05 for p-value tests, 0.1 for distances. */
export const DEFAULT_THRESHOLDS: Readonly<Record<DriftTestName, number>> = {
  ks: 0.05,
  chi2: 0.05,
  z: 0.05,
  wasserstein: 0.1,
  js: 0.1,
  psi: 0.1,
};

export interface ColumnOverride {
  test?: DriftTestName;
  threshold?: number;
}

export interface DriftOptions {
  /** Compare only these columns (each must be in both files). Default: every column in both files. */
  columns?: readonly string[];
  /** Leave these columns out (e.g. ids). Names absent from both files are ignored. */
  exclude?: readonly string[];
  /** Test for numeric columns instead of the default choice (see `drift.ts`). */
  numericTest?: DriftTestName;
  /** Test for categorical columns instead of the default choice. */
  categoricalTest?: DriftTestName;
  /** One threshold for every column's deciding test (Evidently's `stattest_threshold`). */
  threshold?: number;
  /** Thresholds per test; they take precedence over `threshold`. */
  thresholds?: Partial<Record<DriftTestName, number>>;
  /** Per-column test and threshold; take precedence over everything else. */
  perColumn?: Readonly<Record<string, ColumnOverride>>;
  /** Benjamini–Hochberg adjustment across the columns decided by a p-value. Default true. */
  bhCorrection?: boolean;
  /** Dataset drift when the share of drifted columns is ≥ this. Default 0.5 (Evidently). */
  driftShare?: number;
  /** Status `fail` on dataset drift (else `warn`). Default true. */
  failOnDrift?: boolean;
  /** Column holding the model's prediction (reported as `role: "prediction"`). */
  predictionColumn?: string;
  /** Column holding the label (reported as `role: "target"`). */
  targetColumn?: string;
  /** Reference rows (finite / non-null values) up to which p-value tests are the default. Default 1000. */
  largeSampleRows?: number;
  /** Warn when a side has fewer usable values than this. Default 30. */
  minSampleSize?: number;
  /** Warn when a chi-square expected count is below this. Default 5. */
  minExpectedCount?: number;
  /** Names an option in messages as the user wrote it (`--drift-share`); default its kebab-case key. */
  describe?: (key: string) => string;
}

export type ColumnRole = 'feature' | 'prediction' | 'target';
export type DriftColumnType = 'numeric' | 'categorical';

/**
 * Drift from profiles: how far a block's figure can be from the row-level one. `error` bounds
 * |figure − row-level figure|; `bounds` is the interval the row-level figure lies in.
 */
export interface Approximation {
  approximate: boolean;
  error: number;
  bounds: [number, number];
}

export interface KsBlock {
  /** From profiles: the statistic's error (sum of both sketches' rank errors) and the p-value's interval. */
  approximation?: Approximation & { pvalue_bounds: [number, number]; caveat: string };
  statistic: number;
  pvalue: number;
  method: 'exact' | 'asymp';
  statistic_sign: 1 | -1;
  statistic_location: number;
}

export interface JsBlock {
  approximation?: Approximation;
  distance: number;
  distance_base2: number;
  /** Numeric: the 11 shared bin edges ([v, v] when every value is v). */
  edges?: number[];
  /** Categorical: the categories (sorted), at most 100 (see `categories_total`). */
  categories?: string[];
  /** Number of categories in both files together (categorical). */
  categories_total?: number;
  ref_counts: number[];
  cur_counts: number[];
  /** Counts of the categories left out of `categories` (only when categories_total > 100). */
  other_ref_count?: number;
  other_cur_count?: number;
  degenerate?: boolean;
}

export interface PsiBinsBlock {
  value: number;
  ref_counts: number[];
  cur_counts: number[];
  terms: number[];
}

export interface PsiBlock extends PsiBinsBlock {
  approximation?: Approximation & { edges_from: 'reference sketch' | 'exact value counts' };
  edges: number[];
  /** Absent in drift from profiles. */
  left_closed_variant?: PsiBinsBlock;
}

export interface Chi2Block {
  statistic: number;
  pvalue: number;
  dof: number;
  yates: boolean;
  uncorrected: { statistic: number; pvalue: number };
  /** Expected counts [reference, current] in `js.categories` order; omitted above 100 categories. */
  expected?: [number[], number[]];
  min_expected: number;
}

export interface ZBlock {
  statistic: number;
  pvalue: number;
  /** The category whose proportion is compared (the first in sorted order). */
  category: string;
}

export interface EffectSize {
  name: 'wasserstein_normed' | 'cramers_v' | 'js_distance' | 'psi';
  value: number;
}

export interface ColumnDrift {
  name: string;
  role: ColumnRole;
  type: DriftColumnType;
  /** Present when the files disagree on the type (the column is then compared as categorical). */
  type_mismatch?: { reference: DriftColumnType; current: DriftColumnType };
  reference_count: number;
  current_count: number;
  reference_nulls: number;
  current_nulls: number;
  reference_infinite?: number;
  current_infinite?: number;
  /** Distinct usable values in both files together (numeric: finite values). */
  distinct: number;
  ks?: KsBlock;
  wasserstein?: number;
  /** From profiles: the error of `wasserstein`, and `normed_bounds` for `wasserstein_normed`. */
  /**
   * From profiles. `bound_from` says which bound on each side's W1(data, sketch) was used: `transport` (the
   * sketch's recorded kll.w1), `rank-range` (rank error × range: profiles without kll.w1, or when smaller),
   * `exact` (every value count kept).
   */
  wasserstein_approximation?: Approximation & {
    normed_bounds: [number, number];
    bound_from?: Record<'reference' | 'current', 'exact' | 'transport' | 'rank-range'>;
  };
  wasserstein_normed?: number;
  /** np.std(reference, ddof=0), the Wasserstein normaliser before the 0.001 floor. */
  reference_std?: number;
  js?: JsBlock;
  psi?: PsiBlock;
  chi2?: Chi2Block;
  z?: ZBlock;
  /** The test that decides, or null when the column could not be compared (`skipped`). */
  test: DriftTestName | null;
  threshold: number | null;
  /** The deciding test's value: its p-value (ks, chi2, z) or its distance (wasserstein_normed, js, psi). */
  value: number | null;
  pvalue?: number;
  pvalue_adjusted?: number;
  effect_size: EffectSize | null;
  drifted: boolean;
  /**
   * From profiles: the deciding value's interval (the row-level value lies in it); p-value tests:
   * before BH adjustment (see `pvalue_adjusted_bounds`).
   */
  value_bounds?: [number, number];
  pvalue_adjusted_bounds?: [number, number];
  /** From profiles: the interval contains the threshold, so the verdict needs a row-level run or a larger k. */
  undecided?: boolean;
  /** Sort key: distance/threshold, or ln(p)/ln(threshold) for p-value tests; > 1 beyond the threshold. */
  severity: number;
  skipped?: string;
}

export interface DriftDetails {
  columns: ColumnDrift[];
  columns_compared: number;
  drifted_columns: string[];
  share_drifted: number;
  dataset_drift: boolean;
  drift_share: number;
  bh_correction: boolean;
  only_in_reference: string[];
  only_in_current: string[];
  reference_rows: number;
  current_rows: number;
  /** Drift from profiles. */
  approximate?: boolean;
  undecided_columns?: string[];
  dataset_drift_undecided?: boolean;
  /** Drift from profiles: the sketch size k of each side's quantile sketches. */
  sketch_k?: { reference: number | null; current: number | null };
}
