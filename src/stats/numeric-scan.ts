/**
 * One pass over a numeric column for everything a profile needs but the sorted values: counts of nulls
 * and ±∞, min, max, whether every value is an integer, the exact sum (exact-sum.ts) and the moments.
 * Plain data in and out, so that a worker thread can compute it beside the sort (parallel-sort.ts).
 */
import { ExactSum } from './sketches/exact-sum.js';
import { momentsOfFinite } from './sketches/moments.js';

const { floor } = Math; // a local alias: `Math.x` lookups are slow under jest's VM context

export interface NumericScan {
  nulls: number;
  posInf: number;
  negInf: number;
  count: number;
  integral: boolean;
  min: number;
  max: number;
  /** ExactSum partials of the finite values. */
  partials: number[];
  sum: number;
  /** Moments of the finite values (mean = sum / count, m2 with Neumaier compensation). */
  mean: number;
  m2: number;
}

/** The scan of `values` (NaN: null; min and max NaN when there is no finite value). */
export function scanNumeric(values: Float64Array): NumericScan {
  const n = values.length;
  let nulls = 0;
  let posInf = 0;
  let negInf = 0;
  let count = 0;
  let integral = true;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (v !== v) nulls++;
    else if (v === Infinity) posInf++;
    else if (v === -Infinity) negInf++;
    else {
      count++;
      if (integral && floor(v) !== v) integral = false;
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  // Sum and moments skip nulls and ±∞ on the way: no copy of the finite values is made.
  const sumState = new ExactSum().addAll(values);
  const sum = sumState.value();
  const m = momentsOfFinite(values, count, sum);
  return {
    nulls,
    posInf,
    negInf,
    count,
    integral,
    min: count ? min : NaN,
    max: count ? max : NaN,
    partials: sumState.toJSON(),
    sum,
    mean: m.mean,
    m2: m.m2,
  };
}
