import { resolve } from 'node:path';
import { loadConfig } from '../../core/config.js';
import { exitCodeFor } from '../../core/result.js';
import { runPipeline } from '../../pipeline/run-pipeline.js';
import { PIPELINE_STEPS } from '../../pipeline/steps.js';
import { cliLogger } from '../cli-logger.js';
import type { Command } from '../command.js';
import { printResult } from '../print-result.js';

export const runCommand: Command = {
  name: 'run',
  summary: 'Run every check configured in .model-ci.yml and write their results and a summary',
  options: {
    config: { type: 'path', default: '.model-ci.yml', description: 'configuration file', metavar: 'FILE' },
    outDir: {
      type: 'path',
      default: 'model-ci-report',
      description: 'folder for the result files and summary.md',
      metavar: 'DIR',
    },
  },
  examples: [
    'model-ci run',
    'model-ci run --config workflows-examples/demo/.model-ci.yml --out-dir model-ci-report',
  ],
  async run(values, _positionals, io) {
    const config = loadConfig(resolve(io.cwd, String(values.config ?? '.model-ci.yml')), PIPELINE_STEPS);
    const logger = cliLogger(io, { quiet: values.quiet as boolean, debug: values.debug as boolean });
    const outDir = resolve(io.cwd, String(values.outDir ?? 'model-ci-report'));
    const run = await runPipeline(config, outDir, logger);
    if (!values.quiet) {
      for (const { result } of run.results) printResult(result, io);
      io.stdout(
        `\n${run.results.length} check${run.results.length === 1 ? '' : 's'}: ${run.status}; results in ${outDir}\n`,
      );
    }
    return exitCodeFor(run.status);
  },
};
