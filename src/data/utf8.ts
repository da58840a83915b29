/**
 * UTF-8 helpers for the byte-level readers. Validation of whole chunks is done natively
 * (`buffer.isUtf8`); these functions only run to *locate* a problem or a boundary, so they favour
 * clarity over speed.
 */
import { kernel } from './csv-kernel.js';

/**
 * - `firstInvalidUtf8(bytes, start, end)`: offset of the first byte of the first ill-formed UTF-8 sequence
 *   in `bytes[start, end)`, or -1 (the Unicode/WHATWG definition `buffer.isUtf8` uses: no overlong forms,
 *   no surrogates, nothing above U+10FFFF; a sequence cut off by `end` is ill-formed).
 * - `utf8Boundary(bytes, start, end)`: the largest offset ≤ `end` that does not split a multi-byte
 *   character, so a chunk can be validated now and its last, possibly incomplete, character with the next.
 * - `charColumn(bytes, lineStart, offset)`: 1-based column (in characters) of byte `offset` on a line
 *   starting at `lineStart`; bytes before it are valid UTF-8.
 * The code lives in csv-kernel.ts (shared with the parallel reader's worker).
 */
export const { firstInvalidUtf8, utf8Boundary, charColumn } = kernel;
