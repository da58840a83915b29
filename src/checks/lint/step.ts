import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { InputError } from '../../core/errors.js';
import type { OutputClaim } from '../../core/file-guard.js';
import { kebab, type OptionSpecs } from '../../core/options.js';
import { displayPath, userPath } from '../../core/paths.js';
import type { Finding, Severity, Status } from '../../core/result.js';
import { runCheck } from '../../core/run-check.js';
import { guardOf, type StepContext, type StepDefinition } from '../../core/step.js';
import { visible } from '../../core/visible.js';
import {
  BASELINE_SCHEMA,
  compareToBaseline,
  makeBaseline,
  readBaseline,
  type BaselineState,
} from './baseline.js';
import type { LintDetails } from './details.js';
import { lintRepository, type LintFinding, type LintHooks } from './lint-repository.js';
import { lintMarkdown } from './present.js';
import { ruleById, ruleIds, type LintSeverity } from './rules.js';
import { toSarif } from './sarif.js';
import { parseSeverityText, resolveSettings, type LintStepOptions } from './settings.js';

/** Options only the CLI sets (`--write-baseline`): not an action input or a config key. */
export interface LintRunOptions extends LintStepOptions {
  writeBaseline?: boolean;
  /** Where SARIF goes when neither the options nor the config name a file (the action's default). */
  defaultSarifFile?: string;
}

export type { LintDetails } from './details.js';

const MAX_DETAIL_FINDINGS = 2000;

export const LINT_OPTIONS: OptionSpecs = {
  path: {
    type: 'path',
    description: 'the repository (or folder) to lint (default: the current folder)',
    metavar: 'DIR',
  },
  config: {
    type: 'path',
    description:
      '.model-ci.yml whose lint: block configures the rules (default: PATH/.model-ci.yml if present)',
    metavar: 'FILE',
  },
  baseline: {
    type: 'path',
    description:
      'baseline file: findings recorded there never fail the run (create it with --write-baseline)',
    metavar: 'FILE',
  },
  sarifFile: {
    type: 'path',
    description: 'write SARIF 2.1.0 for GitHub code scanning to this file',
    metavar: 'FILE',
  },
  enable: {
    type: 'list',
    description: 'turn these rules on again after disable (IDs or groups such as MCI2xx)',
    metavar: 'RULES',
  },
  disable: {
    type: 'list',
    description: 'turn these rules off (IDs or groups such as MCI4xx)',
    metavar: 'RULES',
  },
  severity: {
    type: 'object',
    parseText: parseSeverityText,
    description: 'severity per rule or group: error, warning, note or off (MCI302=error,MCI4xx=note)',
    metavar: 'RULE=LEVEL,...',
  },
  ignore: {
    type: 'list',
    description: 'paths not to lint (.gitignore syntax, relative to PATH)',
    metavar: 'GLOBS',
  },
  perFileIgnores: {
    type: 'object',
    configOnly: true,
    description: 'rules to skip per path pattern: { "notebooks/**": [MCI401, MCI402] }',
  },
  allowedGlobals: {
    type: 'list',
    description: 'pickle globals you trust beyond the built-in allowlist (module.name or module.*)',
    metavar: 'NAMES',
  },
  largeFileMb: {
    type: 'number',
    min: 0.001,
    max: 1_000_000,
    description: 'files larger than this (MB) must be in Git LFS (default 10)',
    metavar: 'MB',
  },
  maxScanMb: {
    type: 'number',
    min: 0.01,
    max: 4096,
    description: 'read at most this much (MB) of a text file (default 10)',
    metavar: 'MB',
  },
  maxArchiveMb: {
    type: 'number',
    min: 1,
    max: 1_000_000,
    description: 'inflate at most this much (MB) of one archive, nested ones included (default 1024)',
    metavar: 'MB',
  },
  maxZipRatio: {
    type: 'number',
    min: 2,
    max: 1_000_000,
    description: 'refuse zip entries over 1 MB that inflate more than this ratio (default 100)',
    metavar: 'N',
  },
  failureThreshold: {
    type: 'string',
    choices: ['error', 'warning', 'note', 'none'],
    description: 'new findings at or above this severity fail the run: error (default), warning, note, none',
    metavar: 'LEVEL',
  },
};

const RESULT_SEVERITY: Record<LintSeverity, Severity> = {
  error: 'error',
  warning: 'warning',
  note: 'notice',
};
const RANK: Record<LintSeverity | 'none', number> = { note: 1, warning: 2, error: 3, none: 4 };

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** `relative(from, to)` with `/`, or undefined when `to` is outside `from`. */
function inside(from: string, to: string): string | undefined {
  const rel = relative(from, to);
  if (rel.startsWith('..') || isAbsolute(rel)) return undefined;
  return rel.split(sep).join('/');
}

/**
 * The lint step; `hooks.onSecret` lets the action mask every credential found (`core.setSecret`) before
 * anything is logged.
 */
export function makeLintStep(hooks: LintHooks = {}): StepDefinition<LintRunOptions> {
  return {
    check: 'lint',
    title: 'Lint',
    summary:
      'Lint a model repository: model card and hygiene, Dockerfiles (hadolint rules), unsafe pickles and model files, notebooks, credentials; SARIF for code scanning',
    examples: [
      'model-ci lint',
      'model-ci lint --path . --sarif lint.sarif --baseline .model-ci-baseline.json',
      'model-ci lint --write-baseline --baseline .model-ci-baseline.json',
      'model-ci lint --explain MCI301',
    ],
    options: LINT_OPTIONS,
    inputFiles(options, baseDir) {
      const files: string[] = [];
      if (options.config) files.push(resolve(baseDir, options.config));
      if (options.baseline && !options.writeBaseline) files.push(resolve(baseDir, options.baseline));
      return files;
    },
    outputFiles(options, baseDir) {
      const out: OutputClaim[] = [];
      const sarif = options.sarifFile ?? options.defaultSarifFile;
      if (sarif) out.push({ path: resolve(baseDir, sarif), what: 'SARIF file' });
      if (options.writeBaseline && options.baseline)
        out.push({ path: resolve(baseDir, options.baseline), what: 'baseline file' });
      return out;
    },
    markdown: lintMarkdown,
    async execute(options, ctx: StepContext) {
      const fromFile =
        ctx.source && ctx.source !== 'action inputs' && existsSync(ctx.source) ? ctx.source : undefined;
      const describe = (k: string) =>
        ctx.source === 'action inputs'
          ? `input "${kebab(k)}"`
          : fromFile
            ? `lint.${kebab(k)}`
            : `--${kebab(k)}`;
      return runCheck(
        'lint',
        { ...options },
        async () => {
          const { writeBaseline, defaultSarifFile, ...stepOptions } = options;
          const settings = resolveSettings(stepOptions, ctx.baseDir, LINT_OPTIONS, describe, fromFile);
          settings.sarifFile ??= defaultSarifFile && resolve(ctx.baseDir, defaultSarifFile);
          const files = guardOf(ctx);
          if (settings.configFile) files.addInput(settings.configFile, 'configuration');
          if (writeBaseline && !settings.baseline)
            throw new InputError('--write-baseline needs --baseline FILE (where to write it)');
          const baseline = settings.baseline && !writeBaseline ? readBaseline(settings.baseline) : undefined;
          // model-ci's own files in the linted folder (a committed baseline, an earlier SARIF) are not
          // linted; any other file at an output path is refused before anything is written.
          const own: string[] = [];
          const output = (
            p: string | undefined,
            what: string,
            isOurs: (text: string) => boolean,
            writes: boolean,
          ) => {
            if (!p || inside(settings.root, p) === undefined || !existsSync(p)) return;
            let text = '';
            try {
              text = readFileSync(p, 'utf8').slice(0, 4096);
            } catch {
              /* unreadable: treated as not ours */
            }
            if (isOurs(text)) own.push(p);
            else if (writes)
              throw new InputError(`${what} ${visible(p)} is one of the linted files; choose another path`);
          };
          output(
            settings.sarifFile,
            'the SARIF file',
            (t) => /"version":\s*"2\.1\.0"/.test(t) && t.includes('model-ci'),
            true,
          );
          output(settings.baseline, 'the baseline file', (t) => t.includes(BASELINE_SCHEMA), !!writeBaseline);
          const run = await lintRepository(settings, ctx.logger, hooks, own);
          if (run.files === 0)
            throw new InputError(
              `nothing to lint: ${visible(settings.root)} has no files (after .gitignore and ignore:)`,
            );

          const active = run.findings.filter((f) => !f.suppressed);
          let written = false;
          let known = baseline;
          if (writeBaseline && settings.baseline) {
            known = makeBaseline(
              active.map((f) => ({
                rule: f.rule,
                file: f.file,
                fingerprint: f.fingerprint,
                message: f.message,
              })),
              ruleIds(),
            );
            files.write(settings.baseline, `${JSON.stringify(known, null, 2)}\n`, 'baseline file');
            written = true;
          }
          const states = compareToBaseline(run.findings, known);
          const stateOf = new Map(run.findings.map((f, i) => [f, states[i]]));

          const threshold = RANK[settings.failureThreshold];
          const failing = active.filter((f) => stateOf.get(f) === 'new' && RANK[f.severity] >= threshold);
          const count = (sev: LintSeverity, only?: BaselineState) =>
            active.filter((f) => f.severity === sev && (!only || stateOf.get(f) === only)).length;
          const errors = count('error');
          const warnings = count('warning');
          const notes = count('note');
          const newErrors = count('error', 'new');
          const newFindings = active.filter((f) => stateOf.get(f) !== 'baselined').length;
          const status: Status = failing.length ? 'fail' : errors + warnings > 0 ? 'warn' : 'pass';

          const rootFromTop = run.gitTop ? inside(run.gitTop, run.root) : undefined;
          const srcRoot = rootFromTop !== undefined ? run.gitTop! : run.root;
          let sarifPath: string | undefined;
          if (settings.sarifFile) {
            const sarif = toSarif({
              findings: run.findings,
              states,
              baseline: !!known,
              severity: settings.severity,
              srcRoot,
              rootFromSrc: rootFromTop ?? '',
            });
            sarifPath = files.write(settings.sarifFile, `${JSON.stringify(sarif, null, 2)}\n`, 'SARIF file');
          }

          const shown = (f: LintFinding) =>
            f.file ? visible(displayPath(ctx.baseDir, resolve(run.root, f.file))) : undefined;
          const findings: Finding[] = active
            .filter((f) => stateOf.get(f) !== 'baselined')
            .map((f) => {
              const newRule = stateOf.get(f) === 'new-rule';
              const finding: Finding = {
                id: f.rule,
                severity: RESULT_SEVERITY[f.severity],
                message: `${f.message}${newRule ? ' (rule added after the baseline was written: reported, not failing)' : ''}`,
                subject: ruleById(f.rule)?.name,
              };
              const file = shown(f);
              if (file) finding.file = file;
              if (f.line) finding.line = f.line;
              if (f.column) finding.column = f.column;
              return finding;
            });

          const rules: LintDetails['rules'] = {};
          for (const f of active) {
            const r = (rules[f.rule] ??= {
              name: ruleById(f.rule)!.name,
              severity: f.severity,
              count: 0,
              new: 0,
            });
            r.count++;
            if (stateOf.get(f) !== 'baselined') r.new++;
          }
          const details: LintDetails = {
            root: userPath(ctx.baseDir, run.root),
            source: run.source,
            files: run.files,
            bytes: run.bytes,
            ...(settings.baseline
              ? { baseline: { file: settings.baseline, entries: known?.findings.length ?? 0, written } }
              : {}),
            ...(sarifPath ? { sarif: sarifPath } : {}),
            rules,
            findings: run.findings.slice(0, MAX_DETAIL_FINDINGS).map((f) => ({
              rule: f.rule,
              severity: f.severity,
              ...(f.file ? { file: visible(f.file) } : {}),
              ...(f.line ? { line: f.line } : {}),
              message: f.message,
              fingerprint: f.fingerprint,
              state: stateOf.get(f)!,
              ...(f.suppressed ? { suppressed: f.suppressed } : {}),
            })),
            truncated: run.findings.length > MAX_DETAIL_FINDINGS,
          };
          const parts = [
            errors ? plural(errors, 'error') + (known ? ` (${newErrors} new)` : '') : '',
            warnings ? plural(warnings, 'warning') : '',
            notes ? plural(notes, 'note') : '',
          ].filter(Boolean);
          const suppressed = run.findings.length - active.length;
          const summary =
            (written ? `wrote the baseline with ${plural(active.length, 'finding')}; ` : '') +
            (active.length
              ? `${parts.join(', ')} in ${plural(run.files, 'file')}`
              : `no findings in ${plural(run.files, 'file')}`) +
            (suppressed ? `; ${suppressed} suppressed` : '');
          ctx.logger.info(summary);
          return {
            status,
            title: 'Lint',
            summary,
            metrics: {
              errors,
              warnings,
              notes,
              new_errors: newErrors,
              new_findings: newFindings,
              baselined: active.length - newFindings,
              suppressed,
              files: run.files,
            },
            findings,
            details: details as unknown as Record<string, unknown>,
          };
        },
        ctx.clock,
      );
    },
  };
}

export const lintStep = makeLintStep();
