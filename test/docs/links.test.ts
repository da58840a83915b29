import { describe, expect, test } from '@jest/globals';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { parse } from 'yaml';
import { ROOT } from '../helpers/run-bundle.js';
import { docFiles } from './doc-files.js';

// The documents stand alone: every relative link in README.md, docs/*.md and the action.yml descriptions
// resolves to a file in the repository, and every #fragment to a heading there (GitHub's anchors).

/** Fenced code blocks and inline code spans blanked out: a `[x](y)` inside code is not a link. */
function withoutCode(text: string): string {
  return text
    .replace(/^( {0,3})(`{3,}|~{3,})[^\n]*\n[\s\S]*?^\1\2[^\n]*$/gm, (m) => m.replace(/[^\n]/g, ' '))
    .replace(/(`+)(?!`)[\s\S]*?[^`]\1(?!`)/g, (m) => ' '.repeat(m.length));
}

/** Link targets: inline `[text](target "title")`, images, reference definitions `[x]: target`, `href="…"`. */
export function linkTargets(markdown: string): { target: string; line: number }[] {
  const text = withoutCode(markdown);
  const out: { target: string; line: number }[] = [];
  const lineAt = (i: number) => text.slice(0, i).split('\n').length;
  for (const m of text.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g))
    out.push({ target: m[1], line: lineAt(m.index) });
  for (const m of text.matchAll(/^ {0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/gm))
    out.push({ target: m[1], line: lineAt(m.index) });
  for (const m of text.matchAll(/\bhref="([^"]+)"/g)) out.push({ target: m[1], line: lineAt(m.index) });
  return out;
}

/**
 * GitHub's heading anchors: the heading's text (inline markup removed) in lower case, every character that
 * is not a letter, digit, space, `-` or `_` dropped, spaces to `-`; a repeated slug gets `-1`, `-2`, ….
 * Explicit `<a id="…">`/`name="…"` anchors count too.
 */
export function anchorsOf(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const anchors = new Set<string>();
  const text = markdown.replace(/^( {0,3})(`{3,}|~{3,})[^\n]*\n[\s\S]*?^\1\2[^\n]*$/gm, '');
  for (const m of text.matchAll(/^ {0,3}#{1,6}[ \t]+(.*?)[ \t#]*$/gm)) {
    const plain = m[1]
      .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1') // links and images: their text
      .replace(/<[^>]+>/g, '') // inline HTML
      .replace(/[`*]/g, '') // code and emphasis markers (`_` stays, as on GitHub)
      .toLowerCase();
    const base = plain.replace(/[^\p{L}\p{N}\p{M} _-]/gu, '').replace(/ /g, '-');
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    anchors.add(n === 0 ? base : `${base}-${n}`);
  }
  for (const m of markdown.matchAll(/<a\s+(?:id|name)="([^"]+)"/g)) anchors.add(m[1]);
  return anchors;
}

/** Why `target` (a link in `file`, relative to the repository root) does not resolve, or undefined. */
export function brokenLink(file: string, target: string): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('//')) return undefined; // https:, mailto:
  const hash = target.indexOf('#');
  const path = decodeURIComponent(hash >= 0 ? target.slice(0, hash) : target);
  const fragment = hash >= 0 ? decodeURIComponent(target.slice(hash + 1)) : undefined;
  const resolved = path === '' ? join(ROOT, file) : join(ROOT, dirname(file), path.replace(/^\//, ''));
  if (path.startsWith('/'))
    return `${target}: links from the site root do not work on GitHub; use a relative path`;
  if (!existsSync(resolved)) return `${target}: no such file ${relative(ROOT, resolved)}`;
  if (fragment === undefined || fragment === '') return undefined;
  if (statSync(resolved).isDirectory() || !resolved.endsWith('.md'))
    return `${target}: a #fragment on a file that has no headings`;
  const anchors = anchorsOf(readFileSync(resolved, 'utf8'));
  return anchors.has(fragment)
    ? undefined
    : `${target}: no heading "#${fragment}" in ${relative(ROOT, resolved)}`;
}

describe('relative links resolve', () => {
  test("the anchor rule is GitHub's", () => {
    const a = anchorsOf(
      '# Data quality: profiles, expectation suites\n## 1. Reading CSV files\n### `--out` FILE\n## Notes\n## Notes\n',
    );
    expect([...a]).toEqual([
      'data-quality-profiles-expectation-suites',
      '1-reading-csv-files',
      '--out-file',
      'notes',
      'notes-1',
    ]);
  });

  test('a broken file, a broken anchor and a link in code are told apart', () => {
    const md =
      'See [a](docs/nope.md), [b](docs/gate.md#no-such-heading), [c](docs/gate.md#semantics), `[d](x.md)`\n';
    const broken = linkTargets(md)
      .map((l) => brokenLink('README.md', l.target))
      .filter(Boolean);
    expect(broken).toEqual([
      'docs/nope.md: no such file docs/nope.md',
      'docs/gate.md#no-such-heading: no heading "#no-such-heading" in docs/gate.md',
    ]);
  });

  test('the documents have relative links and anchors to check (the extractor works)', () => {
    const all = docFiles().flatMap(([, text]) => linkTargets(text).map((l) => l.target));
    const relative = all.filter((t) => !/^[a-z]+:/i.test(t));
    expect(relative.length).toBeGreaterThan(30);
    expect(relative.filter((t) => t.includes('#')).length).toBeGreaterThan(10);
  });

  test.each(docFiles())('%s', (file, text) => {
    const broken = linkTargets(text)
      .map((l) => ({ line: l.line, why: brokenLink(file, l.target) }))
      .filter((l) => l.why)
      .map((l) => `${file}:${l.line}: ${l.why}`);
    expect(broken).toEqual([]);
  });

  test('links in action.yml descriptions', () => {
    const files = ['action.yml', ...readdirSync(join(ROOT, 'actions')).map((a) => `actions/${a}/action.yml`)];
    const broken: string[] = [];
    for (const file of files) {
      const yml = parse(readFileSync(join(ROOT, file), 'utf8')) as {
        description?: string;
        inputs?: Record<string, { description?: string }>;
        outputs?: Record<string, { description?: string }>;
      };
      const texts = [
        yml.description,
        ...Object.values(yml.inputs ?? {}).map((i) => i.description),
        ...Object.values(yml.outputs ?? {}).map((o) => o.description),
      ];
      for (const t of texts)
        for (const l of linkTargets(t ?? '')) {
          const why = brokenLink(file, l.target);
          if (why) broken.push(`${file}: ${why}`);
        }
    }
    expect(broken).toEqual([]);
  });

  test('the documents cite docs/statistics.md, and no file that is not in the repository', () => {
    for (const [file, text] of docFiles()) expect(`${file}: ${text}`).not.toMatch(/STATISTICS\.md/);
    expect(docFiles().some(([, t]) => /statistics\.md/.test(t))).toBe(true);
  });
});
