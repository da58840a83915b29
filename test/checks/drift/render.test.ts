import { describe, expect, test } from '@jest/globals';
import { columnHistogram } from '../../../src/checks/drift/histogram.js';
import {
  escapeMarkdownText,
  mermaidLabel,
  renderDriftMarkdown,
  sparkline,
} from '../../../src/checks/drift/markdown.js';
import { escapeXml, renderDriftHistogramSvg } from '../../../src/checks/drift/svg.js';
import type { ColumnDrift } from '../../../src/checks/drift/types.js';
import { details, driftedNumeric, skipped, stableCategorical } from './fixtures.js';

describe('markdown fragment', () => {
  test('exact output: sorted by verdict and severity, names escaped, one chart per drifted column', () => {
    expect(renderDriftMarkdown(details)).toBe(
      [
        '**1 of 2 columns drifted** — dataset drift (share 0.5 ≥ 0.5); p-values Benjamini–Hochberg adjusted',
        '',
        '| Column | Type | Test | Statistic | Verdict |',
        '| --- | --- | --- | --- | --- |',
        '| a&#124;b &lt;script&gt;&#96;@\u2060team&#96; #\u20601 | numeric | KS | D = 0.42; raw p = 1.234e-5; W/σ 0.75 | 🔴 **adj. p = 2.468e-5 < 0.05, drifted** |',
        '| plan (prediction) | categorical | z-test | z = −0.45; Cramér’s V 0.033 | 🟢 adj. p = 0.65 ≥ 0.05, no drift |',
        '| empty | numeric | – | – | skipped: no finite values in cur.csv |',
        '',
        '<details><summary>Histogram: a&#124;b &lt;script&gt;&#96;@\u2060team&#96; #\u20601</summary>',
        '',
        '```mermaid',
        'xychart-beta',
        '  title "a_b _script___team_ _1: bars = reference, line = current"',
        '  x-axis ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"]',
        '  y-axis "% of rows" 0 --> 35',
        '  bar [10, 20, 30, 20, 10, 5, 5, 0, 0, 0]',
        '  line [0, 0, 10, 10, 20, 20, 20, 10, 5, 5]',
        '```',
        '',
        'reference `▃▆█▆▃▂▂···`<br>current `··▃▃▆▆▆▃▂▂`',
        '',
        '</details>',
        '',
      ].join('\n'),
    );
  });

  test('maxCharts limits the charts and says how many were left out', () => {
    const md = renderDriftMarkdown(details, { maxCharts: 0 });
    expect(md).not.toContain('mermaid');
    expect(md.endsWith('_1 more drifted column without a chart._\n')).toBe(true);
  });

  test.each([
    ['a|b', 'a&#124;b'],
    ['<img src=x onerror=alert(1)>', '&lt;img src=x onerror=alert(1)&gt;'],
    ['`code` and ```fence```', '&#96;code&#96; and &#96;&#96;&#96;fence&#96;&#96;&#96;'],
    // A word joiner after @ and #: GitHub finds mentions in the rendered text, where entities are decoded.
    ['@octocat #42 :tada:', '@\u2060octocat #\u206042 :tada:'],
    ['[link](http://x)', '&#91;link&#93;(http:\u2060//x)'],
    ['*bold* _it_ ~del~ $x$', '&#42;bold&#42; &#95;it&#95; &#126;del&#126; &#36;x&#36;'],
    ['two\nlines\r\n', 'two lines '],
    ['tab\there & \u202eRLO', 'tab here &amp; RLO'],
  ])('escapeMarkdownText(%j)', (raw, escaped) => {
    expect(escapeMarkdownText(raw)).toBe(escaped);
  });

  test.each([
    ['a"b`c', 'a_b_c'],
    ['x]; click x call alert()', 'x__ click x call alert__'],
    ['%%{init: {"theme":"dark"}}%%', '___init_ __theme___dark_____'],
    ['Größe µm', 'Größe µm'],
    ['"""', '___'],
    ['', '_'],
    ['a'.repeat(40), 'a'.repeat(29) + '…'],
  ])('mermaidLabel(%j)', (raw, label) => {
    expect(mermaidLabel(raw)).toBe(label);
  });

  test('a hostile column name cannot close the Mermaid block or the <details> element', () => {
    const evil: ColumnDrift = { ...driftedNumeric, name: '"]\n```\n</details><script>alert(1)</script>' };
    const md = renderDriftMarkdown({ ...details, columns: [evil], drifted_columns: [evil.name] });
    expect(md.match(/```/g)).toHaveLength(2);
    expect(md.match(/<\/details>/g)).toHaveLength(1);
    expect(md).not.toContain('<script>');
    expect(md.split('\n').filter((l) => l.startsWith('  title'))).toEqual([
      '  title "________/details__script_aler…: bars = reference, line = current"',
    ]);
  });

  test('sparklines share one scale; empty bins are dots', () => {
    expect(sparkline([0, 0.25, 0.5, 1], 1)).toBe('·▂▄█');
    expect(sparkline([0.5], 0.5)).toBe('█');
    expect(sparkline([0, 0], 0)).toBe('··');
  });
});

describe('histogram data', () => {
  test('numeric: shares per bin, labelled by lower edge', () => {
    const h = columnHistogram(driftedNumeric);
    expect(h?.labels).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    expect(h?.reference[0]).toBe(0.1);
    expect(h?.current[9]).toBe(0.05);
  });
  test('categorical: many categories fold into "(other)"', () => {
    const cats = Array.from({ length: 20 }, (_, i) => `c${String(i).padStart(2, '0')}`);
    const col: ColumnDrift = {
      ...stableCategorical,
      js: {
        distance: 0.1,
        distance_base2: 0.1,
        categories: cats,
        categories_total: 150,
        ref_counts: cats.map((_, i) => i + 1),
        cur_counts: cats.map(() => 1),
        other_ref_count: 5,
        other_cur_count: 5,
      },
    };
    const h = columnHistogram(col);
    expect(h?.labels).toHaveLength(12);
    expect(h?.labels[11]).toBe('(other)');
    expect(h?.reference.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(h?.current.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });
  test('skipped columns have none', () => {
    expect(columnHistogram(skipped)).toBeNull();
    expect(renderDriftHistogramSvg(skipped)).toBeNull();
  });
});

describe('SVG histogram', () => {
  test('exact output for a two-category column', () => {
    expect(renderDriftHistogramSvg(stableCategorical)).toBe(
      '<svg xmlns="http://www.w3.org/2000/svg" width="360" height="160" viewBox="0 0 360 160" role="img" font-family="sans-serif" font-size="11">' +
        '<title>plan: reference vs current</title><text x="8" y="13" font-weight="bold">plan</text>' +
        '<rect x="8" y="20" width="9" height="9" fill="#4c78a8"/><text x="20" y="28">reference</text>' +
        '<rect x="88" y="20" width="9" height="9" fill="#f58518"/><text x="100" y="28">current</text>' +
        '<text x="352" y="28" text-anchor="end" fill="#666">max 62.5%</text>' +
        '<line x1="8" y1="138" x2="352" y2="138" stroke="#999"/>' +
        '<rect x="25.2" y="38.16" width="68.8" height="99.84" fill="#4c78a8"><title>free: reference 60%</title></rect>' +
        '<rect x="94" y="34" width="68.8" height="104" fill="#f58518"><title>free: current 62.5%</title></rect>' +
        '<rect x="197.2" y="71.44" width="68.8" height="66.56" fill="#4c78a8"><title>pro: reference 40%</title></rect>' +
        '<rect x="266" y="75.6" width="68.8" height="62.4" fill="#f58518"><title>pro: current 37.5%</title></rect>' +
        '<text x="94" y="154" text-anchor="middle" fill="#444">free</text>' +
        '<text x="266" y="154" text-anchor="middle" fill="#444">pro</text></svg>',
    );
  });

  test('names and categories are escaped', () => {
    const col: ColumnDrift = {
      ...stableCategorical,
      name: '</title><script>x</script>',
      js: { ...(stableCategorical.js as NonNullable<ColumnDrift['js']>), categories: ['<b>', '"q" & \'a\''] },
    };
    const svg = renderDriftHistogramSvg(col) as string;
    expect(svg).not.toContain('<script>');
    expect(svg).not.toContain('<b>');
    expect(svg).toContain(
      '<title>&lt;/title&gt;&lt;script&gt;x&lt;/script&gt;: reference vs current</title>',
    );
    expect(svg).toContain('&quot;q&quot; &amp; &#39;a&#39;: reference 40%');
  });

  test('escapeXml drops characters XML cannot carry', () => {
    expect(escapeXml('a\u0000b\u001fc <&>')).toBe('abc &lt;&amp;&gt;');
  });
});
