/**
 * M/M/c queueing (Poisson arrivals, exponential service, c servers, first come first served): the
 * probability that a request waits (Erlang's C formula) and the quantiles of the wait. Definitions:
 * Kleinrock, *Queueing Systems* vol. 1 (1975) §3.5; Harchol-Balter, *Performance Modeling and Design of
 * Computer Systems* (2013) §14.4. Why M/M/c for inference: the exponential service time is pessimistic for
 * a model whose service time barely varies, so waits (and instance counts) err on the safe side.
 */

/**
 * Erlang's C formula: the probability that an arriving request finds all `c` servers busy, for offered load
 * `a = λ/μ` (in Erlangs). Computed through the Erlang B recursion B(k) = a·B(k−1) / (k + a·B(k−1)),
 * C = c·B / (c − a·(1 − B)), which stays finite for large c. O(c).
 * @returns 1 when a ≥ c (the queue grows without bound), 0 when a = 0
 * @throws RangeError when c is not a positive integer or a is negative
 * @example erlangC(2, 1) // 1/3
 */
export function erlangC(c: number, a: number): number {
  if (!Number.isInteger(c) || c < 1) throw new RangeError(`servers must be a positive integer, got ${c}`);
  if (!(a >= 0)) throw new RangeError(`offered load must be ≥ 0, got ${a}`);
  if (a === 0) return 0;
  if (a >= c) return 1;
  let b = 1;
  for (let k = 1; k <= c; k++) b = (a * b) / (k + a * b);
  return (c * b) / (c - a * (1 - b));
}

/**
 * The q-quantile of the time a request waits in queue in M/M/c: P(W > t) = C·e^{−(cμ−λ)t}, so the quantile
 * is 0 when C ≤ 1 − q and ln(C / (1 − q)) / (cμ − λ) otherwise. Units follow μ and λ (per second → seconds).
 * @returns Infinity when λ ≥ cμ
 * @example waitQuantile(1, 1, 0.5, 0.95) // ln(0.5/0.05)/0.5 = 4.605…
 */
export function waitQuantile(c: number, mu: number, lambda: number, q: number): number {
  if (lambda >= c * mu) return Infinity;
  const pWait = erlangC(c, lambda / mu);
  if (pWait <= 1 - q) return 0;
  return Math.log(pWait / (1 - q)) / (c * mu - lambda);
}

/** Mean wait in queue in M/M/c: C / (cμ − λ). */
export function meanWait(c: number, mu: number, lambda: number): number {
  if (lambda >= c * mu) return Infinity;
  return erlangC(c, lambda / mu) / (c * mu - lambda);
}

/**
 * The largest arrival rate λ < cμ whose wait quantile is at most `budget` (same time unit as 1/μ), by
 * bisection (the wait quantile grows with λ). 0 when even a vanishing load cannot meet a negative budget.
 */
export function maxArrivalRate(c: number, mu: number, q: number, budget: number): number {
  if (budget < 0) return 0;
  let lo = 0;
  let hi = c * mu;
  for (let i = 0; i < 200 && hi - lo > 1e-12 * c * mu; i++) {
    const mid = (lo + hi) / 2;
    if (waitQuantile(c, mu, mid, q) <= budget) lo = mid;
    else hi = mid;
  }
  return lo;
}
