import { describe, expect, test } from '@jest/globals';
import { fileURLToPath } from 'node:url';
import { dataCheck, dataCheckProfile } from '../../../src/checks/data/check.js';
import type { ValidationResult } from '../../../src/checks/data/validation-result.js';
import { mergeProfiles, profileShard } from '../../../src/checks/data/profile-state.js';
import { parseSuite } from '../../../src/checks/data/suite.js';
import { readTable } from '../../../src/data/read-table.js';

const DATA = fileURLToPath(new URL('../../fixtures/data-quality/sharded-data.csv', import.meta.url));

const SUITE = `name: sharded
expectations:
  - {type: expect_table_row_count_to_be_between, min_value: 1000}
  - {type: expect_table_columns_to_match_set, column_set: [tenure, charges, plan, user_id, score]}
  - {type: expect_column_to_exist, column: score}
  - {type: expect_column_values_to_not_be_null, column: tenure, mostly: 0.95}
  - {type: expect_column_values_to_not_be_null, column: score}
  - {type: expect_column_values_to_be_null, column: plan, mostly: 0.01}
  - {type: expect_column_values_to_be_between, column: tenure, min_value: 0, max_value: 72}
  - {type: expect_column_values_to_be_between, column: tenure, min_value: 0, max_value: 50, mostly: 0.5}
  - {type: expect_column_values_to_be_between, column: charges, max_value: 100}
  - {type: expect_column_values_to_be_between, column: charges, max_value: 100, mostly: 0.9}
  - {type: expect_column_values_to_be_in_set, column: plan, value_set: [basic, standard, premium]}
  - {type: expect_column_values_to_not_be_in_set, column: plan, value_set: [enterprise], mostly: 0.9}
  - {type: expect_column_values_to_be_unique, column: plan}
  - {type: expect_column_values_to_be_unique, column: user_id}
  - {type: expect_column_values_to_match_regex, column: plan, regex: '^[a-z]+$'}
  - {type: expect_column_values_to_match_regex, column: tenure, regex: '^\\d+\\.0$'}
  - {type: expect_column_values_to_match_regex, column: user_id, regex: '^u\\d{5}$'}
  - {type: expect_column_values_to_be_of_type, column: tenure, type_: int64}
  - {type: expect_column_values_to_be_of_type, column: plan, type_: object}
  - {type: expect_column_mean_to_be_between, column: score, min_value: 0.25, max_value: 0.35}
  - {type: expect_column_stdev_to_be_between, column: score, max_value: 0.05}
  - {type: expect_column_min_to_be_between, column: charges, min_value: 0}
  - {type: expect_column_max_to_be_between, column: charges, max_value: 1000}
  - {type: expect_column_median_to_be_between, column: tenure, min_value: 30, max_value: 42}
  - type: expect_column_quantile_values_to_be_between
    column: charges
    quantile_ranges: {quantiles: [0.1, 0.5, 0.9], value_ranges: [[20, 40], [45, 65], [null, 120]]}
  - {type: expect_column_unique_value_count_to_be_between, column: plan, min_value: 4, max_value: 4}
  - {type: expect_column_unique_value_count_to_be_between, column: user_id, min_value: 1000}
  - {type: expect_column_proportion_of_unique_values_to_be_between, column: user_id, max_value: 0.5}
  - {type: expect_column_distinct_values_to_be_in_set, column: plan, value_set: [basic, standard, premium, enterprise]}
  - {type: expect_column_distinct_values_to_be_in_set, column: user_id, value_set: [u00001]}
`;

describe('data check on a merged profile', () => {
  test('answerable expectations agree with the row-level check; the rest is skipped or flagged approximate', async () => {
    const table = await readTable(DATA);
    const suite = parseSuite(SUITE, 'suite.yml');
    const merged = mergeProfiles(
      ...[0, 1, 2, 3].map((index) => profileShard(table, { shard: { index, count: 4 } })),
    );
    const rowsOutcome = dataCheck(table, suite);
    const profileOutcome = dataCheckProfile(merged, suite);
    const byRows = rowsOutcome.details!.results as ValidationResult[];
    const byProfile = profileOutcome.details!.results as ValidationResult[];

    const skipped = byProfile.filter((r) => r.skipped).map((r) => `${r.line}`);
    const approximate = byProfile.filter((r) => r.approximate).map((r) => `${r.line}`);
    // charges (>1000 distinct) with mostly < 1 and values out of range; user_id checks that need exact counts.
    expect(skipped).toEqual(['12', '16', '19', '34']);
    expect(approximate).toEqual(['26', '27', '31', '32']);
    for (const r of byProfile.filter((x) => x.skipped)) expect(r.reason).toMatch(/^needs row-level data/);

    byProfile.forEach((p, i) => {
      const r = byRows[i];
      if (p.skipped) return;
      if (!p.approximate) expect([p.line, p.success]).toEqual([r.line, r.success]);
      if (p.result.unexpected_count !== undefined && r.result.unexpected_count !== undefined)
        expect([p.line, p.result.unexpected_count]).toEqual([r.line, r.result.unexpected_count]);
      if (!p.approximate && typeof r.result.observed_value === 'number')
        expect(p.result.observed_value).toBeCloseTo(r.result.observed_value, 9);
    });
    // Approximate results still decide, and say how far off they may be.
    expect(byProfile.find((r) => r.line === 26)).toMatchObject({
      approximate: true,
      error_bound: 'rank error ≤ 1.65% (KLL k=200)',
    });
    expect(profileOutcome.metrics).toMatchObject({ skipped: 4, evaluated: 26 });
    expect(profileOutcome.summary).toMatch(/; 4 skipped$/);
  });

  test('profile results list unexpected values with counts instead of rows', async () => {
    const table = await readTable(DATA);
    const suite = parseSuite(
      'expectations:\n  - {type: expect_column_values_to_be_in_set, column: plan, value_set: [basic]}\n',
      's.yml',
    );
    const outcome = dataCheckProfile(profileShard(table), suite);
    const r = (outcome.details!.results as ValidationResult[])[0];
    expect(r.result.partial_unexpected_index_list).toBeUndefined();
    const counts = r.result.partial_unexpected_counts as { value: unknown }[];
    expect(counts.map((u) => u.value)).toEqual(['standard', 'premium', 'enterprise']);
    expect(outcome.findings![0].message).toMatch(
      /^expect_column_values_to_be_in_set on "plan" failed: \d+ of \d+ non-null values unexpected \(\d+(\.\d+)?%\); e\.g\. "standard" ×\d+, "premium" ×\d+, "enterprise" ×\d+$/,
    );
  });
});

describe('distinct-set and most-common expectations on a merged profile', () => {
  const SETS = `expectations:
  - {type: expect_column_distinct_values_to_contain_set, column: plan, value_set: [basic, premium]}
  - {type: expect_column_distinct_values_to_contain_set, column: plan, value_set: [basic, gold]}
  - {type: expect_column_distinct_values_to_equal_set, column: plan, value_set: [basic, standard, premium, enterprise]}
  - {type: expect_column_distinct_values_to_equal_set, column: plan, value_set: [basic, standard, premium]}
  - {type: expect_column_distinct_values_to_contain_set, column: tenure, value_set: [1, 72, 73]}
  - {type: expect_column_distinct_values_to_equal_set, column: tenure, value_set: [1, 2]}
  - {type: expect_column_most_common_value_to_be_in_set, column: plan, value_set: [basic]}
  - {type: expect_column_most_common_value_to_be_in_set, column: plan, value_set: [standard]}
  - {type: expect_column_most_common_value_to_be_in_set, column: tenure, value_set: [1, 2, 3], ties_okay: true}
  - {type: expect_column_distinct_values_to_contain_set, column: user_id, value_set: [u00001]}
  - {type: expect_column_most_common_value_to_be_in_set, column: user_id, value_set: [u00001]}
`;
  test('answered exactly from the value counts while the profile kept every value, like the rows', async () => {
    const table = await readTable(DATA);
    const suite = parseSuite(SETS, 's.yml');
    const merged = mergeProfiles(
      ...[0, 1, 2].map((index) => profileShard(table, { shard: { index, count: 3 } })),
    );
    const byRows = dataCheck(table, suite).details!.results as ValidationResult[];
    const byProfile = dataCheckProfile(merged, suite).details!.results as ValidationResult[];
    expect(byRows.map((r) => r.success)).toEqual([
      true,
      false,
      true,
      false,
      false,
      false,
      true,
      false,
      false,
      true,
      false,
    ]);
    byProfile.slice(0, 9).forEach((p, i) => {
      expect(p.skipped).toBeFalsy();
      expect([p.line, p.success, p.result.observed_value, p.result.details]).toEqual([
        byRows[i].line,
        byRows[i].success,
        byRows[i].result.observed_value,
        byRows[i].result.details,
      ]);
    });
    // user_id has more distinct values than the profile keeps exactly.
    for (const p of byProfile.slice(9)) {
      expect(p.skipped).toBe(true);
      expect(p.reason).toMatch(/^needs row-level data \(column "user_id" has more than 1000 distinct values/);
    }
  });
});

describe('result documents', () => {
  test('profile, merge and check outcomes are valid model-ci/result@1 documents', async () => {
    const { runCheck } = await import('../../../src/core/run-check.js');
    const { validateResult } = await import('../../../src/core/validate-result.js');
    const { toJsonText } = await import('../../../src/core/result.js');
    const { dataMerge, dataProfile } = await import('../../../src/checks/data/check.js');
    const table = await readTable(DATA);
    const suite = parseSuite(SUITE, 'suite.yml');
    const state = profileShard(table);
    for (const [name, compute] of [
      ['data', () => dataProfile(table, { shard: { index: 1, count: 3 } })],
      [
        'data',
        () =>
          dataMerge([
            profileShard(table, { shard: { index: 0, count: 2 } }),
            profileShard(table, { shard: { index: 1, count: 2 } }),
          ]),
      ],
      ['data', () => dataCheck(table, suite)],
      ['data', () => dataCheckProfile(state, suite)],
    ] as const) {
      const result = await runCheck(name, {}, compute);
      expect(() => validateResult(JSON.parse(toJsonText(result)), 'result.json')).not.toThrow();
    }
    expect(() => dataMerge([state, state])).toThrow(
      /sharded-data\.csv: .*sharded-data\.csv is in more than one of the profiles being merged/,
    );
  });
});
