/**
 * GX's partition objects for expect_column_kl_divergence_to_be_less_than, validated when the suite is
 * loaded with GX's rules: one more bin edge than weights, strictly increasing edges, weights (and tail
 * weights) summing to 1 as numpy's allclose, plus the combinations GX's _validate refuses.
 */
export interface ContinuousPartition {
  kind: 'continuous';
  bins: number[];
  weights: number[];
  tailWeights?: [number, number];
}

export interface CategoricalPartition {
  kind: 'categorical';
  values: (string | number | boolean)[];
  weights: number[];
}

export type Partition = ContinuousPartition | CategoricalPartition;

/** numpy.allclose(x, 1): |x − 1| ≤ 1e-8 + 1e-5. */
function closeToOne(x: number): boolean {
  return Math.abs(x - 1) <= 1e-8 + 1e-5;
}

/** `Infinity`, `-Infinity` (Python's json) and `inf` as strings → ±∞; anything else unchanged. */
function infinity(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  const m = /^([+-]?)(?:Infinity|inf|\.inf)$/i.exec(v.trim());
  return m ? (m[1] === '-' ? -Infinity : Infinity) : v;
}

function numberList(v: unknown): v is number[] {
  return Array.isArray(v) && v.every((x) => typeof x === 'number' && !Number.isNaN(x));
}

/**
 * GX's partition object, validated as GX's is_valid_partition_object plus the combinations its
 * _validate refuses. Returns a message describing the first problem.
 */
export function parsePartition(
  value: unknown,
  holdouts: { tail: number; internal: number; bucketize: boolean },
): Partition | string {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return 'expected {bins: [...], weights: [...], tail_weights: [l, r]} or {values: [...], weights: [...]}';
  const o = value as Record<string, unknown>;
  const known = ['bins', 'weights', 'tail_weights', 'values'];
  for (const k of Object.keys(o))
    if (!known.includes(k)) return `unknown partition_object key "${k}"; allowed: ${known.join(', ')}`;
  if (!numberList(o.weights)) return 'weights: expected a list of numbers';
  const weights = o.weights;
  if (weights.some((w) => w < 0)) return 'weights: expected weights ≥ 0';
  if ('bins' in o) {
    // GX writes suites with json.dumps, which spells the infinite ends Infinity / -Infinity (not JSON).
    if (Array.isArray(o.bins)) o.bins = o.bins.map(infinity);
    if (!numberList(o.bins)) return 'bins: expected a list of numbers (.inf / -.inf allowed at the ends)';
    const bins = o.bins;
    if (bins.length !== weights.length + 1)
      return `bins has ${bins.length} edges but weights has ${weights.length} entries (expected one more edge than weights)`;
    for (let i = 1; i < bins.length; i++)
      if (!(bins[i] > bins[i - 1])) return `bins must increase strictly (bins[${i}] = ${bins[i]})`;
    let tailWeights: [number, number] | undefined;
    if (o.tail_weights !== undefined) {
      if (!numberList(o.tail_weights) || o.tail_weights.length !== 2 || o.tail_weights.some((w) => w < 0))
        return 'tail_weights: expected [left, right], two numbers ≥ 0';
      tailWeights = [o.tail_weights[0], o.tail_weights[1]];
    }
    const total = weights.reduce((a, b) => a + b, 0) + (tailWeights ? tailWeights[0] + tailWeights[1] : 0);
    if (!closeToOne(total))
      return `weights${tailWeights ? ' and tail_weights' : ''} sum to ${total}, expected 1`;
    if (!holdouts.bucketize)
      return 'a continuous partition (bins) needs bucketize_data: true (GX cannot compute KL divergence otherwise)';
    if (tailWeights && holdouts.tail !== 0)
      return 'tail_weight_holdout must be 0 when the partition has tail_weights';
    const infinite = bins[0] === -Infinity || bins[bins.length - 1] === Infinity;
    if (infinite && tailWeights)
      return 'a partition with an infinite end (-.inf or .inf) can have no tail_weights';
    if (bins[0] === -Infinity && bins[bins.length - 1] === Infinity && holdouts.tail > 0)
      return 'tail_weight_holdout cannot be used for partitions with both ends infinite';
    return { kind: 'continuous', bins, weights, tailWeights };
  }
  if ('values' in o) {
    const values = o.values;
    if (
      !Array.isArray(values) ||
      !values.every((v) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')
    )
      return 'values: expected a list of strings, numbers or booleans';
    if (values.length !== weights.length)
      return `values has ${values.length} entries but weights has ${weights.length}`;
    const seen = new Set<string>();
    for (const v of values) {
      const key = `${typeof v}:${String(v)}`;
      if (seen.has(key)) return `values: ${JSON.stringify(v)} is listed twice`;
      seen.add(key);
    }
    const total = weights.reduce((a, b) => a + b, 0);
    if (!closeToOne(total)) return `weights sum to ${total}, expected 1`;
    if (holdouts.internal > 0)
      return 'internal_weight_holdout cannot be used with a categorical partition (values)';
    return { kind: 'categorical', values: values as (string | number | boolean)[], weights };
  }
  return 'expected "bins" (continuous partition) or "values" (categorical partition)';
}
