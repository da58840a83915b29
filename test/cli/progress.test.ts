/**
 * Progress of long work on stderr: a bar on a terminal, one line per phase without one, nothing with
 * --quiet, never on stdout or in the result. The clock is injected (no assertion depends on timing); the
 * real terminal test is test/cli/progress-pty.test.ts.
 */
import { describe, expect, test } from '@jest/globals';
import { cliProgress, formatBytes } from '../../src/cli/progress-bar.js';
import type { CliIo } from '../../src/cli/io.js';

function fakeIo(isTTY: boolean, env: Record<string, string> = {}) {
  let stderr = '';
  let stdout = '';
  const io: CliIo = {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    cwd: '/',
    env,
    isTTY,
  };
  return { io, err: () => stderr, out: () => stdout };
}

/** A clock the test moves by hand. */
function clock() {
  let t = 0;
  return { now: () => t, advance: (ms: number) => void (t += ms) };
}

describe('cliProgress', () => {
  test('on a terminal: nothing for the first 2 s, then a bar with bytes, rows and ETA, then one line', () => {
    const { io, err, out } = fakeIo(true);
    const c = clock();
    const p = cliProgress(io, { now: c.now })('reading data/big.csv');
    c.advance(500);
    p.update(10e6, 100e6, 50_000);
    expect(err()).toBe('');
    c.advance(1500); // 2 s in, 25% done: 6 s to go
    p.update(25e6, 100e6, 125_000);
    expect(err()).toBe(
      '\r\u001b[Kreading data/big.csv [█████░░░░░░░░░░░░░░░] 25% 25 MB / 100 MB, 125\u202f000 rows, ETA 6 s',
    );
    c.advance(50); // redrawn at most 10 times a second
    p.update(26e6, 100e6, 130_000);
    expect(err().split('\r\u001b[K')).toHaveLength(2);
    c.advance(6000);
    p.update(100e6, 100e6, 500_000);
    p.end();
    expect(err().endsWith('\r\u001b[Kreading data/big.csv: 100 MB, 500\u202f000 rows in 8.1 s\n')).toBe(true);
    expect(out()).toBe('');
  });

  test('on a terminal, a fast phase draws nothing at all', () => {
    const { io, err } = fakeIo(true);
    const c = clock();
    const p = cliProgress(io, { now: c.now })('reading small.csv');
    p.update(1000, 1000, 10);
    c.advance(30);
    p.end();
    expect(err()).toBe('');
  });

  test('without a terminal (CI): no bar, one line per long phase with its time', () => {
    const { io, err } = fakeIo(false);
    const c = clock();
    const start = cliProgress(io, { now: c.now });
    const slow = start('reading a.csv');
    for (let i = 1; i <= 10; i++) {
      c.advance(400);
      slow.update(i * 1e6, 10e6, i * 1000);
    }
    slow.end();
    const fast = start('reading b.csv');
    fast.update(10, 10, 1);
    fast.end();
    expect(err()).toBe('reading a.csv: 10 MB, 10\u202f000 rows in 4 s\n');
  });

  test('--quiet: nothing, however long', () => {
    const { io, err } = fakeIo(true);
    const c = clock();
    const p = cliProgress(io, { now: c.now, quiet: true })('reading a.csv');
    c.advance(10_000);
    p.update(5, 10, 1);
    p.end();
    expect(err()).toBe('');
  });

  test('a failed phase clears its bar and prints no time; labels are made visible', () => {
    const { io, err } = fakeIo(true, { MODEL_CI_PROGRESS_DELAY_MS: '0' });
    const c = clock();
    const p = cliProgress(io, { now: c.now })('reading \u001b[2Jx.csv');
    c.advance(200);
    p.update(5, 10, 1);
    p.end(false);
    expect(err()).toContain('reading \\x1b[2Jx.csv [');
    expect(err().endsWith('\r\u001b[K')).toBe(true);
  });

  test.each([
    [800, '800 B'],
    [12_345, '12.3 kB'],
    [27_100_000, '27.1 MB'],
    [3.5e9, '3.5 GB'],
  ])('formatBytes(%p) = %s', (n, text) => expect(formatBytes(n)).toBe(text));
});
