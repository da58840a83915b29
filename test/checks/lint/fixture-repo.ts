/**
 * Builds the fixture model repository the lint tests run on, in a fresh folder: every rule family has
 * planted findings at known lines, next to clean files that must not be reported. Credentials are
 * assembled here at run time from a seeded generator (never committed as literals), and model files are
 * copied from test/fixtures/lint/models (made by make-fixtures.py). `EXPECTED` lists exactly what
 * `model-ci lint` must find.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ROOT } from '../../helpers/run-bundle.js';

export const MODELS = join(ROOT, 'test/fixtures/lint/models');

/** Deterministic pseudo-random credential bodies (mulberry32), varied enough not to look like placeholders. */
export function fakeToken(
  prefix: string,
  length: number,
  seed: number,
  alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789',
): string {
  let a = seed >>> 0;
  let out = '';
  for (let i = 0; i < length; i++) {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    out += alphabet[((t ^ (t >>> 14)) >>> 0) % alphabet.length];
  }
  return prefix + out;
}

export const SECRETS = {
  github: fakeToken('gh' + 'p_', 36, 1),
  awsId: fakeToken('AK' + 'IA', 16, 2, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'),
  awsSecret: fakeToken('', 40, 3, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789/+'),
  slack: `xo${'xb'}-${fakeToken('', 12, 4, '0123456789')}-${fakeToken('', 24, 5)}`,
  stripe: fakeToken('sk' + '_live_', 24, 6),
  google: fakeToken('AI' + 'za', 35, 7),
  hf: fakeToken('h' + 'f_', 34, 8, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'),
  privateKey: `-----BEGIN RSA ${'PRIVATE'} KEY-----\n${fakeToken('', 64, 9)}\n${fakeToken('', 64, 10)}\n-----END RSA PRIVATE KEY-----\n`,
};

function put(root: string, rel: string, content: string | Buffer): void {
  const p = join(root, rel);
  mkdirSync(dirname(p), { recursive: true });
  writeFileSync(p, content);
}

function sha256(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

function notebook(cells: unknown[]): string {
  return JSON.stringify({ cells, metadata: {}, nbformat: 4, nbformat_minor: 5 }, null, 1) + '\n';
}

export const DOCKERFILE = `FROM python:3.11.9-slim AS build
RUN pip install --no-cache-dir -r requirements.txt
FROM python
ARG HF_TOKEN
# model-ci: ignore MCI203 -- libgomp needs its recommended packages on slim images
RUN apt-get update && apt-get install -y libgomp1
RUN cd /app && pip install flask
ADD app.py /app/
EXPOSE 8080
USER root
CMD python app.py
`;

/** Write the repository into `root` (an empty folder); with `git`, commit it (so Git lists the files). */
export function buildFixtureRepo(root: string, { git = false } = {}): void {
  put(
    root,
    'README.md',
    '# Churn model\n\n## Intended use\n\nDemo.\n\n## Training data\n\nSynthetic.\n\n## Evaluation\n\nAUC 0.8.\n',
  );
  put(
    root,
    '.model-ci.yml',
    'version: 1\nlint:\n  large-file-mb: 0.05\n  per-file-ignores:\n    "vendor/**": [MCI104]\n  ignore: [generated/]\n',
  );
  put(root, '.gitignore', 'ignored/\n');
  put(root, 'ignored/leak.txt', `token = "${SECRETS.github}"\n`);
  put(root, 'generated/leak.txt', `token = "${SECRETS.stripe}"\n`);
  put(
    root,
    'requirements.txt',
    'torch==2.3.1\nnumpy>=1.24\n-r dev.txt\nscikit-learn==1.4.2 ; python_version >= "3.9"\nrequests\n',
  );
  put(root, 'vendor/requirements.txt', 'anything\n');
  put(
    root,
    'package.json',
    JSON.stringify({ name: 'x', dependencies: { express: '^4.19.2', 'left-pad': '1.3.0' } }, null, 2) + '\n',
  );
  put(root, 'Dockerfile', DOCKERFILE);
  put(
    root,
    'notebooks/explore.ipynb',
    notebook([
      {
        cell_type: 'code',
        execution_count: 1,
        metadata: {},
        source: ['import os\n', `KEY = "${SECRETS.awsId}"\n`],
        outputs: [{ name: 'stdout', output_type: 'stream', text: [`token ${SECRETS.github}\n`] }],
      },
      { cell_type: 'markdown', metadata: {}, source: ['# Notes'] },
      { cell_type: 'code', execution_count: null, metadata: {}, source: ['1 + 1'], outputs: [] },
    ]),
  );
  put(
    root,
    'notebooks/clean.ipynb',
    notebook([{ cell_type: 'code', execution_count: null, metadata: {}, source: ['x = 1'], outputs: [] }]),
  );
  put(root, 'notebooks/broken.ipynb', '{"cells": [\n<<<<<<< HEAD\n');
  put(
    root,
    'config/settings.py',
    `# settings\naws_secret_access_key = "${SECRETS.awsSecret}"\nSLACK = "${SECRETS.slack}"\nMAPS = "${SECRETS.google}"  # model-ci: ignore MCI507 -- a browser key restricted to our domain\nEXAMPLE = "AKIAIOSFODNN7EXAMPLE"\n`,
  );
  put(root, 'keys/id_rsa', SECRETS.privateKey);
  put(
    root,
    'scripts/publish.sh',
    `#!/bin/sh\n# model-ci: ignore MCI503\nexport HF="${SECRETS.hf}"\n# model-ci: ignore MCI501 -- nothing here any more\necho done\n`,
  );
  // Model files: a malicious checkpoint, clean ones with recorded checksums, one whose checksum is stale.
  mkdirSync(join(root, 'models/onnx'), { recursive: true });
  for (const f of ['torch_evil.pt', 'torch_clean.pt', 'clean_p2.pkl', 'numpy_p4.pkl'])
    copyFileSync(join(MODELS, f), join(root, 'models', f));
  for (const f of [
    'external_escape.onnx',
    'external_missing.onnx',
    'external_ok.onnx',
    'external_ok.weights',
  ])
    copyFileSync(join(MODELS, 'onnx', f), join(root, 'models/onnx', f));
  put(root, 'models/tfjs/group1-shard1of1.bin', Buffer.alloc(16));
  const sums = [
    'torch_clean.pt',
    'numpy_p4.pkl',
    'tfjs/group1-shard1of1.bin',
    'onnx/external_ok.onnx',
    'onnx/external_escape.onnx',
    'onnx/external_missing.onnx',
  ]
    .map((f) => `${sha256(join(root, 'models', f))}  ${f}`)
    .concat([`${'0'.repeat(63)}1  torch_evil.pt`]);
  put(root, 'models/SHA256SUMS', sums.join('\n') + '\n');
  put(root, 'models/clean_p2.pkl.sha256', sha256(join(root, 'models/clean_p2.pkl')) + '\n');
  // TF.js: one shard missing, one escaping the folder, one group too short.
  put(
    root,
    'models/tfjs/model.json',
    JSON.stringify(
      {
        format: 'layers-model',
        modelTopology: {},
        weightsManifest: [
          { paths: ['group1-shard1of1.bin'], weights: [{ name: 'w', shape: [2, 3], dtype: 'float32' }] },
          { paths: ['missing.bin'], weights: [{ name: 'b', shape: [3], dtype: 'float32' }] },
          { paths: ['../../../etc/passwd'], weights: [{ name: 'c', shape: [1], dtype: 'float32' }] },
        ],
      },
      null,
      2,
    ) + '\n',
  );
  // Large files: one outside LFS, one that .gitattributes puts in LFS.
  put(root, '.gitattributes', '*.safetensors filter=lfs diff=lfs merge=lfs -text\n');
  put(root, 'data/big.csv', 'x\n'.repeat(40_000));
  put(root, 'models/big.safetensors', Buffer.alloc(80_000, 1));
  symlinkSync('/etc/passwd', join(root, 'passwd-link'));
  if (git) {
    const run = (...args: string[]) => execFileSync('git', args, { cwd: root, stdio: 'pipe' });
    run('init', '-q', '-b', 'main');
    run('add', '-A');
    run('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-qm', 'fixture');
  }
}

/** Exactly what lint reports on the fixture repository: rule, file, line (undefined: no line). */
export const EXPECTED: [string, string, number | undefined][] = [
  ['MCI103', '', undefined],
  ['MCI104', 'package.json', 4],
  ['MCI108', 'passwd-link', undefined],
  ['MCI102', 'README.md', 1],
  ['MCI104', 'requirements.txt', 2],
  ['MCI104', 'requirements.txt', 5],
  ['MCI504', 'keys/id_rsa', 1],
  ['MCI105', 'data/big.csv', undefined],
  ['MCI201', 'Dockerfile', 3],
  ['MCI210', 'Dockerfile', 4],
  ['MCI204', 'Dockerfile', 6],
  ['MCI205', 'Dockerfile', 7],
  ['MCI209', 'Dockerfile', 7],
  ['MCI213', 'Dockerfile', 7],
  ['MCI208', 'Dockerfile', 8],
  ['MCI211', 'Dockerfile', 9],
  ['MCI207', 'Dockerfile', 10],
  ['MCI206', 'Dockerfile', 11],
  ['MCI502', 'config/settings.py', 2],
  ['MCI505', 'config/settings.py', 3],
  ['MCI301', 'models/torch_evil.pt', undefined],
  ['MCI107', 'models/torch_evil.pt', undefined],
  ['MCI308', 'models/onnx/external_escape.onnx', undefined],
  ['MCI309', 'models/onnx/external_missing.onnx', undefined],
  ['MCI306', 'models/tfjs/model.json', 22],
  ['MCI308', 'models/tfjs/model.json', 36],
  ['MCI307', 'models/tfjs/model.json', 7],
  ['MCI405', 'notebooks/broken.ipynb', 2],
  ['MCI401', 'notebooks/explore.ipynb', 11],
  ['MCI402', 'notebooks/explore.ipynb', 5],
  ['MCI404', 'notebooks/explore.ipynb', 16],
  ['MCI501', 'notebooks/explore.ipynb', 9],
  ['MCI100', 'scripts/publish.sh', 2],
  ['MCI508', 'scripts/publish.sh', 3],
  ['MCI100', 'scripts/publish.sh', 4],
];
