/**
 * Prometheus metrics of the serving app (prom-client): request latency and counts by route and status,
 * errors by reason, rows predicted, inference time, and `model_info` naming the model's version and
 * digest, so a dashboard shows which model answers. Default process metrics (CPU, memory, event loop) too.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface ServeMetrics {
  registry: Registry;
  requestDuration: Histogram<'method' | 'route' | 'status'>;
  requests: Counter<'method' | 'route' | 'status'>;
  errors: Counter<'route' | 'reason'>;
  rows: Counter;
  inferenceDuration: Histogram;
  modelInfo: Gauge<'name' | 'version' | 'digest' | 'format' | 'backend'>;
}

/** Buckets from 1 ms to 10 s: small models answer in milliseconds, big batches take seconds. */
const BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export function createMetrics(): ServeMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    requestDuration: new Histogram({
      name: 'http_request_duration_seconds',
      help: 'Time from request start to response end, by method, route and status',
      labelNames: ['method', 'route', 'status'],
      buckets: BUCKETS,
      registers: [registry],
    }),
    requests: new Counter({
      name: 'http_requests_total',
      help: 'Requests answered, by method, route and status',
      labelNames: ['method', 'route', 'status'],
      registers: [registry],
    }),
    errors: new Counter({
      name: 'model_prediction_errors_total',
      help: 'Prediction requests that failed, by reason (invalid_shape, too_large, inference_failed, ...)',
      labelNames: ['route', 'reason'],
      registers: [registry],
    }),
    rows: new Counter({
      name: 'model_predicted_rows_total',
      help: 'Rows the model predicted',
      registers: [registry],
    }),
    inferenceDuration: new Histogram({
      name: 'model_inference_duration_seconds',
      help: 'Time the model took per request (without parsing and serialising)',
      buckets: BUCKETS,
      registers: [registry],
    }),
    modelInfo: new Gauge({
      name: 'model_info',
      help: 'The model being served (value 1): name, version, sha256 digest of its files, format, backend',
      labelNames: ['name', 'version', 'digest', 'format', 'backend'],
      registers: [registry],
    }),
  };
}
