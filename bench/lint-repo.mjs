// The repository `npm run bench lint` lints: 10 000 files of a plausible ML repository — Python sources,
// Markdown, JSON configs, notebooks (some with outputs and images), Dockerfiles, requirements, CSV data,
// pickles (clean and malicious, from test/fixtures/lint/models) — plus three large binaries (a 200 MB weight
// file with a recorded checksum, a 256 MB PyTorch-style checkpoint, a 200 MB .safetensors in Git LFS) and 20
// planted credentials. Deterministic (seeded); written once into DIR and reused. Small files are committed
// to a Git repository; the large ones stay untracked (git ls-files --others still lists them).
//
// usage: node bench/lint-repo.mjs DIR
import { Buffer } from 'node:buffer';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  closeSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  openSync,
  rmSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dir = process.argv[2];
if (!dir) throw new Error('usage: node bench/lint-repo.mjs DIR');
const done = join(dir, '.bench-complete');
if (existsSync(done)) process.exit(0);
rmSync(dir, { recursive: true, force: true });

let seed = 20240601;
function rand() {
  seed = (seed + 0x6d2b79f5) >>> 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = (xs) => xs[Math.floor(rand() * xs.length)];
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const word = (n, alphabet = ALNUM) => Array.from({ length: n }, () => pick(alphabet)).join('');

function put(rel, content) {
  const p = join(dir, rel);
  mkdirSync(dirname(p), { recursive: true });
  writeFileSync(p, content);
}

const WORDS =
  'model train eval loss batch epoch tensor feature label score metric layer weight bias data split'.split(
    ' ',
  );
function python(lines) {
  const out = ['import numpy as np', 'import pandas as pd', ''];
  for (let i = 0; i < lines; i++) {
    const a = pick(WORDS);
    const b = pick(WORDS);
    out.push(
      i % 12 === 0
        ? `\ndef ${a}_${b}_${i}(x, y=None):\n    """Compute ${a} from ${b}."""`
        : `    ${a}_${i} = np.mean(x[:, ${i % 7}]) * ${rand().toFixed(4)}  # ${b}`,
    );
  }
  return out.join('\n') + '\n';
}

const SECRETS = [
  () => 'gh' + 'p_' + word(36),
  () => 'AK' + 'IA' + word(16, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'),
  () => 'h' + 'f_' + word(34, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'),
  () => 'sk' + '_live_' + word(24),
  () => 'AI' + 'za' + word(35),
];

let n = 0;
const planted = new Set(Array.from({ length: 20 }, (_, i) => 137 + i * 311));
function maybeSecret() {
  n++;
  return planted.has(n) ? `\nTOKEN = "${SECRETS[n % SECRETS.length]()}"\n` : '';
}

// 6000 Python files, 1500 Markdown, 1000 JSON, 300 notebooks, 100 Dockerfiles, 50 requirements, 1036 CSV,
// 7 pickles/checkpoints, 3 large binaries, README, LICENSE, SHA256SUMS, .gitattributes: 10 000 files.
for (let i = 0; i < 6000; i++)
  put(`src/pkg${i % 40}/module_${i}.py`, python(40 + Math.floor(rand() * 120)) + maybeSecret());
for (let i = 0; i < 1500; i++)
  put(
    `docs/section${i % 25}/page_${i}.md`,
    `# Page ${i}\n\n${Array.from({ length: 30 }, () => `${pick(WORDS)} ${pick(WORDS)} ${word(8)}.`).join(' ')}\n${maybeSecret()}`,
  );
for (let i = 0; i < 1000; i++)
  put(
    `configs/exp${i % 20}/config_${i}.json`,
    JSON.stringify({ lr: rand(), layers: [64, 32], name: word(10), note: maybeSecret().trim() }, null, 2) +
      '\n',
  );
const png = Buffer.from(word(160_000, ALNUM + '+/')).toString(); // an "image" of ~120 KB decoded
for (let i = 0; i < 300; i++) {
  const withOutputs = i % 3 === 0;
  const cells = Array.from({ length: 12 }, (_, c) => ({
    cell_type: 'code',
    execution_count: withOutputs ? c + 1 : null,
    metadata: {},
    source: python(8)
      .split('\n')
      .map((l) => l + '\n'),
    outputs:
      withOutputs && c % 4 === 0
        ? [
            { output_type: 'stream', name: 'stdout', text: [`loss ${rand()}\n`] },
            ...(c === 0 && i % 30 === 0
              ? [{ output_type: 'display_data', metadata: {}, data: { 'image/png': png } }]
              : []),
          ]
        : [],
  }));
  put(
    `notebooks/nb_${i}.ipynb`,
    JSON.stringify({ cells, metadata: {}, nbformat: 4, nbformat_minor: 5 }, null, 1) + '\n',
  );
}
for (let i = 0; i < 100; i++)
  put(
    `services/svc${i}/Dockerfile`,
    `FROM python:3.11${i % 4 === 0 ? '' : '.9-slim'}\nRUN apt-get update && apt-get install -y --no-install-recommends libgomp1${i % 2 ? ' && rm -rf /var/lib/apt/lists/*' : ''}\nCOPY requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt\nUSER app\nCMD ["python", "serve.py"]\n`,
  );
for (let i = 0; i < 50; i++)
  put(
    `services/svc${i}/requirements.txt`,
    `numpy==1.26.4\npandas${i % 5 === 0 ? '>=2' : '==2.2.2'}\ntorch==2.3.1\n`,
  );
for (let i = 0; i < 1036; i++)
  put(
    `data/part${i % 30}/chunk_${i}.csv`,
    'id,a,b,label\n' +
      Array.from({ length: 200 }, (_, r) => `${r},${rand().toFixed(5)},${rand().toFixed(5)},${r % 2}`).join(
        '\n',
      ) +
      '\n',
  );
const models = join(root, 'test/fixtures/lint/models');
mkdirSync(join(dir, 'models'), { recursive: true });
for (const f of [
  'clean.joblib',
  'numpy_p4.pkl',
  'torch_clean.pt',
  'torch_evil.pt',
  'evil_stack_global_memo_p4.pkl',
  'torch_nested.ckpt',
  'clean_zlib.joblib',
])
  copyFileSync(join(models, f), join(dir, 'models', f));
put(
  'README.md',
  '# Bench repository\n\n## Intended use\n\n## Training data\n\n## Evaluation\n\n## Limitations\n\n## License\n\nMIT\n',
);
put('LICENSE', 'MIT\n');
put('.gitattributes', '*.safetensors filter=lfs diff=lfs merge=lfs -text\n');

// Large binaries, written in 8 MiB blocks of seeded bytes (not zeros: a real weight file does not compress).
function big(rel, bytes, head = Buffer.alloc(0)) {
  const block = Buffer.from(Array.from({ length: 8 * 1024 * 1024 }, () => Math.floor(rand() * 256)));
  const fd = openSync(join(dir, rel), 'w');
  const hash = createHash('sha256');
  writeSync(fd, head);
  hash.update(head);
  for (let left = bytes - head.length; left > 0; left -= block.length) {
    const part = left >= block.length ? block : block.subarray(0, left);
    writeSync(fd, part);
    hash.update(part);
  }
  closeSync(fd);
  return hash.digest('hex');
}
mkdirSync(join(dir, 'weights'), { recursive: true });
const sum = big('weights/model-200mb.bin', 200 * 1024 * 1024);
put('SHA256SUMS', `${sum}  weights/model-200mb.bin\n`);
big('weights/embeddings.safetensors', 200 * 1024 * 1024);
// A 256 MB PyTorch-style checkpoint: the data.pkl of test/fixtures' clean checkpoint, then a stored 256 MB
// storage entry, written as a zip by hand (stored entries, central directory at the end).
{
  const name1 = Buffer.from('ckpt/data.pkl');
  const pkl = execFileSync('/usr/bin/python3', [
    '-c',
    'import zipfile,sys; sys.stdout.buffer.write(zipfile.ZipFile(sys.argv[1]).read("torch_clean/data.pkl"))',
    join(models, 'torch_clean.pt'),
  ]);
  const name2 = Buffer.from('ckpt/data/0');
  const size2 = 256 * 1024 * 1024 - 1024;
  const local = (name, size, crc) => {
    const h = Buffer.alloc(30);
    h.writeUInt32LE(0x04034b50, 0);
    h.writeUInt16LE(20, 4);
    h.writeUInt32LE(crc, 14);
    h.writeUInt32LE(size, 18);
    h.writeUInt32LE(size, 22);
    h.writeUInt16LE(name.length, 26);
    return Buffer.concat([h, name]);
  };
  const crc32 = (buf) => {
    let c = ~0;
    for (const b of buf) {
      c ^= b;
      for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
    }
    return ~c >>> 0;
  };
  const h1 = local(name1, pkl.length, crc32(pkl));
  const h2 = local(name2, size2, 0); // the CRC of the big entry is not checked by the scanner
  const fd = openSync(join(dir, 'weights/checkpoint.pt'), 'w');
  writeSync(fd, Buffer.concat([h1, pkl, h2]));
  const block = Buffer.alloc(8 * 1024 * 1024, 7);
  for (let left = size2; left > 0; left -= block.length)
    writeSync(fd, left >= block.length ? block : block.subarray(0, left));
  const offset2 = h1.length + pkl.length;
  const central = (name, size, crc, offset) => {
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE(20, 4);
    c.writeUInt16LE(20, 6);
    c.writeUInt32LE(crc, 16);
    c.writeUInt32LE(size, 20);
    c.writeUInt32LE(size, 24);
    c.writeUInt16LE(name.length, 28);
    c.writeUInt32LE(offset, 42);
    return Buffer.concat([c, name]);
  };
  const cd = Buffer.concat([central(name1, pkl.length, crc32(pkl), 0), central(name2, size2, 0, offset2)]);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(2, 8);
  eocd.writeUInt16LE(2, 10);
  eocd.writeUInt32LE(cd.length, 12);
  eocd.writeUInt32LE(offset2 + h2.length + size2, 16);
  writeSync(fd, Buffer.concat([cd, eocd]));
  closeSync(fd);
}

const git = (...args) => execFileSync('git', args, { cwd: dir, stdio: 'pipe', maxBuffer: 64 * 1024 * 1024 });
git('init', '-q', '-b', 'main');
writeFileSync(join(dir, '.git', 'info', 'exclude'), '.bench-complete\n');
git('add', '--', ':!weights');
git('-c', 'user.name=bench', '-c', 'user.email=bench@example.com', 'commit', '-qm', 'bench repository');
writeFileSync(done, new Date().toISOString() + '\n');
