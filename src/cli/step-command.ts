import { kebab, finishOptions } from '../core/options.js';
import type { StepDefinition } from '../core/step.js';
import { cliLogger } from './cli-logger.js';
import type { Command } from './command.js';
import { emitResult } from './emit-result.js';

/** A check command: flags -> typed options -> the step -> summary on stdout, JSON with --out, exit code. */
export function stepCommand<O>(step: StepDefinition<O>, name = step.check): Command {
  return {
    name,
    summary: step.summary,
    options: step.options,
    examples: step.examples,
    async run(values, _positionals, io) {
      const options = finishOptions<O>(step.options, values, (k) => `--${kebab(k)}`);
      const logger = cliLogger(io, { quiet: values.quiet as boolean, debug: values.debug as boolean });
      const result = await step.execute(options, { baseDir: io.cwd, logger });
      const inputs = Object.entries(step.options)
        .filter(([, s]) => s.type === 'path')
        .map(([k]) => (options as Record<string, unknown>)[k])
        .filter((v): v is string => typeof v === 'string');
      return emitResult(result, values, io, inputs);
    },
  };
}
