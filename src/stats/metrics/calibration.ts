// Module-level aliases: under jest's vm context each global `Math` lookup in a hot loop is very slow.
const { abs, floor } = Math;

/** Number of equal-width bins on [0, 1] used by {@link expectedCalibrationError}. */
export const ECE_BINS = 10;

/** One reliability-diagram bin. */
export interface CalibrationBin {
  /** Lower edge k/10 (the bin is [k/10, (k+1)/10), the last one [0.9, 1]). */
  lower: number;
  upper: number;
  count: number;
  /** Mean predicted probability in the bin (null when empty). */
  mean_score: number | null;
  /** Observed frequency of class 1 in the bin (null when empty). */
  mean_label: number | null;
}

export interface Calibration {
  /** Expected calibration error: Σ_b (n_b/n)·|mean_score_b − mean_label_b| (empty bins contribute 0). */
  ece: number;
  /** Maximum calibration error over non-empty bins. */
  mce: number;
  bins: CalibrationBin[];
}

/**
 * Bin of a probability: `min(floor(p·10), 9)`, computed in double arithmetic (so 0.3 → 3, 1.0 → 9);
 * values below 0 go to bin 0.
 */
export function calibrationBinOf(p: number): number {
  const b = floor(p * ECE_BINS);
  return b < 0 ? 0 : b > ECE_BINS - 1 ? ECE_BINS - 1 : b;
}

/**
 * Expected calibration error with 10 equal-width bins on [0, 1] (Naeini et al., 2015; Guo et al., 2017):
 * row i goes to bin `min(floor(p_i·10), 9)`; `ECE = Σ_b (n_b/n)·|mean(p in b) − mean(y in b)|`.
 * Binary labels 0/1, p = P(class 1). scikit-learn has no ECE; the oracle is a direct numpy transcription of
 * this definition (test/fixtures/metrics/gen_extra.py). Also returns the reliability table and the
 * maximum calibration error.
 *
 * Complexity: O(n). n = 0 → ece and mce NaN.
 * @example calibration(Float64Array.of(0, 1), Float64Array.of(0.15, 0.95)).ece // 0.10000000000000002
 */
export function calibration(labels: ArrayLike<number>, scores: ArrayLike<number>): Calibration {
  const n = labels.length;
  const count = new Float64Array(ECE_BINS);
  const sumP = new Float64Array(ECE_BINS);
  const sumY = new Float64Array(ECE_BINS);
  for (let i = 0; i < n; i++) {
    const b = calibrationBinOf(scores[i]);
    count[b]++;
    sumP[b] += scores[i];
    sumY[b] += labels[i];
  }
  return calibrationFromSums(count, sumP, sumY, n);
}

/** ECE, MCE and the table from per-bin (weighted) counts and sums; shared with the bootstrap. */
export function calibrationFromSums(
  count: Float64Array,
  sumP: Float64Array,
  sumY: Float64Array,
  n: number,
): Calibration {
  let ece = 0;
  let mce = 0;
  const bins: CalibrationBin[] = [];
  for (let b = 0; b < ECE_BINS; b++) {
    const c = count[b];
    const meanP = c > 0 ? sumP[b] / c : null;
    const meanY = c > 0 ? sumY[b] / c : null;
    if (meanP !== null && meanY !== null) {
      const gap = abs(meanP - meanY);
      ece += (c / n) * gap;
      if (gap > mce) mce = gap;
    }
    bins.push({
      lower: b / ECE_BINS,
      upper: (b + 1) / ECE_BINS,
      count: c,
      mean_score: meanP,
      mean_label: meanY,
    });
  }
  return n === 0 ? { ece: NaN, mce: NaN, bins } : { ece, mce, bins };
}

/** Just the ECE of {@link calibration}. */
export function expectedCalibrationError(labels: ArrayLike<number>, scores: ArrayLike<number>): number {
  return calibration(labels, scores).ece;
}
