/**
 * 64-bit hashes of doubles and strings for HyperLogLog, built from two MurmurHash3 x86_32 passes with
 * different seeds (Appleby, public domain). Why two 32-bit halves instead of MurmurHash3 x64: JavaScript
 * has fast 32-bit integer multiply (imul) but no 64-bit one short of BigInt, which is ~50× slower.
 * The halves are independent enough for HLL's 14 index bits + 50 rank bits; the empirical error test in
 * test/stats/sketches/hyperloglog.test.ts checks the resulting estimates.
 *
 * The hash is part of the profile file format: changing it makes old profiles unmergeable with new ones.
 */
// Module-level aliases: under jest's VM context every `Math.x` lookup on a hot path costs ~0.3 µs.
const { imul } = Math;

export const SEED_HI = 0x9747b28c;
export const SEED_LO = 0x5bd1e995;

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
const encoder = new TextEncoder();

function mixK(k: number): number {
  k = imul(k, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  return imul(k, 0x1b873593);
}

export function mixH(h: number, k: number): number {
  h ^= mixK(k);
  h = (h << 13) | (h >>> 19);
  return (imul(h, 5) + 0xe6546b64) | 0;
}

export function fmix(h: number, length: number): number {
  h ^= length;
  h ^= h >>> 16;
  h = imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * Hash a finite double by its IEEE-754 bits; −0 is hashed as +0 so that 0.0 and −0.0 count as one value
 * (docs/statistics.md §2). Writes [high 32 bits, low 32 bits] into `out`.
 */
export function hashDouble(x: number, out: Uint32Array): void {
  f64[0] = x === 0 ? 0 : x;
  const w0 = u32[0];
  const w1 = u32[1];
  out[0] = fmix(mixH(mixH(SEED_HI, w0), w1), 8);
  out[1] = fmix(mixH(mixH(SEED_LO, w0), w1), 8);
}

/** Hash a string by its UTF-8 bytes. Writes [high 32 bits, low 32 bits] into `out`. */
export function hashString(s: string, out: Uint32Array): void {
  const bytes = encoder.encode(s);
  out[0] = murmur3(bytes, SEED_HI);
  out[1] = murmur3(bytes, SEED_LO);
}

/** MurmurHash3 x86_32 of a byte array. */
export function murmur3(bytes: Uint8Array, seed: number): number {
  let h = seed | 0;
  const n = bytes.length;
  const blocks = n & ~3;
  for (let i = 0; i < blocks; i += 4) {
    h = mixH(h, bytes[i] | (bytes[i + 1] << 8) | (bytes[i + 2] << 16) | (bytes[i + 3] << 24));
  }
  const tail = n & 3;
  if (tail > 0) {
    let k = bytes[blocks];
    if (tail > 1) k ^= bytes[blocks + 1] << 8;
    if (tail > 2) k ^= bytes[blocks + 2] << 16;
    h ^= mixK(k);
  }
  return fmix(h, n);
}
