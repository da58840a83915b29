/**
 * The report's Markdown rendered by a real GFM renderer (Debian's cmark-gfm, as GitHub's own renderer is
 * cmark-gfm) and its HTML, with hostile PR text: nothing may become markup, a link, a mention or a marker.
 */
import { describe, expect, test } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toJsonText } from '../../src/core/result.js';
import { escapeHtml, escapeMarkdown } from '../../src/report/escape.js';
import { cutTables } from '../../src/report/markdown.js';
import { countMarker, reportMarker } from '../../src/report/marker.js';
import { compareFigure } from '../../src/report/model.js';
import { renderReport } from '../../src/report/render-report.js';
import { loadResults } from '../../src/report/load-results.js';
import { cli } from '../helpers/cli.js';
import {
  DEMO_BASE,
  HOSTILE,
  demoResults,
  editResult,
  resultsDir,
  wideDriftResult,
} from '../helpers/report-fixtures.js';

/** GitHub-flavoured Markdown to HTML, as GitHub's renderer does (tables, autolinks, strikethrough, tag filter). */
function gfm(markdown: string): string {
  return execFileSync(
    'cmark-gfm',
    ['--unsafe', '-e', 'table', '-e', 'strikethrough', '-e', 'autolink', '-e', 'tagfilter'],
    {
      input: markdown,
      encoding: 'utf8',
    },
  );
}

const JOINER = /\u2060/g;

describe('escapeMarkdown', () => {
  test.each([
    HOSTILE,
    '[click](https://evil.example/x) ![img](http://evil.example/i.png)',
    'see www.evil.example and http://evil.example and mail me@evil.example',
    '`code` *bold* _it_ ~~del~~ $x$ | pipe \\ backslash',
    'fixes #12, GH-13 and other/repo#14; cc @dana-ds @acme-ml/ml-team',
    '# heading',
    '- list item',
    '1. numbered',
    '<script>alert(1)</script><!-- hidden -->',
    'line one\nline two\r\n\u202eevil\u200b',
  ])('%j renders as its own plain text, with no markup, link or mention', (text) => {
    const html = gfm(`| a |\n| --- |\n| ${escapeMarkdown(text)} |\n\n${escapeMarkdown(text)}\n`);
    expect(html).not.toMatch(/<(?!\/?(table|thead|tbody|tr|th|td|p)\b)[a-z!/]/i);
    const cells = [...html.matchAll(/<td>(.*?)<\/td>|<p>(.*?)<\/p>/gs)].map((m) => m[1] ?? m[2]);
    const decode = (s: string) =>
      s
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&amp;/g, '&');
    const plain = text.replace(/[\r\n]+/g, ' ').replace(/[\u202e\u200b]/g, '');
    for (const cell of cells) expect(decode(cell).replace(JOINER, '')).toBe(plain);
    // GitHub finds mentions and references in the rendered text: a joiner follows every @ and #.
    for (const cell of cells) expect(decode(cell)).not.toMatch(/[@#][\w-]/);
  });

  test('escapeHtml leaves no tag and no comment', () => {
    expect(escapeHtml(HOSTILE)).toBe(
      '&lt;/details&gt;&lt;img src=x onerror=alert(1)&gt; @org/team &lt;!-- model-ci --&gt;',
    );
  });
});

describe('the PR comment', () => {
  test('a hostile column name renders inert: details balanced, no image, no mention, one marker', async () => {
    const drift = await wideDriftResult(6);
    const dir = resultsDir([drift]);
    const { comment } = renderReport({
      results: dir,
      links: { html: { label: 'report.html', url: 'https://example.test/a/1' } },
    });
    expect(countMarker(comment.body, reportMarker('model-ci'))).toBe(1);
    expect(comment.body).not.toContain('<!-- model-ci -->');
    const html = gfm(comment.body);
    expect(html).not.toMatch(/<img/i);
    expect(html.match(/<details/g)?.length).toBe(html.match(/<\/details>/g)?.length);
    expect(html.replace(JOINER, '')).toContain(
      '&lt;/details&gt;&lt;img src=x onerror=alert(1)&gt; @org/team &lt;!-- model-ci --&gt;',
    );
    expect(html).not.toMatch(/@org/);
    // The only links are the report's own.
    expect([...html.matchAll(/<a href="([^"]*)"/g)].map((m) => m[1])).toEqual(['https://example.test/a/1']);
  });

  test('the demo with base results shows the key figures and their changes', () => {
    const head = demoResults();
    editResult(head, 'gate.json', (r) => {
      (r.metrics.roc_auc as Record<string, number>).candidate = 0.8187;
    });
    editResult(head, 'drift.json', (r) => {
      r.status = 'warn';
      (r.details as { drifted_columns: string[] }).drifted_columns = ['monthly_charges'];
    });
    editResult(head, 'smoke.json', (r) => {
      r.metrics.latency_p95_ms = 0.92;
    });
    const base = demoResults();
    editResult(base, 'smoke.json', (r) => {
      r.metrics.latency_p95_ms = 1;
    });
    const { comment, model } = renderReport({ results: head, baseResults: base });
    expect(model.status).toBe('warn');
    const lines = comment.body.split('\n');
    expect(lines).toContain('| check | status | key figure | vs base |');
    expect(lines).toContain('| Metric gate | ✅ pass | AUC 0.8187 | +0.07828 🟢 |');
    expect(lines).toContain('| Inference smoke test | ✅ pass | p95 0.92 ms | −8% 🟢 |');
    expect(lines).toContain(
      '| Data drift | ⚠️ warn | drifted columns 1 | +1 🔴 (new: monthly&#95;charges) |',
    );
    expect(lines).toContain('### ⚠️ model-ci: 1 warning, 6 passed');
    // failures open, passes closed
    expect(comment.body).toContain('<details><summary>✅ Metric gate:');
    editResult(head, 'gate.json', (r) => {
      r.status = 'fail';
    });
    expect(renderReport({ results: head }).comment.body).toContain('<details open><summary>❌ Metric gate:');
  });

  test('a 1,500-column drift report shrinks in the stated order and says so', async () => {
    const dir = resultsDir([await wideDriftResult(1500)]);
    const { comment, html } = renderReport({
      results: dir,
      links: { html: { label: 'report.html', url: 'https://example.test/a/1' } },
    });
    expect(comment.body.length).toBeLessThanOrEqual(65_536);
    expect(comment.shrunk).toEqual(['tables cut to 100 rows']);
    expect(comment.body).toContain('_… 1400 more rows in the HTML report._');
    expect(html).toContain('feature_1499');
    const rendered = gfm(comment.body);
    expect(rendered.match(/<details/g)?.length).toBe(rendered.match(/<\/details>/g)?.length);
  });

  test('cutTables keeps header and delimiter, ignores fenced code, and leaves a blank line before its note', () => {
    const md = [
      '| a |',
      '| --- |',
      '| 1 |',
      '| 2 |',
      '| 3 |',
      'after',
      '```',
      '| x |',
      '| --- |',
      '| y |',
      '| z |',
      '```',
    ].join('\n');
    expect(cutTables(md, 1, 'in the HTML report')).toBe(
      [
        '| a |',
        '| --- |',
        '| 1 |',
        '',
        '_… 2 more rows in the HTML report._',
        'after',
        '```',
        '| x |',
        '| --- |',
        '| y |',
        '| z |',
        '```',
      ].join('\n'),
    );
  });
});

describe('deltas', () => {
  test.each([
    [
      { label: 'AUC', value: 0.8307, better: 'higher' as const },
      { label: 'AUC', value: 0.8187 },
      '+0.012',
      'better',
    ],
    [
      { label: 'p95', value: 0.644, unit: 'ms', change: 'relative' as const, better: 'lower' as const },
      { label: 'p95', value: 0.7 },
      '−8%',
      'better',
    ],
    [
      { label: 'log loss', value: 0.5, better: 'lower' as const },
      { label: 'log loss', value: 0.4 },
      '+0.1',
      'worse',
    ],
    [
      { label: 'rows', value: 1000, change: 'relative' as const },
      { label: 'rows', value: 1000 },
      '±0%',
      'same',
    ],
  ])('%j against %j', (head, base, change, verdict) => {
    const c = compareFigure(head, base);
    expect(c.change).toBe(change);
    expect(c.verdict).toBe(verdict);
  });

  test('members: which are new and which are gone', () => {
    const c = compareFigure(
      { label: 'drifted columns', value: 2, members: ['a', 'monthly_charges'] },
      { label: 'drifted columns', value: 2, members: ['a', 'age'] },
    );
    expect(c).toMatchObject({ change: '±0', added: ['monthly_charges'], removed: ['age'] });
  });
});

describe('reading a results folder', () => {
  test('a foreign, a broken and an escaping file are named and skipped; results in sub-folders are read', () => {
    const dir = demoResults();
    writeFileSync(join(dir, 'package.json'), '{"name": "x"}');
    writeFileSync(join(dir, 'broken.json'), '{"schema": "model-ci/result@1", ');
    mkdirSync(join(dir, 'shard-1'));
    writeFileSync(join(dir, 'shard-1', 'gate.json'), readFileSync(join(DEMO_BASE, 'gate.json')));
    const outside = mkdtempSync(join(tmpdir(), 'outside-'));
    writeFileSync(join(outside, 'secret.json'), toJsonText({ token: 'x' }));
    symlinkSync(join(outside, 'secret.json'), join(dir, 'link.json'));
    const loaded = loadResults(dir);
    expect(loaded.results.map((r) => r.file)).toEqual([
      'cost.json',
      'data.json',
      'drift.json',
      'gate.json',
      'metrics-baseline.json',
      'metrics-candidate.json',
      'shard-1/gate.json',
      'smoke.json',
    ]);
    expect(loaded.warnings).toEqual([
      'link.json: a link that leads out of results folder; skipped',
      'broken.json:1:33: invalid JSON: unexpected end of input (expected a property name in double quotes) (not a model-ci result; skipped)',
      'package.json: $.schema: expected "model-ci/result@1", got no "schema" property (not a model-ci result file) (not a model-ci result; skipped)',
    ]);
  });
});

describe('model-ci report', () => {
  test('writes the comment and the HTML report, and never over a result file', async () => {
    const dir = demoResults();
    const out = mkdtempSync(join(tmpdir(), 'out-'));
    const ok = await cli([
      'report',
      '--results',
      dir,
      '--base-results',
      DEMO_BASE,
      '--markdown',
      join(out, 'c.md'),
      '--html',
      join(out, 'r.html'),
    ]);
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    expect(readFileSync(join(out, 'c.md'), 'utf8')).toMatch(/^<!-- model-ci:report id=model-ci -->\n/);
    expect(readFileSync(join(out, 'r.html'), 'utf8')).toMatch(/^<!DOCTYPE html>/);
    const clobber = await cli(['report', '--results', dir, '--markdown', join(dir, 'gate.json')]);
    expect(clobber.code).toBe(2);
    expect(clobber.stderr).toMatch(/--markdown .*gate\.json is one of the input files/);
    expect(JSON.parse(readFileSync(join(dir, 'gate.json'), 'utf8')).check).toBe('gate');
  });

  test('an empty folder, a missing folder and no output are usage errors', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'empty-'));
    expect(await cli(['report', '--results', empty, '--html', join(empty, 'r.html')])).toMatchObject({
      code: 2,
      stderr: `model-ci: error: ${empty}: no model-ci result files in the folder; nothing to report\n`,
    });
    expect((await cli(['report', '--results', join(empty, 'nope'), '--html', 'x.html'])).stderr).toBe(
      `model-ci: error: results folder ${join(empty, 'nope')}: no such folder\n`,
    );
    expect((await cli(['report', '--results', empty])).stderr).toBe(
      'model-ci: error: report: give --markdown FILE, --html FILE or both; otherwise nothing is written\n',
    );
  });
});
