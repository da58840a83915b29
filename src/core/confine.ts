/**
 * Nothing escapes its folder. Paths read from files a pull request controls (a TF.js weight manifest, ONNX
 * external data, suites and lint configs that name files) must stay inside a root folder after symlinks
 * are resolved. Callers turn a refusal into a finding or an error naming the path.
 */
import { existsSync, realpathSync } from 'node:fs';
import { basename, isAbsolute, relative, resolve, sep } from 'node:path';
import { DataFormatError, type SourcePosition } from './errors.js';
import { visible } from './visible.js';

export type Confined = { ok: true; path: string } | { ok: false; path: string; reason: string };

function realOrSelf(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return p;
  }
}

/** True when `child` is `root` or below it (both already absolute and normalised). */
export function isInside(root: string, child: string): boolean {
  const rel = relative(root, child);
  return rel === '' || (!rel.startsWith('..' + sep) && rel !== '..' && !isAbsolute(rel));
}

/**
 * Resolve `name` (as written in a file) against `root` and check that it stays inside `root`, both
 * lexically and after symlinks. An absolute name, a `..` walk out of the folder or a symlink that
 * points outside is refused. The file need not exist (a missing file is the reader's to report); for a
 * missing file the deepest existing folder on its path is what is checked.
 */
export function confine(root: string, name: string): Confined {
  const rootAbs = resolve(root);
  if (name.includes('\0')) return { ok: false, path: name, reason: 'the path contains a NUL character' };
  if (isAbsolute(name)) return { ok: false, path: name, reason: 'an absolute path is not allowed here' };
  const lexical = resolve(rootAbs, name);
  if (!isInside(rootAbs, lexical)) return { ok: false, path: lexical, reason: `it leads out of ${rootAbs}` };
  const realRoot = realOrSelf(rootAbs);
  // Resolve symlinks of the longest existing prefix, so a missing file below a symlinked folder counts.
  let existing = lexical;
  let rest = '';
  for (;;) {
    try {
      const real = realpathSync(existing);
      const full = rest ? resolve(real, rest) : real;
      if (!isInside(realRoot, full))
        return {
          ok: false,
          path: lexical,
          reason: `it resolves through a symbolic link to ${full}, outside ${rootAbs}`,
        };
      return { ok: true, path: lexical };
    } catch {
      const parent = resolve(existing, '..');
      if (parent === existing) return { ok: true, path: lexical };
      rest = rest ? `${basename(existing)}${sep}${rest}` : basename(existing);
      existing = parent;
    }
  }
}

/**
 * A path named inside a file (a weight manifest, ONNX external data) that leads out of the folder it must
 * stay in. Checks turn it into a failed sub-check with a finding naming the path; the position is the
 * file that named it.
 */
export class OutsideFolderError extends DataFormatError {
  override name = 'OutsideFolderError';
  constructor(
    position: SourcePosition,
    readonly named: string,
    detail: string,
  ) {
    super(position, detail);
  }
}

/**
 * {@link confine}, throwing an {@link OutsideFolderError} for a refused name. `where` says where the name
 * was written (`weightsManifest[0].paths[1]`), `file` is the file that wrote it.
 */
export function confineNamed(root: string, name: string, file: string, where: string): string {
  const c = confine(root, name);
  if (c.ok) return c.path;
  throw new OutsideFolderError(
    { file },
    name,
    `${where} names "${visible(name)}" outside the model's folder (${c.reason}); a model may only name files inside its folder`,
  );
}

/**
 * The repository a folder belongs to: the nearest folder at or above `dir` holding `.git`, else `dir`.
 * Paths in a configuration file stay inside it.
 */
export function repositoryRoot(dir: string): string {
  const start = resolve(dir);
  for (let d = start; ; d = resolve(d, '..')) {
    if (existsSync(resolve(d, '.git'))) return d;
    if (resolve(d, '..') === d) return start;
  }
}

/**
 * Why the absolute path `file` escapes `root`, or undefined when it stays inside. `lexical`: a path outside
 * `root` as written is refused too (paths from files a PR controls); otherwise only a symbolic link inside
 * `root` that leads out of it is (a path the user named outside `root` is theirs to name).
 */
export function escapesRoot(root: string, file: string, lexical: boolean): string | undefined {
  const rootAbs = resolve(root);
  const abs = resolve(rootAbs, file);
  if (!isInside(rootAbs, abs)) return lexical ? `it is outside ${rootAbs}` : undefined;
  const c = confine(rootAbs, relative(rootAbs, abs) || '.');
  return c.ok ? undefined : c.reason;
}
