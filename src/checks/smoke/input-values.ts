/**
 * Inputs are checked before they are believed: a NaN, null or ±Infinity in the rows a smoke test sends is a
 * failed `inputs` sub-check on every backend. (Backends disagree about such inputs: TF.js on WebAssembly
 * quietly gives finite outputs for NaN inputs, the cpu backend does not, integer tensors turn NaN into 0.)
 */
import { DataFormatError } from '../../core/errors.js';
import { visible } from '../../core/visible.js';

/** Inputs holding values that are not finite numbers; `problems` has one line per input. */
export class NonFiniteInputError extends DataFormatError {
  override name = 'NonFiniteInputError';
  constructor(
    file: string,
    readonly problems: string[],
  ) {
    super({ file }, problems.join('; '));
  }
}

/**
 * One line describing the non-finite values of input `name` (`values` flattened row-major, `shape` its
 * shape), or undefined when every value is finite.
 */
export function nonFiniteProblem(
  name: string,
  values: ArrayLike<number>,
  shape: readonly number[],
): string | undefined {
  let nan = 0;
  let inf = 0;
  let first = -1;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isFinite(v)) continue;
    if (Number.isNaN(v)) nan++;
    else inf++;
    if (first < 0) first = i;
  }
  if (first < 0) return undefined;
  const perRow = shape.length > 1 ? shape.slice(1).reduce((a, b) => a * b, 1) : 1;
  const at =
    shape.length > 1
      ? `row ${Math.floor(first / perRow) + 1}, value ${(first % perRow) + 1}`
      : `value ${first + 1}`;
  const kinds = [nan ? `${nan} NaN or null` : '', inf ? `${inf} ±Infinity` : '']
    .filter(Boolean)
    .join(' and ');
  return `input "${visible(name)}": ${kinds} of ${values.length} values (first at ${at}); inputs must be finite numbers`;
}

/**
 * Problems of HTTP-mode rows (sent as JSON): a null, or a number that is not finite (it would be sent as
 * null), anywhere in a row. Text values are allowed (a server may take categorical features).
 */
export function nonFiniteRowProblems(rows: readonly unknown[]): string[] {
  let count = 0;
  let firstRow = -1;
  const walk = (v: unknown): boolean => {
    if (v === null || (typeof v === 'number' && !Number.isFinite(v))) return true;
    if (Array.isArray(v)) return v.map(walk).some(Boolean);
    if (typeof v === 'object')
      return Object.values(v as object)
        .map(walk)
        .some(Boolean);
    return false;
  };
  rows.forEach((row, r) => {
    if (walk(row)) {
      count++;
      if (firstRow < 0) firstRow = r;
    }
  });
  return count
    ? [
        `${count} of ${rows.length} rows hold null, NaN or ±Infinity (first: row ${firstRow + 1}); inputs must be finite numbers or text`,
      ]
    : [];
}
