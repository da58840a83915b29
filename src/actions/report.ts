/**
 * `actions/report`: a folder of result files (from this job, other jobs' artifacts, or a fork's artifact in
 * the second phase of the fork-safe pattern) -> the job summary, the HTML report and the result files as
 * an artifact, and the sticky comment on the pull request. It reports; it does not fail the job for a
 * failed check (the check's own step does that). It fails only for bad inputs or an empty folder.
 */
import { mkdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { InputError, ModelCiError } from '../core/errors.js';
import { FileGuard } from '../core/file-guard.js';
import { readFileSync } from 'node:fs';
import { escapeMarkdown } from '../report/escape.js';
import { buildComment, DEFAULT_SECTION } from '../report/comment.js';
import { renderJobSummary } from '../report/markdown.js';
import { checkName } from '../report/marker.js';
import { renderReport } from '../report/render-report.js';
import { parsePrNumber } from '../github/event.js';
import { COMMENT_MODES, COMMENT_ON, type CommentMode, type CommentOn } from '../github/sticky-comment.js';
import { TOOL_VERSION } from '../core/version.js';
import type { ActionIo } from './action-io.js';
import { failStep, workspaceOf } from './harness.js';
import { DEFAULT_DEPS, publishReport, runContext, type PublishDeps } from './publish-report.js';
import type { ActionSpec } from './registry-spec.js';

export const REPORT_INPUTS = [
  'results',
  'base-results',
  'id',
  'section',
  'mode',
  'comment-on',
  'github-token',
  'pr-number',
  'upload-artifact',
  'artifact-name',
] as const;
export const REPORT_OUTPUTS = ['status', 'comment-id', 'comment-url', 'html-path', 'markdown-path'] as const;
export const reportAction: ActionSpec = {
  inputs: REPORT_INPUTS,
  required: ['results'],
  outputs: REPORT_OUTPUTS,
};

/** The comment inputs the root action shares with this one. */
export interface CommentInputs {
  id: string;
  section: string;
  mode: CommentMode;
  commentOn: CommentOn;
  token: string;
  uploadArtifact: boolean;
  artifactName: string;
}

function choice<T extends string>(io: ActionIo, name: string, allowed: readonly T[], fallback: T): T {
  const raw = io.getInput(name).trim();
  if (raw === '') return fallback;
  if (!(allowed as readonly string[]).includes(raw))
    throw new InputError(
      `input "${name}": expected one of ${allowed.join(', ')}, got ${JSON.stringify(raw)}`,
    );
  return raw as T;
}

export function booleanInput(io: ActionIo, name: string, fallback: boolean): boolean {
  const raw = io.getInput(name).trim().toLowerCase();
  if (raw === '') return fallback;
  if (['true', 'yes', 'on', '1'].includes(raw)) return true;
  if (['false', 'no', 'off', '0'].includes(raw)) return false;
  throw new InputError(`input "${name}": expected true or false, got ${JSON.stringify(raw)}`);
}

/** Read the comment inputs once; the token is masked before anything else happens. */
export function readCommentInputs(io: ActionIo): CommentInputs {
  const token = io.getInput('github-token').trim();
  if (token) io.setSecret(token);
  const artifactName = io.getInput('artifact-name').trim() || 'model-ci-report';
  if (/["':<>|*?\r\n\\/]/.test(artifactName))
    throw new InputError(
      `input "artifact-name": ${JSON.stringify(artifactName)} may not contain " : < > | * ? \\ / or line breaks`,
    );
  return {
    id: checkName(io.getInput('id').trim() || 'model-ci', 'input "id"'),
    section: checkName(io.getInput('section').trim() || DEFAULT_SECTION, 'input "section"'),
    mode: choice(io, 'mode', COMMENT_MODES, 'update'),
    commentOn: choice(io, 'comment-on', COMMENT_ON, 'always'),
    token,
    uploadArtifact: booleanInput(io, 'upload-artifact', true),
    artifactName,
  };
}

/** A URL that cannot break out of a Markdown link destination. */
function linkTarget(url: string): string {
  return url.replace(/[\s()<>]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

/** The job summary: the report, then what happened to the artifact and the comment (with a link to it). */
export function summaryWithNotes(report: string, notes: readonly string[], commentUrl?: string): string {
  const link = commentUrl ? `\n- [Open the comment](${linkTarget(commentUrl)})` : '';
  return `${report}\n\n${notes.map((n) => `- ${escapeMarkdown(n)}`).join('\n')}${link}\n`;
}

export async function runReportAction(io: ActionIo, deps: PublishDeps = DEFAULT_DEPS): Promise<void> {
  try {
    const inputs = readCommentInputs(io);
    const workspace = workspaceOf(io);
    const resultsInput = io.getInput('results').trim();
    if (!resultsInput) throw new InputError('input "results": required (the folder with the result files)');
    const baseInput = io.getInput('base-results').trim();
    const prNumber = parsePrNumber(io.getInput('pr-number'));
    const files = new FileGuard(workspace);
    const resultsDir = resolve(workspace, resultsInput);
    const rendered = renderReport({
      results: resultsDir,
      baseResults: baseInput ? resolve(workspace, baseInput) : undefined,
      id: inputs.id,
      section: inputs.section,
      context: runContext(io.env),
      files,
    });
    for (const w of rendered.model.warnings) io.logger.warn(w);
    if (!rendered.model.entries.length)
      throw new InputError(`input "results": no model-ci result files in ${resultsInput}; nothing to report`);

    // The artifact's folder: the HTML report and the Markdown on top, the result files below.
    const suffix = inputs.section === DEFAULT_SECTION ? inputs.id : `${inputs.id}-${inputs.section}`;
    const outDir = join(io.env.RUNNER_TEMP || join(workspace, '.model-ci'), 'model-ci-report', suffix);
    mkdirSync(outDir, { recursive: true });
    const htmlPath = files.claimOutput(join(outDir, 'report.html'), 'the HTML report');
    const markdownPath = files.claimOutput(join(outDir, 'report.md'), 'the comment Markdown');
    files.write(htmlPath, rendered.html, 'the HTML report');
    const copies = rendered.model.entries.map((e) => {
      const to = join(outDir, 'results', e.file);
      return files.write(to, readFileSync(join(resultsDir, e.file)), 'a copy of a result file');
    });

    const published = await publishReport(
      io,
      {
        model: rendered.model,
        ...inputs,
        comment: true,
        prNumber,
        artifact: inputs.uploadArtifact
          ? { name: inputs.artifactName, files: [htmlPath, ...copies], rootDirectory: outDir }
          : undefined,
        htmlName: relative(outDir, htmlPath),
      },
      deps,
    );
    const body = buildComment(rendered.model, {
      id: inputs.id,
      section: inputs.section,
      links: published.links,
      version: TOOL_VERSION,
    }).body;
    files.write(markdownPath, `${body}\n`, 'the comment Markdown');
    await io.appendSummary(
      summaryWithNotes(
        renderJobSummary(rendered.model, { links: published.links, version: TOOL_VERSION }),
        published.notes,
        published.commentUrl,
      ),
    );
    io.setOutput('status', rendered.model.status);
    io.setOutput('html-path', htmlPath);
    io.setOutput('markdown-path', markdownPath);
    io.setOutput('comment-id', published.commentId !== undefined ? String(published.commentId) : '');
    io.setOutput('comment-url', published.commentUrl ?? '');
  } catch (e) {
    if (e instanceof ModelCiError) failStep(io, e.message);
    else {
      failStep(io, `internal error in model-ci report: ${(e as Error).message}`);
      io.logger.debug((e as Error).stack ?? '');
    }
  }
}
