/**
 * Errors a caller branches on. Every one of them means "the input was wrong" and maps to exit code 2;
 * their message is a single line that names the place (file:line:column or key path) and what was expected.
 */
export class ModelCiError extends Error {
  override name = 'ModelCiError';
}

/** A bad flag, action input or option value. */
export class InputError extends ModelCiError {
  override name = 'InputError';
}

/** A position in a text file, 1-based. */
export interface SourcePosition {
  file: string;
  line?: number;
  column?: number;
}

export function formatPosition(pos: SourcePosition): string {
  let s = pos.file;
  if (pos.line !== undefined) {
    s += `:${pos.line}`;
    if (pos.column !== undefined) s += `:${pos.column}`;
  }
  return s;
}

/** A data file that cannot be read as the format it claims (CSV, JSONL, Parquet, model files). */
export class DataFormatError extends ModelCiError {
  override name = 'DataFormatError';
  constructor(
    readonly position: SourcePosition,
    readonly detail: string,
  ) {
    super(`${formatPosition(position)}: ${detail}`);
  }
}

/** A configuration or suite/rules file that parses but says something invalid, or does not parse. */
export class ConfigError extends ModelCiError {
  override name = 'ConfigError';
  constructor(
    readonly position: SourcePosition,
    readonly detail: string,
    readonly keyPath?: string,
  ) {
    super(`${formatPosition(position)}: ${keyPath ? `${keyPath}: ` : ''}${detail}`);
  }
}

/** Levenshtein distance, for "did you mean" suggestions. */
export function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length];
}

/** The closest candidate within a sensible distance, or undefined. */
export function closestMatch(word: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = editDistance(word.toLowerCase(), c.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [c, d];
  }
  // Short words: one edit at most, or "zz" would suggest "id".
  const limit = word.length <= 3 ? 1 : Math.max(2, Math.floor(word.length / 3));
  return bestDistance <= limit ? best : undefined;
}

/** ` (did you mean "x"?)` or an empty string. */
export function didYouMean(word: string, candidates: Iterable<string>): string {
  const m = closestMatch(word, candidates);
  return m ? ` (did you mean "${m}"?)` : '';
}
