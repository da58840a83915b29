import { describe, expect, test } from '@jest/globals';
import { join } from 'node:path';
import { scanModelFile, type ModelScanOptions } from '../../../src/checks/lint/model-scan.js';
import { ROOT } from '../../helpers/run-bundle.js';

// Fixtures: test/fixtures/lint/make-fixtures.py (run with /usr/bin/python3; real pickle, numpy, joblib).
// Byte offsets are those pickletools.genops reports for the same files.
const MODELS = join(ROOT, 'test/fixtures/lint/models');
const OPTIONS: ModelScanOptions = {
  allowedGlobals: [],
  maxArchiveBytes: 1024 * 1024 * 1024,
  maxZipRatio: 100,
};

async function scan(name: string, options: Partial<ModelScanOptions> = {}) {
  const findings = await scanModelFile(join(MODELS, name), { ...OPTIONS, ...options });
  return findings.map((f) => `${f.rule} ${f.message}`);
}

describe('clean model files: nothing to report', () => {
  test.each([
    'clean_p0.pkl',
    'clean_p1.pkl',
    'clean_p2.pkl',
    'clean_p3.pkl',
    'clean_p4.pkl',
    'clean_p5.pkl',
    'numpy_p2.pkl',
    'numpy_p4.pkl',
    'numpy_p5.pkl',
    'objects_clean.npy',
    'plain.npy',
    'clean.joblib',
    'clean_zlib.joblib',
    'torch_clean.pt',
    'arrays.npz',
    'onnx/external_ok.weights',
  ])('%s', async (name) => {
    expect(await scan(name)).toEqual([]);
  });
});

describe('malicious pickles: exactly the planted findings', () => {
  const system = (where = '', op = 'GLOBAL') =>
    expect.stringMatching(
      new RegExp(
        `^MCI301 ${where.replace(/[.!/]/g, '\\$&')}the pickle imports posix\\.system \\(${op} at byte \\d+\\), which runs commands`,
      ),
    );
  test.each([
    ['evil_system_p0.pkl', [system()]],
    ['evil_system_p1.pkl', [system()]],
    ['evil_system_p2.pkl', [system()]],
    ['evil_system_p3.pkl', [system()]],
    ['evil_system_p4.pkl', [system('', 'STACK_GLOBAL')]],
    ['evil_system_p5.pkl', [system('', 'STACK_GLOBAL')]],
    [
      'evil_eval_p2.pkl',
      [
        expect.stringMatching(
          /^MCI301 the pickle imports __builtin__\.eval \(GLOBAL at byte 2\), which evaluates/,
        ),
      ],
    ],
    [
      'evil_stack_global_memo_p4.pkl',
      [expect.stringMatching(/^MCI301 the pickle imports os\.system \(STACK_GLOBAL at byte 46\)/)],
    ],
    [
      'evil_getattr_chain_p3.pkl',
      [
        expect.stringMatching(/^MCI301 the pickle imports builtins\.getattr \(GLOBAL at byte 2\)/),
        expect.stringMatching(/^MCI301 the pickle imports builtins\.__import__ \(GLOBAL at byte 22\)/),
      ],
    ],
    [
      'evil_computed_name_p4.pkl',
      [
        expect.stringMatching(
          /^MCI303 cannot name what the pickle imports: STACK_GLOBAL at offset \d+ imports a name that is not a plain string \(a string, the result of calling builtins\.str\)/,
        ),
      ],
    ],
    [
      'evil_ext_p2.pkl',
      [
        expect.stringMatching(
          /^MCI303 cannot name what the pickle imports: EXT1 at offset 2 imports extension code 240/,
        ),
      ],
    ],
    [
      'evil_inst_p0.pkl',
      [
        expect.stringMatching(
          /^MCI301 the pickle imports subprocess\.check_output \(INST at byte 7\), which runs commands/,
        ),
      ],
    ],
    [
      'evil_obj_p1.pkl',
      [
        expect.stringMatching(
          /^MCI301 the pickle imports socket\.create_connection \(GLOBAL at byte 1\), which opens network/,
        ),
      ],
    ],
    ['evil_objects.npy', [system('', 'GLOBAL')]],
    ['evil.joblib', [system('', 'STACK_GLOBAL')]],
    ['torch_evil.pt', [system('torch_evil/data.pkl: ')]],
    ['torch_evil_deflated.pth', [system('torch_evil_deflated/data.pkl: ')]],
    [
      'torch_nested.ckpt',
      [
        system('torch_nested/extra/inner.zip!/payload/data.pkl: ', 'STACK_GLOBAL'),
        system('torch_nested/extra/inner-deflated.zip!/payload/data.pkl: ', 'STACK_GLOBAL'),
      ],
    ],
  ])('%s', async (name, expected) => {
    expect(await scan(name)).toEqual(expected);
  });
});

describe('limits and hostile archives', () => {
  test('a zip bomb is refused before anything is inflated', async () => {
    expect(await scan('bomb.pt')).toEqual([
      'MCI305 bomb/data.pkl: refused as a possible zip bomb: "bomb/data.pkl" would inflate 254.8 KB to 256.0 MB (ratio 1029:1, limit 100:1)',
    ]);
  });

  test('the inflated-bytes budget stops an archive even under the ratio limit', async () => {
    const out = await scan('bomb.pt', { maxZipRatio: 10_000, maxArchiveBytes: 16 * 1024 * 1024 });
    expect(out).toEqual([
      expect.stringMatching(
        /^MCI305 bomb\/data\.pkl: refused as a possible zip bomb: inflating "bomb\/data\.pkl" \(256\.0 MB\) would exceed the 16\.0 MB limit/,
      ),
    ]);
  });

  test('allowed-globals turns an unknown global into a safe one, never a dangerous one', async () => {
    expect(await scan('evil_system_p2.pkl', { allowedGlobals: ['posix.*'] })).toEqual([
      expect.stringMatching(/^MCI301/),
    ]);
  });
});
