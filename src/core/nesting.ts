/**
 * Documents nested deeper than a stated limit are refused before they are parsed, so a hostile file
 * cannot exhaust the stack (V8's JSON.parse and the YAML parser both recurse).
 */

/** The deepest nesting of arrays and objects any JSON or YAML document may have. */
export const MAX_NESTING = 1000;

/**
 * Offset of the first `[` or `{` that opens level `limit + 1` in a JSON text (strings skipped), or -1.
 * O(n), no allocation.
 */
export function jsonTooDeepAt(text: string, limit = MAX_NESTING): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) {
      for (i++; i < text.length; i++) {
        const d = text.charCodeAt(i);
        if (d === 92 /* \ */) i++;
        else if (d === 34) break;
      }
    } else if (c === 91 /* [ */ || c === 123 /* { */) {
      if (++depth > limit) return i;
    } else if (c === 93 /* ] */ || c === 125 /* } */) depth--;
  }
  return -1;
}

/**
 * Offset of the first flow or block collection opening level `limit + 1` in a YAML text, estimated from
 * flow brackets and indentation, or -1. Used before parsing; the parsed document is checked again.
 */
export function yamlTooDeepAt(text: string, limit = MAX_NESTING): number {
  // Flow collections (`[[[[...`, JSON) are the cheap way to nest deeply; count them outside quotes.
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 35 /* # */ && (i === 0 || /\s/.test(text[i - 1]))) {
      while (i < text.length && text.charCodeAt(i) !== 10) i++;
    } else if (c === 34 /* " */ || c === 39 /* ' */) {
      for (i++; i < text.length; i++) {
        const d = text.charCodeAt(i);
        if (c === 34 && d === 92) i++;
        else if (d === c) break;
      }
    } else if (c === 91 || c === 123) {
      if (++depth > limit) return i;
    } else if (c === 93 || c === 125) depth = Math.max(0, depth - 1);
  }
  return -1;
}
