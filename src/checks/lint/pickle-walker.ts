/**
 * A pickle opcode walker that never unpickles. It follows the pickle virtual machine of CPython's
 * `pickle._Unpickler` (protocols 0–5, framing, memo, marks) over *abstract* values: strings and small
 * ints, tuples and dicts are tracked as far as needed to name what the pickle imports — `GLOBAL`, `INST`,
 * and `STACK_GLOBAL` whose operands came from the stack or the memo — and to step over the raw array data
 * joblib writes between opcodes. Nothing is ever called, imported or evaluated.
 *
 * Push-based: feed chunks as they arrive (a file read, an inflating zip entry); large payloads (tensor
 * bytes, long strings) are skipped without being kept, so memory stays bounded whatever the file size.
 * Limits (stack, memo, marks, kept strings) are fixed; reaching one stops the walk with a reason.
 */

/** An import the pickle performs when loaded. */
export interface PickleImport {
  module: string;
  name: string;
  /** Byte offset of the opcode in the stream. */
  offset: number;
  opcode: 'GLOBAL' | 'STACK_GLOBAL' | 'INST';
}

export interface PickleEvents {
  onImport(imp: PickleImport): void;
  /**
   * Something the pickle would import (`import`) or call (`call`) that cannot be named without running
   * it. A computed call usually follows a flagged import (the result of `getattr(...)` being called).
   */
  onUnresolved(offset: number, why: string, kind: 'import' | 'call'): void;
}

/** Abstract values on the virtual machine's stack. */
type V =
  | { t: 's'; v: string }
  | { t: 'i'; v: number }
  | { t: 'g'; m: string; n: string }
  | { t: 'tu'; v: V[] }
  | { t: 'd'; v: Map<string, V> }
  | { t: 'o'; c: V; a?: V; st?: V }
  | { t: 'none' }
  | { t: '?' };

const ANY: V = { t: '?' };
const NONE: V = { t: 'none' };
const TRUE: V = { t: 'i', v: 1 };
const FALSE: V = { t: 'i', v: 0 };

/** Strings longer than this are not kept (module and attribute names are short). */
const MAX_KEPT_STRING = 4096;
/** Characters of kept strings in the memo before further strings are only counted. */
const MAX_MEMO_STRING_CHARS = 32 * 1024 * 1024;
const MAX_STACK = 2_000_000;
const MAX_MEMO = 4_000_000;
const MAX_MARKS = 100_000;
/** A line argument (protocol 0) longer than this is malformed. */
const MAX_LINE = 64 * 1024;
/** Tuples and dicts with more items are tracked as opaque values. */
const MAX_TRACKED_ITEMS = 64;
/** joblib may nest a pickle (object arrays) inside a pickle; deeper nesting is not joblib. */
const MAX_FRAMES = 8;

export const OPCODE_NAMES: Record<number, string> = {
  0x28: 'MARK',
  0x2e: 'STOP',
  0x30: 'POP',
  0x31: 'POP_MARK',
  0x32: 'DUP',
  0x46: 'FLOAT',
  0x49: 'INT',
  0x4a: 'BININT',
  0x4b: 'BININT1',
  0x4c: 'LONG',
  0x4d: 'BININT2',
  0x4e: 'NONE',
  0x50: 'PERSID',
  0x51: 'BINPERSID',
  0x52: 'REDUCE',
  0x53: 'STRING',
  0x54: 'BINSTRING',
  0x55: 'SHORT_BINSTRING',
  0x56: 'UNICODE',
  0x58: 'BINUNICODE',
  0x61: 'APPEND',
  0x62: 'BUILD',
  0x63: 'GLOBAL',
  0x64: 'DICT',
  0x7d: 'EMPTY_DICT',
  0x65: 'APPENDS',
  0x67: 'GET',
  0x68: 'BINGET',
  0x69: 'INST',
  0x6a: 'LONG_BINGET',
  0x6c: 'LIST',
  0x5d: 'EMPTY_LIST',
  0x6f: 'OBJ',
  0x70: 'PUT',
  0x71: 'BINPUT',
  0x72: 'LONG_BINPUT',
  0x73: 'SETITEM',
  0x74: 'TUPLE',
  0x29: 'EMPTY_TUPLE',
  0x75: 'SETITEMS',
  0x47: 'BINFLOAT',
  0x80: 'PROTO',
  0x81: 'NEWOBJ',
  0x82: 'EXT1',
  0x83: 'EXT2',
  0x84: 'EXT4',
  0x85: 'TUPLE1',
  0x86: 'TUPLE2',
  0x87: 'TUPLE3',
  0x88: 'NEWTRUE',
  0x89: 'NEWFALSE',
  0x8a: 'LONG1',
  0x8b: 'LONG4',
  0x42: 'BINBYTES',
  0x43: 'SHORT_BINBYTES',
  0x8c: 'SHORT_BINUNICODE',
  0x8d: 'BINUNICODE8',
  0x8e: 'BINBYTES8',
  0x8f: 'EMPTY_SET',
  0x90: 'ADDITEMS',
  0x91: 'FROZENSET',
  0x92: 'NEWOBJ_EX',
  0x93: 'STACK_GLOBAL',
  0x94: 'MEMOIZE',
  0x95: 'FRAME',
  0x96: 'BYTEARRAY8',
  0x97: 'NEXT_BUFFER',
  0x98: 'READONLY_BUFFER',
};

/** Argument layout: fixed size, a newline-terminated line (or two), or a length prefix of n bytes. */
type ArgKind = { fixed: number } | { lines: 1 | 2 } | { prefix: 1 | 4 | 8; signed?: boolean };

const NO_ARG = { fixed: 0 };
const ARGS: Record<number, ArgKind> = {
  0x46: { lines: 1 },
  0x49: { lines: 1 },
  0x4a: { fixed: 4 },
  0x4b: { fixed: 1 },
  0x4c: { lines: 1 },
  0x4d: { fixed: 2 },
  0x50: { lines: 1 },
  0x53: { lines: 1 },
  0x54: { prefix: 4, signed: true },
  0x55: { prefix: 1 },
  0x56: { lines: 1 },
  0x58: { prefix: 4 },
  0x63: { lines: 2 },
  0x67: { lines: 1 },
  0x68: { fixed: 1 },
  0x69: { lines: 2 },
  0x6a: { fixed: 4 },
  0x70: { lines: 1 },
  0x71: { fixed: 1 },
  0x72: { fixed: 4 },
  0x47: { fixed: 8 },
  0x80: { fixed: 1 },
  0x82: { fixed: 1 },
  0x83: { fixed: 2 },
  0x84: { fixed: 4 },
  0x8a: { prefix: 1 },
  0x8b: { prefix: 4, signed: true },
  0x42: { prefix: 4 },
  0x43: { prefix: 1 },
  0x8c: { prefix: 1 },
  0x8d: { prefix: 8 },
  0x8e: { prefix: 8 },
  0x95: { fixed: 8 },
  0x96: { prefix: 8 },
};

/** Opcodes whose payload is text we keep (when short): the operands of STACK_GLOBAL. */
const TEXT_PAYLOAD = new Set([0x54, 0x55, 0x58, 0x8c, 0x8d]);

class Malformed extends Error {}

interface Frame {
  stack: V[];
  meta: V[][];
  metaItems: number;
  memo: Map<number, V>;
}

/** What the walk saw: how many pickles, and why it stopped early (if it did). */
export interface WalkSummary {
  pickles: number;
  opcodes: number;
  /** Set when the walk could not reach the end: malformed data, a limit, truncation. */
  stopped?: { offset: number; reason: string };
  /** Bytes after the last pickle that are not another pickle (torch legacy storages, trailing data). */
  trailingBytes: number;
}

function u64(buf: Buffer, at: number): number {
  const lo = buf.readUInt32LE(at);
  const hi = buf.readUInt32LE(at + 4);
  return hi * 0x1_0000_0000 + lo; // beyond 2^53 loses precision, but such a length is malformed anyway
}

/** Python `codecs.escape_decode` of a protocol 0 STRING argument (quotes already removed). */
function escapeDecode(s: string): string {
  return s.replace(/\\(x[0-9a-fA-F]{2}|[0-7]{1,3}|.)/gs, (_m, e: string) => {
    if (e[0] === 'x') return String.fromCharCode(parseInt(e.slice(1), 16));
    if (/^[0-7]/.test(e)) return String.fromCharCode(parseInt(e, 8) & 0xff);
    const map: Record<string, string> = {
      n: '\n',
      t: '\t',
      r: '\r',
      a: '\x07',
      b: '\b',
      f: '\f',
      v: '\v',
      '\\': '\\',
      "'": "'",
      '"': '"',
      '\n': '',
    };
    return map[e] ?? `\\${e}`;
  });
}

/** Python's `raw-unicode-escape` decoding (UNICODE opcode): only \uXXXX and \UXXXXXXXX are escapes. */
function rawUnicodeEscape(s: string): string {
  return s.replace(/\\(u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8})/g, (_m, e: string) =>
    String.fromCodePoint(parseInt(e.slice(1), 16)),
  );
}

export class PickleWalker {
  private buf: Buffer = Buffer.alloc(0);
  /** Stream offset of buf[0]. */
  private base = 0;
  private skip = 0;
  private ended = false;
  private done = false;
  /** After a top-level STOP: does another pickle follow? */
  private between = false;
  private started = false;
  private stack: V[] = [];
  private meta: V[][] = [];
  /** Values held in the stacks saved by MARK (they count towards the stack limit). */
  private metaItems = 0;
  private memo = new Map<number, V>();
  private memoChars = 0;
  private frames: Frame[] = [];
  /** joblib: bytes of raw array data to step over once the padding byte was read. */
  private pendingArray: { bytes: number; padded: boolean } | undefined;
  readonly summary: WalkSummary = { pickles: 0, opcodes: 0, trailingBytes: 0 };

  constructor(private readonly events: PickleEvents) {}

  /** True once the walk has ended (a STOP not followed by another pickle, an error or a limit). */
  get finished(): boolean {
    return this.done;
  }

  /** Bytes the caller may skip by seeking instead of pushing them (payloads the walker does not keep). */
  get skippable(): number {
    return this.done ? 0 : this.skip;
  }

  /** Tell the walker `n` skippable bytes were skipped without being pushed. */
  skipped(n: number): void {
    const k = Math.min(n, this.skip);
    this.skip -= k;
    this.base += k;
  }

  push(chunk: Uint8Array): void {
    if (this.done || chunk.length === 0) return;
    let data = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    if (this.skip > 0) {
      const k = Math.min(this.skip, data.length);
      this.skip -= k;
      this.base += k;
      data = data.subarray(k);
      if (data.length === 0) return;
    }
    this.buf = this.buf.length ? Buffer.concat([this.buf, data]) : data;
    this.run();
  }

  /** No more data: a pickle that has not reached STOP is truncated. */
  end(): WalkSummary {
    if (!this.done) {
      this.ended = true;
      this.run();
      if (!this.done) {
        if (this.skip > 0 || this.buf.length > 0 || (this.started && !this.between))
          this.stop(this.base + this.buf.length, 'the data ends before the pickle does (truncated)');
        this.done = true;
      }
    }
    return this.summary;
  }

  private stop(offset: number, reason: string): void {
    if (!this.summary.stopped) this.summary.stopped = { offset, reason };
    this.done = true;
  }

  private run(): void {
    let p = 0;
    try {
      p = this.loop();
    } catch (e) {
      if (!(e instanceof Malformed)) throw e;
      this.done = true;
    }
    if (this.done) {
      this.buf = Buffer.alloc(0);
      return;
    }
    this.base += p;
    this.buf = this.buf.subarray(p);
  }

  private fail(offset: number, reason: string): never {
    this.stop(offset, reason);
    throw new Malformed(reason);
  }

  /** Walk as many complete opcodes as the buffer holds; returns the position reached. */
  private loop(): number {
    const buf = this.buf;
    let p = 0;
    while (!this.done) {
      if (this.skip > 0) {
        const k = Math.min(this.skip, buf.length - p);
        p += k;
        this.skip -= k;
        if (this.skip > 0) return p;
        continue;
      }
      if (this.pendingArray) {
        if (this.pendingArray.padded) {
          if (p >= buf.length) return p;
          const pad = buf[p];
          p += 1;
          this.skip = pad + this.pendingArray.bytes;
        } else this.skip = this.pendingArray.bytes;
        this.pendingArray = undefined;
        continue;
      }
      if (p >= buf.length) return p;
      if (this.between) {
        if (buf.length - p < 2 && !this.ended) return p;
        if (buf[p] === 0x80 && p + 1 < buf.length && buf[p + 1] <= 5) this.between = false;
        else {
          this.summary.trailingBytes = buf.length - p;
          this.done = true;
          return p;
        }
      }
      const at = this.base + p;
      const op = buf[p];
      const name = OPCODE_NAMES[op];
      if (name === undefined)
        this.fail(at, `byte 0x${op.toString(16).padStart(2, '0')} at offset ${at} is not a pickle opcode`);
      const kind = ARGS[op] ?? NO_ARG;
      const avail = buf.length - p - 1;
      let argStart = p + 1;
      let next: number;
      let payload = 0;
      let line1 = '';
      let line2 = '';
      if ('fixed' in kind) {
        if (avail < kind.fixed) return this.needMore(p, at, name);
        next = argStart + kind.fixed;
      } else if ('lines' in kind) {
        const nl1 = buf.indexOf(0x0a, argStart);
        if (nl1 < 0 || nl1 - argStart > MAX_LINE) return this.lineMissing(buf, p, at, name);
        line1 = buf.toString('utf8', argStart, nl1);
        next = nl1 + 1;
        if (kind.lines === 2) {
          const nl2 = buf.indexOf(0x0a, next);
          if (nl2 < 0 || nl2 - next > MAX_LINE) return this.lineMissing(buf, p, at, name);
          line2 = buf.toString('utf8', next, nl2);
          next = nl2 + 1;
        }
      } else {
        if (avail < kind.prefix) return this.needMore(p, at, name);
        payload =
          kind.prefix === 1
            ? buf[argStart]
            : kind.prefix === 4
              ? kind.signed
                ? buf.readInt32LE(argStart)
                : buf.readUInt32LE(argStart)
              : u64(buf, argStart);
        if (payload < 0) this.fail(at, `${name} at offset ${at} has a negative length`);
        argStart += kind.prefix;
        next = argStart + payload;
        const isLong = op === 0x8a || op === 0x8b;
        const keep = (TEXT_PAYLOAD.has(op) && payload <= MAX_KEPT_STRING) || (isLong && payload <= 6);
        if (keep && buf.length < next) return this.needMore(p, at, name);
        if (!keep) {
          // A payload we do not keep (tensor bytes, long text): step over it; the caller may seek.
          this.summary.opcodes++;
          this.started = true;
          this.exec(op, at, buf, argStart, 0, '', '', false);
          const inBuf = Math.min(payload, buf.length - argStart);
          p = argStart + inBuf;
          this.skip = payload - inBuf;
          continue;
        }
      }
      this.summary.opcodes++;
      this.started = true;
      this.exec(op, at, buf, argStart, payload, line1, line2, true);
      p = next;
    }
    return p;
  }

  private needMore(p: number, at: number, name: string): number {
    if (this.ended) this.fail(at, `${name} at offset ${at} is cut off (truncated)`);
    return p;
  }

  private lineMissing(buf: Buffer, p: number, at: number, name: string): number {
    if (buf.length - p > 2 * MAX_LINE + 2)
      this.fail(at, `${name} at offset ${at} has an argument line longer than ${MAX_LINE} bytes`);
    return this.needMore(p, at, name);
  }

  // ---------------------------------------------------------------- the virtual machine

  private push1(v: V, at: number): void {
    if (this.stack.length + this.metaItems >= MAX_STACK)
      this.fail(at, `more than ${MAX_STACK} values on the stack`);
    this.stack.push(v);
  }

  private pop(at: number, what: string): V {
    const v = this.stack.pop();
    if (v === undefined) this.fail(at, `${what} at offset ${at} pops an empty stack`);
    return v;
  }

  private popMark(at: number, what: string): V[] {
    const items = this.stack;
    const outer = this.meta.pop();
    if (outer === undefined) this.fail(at, `${what} at offset ${at} has no MARK before it`);
    this.metaItems -= outer.length;
    this.stack = outer;
    return items;
  }

  private top(at: number, what: string): V {
    const v = this.stack[this.stack.length - 1];
    if (v === undefined) this.fail(at, `${what} at offset ${at} needs a value on the stack`);
    return v;
  }

  private memoPut(index: number, v: V, at: number): void {
    if (this.memo.size >= MAX_MEMO && !this.memo.has(index))
      this.fail(at, `more than ${MAX_MEMO} memo entries`);
    let kept = v;
    if (v.t === 's') {
      if (this.memoChars + v.v.length > MAX_MEMO_STRING_CHARS) kept = ANY;
      else this.memoChars += v.v.length;
    }
    this.memo.set(index, kept);
  }

  private memoGet(index: number, at: number): V {
    const v = this.memo.get(index);
    if (v === undefined) this.fail(at, `memo entry ${index} read at offset ${at} was never stored`);
    return v;
  }

  private tuple(items: V[]): V {
    return items.length <= MAX_TRACKED_ITEMS ? { t: 'tu', v: items } : ANY;
  }

  private importGlobal(module: string, name: string, at: number, opcode: PickleImport['opcode']): V {
    this.events.onImport({ module, name, offset: at, opcode });
    return { t: 'g', m: module, n: name };
  }

  private exec(
    op: number,
    at: number,
    buf: Buffer,
    a: number,
    len: number,
    line1: string,
    line2: string,
    hasPayload: boolean,
  ): void {
    switch (op) {
      case 0x28: // MARK
        if (this.meta.length >= MAX_MARKS) this.fail(at, `more than ${MAX_MARKS} nested MARKs`);
        this.meta.push(this.stack);
        this.metaItems += this.stack.length;
        this.stack = [];
        return;
      case 0x2e: // STOP
        this.pop(at, 'STOP');
        this.endPickle();
        return;
      case 0x30: // POP
        if (this.stack.length) this.stack.pop();
        else this.popMark(at, 'POP');
        return;
      case 0x31: // POP_MARK
        this.popMark(at, 'POP_MARK');
        return;
      case 0x32: // DUP
        this.push1(this.top(at, 'DUP'), at);
        return;
      case 0x46: // FLOAT
      case 0x47: // BINFLOAT
      case 0x50: // PERSID
        this.push1(ANY, at);
        return;
      case 0x49: {
        // INT: "01"/"00" are True/False in protocol 0
        const t = line1.trim();
        const n = t === '01' ? 1 : t === '00' ? 0 : Number.parseInt(t, 10);
        this.push1(Number.isSafeInteger(n) ? { t: 'i', v: n } : ANY, at);
        return;
      }
      case 0x4c: {
        // LONG
        const n = Number.parseInt(line1.replace(/L$/, ''), 10);
        this.push1(Number.isSafeInteger(n) ? { t: 'i', v: n } : ANY, at);
        return;
      }
      case 0x4a:
        this.push1({ t: 'i', v: buf.readInt32LE(a) }, at);
        return;
      case 0x4b:
        this.push1({ t: 'i', v: buf[a] }, at);
        return;
      case 0x4d:
        this.push1({ t: 'i', v: buf.readUInt16LE(a) }, at);
        return;
      case 0x8a: // LONG1
      case 0x8b: {
        // LONG4: little-endian two's complement
        let v: V = ANY;
        if (!hasPayload) v = ANY;
        else if (len === 0) v = { t: 'i', v: 0 };
        else if (len <= 6) v = { t: 'i', v: buf.readIntLE(a, len) };
        this.push1(v, at);
        return;
      }
      case 0x4e:
        this.push1(NONE, at);
        return;
      case 0x88:
        this.push1(TRUE, at);
        return;
      case 0x89:
        this.push1(FALSE, at);
        return;
      case 0x53: {
        // STRING: a quoted Python repr
        const t = line1.replace(/\r$/, '');
        const q = t[0];
        if (t.length < 2 || (q !== "'" && q !== '"') || t[t.length - 1] !== q)
          this.fail(at, `STRING at offset ${at} is not quoted`);
        this.push1({ t: 's', v: escapeDecode(t.slice(1, -1)) }, at);
        return;
      }
      case 0x56: // UNICODE
        this.push1({ t: 's', v: rawUnicodeEscape(line1) }, at);
        return;
      case 0x54: // BINSTRING (Python 3 decodes it as text by default)
      case 0x55: // SHORT_BINSTRING
        this.push1(hasPayload ? { t: 's', v: buf.toString('latin1', a, a + len) } : ANY, at);
        return;
      case 0x58: // BINUNICODE
      case 0x8c: // SHORT_BINUNICODE
      case 0x8d: // BINUNICODE8
        this.push1(hasPayload ? { t: 's', v: buf.toString('utf8', a, a + len) } : ANY, at);
        return;
      case 0x42: // BINBYTES
      case 0x43: // SHORT_BINBYTES
      case 0x8e: // BINBYTES8
      case 0x96: // BYTEARRAY8
      case 0x97: // NEXT_BUFFER
        this.push1(ANY, at);
        return;
      case 0x98: // READONLY_BUFFER
        this.top(at, 'READONLY_BUFFER');
        return;
      case 0x29: // EMPTY_TUPLE
        this.push1({ t: 'tu', v: [] }, at);
        return;
      case 0x74: // TUPLE
        this.push1(this.tuple(this.popMark(at, 'TUPLE')), at);
        return;
      case 0x85:
      case 0x86:
      case 0x87: {
        // TUPLE1..3
        const n = op - 0x84;
        const items: V[] = [];
        for (let i = 0; i < n; i++) items.unshift(this.pop(at, OPCODE_NAMES[op]));
        this.push1({ t: 'tu', v: items }, at);
        return;
      }
      case 0x5d: // EMPTY_LIST
      case 0x8f: // EMPTY_SET
        this.push1(ANY, at);
        return;
      case 0x6c: // LIST
      case 0x91: // FROZENSET
        this.popMark(at, OPCODE_NAMES[op]);
        this.push1(ANY, at);
        return;
      case 0x61: // APPEND
        this.pop(at, 'APPEND');
        this.top(at, 'APPEND');
        return;
      case 0x65: // APPENDS
      case 0x90: // ADDITEMS
        this.popMark(at, OPCODE_NAMES[op]);
        this.top(at, OPCODE_NAMES[op]);
        return;
      case 0x7d: // EMPTY_DICT
        this.push1({ t: 'd', v: new Map() }, at);
        return;
      case 0x64: {
        // DICT
        const items = this.popMark(at, 'DICT');
        const d: V = { t: 'd', v: new Map() };
        for (let i = 0; i + 1 < items.length; i += 2) this.setItem(d, items[i], items[i + 1]);
        this.push1(d, at);
        return;
      }
      case 0x73: {
        // SETITEM
        const value = this.pop(at, 'SETITEM');
        const key = this.pop(at, 'SETITEM');
        this.setItem(this.top(at, 'SETITEM'), key, value);
        return;
      }
      case 0x75: {
        // SETITEMS
        const items = this.popMark(at, 'SETITEMS');
        const d = this.top(at, 'SETITEMS');
        for (let i = 0; i + 1 < items.length; i += 2) this.setItem(d, items[i], items[i + 1]);
        return;
      }
      case 0x63: // GLOBAL
        this.push1(this.importGlobal(line1, line2, at, 'GLOBAL'), at);
        return;
      case 0x93: {
        // STACK_GLOBAL: module and name from the stack (often fetched from the memo)
        const name = this.pop(at, 'STACK_GLOBAL');
        const module = this.pop(at, 'STACK_GLOBAL');
        if (module.t === 's' && name.t === 's')
          this.push1(this.importGlobal(module.v, name.v, at, 'STACK_GLOBAL'), at);
        else {
          this.events.onUnresolved(
            at,
            `STACK_GLOBAL at offset ${at} imports a name that is not a plain string (${describe(module)}, ${describe(name)})`,
            'import',
          );
          this.push1(ANY, at);
        }
        return;
      }
      case 0x69: {
        // INST: import module.name and call it with the marked arguments
        const g = this.importGlobal(line1, line2, at, 'INST');
        const args = this.popMark(at, 'INST');
        this.push1({ t: 'o', c: g, a: this.tuple(args) }, at);
        return;
      }
      case 0x6f: {
        // OBJ: the first marked item is called with the others
        const items = this.popMark(at, 'OBJ');
        if (!items.length) this.fail(at, `OBJ at offset ${at} has nothing to call`);
        this.checkCallable(items[0], at, 'OBJ');
        this.push1({ t: 'o', c: items[0], a: this.tuple(items.slice(1)) }, at);
        return;
      }
      case 0x52: {
        // REDUCE
        const args = this.pop(at, 'REDUCE');
        const fn = this.pop(at, 'REDUCE');
        this.checkCallable(fn, at, 'REDUCE');
        this.push1({ t: 'o', c: fn, a: args }, at);
        return;
      }
      case 0x81: {
        // NEWOBJ: cls.__new__(cls, *args)
        const args = this.pop(at, 'NEWOBJ');
        const cls = this.pop(at, 'NEWOBJ');
        this.checkCallable(cls, at, 'NEWOBJ');
        this.push1({ t: 'o', c: cls, a: args }, at);
        return;
      }
      case 0x92: {
        // NEWOBJ_EX: cls.__new__(cls, *args, **kwargs)
        this.pop(at, 'NEWOBJ_EX');
        const args = this.pop(at, 'NEWOBJ_EX');
        const cls = this.pop(at, 'NEWOBJ_EX');
        this.checkCallable(cls, at, 'NEWOBJ_EX');
        this.push1({ t: 'o', c: cls, a: args }, at);
        return;
      }
      case 0x62: {
        // BUILD: obj.__setstate__(state) or obj.__dict__.update(state)
        const state = this.pop(at, 'BUILD');
        const obj = this.top(at, 'BUILD');
        if (obj.t === 'o') {
          obj.st = state;
          this.afterBuild(obj, at);
        }
        return;
      }
      case 0x51: // BINPERSID: persistent_load(pid) — torch storages
        this.pop(at, 'BINPERSID');
        this.push1(ANY, at);
        return;
      case 0x67: // GET
      case 0x70: {
        // PUT
        const index = Number.parseInt(line1, 10);
        if (!Number.isSafeInteger(index) || index < 0)
          this.fail(at, `${OPCODE_NAMES[op]} at offset ${at} has a bad memo index`);
        if (op === 0x67) this.push1(this.memoGet(index, at), at);
        else this.memoPut(index, this.top(at, 'PUT'), at);
        return;
      }
      case 0x68:
        this.push1(this.memoGet(buf[a], at), at);
        return;
      case 0x6a:
        this.push1(this.memoGet(buf.readUInt32LE(a), at), at);
        return;
      case 0x71:
        this.memoPut(buf[a], this.top(at, 'BINPUT'), at);
        return;
      case 0x72:
        this.memoPut(buf.readUInt32LE(a), this.top(at, 'LONG_BINPUT'), at);
        return;
      case 0x94: // MEMOIZE
        this.memoPut(this.memo.size, this.top(at, 'MEMOIZE'), at);
        return;
      case 0x82:
      case 0x83:
      case 0x84: {
        // EXT1/2/4: a global from copyreg's extension registry, unknown without running the loader
        const code = op === 0x82 ? buf[a] : op === 0x83 ? buf.readUInt16LE(a) : buf.readInt32LE(a);
        this.events.onUnresolved(
          at,
          `${OPCODE_NAMES[op]} at offset ${at} imports extension code ${code} from copyreg's registry`,
          'import',
        );
        this.push1(ANY, at);
        return;
      }
      case 0x80: {
        // PROTO
        const v = buf[a];
        if (v > 5) this.fail(at, `unsupported pickle protocol ${v} at offset ${at}`);
        return;
      }
      case 0x95: // FRAME: framing is transparent to the opcode stream
        return;
      default:
        this.fail(at, `opcode ${OPCODE_NAMES[op]} at offset ${at} is not handled`);
    }
  }

  private setItem(d: V, key: V, value: V): void {
    if (d.t !== 'd') return;
    if (key.t === 's' && d.v.size < MAX_TRACKED_ITEMS) d.v.set(key.v, value);
  }

  /** Calling a value that is not a named global means it was computed: it cannot be judged. */
  private checkCallable(fn: V, at: number, opcode: string): void {
    if (fn.t === 'g') return;
    this.events.onUnresolved(
      at,
      `${opcode} at offset ${at} calls a computed value (${describe(fn)}), not a named global`,
      'call',
    );
  }

  private endPickle(): void {
    const outer = this.frames.pop();
    if (outer) {
      // The end of a pickle joblib nested inside another one: continue with the outer one.
      this.stack = outer.stack;
      this.meta = outer.meta;
      this.metaItems = outer.metaItems;
      this.memo = outer.memo;
      return;
    }
    this.summary.pickles++;
    this.stack = [];
    this.meta = [];
    this.metaItems = 0;
    this.memo = new Map();
    this.memoChars = 0;
    this.between = true;
  }

  /**
   * joblib writes each numpy array as a `NumpyArrayWrapper` object followed by the raw array bytes (or,
   * for object arrays, a nested pickle) in the same file. Step over them, or the walk reads tensor data
   * as opcodes.
   */
  private afterBuild(obj: Extract<V, { t: 'o' }>, at: number): void {
    const c = obj.c;
    if (c.t !== 'g' || c.m !== 'joblib.numpy_pickle' || c.n !== 'NumpyArrayWrapper') return;
    const state = obj.st;
    if (!state || state.t !== 'd') return this.fail(at, 'joblib array wrapper without a state dict');
    const dtype = state.v.get('dtype');
    const shape = state.v.get('shape');
    const itemsize = dtypeItemsize(dtype);
    if (itemsize === 'object') {
      if (this.frames.length >= MAX_FRAMES) this.fail(at, 'joblib object arrays nested too deeply');
      this.frames.push({
        stack: this.stack,
        meta: this.meta,
        metaItems: this.metaItems,
        memo: this.memo,
      });
      this.stack = [];
      this.meta = [];
      this.metaItems = 0;
      this.memo = new Map();
      return;
    }
    let count = 1;
    if (shape?.t === 'tu') {
      for (const d of shape.v) {
        if (d.t !== 'i' || d.v < 0) {
          count = NaN;
          break;
        }
        count *= d.v;
      }
    } else count = NaN;
    const bytes = count * (itemsize ?? NaN);
    if (!Number.isFinite(bytes) || bytes > Number.MAX_SAFE_INTEGER)
      this.fail(at, `joblib array of unknown size at offset ${at}; the rest of the file cannot be walked`);
    const align = state.v.get('numpy_array_alignment_bytes');
    this.pendingArray = { bytes, padded: align !== undefined && align.t === 'i' };
  }
}

/** Bytes per element of a tracked `numpy.dtype(...)` object, `object` for object dtypes. */
function dtypeItemsize(dtype: V | undefined): number | 'object' | undefined {
  if (!dtype || dtype.t !== 'o' || dtype.c.t !== 'g' || dtype.c.n !== 'dtype') return undefined;
  const args = dtype.a;
  const spec = args?.t === 'tu' && args.v[0]?.t === 's' ? args.v[0].v : undefined;
  if (spec === undefined) return undefined;
  if (/^[<>|=]?O/.test(spec)) return 'object';
  const st = dtype.st;
  const elsize = st?.t === 'tu' ? st.v[5] : undefined;
  const fields = st?.t === 'tu' ? st.v[4] : undefined;
  if (fields !== undefined && fields.t !== 'none') {
    // Structured dtype: an object field anywhere makes joblib pickle the array instead of writing bytes.
    if (fields.t !== 'd') return undefined;
    for (const f of fields.v.values()) {
      const sub = f.t === 'tu' ? dtypeItemsize(f.v[0]) : undefined;
      if (sub === 'object') return 'object';
      if (sub === undefined) return undefined;
    }
    return elsize?.t === 'i' && elsize.v > 0 ? elsize.v : undefined;
  }
  if (elsize?.t === 'i' && elsize.v > 0) return elsize.v;
  const m = /^[<>|=]?([a-zA-Z?])(\d*)/.exec(spec);
  if (!m) return undefined;
  if (m[1] === '?') return 1;
  const n = Number(m[2]);
  if (!n) return undefined;
  return m[1] === 'U' ? n * 4 : n;
}

function describe(v: V): string {
  switch (v.t) {
    case 's':
      return 'a string';
    case 'g':
      return `${v.m}.${v.n}`;
    case 'o':
      return v.c.t === 'g' ? `the result of calling ${v.c.m}.${v.c.n}` : 'the result of a call';
    case 'i':
      return 'a number';
    case 'tu':
      return 'a tuple';
    case 'd':
      return 'a dict';
    case 'none':
      return 'None';
    default:
      return 'a value that is not tracked';
  }
}
