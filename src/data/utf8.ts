/**
 * UTF-8 helpers for the byte-level readers. Validation of whole chunks is done natively
 * (`buffer.isUtf8`); these functions only run to *locate* a problem or a boundary, so they favour
 * clarity over speed.
 */

/**
 * Offset of the first byte of the first ill-formed UTF-8 sequence in `bytes[start, end)`, or -1.
 * Follows the Unicode/WHATWG definition `buffer.isUtf8` uses: no overlong forms, no surrogates
 * (U+D800–DFFF), nothing above U+10FFFF; a sequence cut off by `end` is ill-formed.
 */
export function firstInvalidUtf8(bytes: Uint8Array, start: number, end: number): number {
  let i = start;
  while (i < end) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lo = 0xa0; // overlong
      if (b === 0xed) hi = 0x9f; // surrogates
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lo = 0x90; // overlong
      if (b === 0xf4) hi = 0x8f; // > U+10FFFF
    } else return i;
    if (i + 1 >= end) return i; // cut off by `end`
    const b1 = bytes[i + 1];
    if (b1 < lo || b1 > hi) return i;
    for (let j = 2; j <= need; j++) {
      if (i + j >= end) return i;
      const c = bytes[i + j];
      if (c < 0x80 || c > 0xbf) return i;
    }
    i += need + 1;
  }
  return -1;
}

/**
 * The largest offset ≤ `end` that does not split a multi-byte character, so a chunk can be
 * validated now and its last, possibly incomplete, character with the next chunk.
 */
export function utf8Boundary(bytes: Uint8Array, start: number, end: number): number {
  let i = end;
  // Step back over at most 3 continuation bytes to the lead byte of the last character.
  while (i > start && end - i < 3 && (bytes[i - 1] & 0xc0) === 0x80) i--;
  if (i === start) return end;
  const lead = bytes[i - 1];
  if (lead < 0xc0) return end; // ASCII (or a stray continuation byte: let validation report it)
  const length = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : 2;
  return end - (i - 1) >= length ? end : i - 1;
}

/** 1-based column (in characters) of byte `offset` on a line starting at `lineStart`; bytes before it are valid UTF-8. */
export function charColumn(bytes: Uint8Array, lineStart: number, offset: number): number {
  let column = 1;
  for (let i = lineStart; i < offset; i++) if ((bytes[i] & 0xc0) !== 0x80) column++;
  return column;
}
