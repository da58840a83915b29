import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { dataProfile } from '../../checks/data/check.js';
import { inferSuiteFromTable, suiteToJson, suiteToYaml } from '../../checks/data/infer.js';
import { parseShard } from '../../checks/data/shard.js';
import { dataLocation, isUrlLike, shownData } from '../../core/data-url.js';
import { InputError } from '../../core/errors.js';
import { FileGuard } from '../../core/file-guard.js';
import { finishOptions, kebab } from '../../core/options.js';
import { runCheck } from '../../core/run-check.js';
import { readTable } from '../../data/read-table.js';
import { cliLogger } from '../cli-logger.js';
import type { Command } from '../command.js';
import { emitResult } from '../emit-result.js';

interface ProfileOptions {
  data: string;
  columns?: string[];
  shard?: string;
  suiteOut?: string;
  maxCategories: number;
  sketchK: number;
  force?: boolean;
}

export const dataProfileCommand: Command = {
  name: 'data profile',
  summary:
    'Profile a data file (counts, nulls, mean, std, quantiles, value counts) with mergeable state for sharded data',
  options: {
    data: {
      type: 'path',
      url: true,
      required: true,
      description: 'data file (CSV, JSON Lines or Parquet) or its http(s) URL',
      metavar: 'FILE|URL',
    },
    columns: { type: 'list', description: 'profile only these columns' },
    shard: {
      type: 'string',
      description: 'profile shard I of N (rows [I·rows/N, (I+1)·rows/N)), e.g. 0/4',
      metavar: 'I/N',
    },
    suiteOut: {
      type: 'path',
      description: 'also write an inferred expectation suite (.yml, or GX JSON for .json) to commit and edit',
      metavar: 'FILE',
    },
    maxCategories: {
      type: 'integer',
      default: 20,
      min: 1,
      max: 100_000,
      description: 'infer in-set expectations for categoricals with at most this many values',
    },
    sketchK: {
      type: 'integer',
      default: 200,
      min: 8,
      max: 65_536,
      description:
        'KLL quantile sketch size: rank error below 2/k (1% at 200); raise it (e.g. 2000) for tighter drift from profiles',
      metavar: 'K',
    },
    force: { type: 'boolean', description: 'overwrite an existing --suite-out file' },
  },
  examples: [
    'model-ci data profile --data data/train.csv --out profile.json --suite-out expectations/train.yml',
    'model-ci data profile --data data/events.csv --shard 0/4 --out profile-0.json',
  ],
  async run(values, _positionals, io) {
    const o = finishOptions<ProfileOptions>(dataProfileCommand.options, values, (k) => `--${kebab(k)}`);
    const shard = o.shard ? parseShard(o.shard) : undefined;
    const suiteOut = o.suiteOut ? resolve(io.cwd, o.suiteOut) : undefined;
    // An inferred suite is meant to be edited by hand: never overwrite one silently.
    if (suiteOut && existsSync(suiteOut) && !o.force) {
      throw new InputError(
        `--suite-out ${o.suiteOut} exists; pass --force to overwrite it (your edits would be lost)`,
      );
    }
    const files = new FileGuard(io.cwd, { root: io.cwd });
    // A URL is fetched, not a file: nothing to record; it is shown without its credentials.
    const shown = shownData(o.data);
    if (!isUrlLike(o.data)) files.addInput(o.data, '--data');
    if (suiteOut) files.claimOutput(suiteOut, '--suite-out');
    if (typeof values.out === 'string') files.claimOutput(values.out, '--out');
    const logger = cliLogger(io, { quiet: values.quiet as boolean, debug: values.debug as boolean });
    const result = await runCheck('data-profile', { ...o }, async () => {
      logger.info(`reading ${shown}`);
      const table = {
        ...(await readTable(dataLocation(io.cwd, o.data), {
          columns: o.columns,
          progress: logger.progress?.(`reading ${shown}`),
        })),
        file: shown,
      };
      const outcome = dataProfile(table, { shard, sketchK: o.sketchK });
      if (suiteOut) {
        const suite = inferSuiteFromTable(table, { source: shown, maxCategories: o.maxCategories });
        files.write(
          suiteOut,
          suiteOut.endsWith('.json') ? suiteToJson(suite) : suiteToYaml(suite, { source: shown }),
          '--suite-out',
        );
        logger.info(`wrote the inferred suite to ${o.suiteOut}`);
      }
      return outcome;
    });
    return emitResult(result, values, io, files);
  },
};
