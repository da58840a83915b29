// Seeded random numbers shared by make-data.mjs and train.mjs, so every file in this demo regenerates byte for byte.

/** mulberry32: a small 32-bit PRNG; returns a function giving uniforms in [0, 1). */
export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normal draws by Box–Muller from a uniform source. */
export function normal(uniform) {
  let u = 0;
  while (u === 0) u = uniform();
  const v = uniform();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** Poisson draws by Knuth's method (fine for small means). */
export function poisson(uniform, mean) {
  const l = Math.exp(-mean);
  let k = 0;
  let p = 1;
  do {
    k++;
    p *= uniform();
  } while (p > l);
  return k - 1;
}

/** Pick from `values` with the given weights (summing to 1). */
export function choice(uniform, values, weights) {
  const u = uniform();
  let acc = 0;
  for (let i = 0; i < values.length; i++) {
    acc += weights[i];
    if (u < acc) return values[i];
  }
  return values[values.length - 1];
}
