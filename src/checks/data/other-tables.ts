/**
 * The second table of GX's expect_table_row_count_to_equal_other_table. GX names it by
 * `other_table_name` within a datasource; model-ci has no datasource, so the name is either
 *
 *   - a name mapped to a file by the `other-table` option (`--other-table events=data/events.csv`, or the
 *     `other-table` list in `.model-ci.yml` / the action input), resolved against the working folder like
 *     `--data`; or
 *   - otherwise a data file path relative to the suite file's folder. Since the suite comes from the pull
 *     request, that path must stay inside the repository (confine: no absolute path, no `..` out of it, no
 *     symbolic link leading out).
 *
 * Each other table is recorded as an input of the command (FileGuard) before it is read, and read with the
 * same reader as `--data` (CSV, JSON Lines or Parquet by extension). A table that cannot be resolved or read
 * fails only the expectations naming it (catch_exceptions), with a message saying how names are resolved.
 */
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { confine, repositoryRoot } from '../../core/confine.js';
import { isUrlLike, redactUrl } from '../../core/data-url.js';
import { InputError, ModelCiError } from '../../core/errors.js';
import { visible } from '../../core/visible.js';
import { readTable } from '../../data/read-table.js';
import type { ExpectationSuite } from './suite.js';

export const OTHER_TABLE_TYPE = 'expect_table_row_count_to_equal_other_table';

/** What the data check knows about each other_table_name: its row count, or why it has none. */
export type OtherTables = ReadonlyMap<string, { file: string; rows: number } | { error: string }>;

/** The other_table_name values a suite uses, in order of first use. */
export function otherTableNames(suite: ExpectationSuite): string[] {
  const names = new Set<string>();
  for (const e of suite.expectations)
    if (e.type === OTHER_TABLE_TYPE && !e.exception && typeof e.args.other_table_name === 'string')
      names.add(e.args.other_table_name);
  return [...names];
}

/** `name=FILE` entries of the other-table option. @throws InputError naming the entry */
export function parseOtherTableOption(
  entries: readonly string[] | undefined,
  where: string,
): Map<string, string> {
  const map = new Map<string, string>();
  for (const entry of entries ?? []) {
    const eq = entry.indexOf('=');
    if (eq <= 0 || eq === entry.length - 1)
      throw new InputError(`${where}: expected NAME=FILE, got ${JSON.stringify(visible(entry))}`);
    const name = entry.slice(0, eq).trim();
    const file = entry.slice(eq + 1).trim();
    if (map.has(name)) throw new InputError(`${where}: "${visible(name)}" is given twice`);
    // Not fetched: a URL here would need the masking and redaction --data gets (see data-url.ts).
    if (isUrlLike(file))
      throw new InputError(
        `${where}: "${visible(name)}" names a URL (${visible(redactUrl(file))}); other tables are read from files`,
      );
    map.set(name, file);
  }
  return map;
}

/**
 * The file an other_table_name stands for (absolute), or why it cannot be used.
 * @param baseDir the working folder (option paths resolve against it)
 * @param suiteFile the suite (absolute, or relative to the process folder), whose folder suite-relative names resolve against
 */
export function resolveOtherTable(
  name: string,
  mapping: ReadonlyMap<string, string>,
  baseDir: string,
  suiteFile: string,
): { path: string } | { error: string } {
  const mapped = mapping.get(name);
  if (mapped !== undefined) return { path: resolve(baseDir, mapped) };
  const suiteDir = dirname(resolve(suiteFile));
  if (isUrlLike(name))
    return {
      error: `other_table_name "${visible(redactUrl(name))}" is a URL; a suite names files inside the repository (or map the name with --other-table NAME=FILE)`,
    };
  if (isAbsolute(name))
    return {
      error: `other_table_name "${visible(name)}" is an absolute path; name a file relative to the suite's folder, or map the name with --other-table ${visible(name)}=FILE`,
    };
  const root = repositoryRoot(suiteDir);
  const c = confine(root, relative(root, resolve(suiteDir, name)) || '.');
  if (!c.ok)
    return {
      error: `other_table_name "${visible(name)}" is refused: ${visible(c.reason)} (it is read relative to the suite's folder, inside the repository; map the name with --other-table ${visible(name)}=FILE)`,
    };
  return { path: c.path };
}

/** The files a suite's other tables resolve to (best effort, for the command's input list). */
export function otherTableFiles(
  suite: ExpectationSuite,
  mapping: ReadonlyMap<string, string>,
  baseDir: string,
): string[] {
  const files: string[] = [];
  for (const name of otherTableNames(suite)) {
    const r = resolveOtherTable(name, mapping, baseDir, suite.file);
    if ('path' in r) files.push(r.path);
  }
  return files;
}

/**
 * Resolve, record (`addInput`) and read every other table the suite names. Read problems (a missing file,
 * a malformed one, a link out of the repository) become that name's error.
 */
export async function readOtherTables(
  suite: ExpectationSuite,
  mapping: ReadonlyMap<string, string>,
  baseDir: string,
  addInput: (path: string) => void,
  shown: (path: string) => string,
): Promise<OtherTables> {
  const out = new Map<string, { file: string; rows: number } | { error: string }>();
  for (const name of otherTableNames(suite)) {
    const r = resolveOtherTable(name, mapping, baseDir, suite.file);
    if ('error' in r) {
      out.set(name, r);
      continue;
    }
    const how = mapping.has(name)
      ? `(mapped by --other-table)`
      : `(other_table_name is a path relative to the suite's folder; or map the name with --other-table ${visible(name)}=FILE)`;
    try {
      addInput(r.path);
      const table = await readTable(shown(r.path), { columns: [] });
      out.set(name, { file: shown(r.path), rows: table.rows });
    } catch (e) {
      if (!(e instanceof ModelCiError)) throw e;
      out.set(name, { error: `other table "${visible(name)}": ${e.message} ${how}` });
    }
  }
  return out;
}
