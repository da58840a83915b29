/**
 * The report reads a folder of result files and nothing else. Every `.json` file in it (and in its
 * sub-folders, which is how `actions/download-artifact` lays out several artifacts) is validated as a
 * `model-ci/result@1` document; a file that is not one — foreign JSON, broken JSON, too large, a link
 * leading out of the folder — is named in a warning and skipped, never a crash. The folder may come from
 * an artifact of a fork's pull request, so nothing in it is trusted: links are not followed out of it and
 * the walk is bounded.
 */
import { lstatSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { InputError } from '../core/errors.js';
import type { CheckResult } from '../core/result.js';
import { readResultFile } from '../core/validate-result.js';
import { visible } from '../core/visible.js';

export interface LoadedResult {
  result: CheckResult;
  /** The file, relative to the folder (forward slashes). */
  file: string;
}

export interface LoadedResults {
  dir: string;
  results: LoadedResult[];
  /** One line per skipped file: its name and why. */
  warnings: string[];
  /** Absolute paths of every file read (for the FileGuard). */
  files: string[];
}

/** Limits for a folder that may have been made by anyone: files, depth, bytes per file. */
export const LOAD_LIMITS = { maxFiles: 5000, maxDepth: 4, maxBytes: 64 * 1024 * 1024 } as const;

/** Files of a results folder that are the report's own outputs or notes, not results. */
const NOT_RESULTS = /^(report\.(md|html)|summary\.md)$/;

function inside(root: string, path: string): boolean {
  return path === root || path.startsWith(root.endsWith(sep) ? root : root + sep);
}

/**
 * Every result file under `dir`, sorted by path. Throws an InputError only when `dir` itself is missing
 * or not a folder (`what` names it, e.g. `--results`).
 */
export function loadResults(dir: string, what = 'results folder'): LoadedResults {
  const root = resolve(dir);
  let realRoot: string;
  try {
    if (!statSync(root).isDirectory()) throw new InputError(`${what} ${dir}: not a folder`);
    realRoot = realpathSync(root);
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(`${what} ${dir}: no such folder`);
  }
  const out: LoadedResults = { dir: root, results: [], warnings: [], files: [] };
  const candidates: string[] = [];
  const walk = (folder: string, depth: number) => {
    let names: string[];
    try {
      names = readdirSync(folder).sort();
    } catch {
      out.warnings.push(`${visible(relative(root, folder) || '.')}: cannot list the folder; skipped`);
      return;
    }
    for (const name of names) {
      const path = join(folder, name);
      const shown = visible(relative(root, path).split(sep).join('/'));
      let st;
      try {
        st = lstatSync(path);
        if (st.isSymbolicLink()) {
          const real = realpathSync(path);
          if (!inside(realRoot, real)) {
            out.warnings.push(`${shown}: a link that leads out of ${what}; skipped`);
            continue;
          }
          st = statSync(path);
        }
      } catch {
        out.warnings.push(`${shown}: cannot be read (a broken link?); skipped`);
        continue;
      }
      if (st.isDirectory()) {
        if (depth < LOAD_LIMITS.maxDepth) walk(path, depth + 1);
        else out.warnings.push(`${shown}: folders nested deeper than ${LOAD_LIMITS.maxDepth}; skipped`);
        continue;
      }
      if (!name.endsWith('.json') || NOT_RESULTS.test(name)) continue;
      if (!st.isFile()) {
        out.warnings.push(`${shown}: not a regular file; skipped`);
        continue;
      }
      if (st.size > LOAD_LIMITS.maxBytes) {
        out.warnings.push(
          `${shown}: ${Math.round(st.size / 1048576)} MB, larger than a result file can be; skipped`,
        );
        continue;
      }
      candidates.push(path);
    }
  };
  walk(root, 0);
  if (candidates.length > LOAD_LIMITS.maxFiles) {
    out.warnings.push(`${candidates.length} JSON files; only the first ${LOAD_LIMITS.maxFiles} were read`);
    candidates.length = LOAD_LIMITS.maxFiles;
  }
  for (const path of candidates) {
    const shown = relative(root, path).split(sep).join('/');
    out.files.push(path);
    try {
      out.results.push({ result: readResultFile(path), file: shown });
    } catch (e) {
      // The validator's message starts with the absolute path; the folder-relative name reads better.
      const message = (e as Error).message;
      const rest = message.startsWith(path) ? message.slice(path.length) : `: ${message}`;
      out.warnings.push(`${visible(shown)}${visible(rest)} (not a model-ci result; skipped)`);
    }
  }
  return out;
}
