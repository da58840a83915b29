import { describe, expect, test } from '@jest/globals';
import {
  LfsAttributes,
  cardLabels,
  lintCondaEnvironment,
  lintPackageJson,
  lintPyproject,
  lintRequirements,
  manifestKind,
  missingCardFields,
  parseChecksumFile,
  pep508Pinned,
} from '../../../src/checks/lint/repository.js';

const lines = (fs: { line?: number }[]) => fs.map((f) => f.line);

describe('dependency pinning (MCI104)', () => {
  test.each([
    ['numpy==1.26.4', true],
    ['numpy===1.26.4', true],
    ['numpy >= 1.2, == 1.26.4', true],
    ['torch @ https://download.pytorch.org/x.whl', true],
    ['numpy==1.*', false],
    ['numpy>=1.24', false],
    ['numpy~=1.24', false],
    ['numpy', false],
    ['scikit-learn[all]==1.4 ; python_version >= "3.9"', true],
  ])('%s pinned: %s', (spec, pinned) => {
    expect(pep508Pinned(spec)).toBe(pinned);
  });

  test('requirements files: options, paths, continuations and hashes', () => {
    const text = [
      '# tools',
      '-r base.txt',
      '--index-url https://x/simple',
      'numpy==1.26.4 \\',
      '    --hash=sha256:abc',
      'pandas>=2  # too loose',
      './local-pkg',
      'git+https://github.com/x/y',
      '-e .',
      'requests',
    ].join('\n');
    const found = lintRequirements(text, 'requirements.txt');
    expect(found.map((f) => [f.line, f.message.split(' is ')[0]])).toEqual([
      [6, 'pandas>=2'],
      [10, 'requests'],
    ]);
    expect(found[0].key).toBe('requirements.txt|pandas');
  });

  test('package.json ranges, with the line of each dependency', () => {
    const text = JSON.stringify(
      {
        dependencies: { a: '1.2.3', b: '^1.0.0', c: 'file:../c', d: 'github:x/y#' + 'f'.repeat(40) },
        devDependencies: { e: '~2.0.0' },
      },
      null,
      2,
    );
    expect(lintPackageJson(text, 'package.json').map((f) => [f.line, f.message.split(' ')[0]])).toEqual([
      [4, 'b@^1.0.0'],
      [9, 'e@~2.0.0'],
    ]);
  });

  test('pyproject.toml (PEP 621 and Poetry) and Pipfile', () => {
    const pep621 =
      '[project]\nname = "x"\ndependencies = [\n  "numpy==1.26.4",\n  "pandas>=2",\n]\n[project.optional-dependencies]\ndev = ["pytest"]\n';
    expect(lines(lintPyproject(pep621, 'pyproject.toml'))).toEqual([5, 8]);
    const poetry =
      '[tool.poetry.dependencies]\npython = "^3.11"\ntorch = "2.3.1"\nnumpy = "^1.26"\npandas = { version = ">=2", optional = true }\n';
    expect(lines(lintPyproject(poetry, 'pyproject.toml'))).toEqual([4, 5]);
    expect(lines(lintPyproject('[packages]\nrequests = "*"\nflask = "==3.0.0"\n', 'Pipfile', true))).toEqual([
      2,
    ]);
  });

  test('conda environment files', () => {
    const env =
      'name: x\ndependencies:\n  - python=3.11\n  - numpy=1.26\n  - pandas\n  - pip:\n    - torch==2.3.1\n    - transformers\n';
    expect(lintCondaEnvironment(env, 'environment.yml').map((f) => [f.line, f.key])).toEqual([
      [5, 'environment.yml|pandas'],
      [8, 'environment.yml|transformers'],
    ]);
  });

  test('which files are manifests', () => {
    expect(
      [
        'requirements.txt',
        'requirements-dev.txt',
        'dev-requirements.txt',
        'requirements/base.txt',
        'constraints.txt',
      ].map(manifestKind),
    ).toEqual(Array(5).fill('requirements'));
    expect(manifestKind('node_modules/x/package.json')).toBeUndefined();
    expect(manifestKind('requirements.in')).toBeUndefined();
  });
});

describe('model card (MCI102)', () => {
  test('headings, setext headings, front matter and Field: lines count', () => {
    const card =
      '---\nlicense: mit\ndatasets: [x]\n---\nIntended use\n============\n\n**Evaluation:** AUC 0.8\n\n## Known limitations and bias\n```\n# Limitations in a code block do not count\n```\n';
    expect(cardLabels(card)).toEqual([
      'license',
      'datasets',
      'Intended use',
      'Evaluation',
      'Known limitations and bias',
    ]);
    expect(missingCardFields(card)).toEqual([]);
    expect(missingCardFields('# Model\n## Usage\n')).toEqual([
      'training data',
      'evaluation',
      'limitations',
      'license',
    ]);
  });
});

describe('Git LFS and checksums', () => {
  test('.gitattributes: later lines and deeper files win', () => {
    const lfs = new LfsAttributes();
    lfs.add('', '*.bin filter=lfs diff=lfs merge=lfs -text\nsmall.bin -filter\n');
    lfs.add('models', '*.onnx filter=lfs\nraw/*.bin !filter\n');
    expect(
      ['a.bin', 'x/y.bin', 'small.bin', 'models/m.onnx', 'm.onnx', 'models/raw/w.bin', 'models/w.bin'].map(
        (p) => lfs.isLfs(p),
      ),
    ).toEqual([true, true, false, true, false, false, true]);
  });

  test('checksum lists: GNU, BSD and sidecars, paths relative to the list', () => {
    const h = 'ab'.repeat(32);
    const gnu = parseChecksumFile(
      'models/SHA256SUMS',
      `${h}  weights.bin\n${h} *sub/x.pt\n${h}  ../escape.bin\n`,
    );
    expect([...gnu.keys()]).toEqual(['models/weights.bin', 'models/sub/x.pt']);
    expect(gnu.get('models/weights.bin')).toEqual({
      algorithm: 'sha256',
      hex: h,
      source: 'models/SHA256SUMS:1',
    });
    const bsd = parseChecksumFile('CHECKSUMS', `SHA512 (m.onnx) = ${'c'.repeat(128)}\n`);
    expect(bsd.get('m.onnx')?.algorithm).toBe('sha512');
    expect([...parseChecksumFile('w/model.bin.sha256', `${h}\n`).keys()]).toEqual(['w/model.bin']);
    expect([...parseChecksumFile('w/model.bin.sha256', `${h}  model.bin\n`).keys()]).toEqual(['w/model.bin']);
  });
});
