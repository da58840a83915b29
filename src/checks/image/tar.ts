/**
 * A reproducible tar stream (POSIX ustar, PAX headers for long names): entries in byte order of their
 * names, every mtime the same fixed value, owner and group 0 with empty names, fixed modes (folders 0755,
 * files 0644 or 0755), no device numbers, no access times. The same files give the same bytes anywhere.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { InputError } from '../../core/errors.js';
import { visible } from '../../core/visible.js';
import { statStamp } from '../../model/model-files.js';

export interface TarFile {
  /** Path inside the image without a leading `/` (`app/server.js`). */
  name: string;
  /** A file on disk, or the bytes themselves. */
  source: { path: string } | { bytes: Uint8Array };
  executable?: boolean;
}

const BLOCK = 512;

function octal(value: number, width: number): string {
  return value.toString(8).padStart(width - 1, '0') + '\0';
}

function header(name: string, type: '0' | '5' | 'x', size: number, mode: number, mtime: number): Buffer {
  const h = Buffer.alloc(BLOCK);
  let prefix = '';
  let base = name;
  if (Buffer.byteLength(name) > 100) {
    // ustar splits at a `/` into a 155-byte prefix and a 100-byte name; the caller adds a PAX path when it cannot.
    const cut = name.lastIndexOf('/', 155);
    prefix = name.slice(0, cut);
    base = name.slice(cut + 1);
  }
  h.write(base, 0, 100, 'utf8');
  h.write(octal(mode, 8), 100, 'ascii');
  h.write(octal(0, 8), 108, 'ascii'); // uid
  h.write(octal(0, 8), 116, 'ascii'); // gid
  h.write(octal(size, 12), 124, 'ascii');
  h.write(octal(mtime, 12), 136, 'ascii');
  h.write('        ', 148, 'ascii'); // checksum placeholder
  h.write(type, 156, 'ascii');
  h.write('ustar\0', 257, 'ascii');
  h.write('00', 263, 'ascii');
  h.write(prefix, 345, 155, 'utf8');
  let sum = 0;
  for (const b of h) sum += b;
  h.write(sum.toString(8).padStart(6, '0') + '\0 ', 148, 'ascii');
  return h;
}

function fitsUstar(name: string): boolean {
  if (Buffer.byteLength(name) <= 100) return true;
  const cut = name.lastIndexOf('/', 155);
  return (
    cut > 0 && Buffer.byteLength(name.slice(0, cut)) <= 155 && Buffer.byteLength(name.slice(cut + 1)) <= 100
  );
}

function paxRecord(key: string, value: string): string {
  // "<len> key=value\n" where len counts itself.
  const body = ` ${key}=${value}\n`;
  let len = Buffer.byteLength(body) + 1;
  while (String(len).length + Buffer.byteLength(body) !== len)
    len = String(len).length + Buffer.byteLength(body);
  return `${len}${body}`;
}

const padding = (size: number) => Buffer.alloc((BLOCK - (size % BLOCK)) % BLOCK);

/** Every folder above the files (`app`, `app/model`), so the tar creates them with fixed modes. */
function folders(files: readonly TarFile[]): string[] {
  const out = new Set<string>();
  for (const f of files) {
    const parts = f.name.split('/');
    for (let i = 1; i < parts.length; i++) out.add(parts.slice(0, i).join('/'));
  }
  return [...out];
}

function checkName(name: string): void {
  if (
    name === '' ||
    name.startsWith('/') ||
    name.split('/').some((p) => p === '' || p === '.' || p === '..') ||
    name.includes('\0')
  )
    throw new InputError(`tar entry "${visible(name)}" is not a plain relative path`);
}

/**
 * Write the tar stream of `files` to `sink` in chunks (at most 1 MiB of file data at a time). Files are
 * read as they are written and must not change meanwhile: a file whose size or times change, or that ends
 * early, stops the build with an error naming it.
 */
export function writeTar(
  files: readonly TarFile[],
  mtime: number,
  sink: (chunk: Uint8Array) => void,
  onChunk?: (path: string, offset: number) => void,
): void {
  for (const f of files) checkName(f.name);
  type Item = { name: string; dir: true } | (TarFile & { dir?: false });
  const items: Item[] = [...folders(files).map((name) => ({ name, dir: true as const })), ...files];
  const key = (i: Item) => Buffer.from(i.dir ? `${i.name}/` : i.name);
  items.sort((a, b) => Buffer.compare(key(a), key(b)));
  for (let i = 1; i < items.length; i++)
    if (items[i].name === items[i - 1].name)
      throw new InputError(`two files would be written to /${visible(items[i].name)}`);
  const emitHeader = (name: string, type: '0' | '5', size: number, mode: number) => {
    if (!fitsUstar(name)) {
      const pax = Buffer.from(paxRecord('path', name), 'utf8');
      sink(header('PaxHeader', 'x', pax.length, 0o644, mtime));
      sink(pax);
      sink(padding(pax.length));
      name = name.slice(0, 99);
    }
    sink(header(name, type, size, mode, mtime));
  };
  for (const item of items) {
    if (item.dir) {
      emitHeader(`${item.name}/`, '5', 0, 0o755);
      continue;
    }
    const mode = item.executable ? 0o755 : 0o644;
    if ('bytes' in item.source) {
      emitHeader(item.name, '0', item.source.bytes.length, mode);
      sink(item.source.bytes);
      sink(padding(item.source.bytes.length));
      continue;
    }
    const path = item.source.path;
    const fd = openSync(path, 'r');
    try {
      const before = fstatSync(fd);
      if (!before.isFile()) throw new InputError(`${visible(path)} is not a regular file`);
      emitHeader(item.name, '0', before.size, mode);
      const buf = Buffer.allocUnsafe(Math.min(1 << 20, Math.max(1, before.size)));
      let offset = 0;
      while (offset < before.size) {
        const n = readSync(fd, buf, 0, Math.min(buf.length, before.size - offset), offset);
        if (n === 0) break;
        sink(Buffer.from(buf.subarray(0, n)));
        offset += n;
        onChunk?.(path, offset);
      }
      const after = fstatSync(fd);
      if (offset !== before.size || statStamp(after) !== statStamp(before))
        throw new InputError(
          `file ${visible(path)} changed while it was being read (${before.size} bytes when it was opened, ${offset} read, ${after.size} now); build again once it is complete`,
        );
      sink(padding(before.size));
    } finally {
      closeSync(fd);
    }
  }
  sink(Buffer.alloc(BLOCK * 2));
}
