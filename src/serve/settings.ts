/**
 * The serving app's settings, all from environment variables (as a container is configured), read and
 * checked once at start-up: a bad value stops the server with one line naming the variable.
 */
import { join } from 'node:path';

export interface ServeSettings {
  port: number;
  host: string;
  /** model.json, a .onnx file or a folder holding one. */
  modelPath: string;
  backend: string;
  /** Shown in /health and the `model_info` metric (default: the model file's name). */
  modelName?: string;
  /** Shown in /health and the `model_info` metric; the image sets both. */
  modelVersion: string;
  /** `sha256:…` of the model files; computed at start-up when not given. */
  modelDigest?: string;
  maxRequestBytes: number;
  maxBatchRows: number;
  /** Log each request's inputs and outputs (off by default: payloads may hold personal data). */
  logPayloads: boolean;
  /** Log fields written as "[redacted]" (also keys of named inputs in logged payloads). */
  logRedact: string[];
  shutdownTimeoutMs: number;
}

export class SettingsError extends Error {
  override name = 'SettingsError';
}

function integer(env: NodeJS.ProcessEnv, name: string, dflt: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return dflt;
  const v = Number(raw.trim());
  if (!/^\d+$/.test(raw.trim()) || v < min || v > max)
    throw new SettingsError(`${name}: expected an integer from ${min} to ${max}, got ${JSON.stringify(raw)}`);
  return v;
}

function flag(env: NodeJS.ProcessEnv, name: string): boolean {
  const raw = (env[name] ?? '').trim();
  if (raw === '' || /^(0|false|no|off)$/i.test(raw)) return false;
  if (/^(1|true|yes|on)$/i.test(raw)) return true;
  throw new SettingsError(`${name}: expected true or false, got ${JSON.stringify(raw)}`);
}

const BACKENDS = ['auto', 'wasm', 'cpu', 'tfjs-node', 'onnxruntime-node', 'onnxruntime-web'];

/** Settings from `env`; `appDir` is the server's folder (the default model is `<appDir>/model`). */
export function readSettings(env: NodeJS.ProcessEnv, appDir: string): ServeSettings {
  const backend = (env.MODEL_BACKEND ?? '').trim() || 'auto';
  if (!BACKENDS.includes(backend))
    throw new SettingsError(
      `MODEL_BACKEND: expected one of ${BACKENDS.join(', ')}, got ${JSON.stringify(backend)}`,
    );
  const redact = env.LOG_REDACT === undefined ? 'remote_addr,user_agent' : env.LOG_REDACT;
  return {
    port: integer(env, 'PORT', 8000, 0, 65535),
    host: (env.HOST ?? '').trim() || '0.0.0.0',
    modelPath: (env.MODEL_PATH ?? '').trim() || join(appDir, 'model'),
    backend,
    modelName: (env.MODEL_NAME ?? '').trim() || undefined,
    modelVersion: (env.MODEL_VERSION ?? '').trim() || 'unversioned',
    modelDigest: (env.MODEL_DIGEST ?? '').trim() || undefined,
    maxRequestBytes: integer(env, 'MAX_REQUEST_BYTES', 1 << 20, 64, 1 << 30),
    maxBatchRows: integer(env, 'MAX_BATCH_ROWS', 1024, 1, 1_000_000),
    logPayloads: flag(env, 'LOG_PAYLOADS'),
    logRedact: redact
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    shutdownTimeoutMs: integer(env, 'SHUTDOWN_TIMEOUT_MS', 10_000, 0, 600_000),
  };
}
