/**
 * Nothing escapes its folder. Paths read from files a pull request controls (a TF.js weight manifest, ONNX
 * external data, suites and lint configs that name files) must stay inside a root folder after symlinks
 * are resolved. Callers turn a refusal into a finding or an error naming the path.
 */
import { realpathSync } from 'node:fs';
import { basename, isAbsolute, relative, resolve, sep } from 'node:path';

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
