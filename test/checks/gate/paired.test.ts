import { describe, expect, test } from '@jest/globals';
import { InputError } from '../../../src/core/errors.js';
import { baselineFromResult } from '../../../src/checks/gate/baseline.js';
import { gate, type RuleReport } from '../../../src/checks/gate/gate.js';
import { joinById } from '../../../src/checks/gate/join.js';
import { comparePaired } from '../../../src/checks/gate/paired.js';
import { parseRules } from '../../../src/checks/gate/rules.js';
import { delongTest } from '../../../src/stats/metrics/delong.js';
import { binaryMetricSet } from '../../../src/stats/metrics/metric-sets.js';
import { createRng } from '../../../src/stats/metrics/random.js';

function binaryPair(n: number, seed: number, candidateNoise: number) {
  const rng = createRng(seed);
  const labels = new Float64Array(n);
  const candidate = new Float64Array(n);
  const baseline = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const z = rng.normal();
    labels[i] = z + 0.5 * rng.normal() > 0 ? 1 : 0;
    baseline[i] = 1 / (1 + Math.exp(-(z + 0.3 * rng.normal())));
    candidate[i] = 1 / (1 + Math.exp(-(z + candidateNoise * rng.normal())));
  }
  return { labels, candidate, baseline };
}

describe('comparePaired (binary)', () => {
  const data = binaryPair(600, 1, 0.9);
  const input = comparePaired({ task: 'binary', ...data }, { resamples: 200 });
  test('metrics of both models, as the metrics check computes them', () => {
    const expected = binaryMetricSet(data.labels, data.candidate);
    expect(input.candidate.roc_auc).toBe(expected.roc_auc);
    expect(input.candidate.ece).toBe(expected.ece);
    expect(input.baseline?.log_loss).toBe(binaryMetricSet(data.labels, data.baseline).log_loss);
  });
  test('roc_auc gets the DeLong interval, the others a paired bootstrap interval', () => {
    const d = delongTest(data.labels, data.candidate, data.baseline);
    expect(input.intervals?.roc_auc).toEqual({
      low: d?.ci_low,
      high: d?.ci_high,
      confidence: 0.95,
      method: 'delong',
    });
    expect(input.intervals?.log_loss.method).toBe('bootstrap-percentile');
    expect(Object.keys(input.intervals ?? {}).sort()).toEqual(
      [
        'accuracy',
        'average_precision',
        'brier',
        'ece',
        'f1',
        'log_loss',
        'precision',
        'recall',
        'roc_auc',
      ].sort(),
    );
    expect(input.delong?.p_value).toBe(d?.p_value);
    expect(input.bootstrap).toEqual({ resamples: 200, confidence: 0.95, seed: 0 });
  });
  test('options.metrics limits the bootstrap; aucInterval bootstrap replaces DeLong', () => {
    const only = comparePaired({ task: 'binary', ...data }, { resamples: 100, metrics: ['f1'] });
    expect(Object.keys(only.intervals ?? {})).toEqual(['f1']);
    const boot = comparePaired(
      { task: 'binary', ...data },
      { resamples: 100, metrics: ['roc_auc'], aucInterval: 'bootstrap' },
    );
    expect(boot.intervals?.roc_auc.method).toBe('bootstrap-percentile');
  });
  test('end to end: a clearly worse candidate fails a significant rule; DeLong is in the details', () => {
    const out = gate(
      input,
      parseRules(
        { roc_auc: { max_regression: 0, significant: true } },
        { file: 'rules.yml', keyPathPrefix: 'rules' },
      ),
    );
    expect(out.status).toBe('fail');
    const [report] = (out.details as { rules: RuleReport[] }).rules;
    expect(report.reason).toMatch(
      /^dropped by 0\.0\d+ .*significantly: 95% CI of the change \[-0\.\d+, -0\.\d+\] \(delong\)$/,
    );
    expect((out.details as { delong: { p_value: number } }).delong.p_value).toBeLessThan(0.05);
    expect((out.details as { baseline: unknown }).baseline).toEqual({ kind: 'paired-predictions' });
  });
  test('rejects arrays of different lengths', () => {
    expect(() =>
      comparePaired({
        task: 'binary',
        labels: Float64Array.of(0, 1),
        candidate: Float64Array.of(0.1),
        baseline: Float64Array.of(0.1, 0.2),
      }),
    ).toThrow(
      new InputError(
        'paired predictions must have one row each per label: 2 labels, 1 candidate and 2 baseline predictions',
      ),
    );
  });
});

describe('comparePaired (regression)', () => {
  test('intervals for every regression metric', () => {
    const rng = createRng(5);
    const y = Float64Array.from({ length: 300 }, () => rng.normal() * 10 + 50);
    const candidate = Float64Array.from(y, (v) => v + rng.normal());
    const baseline = Float64Array.from(y, (v) => v + 2 * rng.normal());
    const input = comparePaired({ task: 'regression', y, candidate, baseline }, { resamples: 200 });
    expect(Object.keys(input.intervals ?? {}).sort()).toEqual([
      'mae',
      'mape',
      'mean_error',
      'mse',
      'r2',
      'rmse',
    ]);
    expect(input.intervals?.rmse.high as number).toBeLessThan(0); // candidate clearly better
    expect(input.delong).toBeNull();
    const out = gate(
      input,
      parseRules(
        { rmse: { max_regression: 0, significant: true }, r2: { min_improvement: 0.01 } },
        { file: 'x.yml' },
      ),
    );
    expect(out.status).toBe('pass');
  });
});

describe('joinById', () => {
  test('pairs rows by id whatever the order', () => {
    expect(
      joinById({ file: 'cand.csv', ids: ['a', 'b', 'c'] }, { file: 'base.csv', ids: ['c', 'a', 'b'] }),
    ).toEqual({
      a: Uint32Array.of(0, 1, 2),
      b: Uint32Array.of(1, 2, 0),
    });
  });
  test('numeric and categorical id columns meet as strings', () => {
    const numeric = { name: 'id', type: 'numeric' as const, values: Float64Array.of(2, 1) };
    const categorical = {
      name: 'id',
      type: 'categorical' as const,
      codes: Int32Array.of(0, 1),
      dictionary: ['1', '2'],
    };
    expect(joinById({ file: 'a.csv', ids: numeric }, { file: 'b.csv', ids: categorical }).b).toEqual(
      Uint32Array.of(1, 0),
    );
  });
  test.each([
    [
      ['a', 'b', 'x', 'y'],
      ['a', 'b', 'z'],
      'cand.csv and base.csv do not have the same ids: 2 only in cand.csv ("x", "y"); 1 only in base.csv ("z")',
    ],
    [['a', 'b', 'a'], ['a', 'b'], 'cand.csv: id "a" appears twice (data rows 1 and 3)'],
    [
      Array.from({ length: 8 }, (_, i) => `r${i}`),
      [],
      'cand.csv and base.csv do not have the same ids: 8 only in cand.csv ("r0", "r1", "r2", "r3", "r4", …)',
    ],
  ])('%j vs %j', (a, b, message) => {
    expect(() => joinById({ file: 'cand.csv', ids: a }, { file: 'base.csv', ids: b })).toThrow(
      new InputError(message),
    );
  });
  test('a null id is an error naming the row', () => {
    const col = { name: 'id', type: 'numeric' as const, values: Float64Array.of(1, NaN) };
    expect(() => joinById({ file: 'a.csv', ids: col }, { file: 'b.csv', ids: ['1'] })).toThrow(
      new InputError('a.csv: data row 2: the id is empty'),
    );
  });
});

describe('baselineFromResult', () => {
  test('reads the metrics of a metrics result, nested tables ignored', () => {
    const result = {
      schema: 'model-ci/result@1',
      check: 'metrics',
      metrics: { roc_auc: 0.9, log_loss: 'Infinity', ece: null, per_class: { a: 1 } },
    };
    expect(baselineFromResult(result, 'main.json')).toEqual({ roc_auc: 0.9, log_loss: Infinity, ece: null });
  });
  test('a plain object of numbers is accepted', () => {
    expect(baselineFromResult({ rmse: 3.2 }, 'metrics.json')).toEqual({ rmse: 3.2 });
  });
  test.each([
    [
      { schema: 'model-ci/result@1', check: 'drift', metrics: {} },
      'main.json: check: expected a result of the "metrics" check, got "drift"',
    ],
    [{ schema: 'other', check: 'metrics' }, 'main.json: schema: expected "model-ci/result@1", got "other"'],
    [{ rmse: '3.2' }, 'main.json: rmse: expected a number or null, got "3.2"'],
    [[1, 2], 'main.json: expected a model-ci result of the metrics check or a JSON object of metric values'],
  ])('rejects %j', (json, message) => {
    expect(() => baselineFromResult(json, 'main.json')).toThrow(new InputError(message));
  });
});
