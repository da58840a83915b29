/**
 * Which files a lint looks at. In a Git work tree: what Git tracks plus untracked files that are not
 * ignored (`git ls-files -z --cached --others --exclude-standard`, run with an argument list, never a
 * shell). Elsewhere: a walk of the folder honouring every .gitignore on the way, skipping the folders
 * linters conventionally skip (.git, node_modules, virtualenvs, caches).
 *
 * Symbolic links are never followed out of the folder (src/core/confine.ts); a link that leads out is a
 * finding. FIFOs, sockets and devices are never opened.
 */
import { execFile } from 'node:child_process';
import { lstatSync, readdirSync, readFileSync, statSync, type Stats } from 'node:fs';
import { join } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { confine } from '../../core/confine.js';
import { visible } from '../../core/visible.js';

export interface RepoFile {
  /** Path relative to the linted folder, with `/` separators. */
  rel: string;
  abs: string;
  size: number;
}

export interface WalkProblem {
  rule: 'MCI108' | 'MCI109';
  rel: string;
  message: string;
  key: string;
}

export interface WalkResult {
  files: RepoFile[];
  problems: WalkProblem[];
  /** How the file list was made. */
  source: 'git' | 'walk';
  /** The top of the Git work tree, when there is one (SARIF paths are relative to it). */
  gitTop?: string;
}

/** Folders a walk outside Git skips, as ruff and black do (plus `.cache`, where tools keep their caches). */
const SKIPPED_FOLDERS = new Set([
  '.git',
  '.hg',
  '.svn',
  '.bzr',
  'node_modules',
  '.venv',
  'venv',
  '.tox',
  '.nox',
  '.mypy_cache',
  '.ruff_cache',
  '.pytest_cache',
  '__pycache__',
  '__pypackages__',
  '.eggs',
  '.direnv',
  '.ipynb_checkpoints',
  '.cache',
]);
const MAX_FILES = 1_000_000;
const MAX_DEPTH = 100;

function git(args: string[], cwd: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile(
      'git',
      // fsmonitor can run a program named in the repository's config: never let it.
      ['-c', 'core.fsmonitor=false', '-c', 'core.quotePath=false', ...args],
      { cwd, maxBuffer: 512 * 1024 * 1024, timeout: 120_000, encoding: 'buffer', windowsHide: true },
      (error, stdout) => resolve(error ? undefined : (stdout as Buffer).toString('utf8')),
    );
  });
}

/** The Git work tree's top folder, or undefined outside Git (or when git is missing or refuses). */
export async function gitTopLevel(dir: string): Promise<string | undefined> {
  const out = await git(['rev-parse', '--is-inside-work-tree', '--show-toplevel'], dir);
  const lines = out?.trim().split('\n');
  return lines?.[0] === 'true' && lines[1] ? lines[1] : undefined;
}

function classify(root: string, rel: string, abs: string, st: Stats, out: WalkResult): void {
  if (st.isSymbolicLink()) {
    const c = confine(root, rel);
    if (!c.ok) {
      out.problems.push({
        rule: 'MCI108',
        rel,
        message: `symbolic link to a path outside the repository (not followed): ${visible(c.reason)}`,
        key: 'symlink',
      });
      return;
    }
    let target: Stats;
    try {
      target = statSync(abs);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT')
        out.problems.push({
          rule: 'MCI109',
          rel,
          message: `symbolic link that cannot be followed (${code === 'ELOOP' ? 'a loop of links' : (code ?? 'error')})`,
          key: 'bad-link',
        });
      return; // a dangling link has nothing to read
    }
    if (target.isFile()) out.files.push({ rel, abs, size: target.size });
    return;
  }
  if (st.isFile()) out.files.push({ rel, abs, size: st.size });
  else if (!st.isDirectory())
    out.problems.push({
      rule: 'MCI109',
      rel,
      message: 'not a regular file (a FIFO, socket or device): not read',
      key: 'special',
    });
}

async function fromGit(root: string, out: WalkResult): Promise<boolean> {
  const listed = await git(['ls-files', '-z', '--cached', '--others', '--exclude-standard'], root);
  if (listed === undefined) return false;
  const seen = new Set<string>();
  for (const rel of listed.split('\0')) {
    if (!rel || seen.has(rel)) continue; // conflicted files are listed once per stage
    seen.add(rel);
    if (out.files.length >= MAX_FILES) break;
    const abs = join(root, rel);
    let st: Stats;
    try {
      st = lstatSync(abs);
    } catch {
      continue; // deleted in the work tree but still in the index
    }
    classify(root, rel, abs, st, out);
  }
  return true;
}

function fromWalk(root: string, out: WalkResult): void {
  const stack: { dir: string; rel: string; rules: { base: string; ig: Ignore }[]; depth: number }[] = [
    { dir: root, rel: '', rules: [], depth: 0 },
  ];
  const ignored = (rules: { base: string; ig: Ignore }[], rel: string, dir: boolean) =>
    rules.some(({ base, ig }) => {
      const sub = base ? rel.slice(base.length + 1) : rel;
      return ig.ignores(dir ? `${sub}/` : sub);
    });
  while (stack.length) {
    const { dir, rel, rules, depth } = stack.pop()!;
    let names: string[];
    try {
      names = readdirSync(dir).sort();
    } catch (e) {
      out.problems.push({
        rule: 'MCI109',
        rel: rel || '.',
        message: `folder could not be read (${(e as NodeJS.ErrnoException).code ?? 'error'})`,
        key: 'unreadable-folder',
      });
      continue;
    }
    let here = rules;
    if (names.includes('.gitignore')) {
      try {
        const ig = ignore().add(readFileSync(join(dir, '.gitignore'), 'utf8'));
        here = [...rules, { base: rel, ig }];
      } catch {
        /* an unreadable .gitignore ignores nothing */
      }
    }
    for (const name of names) {
      const childRel = rel ? `${rel}/${name}` : name;
      const abs = join(dir, name);
      let st: Stats;
      try {
        st = lstatSync(abs);
      } catch {
        continue;
      }
      if (st.isDirectory()) {
        if (SKIPPED_FOLDERS.has(name) || ignored(here, childRel, true)) continue;
        if (depth + 1 > MAX_DEPTH) {
          out.problems.push({
            rule: 'MCI109',
            rel: childRel,
            message: `folders nested deeper than ${MAX_DEPTH} levels: not read`,
            key: 'deep',
          });
          continue;
        }
        stack.push({ dir: abs, rel: childRel, rules: here, depth: depth + 1 });
        continue;
      }
      if (ignored(here, childRel, false)) continue;
      if (out.files.length >= MAX_FILES) return;
      classify(root, childRel, abs, st, out);
    }
  }
}

/** The files to lint under `root`, minus `ignorePatterns` (gitignore syntax, relative to `root`). */
export async function listFiles(root: string, ignorePatterns: readonly string[]): Promise<WalkResult> {
  const out: WalkResult = { files: [], problems: [], source: 'walk' };
  const gitTop = await gitTopLevel(root);
  if (gitTop && (await fromGit(root, out))) {
    out.source = 'git';
    out.gitTop = gitTop;
  } else fromWalk(root, out);
  if (out.files.length >= MAX_FILES)
    out.problems.push({
      rule: 'MCI109',
      rel: '.',
      message: `more than ${MAX_FILES} files: only the first ${MAX_FILES} were linted`,
      key: 'too-many',
    });
  if (ignorePatterns.length) {
    const ig = ignore().add([...ignorePatterns]);
    out.files = out.files.filter((f) => !ig.ignores(f.rel));
    out.problems = out.problems.filter((p) => p.rel === '.' || !ig.ignores(p.rel));
  }
  out.files.sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
  return out;
}
