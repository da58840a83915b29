/**
 * Just enough of the zip format (APPNOTE 6.3, with Zip64) to list an archive's entries from its central
 * directory and stream an entry's bytes — stored entries are read in place, deflated ones inflated in
 * chunks — with a guard against decompression bombs: a per-entry ratio limit checked before inflating,
 * a budget of inflated bytes for the whole archive (nested archives included) counted while inflating,
 * and a refusal of entries whose data overlap (the "overlapping files" bomb) or that inflate beyond the
 * size they declare.
 */
import { Readable, type Transform } from 'node:stream';
import { createInflateRaw } from 'node:zlib';
import type { ByteSource } from './byte-source.js';

export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated; anything else is not read. */
  method: number;
  flags: number;
  compressedSize: number;
  size: number;
  localHeaderOffset: number;
}

/** Why an archive (or an entry) was refused: a bomb (MCI305) or something we cannot read (MCI304). */
export class ZipProblem extends Error {
  constructor(
    message: string,
    readonly bomb: boolean,
  ) {
    super(message);
  }
}

export const MAX_ZIP_ENTRIES = 200_000;
const MAX_CENTRAL_DIRECTORY = 64 * 1024 * 1024;
const CHUNK = 1024 * 1024;
/** Entries smaller than this are never refused for their ratio (tiny files compress very well). */
const RATIO_MIN_BYTES = 1024 * 1024;

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

function u64(buf: Buffer, at: number): number {
  return buf.readUInt32LE(at + 4) * 0x1_0000_0000 + buf.readUInt32LE(at);
}

/** True when `head` starts like a zip archive (a local header, or an empty archive's end record). */
export function looksLikeZip(head: Buffer): boolean {
  return head.length >= 4 && (head.readUInt32LE(0) === LOCAL || head.readUInt32LE(0) === EOCD);
}

/** The entries of the archive in `src`, from its central directory. */
export function readZipEntries(src: ByteSource): ZipEntry[] {
  const tailLength = Math.min(src.size, 22 + 0xffff);
  const tail = src.read(src.size - tailLength, tailLength);
  let e = -1;
  for (let i = tail.length - 22; i >= 0; i--)
    if (tail.readUInt32LE(i) === EOCD) {
      e = i;
      break;
    }
  if (e < 0) throw new ZipProblem('no zip end-of-central-directory record (truncated archive?)', false);
  let count = tail.readUInt16LE(e + 10);
  let cdSize = tail.readUInt32LE(e + 12);
  let cdOffset = tail.readUInt32LE(e + 16);
  const eocdAt = src.size - tailLength + e;
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    const loc = src.read(eocdAt - 20, 20);
    if (loc.length === 20 && loc.readUInt32LE(0) === ZIP64_LOCATOR) {
      const rec = src.read(u64(loc, 8), 56);
      if (rec.length < 56 || rec.readUInt32LE(0) !== ZIP64_EOCD)
        throw new ZipProblem('broken Zip64 end-of-central-directory record', false);
      count = u64(rec, 32);
      cdSize = u64(rec, 40);
      cdOffset = u64(rec, 48);
    }
  }
  if (count > MAX_ZIP_ENTRIES)
    throw new ZipProblem(`${count} entries (more than the ${MAX_ZIP_ENTRIES} model-ci reads)`, false);
  if (cdSize > MAX_CENTRAL_DIRECTORY || cdOffset + cdSize > src.size)
    throw new ZipProblem('the central directory lies outside the file (truncated archive?)', false);
  const cd = src.read(cdOffset, cdSize);
  const entries: ZipEntry[] = [];
  let p = 0;
  while (entries.length < count) {
    if (p + 46 > cd.length || cd.readUInt32LE(p) !== CENTRAL)
      throw new ZipProblem(`central directory entry ${entries.length + 1} is malformed`, false);
    const flags = cd.readUInt16LE(p + 8);
    const method = cd.readUInt16LE(p + 10);
    let compressedSize = cd.readUInt32LE(p + 20);
    let size = cd.readUInt32LE(p + 24);
    const nameLength = cd.readUInt16LE(p + 28);
    const extraLength = cd.readUInt16LE(p + 30);
    const commentLength = cd.readUInt16LE(p + 32);
    let localHeaderOffset = cd.readUInt32LE(p + 42);
    const nameEnd = p + 46 + nameLength;
    if (nameEnd + extraLength + commentLength > cd.length)
      throw new ZipProblem(`central directory entry ${entries.length + 1} is cut off`, false);
    const name = cd.toString(flags & 0x800 ? 'utf8' : 'latin1', p + 46, nameEnd);
    // Zip64 extended information: the 64-bit values of the fields that are 0xFFFFFFFF, in this order.
    for (let x = nameEnd; x + 4 <= nameEnd + extraLength;) {
      const id = cd.readUInt16LE(x);
      const len = cd.readUInt16LE(x + 2);
      if (id === 0x0001) {
        let q = x + 4;
        if (size === 0xffffffff && q + 8 <= x + 4 + len) {
          size = u64(cd, q);
          q += 8;
        }
        if (compressedSize === 0xffffffff && q + 8 <= x + 4 + len) {
          compressedSize = u64(cd, q);
          q += 8;
        }
        if (localHeaderOffset === 0xffffffff && q + 8 <= x + 4 + len) localHeaderOffset = u64(cd, q);
      }
      x += 4 + len;
    }
    entries.push({ name, method, flags, compressedSize, size, localHeaderOffset });
    p = nameEnd + extraLength + commentLength;
  }
  return entries;
}

/** Refuse archives whose entries' data overlap: that is only ever done to build a decompression bomb. */
export function checkOverlap(entries: readonly ZipEntry[]): void {
  const sorted = [...entries].sort((a, b) => a.localHeaderOffset - b.localHeaderOffset);
  for (let i = 1; i < sorted.length; i++) {
    const prev = sorted[i - 1];
    const end = prev.localHeaderOffset + 30 + Buffer.byteLength(prev.name) + prev.compressedSize;
    if (sorted[i].localHeaderOffset < end)
      throw new ZipProblem(
        `entries ${JSON.stringify(prev.name)} and ${JSON.stringify(sorted[i].name)} overlap (an overlapping-entry zip bomb)`,
        true,
      );
  }
}

/** Where an entry's data start (after its local header, whose name and extra lengths may differ). */
export function entryDataOffset(src: ByteSource, entry: ZipEntry): number {
  const head = src.read(entry.localHeaderOffset, 30);
  if (head.length < 30 || head.readUInt32LE(0) !== LOCAL)
    throw new ZipProblem(`the local header of ${JSON.stringify(entry.name)} is missing`, false);
  const start = entry.localHeaderOffset + 30 + head.readUInt16LE(26) + head.readUInt16LE(28);
  if (start + entry.compressedSize > src.size)
    throw new ZipProblem(`${JSON.stringify(entry.name)} extends past the end of the archive`, false);
  return start;
}

/** Inflated bytes allowed for one archive, nested archives included. */
export class InflateBudget {
  used = 0;
  constructor(
    readonly maxBytes: number,
    readonly maxRatio: number,
  ) {}

  /** Refuse an entry before inflating it: its declared ratio, or a declared size over what is left. */
  admit(entry: ZipEntry): void {
    if (entry.method !== 8) return;
    const ratio = entry.size / Math.max(1, entry.compressedSize);
    if (entry.size > RATIO_MIN_BYTES && ratio > this.maxRatio)
      throw new ZipProblem(
        `${JSON.stringify(entry.name)} would inflate ${mb(entry.compressedSize)} to ${mb(entry.size)} (ratio ${Math.round(ratio)}:1, limit ${this.maxRatio}:1)`,
        true,
      );
    if (this.used + entry.size > this.maxBytes)
      throw new ZipProblem(
        `inflating ${JSON.stringify(entry.name)} (${mb(entry.size)}) would exceed the ${mb(this.maxBytes)} limit of inflated data per archive`,
        true,
      );
  }

  take(n: number, name: string): void {
    this.used += n;
    if (this.used > this.maxBytes)
      throw new ZipProblem(
        `inflating ${JSON.stringify(name)} exceeded the ${mb(this.maxBytes)} limit of inflated data per archive`,
        true,
      );
  }
}

function mb(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${(n / 1024).toFixed(1)} KB`;
}

/**
 * The bytes of one entry, in chunks: read in place when stored, inflated as they are consumed when
 * deflated. A deflated entry may not produce more than its declared size, nor more than the budget.
 */
export async function* entryChunks(
  src: ByteSource,
  entry: ZipEntry,
  budget: InflateBudget,
): AsyncGenerator<Buffer> {
  if (entry.flags & 0x1) throw new ZipProblem(`${JSON.stringify(entry.name)} is encrypted`, false);
  const start = entryDataOffset(src, entry);
  if (entry.method === 0) {
    for (let pos = 0; pos < entry.compressedSize; pos += CHUNK)
      yield src.read(start + pos, Math.min(CHUNK, entry.compressedSize - pos));
    return;
  }
  if (entry.method !== 8)
    throw new ZipProblem(
      `${JSON.stringify(entry.name)} uses compression method ${entry.method}, which model-ci does not read`,
      false,
    );
  budget.admit(entry);
  function* compressed(): Generator<Buffer> {
    for (let pos = 0; pos < entry.compressedSize; pos += CHUNK)
      yield src.read(start + pos, Math.min(CHUNK, entry.compressedSize - pos));
  }
  let produced = 0;
  yield* inflateChunks(
    compressed(),
    createInflateRaw({ chunkSize: 256 * 1024 }),
    JSON.stringify(entry.name),
    (chunk) => {
      produced += chunk.length;
      if (produced > entry.size)
        throw new ZipProblem(
          `${JSON.stringify(entry.name)} inflates beyond the ${entry.size} bytes it declares`,
          true,
        );
      budget.take(chunk.length, entry.name);
    },
  );
}

/**
 * `compressed` through `inflate`, chunk by chunk: `admit` sees each inflated chunk before it is yielded (and
 * throws a {@link ZipProblem} to stop a bomb); any other failure is "<what> cannot be inflated (...)".
 */
export async function* inflateChunks(
  compressed: Iterable<Buffer>,
  inflate: Transform,
  what: string,
  admit: (chunk: Buffer) => void,
): AsyncGenerator<Buffer> {
  const input = Readable.from(compressed, { objectMode: false });
  input.on('error', (e) => inflate.destroy(e));
  input.pipe(inflate);
  try {
    for await (const chunk of inflate as AsyncIterable<Buffer>) {
      admit(chunk);
      yield chunk;
    }
  } catch (e) {
    if (e instanceof ZipProblem) throw e;
    throw new ZipProblem(`${what} cannot be inflated (${(e as Error).message})`, false);
  } finally {
    input.destroy();
    inflate.destroy();
  }
}
