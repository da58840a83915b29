import { describe, expect, test } from '@jest/globals';
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
// @ts-expect-error plain ESM script without types
import { ensureNode24 } from '../../scripts/node24.mjs';
import { ROOT } from '../helpers/run-bundle.js';

// The worker threads (the parallel CSV reader's and the sorts') are entries of their own, bundled beside
// each bundle's index.js by scripts/build.mjs, and run from there under Node 24 as on a runner.

const run = promisify(execFile);
const WORKERS = ['csv-worker.js', 'sort-worker.js'];
const bundles = (
  JSON.parse(readFileSync(join(ROOT, 'scripts/bundles.json'), 'utf8')) as { name: string; worker?: boolean }[]
).filter((b) => !b.worker);

describe('worker files in dist/', () => {
  test.each(bundles.map((b) => b.name))('dist/%s has every worker its code starts, and no loader', (name) => {
    const dir = join(ROOT, 'dist', name);
    const code = readFileSync(join(dir, 'index.js'), 'utf8');
    for (const worker of WORKERS) {
      if (!code.includes(worker)) continue;
      expect([name, existsSync(join(dir, worker))]).toEqual([name, true]);
      // One self-contained file: it imports no chunk of the bundle.
      expect(readFileSync(join(dir, worker), 'utf8')).not.toMatch(/from ['"]\.\//);
    }
    // The source-mode loader (src/threads/ts-loader.mjs) must not be carried along.
    expect(existsSync(join(dir, 'ts-loader.mjs'))).toBe(false);
  });

  test('the bundles that read data carry the CSV worker', () => {
    for (const name of ['cli', 'data-check', 'drift', 'main']) {
      expect([name, existsSync(join(ROOT, 'dist', name, 'csv-worker.js'))]).toEqual([name, true]);
      expect([name, existsSync(join(ROOT, 'dist', name, 'sort-worker.js'))]).toEqual([name, true]);
    }
  });
});

/** A CSV above the two-thread threshold (32 MiB): integers, floats written with decimals, a category. */
function bigCsv(dir: string): string {
  const file = join(dir, 'big.csv');
  const parts = ['id,whole,price,city\n'];
  const cities = ['Oslo', 'Lima', 'Pune', 'Kyiv', 'Doha'];
  for (let i = 0; i < 1_500_000; i++) {
    // `whole` is written 64.0-style: pandas reads float64, and so must both threads.
    parts.push(`${i},${i % 90}.0,${((i * 7919) % 100000) / 100},${cities[i % 5]}\n`);
  }
  writeFileSync(file, parts.join(''));
  return file;
}

/** dist/cli copied to `dir`, each worker wrapped to leave a marker file when it starts. */
function instrumentedCli(dir: string): string {
  const cli = join(dir, 'cli');
  cpSync(join(ROOT, 'dist/cli'), cli, { recursive: true });
  for (const worker of WORKERS) {
    const original = worker.replace('.js', '.original.js');
    renameSync(join(cli, worker), join(cli, original));
    writeFileSync(
      join(cli, worker),
      `import { appendFileSync } from 'node:fs';\n` +
        `appendFileSync(process.env.WORKER_MARKS, '${worker}\\n');\n` +
        `await import('./${original}');\n`,
    );
  }
  return cli;
}

describe('dist/cli under Node 24 runs its workers from its own folder', () => {
  test('a 36 MB CSV is read and profiled on two threads, with the result of one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'workers-'));
    const data = bigCsv(dir);
    const cli = instrumentedCli(dir);
    const node = ensureNode24() as string;
    const marks = join(dir, 'marks.txt');
    writeFileSync(marks, '');
    const profile = async (out: string) => {
      await run(
        node,
        [
          join(cli, 'index.js'),
          'data',
          'profile',
          '--data',
          data,
          '--out',
          out,
          '--suite-out',
          `${out}.yml`,
          '--quiet',
        ],
        { env: { ...process.env, WORKER_MARKS: marks }, cwd: dir },
      );
      const result = JSON.parse(readFileSync(out, 'utf8'));
      return { details: result.details, suite: readFileSync(`${out}.yml`, 'utf8') };
    };
    const two = await profile(join(dir, 'two.json'));
    // Both workers started from dist/cli (the CSV reader's second half; the sorts).
    expect(readFileSync(marks, 'utf8').split('\n').filter(Boolean).sort()).toEqual(WORKERS);
    expect(two.suite).toMatch(/column: whole\n\s+type_: float64/);
    expect(two.suite).toMatch(/column: id\n\s+type_: int64/);
    // Without the worker files the bundle falls back to one thread: the same profile, bit for bit.
    for (const worker of WORKERS) rmSync(join(cli, worker));
    writeFileSync(marks, '');
    const one = await profile(join(dir, 'one.json'));
    expect(readFileSync(marks, 'utf8')).toBe('');
    expect(one).toEqual(two);
  }, 120_000);
});
