import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../helpers/run-bundle.js';

/** The user-facing documents: README.md and docs/*.md, as [path relative to the root, text]. */
export function docFiles(): [string, string][] {
  const docs = readdirSync(join(ROOT, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => `docs/${f}`);
  return ['README.md', ...docs].map((f) => [f, readFileSync(join(ROOT, f), 'utf8')]);
}
