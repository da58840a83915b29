import { describe, expect, test } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { exitCodeFor, toJsonText, worstStatus } from '../../src/core/result.js';
import { TOOL_VERSION } from '../../src/core/version.js';

describe('result helpers', () => {
  test('worstStatus orders pass < warn < fail < error', () => {
    expect(worstStatus()).toBe('pass');
    expect(worstStatus('warn', 'pass')).toBe('warn');
    expect(worstStatus('fail', 'warn', 'error', 'pass')).toBe('error');
  });
  test.each([
    ['pass', 0],
    ['warn', 0],
    ['fail', 1],
    ['error', 2],
  ] as const)('exit code of %s is %d', (status, code) => expect(exitCodeFor(status)).toBe(code));
  test('toJsonText encodes non-finite numbers as the schema says', () => {
    expect(JSON.parse(toJsonText({ a: NaN, b: Infinity, c: -Infinity, d: 0.1 }))).toEqual({
      a: null,
      b: 'Infinity',
      c: '-Infinity',
      d: 0.1,
    });
  });
  test('TOOL_VERSION equals package.json', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
    expect(TOOL_VERSION).toBe(pkg.version);
  });
});
