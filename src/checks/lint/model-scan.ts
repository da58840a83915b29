/**
 * Scan one model file for code it would run when loaded: plain pickles (.pkl, .pickle, .dill), joblib
 * files (plain or zlib/gzip-compressed), numpy .npy object arrays, and zip archives — PyTorch checkpoints
 * (.pt, .pth, .bin, .ckpt), .npz, TorchServe .mar and plain .zip — with every pickle inside and nested
 * archives. Nothing is ever unpickled. Memory stays bounded: files are read in chunks and payloads skipped
 * by seeking; only a deflated archive nested in another is inflated into memory, up to a fixed size.
 */
import { createGunzip, createInflate } from 'node:zlib';
import { visible } from '../../core/visible.js';
import { BufferSource, FileSource, SliceSource, type ByteSource } from './byte-source.js';
import { judgeGlobal } from './pickle-globals.js';
import { PickleWalker, type PickleImport, type WalkSummary } from './pickle-walker.js';
import {
  InflateBudget,
  ZipProblem,
  checkOverlap,
  entryChunks,
  entryDataOffset,
  inflateChunks,
  looksLikeZip,
  readZipEntries,
  type ZipEntry,
} from './zip-reader.js';

export interface ModelFinding {
  rule: 'MCI301' | 'MCI302' | 'MCI303' | 'MCI304' | 'MCI305';
  message: string;
  /** Stable content key for the finding's fingerprint (inner path and global, never an offset alone). */
  key: string;
}

export interface ModelScanOptions {
  /** `module.name` or `module.*` patterns the user trusts (never overrides a dangerous verdict). */
  allowedGlobals: readonly string[];
  /** Inflated bytes allowed per archive or compressed file (nested archives included). */
  maxArchiveBytes: number;
  /** Largest inflated/compressed ratio accepted for an entry over 1 MiB. */
  maxZipRatio: number;
}

const CHUNK = 1024 * 1024;
/** Deflated archives nested in archives need random access, so they are inflated into memory up to this. */
const MAX_NESTED_BUFFER = 64 * 1024 * 1024;
const MAX_NESTING_DEPTH = 4;
const MAX_NPY_HEADER = 1024 * 1024;

const PICKLE_EXTENSIONS = ['.pkl', '.pickle', '.joblib', '.dill', '.pkl.gz', '.joblib.gz'];
const TORCH_EXTENSIONS = ['.pt', '.pth', '.ckpt'];
const ARCHIVE_EXTENSIONS = ['.zip', '.npz', '.mar', ...TORCH_EXTENSIONS, '.bin'];

/** Files this scanner looks at, by name. */
export function isModelScanCandidate(name: string): boolean {
  const n = name.toLowerCase();
  return (
    PICKLE_EXTENSIONS.some((e) => n.endsWith(e)) ||
    ARCHIVE_EXTENSIONS.some((e) => n.endsWith(e)) ||
    n.endsWith('.npy')
  );
}

/** Collects what one pickle stream imports and turns it into findings. */
class PickleReport {
  readonly imports = new Map<string, PickleImport>();
  readonly unresolvedImports: { offset: number; why: string }[] = [];
  readonly unresolvedCalls: { offset: number; why: string }[] = [];
  readonly events = {
    onImport: (imp: PickleImport) => {
      const k = `${imp.module}\n${imp.name}`;
      if (!this.imports.has(k)) this.imports.set(k, imp);
    },
    onUnresolved: (offset: number, why: string, kind: 'import' | 'call') => {
      const list = kind === 'import' ? this.unresolvedImports : this.unresolvedCalls;
      if (list.length < 5) list.push({ offset, why });
    },
  };

  findings(inner: string, summary: WalkSummary, options: ModelScanOptions, out: ModelFinding[]): void {
    const where = inner ? `${visible(inner)}: ` : '';
    let severe = false;
    for (const imp of this.imports.values()) {
      const verdict = judgeGlobal(imp.module, imp.name, options.allowedGlobals);
      const full = visible(`${imp.module}.${imp.name}`);
      const key = `${inner}|${imp.module}.${imp.name}`;
      if (verdict.kind === 'dangerous') {
        severe = true;
        out.push({
          rule: 'MCI301',
          message: `${where}the pickle imports ${full} (${imp.opcode} at byte ${imp.offset}), which ${verdict.reason}: loading this file runs it`,
          key,
        });
      } else if (verdict.kind === 'unknown')
        out.push({
          rule: 'MCI302',
          message: `${where}the pickle imports ${full} (${imp.opcode} at byte ${imp.offset}), which is not on the allowlist of safe globals`,
          key,
        });
    }
    for (const u of this.unresolvedImports) {
      severe = true;
      out.push({
        rule: 'MCI303',
        message: `${where}cannot name what the pickle imports: ${u.why}`,
        key: `${inner}|unresolved-import|${u.why.replace(/offset \d+/g, '')}`,
      });
    }
    // A computed call usually calls what a flagged getattr/STACK_GLOBAL produced: report it only alone.
    if (!severe)
      for (const u of this.unresolvedCalls.slice(0, 1))
        out.push({
          rule: 'MCI303',
          message: `${where}cannot name what the pickle calls: ${u.why}`,
          key: `${inner}|unresolved-call`,
        });
    if (summary.stopped)
      out.push({
        rule: 'MCI304',
        message: `${where}could not be scanned to its end: ${visible(summary.stopped.reason)}`,
        key: `${inner}|stopped`,
      });
  }
}

/** Walk a pickle held in a random-access source, seeking over payloads it does not need. */
function walkSource(src: ByteSource, report: PickleReport): WalkSummary {
  const walker = new PickleWalker(report.events);
  let pos = 0;
  while (!walker.finished && pos < src.size) {
    const chunk = src.read(pos, CHUNK);
    if (chunk.length === 0) break;
    pos += chunk.length;
    walker.push(chunk);
    const skip = Math.min(walker.skippable, src.size - pos);
    if (skip > 0) {
      walker.skipped(skip);
      pos += skip;
    }
  }
  return walker.end();
}

/** Walk a pickle arriving as a stream (an inflating entry); stops reading once the walk ends. */
async function walkStream(chunks: AsyncIterable<Buffer>, report: PickleReport): Promise<WalkSummary> {
  const walker = new PickleWalker(report.events);
  for await (const chunk of chunks) {
    walker.push(chunk);
    if (walker.finished) break;
  }
  return walker.end();
}

function scanPickle(src: ByteSource, inner: string, options: ModelScanOptions, out: ModelFinding[]): void {
  const report = new PickleReport();
  const summary = walkSource(src, report);
  if (summary.pickles === 0 && !summary.stopped)
    summary.stopped = { offset: 0, reason: src.size === 0 ? 'the file is empty' : 'no pickle found' };
  report.findings(inner, summary, options, out);
}

async function scanPickleStream(
  chunks: AsyncIterable<Buffer>,
  inner: string,
  options: ModelScanOptions,
  out: ModelFinding[],
): Promise<void> {
  const report = new PickleReport();
  const summary = await walkStream(chunks, report);
  if (summary.pickles === 0 && !summary.stopped) summary.stopped = { offset: 0, reason: 'no pickle found' };
  report.findings(inner, summary, options, out);
}

/** The .npy header: where the data start and whether the array holds Python objects (a pickle). */
export function parseNpyHeader(head: Buffer): { dataOffset: number; objects: boolean } | 'short' | string {
  if (head.length < 10) return 'short';
  if (head.toString('latin1', 0, 6) !== '\x93NUMPY') return 'not a .npy file (no \\x93NUMPY magic)';
  const major = head[6];
  const lengthBytes = major === 1 ? 2 : 4;
  if (major < 1 || major > 3) return `unknown .npy format version ${major}`;
  if (head.length < 8 + lengthBytes) return 'short';
  const headerLength = lengthBytes === 2 ? head.readUInt16LE(8) : head.readUInt32LE(8);
  if (headerLength > MAX_NPY_HEADER)
    return `a .npy header of ${headerLength} bytes (limit ${MAX_NPY_HEADER})`;
  const dataOffset = 8 + lengthBytes + headerLength;
  if (head.length < dataOffset) return 'short';
  const header = head.toString(major === 3 ? 'utf8' : 'latin1', 8 + lengthBytes, dataOffset);
  const descr = /['"]descr['"]\s*:\s*(.*?),\s*['"](fortran_order|shape)['"]/s.exec(header)?.[1] ?? header;
  return { dataOffset, objects: /['"][|<>=]?O\d*['"]/.test(descr) };
}

function scanNpy(src: ByteSource, inner: string, options: ModelScanOptions, out: ModelFinding[]): void {
  const head = src.read(0, Math.min(src.size, 8 + 4 + MAX_NPY_HEADER));
  const parsed = parseNpyHeader(head);
  if (typeof parsed === 'string') {
    out.push({
      rule: 'MCI304',
      message: `${inner ? `${visible(inner)}: ` : ''}could not be scanned: ${parsed === 'short' ? 'the .npy header is cut off' : parsed}`,
      key: `${inner}|npy`,
    });
    return;
  }
  if (parsed.objects)
    scanPickle(new SliceSource(src, parsed.dataOffset, src.size - parsed.dataOffset), inner, options, out);
}

async function scanNpyStream(
  chunks: AsyncIterable<Buffer>,
  inner: string,
  options: ModelScanOptions,
  out: ModelFinding[],
): Promise<void> {
  const iterator = chunks[Symbol.asyncIterator]();
  let head = Buffer.alloc(0);
  for (;;) {
    const parsed = parseNpyHeader(head);
    if (parsed !== 'short') {
      if (typeof parsed === 'string') {
        out.push({
          rule: 'MCI304',
          message: `${visible(inner)}: could not be scanned: ${parsed}`,
          key: `${inner}|npy`,
        });
      } else if (parsed.objects) {
        const rest = head.subarray(parsed.dataOffset);
        async function* remaining(): AsyncGenerator<Buffer> {
          if (rest.length) yield rest;
          for (let r = await iterator.next(); !r.done; r = await iterator.next()) yield r.value;
        }
        await scanPickleStream(remaining(), inner, options, out);
      }
      await iterator.return?.(undefined);
      return;
    }
    const r = await iterator.next();
    if (r.done) {
      out.push({
        rule: 'MCI304',
        message: `${visible(inner)}: could not be scanned: the .npy header is cut off`,
        key: `${inner}|npy`,
      });
      return;
    }
    head = Buffer.concat([head, r.value]);
  }
}

async function collect(chunks: AsyncIterable<Buffer>, limit: number, name: string): Promise<Buffer> {
  const parts: Buffer[] = [];
  let n = 0;
  for await (const c of chunks) {
    n += c.length;
    if (n > limit)
      throw new ZipProblem(
        `the nested archive ${JSON.stringify(name)} is deflated and larger than ${limit / 1024 / 1024} MB, the most model-ci inflates into memory`,
        false,
      );
    parts.push(c);
  }
  return Buffer.concat(parts);
}

function problemFinding(p: ZipProblem, inner: string): ModelFinding {
  const where = inner ? `${visible(inner)}: ` : '';
  return p.bomb
    ? {
        rule: 'MCI305',
        message: `${where}refused as a possible zip bomb: ${visible(p.message)}`,
        key: `${inner}|bomb`,
      }
    : {
        rule: 'MCI304',
        message: `${where}could not be scanned: ${visible(p.message)}`,
        key: `${inner}|zip|${p.message.replace(/\d+/g, '#')}`,
      };
}

const PICKLE_ENTRY = /\.(pkl|pickle)$/i;
const ARCHIVE_ENTRY = /\.(zip|npz|mar|pt|pth|ckpt|bin)$/i;

async function scanZip(
  src: ByteSource,
  prefix: string,
  depth: number,
  budget: InflateBudget,
  options: ModelScanOptions,
  out: ModelFinding[],
): Promise<void> {
  let entries: ZipEntry[];
  try {
    if (depth > MAX_NESTING_DEPTH)
      throw new ZipProblem(`archives nested more than ${MAX_NESTING_DEPTH} deep`, true);
    entries = readZipEntries(src);
    checkOverlap(entries);
  } catch (e) {
    if (!(e instanceof ZipProblem)) throw e;
    out.push(problemFinding(e, prefix.replace(/!\/$/, '')));
    return;
  }
  for (const entry of entries) {
    if (entry.name.endsWith('/')) continue;
    const inner = `${prefix}${entry.name}`;
    try {
      if (PICKLE_ENTRY.test(entry.name)) {
        if (entry.method === 0) {
          const start = entryDataOffset(src, entry);
          scanPickle(new SliceSource(src, start, entry.compressedSize), inner, options, out);
        } else await scanPickleStream(entryChunks(src, entry, budget), inner, options, out);
      } else if (/\.npy$/i.test(entry.name)) {
        if (entry.method === 0) {
          const start = entryDataOffset(src, entry);
          scanNpy(new SliceSource(src, start, entry.compressedSize), inner, options, out);
        } else await scanNpyStream(entryChunks(src, entry, budget), inner, options, out);
      } else if (entry.method === 0 && entry.size >= 22) {
        const start = entryDataOffset(src, entry);
        const slice = new SliceSource(src, start, entry.compressedSize);
        if (looksLikeZip(slice.read(0, 4)))
          await scanZip(slice, `${inner}!/`, depth + 1, budget, options, out);
      } else if (entry.method !== 0 && ARCHIVE_ENTRY.test(entry.name)) {
        const head = entryChunks(src, entry, budget);
        const bytes = await collect(head, MAX_NESTED_BUFFER, entry.name);
        if (looksLikeZip(bytes))
          await scanZip(new BufferSource(bytes), `${inner}!/`, depth + 1, budget, options, out);
      }
    } catch (e) {
      if (!(e instanceof ZipProblem)) throw e;
      out.push(problemFinding(e, inner));
      if (e.bomb) return; // a hostile archive: nothing more of it is read
    }
  }
}

/** zlib/gzip-compressed joblib files, inflated in chunks under the same limits as zip entries. */
async function* inflateFile(
  src: ByteSource,
  kind: 'zlib' | 'gzip',
  options: ModelScanOptions,
): AsyncGenerator<Buffer> {
  function* raw(): Generator<Buffer> {
    for (let pos = 0; pos < src.size; pos += CHUNK) yield src.read(pos, CHUNK);
  }
  const inflate =
    kind === 'zlib' ? createInflate({ chunkSize: 256 * 1024 }) : createGunzip({ chunkSize: 256 * 1024 });
  let produced = 0;
  yield* inflateChunks(raw(), inflate, `the ${kind} data`, (chunk) => {
    produced += chunk.length;
    if (produced > options.maxArchiveBytes)
      throw new ZipProblem(
        `it inflates to more than ${options.maxArchiveBytes / 1024 / 1024} MB (the max-archive-mb limit)`,
        true,
      );
    if (produced > 1024 * 1024 && produced / Math.max(1, src.size) > options.maxZipRatio)
      throw new ZipProblem(
        `it inflates more than ${options.maxZipRatio} times its size (the max-zip-ratio limit)`,
        true,
      );
  });
}

type Sniffed = 'zip' | 'npy' | 'pickle' | 'zlib' | 'gzip' | 'unsupported' | 'other';

function sniff(head: Buffer): { kind: Sniffed; detail?: string } {
  if (looksLikeZip(head)) return { kind: 'zip' };
  if (head.toString('latin1', 0, 6) === '\x93NUMPY') return { kind: 'npy' };
  if (head[0] === 0x80 && head.length > 1 && head[1] <= 5) return { kind: 'pickle' };
  if (head[0] === 0x78 && [0x01, 0x5e, 0x9c, 0xda].includes(head[1])) return { kind: 'zlib' };
  if (head[0] === 0x1f && head[1] === 0x8b) return { kind: 'gzip' };
  if (head.toString('latin1', 0, 3) === 'BZh') return { kind: 'unsupported', detail: 'bzip2' };
  if (head.toString('latin1', 0, 6) === '\xfd7zXZ\0') return { kind: 'unsupported', detail: 'xz' };
  if (head.readUInt32LE(0) === 0x184d2204) return { kind: 'unsupported', detail: 'lz4' };
  if (head.toString('latin1', 0, 2) === 'ZF') return { kind: 'unsupported', detail: "joblib's old zlib" };
  return { kind: 'other' };
}

/**
 * Scan the file at `path` (a candidate by {@link isModelScanCandidate}). Findings name inner paths of
 * archives (`data.pkl`, `extra/inner.zip!/payload/data.pkl`); the caller adds the file itself.
 */
export async function scanModelFile(path: string, options: ModelScanOptions): Promise<ModelFinding[]> {
  const out: ModelFinding[] = [];
  const src = FileSource.open(path);
  try {
    const lower = path.toLowerCase();
    const head = src.read(0, 16);
    const { kind, detail } = head.length >= 4 ? sniff(head) : { kind: 'other' as Sniffed, detail: undefined };
    const isPickleName = PICKLE_EXTENSIONS.some((e) => lower.endsWith(e));
    const budget = new InflateBudget(options.maxArchiveBytes, options.maxZipRatio);
    try {
      switch (kind) {
        case 'zip':
          await scanZip(src, '', 0, budget, options, out);
          break;
        case 'npy':
          scanNpy(src, '', options, out);
          break;
        case 'pickle':
          scanPickle(src, '', options, out);
          break;
        case 'zlib':
        case 'gzip':
          if (isPickleName) await scanPickleStream(inflateFile(src, kind, options), '', options, out);
          break;
        case 'unsupported':
          if (isPickleName)
            out.push({
              rule: 'MCI304',
              message: `could not be scanned: it is ${detail}-compressed, which model-ci does not read`,
              key: '|compressed',
            });
          break;
        default:
          if (isPickleName || lower.endsWith('.npy')) {
            // Protocol 0 and 1 pickles have no header: walk from the first byte.
            if (lower.endsWith('.npy')) scanNpy(src, '', options, out);
            else scanPickle(src, '', options, out);
          } else if (TORCH_EXTENSIONS.some((e) => lower.endsWith(e)) || /\.(npz|mar)$/.test(lower))
            out.push({
              rule: 'MCI304',
              message: `could not be scanned: ${src.size === 0 ? 'the file is empty' : 'it is neither a zip archive nor a pickle'}`,
              key: '|format',
            });
        // .bin and .zip files that are neither: raw weights or other data, nothing to scan.
      }
    } catch (e) {
      if (!(e instanceof ZipProblem)) throw e;
      out.push(problemFinding(e, ''));
    }
  } finally {
    src.close();
  }
  return out;
}
