import { describe, expect, test } from '@jest/globals';
import { parseSuppressions, suppressionFor } from '../../../src/checks/lint/suppress.js';

describe('inline suppressions', () => {
  test('on the line of the finding, or on comment lines above it', () => {
    const text = [
      'KEY = "x"  # model-ci: ignore MCI507 -- browser key restricted to our domain',
      '# model-ci: ignore MCI104, MCI2xx -- pinned by the base image',
      '# another comment',
      '',
      'numpy>=1',
      'other',
    ].join('\n');
    const { suppressions, problems } = parseSuppressions(text, 'other');
    expect(problems).toEqual([]);
    expect(suppressions.map((s) => [s.line, s.covers, s.rules.length, s.reason])).toEqual([
      [1, [1], 1, 'browser key restricted to our domain'],
      [2, [2, 5], 16, 'pinned by the base image'],
    ]);
    expect(suppressionFor(suppressions, 'MCI104', 5)?.line).toBe(2);
    expect(suppressionFor(suppressions, 'MCI104', 6)).toBeUndefined();
    expect(suppressionFor(suppressions, 'MCI203', 5)?.line).toBe(2);
  });

  test('in a notebook cell (a JSON string), ignore-file covers the whole file', () => {
    const text =
      '{"cells": [{"source": [\n  "# model-ci: ignore-file MCI401 -- a tutorial that shows its outputs\\n",\n  "x = 1"]}]}';
    const { suppressions } = parseSuppressions(text, 'other');
    expect(suppressions.map((s) => [s.wholeFile, s.rules, s.reason])).toEqual([
      [true, ['MCI401'], 'a tutorial that shows its outputs'],
    ]);
    expect(suppressionFor(suppressions, 'MCI401', 40)).toBeDefined();
  });

  test('a reason is required, rule IDs must exist', () => {
    const { suppressions, problems } = parseSuppressions(
      '# model-ci: ignore MCI503\n# model-ci: ignore MCI3O1 -- typo\n# model-ci: ignore\n',
      'other',
    );
    expect(suppressions).toEqual([]);
    expect(problems.map((p) => [p.line, p.message])).toEqual([
      [
        1,
        'model-ci: ignore MCI503 has no reason, so it suppresses nothing; write "-- <why this is acceptable>" after the rule IDs',
      ],
      [2, 'model-ci: ignore names MCI3O1, which is not a rule (did you mean MCI301?)'],
      [3, 'model-ci: ignore needs rule IDs and a reason, e.g. "model-ci: ignore MCI203 -- <reason>"'],
    ]);
  });

  test('prose and Markdown headings that show the syntax are not suppressions', () => {
    expect(
      parseSuppressions('Write `# model-ci: ignore MCI203 -- <reason>` above the line.\n', 'other')
        .suppressions,
    ).toEqual([]);
    expect(parseSuppressions('# model-ci: ignore MCI203 -- in a heading\n', 'markdown').suppressions).toEqual(
      [],
    );
    expect(
      parseSuppressions('<!-- model-ci: ignore MCI102 -- the card lives in docs/ -->\n', 'markdown')
        .suppressions[0],
    ).toMatchObject({
      rules: ['MCI102'],
      reason: 'the card lives in docs/',
    });
  });

  test("hadolint's ignore comments apply to the rules that follow those hadolint rules", () => {
    const text = '# hadolint ignore=DL3008,DL3015,DL4004\nRUN apt-get install -y curl\n';
    const { suppressions } = parseSuppressions(text, 'dockerfile');
    expect(suppressions[0]).toMatchObject({ rules: ['MCI203', 'MCI215'], covers: [1, 2], hadolint: true });
    expect(parseSuppressions(text, 'other').suppressions).toEqual([]);
  });
});
