/**
 * Structured request logs: one JSON line per request on stdout. Privacy first: request and response
 * bodies are not logged unless LOG_PAYLOADS is on, and the fields named in LOG_REDACT (by default the
 * client address and user agent) are written as "[redacted]", inside logged payloads too.
 */
export const REDACTED = '[redacted]';

export type LogRecord = Record<string, unknown>;

export interface RequestLogger {
  log(record: LogRecord): void;
}

/** Replace redacted keys at any depth of `value` (named inputs in a payload, header-like fields). */
export function redact(value: unknown, keys: ReadonlySet<string>, depth = 0): unknown {
  if (depth > 32) return REDACTED;
  if (Array.isArray(value)) return value.map((v) => redact(v, keys, depth + 1));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, keys.has(k) ? REDACTED : redact(v, keys, depth + 1)]),
    );
  }
  return value;
}

/** A logger writing JSON lines through `write` (stdout in the server). */
export function jsonLogger(
  write: (line: string) => void,
  redactKeys: readonly string[],
  now = () => new Date(),
): RequestLogger {
  const keys = new Set(redactKeys);
  return {
    log(record) {
      write(JSON.stringify({ time: now().toISOString(), ...(redact(record, keys) as LogRecord) }) + '\n');
    },
  };
}
