/**
 * Error rates of the significant roc_auc gate, by simulation (seeded, so the rates are fixed numbers).
 *
 * Model: per row a latent z ~ N(0, 1); label = 1 iff z + 0.5·e > 0 (e ~ N(0, 1)); a model's score is
 * z + σ·u with its own noise u ~ N(0, 1). The baseline has σ = 0.3 (AUC ≈ 0.915).
 * - Null: the candidate is another independent draw of the same model (σ = 0.3): same quality.
 * - Regression: the candidate has σ = 0.6, an AUC drop of ≈ 0.050 on average.
 * 200 repetitions of 500 rows each; rule `roc_auc: { max_regression: 0, significant: true }`, which fails when
 * the 95 % interval of the change lies entirely below 0 (a one-sided 2.5 % test).
 * Both intervals are run: DeLong (the default for roc_auc) and the paired percentile bootstrap with the
 * default 1000 resamples.
 * Rates measured with these seeds (mean AUC change −0.0491 in the regression runs, −0.00005 in the null runs):
 * DeLong: null 1.0 % failed, regression 98.0 % caught; bootstrap: null 1.0 % failed, regression 99.0 % caught.
 * Set MODEL_CI_SIM_REPORT=1 to print them.
 */
import { describe, expect, test } from '@jest/globals';
import { gate } from '../../../src/checks/gate/gate.js';
import { comparePaired } from '../../../src/checks/gate/paired.js';
import { parseRules } from '../../../src/checks/gate/rules.js';
import { createRng } from '../../../src/stats/metrics/random.js';

const REPS = 200;
const ROWS = 500;
const rules = parseRules(
  { roc_auc: { max_regression: 0, significant: true } },
  { file: 'simulation', keyPathPrefix: 'rules' },
);

function failRate(
  candidateNoise: number,
  aucInterval: 'delong' | 'bootstrap',
): { rate: number; meanDelta: number } {
  const rng = createRng(2024);
  let failures = 0;
  let deltaSum = 0;
  for (let r = 0; r < REPS; r++) {
    const labels = new Float64Array(ROWS);
    const baseline = new Float64Array(ROWS);
    const candidate = new Float64Array(ROWS);
    for (let i = 0; i < ROWS; i++) {
      const z = rng.normal();
      labels[i] = z + 0.5 * rng.normal() > 0 ? 1 : 0;
      baseline[i] = z + 0.3 * rng.normal();
      candidate[i] = z + candidateNoise * rng.normal();
    }
    const input = comparePaired(
      { task: 'binary', labels, candidate, baseline },
      { metrics: ['roc_auc'], aucInterval, seed: r },
    );
    deltaSum += (input.candidate.roc_auc as number) - (input.baseline?.roc_auc as number);
    if (gate(input, rules).status === 'fail') failures++;
  }
  const result = { rate: failures / REPS, meanDelta: deltaSum / REPS };
  if (process.env.MODEL_CI_SIM_REPORT)
    process.stderr.write(`${aucInterval} σ=${candidateNoise}: ${JSON.stringify(result)}\n`);
  return result;
}

describe.each(['delong', 'bootstrap'] as const)('significant roc_auc gate with %s intervals', (method) => {
  test('same-quality candidate: fails in at most 5 % of runs', () => {
    const { rate, meanDelta } = failRate(0.3, method);
    expect(Math.abs(meanDelta)).toBeLessThan(0.005);
    expect(rate).toBeLessThanOrEqual(0.05);
  });
  test('AUC drop of ≈ 0.05: caught in at least 90 % of runs', () => {
    const { rate, meanDelta } = failRate(0.6, method);
    expect(meanDelta).toBeLessThan(-0.045);
    expect(meanDelta).toBeGreaterThan(-0.055);
    expect(rate).toBeGreaterThanOrEqual(0.9);
  });
});
