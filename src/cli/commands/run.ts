import { basename, relative, resolve, sep } from 'node:path';
import { loadConfig } from '../../core/config.js';
import { InputError } from '../../core/errors.js';
import { exitCodeFor } from '../../core/result.js';
import { runPipeline } from '../../pipeline/run-pipeline.js';
import { runResult } from '../../pipeline/run-result.js';
import { PIPELINE_STEPS } from '../../pipeline/steps.js';
import { loadResults } from '../../report/load-results.js';
import { renderReport } from '../../report/render-report.js';
import { cliLogger } from '../cli-logger.js';
import type { Command } from '../command.js';
import { printFailure } from '../print-failure.js';
import { printResult } from '../print-result.js';

/** The report files `model-ci run` writes beside the results. */
export const REPORT_FILES = { markdown: 'report.md', html: 'report.html' } as const;

export const runCommand: Command = {
  name: 'run',
  summary: 'Run every check configured in .model-ci.yml and write their results, a summary and the report',
  options: {
    config: { type: 'path', default: '.model-ci.yml', description: 'configuration file', metavar: 'FILE' },
    outDir: {
      type: 'path',
      default: 'model-ci-report',
      description: 'folder for the result files, summary.md, report.md and report.html',
      metavar: 'DIR',
    },
    out: {
      type: 'path',
      description:
        'also write the run file (model-ci/run@1, schema/run.schema.json): each check with its status and result file, and the worst status',
      metavar: 'FILE',
    },
    baseResults: {
      type: 'path',
      description: "the base branch's result files: the report shows the changes against them",
      metavar: 'DIR',
    },
  },
  examples: [
    'model-ci run',
    'model-ci run --config workflows-examples/demo/.model-ci.yml --out-dir model-ci-report',
    "model-ci run --base-results base-results/ # e.g. the base branch's last artifact",
    'model-ci run --out run.json # and jq -r \'.results[] | select(.status == "fail") | .path\' run.json',
  ],
  async run(values, _positionals, io) {
    const config = loadConfig(resolve(io.cwd, String(values.config ?? '.model-ci.yml')), PIPELINE_STEPS);
    const logger = cliLogger(io, { quiet: values.quiet as boolean, debug: values.debug as boolean });
    const outDir = resolve(io.cwd, String(values.outDir ?? 'model-ci-report'));
    // Base results are read before the run, and may not be where the run writes its own.
    const base = typeof values.baseResults === 'string' ? resolve(io.cwd, values.baseResults) : undefined;
    if (
      base &&
      (base === outDir ||
        !relative(base, outDir).startsWith('..') ||
        !relative(outDir, base).startsWith('..'))
    )
      throw new InputError(
        `--base-results ${values.baseResults} and --out-dir ${values.outDir ?? 'model-ci-report'} overlap; the run would overwrite the base results`,
      );
    const baseResults = base ? loadResults(base, '--base-results') : undefined;
    for (const w of baseResults?.warnings ?? []) logger.warn(`base: ${w}`);
    // --out (the run file) is claimed with the rest before any check runs: it may not replace an input.
    const runFile = typeof values.out === 'string' ? resolve(io.cwd, values.out) : undefined;
    const run = await runPipeline(config, outDir, logger, undefined, [
      ...Object.values(REPORT_FILES),
      ...(runFile ? [{ path: runFile, what: '--out' }] : []),
    ]);
    run.files.addInputs(baseResults?.files ?? [], 'base result file');
    const report = renderReport({
      results: {
        results: run.results.map((r) => ({
          result: r.result,
          file: relative(outDir, r.file).split(sep).join('/'),
        })),
      },
      baseResults,
      links: { html: { label: REPORT_FILES.html } },
    });
    run.files.write(
      resolve(outDir, REPORT_FILES.markdown),
      report.comment.body + '\n',
      REPORT_FILES.markdown,
    );
    run.files.write(resolve(outDir, REPORT_FILES.html), report.html, REPORT_FILES.html);
    if (runFile) {
      const doc = runResult(io.cwd, {
        ...run,
        config: config.file,
        report: {
          markdown: resolve(outDir, REPORT_FILES.markdown),
          html: resolve(outDir, REPORT_FILES.html),
        },
      });
      run.files.write(runFile, JSON.stringify(doc, null, 2) + '\n', '--out');
    }
    if (values.quiet) for (const { result } of run.results) printFailure(result, io);
    else {
      for (const { result } of run.results) printResult(result, io);
      io.stdout(
        `\n${run.results.length} check${run.results.length === 1 ? '' : 's'}: ${run.status}; results in ${outDir}; report: ${basename(outDir)}/${REPORT_FILES.html}\n`,
      );
    }
    return exitCodeFor(run.status);
  },
};
