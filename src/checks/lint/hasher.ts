/**
 * Checksums of model files on a second thread: hashing a few hundred MB of weights (MCI107) then overlaps
 * with linting the rest of the repository instead of adding to it. One worker, started on first use, reading
 * 1 MiB at a time; the worker is source text evaluated by Node (no separate file to bundle).
 */
import { Worker } from 'node:worker_threads';

const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { openSync, readSync, closeSync, fstatSync, constants } = require('node:fs');
const { createHash } = require('node:crypto');
const buf = Buffer.allocUnsafe(1 << 20);
parentPort.on('message', ({ id, path, algorithm }) => {
  let fd;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
    if (!fstatSync(fd).isFile()) throw Object.assign(new Error('not a regular file'), { code: 'ENOTREG' });
    const h = createHash(algorithm);
    for (let pos = 0, n; (n = readSync(fd, buf, 0, buf.length, pos)) > 0; pos += n) h.update(buf.subarray(0, n));
    parentPort.postMessage({ id, hex: h.digest('hex') });
  } catch (e) {
    parentPort.postMessage({ id, error: { code: e.code, message: e.message } });
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
});
`;

export class Hasher {
  private worker: Worker | undefined;
  private next = 0;
  private readonly pending = new Map<
    number,
    { resolve: (hex: string) => void; reject: (e: Error) => void }
  >();

  /** The hex digest of the file (`algorithm` as node:crypto names it). Rejects with the file-system error. */
  hash(path: string, algorithm: string): Promise<string> {
    if (!this.worker) {
      this.worker = new Worker(WORKER_SOURCE, { eval: true });
      this.worker.on(
        'message',
        (m: { id: number; hex?: string; error?: { code?: string; message: string } }) => {
          const p = this.pending.get(m.id);
          this.pending.delete(m.id);
          if (m.hex !== undefined) p?.resolve(m.hex);
          else
            p?.reject(Object.assign(new Error(m.error?.message ?? 'hash failed'), { code: m.error?.code }));
        },
      );
      this.worker.on('error', (e) => {
        for (const p of this.pending.values()) p.reject(e);
        this.pending.clear();
      });
    }
    const id = this.next++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker!.postMessage({ id, path, algorithm });
    });
  }

  async close(): Promise<void> {
    await this.worker?.terminate();
    this.worker = undefined;
  }
}
