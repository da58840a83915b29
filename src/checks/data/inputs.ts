/**
 * Reading the data check's inputs: the table a suite needs, and profile files written by
 * `data profile` / `data merge`.
 */
import { shownData } from '../../core/data-url.js';
import { InputError } from '../../core/errors.js';
import { readJsonFile } from '../../core/json-file.js';
import { HttpError } from '../../data/http-request.js';
import { readTable } from '../../data/read-table.js';
import type { DataFormat, Table } from '../../data/table.js';
import { parseProfileState, type ProfileState } from './profile-state.js';
import { suiteColumns, type ExpectationSuite } from './suite.js';
import type { ProgressStart } from '../../core/progress.js';

/**
 * Read only the columns the suite uses. If that fails (typically a column the file lacks), read every
 * column instead, so that dataCheck can report the missing column at its suite line with "did you mean".
 */
export async function readTableForSuite(
  file: string,
  suite: ExpectationSuite,
  format?: DataFormat,
  progress?: ProgressStart,
): Promise<Table> {
  try {
    return await readTable(file, {
      columns: suiteColumns(suite),
      format,
      progress: progress?.(`reading ${shownData(file)}`),
    });
  } catch (e) {
    // A URL that cannot be fetched is not a missing column: reading it again would only repeat the failure.
    if (!(e instanceof InputError) || e instanceof HttpError) throw e;
    return readTable(file, { format });
  }
}

/** Read a profile file (a `data profile`/`data merge` result, or a bare profile state). */
export async function readProfileState(file: string): Promise<ProfileState> {
  return parseProfileState(readJsonFile(file), file);
}
