import { FileGuard } from '../core/file-guard.js';
import { kebab, finishOptions } from '../core/options.js';
import { guardStep, type StepDefinition } from '../core/step.js';
import { cliLogger } from './cli-logger.js';
import type { Command } from './command.js';
import { emitResult } from './emit-result.js';

/**
 * A check command: flags -> typed options -> the step -> summary on stdout, JSON with --out, exit code.
 * Inputs are recorded and outputs claimed before the step runs, so no output can replace an input.
 */
export function stepCommand<O>(step: StepDefinition<O>, name = step.check): Command {
  return {
    name,
    summary: step.summary,
    options: step.options,
    examples: step.examples,
    async run(values, _positionals, io) {
      const options = finishOptions<O>(step.options, values, (k) => `--${kebab(k)}`);
      const logger = cliLogger(io, { quiet: values.quiet as boolean, debug: values.debug as boolean });
      const files = new FileGuard(io.cwd, { root: io.cwd });
      guardStep(files, step, options, io.cwd);
      if (typeof values.out === 'string') files.claimOutput(values.out, '--out');
      const describe = (k: string) => `--${kebab(k)}`;
      const result = await step.execute(options, { baseDir: io.cwd, logger, files, describe });
      return emitResult(result, values, io, files);
    },
  };
}
