/**
 * `data check`, `data profile` (with --shard), `drift` and `model-ci run` on http(s) URLs, through the CLI
 * in-process, against a local range server. The result of a URL is the result of the same file, apart
 * from the data source's name; no credential in the URL reaches stdout, stderr or a written file.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, test } from '@jest/globals';
import { cpSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli } from '../../helpers/cli.js';
import { ROOT } from '../../helpers/run-bundle.js';
import { startRangeServer, type RangeServer } from '../../helpers/range-server.js';

const DEMO = join(ROOT, 'workflows-examples/demo');
const SECRET = 'c2VjcmV0LXNpZ25hdHVyZS0xMjM0NTY3ODkw';
const PASSWORD = 'pa55w0rd-hunter2';

let server: RangeServer;
let dir: string;

/** A presigned-looking URL that the server accepts only with the right signature. */
function presigned(path: string): string {
  return server
    .url(path)
    .replace('http://', `http://reader:${PASSWORD}@`)
    .concat(
      `?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAEXAMPLE%2F20261204&X-Amz-Signature=${SECRET}`,
    );
}

/** Every file in `dir` and the run's output: none may hold a credential. */
function expectNoCredentials(texts: string[]): void {
  const files = readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => readFileSync(join(e.parentPath, e.name), 'utf8'));
  for (const text of [...texts, ...files]) {
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain(PASSWORD);
    expect(text).not.toContain('AKIAEXAMPLE');
  }
}

/** A result without what differs from run to run. */
function stable(file: string, replace: [string, string][] = []): unknown {
  let text = readFileSync(join(dir, file), 'utf8');
  for (const [from, to] of replace) text = text.split(from).join(to);
  const r = JSON.parse(text);
  delete r.startedAt;
  delete r.durationMs;
  delete r.inputs.suiteOut;
  return r;
}

beforeAll(async () => {
  server = await startRangeServer();
  for (const name of ['eval.csv', 'reference.csv', 'current.csv'])
    server.files.set(`/demo/${name}`, {
      body: readFileSync(join(DEMO, 'data', name)),
      etag: `"${name}"`,
    });
});

afterAll(async () => {
  await server?.close();
});

beforeEach(() => {
  server.reset();
  for (const path of ['/demo/eval.csv', '/demo/reference.csv', '/demo/current.csv'])
    server.behaviour.set(path, {
      requireQuery: { name: 'X-Amz-Signature', value: SECRET },
      requireAuth: `reader:${PASSWORD}`,
    });
  dir = mkdtempSync(join(tmpdir(), 'model-ci-url-'));
  cpSync(join(DEMO, 'data'), join(dir, 'data'), { recursive: true });
  cpSync(join(DEMO, 'data-suite.yml'), join(dir, 'data-suite.yml'));
});

describe('data check --data URL', () => {
  test('the same result as the local file, apart from the source name; no credential anywhere', async () => {
    const url = presigned('/demo/eval.csv');
    const shown = `${server.url('/demo/eval.csv')}?…`;
    const local = await cli(
      ['data', 'check', '--data', 'data/eval.csv', '--suite', 'data-suite.yml', '--out', 'local.json'],
      dir,
    );
    const remote = await cli(
      ['data', 'check', '--data', url, '--suite', 'data-suite.yml', '--out', 'remote.json'],
      dir,
    );
    expect(remote.code).toBe(local.code);
    expect(remote.code).toBe(0);
    expect(stable('remote.json')).toEqual(
      stable('local.json', [
        [join(dir, 'data/eval.csv'), shown],
        ['data/eval.csv', shown],
      ]),
    );
    expect(readFileSync(join(dir, 'remote.json'), 'utf8')).toContain(shown);
    expectNoCredentials([remote.stdout, remote.stderr]);
  });

  test('404: exit 2 and one line naming the URL without its query', async () => {
    const url = presigned('/demo/missing.csv');
    const r = await cli(['data', 'check', '--data', url, '--suite', 'data-suite.yml', '--debug'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe(
      `model-ci: error: GET ${server.url('/demo/missing.csv')}?…: 404 Not Found: no such file`,
    );
    expectNoCredentials([r.stdout, r.stderr]);
  });

  test('an expired presigned URL (403): exit 2, "expired or not authorised"', async () => {
    const url = presigned('/demo/eval.csv').replace(SECRET, 'expired-signature');
    const r = await cli(['data', 'check', '--data', url, '--suite', 'data-suite.yml'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `model-ci: error: GET ${server.url('/demo/eval.csv')}?…: 403 Forbidden: the presigned URL has expired or is not authorised\n`,
    );
  });

  test('500 twice, then 200 (Retry-After: 0): passes', async () => {
    server.behaviour.set('/demo/eval.csv', { fail: { count: 2, status: 500, retryAfter: '0' } });
    const r = await cli(
      ['data', 'check', '--data', server.url('/demo/eval.csv'), '--suite', 'data-suite.yml'],
      dir,
    );
    expect(r.code).toBe(0);
    expect(server.requests.get('/demo/eval.csv')).toHaveLength(3);
  });

  test('cut mid-stream on every try: exit 2 with how far it got', async () => {
    server.behaviour.set('/demo/eval.csv', { cut: { after: 4096 } });
    const r = await cli(
      ['data', 'check', '--data', server.url('/demo/eval.csv'), '--suite', 'data-suite.yml'],
      dir,
      {},
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^model-ci: error: GET http:\/\/127\.0\.0\.1:\d+\/demo\/eval\.csv: the connection was cut after \d+ of 41655 bytes \(gave up after 5 tries\)\n$/,
    );
    // Five tries, not five more for the all-columns fallback of a suite's column read.
    expect(server.requests.get('/demo/eval.csv')).toHaveLength(5);
  }, 60_000);

  test.each([
    ['file:///etc/passwd', 'file:'],
    ['ftp://example.com/eval.csv', 'ftp:'],
    ['data:text/csv,a%0A1', 'data:'],
  ])('--data %s is refused before anything is read', async (url, scheme) => {
    const r = await cli(['data', 'check', '--data', url, '--suite', 'data-suite.yml'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      `--data: ${scheme} URLs cannot be read; only http:// and https:// URLs (or a file path) are accepted`,
    );
  });
});

describe('data profile --data URL', () => {
  test('a shard of a URL is the shard of the file; the inferred suite names the URL without credentials', async () => {
    const url = presigned('/demo/eval.csv');
    const local = await cli(
      ['data', 'profile', '--data', 'data/eval.csv', '--shard', '1/4', '--out', 'local.json'],
      dir,
    );
    const remote = await cli(
      [
        'data',
        'profile',
        '--data',
        url,
        '--shard',
        '1/4',
        '--out',
        'remote.json',
        '--suite-out',
        'suite.yml',
      ],
      dir,
    );
    expect(local.code).toBe(0);
    expect(remote.code).toBe(0);
    const shown = `${server.url('/demo/eval.csv')}?…`;
    expect(stable('remote.json')).toEqual(stable('local.json', [['data/eval.csv', shown]]));
    expect(readFileSync(join(dir, 'suite.yml'), 'utf8')).toContain(shown);
    expectNoCredentials([remote.stdout, remote.stderr]);
  });
});

describe('drift --reference URL --current URL', () => {
  test('the same verdict and statistics as the local files', async () => {
    const local = await cli(
      ['drift', '--reference', 'data/reference.csv', '--current', 'data/current.csv', '--out', 'local.json'],
      dir,
    );
    const ref = presigned('/demo/reference.csv');
    const cur = presigned('/demo/current.csv');
    const remote = await cli(['drift', '--reference', ref, '--current', cur, '--out', 'remote.json'], dir);
    expect(remote.code).toBe(local.code);
    expect(stable('remote.json')).toEqual(
      stable('local.json', [
        ['data/reference.csv', `${server.url('/demo/reference.csv')}?…`],
        ['data/current.csv', `${server.url('/demo/current.csv')}?…`],
      ]),
    );
    expectNoCredentials([remote.stdout, remote.stderr]);
  });
});

describe('model-ci run with URLs in .model-ci.yml', () => {
  test('a file: URL in the configuration is refused at its key', async () => {
    writeFileSync(
      join(dir, '.model-ci.yml'),
      ['version: 1', 'data:', '  data: file:///etc/passwd', '  suite: data-suite.yml', ''].join('\n'),
    );
    const r = await cli(['run', '--out', 'run.json'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `model-ci: error: ${join(dir, '.model-ci.yml')}:3:9: data.data: file: URLs cannot be read; only http:// and https:// URLs (or a file path) are accepted\n`,
    );
  });

  test('URLs are fetched, not resolved as paths or confined to the repository', async () => {
    writeFileSync(
      join(dir, '.model-ci.yml'),
      [
        'version: 1',
        'data:',
        `  data: "${presigned('/demo/eval.csv')}"`,
        '  suite: data-suite.yml',
        'drift:',
        `  reference: "${presigned('/demo/reference.csv')}"`,
        '  current: data/current.csv',
        '',
      ].join('\n'),
    );
    const r = await cli(['run', '--out', 'run.json'], dir);
    expect(r.stderr).not.toMatch(/no such file|outside the repository/);
    expect(
      JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8')).results.map(
        (s: { status: string }) => s.status,
      ),
    ).toEqual(['pass', 'warn']);
    const report = readFileSync(join(dir, 'model-ci-report/report.md'), 'utf8');
    expect(readFileSync(join(dir, 'model-ci-report/data.json'), 'utf8')).toContain(
      `${server.url('/demo/eval.csv')}?…`,
    );
    expect(readFileSync(join(dir, 'model-ci-report/drift.json'), 'utf8')).toContain(
      `${server.url('/demo/reference.csv')}?…`,
    );
    expect(report).toContain('monthly_charges');
    expect(server.requests.get('/demo/eval.csv')?.length).toBeGreaterThan(0);
    expect(server.requests.get('/demo/reference.csv')?.length).toBeGreaterThan(0);
    // The config file itself holds the URL; everything the run wrote or printed must not.
    writeFileSync(join(dir, '.model-ci.yml'), '');
    expectNoCredentials([r.stdout, r.stderr]);
  });
});
