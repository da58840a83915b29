/**
 * Dictionary encoding keyed by UTF-8 bytes: a categorical CSV column looks each cell up here without
 * first decoding it to a string, so a string is made once per distinct value instead of once per cell.
 * Open addressing with linear probing over FNV-1a hashes; keys live in one growing byte arena.
 *
 * Null cells (STATISTICS.md §1 rule 4: `""`, `NaN`, ` null `, …) are keys too, whose code is -1: whether
 * a cell is null is decided once per distinct byte string, not once per cell.
 */
import { kernel } from './csv-kernel.js';

/**
 * `new ByteDictionary()`: `code(bytes, start, end)` / `codeHashed(…, hash)` give the code of a cell's
 * bytes (-1 if null), `codesHashed` does a run of hashed cells at once, `strings` are the non-null values
 * in order of first appearance. FNV_OFFSET / FNV_PRIME: the FNV-1a (32-bit) parameters, with which the
 * CSV tokenizer hashes text cells on the fly. The code lives in csv-kernel.ts.
 */
export const { ByteDictionary, FNV_OFFSET, FNV_PRIME } = kernel;
export type ByteDictionary = InstanceType<typeof ByteDictionary>;
