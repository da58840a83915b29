import { isAbsolute, relative, resolve } from 'node:path';

/**
 * A file path for messages, findings and annotations: relative to the working directory (the repository
 * root in an action, where GitHub places annotations), or absolute when it lies outside it.
 */
export function displayPath(baseDir: string, file: string): string {
  const abs = resolve(baseDir, file);
  const rel = relative(process.cwd(), abs);
  return rel === '' || rel.startsWith('..') || isAbsolute(rel) ? abs : rel;
}

/**
 * A path as the user wrote it: relative to `baseDir` (the config's folder in `model-ci run`, the working
 * directory in the CLI, the workspace in an action) when it lies inside it, normalised
 * (`./a/../b.csv` -> `b.csv`, `.` for the folder itself); else {@link displayPath}. For result files and
 * console lines, so they never show the runner's absolute paths.
 */
export function userPath(baseDir: string, file: string): string {
  const abs = resolve(baseDir, file);
  const rel = relative(baseDir, abs);
  if (rel === '') return '.';
  return rel.startsWith('..') || isAbsolute(rel) ? displayPath(baseDir, abs) : rel;
}
