/**
 * From folders of result files to the report's texts: the one entry point the CLI (`model-ci report`),
 * the pipeline (`model-ci run`) and the actions use. Reads files, renders, writes nothing.
 */
import type { FileGuard } from '../core/file-guard.js';
import { TOOL_VERSION } from '../core/version.js';
import { buildComment, reportTitle, type BuiltComment } from './comment.js';
import { renderHtml } from './html.js';
import { loadResults, type LoadedResult } from './load-results.js';
import type { ReportLinks } from './markdown.js';
import { renderJobSummary } from './markdown.js';
import { checkName } from './marker.js';
import { buildReport, type ReportModel } from './model.js';

export interface ReportInputs {
  /** The head results: a folder to read, or results already in memory (`model-ci run`). */
  results: string | { results: LoadedResult[]; warnings?: string[] };
  /** The base branch's results: a folder, or results already read. */
  baseResults?: string | { results: LoadedResult[]; warnings?: string[] };
  id?: string;
  section?: string;
  links?: ReportLinks;
  /** The previous comment's body, whose other sections are kept. */
  previousBody?: string;
  /** `acme/churn-model #42 at 3f1c0a9`, shown under the HTML report's title. */
  context?: string;
  /** Pinned in tests. */
  now?: () => Date;
  /** Records every file read as an input, so no output can replace one. */
  files?: FileGuard;
}

export interface RenderedReport {
  model: ReportModel;
  comment: BuiltComment;
  summary: string;
  html: string;
}

export function renderReport(inputs: ReportInputs): RenderedReport {
  const id = checkName(inputs.id ?? 'model-ci', 'report id');
  const section = inputs.section ? checkName(inputs.section, 'section') : undefined;
  let head: LoadedResult[];
  const warnings: string[] = [];
  if (typeof inputs.results === 'string') {
    const loaded = loadResults(inputs.results, 'results folder');
    inputs.files?.addInputs(loaded.files, 'result file');
    head = loaded.results;
    warnings.push(...loaded.warnings);
  } else {
    head = inputs.results.results;
    warnings.push(...(inputs.results.warnings ?? []));
  }
  let base: LoadedResult[] | undefined;
  if (typeof inputs.baseResults === 'string') {
    const loaded = loadResults(inputs.baseResults, 'base results folder');
    inputs.files?.addInputs(loaded.files, 'base result file');
    base = loaded.results;
    warnings.push(...loaded.warnings.map((w) => `base: ${w}`));
  } else if (inputs.baseResults) {
    base = inputs.baseResults.results;
    warnings.push(...(inputs.baseResults.warnings ?? []).map((w) => `base: ${w}`));
  }
  const model = buildReport(head, base, warnings);
  const title = reportTitle(id, section);
  const comment = buildComment(model, {
    id,
    section,
    previousBody: inputs.previousBody,
    links: inputs.links,
    version: TOOL_VERSION,
  });
  const summary = renderJobSummary(model, { title, links: inputs.links, version: TOOL_VERSION });
  const html = renderHtml(model, {
    title,
    context: inputs.context,
    version: TOOL_VERSION,
    generatedAt: (inputs.now?.() ?? new Date()).toISOString(),
  });
  return { model, comment, summary, html };
}
