/**
 * Hostile class 6 — unwritable outputs: a folder the process may not write to (EACCES/EPERM), a read-only
 * file system (EROFS), a full disk (ENOSPC), a file where a folder must be (ENOTDIR) and a folder where a
 * file must be (EISDIR), for every kind of output. Each is one line — "cannot write <what> to <path>:
 * <reason>" — before the check runs where it can be known then; a full disk shows while writing, and then
 * the previous output is intact and no temporary file is left behind (writes are atomic).
 *
 * Read-only and full file systems are real tmpfs mounts (this needs root, as in CI); the permission case
 * runs the bundle as the unprivileged user `nobody` through setpriv, and in-process with an immutable
 * folder (root ignores permission bits, not the immutable flag).
 */
import { afterAll, describe, expect, test } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expectOneLineError, runCase, table, type HostileCase, type Run } from './hostile.js';

const ROOT_USER = process.getuid?.() === 0;
const mounted: string[] = [];

afterAll(() => {
  for (const m of mounted) {
    try {
      execFileSync('umount', ['-l', m]);
    } catch {
      // already gone
    }
  }
});

/** A tmpfs at `dir/name` (read-only, or `size` bytes); unmounted by cleanup and after all tests. */
function tmpfs(dir: string, name: string, options: string): string {
  const at = join(dir, name);
  mkdirSync(at, { recursive: true });
  execFileSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', at]);
  mounted.push(at);
  return at;
}

function unmount(dir: string, name: string): void {
  try {
    execFileSync('umount', ['-l', join(dir, name)]);
  } catch {
    // already gone
  }
}

const readOnly = (name: string): Pick<HostileCase, 'prepare' | 'cleanup'> => ({
  prepare: (dir) => void tmpfs(dir, name, 'ro,size=64k'),
  cleanup: (dir) => unmount(dir, name),
});

/** A 64 KiB tmpfs filled to the last byte, holding `old.json` from an earlier run. */
const full = (name: string): Pick<HostileCase, 'prepare' | 'cleanup'> => ({
  prepare: (dir) => {
    const at = tmpfs(dir, name, 'size=64k');
    writeFileSync(join(at, 'old.json'), '{"previous": true}\n');
    try {
      execFileSync('dd', ['if=/dev/zero', `of=${join(at, 'fill')}`, 'bs=4096'], { stdio: 'ignore' });
    } catch {
      // dd stops at ENOSPC: the disk is full
    }
  },
  cleanup: (dir) => unmount(dir, name),
});

/** A folder nobody may write into: immutable for root (in-process), mode 0555 for everyone else. */
const locked = (name: string): Pick<HostileCase, 'prepare' | 'cleanup'> => ({
  prepare: (dir) => {
    mkdirSync(join(dir, name), { recursive: true });
    if (ROOT_USER) execFileSync('chattr', ['+i', join(dir, name)]);
    else chmodSync(join(dir, name), 0o555);
  },
  cleanup: (dir) => {
    if (ROOT_USER) execFileSync('chattr', ['-i', join(dir, name)]);
    else chmodSync(join(dir, name), 0o755);
  },
});

const error = (message: RegExp) => (run: Run) => expectOneLineError(run, message);

/** The disk filled up while writing: the old output is whole, no temporary file is left. */
const diskFull = (what: RegExp, folder: string) => (run: Run, dir: string) => {
  expectOneLineError(run, what);
  expect(readFileSync(join(dir, folder, 'old.json'), 'utf8')).toBe('{"previous": true}\n');
  expect(readdirSync(join(dir, folder)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
};

const METRICS = [
  'metrics',
  '--data',
  'predictions/eval-predictions.csv',
  '--label',
  'churned',
  '--score',
  'p_candidate',
];
const CONFIG =
  'version: 1\nmetrics:\n  data: predictions/eval-predictions.csv\n  label: churned\n  score: p_candidate\n';

const cases: HostileCase[] = [
  {
    name: 'metrics --out into a folder this process may not write to',
    demo: true,
    ...locked('locked'),
    args: [...METRICS, '--out', 'locked/m.json'],
    check: error(/cannot write --out to locked\/m\.json: permission denied/),
  },
  {
    name: 'metrics --out into a root-owned folder, run as nobody (EACCES)',
    demo: true,
    bundlesOnly: true,
    prepare: (dir) => {
      chmodSync(dir, 0o755); // nobody may read the workspace…
      mkdirSync(join(dir, 'root-only'), { mode: 0o755 }); // …but not write into this folder
    },
    prefix: () => (ROOT_USER ? ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups'] : []),
    args: [...METRICS, '--out', 'root-only/m.json'],
    check: error(/cannot write --out to root-only\/m\.json: permission denied/),
  },
  {
    name: 'data profile --suite-out into a folder this process may not write to',
    demo: true,
    ...locked('locked'),
    args: ['data', 'profile', '--data', 'data/eval.csv', '--suite-out', 'locked/s.yml'],
    check: error(/cannot write --suite-out to locked\/s\.yml: permission denied/),
  },
  {
    name: 'smoke --record-golden into a folder this process may not write to',
    demo: true,
    ...locked('locked'),
    args: ['smoke', '--model', 'model/model.json', '--golden', 'locked/g.json', '--record-golden'],
    check: error(/cannot write golden file to locked\/g\.json: permission denied/),
  },
  {
    name: 'metrics --out on a read-only file system (EROFS)',
    demo: true,
    ...readOnly('ro'),
    args: [...METRICS, '--out', 'ro/m.json'],
    check: error(/cannot write --out to ro\/m\.json: the file system is read-only/),
  },
  {
    name: 'run --out-dir on a read-only file system (refused before any check)',
    demo: true,
    files: { 'cfg.yml': CONFIG },
    ...readOnly('ro'),
    args: ['run', '--config', 'cfg.yml', '--out-dir', 'ro/report'],
    check: error(/cannot write result file to .*ro\/report\/metrics\.json: the file system is read-only/),
  },
  {
    name: 'drift action: result-path on a read-only file system',
    demo: true,
    ...readOnly('ro'),
    action: {
      name: 'drift',
      inputs: { reference: 'data/reference.csv', current: 'data/current.csv', 'result-path': 'ro/d.json' },
    },
    check: error(/cannot write input "result-path" to ro\/d\.json: the file system is read-only/),
  },
  {
    name: 'root action: out-dir on a read-only file system',
    demo: true,
    files: { 'cfg.yml': CONFIG },
    ...readOnly('ro'),
    action: { name: 'main', inputs: { config: 'cfg.yml', 'out-dir': 'ro/report' } },
    check: error(/cannot write result file to .*ro\/report\/metrics\.json: the file system is read-only/),
  },
  {
    name: 'metrics --out on a full disk (ENOSPC): the previous output stays whole',
    demo: true,
    ...full('full'),
    args: [...METRICS, '--out', 'full/old.json'],
    check: diskFull(/cannot write --out to full\/old\.json: no space left on the device/, 'full'),
  },
  {
    name: 'data profile --out on a full disk',
    demo: true,
    ...full('full'),
    args: ['data', 'profile', '--data', 'data/eval.csv', '--out', 'full/old.json'],
    check: diskFull(/cannot write --out to full\/old\.json: no space left on the device/, 'full'),
  },
  {
    name: 'gate action: result-path on a full disk',
    demo: true,
    files: { 'rules.yml': 'rules:\n  roc_auc: { threshold: 0.5 }\n' },
    ...full('full'),
    action: {
      name: 'gate',
      inputs: {
        data: 'predictions/eval-predictions.csv',
        label: 'churned',
        candidate: 'p_candidate',
        rules: 'rules.yml',
        'result-path': 'full/old.json',
      },
    },
    check: diskFull(
      /cannot write input "result-path" to full\/old\.json: no space left on the device/,
      'full',
    ),
  },
  {
    name: 'metrics --out below a file, where a folder must be (ENOTDIR)',
    demo: true,
    args: [...METRICS, '--out', 'predictions/eval-predictions.csv/m.json'],
    check: error(
      /cannot write --out to .*eval-predictions\.csv\/m\.json: a file stands where a folder must be/,
    ),
  },
  {
    name: 'run --out-dir is a file',
    demo: true,
    files: { 'cfg.yml': CONFIG, report: 'not a folder' },
    args: ['run', '--config', 'cfg.yml', '--out-dir', 'report'],
    check: error(/cannot write result file to .*report\/metrics\.json: a file stands where a folder must be/),
  },
  {
    name: 'drift --out is a folder, where a file must be (EISDIR)',
    demo: true,
    files: { 'd.json': { dir: true } },
    args: ['drift', '--reference', 'data/reference.csv', '--current', 'data/current.csv', '--out', 'd.json'],
    check: error(/cannot write --out to d\.json: it is a folder, not a file/),
  },
  {
    name: 'smoke --record-golden onto a folder',
    demo: true,
    files: { 'g.json': { dir: true } },
    args: ['smoke', '--model', 'model/model.json', '--golden', 'g.json', '--record-golden'],
    check: error(/cannot write golden file to g\.json: it is a folder, not a file/),
  },
  {
    name: 'data-check action: result-path is a folder',
    demo: true,
    files: { 'r.json': { dir: true } },
    action: {
      name: 'data-check',
      inputs: { data: 'data/eval.csv', suite: 'data-suite.yml', 'result-path': 'r.json' },
    },
    check: error(/cannot write input "result-path" to r\.json: it is a folder, not a file/),
  },
];

describe('hostile class: unwritable outputs', () => {
  test('these cases mount tmpfs file systems, which needs root (as in CI)', () => {
    expect(ROOT_USER).toBe(true);
  });

  test.each(table(cases))('%s', async (_label, c, way) => {
    await runCase(c, way);
  });
});
