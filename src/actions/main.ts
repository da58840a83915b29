import { relative, resolve, sep } from 'node:path';
import { loadConfig } from '../core/config.js';
import { isInside } from '../core/confine.js';
import { visible } from '../core/visible.js';
import { InputError, ModelCiError } from '../core/errors.js';
import { runPipeline } from '../pipeline/run-pipeline.js';
import { PIPELINE_STEPS } from '../pipeline/steps.js';
import { loadResults } from '../report/load-results.js';
import { buildComment } from '../report/comment.js';
import { renderJobSummary } from '../report/markdown.js';
import { renderReport } from '../report/render-report.js';
import { TOOL_VERSION } from '../core/version.js';
import type { ActionIo } from './action-io.js';
import { annotateFindings, failStep, workspaceOf } from './harness.js';
import { DEFAULT_DEPS, publishReport, runContext, type PublishDeps } from './publish-report.js';
import { booleanInput, readCommentInputs, summaryWithNotes } from './report.js';

/** The root action's interface; `action.yml` at the repository root mirrors these (a test checks). */
export const MAIN_INPUTS = [
  'config',
  'out-dir',
  'base-results',
  'comment',
  'id',
  'section',
  'mode',
  'comment-on',
  'github-token',
  'upload-artifact',
  'artifact-name',
] as const;
export const MAIN_OUTPUTS = [
  'status',
  'result-dir',
  'summary-path',
  'failed-checks',
  'html-path',
  'markdown-path',
  'comment-id',
  'comment-url',
] as const;

const REPORT_FILES = { markdown: 'report.md', html: 'report.html' } as const;

/**
 * The whole pipeline from `.model-ci.yml`, as the root action: every check, then the report — the job
 * summary, report.md and report.html beside the results, the folder as an artifact and, on pull requests,
 * the sticky comment (`comment: false` for the fork-safe two-phase pattern, where phase two comments).
 */
export async function runMain(io: ActionIo, deps: PublishDeps = DEFAULT_DEPS): Promise<void> {
  try {
    const comment = readCommentInputs(io);
    const postComment = booleanInput(io, 'comment', true);
    const workspace = workspaceOf(io);
    const config = resolve(workspace, io.getInput('config').trim() || '.model-ci.yml');
    const outDir = resolve(workspace, io.getInput('out-dir').trim() || 'model-ci-report');
    const baseInput = io.getInput('base-results').trim();
    const baseDir = baseInput ? resolve(workspace, baseInput) : undefined;
    if (
      baseDir &&
      (!relative(baseDir, outDir).startsWith('..') || !relative(outDir, baseDir).startsWith('..'))
    )
      throw new InputError(
        `input "base-results" (${baseInput}) and input "out-dir" overlap; the run would overwrite the base results`,
      );
    const base = baseDir ? loadResults(baseDir, 'input "base-results"') : undefined;
    const loaded = loadConfig(config, PIPELINE_STEPS);
    // In an action the repository is the workspace: every path the configuration names stays inside it.
    if (isInside(resolve(workspace), loaded.dir)) loaded.root = resolve(workspace);
    const run = await runPipeline(loaded, outDir, io.logger, undefined, Object.values(REPORT_FILES));
    run.files.addInputs(base?.files ?? [], 'base result file');
    const failed = run.results.filter((r) => r.result.status === 'fail' || r.result.status === 'error');
    io.setOutput('status', run.status);
    io.setOutput('result-dir', outDir);
    io.setOutput('summary-path', run.summaryFile);
    io.setOutput(
      'failed-checks',
      failed
        .map((r) => (r.result.name ? `${r.result.check}:${visible(r.result.name)}` : r.result.check))
        .join(','),
    );
    for (const { result } of run.results) annotateFindings(result.findings, io, workspace);

    const rendered = renderReport({
      results: {
        results: run.results.map((r) => ({
          result: r.result,
          file: relative(outDir, r.file).split(sep).join('/'),
        })),
      },
      baseResults: base,
      id: comment.id,
      section: comment.section,
      context: runContext(io.env),
    });
    for (const w of base?.warnings ?? []) io.logger.warn(`base: ${w}`);
    const htmlPath = run.files.write(resolve(outDir, REPORT_FILES.html), rendered.html, REPORT_FILES.html);
    const published = await publishReport(
      io,
      {
        model: rendered.model,
        ...comment,
        comment: postComment,
        artifact: comment.uploadArtifact
          ? {
              name: comment.artifactName,
              files: [...run.results.map((r) => r.file), run.summaryFile, htmlPath],
              rootDirectory: outDir,
            }
          : undefined,
        htmlName: REPORT_FILES.html,
      },
      deps,
    );
    const body = buildComment(rendered.model, {
      id: comment.id,
      section: comment.section,
      links: published.links,
      version: TOOL_VERSION,
    }).body;
    const markdownPath = run.files.write(
      resolve(outDir, REPORT_FILES.markdown),
      `${body}\n`,
      REPORT_FILES.markdown,
    );
    io.setOutput('html-path', htmlPath);
    io.setOutput('markdown-path', markdownPath);
    io.setOutput('comment-id', published.commentId !== undefined ? String(published.commentId) : '');
    io.setOutput('comment-url', published.commentUrl ?? '');
    await io.appendSummary(
      summaryWithNotes(
        renderJobSummary(rendered.model, { links: published.links, version: TOOL_VERSION }),
        published.notes,
        published.commentUrl,
      ),
    );
    if (failed.length) {
      failStep(
        io,
        `model-ci: ${failed.length} of ${run.results.length} checks did not pass: ${failed.map((r) => r.result.summary).join('; ')}`,
      );
    }
  } catch (e) {
    failStep(
      io,
      e instanceof ModelCiError ? e.message : `internal error in model-ci: ${(e as Error).message}`,
    );
  }
}
