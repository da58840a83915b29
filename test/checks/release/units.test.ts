/**
 * The release's pure parts, as tables: Conventional Commits and the bump they ask for, labels, tags and
 * versions, tag prefixes, the model card summary, the notes' metric table, and the presenter on hostile
 * results (a results folder may come from a fork's artifact).
 */
import { describe, expect, test } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderBody, releaseMetrics } from '../../../src/checks/release/body.js';
import { commitBump, labelBump, parseCommit } from '../../../src/checks/release/commits.js';
import { checkRepository, checkTagPrefix } from '../../../src/checks/release/options.js';
import { releasePresenter } from '../../../src/checks/release/present.js';
import { bundlePathFor } from '../../../src/checks/release/release.js';
import { classifyTags, parseVersion } from '../../../src/checks/release/version.js';
import { cardSummary } from '../../../src/core/model-card.js';
import type { CheckResult } from '../../../src/core/result.js';
import { presenterFor } from '../../../src/report/presenters.js';
import { renderReport } from '../../../src/report/render-report.js';
import { FileGuard } from '../../../src/core/file-guard.js';
import { HOSTILE } from '../../helpers/report-fixtures.js';
import { imageResult } from '../../helpers/release-fixtures.js';
import { ROOT } from '../../helpers/run-bundle.js';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { toJsonText } from '../../../src/core/result.js';

const sha = 'a'.repeat(40);

/** GitHub's renderer (Debian's cmark-gfm, with GitHub's extensions and tag filter). */
function gfm(markdown: string): string {
  return execFileSync('cmark-gfm', ['--unsafe', '-e', 'table', '-e', 'autolink', '-e', 'tagfilter'], {
    input: markdown,
    encoding: 'utf8',
  });
}

describe('Conventional Commits', () => {
  test.each([
    ['feat: add x', { type: 'feat', subject: 'add x', bump: 'minor', breaking: false, conventional: true }],
    ['fix(data): nulls', { type: 'fix', scope: 'data', subject: 'nulls', bump: 'patch' }],
    ['perf: faster', { type: 'perf', bump: 'patch' }],
    ['feat!: new schema', { type: 'feat', breaking: true, bump: 'major', breakingNotes: ['new schema'] }],
    ['chore(deps)!: drop node 18', { type: 'chore', breaking: true, bump: 'major' }],
    [
      'docs: x\n\nBREAKING CHANGE: the card moved',
      { type: 'docs', breaking: true, bump: 'major', breakingNotes: ['the card moved'] },
    ],
    ['fix: y\n\nBREAKING-CHANGE: z', { breaking: true, bump: 'major' }],
    [
      'Merge pull request #12 from acme/retrain\n\nfeat: retrain on December data',
      { type: 'feat', subject: 'retrain on December data', bump: 'minor' },
    ],
    ['chore: lint', { type: 'chore', conventional: true }],
    ['Retrain the model', { conventional: false, subject: 'Retrain the model' }],
    ['feat:no space', { conventional: false }],
    ['', { conventional: false, subject: '' }],
  ])('%j', (message, expected) => {
    expect(parseCommit({ sha, message })).toMatchObject(expected);
  });

  test('the bump of a list of commits, in words', () => {
    const c = (m: string) => parseCommit({ sha, message: m });
    expect(commitBump([c('fix: a'), c('feat: b'), c('feat: c')])).toEqual({
      bump: 'minor',
      reason: 'minor: 2 feat commits, 1 fix commit',
    });
    expect(commitBump([c('fix: a'), c('feat!: b')])).toEqual({
      bump: 'major',
      reason: 'major: 1 breaking change, 1 fix commit',
    });
    expect(commitBump([c('docs: a'), c('x')])).toEqual({
      reason: '2 commits, none of them a fix, feat or breaking change',
    });
    expect(commitBump([])).toEqual({ reason: 'no commits' });
  });

  test.each([
    ['release:major', 'major'],
    ['Release: Minor', 'minor'],
    ['release:patch', 'patch'],
    ['release:huge', undefined],
    ['bug', undefined],
  ])('label %j -> %s', (label, bump) => {
    expect(labelBump(label)).toBe(bump);
  });
});

describe('tags and versions', () => {
  test('release tags sorted by version, floating majors apart, the rest warned about', () => {
    const t = (name: string) => ({ name, commit: sha });
    const c = classifyTags(
      [
        'model-v1.2.0',
        'model-v1.10.0',
        'model-v2.0.0-rc.1',
        'model-v1',
        'model-v01.2.3',
        'model-vnext',
        'v3.0.0',
      ].map(t),
      'model-v',
    );
    expect(c.releases.map((r) => r.name)).toEqual(['model-v2.0.0-rc.1', 'model-v1.10.0', 'model-v1.2.0']);
    expect(c.floating.map((r) => r.name)).toEqual(['model-v1']);
    expect(c.ignored).toHaveLength(2);
    expect(c.ignored[0]).toMatch(/^tag model-v01\.2\.3 is not model-vX\.Y\.Z/);
  });

  test.each([
    ['1.2.3', '1.2.3'],
    ['v2.0.0', '2.0.0'],
    ['2.0.0-rc.1', '2.0.0-rc.1'],
  ])('version %j -> %s', (text, v) => expect(parseVersion(text, '--version')).toBe(v));

  test.each(['1.2', 'latest', '01.2.3', 'v', '1.2.3 '.repeat(2)])('version %j is refused', (text) => {
    expect(() => parseVersion(text, '--version')).toThrow(/is not a semantic version/);
  });

  test.each(['model-v', 'v', 'churn/v', 'models/churn-v', 'release-'])('tag prefix %j is accepted', (p) => {
    expect(checkTagPrefix(p, '--tag-prefix')).toBe(p);
  });

  test.each([
    '',
    '-v',
    '../v',
    'a..b',
    'a//b',
    'x.lock/',
    'a b',
    'a~1',
    'a^',
    'a:b',
    'a\\b',
    'a@{1}',
    'refs/',
  ])('tag prefix %j is refused', (p) => {
    expect(() => checkTagPrefix(p, '--tag-prefix')).toThrow(/is not a usable tag prefix/);
  });

  test('repositories and bundle paths', () => {
    expect(checkRepository('acme-ml/churn.model', 'x')).toEqual({ owner: 'acme-ml', repo: 'churn.model' });
    expect(() => checkRepository('acme-ml/../x', 'x')).toThrow('x: expected OWNER/REPO');
    expect(() => checkRepository('acme', 'x')).toThrow('x: expected OWNER/REPO');
    expect(bundlePathFor('/o/provenance.json')).toBe('/o/provenance.sigstore.json');
    expect(bundlePathFor('/o/prov')).toBe('/o/prov.sigstore.json');
  });
});

describe('the model card summary', () => {
  test("the demo's README: title and the five fields' first paragraphs", () => {
    const card = cardSummary(readFileSync(join(ROOT, 'workflows-examples/demo/README.md'), 'utf8'));
    expect(card.title).toBe('Demo model repository: customer churn');
    expect(card.fields.map((f) => f.field)).toEqual([
      'intended use',
      'training data',
      'evaluation',
      'limitations',
      'license',
    ]);
    expect(card.fields[0].text).toBe(
      'Demonstrating model-ci end to end. The model predicts churn of synthetic customers; it is not meant for decisions about real people.',
    );
  });

  test('a Hugging Face card: license from the front matter, nested sections, long text cut', () => {
    const text = [
      '---',
      'license: apache-2.0',
      'datasets: [churn]',
      '---',
      '# Churn classifier',
      '## Uses',
      '### Direct Use',
      '',
      '**Scoring** accounts [weekly](https://x.example). ' + 'word '.repeat(100),
      '## Bias, Risks, and Limitations',
      '```',
      'code is skipped',
      '```',
      '- only EU customers',
    ].join('\n');
    const card = cardSummary(text, 80);
    expect(card.title).toBe('Churn classifier');
    expect(card.fields).toEqual([
      { field: 'intended use', text: expect.stringMatching(/^Scoring accounts weekly\. word word .*…$/) },
      { field: 'limitations', text: 'only EU customers' },
      { field: 'license', text: 'apache-2.0' },
    ]);
    expect([...card.fields[0].text].length).toBe(80);
  });

  test('an alias bomb in the front matter is ignored, not expanded', () => {
    const bomb = [
      '---',
      'a: &a [x, x, x, x, x, x, x, x, x]',
      ...'bcdefghij'
        .split('')
        .map(
          (k, i) =>
            `${k}: &${k} [*${i ? 'bcdefghij'[i - 1] : 'a'}, *${i ? 'bcdefghij'[i - 1] : 'a'}, *${i ? 'bcdefghij'[i - 1] : 'a'}, *${i ? 'bcdefghij'[i - 1] : 'a'}]`,
        ),
      'license: mit',
      '---',
      '# T',
    ].join('\n');
    expect(cardSummary(bomb).title).toBe('T');
  });
});

describe('the notes and the presenter', () => {
  const result = (details: Record<string, unknown>, extra: Partial<CheckResult> = {}): CheckResult => ({
    schema: 'model-ci/result@1',
    check: 'release',
    status: 'pass',
    title: 'Model release',
    summary: 'Released model-v1.1.0',
    metrics: {},
    findings: [],
    details,
    inputs: {},
    startedAt: '2026-12-01T09:00:00.000Z',
    durationMs: 1,
    tool: { name: 'model-ci', version: '0.1.0' },
    ...extra,
  });

  test("the metric rows: the gate's candidate values, smoke latency, image size", () => {
    const gate = result(
      {},
      {
        check: 'gate',
        metrics: { roc_auc: { baseline: 0.7, candidate: 0.8 }, log_loss: { candidate: 0.4 } },
      },
    );
    const rows = releaseMetrics([gate, imageResult()]);
    expect(rows).toEqual([
      { label: 'roc_auc', value: 0.8, better: 'higher' },
      { label: 'log_loss', value: 0.4, better: 'lower' },
      { label: 'image size (MB)', value: 44.005381, better: 'lower' },
    ]);
  });

  test('hostile text in commits, cards and results is inert in the notes', () => {
    const body = renderBody({
      tag: 'model-v1.1.0',
      version: '1.1.0',
      commit: sha,
      previousTag: 'model-v1.0.0',
      webUrl: 'https://github.com/acme-ml/churn',
      bumpReason: 'minor: 1 feat commit',
      card: { title: HOSTILE, fields: [{ field: 'intended use', text: HOSTILE }], file: 'README.md' },
      results: [result({}, { check: 'gate', summary: HOSTILE, name: HOSTILE })],
      changes: [parseCommit({ sha, message: `feat(${HOSTILE}): ${HOSTILE}` })],
      changesTruncated: false,
      forced: [],
      data: [{ file: 'data/`x`.csv', quality: HOSTILE }],
      provenance: { modelFiles: 2, image: true, signed: true, note: '' },
      report: { url: 'https://github.com/acme-ml/churn/actions/runs/1 (x)', label: 'run' },
      assets: ['gate.json'],
    });
    expect(body).not.toContain('</details>');
    expect(body).not.toContain('<img');
    expect(body).not.toContain('<!--');
    expect(body).not.toMatch(/@org/);
    expect(body).toContain('https://github.com/acme-ml/churn/actions/runs/1%20%28x%29');
  });

  test('the presenter escapes every value and links only http(s)', () => {
    const md = releasePresenter.markdown(
      result(
        {
          version: HOSTILE,
          tag: `model-v1.0.0\`</details>`,
          previous_tag: '',
          commit: sha,
          reason: HOSTILE,
          release_url: 'javascript:alert(1)',
          actions: [HOSTILE],
          subjects: [{}],
          signing: HOSTILE,
        },
        { summary: HOSTILE, findings: [{ id: 'release/x', severity: 'warning', message: HOSTILE }] },
      ),
    );
    expect(md.startsWith('### ✅ Model release')).toBe(true);
    expect(md).not.toContain('javascript:');
    // Rendered as GitHub renders it: no element, comment or mention comes out of the values, and the
    // table keeps its two columns (code spans hold the raw text, which is inert there).
    const html = gfm(`<details><summary>x</summary>\n\n${md}\n</details>\n`);
    expect(html).not.toMatch(/<img|<!--|<\/details>[\s\S]*<\/details>/);
    const rows = (html.match(/<tr>[\s\S]*?<\/tr>/g) ?? []).filter((row) => row.includes('<td>'));
    expect(rows.length).toBeGreaterThan(5);
    expect(rows.every((row) => (row.match(/<td>/g) ?? []).length === 2)).toBe(true);
    expect(html.replace(/<code>[\s\S]*?<\/code>/g, '')).not.toMatch(/@org/);
    const page = releasePresenter.html!(result({ tag: HOSTILE, release_url: 'https://x.example/r' }));
    expect(page).not.toContain('<img');
    expect(page).toContain('<a href="https://x.example/r">');
  });

  test('the report renders a release result with its presenter', () => {
    expect(presenterFor('release')).toBe(releasePresenter);
    const dir = mkdtempSync(join(tmpdir(), 'results-'));
    writeFileSync(
      join(dir, 'release.json'),
      toJsonText(
        result({
          version: '1.1.0',
          tag: 'model-v1.1.0',
          previous_tag: 'model-v1.0.0',
          commit: sha,
          release_url: 'https://github.com/acme-ml/churn/releases/tag/model-v1.1.0',
        }),
      ),
    );
    const report = renderReport({ results: dir, id: 'model-ci', files: new FileGuard(dir) });
    expect(report.comment.body).toContain('Model release');
    expect(report.comment.body).toContain('| tag | `model-v1.1.0` |');
    expect(report.html).toContain('model-v1.1.0');
  });
});
