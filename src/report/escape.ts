/**
 * Text that may come from a pull request (column names, file names, messages quoting data, values) made
 * inert where the report shows it.
 *
 * On GitHub a comment is rendered in two stages: cmark-gfm turns the Markdown into HTML, then filters walk
 * the HTML's *text* (entities already decoded) and turn `@user`, `@org/team`, `#12`, `GH-12` and
 * `owner/repo#12` into mentions and cross-references. Entities alone therefore stop Markdown and HTML but
 * not a mention: `&#64;org/team` is decoded back to `@org/team` and the team is pinged. So:
 * - every character Markdown or HTML could act on becomes an entity (`<` `>` `&` `|` `` ` `` `*` `_` `[`
 *   `]` `\` `~` `$` `"` `'`), which also means the text cannot open or close a tag (`</details>`), start an
 *   HTML comment (a forged `<!-- model-ci … -->` marker), break a table or start a link;
 * - `@`, `#` and the `GH-` prefix are followed by a WORD JOINER (U+2060, invisible, no line break), so no
 *   mention or reference pattern matches; `://` and `www.` are broken the same way, so nothing autolinks;
 * - line breaks and tabs become spaces, other control characters, zero-width characters and bidirectional
 *   overrides are removed (they could hide text or make it read differently from what it is);
 * - a leading `-`, `+`, `=` or `1.` cannot start a list or a heading underline.
 * What a reader sees is the original text, less the removed invisible characters.
 */

const JOINER = '\u2060';

const ENTITY: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '|': '&#124;',
  '`': '&#96;',
  '*': '&#42;',
  _: '&#95;',
  '[': '&#91;',
  ']': '&#93;',
  '\\': '&#92;',
  '~': '&#126;',
  $: '&#36;',
};

// C0/C1 controls (except the blanks handled first), zero-width characters and joiners, bidirectional
// embeddings, overrides and isolates, the BOM.
const INVISIBLE =
  // eslint-disable-next-line no-control-regex -- removing control characters is the point
  /[\u0000-\u001f\u007f-\u009f\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;

/** The entity for a Markdown/HTML character, or the pattern broken by a word joiner. */
function breakOne(m: string): string {
  if (ENTITY[m]) return ENTITY[m];
  if (m === '@' || m === '#') return `${m}${JOINER}`;
  if (m === '://') return `:${JOINER}//`;
  // `GH-` and `www.`: the joiner goes before the last character.
  return `${m.slice(0, -1)}${JOINER}${m.slice(-1)}`;
}

/** `text` with line breaks and tabs as spaces and every invisible or control character removed. */
export function stripInvisible(text: string): string {
  return text.replace(/[\r\n\t\u2028\u2029]+/g, ' ').replace(INVISIBLE, '');
}

/**
 * Escape PR-controlled text for a Markdown paragraph, heading, list item, table cell or `<summary>` on
 * GitHub (see the module comment for what it prevents).
 * @example escapeMarkdown('</details> @org/team') // "&lt;/details&gt; @\u2060org/team"
 */
export function escapeMarkdown(text: string): string {
  // One pass, so a joiner is never put inside an entity written by this function.
  let s = stripInvisible(text).replace(/[&<>"'|`*_[\]\\~$@#]|\bGH-|:\/\/|\bwww\./gi, breakOne);
  // A paragraph starting with these would become a list, a heading underline or a numbered list.
  s = s.replace(/^(\s*)([-+=])/, (_m, sp: string, c: string) => `${sp}&#${c.charCodeAt(0)};`);
  s = s.replace(/^(\s*\d{1,9})([.)])(?=\s|$)/, (_m, n: string, c: string) => `${n}&#${c.charCodeAt(0)};`);
  return s;
}

/**
 * Escape PR-controlled text for HTML element content or a quoted attribute value in the offline report.
 * Control and invisible characters are removed as for Markdown.
 * @example escapeHtml('<img src=x onerror=alert(1)>') // "&lt;img src=x onerror=alert(1)&gt;"
 */
export function escapeHtml(text: string): string {
  return stripInvisible(text).replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );
}

/**
 * At most `max` characters (code points) of `text`, with `…` when cut. Cut before escaping, so an entity
 * is never split.
 */
export function truncateText(text: string, max: number): string {
  const chars = [...text];
  return chars.length > max ? chars.slice(0, Math.max(0, max - 1)).join('') + '…' : text;
}
