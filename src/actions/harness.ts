import { isAbsolute, join, relative, resolve } from 'node:path';
import { isUrlLike, redactUrlsIn, urlSecrets } from '../core/data-url.js';
import { ModelCiError } from '../core/errors.js';
import { FileGuard } from '../core/file-guard.js';
import { coerceText, finishOptions, kebab, type OptionSpecs } from '../core/options.js';
import { toJsonText, type CheckResult, type Finding } from '../core/result.js';
import { guardStep, type StepDefinition } from '../core/step.js';
import { resultMarkdown } from '../report/result-markdown.js';
import type { ActionIo } from './action-io.js';

/** Inputs every check action has besides its own options. */
export const COMMON_INPUTS = ['result-path'] as const;
/** Outputs every check action sets besides its own. */
export const COMMON_OUTPUTS = ['status', 'result-path'] as const;

/** Action input names for a step: its options (not config-only ones) in kebab-case, then the common ones. */
export function inputNames(specs: OptionSpecs): string[] {
  return [
    ...Object.entries(specs)
      .filter(([, s]) => !s.configOnly)
      .map(([k]) => kebab(k)),
    ...COMMON_INPUTS,
  ];
}

/** Read every input once into a typed object; bad values throw InputError naming the input. */
export function readInputs<O>(specs: OptionSpecs, io: ActionIo): O {
  const values: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(specs)) {
    if (spec.configOnly) continue;
    const raw = io.getInput(kebab(name));
    // A data URL may carry credentials (a presigned query, userinfo): masked in the log before any use.
    if (spec.url && isUrlLike(raw.trim())) for (const secret of urlSecrets(raw.trim())) io.setSecret(secret);
    if (raw.trim() !== '') values[name] = coerceText(spec, raw, `input "${kebab(name)}"`);
  }
  return finishOptions<O>(specs, values, (k) => `input "${kebab(k)}"`);
}

export function workspaceOf(io: ActionIo): string {
  return io.env.GITHUB_WORKSPACE || process.cwd();
}

/** Annotation paths must be relative to the repository root for GitHub to place them. */
export function annotateFindings(findings: readonly Finding[], io: ActionIo, workspace: string): void {
  for (const f of findings) {
    const file = f.file ? (isAbsolute(f.file) ? relative(workspace, f.file) : f.file) : undefined;
    io.annotate(f.severity, f.message, { file, line: f.line, column: f.column, title: f.id });
  }
}

/** Where the result goes: the `result-path` input, else `$RUNNER_TEMP/model-ci/<check>.json`. */
export function resultPathFor(check: string, io: ActionIo): string {
  const given = io.getInput('result-path').trim();
  const workspace = workspaceOf(io);
  if (given) return resolve(workspace, given);
  return join(io.env.RUNNER_TEMP || join(workspace, '.model-ci'), 'model-ci', `${check}.json`);
}

/** The one place an action fails its step. */
export function failStep(io: ActionIo, message: string): void {
  io.setFailed(redactUrlsIn(message));
}

/**
 * A check action: inputs -> the step -> result file, outputs, job summary, annotations; fails the step
 * (through {@link failStep}) when the result is `fail` or `error` or the input is bad.
 */
export async function runStepAction<O>(
  step: StepDefinition<O>,
  io: ActionIo,
  extraOutputs: (result: CheckResult) => Record<string, string> = () => ({}),
): Promise<CheckResult | undefined> {
  try {
    const options = readInputs<O>(step.options, io);
    const workspace = workspaceOf(io);
    const files = new FileGuard(workspace, { root: workspace });
    guardStep(files, step, options, workspace);
    const resultPath = files.claimOutput(resultPathFor(step.check, io), 'input "result-path"');
    const result = await step.execute(options, {
      baseDir: workspace,
      logger: io.logger,
      source: 'action inputs',
      describe: (k) => `input "${kebab(k)}"`,
      files,
    });
    files.write(resultPath, toJsonText(result), 'input "result-path"');
    io.setOutput('status', result.status);
    io.setOutput('result-path', resultPath);
    for (const [k, v] of Object.entries(extraOutputs(result))) io.setOutput(k, v);
    annotateFindings(result.findings, io, workspace);
    await io.appendSummary(step.markdown?.(result) ?? resultMarkdown(result));
    io.logger.info(`${result.status}: ${result.summary}`);
    if (result.status === 'fail' || result.status === 'error')
      failStep(io, `${step.title}: ${result.summary}`);
    return result;
  } catch (e) {
    if (e instanceof ModelCiError) {
      failStep(io, e.message);
      return undefined;
    }
    failStep(io, `internal error in model-ci ${step.check}: ${(e as Error).message}`);
    io.logger.debug((e as Error).stack ?? '');
    return undefined;
  }
}
