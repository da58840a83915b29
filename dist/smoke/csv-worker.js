import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
var __webpack_exports__ = {};

;// CONCATENATED MODULE: external "node:worker_threads"
const external_node_worker_threads_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:worker_threads");
;// CONCATENATED MODULE: ./src/core/errors.ts
/**
 * Errors a caller branches on. Every one of them means "the input was wrong" and maps to exit code 2;
 * their message is a single line that names the place (file:line:column or key path) and what was expected.
 */
class ModelCiError extends Error {
    name = 'ModelCiError';
}
/** A bad flag, action input or option value. */
class InputError extends ModelCiError {
    name = 'InputError';
}
function formatPosition(pos) {
    let s = pos.file;
    if (pos.line !== undefined) {
        s += `:${pos.line}`;
        if (pos.column !== undefined)
            s += `:${pos.column}`;
    }
    return s;
}
/** A data file that cannot be read as the format it claims (CSV, JSONL, Parquet, model files). */
class DataFormatError extends ModelCiError {
    position;
    detail;
    name = 'DataFormatError';
    constructor(position, detail) {
        super(`${formatPosition(position)}: ${detail}`);
        this.position = position;
        this.detail = detail;
    }
}
/** A configuration or suite/rules file that parses but says something invalid, or does not parse. */
class ConfigError extends ModelCiError {
    position;
    detail;
    keyPath;
    name = 'ConfigError';
    constructor(position, detail, keyPath) {
        super(`${formatPosition(position)}: ${keyPath ? `${keyPath}: ` : ''}${detail}`);
        this.position = position;
        this.detail = detail;
        this.keyPath = keyPath;
    }
}
/** Levenshtein distance, for "did you mean" suggestions. */
function editDistance(a, b) {
    const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
        let diag = prev[0];
        prev[0] = i;
        for (let j = 1; j <= b.length; j++) {
            const tmp = prev[j];
            prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
            diag = tmp;
        }
    }
    return prev[b.length];
}
/** The closest candidate within a sensible distance, or undefined. */
function closestMatch(word, candidates) {
    let best;
    let bestDistance = Infinity;
    for (const c of candidates) {
        const d = editDistance(word.toLowerCase(), c.toLowerCase());
        if (d < bestDistance)
            [best, bestDistance] = [c, d];
    }
    // Short words: one edit at most, or "zz" would suggest "id".
    const limit = word.length <= 3 ? 1 : Math.max(2, Math.floor(word.length / 3));
    return bestDistance <= limit ? best : undefined;
}
/** ` (did you mean "x"?)` or an empty string. */
function didYouMean(word, candidates) {
    const m = closestMatch(word, candidates);
    return m ? ` (did you mean "${m}"?)` : '';
}

;// CONCATENATED MODULE: external "node:fs"
const external_node_fs_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");
;// CONCATENATED MODULE: ./src/data/cell.ts
/**
 * docs/statistics.md §1 rules 3–5 on a cell string: trim, null tokens, numeric tokens.
 * This is the readable reference; the CSV reader uses the byte-level twin in `cell-bytes.ts`,
 * which must agree with it bit for bit (tested).
 */
/** `classifyCell` result: the cell is null (rule 4). */
const CELL_NULL = 0;
/** `classifyCell` result: the cell is a numeric token; its value was written to `out[0]`. */
const CELL_NUMBER = 1;
/** `classifyCell` result: the cell is neither null nor numeric, so its column is categorical. */
const CELL_TEXT = 2;
const NULL_TOKENS = new Set(['', 'nan', 'null', 'na', 'n/a', 'none']);
// ASCII digits only: the contract's `\d` means 0-9 (JS `Number` rejects other scripts' digits).
const NUMERIC_TOKEN = /^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/;
const INFINITE_TOKEN = /^([+-]?)(?:inf|infinity)$/i;
/** Removes leading and trailing SPACE and TAB only (rule 3), unlike `String.prototype.trim`. */
function trimCell(cell) {
    let start = 0;
    let end = cell.length;
    while (start < end && isBlank(cell.charCodeAt(start)))
        start++;
    while (end > start && isBlank(cell.charCodeAt(end - 1)))
        end--;
    return start === 0 && end === cell.length ? cell : cell.slice(start, end);
}
function isBlank(code) {
    return code === 0x20 || code === 0x09;
}
/** Rule 4: `lower(trim(cell))` is one of "", nan, null, na, n/a, none. */
function isNullCell(cell) {
    const t = trimCell(cell);
    return t.length <= 4 && NULL_TOKENS.has(t.toLowerCase());
}
/**
 * Classifies one raw cell (rules 3–5). For a numeric token the correctly rounded double
 * (`Number(trim(cell))`, or ±Infinity for inf/infinity) is written to `out[0]`.
 */
function classifyCell(cell, out) {
    const t = trimCell(cell);
    if (t.length <= 4 && NULL_TOKENS.has(t.toLowerCase()))
        return CELL_NULL;
    if (NUMERIC_TOKEN.test(t)) {
        out[0] = Number(t);
        return CELL_NUMBER;
    }
    const inf = INFINITE_TOKEN.exec(t);
    if (inf) {
        out[0] = inf[1] === '-' ? -Infinity : Infinity;
        return CELL_NUMBER;
    }
    return CELL_TEXT;
}

;// CONCATENATED MODULE: ./src/data/cell-bytes.ts
/**
 * docs/statistics.md §1 rules 3–5 applied to a cell's UTF-8 bytes, without making a string: the CSV
 * reader calls this for every cell of every numeric-so-far column, so it is the hot path.
 *
 * Numbers: plain decimals with at most 15 significant digits and a decimal exponent within ±22
 * are computed as `m × 10^k` or `m / 10^k` with both operands exact doubles (m < 2^53, 10^k ≤ 10^22),
 * so the single IEEE operation is correctly rounded (Clinger's fast path) and equals `Number(token)`
 * bit for bit. Anything else that matches the numeric-token grammar falls back to `Number(token)`.
 * `cell.ts` is the readable reference on strings; the two must agree bit for bit (tested).
 */

const MINUS = 0x2d;
const PLUS = 0x2b;
const DOT = 0x2e;
const ZERO = 0x30;
/** Exact powers of ten 10^0 … 10^22 (each is a double exactly). */
const POW10 = new Float64Array(23).map((_, i) => Number(`1e${i}`));
const MAX_FAST_DIGITS = 15;
const SPACE = 0x20;
const TAB = 0x09;
const SLASH = 0x2f;
/** ASCII letter to lower case; only compared against lower-case letters, where it is exact. */
const LOWER = 0x20;
/**
 * Classifies `bytes[start, end)` (one raw cell, quotes already removed) as CELL_NULL, CELL_NUMBER or
 * CELL_TEXT (cell.ts). A numeric value is written to `out[0]`.
 */
function classifyCellBytes(bytes, start, end, out) {
    let s = start;
    let e = end;
    while (s < e && (bytes[s] === SPACE || bytes[s] === TAB))
        s++;
    while (e > s && (bytes[e - 1] === SPACE || bytes[e - 1] === TAB))
        e--;
    if (s === e)
        return CELL_NULL;
    let i = s;
    const c = bytes[i];
    const negative = c === MINUS;
    if (negative || c === PLUS)
        i++;
    let mantissa = 0;
    let significant = 0;
    let exponent = 0;
    let digits = 0;
    // Integer part.
    while (i < e) {
        const d = bytes[i] - ZERO;
        if (d < 0 || d > 9)
            break;
        if (mantissa !== 0 || d !== 0) {
            mantissa = mantissa * 10 + d;
            significant++;
        }
        digits++;
        i++;
    }
    // Fraction.
    if (i < e && bytes[i] === DOT) {
        i++;
        while (i < e) {
            const d = bytes[i] - ZERO;
            if (d < 0 || d > 9)
                break;
            if (mantissa !== 0 || d !== 0) {
                mantissa = mantissa * 10 + d;
                significant++;
            }
            exponent--;
            digits++;
            i++;
        }
    }
    if (digits === 0)
        return classifyWord(bytes, s, e, out);
    // Exponent.
    if (i < e && (bytes[i] | LOWER) === 0x65 /* e */) {
        i++;
        let expNegative = false;
        if (i < e && (bytes[i] === MINUS || bytes[i] === PLUS)) {
            expNegative = bytes[i] === MINUS;
            i++;
        }
        const expStart = i;
        let value = 0;
        while (i < e) {
            const d = bytes[i] - ZERO;
            if (d < 0 || d > 9)
                break;
            if (value < 100000)
                value = value * 10 + d; // beyond that the result is 0 or ∞ anyway
            i++;
        }
        if (i === expStart)
            return CELL_TEXT;
        exponent += expNegative ? -value : value;
    }
    if (i !== e)
        return CELL_TEXT;
    let v;
    if (mantissa === 0)
        v = 0;
    else if (significant <= MAX_FAST_DIGITS && exponent >= -22 && exponent <= 22) {
        v = exponent >= 0 ? mantissa * POW10[exponent] : mantissa / POW10[-exponent];
    }
    else {
        out[0] = Number(latin1(bytes, s, e));
        return CELL_NUMBER;
    }
    out[0] = negative ? -v : v;
    return CELL_NUMBER;
}
/** True iff the cell is null under rule 4 (used once a column is known to be categorical). */
function isNullCellBytes(bytes, start, end) {
    let s = start;
    let e = end;
    while (s < e && (bytes[s] === SPACE || bytes[s] === TAB))
        s++;
    while (e > s && (bytes[e - 1] === SPACE || bytes[e - 1] === TAB))
        e--;
    return e - s > 4 ? false : s === e || nullWord(bytes, s, e - s);
}
/** Null tokens and ±inf/±infinity; everything else is text. `s`, `e` are trimmed and non-empty. */
function classifyWord(bytes, s, e, out) {
    const n = e - s;
    if (n <= 4 && nullWord(bytes, s, n))
        return CELL_NULL;
    let i = s;
    const c = bytes[i];
    if (c === MINUS || c === PLUS)
        i++;
    const m = e - i;
    if ((m === 3 || m === 8) && isWord(bytes, i, m === 3 ? 'inf' : 'infinity')) {
        out[0] = c === MINUS ? -Infinity : Infinity;
        return CELL_NUMBER;
    }
    return CELL_TEXT;
}
function nullWord(bytes, s, n) {
    switch (n) {
        case 2:
            return isWord(bytes, s, 'na');
        case 3:
            return (isWord(bytes, s, 'nan') ||
                ((bytes[s] | LOWER) === 0x6e && bytes[s + 1] === SLASH && (bytes[s + 2] | LOWER) === 0x61));
        case 4:
            return isWord(bytes, s, 'null') || isWord(bytes, s, 'none');
        default:
            return false;
    }
}
/** Case-insensitive match of ASCII letters `word` at `bytes[s…]`. */
function isWord(bytes, s, word) {
    for (let k = 0; k < word.length; k++)
        if ((bytes[s + k] | LOWER) !== word.charCodeAt(k))
            return false;
    return true;
}
function latin1(bytes, s, e) {
    let t = '';
    for (let k = s; k < e; k++)
        t += String.fromCharCode(bytes[k]);
    return t;
}

;// CONCATENATED MODULE: ./src/data/byte-dictionary.ts
/**
 * Dictionary encoding keyed by UTF-8 bytes: a categorical CSV column looks each cell up here without
 * first decoding it to a string, so a string is made once per distinct value instead of once per cell.
 * Open addressing with linear probing over FNV-1a hashes; keys live in one growing byte arena.
 *
 * Null cells (docs/statistics.md §1 rule 4: `""`, `NaN`, ` null `, …) are keys too, whose code is -1: whether
 * a cell is null is decided once per distinct byte string, not once per cell.
 */

const { imul, max } = Math;
/** FNV-1a (32-bit) parameters; the CSV tokenizer hashes text cells with the same function on the fly. */
const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193;
/**
 * `code(bytes, start, end)` / `codeHashed(…, hash)` give the code of a cell's bytes (-1 if null),
 * `codesHashed` does a run of hashed cells at once, `strings` are the non-null values in order of first
 * appearance.
 */
class ByteDictionary {
    /** Distinct non-null values in order of first appearance; `strings[code]`. */
    strings = [];
    /** Key index per slot, -1 when empty. */
    slots = new Int32Array(64).fill(-1);
    keys = 0;
    hashes = new Int32Array(16);
    keyStart = new Int32Array(16);
    keyLength = new Int32Array(16);
    /** First and last (up to) 4 bytes of each key, little-endian: with the length, the whole of a short key. */
    keyHead = new Int32Array(16);
    keyTail = new Int32Array(16);
    /** Code of each key: its index in `strings`, or -1 for a null cell. */
    codes = new Int32Array(16);
    arena = new Uint8Array(1024);
    arenaLength = 0;
    decoder = new TextDecoder('utf-8');
    get size() {
        return this.strings.length;
    }
    /** The code of the cell `bytes[start, end)` (-1 if it is null), adding it (decoded as UTF-8) if it is new. */
    code(bytes, start, end) {
        let h = FNV_OFFSET;
        for (let i = start; i < end; i++)
            h = imul(h ^ bytes[i], FNV_PRIME);
        return this.codeHashed(bytes, start, end, h);
    }
    /** `code` when the FNV-1a hash `h` of the bytes is already known. */
    codeHashed(bytes, start, end, h) {
        const mask = this.slots.length - 1;
        let slot = h & mask;
        const length = end - start;
        for (;;) {
            const key = this.slots[slot];
            if (key < 0)
                break;
            if (this.hashes[key] === h &&
                this.keyLength[key] === length &&
                this.equals(key, bytes, start, length)) {
                return this.codes[key];
            }
            slot = (slot + 1) & mask;
        }
        return this.add(bytes, start, end, h, slot);
    }
    /**
     * Bulk `codeHashed`, in order from `from`: while `flags[i] === flag`, `out[at + i − from]` is the code of
     * `bytes[starts[i], ends[i])`, whose hash is `hashes[i]`. Returns the first i (< `to`) with another flag,
     * or `to`.
     */
    codesHashed(bytes, starts, ends, hashes, flags, flag, from, to, out, at) {
        let slots = this.slots;
        let mask = slots.length - 1;
        let keyHashes = this.hashes;
        let keyStart = this.keyStart;
        let keyLength = this.keyLength;
        let keyHead = this.keyHead;
        let keyTail = this.keyTail;
        let codes = this.codes;
        let arena = this.arena;
        cells: for (let i = from; i < to; i++) {
            if (flags[i] !== flag)
                return i;
            const h = hashes[i];
            const start = starts[i];
            const length = ends[i] - start;
            // Equal keys have equal heads and tails; up to 8 bytes, these are all there is to compare.
            const head = headOf(bytes, start, length);
            const tail = tailOf(bytes, start, length);
            let slot = h & mask;
            for (;;) {
                const key = slots[slot];
                if (key < 0)
                    break;
                if (keyHashes[key] === h &&
                    keyLength[key] === length &&
                    keyHead[key] === head &&
                    keyTail[key] === tail) {
                    let j = 4;
                    if (length > 8) {
                        const k = keyStart[key];
                        while (j < length - 4 && arena[k + j] === bytes[start + j])
                            j++;
                    }
                    if (length <= 8 || j === length - 4) {
                        out[at + i - from] = codes[key];
                        continue cells;
                    }
                }
                slot = (slot + 1) & mask;
            }
            out[at + i - from] = this.add(bytes, start, start + length, h, slot);
            // A new key may have grown the tables.
            slots = this.slots;
            mask = slots.length - 1;
            keyHashes = this.hashes;
            keyStart = this.keyStart;
            keyLength = this.keyLength;
            keyHead = this.keyHead;
            keyTail = this.keyTail;
            codes = this.codes;
            arena = this.arena;
        }
        return to;
    }
    equals(key, bytes, start, length) {
        const arena = this.arena;
        const k = this.keyStart[key];
        for (let i = 0; i < length; i++)
            if (arena[k + i] !== bytes[start + i])
                return false;
        return true;
    }
    add(bytes, start, end, hash, slot) {
        const key = this.keys++;
        const length = end - start;
        if (this.arenaLength + length > this.arena.length) {
            this.arena = grow(this.arena, max(this.arena.length * 2, this.arenaLength + length));
        }
        this.arena.set(bytes.subarray(start, end), this.arenaLength);
        if (key === this.hashes.length) {
            this.hashes = grow(this.hashes, key * 2);
            this.keyStart = grow(this.keyStart, key * 2);
            this.keyLength = grow(this.keyLength, key * 2);
            this.keyHead = grow(this.keyHead, key * 2);
            this.keyTail = grow(this.keyTail, key * 2);
            this.codes = grow(this.codes, key * 2);
        }
        this.hashes[key] = hash;
        this.keyStart[key] = this.arenaLength;
        this.keyLength[key] = length;
        this.keyHead[key] = headOf(bytes, start, length);
        this.keyTail[key] = tailOf(bytes, start, length);
        this.arenaLength += length;
        let code = -1;
        if (!isNullCellBytes(bytes, start, end)) {
            code = this.strings.length;
            this.strings.push(this.decoder.decode(bytes.subarray(start, end)));
        }
        this.codes[key] = code;
        this.slots[slot] = key;
        if ((key + 1) * 2 > this.slots.length)
            this.rehash();
        return code;
    }
    rehash() {
        const slots = new Int32Array(this.slots.length * 2).fill(-1);
        const mask = slots.length - 1;
        for (let key = 0; key < this.keys; key++) {
            let slot = this.hashes[key] & mask;
            while (slots[slot] >= 0)
                slot = (slot + 1) & mask;
            slots[slot] = key;
        }
        this.slots = slots;
    }
}
/** The first min(4, length) bytes at `start`, little-endian. */
function headOf(bytes, start, length) {
    if (length >= 4)
        return bytes[start] | (bytes[start + 1] << 8) | (bytes[start + 2] << 16) | (bytes[start + 3] << 24);
    let v = 0;
    for (let j = length - 1; j >= 0; j--)
        v = (v << 8) | bytes[start + j];
    return v;
}
/** The last min(4, length) bytes of `[start, start + length)`, little-endian. */
function tailOf(bytes, start, length) {
    return length >= 4 ? headOf(bytes, start + length - 4, 4) : headOf(bytes, start, length);
}
function grow(array, length) {
    const bigger = new array.constructor(length);
    bigger.set(array);
    return bigger;
}

;// CONCATENATED MODULE: ./src/data/csv-fields.ts
/** Field flag: the field began with `"`; without FIELD_ESCAPED its content is `[start + 1, end − 1)`. */
const FIELD_QUOTED = 1;
/** Field flag: a quoted field with `""` pairs or bytes after the closing quote; decode with `unquoteField`. */
const FIELD_ESCAPED = 2;
/**
 * Field flag (alone): an unquoted plain decimal (`[+-]digits[.digits]`, ≤ 9 + 9 digits, no blanks) that
 * the tokenizer already parsed into `numbers[i]`, exactly `Number(cell)`. `starts`/`ends` are not set for
 * such a cell.
 */
const FIELD_NUMBER = 4;
/** Field flag (alone): an unquoted cell of a `textOnly` column whose FNV-1a hash is `hashes[i]`. */
const FIELD_HASHED = 8;
const QUOTE = 0x22;
const utf8 = new TextDecoder('utf-8');
/**
 * The cell string of a raw field `bytes[start, end)` with `flags` from a batch: quotes removed,
 * `""` turned into `"`, anything after the closing quote appended (Python `csv` semantics).
 */
function decodeField(bytes, start, end, flags) {
    if ((flags & FIELD_QUOTED) === 0)
        return utf8.decode(bytes.subarray(start, end));
    if (flags === FIELD_QUOTED)
        return utf8.decode(bytes.subarray(start + 1, end - 1));
    return utf8.decode(unquoteField(bytes, start, end));
}
let scratch = new Uint8Array(256);
/**
 * The content bytes of an escaped quoted field (flag FIELD_ESCAPED). Returns a view of a shared
 * buffer, valid until the next call.
 */
function unquoteField(bytes, start, end) {
    if (scratch.length < end - start)
        scratch = new Uint8Array(Math.max(end - start, scratch.length * 2));
    const out = scratch;
    let n = 0;
    let i = start + 1;
    while (i < end) {
        const c = bytes[i];
        if (c === QUOTE) {
            if (i + 1 < end && bytes[i + 1] === QUOTE) {
                out[n++] = QUOTE;
                i += 2;
                continue;
            }
            i++;
            break; // the closing quote
        }
        out[n++] = c;
        i++;
    }
    while (i < end)
        out[n++] = bytes[i++];
    return out.subarray(0, n);
}

;// CONCATENATED MODULE: ./src/data/number-syntax.ts
/**
 * What the text of a numeric column says about its type, beyond the values. pandas' C parser types a
 * CSV column by the text of its cells, not by the numbers they stand for: `64.0` is a float64 column
 * even though 64.0 is a whole number, because the parser first tries to read every cell as an integer
 * (`_try_int64`: optional sign and digits only) and only then as a double (`_try_double`). The readers
 * record these flags per numeric column (`NumericColumn.syntax`) and `dtypeOf` (checks/data/column-dtype.ts)
 * turns them into the dtype name pandas would report.
 *
 * The rule, checked against pandas 1.5 (`pd.read_csv` with default options) in test/data/number-syntax.test.ts:
 * - a cell written with a decimal point, an exponent or as inf/infinity makes the column float64
 *   (`64.0`, `64.`, `1e3`, `inf`); so does a null cell (NaN needs a float);
 * - otherwise every cell is an integer: int64 when all fit in int64;
 * - integers above int64 (≥ 2^63) but below 2^64, with no null, no minus sign and no float cell: uint64;
 *   with float cells and no minus sign: float64; with a null or a minus sign anywhere: pandas gives up
 *   on numbers and keeps the text (object);
 * - an integer at or above 2^64, or a finite number too large for a double (`1e400`): object; an
 *   integer below −2^63: float64 when there is a float cell, else object.
 * Whatever pandas reports, our columns stay numeric (docs/statistics.md §1 rule 5): only the dtype name follows
 * pandas. The flags merge by OR, so shards and threads combine them in any order.
 */
/** A cell with a decimal point, an exponent or an inf/infinity word (or a floating-point Parquet column). */
const SYNTAX_FLOAT = 1;
/** A cell with a minus sign (only recorded when {@link SYNTAX_ABOVE_INT64} is, where it matters). */
const SYNTAX_NEGATIVE = 2;
/** An integer cell above 2^63 − 1 (the int64 maximum). */
const SYNTAX_ABOVE_INT64 = 4;
/** An integer cell above 2^64 − 1 (the uint64 maximum), or a finite number that overflows a double. */
const SYNTAX_BEYOND = 8;
/** An integer cell below −2^63 (the int64 minimum). */
const SYNTAX_BELOW_INT64 = 16;
/** The names of the flags in a profile state file (profile-state.ts), in bit order. */
const SYNTAX_NAMES = (/* unused pure expression or super */ null && (['float', 'negative', 'above_int64', 'beyond', 'below_int64']));
function syntaxToNames(flags) {
    return SYNTAX_NAMES.filter((_, bit) => (flags & (1 << bit)) !== 0);
}
function syntaxFromNames(names) {
    let flags = 0;
    for (const name of names) {
        const bit = SYNTAX_NAMES.indexOf(name);
        if (bit >= 0)
            flags |= 1 << bit;
    }
    return flags;
}
/**
 * Doubles beyond this magnitude may stand for integers outside int64 (the int64 bounds round to ±2^63):
 * only such cells need their text looked at exactly.
 */
const INT64_SAFE = 9223372036854774784; // 2^63 − 1024, the largest double below 2^63
const number_syntax_DOT = 0x2e;
const number_syntax_MINUS = 0x2d;
const number_syntax_PLUS = 0x2b;
const number_syntax_ZERO = 0x30;
/**
 * The flags of one numeric token `bytes[s, e)` (trimmed: no blanks around it, and known to match the
 * numeric-token grammar of docs/statistics.md §1 rule 5) whose value is `value`. Integer tokens of 19 digits
 * or more are compared with the int64/uint64 bounds exactly, by their digits.
 */
function numberSyntaxBytes(bytes, s, e, value) {
    let flags = 0;
    for (let i = s; i < e; i++) {
        const b = bytes[i] | 0x20; // ASCII lower case ('.' stays '.')
        if (b === number_syntax_DOT || b === 0x65 /* e */ || b === 0x69 /* i: inf, infinity */) {
            flags = SYNTAX_FLOAT;
            break;
        }
    }
    if (bytes[s] === number_syntax_MINUS)
        flags |= SYNTAX_NEGATIVE;
    if (flags & SYNTAX_FLOAT) {
        // A finite number too large for a double: pandas keeps such a column as text.
        if ((value === Infinity || value === -Infinity) && !isInfWord(bytes, s))
            flags |= SYNTAX_BEYOND;
        return flags;
    }
    if (value > -INT64_SAFE && value < INT64_SAFE)
        return flags;
    return flags | integerRange(bytes, s, e);
}
/** The same for a token given as a string (tests, and readers that have strings). */
function numberSyntax(token, value) {
    return numberSyntaxBytes(new TextEncoder().encode(token), 0, token.length, value);
}
function isInfWord(bytes, s) {
    let i = s;
    if (bytes[i] === number_syntax_MINUS || bytes[i] === number_syntax_PLUS)
        i++;
    return (bytes[i] | 0x20) === 0x69;
}
const INT64_MAX = '9223372036854775807';
const INT64_MIN_ABS = '9223372036854775808';
const UINT64_MAX = '18446744073709551615';
/** Where an integer token lies relative to int64 and uint64, by comparing its digits. */
function integerRange(bytes, s, e) {
    let i = s;
    const negative = bytes[i] === number_syntax_MINUS;
    if (negative || bytes[i] === number_syntax_PLUS)
        i++;
    while (i < e - 1 && bytes[i] === number_syntax_ZERO)
        i++; // leading zeros do not count
    let digits = '';
    for (; i < e; i++)
        digits += String.fromCharCode(bytes[i]);
    const above = (bound) => digits.length > bound.length || (digits.length === bound.length && digits > bound);
    if (negative)
        return above(INT64_MIN_ABS) ? SYNTAX_BELOW_INT64 : 0;
    if (above(UINT64_MAX))
        return SYNTAX_BEYOND;
    return above(INT64_MAX) ? SYNTAX_ABOVE_INT64 : 0;
}
/**
 * The pandas dtype name of a numeric column from its flags, whether it has a null cell and whether its
 * values are negative anywhere (a minus sign is only recorded where it matters): see the module doc.
 */
function pandasNumericDtype(flags, hasNull) {
    const float = (flags & SYNTAX_FLOAT) !== 0;
    if (flags & SYNTAX_BEYOND)
        return 'object';
    if (flags & SYNTAX_BELOW_INT64)
        return float ? 'float64' : 'object';
    if (flags & SYNTAX_ABOVE_INT64) {
        if (hasNull || flags & SYNTAX_NEGATIVE)
            return 'object';
        return float ? 'float64' : 'uint64';
    }
    return float || hasNull ? 'float64' : 'int64';
}

;// CONCATENATED MODULE: ./src/data/csv-column.ts
/**
 * Builds one typed column from CSV batches (docs/statistics.md §1 rule 6). A column starts numeric and
 * stores doubles; the first non-null, non-numeric cell turns it categorical for good.
 *
 * A categorical value is the raw cell string, but cells before the flip were kept only as numbers
 * (`1.50` and `1.5` are both 1.5), and in the batch where the flip happens the tokenizer kept only the
 * value of plain numbers, not their bytes. Rather than keep every cell's text in case of a flip, the
 * builder marks rows `[0, prefixRows)` — everything up to the end of that batch — for a second pass
 * (`readCsv` re-reads just those rows of just the flipped columns, then `finishPrefix` merges).
 * A column with no number before its first text cell (the usual categorical column) needs no
 * second pass.
 *
 * A numeric column also records how its numbers were written (number-syntax.ts), from which the dtype
 * pandas would read follows: the tokenizer flags the decimal points of the cells it parses, the builder
 * looks at the text of the others.
 *
 * Numeric storage is on shared memory, so that a profile can sort columns on a worker thread without
 * copying them (stats/parallel-sort.ts). Used on both threads of a parallel read (csv-worker.ts).
 */





const { max: csv_column_max, min } = Math;
const csv_column_SPACE = 0x20;
const csv_column_TAB = 0x09;
const cellValue = new Float64Array(1);
class CsvColumnBuilder {
    name;
    length = 0;
    /** Rows `[0, prefixRows)` of a categorical column still need their codes from a re-read; 0 while numeric. */
    prefixRows = 0;
    values;
    /** How the numbers so far were written: number-syntax.ts flags. */
    syntax = 0;
    codes;
    dictionary;
    prefixDictionary;
    constructor(name, capacity) {
        this.name = name;
        this.values = sharedFloat64(capacity);
    }
    get capacity() {
        return (this.values ?? this.codes).length;
    }
    get categorical() {
        return this.codes !== undefined;
    }
    /** Grows storage to at least `capacity` rows. */
    reserve(capacity) {
        if (this.values && this.values.length < capacity) {
            const values = sharedFloat64(capacity);
            values.set(this.values.subarray(0, this.length));
            this.values = values;
        }
        if (this.codes && this.codes.length < capacity) {
            const codes = new Int32Array(capacity);
            codes.set(this.codes.subarray(0, this.length));
            this.codes = codes;
        }
    }
    /**
     * Hands the part of numeric storage from row `from` on to another reader of the same file
     * (csv-parallel.ts: the worker that reads its second half); keeps rows before it. Returns the shared
     * view, or undefined when there is none to give (a categorical column, or too little room).
     */
    splitStorage(from) {
        const values = this.values;
        if (!values || from < this.length || from >= values.length)
            return undefined;
        this.values = values.subarray(0, from);
        return values.subarray(from);
    }
    /** Writes numeric rows into `storage` (from {@link splitStorage}) while it lasts. */
    useStorage(storage) {
        if (this.values && this.length === 0)
            this.values = storage;
    }
    /** Whether numeric rows are (still) written to `storage`, as given to {@link useStorage}. */
    writesTo(storage) {
        return this.values === storage;
    }
    /** Whether numeric storage is (still) on the same memory as `view`. */
    sharesMemory(view) {
        return this.values !== undefined && this.values.buffer === view.buffer;
    }
    /**
     * Appends `rows` numeric rows that another reader wrote to `storage`, the memory after this storage
     * handed over by {@link splitStorage}: they are moved down to follow the rows here.
     */
    appendMoved(rows, storage, syntax = 0) {
        this.syntax |= syntax;
        const values = this.values;
        const from = (storage.byteOffset - values.byteOffset) / 8;
        const whole = new Float64Array(values.buffer, values.byteOffset, (values.buffer.byteLength - values.byteOffset) / 8);
        whole.copyWithin(this.length, from, from + rows);
        this.values = whole;
        this.length += rows;
    }
    /** Appends batch column `k`; the caller has reserved room for `batch.rows` more rows. */
    add(batch, k) {
        const { bytes, starts, ends, flags, numbers, hashes, rows } = batch;
        const base = k * batch.stride;
        let r = 0;
        if (this.values) {
            const values = this.values;
            let n = this.length;
            let syntax = this.syntax | batch.syntax[k];
            if (batch.unparsed[k] === 0) {
                // The tokenizer parsed every cell: one block copy.
                values.set(numbers.subarray(base, base + rows), n);
                this.length = n + rows;
                this.syntax = syntax;
                return;
            }
            for (; r < rows; r++) {
                const i = base + r;
                const f = flags[i];
                if (f === FIELD_NUMBER) {
                    values[n++] = numbers[i];
                    continue;
                }
                let src = bytes;
                let s = starts[i];
                let e = ends[i];
                if (f === FIELD_QUOTED) {
                    s++;
                    e--;
                }
                else if (f !== 0) {
                    src = unquoteField(bytes, s, e);
                    s = 0;
                    e = src.length;
                }
                const kind = classifyCellBytes(src, s, e, cellValue);
                if (kind === CELL_NUMBER) {
                    const v = cellValue[0];
                    values[n++] = v;
                    // The text matters until a float cell is seen, and for numbers near or beyond the int64 range.
                    if ((syntax & SYNTAX_FLOAT) === 0 || !(v > -INT64_SAFE && v < INT64_SAFE))
                        syntax |= trimmedSyntax(src, s, e, v);
                }
                else if (kind === CELL_NULL)
                    values[n++] = NaN;
                else
                    break;
            }
            this.length = n;
            this.syntax = syntax;
            if (r === rows)
                return;
            // Row r is text: the column turns categorical.
            batch.textOnly[k] = 1;
            if (hasNumber(values, 0, n) || hasNumberCell(flags, base + r, base + rows)) {
                // Some cells' text is gone (kept as numbers, or parsed without bytes): re-read up to here.
                this.toCategorical(batch.rowStart + rows);
                return;
            }
            this.toCategorical(0); // only nulls so far (codes -1): carry on with this batch's text
        }
        const codes = this.codes;
        const dictionary = this.dictionary;
        let n = this.length;
        // Runs of cells the tokenizer hashed go through one tight loop; the others (quoted, or in the batch
        // where the column turned categorical) one by one, in row order (the dictionary is in order of first
        // appearance).
        const end = base + rows;
        for (let i = base + r; i < end;) {
            const next = dictionary.codesHashed(bytes, starts, ends, hashes, flags, FIELD_HASHED, i, end, codes, n);
            n += next - i;
            i = next;
            if (i < end) {
                codes[n++] = cellCode(bytes, starts[i], ends[i], flags[i], hashes[i], dictionary);
                i++;
            }
        }
        this.length = n;
    }
    /** Starts out categorical: for a column already known to be text (no rows added yet). */
    startAsText() {
        if (this.values && this.length === 0)
            this.toCategorical(0);
    }
    /**
     * Turns categorical. Rows before `length` so far were null (-1); with `prefixRows` > 0 (the end of
     * the current batch) rows up to there wait for the re-read instead.
     */
    toCategorical(prefixRows) {
        this.prefixRows = prefixRows;
        this.codes = new Int32Array(this.values.length).fill(-1, 0, this.length);
        this.values = undefined;
        this.length = csv_column_max(this.length, prefixRows);
        this.dictionary = new ByteDictionary();
    }
    /**
     * Re-read pass (a scan with `text: true`): fills the codes of rows `[0, prefixRows)` from batch
     * column `k`, in a dictionary of their own (merged by `finishPrefix`).
     */
    addPrefix(batch, k) {
        const codes = this.codes;
        const dictionary = (this.prefixDictionary ??= new ByteDictionary());
        const { bytes, starts, ends, flags, hashes } = batch;
        const base = k * batch.stride;
        const rows = min(batch.rows, this.prefixRows - batch.rowStart);
        const end = base + rows;
        for (let i = base; i < end;) {
            const next = dictionary.codesHashed(bytes, starts, ends, hashes, flags, FIELD_HASHED, i, end, codes, batch.rowStart + i - base);
            i = next;
            if (i < end) {
                codes[batch.rowStart + i - base] = cellCode(bytes, starts[i], ends[i], flags[i], hashes[i], dictionary);
                i++;
            }
        }
    }
    /**
     * Puts the prefix's values in front of the later ones, so the dictionary stays in order of first
     * appearance, and renumbers the codes after the prefix.
     */
    finishPrefix() {
        const codes = this.codes;
        const merged = this.prefixDictionary ? [...this.prefixDictionary.strings] : [];
        const index = new Map();
        merged.forEach((value, code) => index.set(value, code));
        const later = this.dictionary.strings;
        const remap = new Int32Array(later.length);
        later.forEach((value, code) => {
            let target = index.get(value);
            if (target === undefined) {
                target = merged.length;
                merged.push(value);
                index.set(value, target);
            }
            remap[code] = target;
        });
        for (let r = this.prefixRows; r < this.length; r++)
            if (codes[r] >= 0)
                codes[r] = remap[codes[r]];
        this.mergedDictionary = merged;
        this.prefixDictionary = undefined;
    }
    mergedDictionary;
    /**
     * Appends the rows of `rest`, the same column read from the rest of the file (csv-parallel.ts), as if
     * they had come in batches. Returns false when that is impossible without the text of cells kept only
     * as numbers (one part numeric with numbers, the other categorical): the caller then reads the file
     * again in one pass. Call after `finishPrefix`, if there was a re-read.
     */
    append(rest) {
        const rows = rest.type === 'numeric' ? rest.values.length : rest.codes.length;
        if (this.values) {
            if (rest.type === 'numeric') {
                this.reserve(this.length + rows);
                this.syntax |= rest.syntax ?? 0;
                this.values.set(rest.values, this.length);
                this.length += rows;
                return true;
            }
            // Text in the rest: fine if this part is all null (as when a column turns categorical after nulls).
            if (hasNumber(this.values, 0, this.length))
                return false;
            this.toCategorical(0);
        }
        else if (rest.type === 'numeric') {
            if (hasNumber(rest.values, 0, rows))
                return false;
            this.reserve(this.length + rows);
            this.codes.fill(-1, this.length, this.length + rows);
            this.length += rows;
            return true;
        }
        if (rest.type !== 'categorical')
            return false;
        // Codes of the rest's values in this dictionary, new values appended in their order of appearance.
        const merged = [...(this.mergedDictionary ?? this.dictionary.strings)];
        const index = new Map();
        merged.forEach((value, code) => index.set(value, code));
        const remap = new Int32Array(rest.dictionary.length);
        rest.dictionary.forEach((value, code) => {
            let target = index.get(value);
            if (target === undefined) {
                target = merged.length;
                merged.push(value);
                index.set(value, target);
            }
            remap[code] = target;
        });
        this.reserve(this.length + rows);
        const codes = this.codes;
        const from = rest.codes;
        const at = this.length;
        for (let r = 0; r < rows; r++) {
            const c = from[r];
            codes[at + r] = c >= 0 ? remap[c] : -1;
        }
        this.length += rows;
        this.mergedDictionary = merged;
        return true;
    }
    /** The finished column; storage beyond `length` is dropped (copied only when the slack is large). */
    finish() {
        if (this.values) {
            const values = fit(this.values, this.length);
            let syntax = this.syntax;
            // A minus sign matters only beside integers above int64; the tokenizer does not record it.
            if (syntax & SYNTAX_ABOVE_INT64 && hasSignBit(values))
                syntax |= SYNTAX_NEGATIVE;
            return { name: this.name, type: 'numeric', values, syntax };
        }
        return {
            name: this.name,
            type: 'categorical',
            codes: fit(this.codes, this.length),
            dictionary: this.mergedDictionary ?? this.dictionary.strings,
        };
    }
}
/** Dictionary code (-1 for null) of the raw field `bytes[start, end)` with tokenizer `flags`. */
function cellCode(bytes, start, end, flags, hash, dictionary) {
    if (flags === FIELD_HASHED)
        return dictionary.codeHashed(bytes, start, end, hash);
    let src = bytes;
    let s = start;
    let e = end;
    if (flags === FIELD_QUOTED) {
        s++;
        e--;
    }
    else if (flags & FIELD_ESCAPED) {
        src = unquoteField(bytes, s, e);
        s = 0;
        e = src.length;
    }
    return dictionary.code(src, s, e);
}
/** number-syntax.ts flags of the numeric token `bytes[start, end)`, blanks around it trimmed. */
function trimmedSyntax(bytes, start, end, value) {
    let s = start;
    let e = end;
    while (s < e && (bytes[s] === csv_column_SPACE || bytes[s] === csv_column_TAB))
        s++;
    while (e > s && (bytes[e - 1] === csv_column_SPACE || bytes[e - 1] === csv_column_TAB))
        e--;
    return numberSyntaxBytes(bytes, s, e, value);
}
/** True if a value of `values` is negative (−0 and −∞ included; NaN is a null). */
function hasSignBit(values) {
    for (let i = 0; i < values.length; i++) {
        const v = values[i];
        if (v < 0 || Object.is(v, -0))
            return true;
    }
    return false;
}
/** True if `values[from, to)` holds a number (a non-NaN). */
function hasNumber(values, from, to) {
    for (let i = from; i < to; i++)
        if (values[i] === values[i])
            return true;
    return false;
}
/** True if a cell in `flags[from, to)` is a parsed number (its bytes were not kept). */
function hasNumberCell(flags, from, to) {
    for (let i = from; i < to; i++)
        if (flags[i] === FIELD_NUMBER)
            return true;
    return false;
}
function fit(array, length) {
    if (array.length === length)
        return array;
    if (array.length - length <= (length >> 4) + 1024)
        return array.subarray(0, length);
    if (array instanceof Float64Array) {
        const copy = sharedFloat64(length);
        copy.set(array.subarray(0, length));
        return copy;
    }
    return array.slice(0, length);
}
/**
 * Numeric column storage lives on shared memory, so that a profile can sort columns on a worker thread
 * without copying them (checks/data/parallel-sort.ts). It behaves as any Float64Array otherwise.
 */
function sharedFloat64(length) {
    return new Float64Array(new SharedArrayBuffer(length * 8));
}

;// CONCATENATED MODULE: external "node:buffer"
const external_node_buffer_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:buffer");
;// CONCATENATED MODULE: ./src/data/utf8.ts
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
function firstInvalidUtf8(bytes, start, end) {
    let i = start;
    while (i < end) {
        const b = bytes[i];
        if (b < 0x80) {
            i++;
            continue;
        }
        let need;
        let lo = 0x80;
        let hi = 0xbf;
        if (b >= 0xc2 && b <= 0xdf)
            need = 1;
        else if (b >= 0xe0 && b <= 0xef) {
            need = 2;
            if (b === 0xe0)
                lo = 0xa0; // overlong
            if (b === 0xed)
                hi = 0x9f; // surrogates
        }
        else if (b >= 0xf0 && b <= 0xf4) {
            need = 3;
            if (b === 0xf0)
                lo = 0x90; // overlong
            if (b === 0xf4)
                hi = 0x8f; // > U+10FFFF
        }
        else
            return i;
        if (i + 1 >= end)
            return i; // cut off by `end`
        const b1 = bytes[i + 1];
        if (b1 < lo || b1 > hi)
            return i;
        for (let j = 2; j <= need; j++) {
            if (i + j >= end)
                return i;
            const c = bytes[i + j];
            if (c < 0x80 || c > 0xbf)
                return i;
        }
        i += need + 1;
    }
    return -1;
}
/**
 * The largest offset ≤ `end` that does not split a multi-byte character, so a chunk can be
 * validated now and its last, possibly incomplete, character with the next chunk.
 */
function utf8Boundary(bytes, start, end) {
    let i = end;
    // Step back over at most 3 continuation bytes to the lead byte of the last character.
    while (i > start && end - i < 3 && (bytes[i - 1] & 0xc0) === 0x80)
        i--;
    if (i === start)
        return end;
    const lead = bytes[i - 1];
    if (lead < 0xc0)
        return end; // ASCII (or a stray continuation byte: let validation report it)
    const length = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : 2;
    return end - (i - 1) >= length ? end : i - 1;
}
/** 1-based column (in characters) of byte `offset` on a line starting at `lineStart`; bytes before it are valid UTF-8. */
function charColumn(bytes, lineStart, offset) {
    let column = 1;
    for (let i = lineStart; i < offset; i++)
        if ((bytes[i] & 0xc0) !== 0x80)
            column++;
    return column;
}

;// CONCATENATED MODULE: ./src/data/csv-chunk-loop.ts
/**
 * Feeding the tokenizer (csv-tokenizer.ts) from a byte stream read in chunks: `scanCsv` (csv-scanner.ts)
 * reads them asynchronously on the main thread, the parallel reader's worker (csv-range.ts) synchronously.
 */


/**
 * Feeds a tokenizer from a byte stream read in chunks by the caller (asynchronously on the main thread,
 * synchronously in a worker): `room()` says where the next chunk goes, `advance(n)` takes it (n = 0 at
 * the end of the input), tokenizes the complete records and returns true when the tokenizer is done.
 * One buffer holds the unconsumed tail plus a chunk, and one byte past the data for the sentinel.
 * UTF-8 is validated chunk by chunk (natively); a leading BOM is skipped unless `atRecord` (the input
 * starts in the middle of a file, at a record boundary).
 */
class ChunkLoop {
    tokenizer;
    chunkSize;
    bytes;
    eof = false;
    length = 0;
    position = 0;
    start;
    validEnd = 0;
    constructor(tokenizer, chunkSize, atRecord = false) {
        this.tokenizer = tokenizer;
        this.chunkSize = chunkSize;
        // A plain Uint8Array (not a Buffer) keeps byte access in the hot loops monomorphic.
        this.bytes = new Uint8Array(2 * chunkSize + 1);
        this.start = atRecord ? 0 : -1; // -1 until the BOM check
    }
    /** Offset in `bytes` where the next chunk (up to `chunkSize` bytes) must be written. */
    room() {
        if (this.length + this.chunkSize + 1 > this.bytes.length) {
            // A long record is still incomplete: make room for it and the next chunk.
            const bigger = new Uint8Array(2 * (this.length + this.chunkSize) + 1);
            bigger.set(this.bytes.subarray(0, this.length));
            this.bytes = bigger;
        }
        return this.length;
    }
    /** Takes `bytesRead` bytes written at `room()` (ignored once at the end); true when finished. */
    advance(bytesRead) {
        const bytes = this.bytes;
        if (!this.eof) {
            if (bytesRead === 0)
                this.eof = true;
            this.length += bytesRead;
            this.position += bytesRead;
        }
        const { length, eof } = this;
        if (this.start < 0) {
            if (length < 3 && !eof)
                return false;
            this.start = length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
            this.validEnd = this.start;
        }
        let limit = eof ? length : utf8Boundary(bytes, this.start, length);
        let bad = -1;
        if (this.validEnd < limit && !(0,external_node_buffer_namespaceObject.isUtf8)(bytes.subarray(this.validEnd, limit))) {
            bad = firstInvalidUtf8(bytes, this.validEnd, limit);
            limit = bad;
        }
        this.validEnd = limit;
        const tokenizer = this.tokenizer;
        tokenizer.bytesDone = this.position - (length - limit);
        const consumed = tokenizer.tokenize(bytes, this.start, limit, eof && bad < 0);
        if (bad >= 0)
            tokenizer.failInvalidUtf8(bytes, consumed, bad);
        if (tokenizer.finished)
            return true;
        bytes.copyWithin(0, consumed, length);
        this.length -= consumed;
        this.validEnd -= consumed;
        this.start = 0;
        return false;
    }
}

;// CONCATENATED MODULE: ./src/data/select-columns.ts
/** Column selection shared by every reader: which header fields to read, in file order. */

/**
 * Indices (ascending, no duplicates) of the `wanted` columns in `header`; all columns when `wanted`
 * is undefined. A name that is not in the header is an InputError listing the columns that exist.
 */
function selectColumns(file, header, wanted) {
    if (wanted === undefined)
        return header.map((_, i) => i);
    const index = new Map();
    header.forEach((name, i) => index.set(name, i));
    const missing = wanted.filter((name) => !index.has(name));
    if (missing.length > 0) {
        const names = missing.map((n) => JSON.stringify(n)).join(', ');
        throw new InputError(`${file}: no column ${names}${didYouMean(missing[0], header)}; the columns are ${header.map((n) => JSON.stringify(n)).join(', ')}`);
    }
    return [...new Set(wanted.map((name) => index.get(name)))].sort((a, b) => a - b);
}

;// CONCATENATED MODULE: ./src/data/csv-tokenizer.ts
/**
 * The CSV tokenizer proper (docs/statistics.md §1 rules 1–2): a synchronous state machine over bytes that
 * finds field boundaries and hands them out in batches (`CsvBatch`, csv-fields.ts). The chunk loop
 * (csv-chunk-loop.ts) feeds it; see csv-scanner.ts for the dialect.
 */







const { imul: csv_tokenizer_imul, max: csv_tokenizer_max } = Math;
const LF = 0x0a;
const CR = 0x0d;
const csv_tokenizer_QUOTE = 0x22;
/** Separator. Most data bytes (digits, letters) are above it, so `b > COMMA ||` short-cuts the stop test. */
const COMMA = 0x2c;
const csv_tokenizer_PLUS = 0x2b;
const csv_tokenizer_MINUS = 0x2d;
const csv_tokenizer_DOT = 0x2e;
const csv_tokenizer_ZERO = 0x30;
const MAX_EXACT = 2 ** 53;
function fail(position, message) {
    throw new DataFormatError(position, message);
}
/** The state machine proper; `tokenize` may be called again with more bytes after an incomplete record. */
class Tokenizer {
    file;
    visitor;
    options;
    fileSize;
    finished = false;
    bytesDone = 0;
    /**
     * Set when the end of the input is a split of a larger file (csv-parallel.ts) rather than its end: a
     * quoted field still open there sets {@link openQuoteAtEnd} (the split was not a record boundary)
     * instead of being an error.
     */
    endIsSplit = false;
    openQuoteAtEnd = false;
    /** Line number (1-based) where the next record starts. */
    line = 1;
    rows = 0;
    header;
    /** Field index → batch column, -1 when the field is not selected. In header mode: identity. */
    slotOf;
    width;
    capacity;
    starts;
    ends;
    flags;
    numbers;
    unparsed;
    syntax;
    hashes;
    textOnly;
    batchRows = 0;
    rowLimit;
    /** Field count, start offset and line of the last record scanned (for the header). */
    fieldCount = 0;
    recordStart = 0;
    recordLine = 1;
    constructor(file, visitor, options, 
    /** The input's size (progress, capacity estimates); a stream sets it once its first response tells. */
    fileSize) {
        this.file = file;
        this.visitor = visitor;
        this.options = options;
        this.fileSize = fileSize;
        this.rowLimit = options.rowLimit ?? Infinity;
        this.slotOf = identity(64);
        this.width = 64;
        this.capacity = 1;
        this.starts = new Int32Array(64);
        this.ends = new Int32Array(64);
        this.flags = new Uint8Array(64);
        this.numbers = new Float64Array(64);
        this.unparsed = new Int32Array(64);
        this.syntax = new Uint8Array(64);
        this.hashes = new Int32Array(64);
        this.textOnly = new Uint8Array(64).fill(1);
    }
    /** The header, once read (or given to {@link resume}). */
    get knownHeader() {
        return this.header;
    }
    /** Line number (1-based) where the next record starts. */
    get nextLine() {
        return this.line;
    }
    /**
     * Starts in the middle of a file, at a record boundary: the header is known (`names`, `selected`),
     * `textOnly` says which selected columns are known to be text, and records are numbered from line 1.
     */
    resume(header, textOnly) {
        const slotOf = new Int32Array(header.names.length).fill(-1);
        header.selected.forEach((field, k) => (slotOf[field] = k));
        this.header = header;
        this.setSlots(slotOf, header.selected.length);
        this.textOnly.set(textOnly.subarray(0, header.selected.length));
    }
    summary() {
        if (!this.header)
            return fail({ file: this.file, line: 1, column: 1 }, 'empty file: expected a header record');
        return { header: this.header, rows: this.rows };
    }
    /**
     * Consumes the complete records in `bytes[position, limit)` and reports them as one batch.
     * Returns the offset of the first byte not consumed (the start of an incomplete record).
     * With `eof`, the last record may lack its terminator and an open quote is an error.
     */
    tokenize(bytes, position, limit, eof) {
        // Sentinel: a LF at `limit` stops every scanning loop, so they need no bounds test per byte;
        // the loops check `limit` only where they stop. Restored before returning.
        const saved = bytes[limit];
        bytes[limit] = LF;
        try {
            return this.tokenizeRecords(bytes, position, limit, eof);
        }
        finally {
            bytes[limit] = saved;
        }
    }
    tokenizeRecords(bytes, position, limit, eof) {
        let p = position;
        this.batchRows = 0;
        this.unparsed.fill(0);
        this.syntax.fill(0);
        while (this.header === undefined) {
            const line = this.line;
            const next = this.scanRecords(bytes, p, limit, eof, 1);
            if (this.batchRows === 0)
                return this.endBatch(bytes, next, limit, eof);
            if (this.fieldCount > this.width) {
                // More header fields than slots: widen and scan the header again.
                this.line = line;
                this.batchRows = 0;
                this.setSlots(identity(this.fieldCount * 2), this.fieldCount * 2);
                continue;
            }
            this.readHeader(bytes, this.recordStart, this.recordLine);
            this.batchRows = 0;
            p = next;
        }
        const next = this.scanRecords(bytes, p, limit, eof, this.rowLimit - this.rows);
        return this.endBatch(bytes, next, limit, eof);
    }
    /** Reports the batch (if any rows) and returns `p`, the offset where the next call resumes. */
    endBatch(bytes, p, limit, eof) {
        if ((eof && p >= limit) ||
            this.openQuoteAtEnd ||
            (this.header && this.rows + this.batchRows >= this.rowLimit))
            this.finished = true;
        if (this.batchRows > 0) {
            this.visitor.onBatch({
                bytes,
                rowStart: this.rows,
                rows: this.batchRows,
                width: this.width,
                stride: this.capacity,
                starts: this.starts,
                ends: this.ends,
                flags: this.flags,
                numbers: this.numbers,
                unparsed: this.unparsed,
                syntax: this.syntax,
                hashes: this.hashes,
                textOnly: this.textOnly,
                bytesDone: this.bytesDone,
                fileSize: this.fileSize,
            });
            this.rows += this.batchRows;
            this.batchRows = 0;
        }
        return p;
    }
    /**
     * Scans up to `maxRecords` records (skipping empty lines) from `p` into the batch, from row
     * `batchRows` on. Returns the offset after the last one consumed: at `limit`, or at the start of a
     * record that `limit` cuts off before `eof`. In data mode every record must have the header's
     * field count. One loop with local state, because this is where the time goes.
     */
    scanRecords(bytes, p, limit, eof, maxRecords) {
        const slotOf = this.slotOf;
        const slots = slotOf.length;
        const expected = this.header ? slots : -1;
        const unparsed = this.unparsed;
        const syntax = this.syntax;
        const textOnly = this.textOnly;
        let stride = this.capacity;
        let starts = this.starts;
        let ends = this.ends;
        let flagsOut = this.flags;
        let numbers = this.numbers;
        let hashes = this.hashes;
        let row = this.batchRows;
        let line = this.line;
        let b = 0;
        records: while (p < limit && row - this.batchRows < maxRecords) {
            b = bytes[p];
            // Completely empty lines are skipped.
            if (b === LF) {
                p++;
                line++;
                continue;
            }
            if (b === CR) {
                if (p + 1 >= limit && !eof)
                    break;
                if (p + 1 < limit && bytes[p + 1] === LF) {
                    p += 2;
                    line++;
                    continue;
                }
            }
            if (row === stride) {
                this.growBatch();
                stride = this.capacity;
                starts = this.starts;
                ends = this.ends;
                flagsOut = this.flags;
                numbers = this.numbers;
                hashes = this.hashes;
            }
            const recordStart = p;
            let field = 0;
            let extraFieldAt = -1;
            let lines = 0;
            for (;;) {
                const fieldStart = p;
                const k = field < slots ? slotOf[field] : -1;
                let flags = 0;
                b = bytes[p]; // the sentinel LF when p === limit
                if (b === csv_tokenizer_QUOTE) {
                    flags = FIELD_QUOTED;
                    p++;
                    for (;;) {
                        while ((b = bytes[p]) !== csv_tokenizer_QUOTE) {
                            if (b === LF) {
                                if (p >= limit)
                                    break;
                                lines++;
                            }
                            p++;
                        }
                        if (p >= limit) {
                            if (eof) {
                                if (!this.endIsSplit)
                                    this.failUnterminated(bytes, recordStart, line, fieldStart);
                                this.openQuoteAtEnd = true; // the split was inside a quoted field
                            }
                            p = recordStart;
                            break records;
                        }
                        if (p + 1 >= limit) {
                            if (!eof) {
                                p = recordStart;
                                break records;
                            }
                            p++;
                            break;
                        }
                        if (bytes[p + 1] === csv_tokenizer_QUOTE) {
                            flags = FIELD_QUOTED | FIELD_ESCAPED;
                            p += 2;
                            continue;
                        }
                        p++;
                        break;
                    }
                }
                else if (k >= 0 && textOnly[k] === 0) {
                    // Fast path for the common numeric cell: [+-]digits[.digits], at most 9 + 9 digits, directly
                    // followed by a separator. Integer and fraction digits accumulate in int32 (cheaper than a
                    // double multiply-add chain); only m = int·10^f + frac < 2^53 takes the fast path, where m
                    // and 10^f are exact doubles and one correctly rounded division gives exactly Number(cell).
                    // Anything else: the generic scan below.
                    let q = p;
                    const negative = b === csv_tokenizer_MINUS;
                    if (negative || b === csv_tokenizer_PLUS)
                        q++;
                    const integerFrom = q;
                    let integer = 0;
                    let d = 0;
                    while ((d = bytes[q] - csv_tokenizer_ZERO) >>> 0 <= 9) {
                        integer = (integer * 10 + d) | 0;
                        q++;
                    }
                    const integerDigits = q - integerFrom;
                    let fraction = 0;
                    let fractionDigits = 0;
                    if (bytes[q] === csv_tokenizer_DOT) {
                        // Written with a decimal point: pandas reads the column as float64 (number-syntax.ts). If
                        // the cell turns out not to be a number, the column is text and the flag does not matter.
                        syntax[k] = SYNTAX_FLOAT;
                        q++;
                        const fractionFrom = q;
                        while ((d = bytes[q] - csv_tokenizer_ZERO) >>> 0 <= 9) {
                            fraction = (fraction * 10 + d) | 0;
                            q++;
                        }
                        fractionDigits = q - fractionFrom;
                    }
                    if (q < limit && integerDigits <= 9 && fractionDigits <= 9 && integerDigits + fractionDigits > 0) {
                        const c = bytes[q];
                        if (c === COMMA || c === LF || (c === CR && bytes[q + 1] === LF && q + 1 < limit)) {
                            const mantissa = fractionDigits === 0 ? integer : integer * POW10[fractionDigits] + fraction;
                            if (mantissa < MAX_EXACT) {
                                const i = k * stride + row;
                                const signed = negative ? -mantissa : mantissa;
                                numbers[i] = fractionDigits === 0 ? signed : signed / POW10[fractionDigits];
                                flagsOut[i] = FIELD_NUMBER;
                                flags = FIELD_NUMBER;
                            }
                        }
                    }
                    p = q; // bytes[fieldStart, q) hold no separator: the generic scan may resume here
                }
                else if (k >= 0) {
                    // A text column: hash the bytes on the way (FNV-1a, as ByteDictionary) to save it a pass.
                    let h = FNV_OFFSET;
                    for (;;) {
                        while ((b = bytes[p]) > COMMA || (b !== COMMA && b !== LF && b !== CR)) {
                            h = csv_tokenizer_imul(h ^ b, FNV_PRIME);
                            p++;
                        }
                        if (p < limit && b === CR) {
                            if (p + 1 < limit) {
                                if (bytes[p + 1] === LF)
                                    break;
                            }
                            else if (!eof) {
                                p = recordStart;
                                break records;
                            }
                            h = csv_tokenizer_imul(h ^ CR, FNV_PRIME); // a lone CR is data
                            p++;
                            continue;
                        }
                        break;
                    }
                    hashes[k * stride + row] = h;
                    flags = FIELD_HASHED;
                }
                if (flags < FIELD_NUMBER) {
                    const unquotedFrom = p;
                    for (;;) {
                        while ((b = bytes[p]) > COMMA || (b !== COMMA && b !== LF && b !== CR))
                            p++;
                        if (p < limit && b === CR) {
                            if (p + 1 < limit) {
                                if (bytes[p + 1] === LF)
                                    break;
                            }
                            else if (!eof) {
                                p = recordStart;
                                break records;
                            }
                            p++; // a lone CR is data
                            continue;
                        }
                        break;
                    }
                    if (flags !== 0 && p !== unquotedFrom)
                        flags = FIELD_QUOTED | FIELD_ESCAPED;
                }
                if (k >= 0) {
                    if (flags !== FIELD_NUMBER) {
                        // Boundaries are kept for every cell except parsed numbers, whose value is all that is needed.
                        const i = k * stride + row;
                        starts[i] = fieldStart;
                        ends[i] = p;
                        flagsOut[i] = flags;
                        unparsed[k]++;
                    }
                }
                else if (field === slots)
                    extraFieldAt = fieldStart;
                field++;
                if (p >= limit) {
                    if (!eof) {
                        p = recordStart;
                        break records;
                    }
                    break; // the last record, without terminator
                }
                b = bytes[p];
                if (b === COMMA) {
                    p++;
                    continue;
                }
                break;
            }
            // A complete record: [recordStart, p) plus its terminator, if any.
            if (expected < 0)
                this.fieldCount = field;
            else if (field !== expected)
                this.failFieldCount(bytes, recordStart, line, field, field > expected ? extraFieldAt : p);
            this.recordStart = recordStart;
            this.recordLine = line;
            line += lines;
            if (p < limit) {
                p += bytes[p] === CR ? 2 : 1;
                line++;
            }
            row++;
        }
        this.batchRows = row;
        this.line = line;
        return p;
    }
    /** Decodes the header record (batch row 0), checks names, selects columns, switches to data mode. */
    readHeader(bytes, recordStart, line) {
        const count = this.fieldCount;
        const names = [];
        const seen = new Map();
        for (let k = 0; k < count; k++) {
            const name = decodeField(bytes, this.starts[k], this.ends[k], this.flags[k]);
            const previous = seen.get(name);
            if (previous !== undefined) {
                const at = this.locate(bytes, recordStart, line, this.starts[k]);
                return fail(at, `duplicate column name ${JSON.stringify(name)} (also column ${previous + 1} of the header)`);
            }
            seen.set(name, k);
            names.push(name);
        }
        const selected = selectColumns(this.file, names, this.options.columns);
        const slotOf = new Int32Array(count).fill(-1);
        selected.forEach((field, k) => (slotOf[field] = k));
        this.header = { file: this.file, names, selected };
        this.setSlots(slotOf, selected.length);
        this.visitor.onHeader?.(this.header);
    }
    setSlots(slotOf, width) {
        this.slotOf = slotOf;
        this.width = width;
        this.capacity = this.header ? 4096 : 1;
        const size = csv_tokenizer_max(1, this.capacity * this.width);
        this.starts = new Int32Array(size);
        this.ends = new Int32Array(size);
        this.flags = new Uint8Array(size);
        this.numbers = new Float64Array(size);
        this.hashes = new Int32Array(size);
        this.unparsed = new Int32Array(csv_tokenizer_max(1, width));
        this.syntax = new Uint8Array(csv_tokenizer_max(1, width));
        // The header's fields are only text; data columns start out trying numbers.
        this.textOnly = new Uint8Array(csv_tokenizer_max(1, width)).fill(this.header && !this.options.text ? 0 : 1);
    }
    /** Doubles the rows a batch holds, keeping the column-major layout. */
    growBatch() {
        const old = this.capacity;
        this.capacity *= 2;
        this.starts = relayout(this.starts, new Int32Array(this.capacity * this.width), old, this.capacity);
        this.ends = relayout(this.ends, new Int32Array(this.capacity * this.width), old, this.capacity);
        this.flags = relayout(this.flags, new Uint8Array(this.capacity * this.width), old, this.capacity);
        this.numbers = relayout(this.numbers, new Float64Array(this.capacity * this.width), old, this.capacity);
        this.hashes = relayout(this.hashes, new Int32Array(this.capacity * this.width), old, this.capacity);
    }
    /** 1-based line and character column of byte `offset` of the record that starts at `recordStart` on `line`. */
    locate(bytes, recordStart, line, offset) {
        let lineStart = recordStart;
        for (let i = recordStart; i < offset; i++) {
            if (bytes[i] === LF) {
                line++;
                lineStart = i + 1;
            }
        }
        return { file: this.file, line, column: charColumn(bytes, lineStart, offset) };
    }
    /** `at` is the start of the first extra field, or the end of a record with too few. */
    failFieldCount(bytes, recordStart, line, count, at) {
        const expected = this.slotOf.length;
        return fail(this.locate(bytes, recordStart, line, at), `expected ${expected} fields (as in the header), got ${count}`);
    }
    failUnterminated(bytes, recordStart, line, quoteAt) {
        return fail(this.locate(bytes, recordStart, line, quoteAt), 'unterminated quoted field: no closing quote before end of file');
    }
    /** Called with the first invalid byte at `bad`, after every complete record before it was tokenized. */
    failInvalidUtf8(bytes, recordStart, bad) {
        const hex = bytes[bad].toString(16).toUpperCase().padStart(2, '0');
        return fail(this.locate(bytes, recordStart, this.line, bad), `invalid UTF-8: byte 0x${hex} does not start a valid character`);
    }
}
function relayout(from, to, oldStride, newStride) {
    for (let k = 0; k * newStride < to.length; k++)
        to.set(from.subarray(k * oldStride, (k + 1) * oldStride), k * newStride);
    return to;
}
function identity(n) {
    return Int32Array.from({ length: n }, (_, i) => i);
}

;// CONCATENATED MODULE: ./src/data/csv-range.ts
/**
 * Parsing a run of whole records of a CSV file, bytes `[from, to)`, into columns: the second half of a
 * parallel read (csv-parallel.ts), done on a worker thread (csv-worker.ts) with synchronous reads. The
 * header, and which columns are already known to be text, come from the main thread's first batch.
 */




/** Parses the records in `[job.from, job.to)`. @throws DataFormatError (lines counted from `from`). */
function readCsvRange(job) {
    const builders = job.header.selected.map((field) => new CsvColumnBuilder(job.header.names[field], 0));
    let rows = 0;
    const tokenizer = new Tokenizer(job.file, {
        onBatch(batch) {
            const need = rows + batch.rows;
            // Builders differ in capacity (storage handed over by the main thread): the least decides.
            let least = Infinity;
            for (const b of builders)
                least = Math.min(least, b.capacity);
            if (builders.length > 0 && need > least) {
                const estimate = Math.ceil((need / Math.max(1, batch.bytesDone)) * (job.to - job.from) * 1.02) + 16;
                const capacity = Math.max(need, estimate, Math.ceil(least * 1.5));
                for (const b of builders)
                    b.reserve(capacity);
            }
            for (let c = 0; c < builders.length; c++)
                builders[c].add(batch, c);
            rows = need;
        },
    }, {}, job.to - job.from);
    tokenizer.resume(job.header, job.textOnly);
    // Columns known to be text get text cells from the tokenizer (FIELD_HASHED): they start categorical.
    builders.forEach((b, c) => {
        if (job.textOnly[c])
            b.startAsText();
        else if (job.storage[c])
            b.useStorage(job.storage[c]);
    });
    const loop = new ChunkLoop(tokenizer, job.chunkSize, true);
    const fd = (0,external_node_fs_namespaceObject.openSync)(job.file, 'r');
    try {
        let position = job.from;
        for (;;) {
            let bytesRead = 0;
            if (!loop.eof) {
                const at = loop.room();
                const length = Math.min(job.chunkSize, job.to - position);
                bytesRead = length > 0 ? (0,external_node_fs_namespaceObject.readSync)(fd, loop.bytes, at, length, position) : 0;
                position += bytesRead;
            }
            if (loop.advance(bytesRead))
                break;
        }
    }
    finally {
        (0,external_node_fs_namespaceObject.closeSync)(fd);
    }
    const inPlace = builders.map((b, c) => job.storage[c] !== undefined && b.writesTo(job.storage[c]));
    return { rows, inPlace, columns: builders.map((b) => (b.prefixRows > 0 ? null : b.finish())) };
}

;// CONCATENATED MODULE: ./src/data/csv-worker.ts
/**
 * Worker-thread entry of the parallel CSV reader (csv-parallel.ts): parses its range of the file
 * (csv-range.ts) and posts the columns, or the problem. Bundled beside each bundle's index.js as
 * `csv-worker.js` (scripts/build.mjs); started with threads/start-worker.ts.
 */



try {
    external_node_worker_threads_namespaceObject.parentPort.postMessage(readCsvRange(external_node_worker_threads_namespaceObject.workerData));
}
catch (err) {
    const data = err instanceof DataFormatError;
    external_node_worker_threads_namespaceObject.parentPort.postMessage({
        error: {
            message: data ? err.detail : String(err?.message ?? err),
            position: data ? err.position : undefined,
            data,
        },
    });
}

