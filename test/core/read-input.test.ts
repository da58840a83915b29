import { describe, expect, test } from '@jest/globals';
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '../../src/core/errors.js';
import { readInputBytes, readInputText } from '../../src/core/read-input.js';

function dir(): string {
  return mkdtempSync(join(tmpdir(), 'read-input-'));
}

describe('readInputText', () => {
  test('a regular file, whole', () => {
    const d = dir();
    writeFileSync(join(d, 'a.yml'), 'x: 1\n');
    expect(readInputText(join(d, 'a.yml'))).toBe('x: 1\n');
  });

  test('a FIFO without a writer is empty at once', () => {
    const d = dir();
    execFileSync('mkfifo', [join(d, 'f')]);
    expect(readInputText(join(d, 'f'))).toBe('');
  });

  test('a FIFO with a writer is read until the writer closes it', async () => {
    const d = dir();
    execFileSync('mkfifo', [join(d, 'f')]);
    // The writer opens the FIFO after a pause: the reader has to wait for it, not give up.
    const writer = spawn('sh', ['-c', 'exec 3>"$0"; sleep 0.3; printf "a: 1\\nb: 2\\n" >&3', join(d, 'f')]);
    await new Promise((r) => setTimeout(r, 100));
    expect(readInputText(join(d, 'f'))).toBe('a: 1\nb: 2\n');
    writer.kill();
  });

  test.each([
    ['a missing file', (d: string) => join(d, 'nope.yml'), /^rules file not found: .*nope\.yml$/],
    ['a folder', (d: string) => (mkdirSync(join(d, 'sub')), join(d, 'sub')), /it is a folder, not a file$/],
    [
      '/dev/zero',
      () => '/dev/zero',
      /cannot read rules file \/dev\/zero: it is a character device, not a file/,
    ],
  ])('%s is a one-line InputError', (_name, path, message) => {
    const d = dir();
    const p = path(d);
    expect(() => readInputText(p, { what: 'rules file' })).toThrow(InputError);
    expect(() => readInputText(p, { what: 'rules file' })).toThrow(message);
  });

  test('/dev/null is an empty input', () => {
    expect(readInputText('/dev/null')).toBe('');
  });

  test('a file above the limit is refused before it is read, naming the limit', () => {
    const d = dir();
    writeFileSync(join(d, 'big.json'), 'x'.repeat(2000));
    expect(() => readInputBytes(join(d, 'big.json'), { what: 'suite', maxBytes: 1000 })).toThrow(
      /cannot read suite .*big\.json: it is 2000 bytes, more than the limit of 1000 bytes/,
    );
  });
});
