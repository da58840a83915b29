import { describe, expect, test } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PickleWalker, type PickleImport } from '../../../src/checks/lint/pickle-walker.js';
import { MODELS } from './fixture-repo.js';

function walk(bytes: Buffer, chunk = bytes.length || 1) {
  const imports: PickleImport[] = [];
  const unresolved: string[] = [];
  const w = new PickleWalker({
    onImport: (i) => imports.push(i),
    onUnresolved: (_o, why) => unresolved.push(why),
  });
  for (let i = 0; i < bytes.length && !w.finished; i += chunk) w.push(bytes.subarray(i, i + chunk));
  const summary = w.end();
  return { imports: imports.map((i) => `${i.module}.${i.name}@${i.offset}`), unresolved, summary };
}

describe('the pickle walker', () => {
  test.each([
    'evil_system_p0.pkl',
    'evil_stack_global_memo_p4.pkl',
    'evil.joblib',
    'clean.joblib',
    'numpy_p5.pkl',
    'evil_getattr_chain_p3.pkl',
  ])('%s gives the same result fed 1, 7 or all bytes at a time', (name) => {
    const bytes = readFileSync(join(MODELS, name));
    const whole = walk(bytes);
    expect(walk(bytes, 1)).toEqual(whole);
    expect(walk(bytes, 7)).toEqual(whole);
    expect(whole.summary.stopped).toBeUndefined();
  });

  test('several pickles in a row are all walked; trailing non-pickle bytes end the walk', () => {
    const a = readFileSync(join(MODELS, 'evil_system_p2.pkl'));
    const r = walk(Buffer.concat([a, a, Buffer.from('raw tensor bytes')]));
    expect(r.summary.pickles).toBe(2);
    expect(r.summary.trailingBytes).toBe(16);
    expect(r.imports).toEqual([
      `posix.system@${a.indexOf('cposix')}`,
      `posix.system@${a.length + a.indexOf('cposix')}`,
    ]);
  });

  test.each([
    ['an unknown opcode', Buffer.from([0x80, 0x04, 0xff]), 'byte 0xff at offset 2 is not a pickle opcode'],
    ['protocol 6', Buffer.from([0x80, 0x06, 0x4e, 0x2e]), 'unsupported pickle protocol 6 at offset 0'],
    [
      'a memo entry never stored',
      Buffer.from([0x80, 0x04, 0x68, 0x05, 0x2e]),
      'memo entry 5 read at offset 2 was never stored',
    ],
    [
      'truncated in a payload',
      Buffer.from([0x80, 0x04, 0x58, 0xff, 0xff, 0x00, 0x00, 0x61]),
      'the data ends before the pickle does (truncated)',
    ],
    ['no STOP', Buffer.from([0x80, 0x04, 0x4e]), 'the data ends before the pickle does (truncated)'],
    ['a pop from an empty stack', Buffer.from([0x80, 0x04, 0x52]), 'REDUCE at offset 2 pops an empty stack'],
    [
      'marks nested too deeply',
      Buffer.concat([Buffer.from([0x80, 0x04]), Buffer.alloc(100_001, 0x28)]),
      'more than 100000 nested MARKs',
    ],
  ])('%s stops the walk with a reason', (_name, bytes, reason) => {
    expect(walk(bytes).summary.stopped?.reason).toBe(reason);
  });

  test('a huge payload is skipped, not buffered: the walker asks to seek over it', () => {
    const imports: PickleImport[] = [];
    const w = new PickleWalker({ onImport: (i) => imports.push(i), onUnresolved: () => {} });
    const header = Buffer.from([0x80, 0x04, 0x8e, 0, 0, 0, 0, 1, 0, 0, 0]); // BINBYTES8 of 4 GiB
    w.push(header);
    expect(w.skippable).toBe(2 ** 32);
    w.skipped(2 ** 32);
    w.push(Buffer.from('cos\nsystem\n0.'));
    expect(imports.map((i) => `${i.module}.${i.name}@${i.offset}`)).toEqual([`os.system@${11 + 2 ** 32}`]);
    expect(w.end().stopped).toBeUndefined();
  });
});
