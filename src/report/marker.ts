/**
 * The hidden markers of the sticky comment. A comment belongs to report `id` when it carries
 * `<!-- model-ci:report id=ID -->` exactly once (and was written by the token's identity; see
 * src/github/sticky-comment.ts). PR text can never produce a marker: every text from a result is escaped,
 * so it cannot contain `<`. Several workflows share one comment through sections, each between
 * `<!-- model-ci:section name=NAME state=HASH -->` and `<!-- model-ci:section-end name=NAME -->`; a
 * workflow replaces only its own section. `state` is a digest of the section's verdict and key figures,
 * which `comment-on: change` compares.
 */
import { InputError } from '../core/errors.js';

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** Check a report id or section name (used inside HTML comments, so only a safe alphabet). */
export function checkName(value: string, what: string): string {
  if (!NAME.test(value))
    throw new InputError(
      `${what} ${JSON.stringify(value)}: expected 1 to 64 letters, digits, ".", "_" or "-", starting with a letter or digit`,
    );
  return value;
}

/** The marker of report `id`: the first line of its comment. */
export function reportMarker(id: string): string {
  return `<!-- model-ci:report id=${id} -->`;
}

/** How many times `marker` appears in `body`. */
export function countMarker(body: string, marker: string): number {
  let n = 0;
  for (let i = body.indexOf(marker); i >= 0; i = body.indexOf(marker, i + marker.length)) n++;
  return n;
}

export interface Section {
  name: string;
  state: string;
  /** The Markdown between the section's markers. */
  body: string;
}

const SECTION =
  /<!-- model-ci:section name=([A-Za-z0-9._-]+) state=([0-9a-f]*) -->\n([\s\S]*?)\n<!-- model-ci:section-end name=\1 -->/g;

/** The sections of a comment body written by model-ci, in order. */
export function parseSections(body: string): Section[] {
  const out: Section[] = [];
  for (const m of body.matchAll(SECTION)) out.push({ name: m[1], state: m[2], body: m[3] });
  return out;
}

export function sectionText(s: Section): string {
  return `<!-- model-ci:section name=${s.name} state=${s.state} -->\n${s.body}\n<!-- model-ci:section-end name=${s.name} -->`;
}

/** A comment body: the marker, then the sections. */
export function commentBody(id: string, sections: readonly Section[]): string {
  return [reportMarker(id), ...sections.map(sectionText)].join('\n');
}

/**
 * `mine` replaces the section of the same name in `previous` (kept in place) or is appended; the other
 * sections are kept as they were.
 */
export function mergeSections(previous: readonly Section[], mine: Section): Section[] {
  const at = previous.findIndex((s) => s.name === mine.name);
  if (at < 0) return [...previous, mine];
  return previous.map((s, i) => (i === at ? mine : s));
}
