/**
 * Join two prediction files row by row on an id column, so a candidate and a baseline scored in
 * different orders (or a predictions file and a labels file) can be paired.
 */
import { InputError } from '../../core/errors.js';
import type { Column } from '../../data/table.js';

export interface IdSide {
  /** The file the ids come from (for messages). */
  file: string;
  /** The id column (numeric or categorical), or plain strings. */
  ids: Column | readonly string[];
}

export interface JoinResult {
  /** Row numbers in `a`, in a's order (every row of a). */
  a: Uint32Array;
  /** The matching row numbers in `b`. */
  b: Uint32Array;
}

/** Id of every row as a string (numbers as JS prints them: 1 and 1.0 are both "1"); null for a null cell. */
function idStrings(side: IdSide): (string | null)[] {
  const ids = side.ids;
  if (Array.isArray(ids)) return ids.map((s) => String(s));
  const col = ids as Column;
  if (col.type === 'numeric') return Array.from(col.values, (v) => (Number.isNaN(v) ? null : String(v)));
  return Array.from(col.codes, (c) => (c < 0 ? null : col.dictionary[c]));
}

const EXAMPLES = 5;

function examples(ids: string[]): string {
  return (
    ids
      .slice(0, EXAMPLES)
      .map((s) => JSON.stringify(s))
      .join(', ') + (ids.length > EXAMPLES ? ', …' : '')
  );
}

/**
 * Match every row of `a` with the row of `b` that has the same id.
 * Complexity: O(n_a + n_b) with a hash map.
 * @throws InputError for a null id, a duplicated id (naming both rows, 1-based data rows), or ids present in
 *   only one file (counts and up to 5 examples from each side).
 * @example joinById({ file: 'cand.csv', ids: ['a', 'b'] }, { file: 'base.csv', ids: ['b', 'a'] }) // { a: [0, 1], b: [1, 0] }
 */
export function joinById(a: IdSide, b: IdSide): JoinResult {
  const idsA = idStrings(a);
  const idsB = idStrings(b);
  const index = (ids: (string | null)[], file: string): Map<string, number> => {
    const map = new Map<string, number>();
    ids.forEach((id, row) => {
      if (id === null) throw new InputError(`${file}: data row ${row + 1}: the id is empty`);
      const first = map.get(id);
      if (first !== undefined)
        throw new InputError(
          `${file}: id ${JSON.stringify(id)} appears twice (data rows ${first + 1} and ${row + 1})`,
        );
      map.set(id, row);
    });
    return map;
  };
  const mapA = index(idsA, a.file);
  const mapB = index(idsB, b.file);
  const onlyA = [...mapA.keys()].filter((id) => !mapB.has(id));
  const onlyB = [...mapB.keys()].filter((id) => !mapA.has(id));
  if (onlyA.length > 0 || onlyB.length > 0) {
    const parts: string[] = [];
    if (onlyA.length > 0) parts.push(`${onlyA.length} only in ${a.file} (${examples(onlyA)})`);
    if (onlyB.length > 0) parts.push(`${onlyB.length} only in ${b.file} (${examples(onlyB)})`);
    throw new InputError(`${a.file} and ${b.file} do not have the same ids: ${parts.join('; ')}`);
  }
  const rowsA = new Uint32Array(idsA.length);
  const rowsB = new Uint32Array(idsA.length);
  idsA.forEach((id, row) => {
    rowsA[row] = row;
    rowsB[row] = mapB.get(id as string) as number;
  });
  return { a: rowsA, b: rowsB };
}
