// Records base-results/: what the base branch's model-ci run would have left as its artifact. The base
// branch of the demo serves the logistic-regression baseline (model/baseline/); the pull request brings the
// candidate (model/). The cost step compares this run's smoke result with this one.
// Run from the repository root after `npm run build`: node workflows-examples/demo/scripts/record-base-results.mjs
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const demo = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(demo, '..', '..', 'dist', 'cli', 'index.js');
execFileSync(
  process.execPath,
  [cli, 'smoke', '--model', 'model/baseline/model.json', '--out', 'base-results/smoke.json'],
  {
    cwd: demo,
    stdio: 'inherit',
  },
);
