import { describe, expect, test } from '@jest/globals';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readResultFile } from '../../src/core/validate-result.js';
import { RULES } from '../../src/checks/lint/rules.js';
import { MODELS, buildFixtureRepo } from '../checks/lint/fixture-repo.js';
import { cli } from '../helpers/cli.js';

function repo(git = false): string {
  const root = mkdtempSync(join(tmpdir(), 'lint-cli-'));
  buildFixtureRepo(root, { git });
  return root;
}

function small(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'lint-small-'));
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(join(root, rel, '..'), { recursive: true });
    writeFileSync(join(root, rel), text);
  }
  return root;
}

const CLEAN = { 'README.md': '# x\n', LICENSE: 'MIT\n' };

describe('model-ci lint --explain', () => {
  test('prints what a rule finds, why, how to fix it and how to suppress it', async () => {
    const r = await cli(['lint', '--explain', 'mci301']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^MCI301 pickle-dangerous-global \(error, model-files\)\n/);
    expect(r.stdout).toContain('Why: Loading a pickle calls whatever it names');
    expect(r.stdout).toContain('Fix: Do not load the file.');
    expect(r.stdout).toContain('# model-ci: ignore MCI301 -- <reason>');
  });

  test('names the hadolint rule a Dockerfile rule follows', async () => {
    expect((await cli(['lint', '--explain', 'MCI203'])).stdout).toMatch(
      /^MCI203 apt-no-install-recommends \(note, dockerfile\) — hadolint DL3015/,
    );
  });

  test('"all" lists every rule', async () => {
    const r = await cli(['lint', '--explain', 'all']);
    expect(
      r.stdout
        .trim()
        .split('\n')
        .map((l) => l.slice(0, 6)),
    ).toEqual(RULES.map((x) => x.id));
  });

  test('an unknown rule is a usage error with a suggestion', async () => {
    const r = await cli(['lint', '--explain', 'MCI31']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^model-ci: error: --explain: unknown rule "MCI31" \(did you mean "MCI\d{3}"\?\)/,
    );
  });
});

describe('model-ci lint on a repository', () => {
  test('exit 1 on error findings; findings with file:line on stdout; --out is a valid result', async () => {
    const root = repo();
    const r = await cli(['lint', '--out', 'lint.json'], root);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      /^✘ Lint: fail — \d+ errors, \d+ warnings, \d+ notes in \d+ files; 3 suppressed\n/,
    );
    // Paths are relative to the working folder of the process (absolute here: the test runs elsewhere).
    expect(r.stdout).toMatch(
      /\n {2}error: (\/.*\/)?Dockerfile:8: ADD of app\.py: use COPY for files and folders\n/,
    );
    const result = readResultFile(join(root, 'lint.json'));
    expect(result.check).toBe('lint');
    expect(result.findings.find((f) => f.id === 'MCI301')).toMatchObject({
      severity: 'error',
      file: expect.stringMatching(/(^|\/)models\/torch_evil\.pt$/),
      subject: 'pickle-dangerous-global',
    });
  });

  test('exit 0 on warnings only, 0 with nothing found', async () => {
    expect((await cli(['lint'], small({ ...CLEAN, 'requirements.txt': 'numpy>=1\n' }))).code).toBe(0);
    const r = await cli(['lint'], small(CLEAN));
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^✔ Lint: pass — no findings in 2 files/);
  });

  test('--failure-threshold warning fails on a new warning', async () => {
    const root = small({ ...CLEAN, 'requirements.txt': 'numpy>=1\n' });
    expect((await cli(['lint', '--failure-threshold', 'warning'], root)).code).toBe(1);
  });

  test('--severity and --disable change what is reported', async () => {
    const root = small({ ...CLEAN, 'requirements.txt': 'numpy>=1\n', Dockerfile: 'FROM python\n' });
    const r = await cli(
      ['lint', '--severity', 'MCI104=error', '--disable', 'MCI2xx', '--out', 'r.json'],
      root,
    );
    expect(r.code).toBe(1);
    expect(readResultFile(join(root, 'r.json')).findings.map((f) => [f.id, f.severity])).toEqual([
      ['MCI104', 'error'],
    ]);
  });

  test('nothing to lint is an input error (exit 2), not a pass', async () => {
    const root = small({ '.gitignore': '*\n' });
    const r = await cli(['lint'], root);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^model-ci: error: nothing to lint: .* has no files/m);
  });
});

describe('baseline', () => {
  test('only findings that are new fail, and fingerprints survive moved lines', async () => {
    const root = repo(true);
    const w = await cli(['lint', '--write-baseline', '--baseline', '.model-ci-baseline.json'], root);
    expect(w.code).toBe(0);
    expect(w.stdout).toMatch(/wrote the baseline with \d+ findings/);
    const baseline = JSON.parse(readFileSync(join(root, '.model-ci-baseline.json'), 'utf8'));
    expect(baseline.schema).toBe('model-ci/lint-baseline@1');
    expect(baseline.rules).toEqual(RULES.map((r) => r.id));

    const again = await cli(['lint', '--baseline', '.model-ci-baseline.json', '--out', 'r.json'], root);
    expect(again.code).toBe(0);
    const r1 = readResultFile(join(root, 'r.json'));
    expect(r1.status).toBe('warn');
    expect(r1.metrics.new_errors).toBe(0);
    expect(r1.findings).toEqual([]);

    // Lines move: three lines on top of the Dockerfile and the settings file.
    for (const f of ['Dockerfile', 'config/settings.py']) {
      const p = join(root, f);
      writeFileSync(p, `# a\n# b\n# c\n${readFileSync(p, 'utf8')}`);
    }
    const moved = await cli(['lint', '--baseline', '.model-ci-baseline.json', '--out', 'r.json'], root);
    expect(moved.code).toBe(0);
    expect(readResultFile(join(root, 'r.json')).metrics.new_findings).toBe(0);

    // A new malicious model file is new: it fails, and it is the only finding listed.
    copyFileSync(join(MODELS, 'evil_system_p4.pkl'), join(root, 'models/extra.pkl'));
    const added = await cli(['lint', '--baseline', '.model-ci-baseline.json', '--out', 'r.json'], root);
    expect(added.code).toBe(1);
    const r3 = readResultFile(join(root, 'r.json'));
    expect(r3.metrics.new_errors).toBe(1);
    expect(r3.findings.map((f) => [f.id, f.file?.replace(`${root}/`, '')])).toEqual([
      ['MCI106', 'models/extra.pkl'],
      ['MCI301', 'models/extra.pkl'],
    ]);
  });

  test('findings of rules newer than the baseline are reported but never fail', async () => {
    const root = repo();
    await cli(['lint', '--write-baseline', '--baseline', 'b.json', '--disable', 'MCI3xx'], root);
    const b = JSON.parse(readFileSync(join(root, 'b.json'), 'utf8'));
    b.rules = b.rules.filter((id: string) => !id.startsWith('MCI3')); // as if MCI3xx came with an upgrade
    writeFileSync(join(root, 'b.json'), JSON.stringify(b));
    const r = await cli(['lint', '--baseline', 'b.json', '--out', 'r.json'], root);
    expect(r.code).toBe(0);
    const result = readResultFile(join(root, 'r.json'));
    expect(result.findings.find((f) => f.id === 'MCI301')?.message).toMatch(
      /rule added after the baseline was written: reported, not failing/,
    );
  });

  test('a missing or broken baseline is an input error naming the file', async () => {
    const root = small(CLEAN);
    const missing = await cli(['lint', '--baseline', 'nope.json'], root);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('baseline file not found');
    writeFileSync(
      join(root, 'bad.json'),
      '{"schema": "model-ci/lint-baseline@1", "rules": [],\n "findings": [1,}',
    );
    const bad = await cli(['lint', '--baseline', 'bad.json'], root);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/bad\.json:2:\d+: not a valid baseline file/);
    expect((await cli(['lint', '--write-baseline'], root)).stderr).toContain(
      '--write-baseline needs --baseline FILE',
    );
  });
});

describe('SARIF and outputs', () => {
  test('--sarif is --sarif-file; giving both is a usage error', async () => {
    const root = small(CLEAN);
    expect((await cli(['lint', '--sarif', 'out.sarif'], root)).code).toBe(0);
    expect(JSON.parse(readFileSync(join(root, 'out.sarif'), 'utf8')).version).toBe('2.1.0');
    const both = await cli(['lint', '--sarif', 'a', '--sarif-file', 'b'], root);
    expect(both.code).toBe(2);
  });

  test('an output that would replace a linted file is refused and the file is untouched', async () => {
    const root = small(CLEAN);
    const r = await cli(['lint', '--sarif', 'README.md'], root);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/the SARIF file .*README\.md is one of the linted files/);
    expect(readFileSync(join(root, 'README.md'), 'utf8')).toBe('# x\n');
    const same = await cli(['lint', '--baseline', 'b.json', '--out', 'b.json', '--write-baseline'], root);
    expect(same.code).toBe(2);
    expect(existsSync(join(root, 'b.json'))).toBe(false);
  });
});

describe('configuration: the lint block of .model-ci.yml', () => {
  test('is read from the linted folder and applies', async () => {
    const root = small({
      ...CLEAN,
      'requirements.txt': 'numpy>=1\n',
      '.model-ci.yml': 'version: 1\nlint:\n  disable: [MCI104]\n',
    });
    const r = await cli(['lint'], root);
    expect(r.stdout).toMatch(/no findings/);
  });

  test('flags win over the file', async () => {
    const root = small({
      ...CLEAN,
      'requirements.txt': 'numpy>=1\n',
      '.model-ci.yml': 'version: 1\nlint:\n  severity: { MCI104: error }\n',
    });
    expect((await cli(['lint'], root)).code).toBe(1);
    expect((await cli(['lint', '--severity', 'MCI104=note'], root)).code).toBe(0);
  });

  test.each([
    [
      'lint:\n  severity: { MCI999: error }\n',
      /\.model-ci\.yml:3:\d+: lint\.severity\.MCI999: "MCI999" is not a rule ID or group/,
    ],
    [
      'lint:\n  severity: { MCI301: fatal }\n',
      /\.model-ci\.yml:3:\d+: lint\.severity\.MCI301: expected error, warning, note or off, got "fatal"/,
    ],
    [
      'lint:\n  disable: [MCI2x]\n',
      /\.model-ci\.yml:3:\d+: lint\.disable\[0\]: "MCI2x" is not a rule ID or group/,
    ],
    [
      'lint:\n  large-file-mbs: 3\n',
      /\.model-ci\.yml:3:3: lint\.large-file-mbs: unknown key "large-file-mbs" \(did you mean "large-file-mb"\?\)/,
    ],
    [
      'lint:\n  large-file-mb: big\n',
      /\.model-ci\.yml:3:\d+: lint\.large-file-mb: expected a number, got "big"/,
    ],
    ['lint: [1, 2]\n', /\.model-ci\.yml:2:\d+: lint: expected a mapping of lint options/],
    ['lint:\n  ignore: [a\n', /\.model-ci\.yml:\d+:\d+: invalid YAML/],
    [
      'a: &a [1,1,1,1,1,1,1,1,1,1]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\nlint: {}\n',
      /aliases expand to more than 1000 nodes/,
    ],
  ])('a malformed block is one clear line, exit 2: %j', async (yml, message) => {
    const root = small({ ...CLEAN, '.model-ci.yml': `version: 1\n${yml}` });
    const r = await cli(['lint'], root);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).not.toMatch(/internal error|at .*\.ts:/);
  });
});
