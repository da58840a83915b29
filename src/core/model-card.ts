/**
 * The model card of a repository: which file it is (MODEL_CARD.md, modelcard.md, else the README), the
 * fields a card must have (Mitchell et al., 2019; the Hugging Face model card template), and a short
 * summary of it — the first paragraph of each field's section — for a release's notes. Shared by the lint
 * check (which asks whether the fields are there) and the release (which quotes them). Pure functions over
 * names and text; callers read the files. The text is a repository's and may come from a pull request:
 * callers escape it where they show it.
 */
import { parseYamlSource, yamlToJs } from './yaml-source.js';

const README = /^readme(\.(md|markdown|rst|txt))?$/i;
const MODEL_CARD = /^(model[_-]?card|modelcard)(\.(md|markdown))?$/i;

/** The README among a folder's file names, if any. */
export function findReadme(names: readonly string[]): string | undefined {
  return names.find((n) => README.test(n));
}

/** A dedicated model card (MODEL_CARD.md, model-card.md, modelcard.md) among a folder's names, if any. */
export function findModelCard(names: readonly string[]): string | undefined {
  return names.find((n) => MODEL_CARD.test(n));
}

/** The fields a model card needs, as headings, front-matter keys or `Field:` lines may name them. */
export const CARD_FIELDS: readonly { field: string; pattern: RegExp }[] = [
  {
    field: 'intended use',
    pattern: /intended[\s_-]*(use|uses|purpose)|\buses\b|use[\s_-]cases?|direct[\s_-]use|how to use|usage/i,
  },
  {
    field: 'training data',
    pattern: /training[\s_-]*(data|set|dataset|procedure)|\bdatasets?\b|\bdata\b/i,
  },
  { field: 'evaluation', pattern: /evaluation|\beval\b|results|\bmetrics?\b|performance|model[\s_-]index/i },
  { field: 'limitations', pattern: /limitations?|\bbias|\brisks?\b|caveats|out[\s_-]of[\s_-]scope|ethical/i },
  { field: 'license', pattern: /licen[cs]e/i },
];

export interface CardSummary {
  /** The first `#` heading, if any. */
  title?: string;
  /** Each card field that has a section (or a front-matter value), in {@link CARD_FIELDS} order. */
  fields: { field: string; text: string }[];
}

/** `**bold**`, `_em_`, `` `code` ``, `[text](url)` and `<tags>` reduced to their text, blanks collapsed. */
export function plainText(markdown: string): string {
  return markdown
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<[^>]{0,200}>/g, '')
    .replace(/(\*\*|__)(.+?)\1/g, '$2')
    .replace(/(^|[\s(])[*_]([^*_\s][^*_]*?)[*_](?=$|[\s).,;:!?])/g, '$1$2')
    .replace(/`([^`]*)`/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

function frontMatter(lines: string[]): { values: Record<string, unknown>; end: number } {
  if (lines[0]?.trim() !== '---') return { values: {}, end: 0 };
  const close = lines.findIndex((l, i) => i > 0 && l.trim() === '---');
  if (close < 0) return { values: {}, end: 0 };
  try {
    const doc = yamlToJs(parseYamlSource(lines.slice(1, close).join('\n'), 'front matter'));
    return {
      values: doc && typeof doc === 'object' && !Array.isArray(doc) ? (doc as Record<string, unknown>) : {},
      end: close + 1,
    };
  } catch {
    return { values: {}, end: close + 1 };
  }
}

interface Heading {
  line: number;
  level: number;
  label: string;
}

/** The first paragraph at or after `from` and before `to` (headings, fences, tables and rules skipped). */
function firstParagraph(lines: readonly string[], from: number, to: number): string {
  let fence = false;
  const para: string[] = [];
  for (let i = from; i < to; i++) {
    const line = lines[i];
    if (/^\s*(```|~~~)/.test(line)) {
      fence = !fence;
      if (para.length) break;
      continue;
    }
    if (fence) continue;
    const skip = /^\s{0,3}(#{1,6}\s|\||(-{3,}|\*{3,}|={3,})\s*$)/.test(line);
    if (line.trim() === '' || skip) {
      if (para.length) break;
      continue;
    }
    para.push(line.replace(/^\s*([-*+]|\d+[.)])\s+/, ''));
  }
  return plainText(para.join(' '));
}

/**
 * The card's title and the first paragraph of each field's section, each at most `maxChars` characters
 * (cut with `…`). A front-matter `license:` counts for the license field.
 */
export function cardSummary(text: string, maxChars = 300): CardSummary {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const fm = frontMatter(lines);
  const headings: Heading[] = [];
  let fence = false;
  for (let i = fm.end; i < lines.length; i++) {
    if (/^\s*(```|~~~)/.test(lines[i])) fence = !fence;
    if (fence) continue;
    const h = /^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$/.exec(lines[i]);
    if (h) headings.push({ line: i, level: h[1].length, label: plainText(h[2]) });
  }
  const cut = (s: string) => ([...s].length > maxChars ? [...s].slice(0, maxChars - 1).join('') + '…' : s);
  const fields: CardSummary['fields'] = [];
  for (const { field, pattern } of CARD_FIELDS) {
    const h = headings.find((x) => pattern.test(x.label));
    let body = '';
    if (h) {
      const next = headings.find((x) => x.line > h.line && x.level <= h.level);
      body = firstParagraph(lines, h.line + 1, next ? next.line : lines.length);
    }
    if (!body && field === 'license') {
      const license = fm.values.license;
      if (typeof license === 'string') body = license;
      else if (Array.isArray(license)) body = license.filter((x) => typeof x === 'string').join(', ');
    }
    if (body) fields.push({ field, text: cut(body) });
  }
  const title = headings.find((h) => h.level === 1)?.label;
  return { ...(title ? { title: cut(title) } : {}), fields };
}
