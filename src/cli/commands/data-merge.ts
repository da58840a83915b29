import { resolve } from 'node:path';
import { dataMerge } from '../../checks/data/check.js';
import { readProfileState } from '../../checks/data/inputs.js';
import { InputError } from '../../core/errors.js';
import { FileGuard } from '../../core/file-guard.js';
import { runCheck } from '../../core/run-check.js';
import type { Command } from '../command.js';
import { emitResult } from '../emit-result.js';

export const dataMergeCommand: Command = {
  name: 'data merge',
  summary: 'Merge profiles of shards (from `data profile`) into one profile; associative and commutative',
  options: {},
  positionals: { metavar: 'PROFILE...', max: 10_000 },
  examples: ['model-ci data merge profiles/profile-*.json --out merged.json'],
  async run(values, positionals, io) {
    if (positionals.length === 0)
      throw new InputError('data merge needs the profile files to merge (at least one)');
    const files = new FileGuard(io.cwd, { root: io.cwd });
    files.addInputs(positionals, 'profile');
    if (typeof values.out === 'string') files.claimOutput(values.out, '--out');
    const result = await runCheck('data-merge', { profiles: positionals }, async () =>
      dataMerge(await Promise.all(positionals.map((f) => readProfileState(resolve(io.cwd, f))))),
    );
    return emitResult(result, values, io, files);
  },
};
