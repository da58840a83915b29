import { readFileSync } from 'node:fs';
import { DataFormatError, InputError } from './errors.js';
import { findJsonSyntaxError } from './json-syntax.js';

/**
 * Parse JSON text; on a syntax error throw DataFormatError with the 1-based line and column of the
 * first bad character (V8's own messages do not always carry a position).
 */
export function parseJsonText(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    const problem = findJsonSyntaxError(text);
    if (!problem) throw err;
    const before = text.slice(0, problem.offset);
    const line = before.split('\n').length;
    const column = problem.offset - before.lastIndexOf('\n');
    throw new DataFormatError({ file, line, column }, `invalid JSON: ${problem.message}`);
  }
}

/** Read a JSON file (missing file -> InputError; syntax error -> DataFormatError with line/column). */
export function readJsonFile(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new InputError(`file not found: ${file}`);
  }
  return parseJsonText(text.replace(/^\uFEFF/, ''), file);
}
