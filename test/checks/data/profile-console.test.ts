/** `data profile` prints the profile itself: one line per column, like pandas' describe() on its side. */
import { describe, expect, test } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli } from '../../helpers/cli.js';

describe('data profile on the console', () => {
  test('type, nulls, distinct, min/mean/median/max and top values per column (pandas-checked fixture)', async () => {
    const r = await cli(['data', 'profile', '--data', 'test/fixtures/data-quality/expectations-data.csv']);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n').map((l) => l.trim());
    expect(lines).toContain(
      'column  type              nulls  distinct     min    mean  median     max  top values',
    );
    // age: pandas' describe() gives count 294, mean 55.085034, min −1, 50% 53.5, max 150; 6 nulls, 75 distinct;
    // plan: value_counts() basic 106, standard 103, premium 78.
    expect(lines).toContain('age     numeric          6 (2%)        75      −1   55.09    53.5     150  –');
    // income: finite values only (its infinite cells are counted apart in the result file).
    expect(lines).toContain(
      'income  numeric        8 (2.7%)       291    5962  23\u202f791  21\u202f302  79\u202f685  –',
    );
    expect(lines).toContain(
      'plan    categorical   10 (3.3%)         4       –       –       –       –  basic 106, standard 103, premiu…',
    );
    expect(lines).toContain('empty   numeric      300 (100%)         0       –       –       –       –  –');
  });

  test('wide tables stay readable: long names and values are cut, control characters made visible', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'profile-console-'));
    const long = 'a_very_long_column_name_that_goes_on_and_on_and_on';
    writeFileSync(
      join(dir, 'wide.csv'),
      `${long},"x\x1b[2Jy"\n1,"evil\x1b[31mred"\n2,"evil\x1b[31mred"\n3,ok\n`,
    );
    const r = await cli(['data', 'profile', '--data', 'wide.csv'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain('\x1b');
    const rows = r.stdout.split('\n').filter((l) => l.startsWith('    a_very') || l.startsWith('    x'));
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatch(/^ {4}a_very_long_column_name_that_go… +numeric +0 +3 +1 +2 +2 +3 +–$/);
    expect(rows[1]).toMatch(/^ {4}x\\u001b\[2Jy|^ {4}x.*\[2Jy/);
    expect(rows[1]).toContain('evil');
    expect(Math.max(...r.stdout.split('\n').map((l) => [...l].length))).toBeLessThan(200);
  });
});
