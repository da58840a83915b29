/**
 * Deterministic test data that test/fixtures/drift/gen_drift_oracle.py reproduces bit for bit: a 32-bit
 * LCG (Numerical Recipes constants) mapped to doubles with +, × and / only (no log/cos, whose last bit
 * differs between libms), so the oracle never has to store large samples.
 */

export interface DataSpec {
  /** 'irwin': loc + scale·(u1+u2+u3+u4 − 2); 'uniform': loc + scale·u; 'int': loc + floor(u·k). */
  gen: 'irwin' | 'uniform' | 'int';
  seed: number;
  n: number;
  loc?: number;
  scale?: number;
  k?: number;
  /** Round down to this many decimals (floor(x·10^d)/10^d) to create ties. */
  decimals?: number | null;
  /** Every nanEvery-th value (1-based) becomes NaN (a null). */
  nanEvery?: number;
  /** Every infEvery-th value becomes +∞, every (infEvery+1)-th −∞. */
  infEvery?: number;
}

export function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return (state + 0.5) / 4294967296;
  };
}

export function generate(spec: DataSpec): Float64Array {
  const next = lcg(spec.seed);
  const loc = spec.loc ?? 0;
  const scale = spec.scale ?? 1;
  const out = new Float64Array(spec.n);
  for (let i = 0; i < spec.n; i++) {
    let v: number;
    if (spec.gen === 'irwin') {
      const s = next() + next() + next() + next();
      v = loc + scale * (s - 2);
    } else if (spec.gen === 'uniform') {
      v = loc + scale * next();
    } else {
      v = loc + Math.floor(next() * (spec.k ?? 2));
    }
    if (spec.decimals !== undefined && spec.decimals !== null) {
      const f = 10 ** spec.decimals;
      v = Math.floor(v * f) / f;
    }
    const pos = i + 1;
    if (spec.nanEvery && pos % spec.nanEvery === 0) v = NaN;
    else if (spec.infEvery && pos % spec.infEvery === 0) v = Infinity;
    else if (spec.infEvery && pos % (spec.infEvery + 1) === 0) v = -Infinity;
    out[i] = v;
  }
  return out;
}
