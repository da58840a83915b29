// Makes ../base-results/: the result files of the demo's "base branch" (../base/.model-ci.yml), produced
// by model-ci's own CLI, so `npm run demo` shows the report's changes against a base. Run from the
// repository root after `npm run build`:
//   node workflows-examples/demo/scripts/make-base-results.mjs
// Only the result JSON files are kept; absolute paths of this machine are made relative to the demo folder,
// and times are pinned, so running it again gives the same files apart from measured latencies.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const demo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const root = resolve(demo, '../..');
const out = join(demo, 'base-results');
const temp = mkdtempSync(join(tmpdir(), 'base-results-'));
try {
  try {
    execFileSync(
      process.execPath,
      [
        join(root, 'dist/cli/index.js'),
        'run',
        '--config',
        join(demo, 'base/.model-ci.yml'),
        '--out-dir',
        temp,
        '--quiet',
      ],
      { stdio: 'inherit' },
    );
  } catch (e) {
    // Exit 1 (a failing check) still wrote every result; anything else is a real problem.
    if (e.status !== 1) throw e;
  }
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out);
  for (const name of readdirSync(temp)
    .filter((n) => n.endsWith('.json'))
    .sort()) {
    const text = readFileSync(join(temp, name), 'utf8')
      .split(`${demo}/`)
      .join('')
      .split(root + '/')
      .join('')
      .replace(/"startedAt": "[^"]*"/, '"startedAt": "2026-11-24T09:00:00.000Z"');
    writeFileSync(join(out, name), text);
    console.log(`base-results/${name}`);
  }
} finally {
  rmSync(temp, { recursive: true, force: true });
}
