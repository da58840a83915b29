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
