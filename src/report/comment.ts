/**
 * The sticky comment's body: the report's marker, the other workflows' sections as they were, and this
 * report's section, which gets whatever room the others leave under GitHub's limit.
 */
import { COMMENT_LIMIT, renderMarkdownWithin, reportState, type MarkdownOptions } from './markdown.js';
import { commentBody, mergeSections, parseSections, type Section } from './marker.js';
import type { ReportModel } from './model.js';

/** The section a report writes when none is named. */
export const DEFAULT_SECTION = 'default';

export interface CommentOptions extends MarkdownOptions {
  id: string;
  section?: string;
  /** The body of the comment being replaced, whose other sections are kept. */
  previousBody?: string;
}

export interface BuiltComment {
  body: string;
  section: Section;
  /** The previous comment's state of this section, when it had one. */
  previousState?: string;
  shrunk: string[];
}

/** The heading of a report: `model-ci`, or `model-ci · <section>` for a named section. */
export function reportTitle(id: string, section = DEFAULT_SECTION): string {
  const base = id === 'model-ci' ? 'model-ci' : `model-ci (${id})`;
  return section === DEFAULT_SECTION ? base : `${base} · ${section}`;
}

export function buildComment(model: ReportModel, options: CommentOptions): BuiltComment {
  const name = options.section ?? DEFAULT_SECTION;
  const previous = options.previousBody ? parseSections(options.previousBody) : [];
  const state = reportState(model);
  const frame = commentBody(options.id, mergeSections(previous, { name, state, body: '' })).length;
  // A margin for GitHub counting characters differently from JavaScript's UTF-16 length never matters
  // downwards (UTF-16 counts a character at least once), so the budget is exact.
  const budget = Math.max(2000, COMMENT_LIMIT - frame);
  const { markdown, shrunk } = renderMarkdownWithin(model, budget, {
    title: options.title ?? reportTitle(options.id, name),
    links: options.links,
    version: options.version,
  });
  const section: Section = { name, state, body: markdown };
  let sections = mergeSections(previous, section);
  // Other sections so large that ours cannot fit: theirs go (they are rewritten on their next run).
  if (commentBody(options.id, sections).length > COMMENT_LIMIT) sections = [section];
  return {
    body: commentBody(options.id, sections),
    section,
    previousState: previous.find((s) => s.name === name)?.state,
    shrunk,
  };
}

export { parseSections };
