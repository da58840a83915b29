import { describe, expect, test } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli } from '../helpers/cli.js';

/** Every bad input is exit code 2 with one line naming the file, the place and what was expected. */
describe('bad input through the CLI', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bad-'));
  const file = (name: string, text: string | Buffer) => {
    writeFileSync(join(dir, name), text);
    return name;
  };
  const suite = file(
    'suite.yml',
    'expectations:\n  - type: expect_column_values_to_not_be_null\n    column: a\n',
  );

  test.each<[string, string[], RegExp]>([
    [
      'an unterminated quote',
      ['data', 'check', '--data', file('q.csv', 'a,b\n1,"x\n2,3\n'), '--suite', suite],
      /^model-ci: error: (\/.*\/)?q\.csv:2:3: .*unterminated/i,
    ],
    [
      'a row with too many fields',
      ['data', 'check', '--data', file('w.csv', 'a,b\n1,2\n3,4,5\n'), '--suite', suite],
      /^model-ci: error: (\/.*\/)?w\.csv:3:5: expected 2 fields \(as in the header\), got 3/,
    ],
    [
      'invalid UTF-8',
      [
        'data',
        'check',
        '--data',
        file('u.csv', Buffer.from([0x61, 0x0a, 0x31, 0xff, 0x0a])),
        '--suite',
        suite,
      ],
      /^model-ci: error: (\/.*\/)?u\.csv:2:2: .*UTF-8/i,
    ],
    [
      'malformed JSON Lines',
      ['data', 'check', '--data', file('j.jsonl', '{"a": 1}\n{"a": }\n'), '--suite', suite],
      /^model-ci: error: (\/.*\/)?j\.jsonl:2:7: invalid JSON/,
    ],
    [
      'a file that is not Parquet',
      ['data', 'check', '--data', file('p.parquet', 'a,b\n1,2\n'), '--suite', suite],
      /^model-ci: error: (\/.*\/)?p\.parquet: .*Parquet/i,
    ],
    [
      'an empty file',
      ['drift', '--reference', file('e.csv', ''), '--current', file('c.csv', 'a\n1\n')],
      /^model-ci: error: .*e\.csv/,
    ],
    [
      'a missing data file',
      ['metrics', '--data', 'nope.csv', '--label', 'y', '--score', 'p'],
      /^model-ci: error: .*nope\.csv/,
    ],
    [
      'a suite that is not YAML',
      ['data', 'check', '--data', file('ok.csv', 'a\n1\n'), '--suite', file('bad.yml', 'expectations: [\n')],
      /^model-ci: error: (\/.*\/)?bad\.yml:\d+(:\d+)?: /,
    ],
    [
      'wrong parameter type in a suite',
      [
        'data',
        'check',
        '--data',
        'ok.csv',
        '--suite',
        file(
          't.yml',
          'expectations:\n  - type: expect_column_values_to_be_between\n    column: a\n    min_value: abc\n    catch_exceptions: false\n',
        ),
      ],
      /^model-ci: error: (\/.*\/)?t\.yml:4(:\d+)?: .*min_value/,
    ],
    [
      'a suite naming a missing column',
      [
        'data',
        'check',
        '--data',
        'ok.csv',
        '--suite',
        file(
          'm.yml',
          'expectations:\n  - type: expect_column_values_to_not_be_null\n    column: b\n    catch_exceptions: false\n',
        ),
      ],
      /^model-ci: error: (\/.*\/)?m\.yml:2(:\d+)?: .*"b"/,
    ],
    [
      'rules with an unknown metric',
      [
        'gate',
        '--data',
        file('g.csv', 'y,p,q\n0,0.1,0.2\n1,0.9,0.8\n'),
        '--label',
        'y',
        '--candidate',
        'p',
        '--baseline',
        'q',
        '--rules',
        file('r.yml', 'rules:\n  acuracy: { threshold: 0.5 }\n'),
      ],
      /^model-ci: error: (\/.*\/)?r\.yml:2: rules\.acuracy: unknown metric "acuracy" \(did you mean "accuracy"\?\)/,
    ],
    [
      'contradictory rules',
      [
        'gate',
        '--data',
        'g.csv',
        '--label',
        'y',
        '--candidate',
        'p',
        '--baseline',
        'q',
        '--rules',
        file('c.yml', 'rules:\n  roc_auc: { max_regression: 0.01, min_improvement: 0.01 }\n'),
      ],
      /^model-ci: error: (\/.*\/)?c\.yml:2: rules\.roc_auc: /,
    ],
    [
      'non-numeric scores',
      [
        'gate',
        '--data',
        file('n.csv', 'y,p,q\n0,low,0.2\n1,0.9,0.8\n'),
        '--label',
        'y',
        '--candidate',
        'p',
        '--baseline',
        'q',
        '--rules',
        file('ok-rules.yml', 'rules:\n  roc_auc: { threshold: 0.5 }\n'),
      ],
      /^model-ci: error: (\/.*\/)?n\.csv: candidate score column "p" must be numeric/,
    ],
    [
      'mismatched row counts',
      [
        'gate',
        '--data',
        'g.csv',
        '--label',
        'y',
        '--candidate',
        'p',
        '--baseline-data',
        file('b.csv', 'id,q\n1,0.3\n'),
        '--baseline',
        'q',
        '--id',
        'y',
        '--rules',
        'ok-rules.yml',
      ],
      /^model-ci: error: (\/.*\/)?/,
    ],
    [
      'a model file that is missing',
      ['smoke', '--model', 'nope/model.json'],
      /^model-ci: error: .*nope\/model\.json/,
    ],
  ])('%s', async (_name, args, message) => {
    const r = await cli([...args, '--quiet'], dir);
    expect(r.stderr).toMatch(message);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
