import { describe, expect, test } from '@jest/globals';
import { gate, type GateInput, type RuleReport } from '../../../src/checks/gate/gate.js';
import { parseRules } from '../../../src/checks/gate/rules.js';

const where = { file: 'rules.yml', keyPathPrefix: 'rules' };
const run = (input: GateInput, rules: unknown) => gate(input, parseRules(rules, where));
const reports = (out: ReturnType<typeof gate>) => (out.details as { rules: RuleReport[] }).rules;
const one = (out: ReturnType<typeof gate>) => {
  const r = reports(out);
  expect(r).toHaveLength(1);
  return r[0];
};

describe('thresholds', () => {
  test.each([
    [{ roc_auc: 0.81 }, { roc_auc: { threshold: 0.8 } }, 'pass', '0.81 ≥ 0.8'],
    [{ roc_auc: 0.79 }, { roc_auc: { threshold: 0.8 } }, 'fail', '0.79 is below the threshold 0.8'],
    [{ log_loss: 0.31 }, { log_loss: { threshold: 0.3 } }, 'fail', '0.31 is above the threshold 0.3'],
    [{ log_loss: 0.3 }, { log_loss: { threshold: 0.3 } }, 'pass', '0.3 ≤ 0.3'],
    [
      { roc_auc: null },
      { roc_auc: { threshold: 0.8 } },
      'fail',
      'candidate roc_auc is undefined on these data (e.g. only one class)',
    ],
    [
      { f1: 0.9 },
      { roc_auc: { threshold: 0.8 } },
      'fail',
      'candidate has no roc_auc (not computed for this task?)',
    ],
  ])('%j with %j → %s', (candidate, rules, outcome, reason) => {
    const r = one(run({ candidate }, rules));
    expect(r.outcome).toBe(outcome);
    expect(r.reason).toBe(reason);
    expect(r.kind).toBe('threshold');
  });
});

describe('comparisons with a baseline metrics file (no intervals)', () => {
  const cases: [Record<string, number>, Record<string, number>, unknown, string, string][] = [
    [
      { roc_auc: 0.8 },
      { roc_auc: 0.81 },
      { roc_auc: { max_regression: 0.01 } },
      'pass',
      'dropped by 0.01 (1.235% of the baseline), within the tolerance',
    ],
    [
      { roc_auc: 0.79 },
      { roc_auc: 0.81 },
      { roc_auc: { max_regression: 0.01 } },
      'fail',
      'dropped by 0.02 (2.469% of the baseline), more than the tolerated 0.01',
    ],
    [
      { roc_auc: 0.83 },
      { roc_auc: 0.81 },
      { roc_auc: { max_regression: 0 } },
      'pass',
      'rose by 0.02 (2.469% of the baseline), within the tolerance',
    ],
    [
      { log_loss: 0.42 },
      { log_loss: 0.4 },
      { log_loss: { max_regression_relative: 0.02 } },
      'fail',
      'rose by 0.02 (5% of the baseline), more than the tolerated 0.008 (2% of 0.4)',
    ],
    [
      { log_loss: 0.404 },
      { log_loss: 0.4 },
      { log_loss: { max_regression_relative: 0.02 } },
      'pass',
      'rose by 0.004 (1% of the baseline), within the tolerance',
    ],
    [
      { mean_error: 0.1 },
      { mean_error: 0 },
      { mean_error: { max_regression_relative: 0.5 } },
      'fail',
      'rose by 0.1, more than the tolerated 0; the baseline is 0, so any worsening is an infinite relative change',
    ],
    [
      { mean_error: -0.1 },
      { mean_error: 0 },
      { mean_error: { max_regression_relative: 0.5 } },
      'pass',
      'dropped by 0.1, within the tolerance; the baseline is 0, so any worsening is an infinite relative change',
    ],
    [
      { f1: 0.8 },
      { f1: 0.79 },
      { f1: { min_improvement: 0.01 } },
      'pass',
      'rose by 0.01 (1.266% of the baseline), enough',
    ],
    [
      { f1: 0.795 },
      { f1: 0.79 },
      { f1: { min_improvement: 0.01 } },
      'fail',
      'rose by 0.005 (0.6329% of the baseline), less than the required improvement 0.01',
    ],
    [
      { rmse: 9.5 },
      { rmse: 10 },
      { rmse: { min_improvement_relative: 0.05 } },
      'pass',
      'dropped by 0.5 (5% of the baseline), enough',
    ],
    [
      { rmse: 9.6 },
      { rmse: 10 },
      { rmse: { min_improvement_relative: 0.05 } },
      'fail',
      'dropped by 0.4 (4% of the baseline), less than the required improvement 0.5 (5% of 10)',
    ],
    [
      { r2: 0 },
      { r2: 0 },
      { r2: { min_improvement_relative: 0.05 } },
      'fail',
      'did not change, less than the required improvement 0; the baseline is 0, so any improvement is an infinite relative change',
    ],
  ];
  test.each(cases)('%j vs %j with %j → %s', (candidate, baseline, rules, outcome, reason) => {
    const r = one(
      run({ candidate, baseline, baselineSource: { kind: 'metrics-file', file: 'main.json' } }, rules),
    );
    expect([r.outcome, r.reason]).toEqual([outcome, reason]);
  });
  test('significant without an interval compares the points and says so', () => {
    const r = one(
      run(
        { candidate: { roc_auc: 0.79 }, baseline: { roc_auc: 0.81 } },
        { roc_auc: { max_regression: 0.01, significant: true } },
      ),
    );
    expect(r.outcome).toBe('fail');
    expect(r.reason).toBe(
      'dropped by 0.02 (2.469% of the baseline), more than the tolerated 0.01; no confidence interval (the baseline is a metrics file), so the point values were compared',
    );
    expect(r.rule).toBe('roc_auc may drop by at most 0.01 from the baseline (fails only when significant)');
  });
  test('no baseline, or no value in it: comparisons are skipped, thresholds still apply', () => {
    const out = run({ candidate: { roc_auc: 0.7 } }, { roc_auc: { threshold: 0.8, max_regression: 0.01 } });
    expect(reports(out).map((r) => [r.kind, r.outcome, r.reason])).toEqual([
      ['threshold', 'fail', '0.7 is below the threshold 0.8'],
      ['max_regression', 'skipped', 'no baseline to compare with'],
    ]);
    expect(out.status).toBe('fail');
    expect(
      one(run({ candidate: { f1: 0.7 }, baseline: { roc_auc: 0.8 } }, { f1: { max_regression: 0 } })).reason,
    ).toBe('baseline has no f1');
    expect(
      one(
        run({ candidate: { roc_auc: 0.7 }, baseline: { roc_auc: null } }, { roc_auc: { max_regression: 0 } }),
      ).reason,
    ).toBe('baseline roc_auc is undefined');
  });
});

describe('significance with paired intervals', () => {
  const input = (ci: [number, number], method: 'delong' | 'bootstrap-percentile' = 'delong'): GateInput => ({
    candidate: { roc_auc: 0.79, log_loss: 0.45 },
    baseline: { roc_auc: 0.8, log_loss: 0.43 },
    intervals: {
      roc_auc: { low: ci[0], high: ci[1], confidence: 0.95, method },
      log_loss: { low: -ci[1], high: -ci[0], confidence: 0.95, method: 'bootstrap-percentile' },
    },
  });
  test('fails when the whole interval is beyond the tolerance', () => {
    const r = one(run(input([-0.03, -0.004]), { roc_auc: { max_regression: 0, significant: true } }));
    expect(r.outcome).toBe('fail');
    expect(r.reason).toBe(
      'dropped by 0.01 (1.25% of the baseline), more than the tolerated 0, significantly: 95% CI of the change [-0.03, -0.004] (delong)',
    );
  });
  test('passes a point regression that is not significant', () => {
    const r = one(run(input([-0.03, 0.002]), { roc_auc: { max_regression: 0, significant: true } }));
    expect(r.outcome).toBe('pass');
    expect(r.reason).toMatch(
      /^dropped by 0\.01 .*, more than the tolerated 0, but not significantly: 95% CI of the change \[-0\.03, 0\.002\]/,
    );
  });
  test('the tolerance applies to the interval: a significant drop within it passes', () => {
    expect(
      one(run(input([-0.03, -0.004]), { roc_auc: { max_regression: 0.005, significant: true } })).outcome,
    ).toBe('pass');
  });
  test('lower-is-better metrics flip the interval', () => {
    // log_loss rose: interval of candidate − baseline is [0.004, 0.03] → significantly worse.
    expect(
      one(run(input([-0.03, -0.004]), { log_loss: { max_regression: 0, significant: true } })).outcome,
    ).toBe('fail');
    expect(
      one(run(input([-0.03, 0.002]), { log_loss: { max_regression: 0, significant: true } })).outcome,
    ).toBe('pass');
  });
  test('min_improvement with significance fails only when the interval is below the requirement', () => {
    const better: GateInput = {
      candidate: { f1: 0.8 },
      baseline: { f1: 0.79 },
      intervals: { f1: { low: -0.01, high: 0.03, confidence: 0.95, method: 'bootstrap-percentile' } },
    };
    expect(one(run(better, { f1: { min_improvement: 0.02, significant: true } })).outcome).toBe('pass');
    expect(one(run(better, { f1: { min_improvement: 0.04, significant: true } })).outcome).toBe('fail');
  });
});

describe('status, severity, findings, summary, metrics table', () => {
  const input: GateInput = {
    candidate: { roc_auc: 0.79, f1: 0.7, log_loss: 0.5, n: 100, tp: 30 },
    baseline: { roc_auc: 0.81, f1: 0.7, log_loss: 0.5, n: 100, tp: 31 },
    baselineSource: { kind: 'metrics-file', file: 'main.json' },
  };
  test('a failing warn rule only warns', () => {
    const out = run(input, {
      roc_auc: { max_regression: 0.01, severity: 'warn' },
      f1: { max_regression: 0 },
    });
    expect(out.status).toBe('warn');
    expect(out.summary).toBe(
      'Gate passed with 1 warning: roc_auc dropped by 0.02 (2.469% of the baseline), more than the tolerated 0.01',
    );
    expect(out.findings).toEqual([
      {
        id: 'gate/metric-regressed',
        severity: 'warning',
        message:
          'roc_auc: dropped by 0.02 (2.469% of the baseline), more than the tolerated 0.01 (rule: roc_auc may drop by at most 0.01 from the baseline)',
        subject: 'roc_auc',
        file: 'rules.yml',
      },
    ]);
  });
  test('fail beats warn', () => {
    const out = run(input, {
      roc_auc: [{ max_regression: 0.01, severity: 'warn' }, { threshold: 0.8 }],
      f1: { min_improvement: 0.01 },
    });
    expect(out.status).toBe('fail');
    expect(out.summary).toBe(
      'Gate failed: 2 of 3 conditions failed: roc_auc 0.79 is below the threshold 0.8; f1 did not change, less than the required improvement 0.01; 1 warning',
    );
    expect(out.findings?.map((f) => [f.id, f.severity])).toEqual([
      ['gate/metric-regressed', 'warning'],
      ['gate/below-threshold', 'error'],
      ['gate/insufficient-improvement', 'error'],
    ]);
  });
  test('all pass', () => {
    const out = run(input, { f1: { max_regression: 0 }, log_loss: { threshold: 0.6 } });
    expect(out.status).toBe('pass');
    expect(out.summary).toBe('Gate passed: 2 of 2 conditions passed');
    expect(out.findings).toEqual([]);
  });
  test('no rules passes and says so', () => {
    expect(run(input, {}).summary).toBe('No gate rules: nothing to check');
  });
  test('skipped rules are notices and appear in the summary', () => {
    const out = run({ candidate: { f1: 0.7 } }, { f1: { max_regression: 0 } });
    expect(out.status).toBe('pass');
    expect(out.summary).toBe(
      'Gate passed: no condition could be checked; 1 skipped (no baseline to compare with)',
    );
    expect(out.findings?.[0]).toMatchObject({ id: 'gate/rule-skipped', severity: 'notice' });
  });
  test('metrics table: baseline, candidate, delta, relative delta, interval; counts left out', () => {
    const out = gate(
      {
        candidate: { roc_auc: 0.79, mean_error: 0.1, n: 10 },
        baseline: { roc_auc: 0.8, mean_error: 0 },
        intervals: { roc_auc: { low: -0.02, high: 0.001, confidence: 0.95, method: 'delong' } },
      },
      [],
    );
    expect(Object.keys(out.metrics ?? {})).toEqual(['roc_auc', 'mean_error']);
    const auc = out.metrics?.roc_auc as Record<string, number>;
    expect(auc.baseline).toBe(0.8);
    expect(auc.candidate).toBe(0.79);
    expect(auc.delta).toBeCloseTo(-0.01, 15);
    expect(auc.delta_relative).toBeCloseTo(-0.0125, 15);
    expect([auc.ci_low, auc.ci_high]).toEqual([-0.02, 0.001]);
    expect(out.metrics?.mean_error).toEqual({
      baseline: 0,
      candidate: 0.1,
      delta: 0.1,
      delta_relative: 'Infinity',
      ci_low: null,
      ci_high: null,
    });
  });
});
