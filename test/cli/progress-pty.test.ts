/**
 * Progress on a real pseudo-terminal (python3's pty module) against the built CLI (dist/cli/index.js):
 * a bar on stderr when stderr is a terminal, one line per phase in a pipe (CI), nothing with --quiet, and
 * never anything on stdout or in the result. MODEL_CI_PROGRESS_DELAY_MS=0 shows progress at once, so no
 * assertion depends on how fast the machine reads.
 */
import { beforeAll, describe, expect, test } from '@jest/globals';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../helpers/run-bundle.js';

const CLI = join(ROOT, 'dist/cli/index.js');
const dir = mkdtempSync(join(tmpdir(), 'progress-pty-'));
const data = join(dir, 'big.csv');
const env = { ...process.env, MODEL_CI_PROGRESS_DELAY_MS: '0', NO_COLOR: '1' };

beforeAll(() => {
  // ~4 MB: several read batches (1 MiB each), so the bar is drawn more than once.
  const lines = ['id,x,city'];
  for (let i = 0; i < 160_000; i++) lines.push(`${i},${(i * 0.37) % 101},c${i % 7}`);
  writeFileSync(data, lines.join('\n') + '\n');
});

function onTerminal(args: string[]): { code: number; stdout: string; stderr: string } {
  const out = execFileSync(
    '/usr/bin/python3',
    [join(ROOT, 'test/helpers/pty-run.py'), process.execPath, CLI, ...args],
    {
      cwd: dir,
      env,
      encoding: 'utf8',
    },
  );
  return JSON.parse(out) as { code: number; stdout: string; stderr: string };
}

describe('progress on a pseudo-terminal', () => {
  test('stderr on a terminal: a bar redrawn in place, then one line with size, rows and time', () => {
    const r = onTerminal(['data', 'profile', '--data', 'big.csv', '--out', 'profile.json']);
    expect(r.code).toBe(0);
    // Redrawn in place: carriage return and erase-line before each frame.
    expect(r.stderr).toContain('\r\u001b[Kreading big.csv [');
    expect(r.stderr).toMatch(
      /reading big\.csv \[[█░]{20}\] \d+% [\d.]+ [kM]?B \/ 4\.\d+ MB, [\d\u202f]+ rows/,
    );
    expect(r.stderr).toMatch(/reading big\.csv: 4\.\d+ MB, 160\u202f000 rows in [\d.]+ m?s\r?\n/);
    // stdout (a pipe here) has the summary and the profile, no progress; the result neither.
    expect(r.stdout).toContain('Data profile: pass');
    expect(r.stdout).not.toMatch(/reading|\r|█/);
    expect(readFileSync(join(dir, 'profile.json'), 'utf8')).not.toMatch(/█|reading big/);
  });

  test('--quiet on a terminal: no progress at all', () => {
    const r = onTerminal(['data', 'profile', '--data', 'big.csv', '--quiet']);
    expect(r.code).toBe(0);
    expect(r.stderr).not.toMatch(/█|rows in/);
  });
});

describe('progress without a terminal (CI)', () => {
  test('one line per phase with its time, no bar, nothing on stdout', () => {
    const r = spawnSync(process.execPath, [CLI, 'drift', '--reference', 'big.csv', '--current', 'big.csv'], {
      cwd: dir,
      env,
      encoding: 'utf8',
    });
    expect(r.status).toBe(0);
    expect(r.stderr).not.toMatch(/\r|█/);
    expect(r.stderr.includes('\u001b')).toBe(false);
    const phases = r.stderr.split('\n').filter((l) => / rows in /.test(l));
    expect(phases).toHaveLength(2);
    for (const l of phases)
      expect(l).toMatch(/^reading big\.csv: 4\.\d+ MB, 160\u202f000 rows in [\d.]+ m?s$/);
    expect(r.stdout).not.toMatch(/rows in/);
  });
});
