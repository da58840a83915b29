import { resolve } from 'node:path';
import { InputError } from '../../core/errors.js';
import { FileGuard } from '../../core/file-guard.js';
import { renderReport } from '../../report/render-report.js';
import { cliLogger } from '../cli-logger.js';
import type { Command } from '../command.js';

/**
 * `model-ci report`: the pull-request comment (Markdown, with its hidden marker, ready for
 * `gh pr comment --body-file`) and the offline HTML report from a folder of result files. No network.
 */
export const reportCommand: Command = {
  name: 'report',
  summary: 'Render a folder of result files as the PR comment (Markdown) and a self-contained HTML report',
  options: {
    results: {
      type: 'path',
      required: true,
      description: 'folder with the result files (searched 4 levels deep)',
      metavar: 'DIR',
    },
    baseResults: {
      type: 'path',
      description: "the base branch's result files, for the changes in the overview",
      metavar: 'DIR',
    },
    markdown: { type: 'path', description: 'write the comment Markdown here', metavar: 'FILE' },
    html: { type: 'path', description: 'write the HTML report here', metavar: 'FILE' },
    id: { type: 'string', default: 'model-ci', description: "the report's id (its comment's hidden marker)" },
    section: {
      type: 'string',
      description: "this report's section of a comment shared by several workflows",
    },
  },
  examples: [
    'model-ci report --results model-ci-report --markdown report.md --html report.html',
    'model-ci report --results head/ --base-results base/ --markdown comment.md --html report.html',
  ],
  async run(values, _positionals, io) {
    const markdown = typeof values.markdown === 'string' ? values.markdown : undefined;
    const html = typeof values.html === 'string' ? values.html : undefined;
    if (!markdown && !html)
      throw new InputError('report: give --markdown FILE, --html FILE or both; otherwise nothing is written');
    if (typeof values.out === 'string')
      throw new InputError('report: --out is not used here; the outputs are --markdown and --html');
    const logger = cliLogger(io, { quiet: values.quiet as boolean, debug: values.debug as boolean });
    const files = new FileGuard(io.cwd);
    const report = renderReport({
      results: resolve(io.cwd, String(values.results)),
      baseResults: typeof values.baseResults === 'string' ? resolve(io.cwd, values.baseResults) : undefined,
      id: String(values.id ?? 'model-ci'),
      section: typeof values.section === 'string' ? values.section : undefined,
      links: html ? { html: { label: html.split(/[\\/]/).pop() ?? html } } : undefined,
      files,
    });
    for (const w of report.model.warnings) logger.warn(w);
    if (!report.model.entries.length)
      throw new InputError(`${values.results}: no model-ci result files in the folder; nothing to report`);
    // Claimed after the inputs are known and before anything is written: never over a result file.
    if (markdown) files.claimOutput(markdown, '--markdown');
    if (html) files.claimOutput(html, '--html');
    if (markdown) files.write(markdown, report.comment.body + '\n', '--markdown');
    if (html) files.write(html, report.html, '--html');
    if (!values.quiet)
      io.stdout(
        `${report.model.entries.length} results: ${report.model.status}${markdown ? `; comment ${markdown} (${report.comment.body.length} characters${report.comment.shrunk.length ? `, shortened: ${report.comment.shrunk.join('; ')}` : ''})` : ''}${html ? `; HTML ${html}` : ''}\n`,
      );
    return 0;
  },
};
