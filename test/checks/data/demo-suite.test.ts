import { describe, expect, test } from '@jest/globals';
import { fileURLToPath } from 'node:url';
import { dataCheck, dataCheckProfile } from '../../../src/checks/data/check.js';
import { profileShard, mergeProfiles } from '../../../src/checks/data/profile-state.js';
import { loadSuite, suiteColumns } from '../../../src/checks/data/suite.js';
import { readTable } from '../../../src/data/read-table.js';

const DEMO = fileURLToPath(new URL('../../../workflows-examples/demo/', import.meta.url));

describe('the demo suite', () => {
  test('eval.csv meets workflows-examples/demo/data-suite.yml', async () => {
    const suite = await loadSuite(`${DEMO}data-suite.yml`);
    const table = await readTable(`${DEMO}data/eval.csv`, { columns: suiteColumns(suite) });
    const outcome = dataCheck(table, suite);
    expect(outcome.findings).toEqual([]);
    expect(outcome.status).toBe('pass');
    expect(outcome.metrics).toMatchObject({ evaluated: suite.expectations.length, failed: 0 });
  });

  test('and so does a merged profile of it (row-level checks skipped or exact from counts)', async () => {
    const suite = await loadSuite(`${DEMO}data-suite.yml`);
    const table = await readTable(`${DEMO}data/eval.csv`);
    const merged = mergeProfiles(
      profileShard(table, { shard: { index: 0, count: 2 } }),
      profileShard(table, { shard: { index: 1, count: 2 } }),
    );
    const outcome = dataCheckProfile(merged, suite);
    expect(outcome.status).toBe('pass');
    expect(outcome.metrics).toMatchObject({ failed: 0 });
  });
});

describe('reading inputs', () => {
  test('readTableForSuite reads the suite columns, or all of them when one is missing', async () => {
    const { readTableForSuite } = await import('../../../src/checks/data/inputs.js');
    const { parseSuite } = await import('../../../src/checks/data/suite.js');
    const ok = parseSuite(
      'expectations:\n  - {type: expect_column_values_to_not_be_null, column: age}\n',
      's.yml',
    );
    const t = await readTableForSuite(`${DEMO}data/eval.csv`, ok);
    expect(t.columns.map((c) => c.name)).toEqual(['age']);
    const typo = parseSuite(
      'expectations:\n  - {type: expect_column_values_to_not_be_null, column: agee}\n',
      's.yml',
    );
    const all = await readTableForSuite(`${DEMO}data/eval.csv`, typo);
    const [result] = dataCheck(all, typo).details!.results as {
      exception_info?: { exception_message: string };
    }[];
    expect(result.exception_info?.exception_message).toMatch(
      /^s\.yml:2: column "agee" does not exist in .*eval\.csv \(did you mean "age"\?\)/,
    );
  });

  test('readProfileState reads a profile result and rejects other JSON', async () => {
    const { readProfileState } = await import('../../../src/checks/data/inputs.js');
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { toJsonText } = await import('../../../src/core/result.js');
    const { dataProfile } = await import('../../../src/checks/data/check.js');
    const dir = mkdtempSync(`${tmpdir()}/model-ci-data-`);
    const table = await readTable(`${DEMO}data/eval.csv`);
    writeFileSync(`${dir}/p.json`, toJsonText(dataProfile(table)));
    writeFileSync(`${dir}/bad.json`, '{"a": 1');
    expect((await readProfileState(`${dir}/p.json`)).rows).toBe(1000);
    await expect(readProfileState(`${dir}/bad.json`)).rejects.toThrow(
      /bad\.json:1:8: invalid JSON: unexpected end of input/,
    );
    await expect(readProfileState(`${dir}/none.json`)).rejects.toThrow(/file not found/);
  });
});
