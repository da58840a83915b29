import { readFileSync } from 'node:fs';
import type { DataSpec } from './drift-data.js';

/** The expected values written by test/fixtures/drift/gen_drift_oracle.py (scipy 1.10, numpy 1.24). */

export interface NumericExpect {
  n1: number;
  n2: number;
  nulls1: number;
  nulls2: number;
  inf1: number;
  inf2: number;
  ks: {
    statistic: number;
    pvalue: number;
    location: number;
    sign: 1 | -1;
    method: 'exact' | 'asymp';
    pvalue_asymp: number | null;
    en_rounded: number;
    pvalue_kolmogorov_limit: number;
  };
  wasserstein: number;
  std_ref: number;
  js: {
    degenerate: boolean;
    distance: number;
    distance_base2: number;
    edges?: number[];
    ref_counts?: number[];
    cur_counts?: number[];
  };
  psi: PsiExpect;
  psi_left: PsiExpect;
}

export interface PsiExpect {
  edges: number[];
  ref_counts: number[];
  cur_counts: number[];
  terms: number[];
  value: number;
}

export interface CategoricalExpect {
  chi2: {
    statistic: number;
    pvalue: number;
    dof: number;
    expected: [number[], number[]];
    uncorrected: { statistic: number; pvalue: number };
  };
  js: { distance: number; distance_base2: number };
  z?: { statistic: number; pvalue: number } | null;
}

export interface CheckColumnExpect {
  name: string;
  type: 'numeric' | 'categorical';
  n1: number;
  n2: number;
  distinct: number;
  test: 'ks' | 'wasserstein' | 'js' | 'psi' | 'chi2' | 'z';
  value: number;
  pvalue_adjusted?: number;
  drifted: boolean;
  wasserstein_normed?: number;
}

export interface CheckCase {
  columns: { name: string; kind: 'numeric' | 'categorical'; x: DataSpec; y: DataSpec }[];
  expect: CheckColumnExpect[];
}

export interface DriftOracle {
  numeric: { name: string; x: DataSpec; y: DataSpec; expect: NumericExpect }[];
  kstwo: [number, number, number, string][];
  smirnov: [number, number, number][];
  kolmogorov: [number, number][];
  gamma: [number, number, number, number][];
  lgamma: [number, number][];
  chi2_sf: [number, number, number][];
  categorical: { name: string; ref: number[]; cur: number[]; expect: CategoricalExpect }[];
  z: {
    c1: number;
    n1: number;
    c2: number;
    n2: number;
    expect: { statistic: number; pvalue: number } | null;
  }[];
  bh: { p: number[]; adjusted: number[] }[];
  check_small: CheckCase;
  check_large: CheckCase;
  labels: { city: string[]; plan: string[] };
}

export const oracle: DriftOracle = JSON.parse(
  readFileSync(new URL('../fixtures/drift/drift-oracle.json', import.meta.url), 'utf8'),
) as DriftOracle;
