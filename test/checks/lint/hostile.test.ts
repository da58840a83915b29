import { describe, expect, test } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import {
  closeSync,
  copyFileSync,
  ftruncateSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lintStep, type LintDetails } from '../../../src/checks/lint/step.js';
import { silentLogger } from '../../../src/core/logger.js';
import { cli } from '../../helpers/cli.js';
import { MODELS, SECRETS } from './fixture-repo.js';

function folder(files: Record<string, string | Buffer> = {}): string {
  const root = mkdtempSync(join(tmpdir(), 'lint-hostile-'));
  writeFileSync(
    join(root, 'README.md'),
    '# x\n## Intended use\n## Training data\n## Evaluation\n## Limitations\n## License\n',
  );
  writeFileSync(join(root, 'LICENSE'), 'MIT\n');
  for (const [rel, content] of Object.entries(files)) {
    mkdirSync(join(root, rel, '..'), { recursive: true });
    writeFileSync(join(root, rel), content);
  }
  return root;
}

async function lint(root: string, extra: Record<string, unknown> = {}) {
  const result = await lintStep.execute({ path: root, ...extra }, { baseDir: root, logger: silentLogger });
  return { result, details: result.details as unknown as LintDetails };
}

const rulesOf = (d: LintDetails) => d.findings.map((f) => `${f.rule} ${f.file ?? ''}`);

describe('hostile repositories: a finding or a clear error, never a crash or a hang', () => {
  test('file names with newlines and workflow commands stay on one line everywhere', async () => {
    const name = 'evil\n::error::pwned\r.txt';
    const root = folder({ [name]: `key = "${SECRETS.github}"\n` });
    const sarif = join(root, '..', `${root.split('/').pop()}.sarif`);
    const r = await cli(['lint', '--sarif', sarif, '--out', join(root, '..', 'r.json')], root);
    expect(r.code).toBe(1);
    for (const line of r.stdout.split('\n')) expect(line).not.toMatch(/^\s*::/);
    expect(r.stdout).toContain('evil\\n::error::pwned\\r.txt');
    const s = JSON.parse(readFileSync(sarif, 'utf8'));
    expect(s.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe(
      'evil%0A%3A%3Aerror%3A%3Apwned%0D.txt',
    );
  });

  test('a symbolic link to /etc/passwd is reported and never followed', async () => {
    const root = folder();
    symlinkSync('/etc/passwd', join(root, 'model.bin'));
    symlinkSync('/etc', join(root, 'etc'));
    mkdirSync(join(root, 'tfjs'));
    symlinkSync('/etc/passwd', join(root, 'tfjs/shard.bin'));
    writeFileSync(
      join(root, 'tfjs/model.json'),
      JSON.stringify({ modelTopology: {}, weightsManifest: [{ paths: ['shard.bin'], weights: [] }] }),
    );
    const { result, details } = await lint(root);
    expect(rulesOf(details).sort()).toEqual([
      'MCI108 etc',
      'MCI108 model.bin',
      'MCI108 tfjs/shard.bin',
      'MCI308 tfjs/model.json',
    ]);
    expect(JSON.stringify(result)).not.toContain('root:x:0');
  });

  test('a loop of links is a note, not a hang', async () => {
    const root = folder();
    symlinkSync('b', join(root, 'a'));
    symlinkSync('a', join(root, 'b'));
    const { details } = await lint(root);
    expect(details.findings.map((f) => [f.rule, f.file, f.message])).toEqual([
      ['MCI109', 'a', 'symbolic link that cannot be followed (a loop of links)'],
      ['MCI109', 'b', 'symbolic link that cannot be followed (a loop of links)'],
    ]);
  });

  test('a FIFO is never opened', async () => {
    const root = folder();
    execFileSync('mkfifo', [join(root, 'pipe.pkl')]);
    const { details } = await lint(root);
    expect(details.findings.map((f) => [f.rule, f.file])).toEqual([['MCI109', 'pipe.pkl']]);
  });

  test('a zip bomb in the repository is refused without inflating it', async () => {
    const root = folder();
    copyFileSync(join(MODELS, 'bomb.pt'), join(root, 'bomb.pt'));
    const { details } = await lint(root);
    expect(details.findings.map((f) => f.rule).sort()).toEqual(['MCI106', 'MCI305']);
  });

  test('a 2 GB sparse file is looked at by its head only', async () => {
    const root = folder();
    for (const name of ['huge.bin', 'huge.pkl', 'huge.txt']) {
      const fd = openSync(join(root, name), 'w');
      ftruncateSync(fd, 2 * 1024 * 1024 * 1024);
      closeSync(fd);
    }
    const { details } = await lint(root);
    expect(details.findings.map((f) => `${f.rule} ${f.file}`).sort()).toEqual([
      'MCI105 huge.bin',
      'MCI105 huge.pkl',
      'MCI105 huge.txt',
      'MCI106 huge.bin',
      'MCI106 huge.pkl',
      'MCI304 huge.pkl',
    ]);
    expect(details.findings.find((f) => f.rule === 'MCI304')?.message).toBe(
      'could not be scanned to its end: byte 0x00 at offset 0 is not a pickle opcode',
    );
  });

  test('a large text file is scanned up to max-scan-mb, in chunks, and said so', async () => {
    const line = 'x'.repeat(99) + '\n';
    // One credential straddles the first 1 MiB chunk boundary, one is in the third chunk, one past the limit.
    const head = line.repeat(10_485) + 'y'.repeat(56) + ' = "';
    const text =
      head +
      `${SECRETS.github}"\n` +
      line.repeat(20_000) +
      `k = "${SECRETS.hf}"\n` +
      line.repeat(30_000) +
      `z = "${SECRETS.stripe}"\n`;
    expect(head.length).toBeLessThan(1024 * 1024);
    expect(head.length + 40).toBeGreaterThan(1024 * 1024);
    const root = folder({ 'big.log': text });
    const { details } = await lint(root, { maxScanMb: 4, largeFileMb: 100 });
    expect(details.findings.map((f) => [f.rule, f.file, f.line])).toEqual([
      ['MCI109', 'big.log', undefined],
      ['MCI503', 'big.log', 10_486],
      ['MCI508', 'big.log', 30_487],
    ]);
    expect(details.findings[0].message).toMatch(/a text file of 5\.\d MB: only its first 4 MB were scanned/);
  });

  test('a notebook nested 100 000 levels deep is an invalid notebook, not a stack overflow', async () => {
    const root = folder({ 'deep.ipynb': '['.repeat(100_000) });
    const { details } = await lint(root);
    expect(details.findings.map((f) => [f.rule, f.line])).toEqual([['MCI405', 1]]);
    expect(details.findings[0].message).toMatch(/nested deeper than 1000 levels/);
  });

  test('binary garbage named Dockerfile, package.json and model.json is handled', async () => {
    const junk = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 37) % 256));
    const root = folder({
      Dockerfile: junk,
      'package.json': '{"dependencies": ',
      'm/model.json': '{"weightsManifest": [',
    });
    const { details } = await lint(root);
    expect(details.findings.map((f) => [f.rule, f.file])).toEqual([['MCI304', 'm/model.json']]);
  });
});
