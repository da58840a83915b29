import { describe, expect, test } from '@jest/globals';
import { dataCheck } from '../../../src/checks/data/check.js';
import { parseCondition, selectRows } from '../../../src/checks/data/row-condition.js';
import { parseSuite } from '../../../src/checks/data/suite.js';
import type { ValidationResult } from '../../../src/checks/data/validation-result.js';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from '@jest/globals';
import { readTable } from '../../../src/data/read-table.js';

const dir = mkdtempSync(join(tmpdir(), 'row-condition-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
async function readTableText(text: string) {
  const file = join(dir, `t${files++}.csv`);
  writeFileSync(file, text);
  return readTable(file);
}

const CSV = 'age,plan,score\n30,basic,0.5\n,gold,0.9\n200,basic,\n41,,0.1\n17,premium,0.7\n';

// The rows pandas' DataFrame.query(condition, engine="python") selects on CSV (pandas 1.5, this machine).
const PANDAS: [string, number[]][] = [
  ['age >= 18 & plan == "basic"', [0, 2]],
  ['plan.isin(["basic", "gold"])', [0, 1, 2]],
  ['~(age < 18) | score > 0.8', [0, 1, 2, 3]],
  ['age.isnull()', [1]],
  ['plan.notnull() & score != 0.5', [1, 2, 4]],
  ['(age > 20 and score < 0.8) or plan == "premium"', [0, 3, 4]],
  ['`plan` != "basic"', [1, 3, 4]],
  ['age == 30.0', [0]],
  ['not plan.isin(["basic"])', [1, 3, 4]],
  // great_expectations parser syntax
  ['col("age") >= 18 & col("plan") == "basic"', [0, 2]],
  ["col('plan').notNull()", [0, 1, 2, 4]],
];

describe('row_condition', () => {
  test.each(PANDAS)('%s selects the rows pandas selects', async (condition, rows) => {
    const table = await readTableText(CSV);
    const byName = (n: string) => table.columns.find((c) => c.name === n)!;
    expect(selectRows(parseCondition(condition), table.rows, byName)).toEqual(rows);
  });

  test('the expectation sees only the selected rows; indices are the original rows', async () => {
    const table = await readTableText(CSV);
    const suite = parseSuite(
      `expectations:
  - type: expect_column_values_to_be_between
    column: age
    min_value: 18
    max_value: 120
    row_condition: 'plan == "basic"'
    condition_parser: pandas
  - type: expect_table_row_count_to_equal
    value: 2
    row_condition: col("plan")=="basic"
    condition_parser: great_expectations
`,
      's.yml',
    );
    const [between, count] = dataCheck(table, suite).details!.results as ValidationResult[];
    expect(between.result).toMatchObject({
      element_count: 2,
      unexpected_count: 1,
      partial_unexpected_list: [200],
      partial_unexpected_index_list: [2],
      partial_unexpected_row_numbers: [3],
    });
    expect(count).toMatchObject({ success: true, result: { observed_value: 2 } });
  });

  test.each([
    [
      `'plan=="basic" && age > 3'`,
      's.yml:4:36: expectations[0].row_condition: expected a column, a number or a string, found "&"',
    ],
    [
      `'__import__("os").system("x")'`,
      's.yml:4:31: expectations[0].row_condition: expected a comparison (==, !=, <, <=, >, >=) or .isin/.isnull/.notnull after column "__import__", found "("',
    ],
    [`'age.apply(print)'`, 's.yml:4:25: expectations[0].row_condition: unsupported method "apply"'],
    [`'age > 3; x'`, 's.yml:4:28: expectations[0].row_condition: unexpected character ";"'],
    [`'age @ 3'`, 's.yml:4:25: expectations[0].row_condition: unexpected character "@"'],
  ])('%s is refused at line:column, never run', (condition, message) => {
    const text = `expectations:\n  - type: expect_column_values_to_not_be_null\n    column: age\n    row_condition: ${condition}\n`;
    const suite = parseSuite(text, 's.yml');
    expect(suite.expectations[0].exception?.exception_message).toContain(message);
    expect(() => parseSuite(`${text}    catch_exceptions: false\n`, 's.yml')).toThrow(message);
  });

  test('an unknown condition_parser is refused', () => {
    const suite = parseSuite(
      'expectations:\n  - {type: expect_column_to_exist, column: age, row_condition: "age > 1", condition_parser: spark}\n',
      's.yml',
    );
    expect(suite.expectations[0].exception?.exception_message).toContain(
      'condition_parser: expected pandas, great_expectations, great_expectations__experimental__, got "spark"',
    );
  });

  test('ordering a number against a string raises (as pandas) and fails only that expectation', async () => {
    const table = await readTableText(CSV);
    const suite = parseSuite(
      'expectations:\n  - {type: expect_column_values_to_not_be_null, column: age, row_condition: "plan > 3"}\n  - {type: expect_column_to_exist, column: age}\n',
      's.yml',
    );
    const [bad, ok] = dataCheck(table, suite).details!.results as ValidationResult[];
    expect(bad.exception_info.exception_message).toMatch(
      /^s\.yml:2: row_condition compares "basic" with 3 using >/,
    );
    expect(ok.success).toBe(true);
  });
});
