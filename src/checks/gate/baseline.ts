/**
 * A baseline given as metrics instead of predictions: the result file of an earlier `metrics` check
 * (e.g. from the main branch), or a plain JSON object of numbers. No confidence intervals are possible then.
 */
import { InputError } from '../../core/errors.js';
import { fromJsonNumber, RESULT_SCHEMA_ID } from '../../core/result.js';
import type { MetricRecord } from '../../stats/metrics/metric-sets.js';

/**
 * Metric values from a parsed baseline file.
 * - A model-ci result (`"schema": "model-ci/result@1"`) must be of the `metrics` check; its `metrics` object
 *   is read: numbers as they are, `null` as undefined, `"Infinity"`/`"-Infinity"` as ±∞; nested objects
 *   (per-class tables) are ignored.
 * - Any other JSON object is read as `{ "metric": number | null, ... }` (e.g. a metrics.json written by a
 *   training script).
 * @throws InputError naming the file and the key when the shape is wrong.
 * @example baselineFromResult({ schema: 'model-ci/result@1', check: 'metrics', metrics: { roc_auc: 0.91 } }, 'main.json')
 */
export function baselineFromResult(json: unknown, file: string): MetricRecord {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new InputError(
      `${file}: expected a model-ci result of the metrics check or a JSON object of metric values`,
    );
  }
  const doc = json as Record<string, unknown>;
  let metrics: Record<string, unknown> = doc;
  let where = '';
  if ('schema' in doc) {
    if (doc.schema !== RESULT_SCHEMA_ID)
      throw new InputError(
        `${file}: schema: expected "${RESULT_SCHEMA_ID}", got ${JSON.stringify(doc.schema)}`,
      );
    if (doc.check !== 'metrics') {
      throw new InputError(
        `${file}: check: expected a result of the "metrics" check, got ${JSON.stringify(doc.check)}`,
      );
    }
    if (typeof doc.metrics !== 'object' || doc.metrics === null || Array.isArray(doc.metrics)) {
      throw new InputError(`${file}: metrics: expected an object of metric values`);
    }
    metrics = doc.metrics as Record<string, unknown>;
    where = 'metrics.';
  }
  const out: MetricRecord = {};
  for (const [key, v] of Object.entries(metrics)) {
    if (typeof v === 'number' || v === null || v === 'Infinity' || v === '-Infinity') {
      const x = fromJsonNumber(v);
      out[key] = Number.isNaN(x) ? null : x;
    } else if (typeof v === 'object' && where) {
      continue; // a nested table in a result file
    } else {
      throw new InputError(`${file}: ${where}${key}: expected a number or null, got ${JSON.stringify(v)}`);
    }
  }
  return out;
}
