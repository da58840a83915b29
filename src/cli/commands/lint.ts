import { InputError, didYouMean } from '../../core/errors.js';
import { FileGuard } from '../../core/file-guard.js';
import { finishOptions, kebab } from '../../core/options.js';
import { guardStep } from '../../core/step.js';
import { RULES, explainRule, ruleById, ruleIds } from '../../checks/lint/rules.js';
import { LINT_OPTIONS, lintStep, type LintRunOptions } from '../../checks/lint/step.js';
import { cliLogger } from '../cli-logger.js';
import type { Command } from '../command.js';
import { emitResult } from '../emit-result.js';

/** Every rule, one line each (`--explain all`). */
function ruleTable(): string {
  return `${RULES.map((r) => `${r.id}  ${r.severity.padEnd(7)}  ${r.name}${r.hadolint ? ` (hadolint ${r.hadolint})` : ''}`).join('\n')}\n`;
}

/**
 * `model-ci lint`: the lint step, plus what only makes sense on a command line: `--explain RULE`,
 * `--write-baseline`, and `--sarif` as the short form of `--sarif-file`.
 */
export const lintCommand: Command = {
  name: 'lint',
  summary: lintStep.summary,
  options: {
    ...LINT_OPTIONS,
    sarif: { type: 'path', description: 'same as --sarif-file', metavar: 'FILE' },
    writeBaseline: {
      type: 'boolean',
      description: 'record every current finding in the --baseline file, so that only new ones fail later',
    },
    explain: {
      type: 'string',
      description:
        'print what a rule finds, why it matters and how to fix it (or "all" for the list), then exit',
      metavar: 'RULE',
    },
  },
  examples: lintStep.examples,
  async run(values, _positionals, io) {
    if (typeof values.explain === 'string') {
      if (values.explain.toLowerCase() === 'all') {
        io.stdout(ruleTable());
        return 0;
      }
      const rule = ruleById(values.explain);
      if (!rule)
        throw new InputError(
          `--explain: unknown rule "${values.explain}"${didYouMean(values.explain.toUpperCase(), ruleIds())}; "--explain all" lists them`,
        );
      io.stdout(explainRule(rule));
      return 0;
    }
    if (values.sarif !== undefined) {
      if (values.sarifFile !== undefined)
        throw new InputError('--sarif and --sarif-file are the same option: give one');
      values.sarifFile = values.sarif;
    }
    const options = finishOptions<LintRunOptions>(LINT_OPTIONS, values, (k) => `--${kebab(k)}`);
    options.writeBaseline = values.writeBaseline === true;
    const logger = cliLogger(io, { quiet: values.quiet as boolean, debug: values.debug as boolean });
    const files = new FileGuard(io.cwd);
    guardStep(files, lintStep, options, io.cwd);
    if (typeof values.out === 'string') files.claimOutput(values.out, '--out');
    const result = await lintStep.execute(options, { baseDir: io.cwd, logger, files });
    return emitResult(result, values, io, files);
  },
};
