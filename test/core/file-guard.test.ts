import { describe, expect, test } from '@jest/globals';
import {
  linkSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '../../src/core/errors.js';
import { FileGuard, writeAtomic } from '../../src/core/file-guard.js';
import { confine } from '../../src/core/confine.js';
import { neutralizeCommands, visible } from '../../src/core/visible.js';
import { jsonTooDeepAt } from '../../src/core/nesting.js';

function dir(): string {
  const d = mkdtempSync(join(tmpdir(), 'guard-'));
  writeFileSync(join(d, 'in.csv'), 'a\n1\n');
  return d;
}

describe('FileGuard', () => {
  test.each([
    ['the same path', (d: string) => join(d, 'in.csv')],
    ['a symlink to the input', (d: string) => (symlinkSync(join(d, 'in.csv'), join(d, 'ln')), join(d, 'ln'))],
    [
      'a hard link to the input',
      (d: string) => (linkSync(join(d, 'in.csv'), join(d, 'hard')), join(d, 'hard')),
    ],
    [
      'a path through a symlinked folder',
      (d: string) => (symlinkSync(d, join(d, 'up')), join(d, 'up', 'in.csv')),
    ],
  ])('refuses an output that is %s', (_name, make) => {
    const d = dir();
    const out = make(d);
    const g = new FileGuard(d);
    g.addInput('in.csv');
    expect(() => g.claimOutput(out, '--out')).toThrow(/--out .* is one of the input files/);
    expect(readFileSync(join(d, 'in.csv'), 'utf8')).toBe('a\n1\n');
  });

  test('refuses two outputs on one path and a folder as output', () => {
    const d = dir();
    const g = new FileGuard(d);
    g.claimOutput('r.json', '--out');
    expect(() => g.claimOutput(join(d, 'r.json'), '--sarif')).toThrow('is also the path of --out');
    mkdirSync(join(d, 'sub'));
    expect(() => g.claimOutput('sub', '--out')).toThrow('it is a folder, not a file');
  });

  test('writes atomically, replacing a link rather than writing through it', () => {
    const d = dir();
    writeFileSync(join(d, 'old.json'), 'old');
    linkSync(join(d, 'old.json'), join(d, 'other.json'));
    new FileGuard(d).write('old.json', 'new', '--out');
    expect(readFileSync(join(d, 'old.json'), 'utf8')).toBe('new');
    expect(readFileSync(join(d, 'other.json'), 'utf8')).toBe('old');
    expect(readdirSync(d).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  test('an unwritable place is a one-line InputError', () => {
    const d = dir();
    expect(() => writeAtomic(join(d, 'in.csv', 'x.json'), 'x', '--out')).toThrow(InputError);
    expect(() => writeAtomic(join(d, 'in.csv', 'x.json'), 'x', '--out')).toThrow(
      /cannot write --out to .*: a file stands where a folder must be/,
    );
  });
});

describe('confine', () => {
  test('keeps names inside the root, after symlinks', () => {
    const d = dir();
    mkdirSync(join(d, 'model'));
    symlinkSync('/etc', join(d, 'model', 'etc'));
    expect(confine(join(d, 'model'), 'w.bin')).toMatchObject({ ok: true });
    expect(confine(join(d, 'model'), 'sub/../w.bin')).toMatchObject({ ok: true });
    expect(confine(join(d, 'model'), '../../../../etc/passwd')).toMatchObject({ ok: false });
    expect(confine(join(d, 'model'), '/etc/passwd')).toMatchObject({ ok: false });
    expect(confine(join(d, 'model'), 'etc/passwd')).toMatchObject({ ok: false });
    expect(confine(join(d, 'model'), 'etc/missing/x')).toMatchObject({ ok: false });
  });
});

describe('visible text', () => {
  test('control characters become escapes; commands are broken', () => {
    expect(visible('x\n::error title=injected::pwned')).toBe('x\\n::error title=injected::pwned');
    expect(visible('a\r\x1b[2J\u202eb\u0085')).toBe('a\\r\\x1b[2J\\u202eb\\x85');
    expect(neutralizeCommands('ok\n  ::add-mask::secret')).toBe('ok\n  :\u200b:add-mask::secret');
    expect(neutralizeCommands('::error::x')).not.toMatch(/^::/);
  });

  test('nesting beyond the limit is found before parsing', () => {
    expect(jsonTooDeepAt('['.repeat(1001) + ']'.repeat(1001))).toBe(1000);
    expect(jsonTooDeepAt('["[[[[["]', 2)).toBe(-1);
  });
});
