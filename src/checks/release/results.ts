/**
 * The results a release is made from: every model-ci result file of the folder (the release's own results
 * excluded), which of them gate the release (gate, smoke, data, lint), and which of those failed. Reading
 * and validating the folder is the report's loader (bounded walk, no link out of the folder, each file
 * validated as `model-ci/result@1`).
 */
import { statSync } from 'node:fs';
import { basename } from 'node:path';
import { InputError } from '../../core/errors.js';
import type { CheckResult } from '../../core/result.js';
import { loadResults, type LoadedResult } from '../../report/load-results.js';
import { GATING_CHECKS } from './options.js';

export interface ReleaseResults {
  dir: string;
  results: LoadedResult[];
  /** Absolute paths of every file read. */
  files: string[];
  warnings: string[];
  /** Gate/smoke/data/lint results whose status is fail or error. */
  failing: CheckResult[];
}

/** A result's label for messages and tables: `gate`, `metrics (candidate)`. */
export function resultName(r: Pick<CheckResult, 'check' | 'name'>): string {
  return r.name ? `${r.check} (${r.name})` : r.check;
}

/**
 * Load the results folder. Throws InputError when it is missing, holds no result, holds nothing that
 * gates a release, or lacks a check `required` names.
 */
export function readReleaseResults(
  dir: string,
  what: string,
  required: readonly string[],
  shown = dir,
): ReleaseResults {
  let isDir = false;
  try {
    isDir = statSync(dir).isDirectory();
  } catch {
    throw new InputError(`${what} ${shown}: no such folder`);
  }
  if (!isDir) throw new InputError(`${what} ${shown}: not a folder`);
  const loaded = loadResults(dir, what);
  const results = loaded.results.filter((r) => r.result.check !== 'release');
  if (!results.length)
    throw new InputError(
      `${what} ${shown}: no model-ci result files (model-ci run --out-dir writes them; a workflow downloads them with actions/download-artifact); a release is made from its checks' results`,
    );
  const present = new Set(results.map((r) => r.result.check));
  const missing = required.filter((c) => !present.has(c));
  if (missing.length)
    throw new InputError(
      `${what} ${shown}: no ${missing.join(', ')} result, which the release requires (found: ${[...present].sort().join(', ')})`,
    );
  if (!results.some((r) => (GATING_CHECKS as readonly string[]).includes(r.result.check)))
    throw new InputError(
      `${what} ${shown}: no ${GATING_CHECKS.join(', ')} result: nothing says this commit passed its gates (found: ${[...present].sort().join(', ')})`,
    );
  const failing = results
    .map((r) => r.result)
    .filter(
      (r) =>
        (GATING_CHECKS as readonly string[]).includes(r.check) &&
        (r.status === 'fail' || r.status === 'error'),
    );
  return { dir: loaded.dir, results, files: loaded.files, warnings: loaded.warnings, failing };
}

/**
 * Asset names for the result files: the file name, or the folder-relative path with `/` as `--` when two
 * files share a name (GitHub asset names are flat and unique per release).
 */
export function assetNames(results: readonly LoadedResult[]): Map<string, LoadedResult> {
  const byBase = new Map<string, number>();
  for (const r of results) byBase.set(basename(r.file), (byBase.get(basename(r.file)) ?? 0) + 1);
  const out = new Map<string, LoadedResult>();
  for (const r of results) {
    const base = basename(r.file);
    const name = (byBase.get(base) ?? 0) > 1 ? r.file.replace(/\//g, '--') : base;
    out.set(name.replace(/[^A-Za-z0-9._-]/g, '_'), r);
  }
  return out;
}
