import { describe, expect, test } from '@jest/globals';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { confineNamed, escapesRoot, OutsideFolderError, repositoryRoot } from '../../src/core/confine.js';
import { FileGuard } from '../../src/core/file-guard.js';
import { neutralizeCommands } from '../../src/core/visible.js';

function repo(): string {
  const d = mkdtempSync(join(tmpdir(), 'confine-'));
  mkdirSync(join(d, '.git'));
  mkdirSync(join(d, 'sub', 'deep'), { recursive: true });
  writeFileSync(join(d, 'sub', 'a.csv'), 'a\n1\n');
  symlinkSync('/etc', join(d, 'etc'));
  return d;
}

describe('escapesRoot', () => {
  test("a link inside the root that leads out is refused; a path named outside is the caller's choice", () => {
    const d = repo();
    expect(escapesRoot(d, join(d, 'sub', 'a.csv'), false)).toBeUndefined();
    expect(escapesRoot(d, join(d, 'etc', 'passwd'), false)).toMatch(/symbolic link to \/etc\/passwd/);
    expect(escapesRoot(d, '/etc/passwd', false)).toBeUndefined();
    expect(escapesRoot(d, '/etc/passwd', true)).toMatch(/is outside/);
  });

  test('the repository of a folder is the nearest one holding .git', () => {
    const d = repo();
    expect(repositoryRoot(join(d, 'sub', 'deep'))).toBe(d);
  });

  test('FileGuard with a root refuses an input that leads out through a link', () => {
    const d = repo();
    const g = new FileGuard(d, { root: d });
    g.addInput('sub/a.csv', '--data');
    expect(() => g.addInput('etc/passwd', '--data')).toThrow(/--data etc\/passwd leads out of /);
    g.addInput('/etc/hostname', '--data'); // named outside on purpose: allowed
  });
});

describe('confineNamed', () => {
  test('names the file, the key and the path; the error is a DataFormatError subclass', () => {
    const d = repo();
    expect(confineNamed(d, 'sub/a.csv', 'model.json', 'paths[0]')).toBe(join(d, 'sub', 'a.csv'));
    let error: unknown;
    try {
      confineNamed(d, '../x\n::error::y', 'model.json', 'paths[1]');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(OutsideFolderError);
    expect((error as Error).message).toBe(
      `model.json: paths[1] names "../x\\n::error::y" outside the model's folder (it leads out of ${d}); a model may only name files inside its folder`,
    );
  });
});

describe('neutralizeCommands', () => {
  test('breaks both command forms the runner parses, after blanks too', () => {
    expect(neutralizeCommands('##[add-mask]x')).not.toMatch(/^##\[/);
    expect(neutralizeCommands('a\n  ::set-output name=a::b')).not.toMatch(/\n\s*::/);
    expect(neutralizeCommands('ok ## [not a command] :: fine')).toBe('ok ## [not a command] :: fine');
  });
});
