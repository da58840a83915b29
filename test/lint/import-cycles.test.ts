import { describe, expect, test } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
// @ts-expect-error plain ESM script without types
import { findCycles, importGraph } from '../../scripts/import-cycles.mjs';
import { ROOT } from '../helpers/run-bundle.js';

// `npm run lint` runs scripts/import-cycles.mjs: a circle of static imports fails it.

function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'import-cycles-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

function run(dir: string): { status: number; stderr: string } {
  try {
    execFileSync(process.execPath, [join(ROOT, 'scripts/import-cycles.mjs'), dir], {
      encoding: 'utf8',
      stdio: 'pipe',
    });
    return { status: 0, stderr: '' };
  } catch (error) {
    const e = error as { status: number; stderr: string };
    return { status: e.status, stderr: e.stderr };
  }
}

describe('import circles', () => {
  test('the tree has none (src, test, bench, scripts)', () => {
    const { status, stderr } = run(join(ROOT, 'src'));
    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect(run(join(ROOT, 'test')).status).toBe(0);
  });

  test('a circle through a type-only import and a re-export is reported with each import line', () => {
    const dir = tree({
      'a.ts': "import { b } from './sub/b.js';\nexport const a = b + 1;\n",
      'sub/b.ts': "\nexport { c as b } from '../c.js';\n",
      'c.ts': "import type { A } from './d.js';\nexport const c = 1;\n",
      'd.ts': "import { a } from './a.js';\nexport type A = typeof a;\n",
      'lazy.ts': "export const load = () => import('./a.js');\nimport './lazy-user.js';\n",
      'lazy-user.ts': "import { load } from './lazy.js';\nvoid load;\n",
    });
    const { status, stderr } = run(dir);
    expect(status).toBe(1);
    const lines = stderr.trim().split('\n');
    // The two circles, each once; the dynamic import() of lazy.ts makes none.
    expect(lines).toHaveLength(3);
    const rel = (p: string) => p.replaceAll(`${relative(ROOT, dir)}/`, '');
    expect(lines.map(rel)).toEqual(
      expect.arrayContaining([
        'import circle: a.ts:1 → sub/b.ts:2 → c.ts:1 → d.ts:1 → a.ts',
        'import circle: lazy-user.ts:1 → lazy.ts:2 → lazy-user.ts',
      ]),
    );
    expect(lines[2]).toBe('2 import circles: move what both sides need into a module of its own');
  });

  test('findCycles on a graph: a self-import is a circle, a diamond is not', () => {
    const graph = new Map([
      [
        'x',
        [
          { to: 'y', line: 1 },
          { to: 'z', line: 2 },
        ],
      ],
      ['y', [{ to: 'w', line: 1 }]],
      ['z', [{ to: 'w', line: 1 }]],
      ['w', []],
      ['s', [{ to: 's', line: 3 }]],
    ]);
    expect(findCycles(graph)).toEqual([[{ file: 's', line: 3 }, { file: 's' }]]);
    expect(importGraph([])).toEqual(new Map());
  });
});
