import { readFileSync } from 'node:fs';
import { DataFormatError, InputError } from './errors.js';

/**
 * Parse JSON text; on a syntax error throw DataFormatError with the 1-based line and column of the
 * first bad character (V8's own messages do not always carry a position).
 */
export function parseJsonText(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    const { offset, expected } = locateJsonError(text);
    const before = text.slice(0, offset);
    const line = before.split('\n').length;
    const column = offset - before.lastIndexOf('\n');
    const found = offset >= text.length ? 'end of file' : JSON.stringify(text[offset]);
    throw new DataFormatError({ file, line, column }, `invalid JSON: expected ${expected}, found ${found}`);
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

/** A small recursive-descent scan that finds where JSON.parse gave up. Only runs after a failure. */
export function locateJsonError(text: string): { offset: number; expected: string } {
  let i = 0;
  class Stop {
    constructor(readonly expected: string) {}
  }
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i])) i++;
  };
  const literal = (word: string) => {
    for (const ch of word) {
      if (text[i] !== ch) throw new Stop(`"${word}"`);
      i++;
    }
  };
  const string = () => {
    if (text[i] !== '"') throw new Stop('a string');
    i++;
    while (i < text.length && text[i] !== '"') {
      const c = text.charCodeAt(i);
      if (c < 0x20) throw new Stop('a closing quote or an escaped control character');
      if (text[i] === '\\') {
        i++;
        if (text[i] === 'u') {
          for (let k = 1; k <= 4; k++)
            if (!/[0-9a-fA-F]/.test(text[i + k] ?? '')) {
              i += k;
              throw new Stop('a hex digit');
            }
          i += 5;
        } else if ('"\\/bfnrt'.includes(text[i] ?? 'x')) i++;
        else throw new Stop('a valid escape');
      } else i++;
    }
    if (i >= text.length) throw new Stop('a closing quote');
    i++;
  };
  const number = () => {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i));
    if (!m || m[0] === '-' || m[0] === '') throw new Stop('a value');
    i += m[0].length;
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') return void i++;
      for (;;) {
        ws();
        string();
        ws();
        if (text[i] !== ':') throw new Stop('":"');
        i++;
        value();
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') return void i++;
        throw new Stop('"," or "}"');
      }
    }
    if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') return void i++;
      for (;;) {
        value();
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') return void i++;
        throw new Stop('"," or "]"');
      }
    }
    if (c === '"') return string();
    if (c === 't') return literal('true');
    if (c === 'f') return literal('false');
    if (c === 'n') return literal('null');
    return number();
  };
  try {
    value();
    ws();
    if (i < text.length) throw new Stop('end of file');
    return { offset: i, expected: 'valid JSON' };
  } catch (e) {
    if (e instanceof Stop) return { offset: i, expected: e.expected };
    throw e;
  }
}
