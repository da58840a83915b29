import { InputError } from '../../core/errors.js';
import { isUrlLike } from '../../core/data-url.js';
import { displayPath } from '../../core/paths.js';
import type { CheckOutcome } from '../../core/result.js';
import { runCheck } from '../../core/run-check.js';
import type { StepDefinition } from '../../core/step.js';
import { dataCheck, dataCheckProfile } from './check.js';
import { readProfileState, readTableForSuite } from './inputs.js';
import { dataPresenter } from './present.js';
import { loadSuite, parseSuite } from './suite.js';
import { otherTableFiles, parseOtherTableOption, readOtherTables } from './other-tables.js';
import { guardOf, optionName, pathOptionValues } from '../../core/step.js';
import { readInputText } from '../../core/read-input.js';
import { resolve } from 'node:path';

export type FailOn = 'error' | 'warn' | 'never';

export interface DataCheckOptions {
  data?: string;
  profile?: string;
  suite: string;
  failOn: FailOn;
  /** NAME=FILE: the tables expect_table_row_count_to_equal_other_table's other_table_name refers to. */
  otherTable?: string[];
}

/**
 * `fail-on`: `error` (default) fails on a failing error-severity expectation; `warn` also on warn-severity
 * ones; `never` reports failures as warnings (for a first, observing rollout of a suite).
 */
export function applyFailOn(outcome: CheckOutcome, failOn: FailOn): CheckOutcome {
  if (failOn === 'warn' && outcome.status === 'warn') return { ...outcome, status: 'fail' };
  // Set never to fail: what would have failed is a warning, in the status and in each finding (so the
  // annotation and the console say "warning", not "error").
  if (failOn === 'never' && outcome.status === 'fail')
    return {
      ...outcome,
      status: 'warn',
      findings: outcome.findings?.map((f) => (f.severity === 'error' ? { ...f, severity: 'warning' } : f)),
    };
  return outcome;
}

export const dataCheckStep: StepDefinition<DataCheckOptions> = {
  check: 'data',
  title: 'Data quality',
  summary: 'Check data (or a merged profile) against an expectation suite in Great Expectations format',
  examples: [
    'model-ci data check --data data/eval.csv --suite expectations/eval.yml --out data.json',
    'model-ci data check --profile merged.json --suite expectations/events.json',
  ],
  options: {
    data: {
      type: 'path',
      url: true,
      description:
        'data file (CSV, JSON Lines or Parquet) or its http(s) URL (e.g. a presigned object-store URL); or give --profile',
      metavar: 'FILE|URL',
    },
    profile: {
      type: 'path',
      description: 'a profile from `data profile` / `data merge` instead of the rows (sharded data)',
      metavar: 'FILE',
    },
    suite: {
      type: 'path',
      required: true,
      description: 'expectation suite: GX JSON (0.x or 1.x) or YAML of the same structure',
      metavar: 'FILE',
    },
    otherTable: {
      type: 'list',
      description:
        "NAME=FILE for other_table_name of expect_table_row_count_to_equal_other_table (repeatable); a name not given here is a data file relative to the suite's folder, inside the repository",
      metavar: 'NAME=FILE',
    },
    failOn: {
      type: 'string',
      default: 'error',
      choices: ['error', 'warn', 'never'],
      description: 'which failing expectations fail the check: error severity, also warn severity, or never',
    },
  },
  inputFiles(options, baseDir) {
    // The path options (a data URL is fetched, not recorded), then the suite's other tables.
    const files = pathOptionValues(dataCheckStep.options, options, baseDir);
    // The suite's other tables, best effort: a suite that cannot be read is reported when the step runs.
    try {
      const mapping = parseOtherTableOption(options.otherTable, '--other-table');
      files.push(
        ...otherTableFiles(
          parseSuite(readInputText(resolve(baseDir, options.suite), { what: 'suite' }), options.suite),
          mapping,
          baseDir,
        ),
      );
    } catch {
      // reported by execute
    }
    return files;
  },
  async execute(options, ctx) {
    return runCheck(
      'data',
      { ...options },
      async () => {
        if (!!options.data === !!options.profile)
          throw new InputError('give exactly one of --data (rows) and --profile (a profile file)');
        // Paths relative to the working directory read the same files and read better in messages.
        const relSuite = await loadSuite(displayPath(ctx.baseDir, options.suite));
        const mapping = parseOtherTableOption(options.otherTable, optionName(ctx, 'otherTable'));
        const files = guardOf(ctx);
        const otherTables = await readOtherTables(
          relSuite,
          mapping,
          ctx.baseDir,
          (path) => files.addInput(path, 'other table'),
          (path) => displayPath(ctx.baseDir, path),
        );
        let outcome: CheckOutcome;
        if (options.data) {
          const table = await readTableForSuite(
            isUrlLike(options.data) ? options.data : displayPath(ctx.baseDir, options.data),
            relSuite,
            undefined,
            ctx.logger.progress,
          );
          outcome = dataCheck(table, relSuite, otherTables);
        } else {
          const state = await readProfileState(displayPath(ctx.baseDir, options.profile!));
          outcome = dataCheckProfile(state, relSuite, otherTables);
        }
        return applyFailOn(outcome, options.failOn);
      },
      ctx.clock,
    );
  },
  markdown: dataPresenter.markdown,
};
