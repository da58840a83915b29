import { DataFormatError } from './errors.js';
import { findJsonSyntaxError } from './json-syntax.js';
import { jsonTooDeepAt, MAX_NESTING } from './nesting.js';
import { readInputText } from './read-input.js';

/** Line and column (1-based) of a character offset in `text`. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/**
 * Parse JSON text; on a syntax error throw DataFormatError with the 1-based line and column of the
 * first bad character (V8's own messages do not always carry a position). `prefix` starts the message,
 * e.g. `not valid TF.js model.json`.
 */
export function parseJsonText(text: string, file: string, prefix = 'invalid JSON'): unknown {
  const deep = jsonTooDeepAt(text);
  if (deep >= 0)
    throw new DataFormatError(
      { file, ...lineColumn(text, deep) },
      `${prefix}: nested deeper than ${MAX_NESTING} levels (the limit for any JSON document)`,
    );
  try {
    return JSON.parse(text);
  } catch (err) {
    const problem = findJsonSyntaxError(text);
    if (!problem) throw err;
    throw new DataFormatError({ file, ...lineColumn(text, problem.offset) }, `${prefix}: ${problem.message}`);
  }
}

/**
 * Read a JSON file (missing or unreadable file -> InputError; syntax error -> DataFormatError with
 * line/column). Pipes and special files never hang ({@link readInputText}).
 */
export function readJsonFile(file: string, what = 'file'): unknown {
  const text = readInputText(file, { what });
  return parseJsonText(text.replace(/^\uFEFF/, ''), file);
}
