/**
 * Gzip whose bytes depend only on the input, the level and the pinned `fflate` version: a pure-JavaScript
 * deflate, so neither the Node release (each bundles its own zlib, Chromium's fork with CPU-specific code
 * paths) nor the machine can change a layer's digest. Header: mtime 0, no file name, OS byte 3.
 */
import { Gzip } from 'fflate';

export const GZIP_IMPLEMENTATION = 'fflate@0.8.3';

export class StableGzip {
  private readonly gz: Gzip;
  constructor(level: number, onData: (chunk: Uint8Array) => void) {
    this.gz = new Gzip({ level: level as 6, mtime: 0 }, (chunk) => onData(chunk));
  }
  push(chunk: Uint8Array): void {
    this.gz.push(chunk, false);
  }
  end(): void {
    this.gz.push(new Uint8Array(0), true);
  }
}
