import { formatNumber } from './drift.js';
import type { ColumnDrift } from './types.js';

/** A reference-vs-current histogram ready to draw: one label and two shares (0–1) per bar. */
export interface DriftHistogram {
  labels: string[];
  reference: number[];
  current: number[];
}

/** Categorical charts show at most this many categories; the rest are summed into "(other)". */
export const MAX_CHART_CATEGORIES = 12;

/**
 * The histogram of a column from its Jensen–Shannon block: the 10 shared bins (labelled by their lower
 * edge) for numeric columns, the categories for categorical ones (the most frequent
 * {@link MAX_CHART_CATEGORIES} − 1 and "(other)" when there are more). Null when the column has no JS block.
 */
export function columnHistogram(column: ColumnDrift): DriftHistogram | null {
  const js = column.js;
  if (!js) return null;
  const refTotal = sum(js.ref_counts) + (js.other_ref_count ?? 0);
  const curTotal = sum(js.cur_counts) + (js.other_cur_count ?? 0);
  if (refTotal === 0 || curTotal === 0) return null;
  if (js.edges) {
    // Labels go into Mermaid, which keeps only ASCII punctuation: a plain hyphen-minus.
    const label = (x: number) => formatNumber(x).replace('−', '-');
    const labels = js.degenerate ? [label(js.edges[0])] : js.edges.slice(0, -1).map(label);
    return {
      labels,
      reference: js.ref_counts.map((c) => c / refTotal),
      current: js.cur_counts.map((c) => c / curTotal),
    };
  }
  const cats = js.categories ?? [];
  let idx = cats.map((_, i) => i);
  let otherRef = js.other_ref_count ?? 0;
  let otherCur = js.other_cur_count ?? 0;
  if (cats.length > MAX_CHART_CATEGORIES || otherRef + otherCur > 0) {
    const limit = Math.min(cats.length, MAX_CHART_CATEGORIES - 1);
    const byTotal = [...idx].sort(
      (a, b) =>
        js.ref_counts[b] / refTotal +
          js.cur_counts[b] / curTotal -
          (js.ref_counts[a] / refTotal + js.cur_counts[a] / curTotal) || a - b,
    );
    const keep = new Set(byTotal.slice(0, limit));
    for (const i of idx) {
      if (!keep.has(i)) {
        otherRef += js.ref_counts[i];
        otherCur += js.cur_counts[i];
      }
    }
    idx = idx.filter((i) => keep.has(i));
  }
  const labels = idx.map((i) => cats[i]);
  const reference = idx.map((i) => js.ref_counts[i] / refTotal);
  const current = idx.map((i) => js.cur_counts[i] / curTotal);
  if (otherRef + otherCur > 0) {
    labels.push('(other)');
    reference.push(otherRef / refTotal);
    current.push(otherCur / curTotal);
  }
  return { labels, reference, current };
}

function sum(xs: readonly number[]): number {
  let s = 0;
  for (const x of xs) s += x;
  return s;
}
