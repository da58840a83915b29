/** Column selection shared by every reader: which header fields to read, in file order. */
import { InputError, didYouMean } from '../core/errors.js';

/**
 * Indices (ascending, no duplicates) of the `wanted` columns in `header`; all columns when `wanted`
 * is undefined. A name that is not in the header is an InputError listing the columns that exist.
 */
export function selectColumns(
  file: string,
  header: readonly string[],
  wanted: readonly string[] | undefined,
): number[] {
  if (wanted === undefined) return header.map((_, i) => i);
  const index = new Map<string, number>();
  header.forEach((name, i) => index.set(name, i));
  const missing = wanted.filter((name) => !index.has(name));
  if (missing.length > 0) {
    const names = missing.map((n) => JSON.stringify(n)).join(', ');
    throw new InputError(
      `${file}: no column ${names}${didYouMean(missing[0], header)}; the columns are ${header.map((n) => JSON.stringify(n)).join(', ')}`,
    );
  }
  return [...new Set(wanted.map((name) => index.get(name) as number))].sort((a, b) => a - b);
}
