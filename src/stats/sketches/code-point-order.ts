/**
 * Compare strings by Unicode code point, the order docs/statistics.md §2 prescribes for value_counts ties
 * (Python's str ordering). JavaScript's `<` compares UTF-16 code units, which puts U+10000… (surrogate
 * pairs, 0xD800–0xDFFF) before U+E000…U+FFFF; the fix-up below moves surrogates above that block.
 * @returns negative, zero or positive like a sort comparator.
 */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    if (x >= 0xd800 && y >= 0xd800) {
      x = x >= 0xe000 ? x - 0x800 : x + 0x2000;
      y = y >= 0xe000 ? y - 0x800 : y + 0x2000;
    }
    return x - y;
  }
  return a.length - b.length;
}
