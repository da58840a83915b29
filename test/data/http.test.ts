/**
 * Data over HTTP(S): readTable on a URL against a local range server that counts the bytes it sends
 * (test/helpers/range-server.ts). CSV and JSON Lines are streamed; Parquet is read through range requests.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, test } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:http';
import { HttpError, isLinkLocal } from '../../src/data/http-request.js';
import { HttpFile } from '../../src/data/http-file.js';
import { readTable } from '../../src/data/read-table.js';
import type { Table } from '../../src/data/table.js';
import { startRangeServer, type RangeServer } from '../helpers/range-server.js';
import { cellsOf, FIXTURES } from './table-helpers.js';

const noWait = { sleep: async () => {}, retries: 4 };
const ROWS = 200_000;
const SECRET = 'Sig0123456789abcdefSECRET';

let server: RangeServer;
let dir: string;
let wide: Buffer;
let bigCsv: Buffer;

function plain(table: Table) {
  return {
    rows: table.rows,
    header: table.header,
    columns: table.columns.map((c) => ({ name: c.name, type: c.type, cells: cellsOf(c) })),
  };
}

/** A CSV of about 4 MB whose `late` column turns categorical near the end (a second, prefix-only read). */
function makeBigCsv(): Buffer {
  const lines = ['id,x,late,city'];
  const cities = ['Zürich', 'Lyon', '"Quoted, city"', 'NA', ''];
  for (let i = 0; i < ROWS; i++) {
    const late = i === 60_000 ? 'text' : String(i % 97);
    lines.push(`${i},${((i * 7919) % 1000) / 10},${late},${cities[i % cities.length]}`);
  }
  return Buffer.from(lines.join('\n') + '\n');
}

beforeAll(async () => {
  server = await startRangeServer();
  dir = mkdtempSync(join(tmpdir(), 'model-ci-http-'));
  const widePath = join(dir, 'wide.parquet');
  execFileSync('/usr/bin/python3', [join(FIXTURES, 'gen_wide_parquet.py'), widePath, '20000', '50', '4']);
  wide = readFileSync(widePath);
  bigCsv = makeBigCsv();
  server.files.set('/wide.parquet', { body: wide, etag: '"wide-1"' });
  server.files.set('/big.csv', {
    body: bigCsv,
    etag: '"big-1"',
    lastModified: 'Fri, 04 Dec 2026 10:00:00 GMT',
  });
  for (const name of readdirSync(join(FIXTURES, 'csv')))
    server.files.set(`/csv/${name}`, { body: readFileSync(join(FIXTURES, 'csv', name)) });
  for (const name of readdirSync(join(FIXTURES, 'jsonl')))
    server.files.set(`/jsonl/${name}`, { body: readFileSync(join(FIXTURES, 'jsonl', name)) });
  for (const name of readdirSync(join(FIXTURES, 'parquet')))
    server.files.set(`/parquet/${name}`, {
      body: readFileSync(join(FIXTURES, 'parquet', name)),
      etag: `"${name}"`,
    });
}, 60_000);

afterAll(async () => {
  await server?.close();
});

beforeEach(() => server.reset());

describe('the same table as the local file', () => {
  test.each([
    ...readdirSync(new URL('../fixtures/data/csv/', import.meta.url).pathname)
      .filter((n) => n.endsWith('.csv'))
      .map((n) => `csv/${n}`),
    ...readdirSync(new URL('../fixtures/data/jsonl/', import.meta.url).pathname).map((n) => `jsonl/${n}`),
    ...readdirSync(new URL('../fixtures/data/parquet/', import.meta.url).pathname)
      .filter((n) => n !== 'not-parquet.parquet')
      .map((n) => `parquet/${n}`),
  ])('%s', async (name) => {
    const local = await readTable(join(FIXTURES, name)).then(plain, (e: Error) => e.message);
    const remote = await readTable(server.url(`/${name}`), { http: noWait }).then(
      plain,
      (e: Error) => e.message,
    );
    if (typeof local === 'string') {
      // Malformed fixtures fail alike, naming the URL where the local read names the file.
      expect(typeof remote).toBe('string');
      expect(remote).toBe(local.replace(join(FIXTURES, name), server.url(`/${name}`)));
    } else expect(remote).toEqual(local);
  });

  test('a 4 MB CSV with a column that turns text late: streamed, re-read only up to that row', async () => {
    const local = join(dir, 'big.csv');
    writeFileSync(local, bigCsv);
    const fetched: { bytes: number; size: number | undefined }[] = [];
    const remote = await readTable(server.url('/big.csv'), {
      http: noWait,
      onFetched: (f) => fetched.push(f),
    });
    expect(plain(remote)).toEqual(plain(await readTable(local)));
    expect(remote.columns.find((c) => c.name === 'late')?.type).toBe('categorical');
    // One full pass and one prefix pass, with the second sent If-Match.
    const requests = server.requests.get('/big.csv')!;
    expect(requests).toHaveLength(2);
    expect(requests[1].ifMatch).toBe('"big-1"');
    expect(fetched[0].size).toBe(bigCsv.length);
    expect(fetched[0].bytes).toBeGreaterThanOrEqual(bigCsv.length);
    // The second pass stops after the chunk holding row 60 000 of 200 000.
    expect(fetched[0].bytes).toBeLessThan(1.6 * bigCsv.length);
  });

  test('the table is named by the URL without its credentials', async () => {
    server.behaviour.set('/csv/ids.csv', { requireQuery: { name: 'X-Amz-Signature', value: SECRET } });
    const url = server.url(`/csv/ids.csv?X-Amz-Credential=AKIAEXAMPLE&X-Amz-Signature=${SECRET}`);
    const table = await readTable(url, { http: noWait });
    expect(table.file).toBe(server.url('/csv/ids.csv') + '?…');
    expect(JSON.stringify(plain(table))).not.toContain(SECRET);
  });

  test('userinfo is sent as basic auth and never shown', async () => {
    server.behaviour.set('/csv/ids.csv', { requireAuth: 'reader:hunter2pass' });
    const url = server.url('/csv/ids.csv').replace('http://', 'http://reader:hunter2pass@');
    const table = await readTable(url, { http: noWait });
    expect(table.file).toBe(server.url('/csv/ids.csv'));
    expect(table.rows).toBeGreaterThan(0);
  });
});

describe('Parquet through range requests', () => {
  test('2 of 50 columns fetch a small fraction of the file', async () => {
    let fetched = { bytes: 0, size: 0 as number | undefined, requests: 0 };
    const table = await readTable(server.url('/wide.parquet'), {
      columns: ['c00', 'c37'],
      http: noWait,
      onFetched: (f) => (fetched = f),
    });
    expect(table.rows).toBe(20000);
    expect(table.header).toHaveLength(50);
    expect(table.columns.map((c) => c.name)).toEqual(['c00', 'c37']);
    expect(cellsOf(table.columns[0]).slice(0, 3)).toEqual([0, 1, 2]);
    const local = join(dir, 'wide.parquet');
    expect(plain(table)).toEqual(plain(await readTable(local, { columns: ['c00', 'c37'] })));
    const sent = server.bytesSent.get('/wide.parquet')!;
    expect(fetched.bytes).toBe(sent);
    expect(fetched.size).toBe(wide.length);
    // 2 of 50 equal columns are 4% of the data; the footer read adds at most 64 KiB.
    expect(sent / wide.length).toBeLessThan(0.1);
    // Every request after the first names the file's ETag.
    const requests = server.requests.get('/wide.parquet')!;
    expect(requests[0].range).toBe('bytes=-65536');
    expect(requests.slice(1).every((r) => r.ifMatch === '"wide-1"' && r.range?.startsWith('bytes='))).toBe(
      true,
    );
    // Keep-alive: the range requests share a few connections.
    expect(server.connections()).toBeLessThan(requests.length);
    process.stdout.write(
      `[http] 2 of 50 Parquet columns: ${sent} of ${wide.length} bytes (${((100 * sent) / wide.length).toFixed(2)}%) in ${requests.length} requests over ${server.connections()} connections\n`,
    );
  });

  test('a server that ignores Range: a small file is read whole, once', async () => {
    server.behaviour.set('/wide.parquet', { ignoreRange: true });
    const table = await readTable(server.url('/wide.parquet'), { columns: ['c01'], http: noWait });
    expect(table.rows).toBe(20000);
    expect(server.requests.get('/wide.parquet')).toHaveLength(1);
  });

  test('not a Parquet file: the same message as for a local file, naming the URL', async () => {
    await expect(readTable(server.url('/parquet/not-parquet.parquet'), { http: noWait })).rejects.toThrow(
      `${server.url('/parquet/not-parquet.parquet')}: not a Parquet file`,
    );
  });

  test('the file replaced between requests is an error, not a mix of two files', async () => {
    server.behaviour.set('/wide.parquet', {
      replaceAfter: { after: 1, with: { body: wide, etag: '"wide-2"' } },
    });
    await expect(readTable(server.url('/wide.parquet'), { columns: ['c01'], http: noWait })).rejects.toThrow(
      /changed while it was being read/,
    );
  });
});

describe('errors and retries', () => {
  test('404: one line naming the URL (redacted) and the status', async () => {
    const url = server.url(`/missing.csv?sig=${SECRET}&se=2026-12-05`);
    const error = await readTable(url, { http: noWait }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpError);
    expect((error as Error).message).toBe(`GET ${server.url('/missing.csv')}?…: 404 Not Found: no such file`);
  });

  test('403 on a presigned URL: expired or not authorised', async () => {
    server.behaviour.set('/csv/ids.csv', { requireQuery: { name: 'X-Amz-Signature', value: 'right' } });
    const url = server.url(`/csv/ids.csv?X-Amz-Signature=${SECRET}`);
    const message = await readTable(url, { http: noWait }).catch((e: Error) => e.message);
    expect(message).toBe(
      `GET ${server.url('/csv/ids.csv')}?…: 403 Forbidden: the presigned URL has expired or is not authorised`,
    );
    expect(server.requests.get('/csv/ids.csv')).toHaveLength(1); // a 4xx is not retried
  });

  test.each([
    ['csv', '/big.csv'],
    ['parquet', '/wide.parquet'],
  ])('%s: 500 twice, then 200: read after two retries', async (_format, path) => {
    server.behaviour.set(path, { fail: { count: 2, status: 500 } });
    const columns = path.endsWith('.parquet') ? ['c01'] : undefined;
    const table = await readTable(server.url(path), { http: noWait, columns });
    expect(table.rows).toBeGreaterThan(0);
    expect(server.requests.get(path)!.length).toBeGreaterThanOrEqual(3);
  });

  test('503 for ever: gives up after the retries, saying how often it tried', async () => {
    server.behaviour.set('/big.csv', { fail: { count: 1000, status: 503 } });
    const message = await readTable(server.url('/big.csv'), { http: { ...noWait, retries: 2 } }).catch(
      (e: Error) => e.message,
    );
    expect(message).toBe(`GET ${server.url('/big.csv')}: 503 Service Unavailable (gave up after 3 tries)`);
    expect(server.requests.get('/big.csv')).toHaveLength(3);
  });

  test('Retry-After is honoured (seconds), backoff otherwise', async () => {
    const waits: number[] = [];
    server.behaviour.set('/csv/ids.csv', { fail: { count: 2, status: 429, retryAfter: '7' } });
    await readTable(server.url('/csv/ids.csv'), {
      http: { retries: 3, sleep: async (ms) => void waits.push(ms) },
    });
    expect(waits).toEqual([7000, 7000]);
  });

  test('a connection cut mid-stream is resumed from the byte reached (If-Match, Range)', async () => {
    server.behaviour.set('/big.csv', { cut: { after: 1_000_000, count: 1 } });
    const table = await readTable(server.url('/big.csv'), { http: noWait });
    expect(table.rows).toBe(ROWS);
    const requests = server.requests.get('/big.csv')!;
    expect(requests[1]).toEqual({ range: 'bytes=1000000-', ifMatch: '"big-1"' });
  });

  test('a connection cut every time: a clear error saying how far it got', async () => {
    server.behaviour.set('/big.csv', { cut: { after: 1000 } });
    const message = await readTable(server.url('/big.csv'), { http: { ...noWait, retries: 2 } }).catch(
      (e: Error) => e.message,
    );
    expect(message).toBe(
      `GET ${server.url('/big.csv')}: the connection was cut after 3000 of ${bigCsv.length} bytes (gave up after 3 tries)`,
    );
  });

  test('a server that ignores Range when resuming: the bytes already read are skipped', async () => {
    server.behaviour.set('/big.csv', { cut: { after: 500_000, count: 1 }, ignoreRange: true });
    const table = await readTable(server.url('/big.csv'), { http: noWait });
    expect(table.rows).toBe(ROWS);
    expect(cellsOf(table.columns[0]).slice(-1)).toEqual([ROWS - 1]);
  });

  test('a body that stalls is timed out and resumed from the byte reached', async () => {
    server.behaviour.set('/big.csv', { stall: { after: 200_000, count: 1 } });
    const table = await readTable(server.url('/big.csv'), { http: { ...noWait, timeoutMs: 300 } });
    expect(table.rows).toBe(ROWS);
    expect(server.requests.get('/big.csv')![1]).toEqual({ range: 'bytes=200000-', ifMatch: '"big-1"' });
  });

  test('a server that never answers: a timeout, retried, then reported', async () => {
    server.behaviour.set('/big.csv', { stall: { after: 0, count: 100 } });
    const message = await readTable(server.url('/big.csv'), {
      http: { ...noWait, retries: 1, timeoutMs: 200 },
    }).catch((e: Error) => e.message);
    expect(message).toBe(
      `GET ${server.url('/big.csv')}: no data for 0.2 s after 0 of ${bigCsv.length} bytes (gave up after 2 tries)`,
    );
  });

  test('a parquet range cut short is retried', async () => {
    server.behaviour.set('/wide.parquet', { cut: { after: 10, count: 2 } });
    const table = await readTable(server.url('/wide.parquet'), { columns: ['c02'], http: noWait });
    expect(table.rows).toBe(20000);
  });

  test('a refused connection is retried, then reported', async () => {
    const closed = await startRangeServer();
    const url = closed.url('/x.csv');
    await closed.close();
    const message = await readTable(url, { http: { ...noWait, retries: 1 } }).catch((e: Error) => e.message);
    expect(message).toBe(`GET ${url}: connection refused (gave up after 2 tries)`);
  });

  test('the download bound stops an endless file', async () => {
    const message = await readTable(server.url('/big.csv'), { http: { ...noWait, maxBytes: 100_000 } }).catch(
      (e: Error) => e.message,
    );
    expect(message).toMatch(/more than 100000 bytes downloaded; raise MODEL_CI_MAX_DOWNLOAD_BYTES/);
  });

  test.each([
    ['file:///etc/passwd', 'file:'],
    ['data:text/csv,a%0A1', 'data:'],
    ['ftp://example.com/a.csv', 'ftp:'],
    ['s3://bucket/a.csv', 's3:'],
  ])('%s is refused', async (url, scheme) => {
    const message = await readTable(url).catch((e: Error) => e.message);
    expect(message).toContain(`${scheme} URLs cannot be read; only http:// and https:// URLs`);
  });

  test.each([
    ['169.254.169.254', true],
    ['169.254.0.1', true],
    ['::ffff:169.254.169.254', true],
    ['[fe80::1]', true],
    ['fe80::a:b', true],
    ['127.0.0.1', false],
    ['10.0.0.1', false],
    ['169.255.0.1', false],
    ['::1', false],
    ['fec0::1', false],
  ])('isLinkLocal(%s) is %s', (address, expected) => expect(isLinkLocal(address)).toBe(expected));

  test('a link-local host (cloud metadata) is refused, also behind a redirect', async () => {
    const direct = await readTable('http://169.254.169.254/latest/meta-data/iam.csv', { http: noWait }).catch(
      (e: Error) => e.message,
    );
    expect(direct).toBe(
      'GET http://169.254.169.254/latest/meta-data/iam.csv: refused: the host is link-local (169.254.0.0/16 or fe80::/10), where clouds serve instance metadata and credentials',
    );
    const redirector = createServer((_req, res) =>
      res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end(),
    );
    await new Promise<void>((r) => redirector.listen(0, '127.0.0.1', r));
    const port = (redirector.address() as { port: number }).port;
    const message = await readTable(`http://127.0.0.1:${port}/a.csv`, { http: noWait }).catch(
      (e: Error) => e.message,
    );
    redirector.closeAllConnections();
    await new Promise((r) => redirector.close(r));
    expect(message).toMatch(/: refused: the host is link-local/);
  });

  test('a host name is resolved (and checked) before connecting', async () => {
    const table = await readTable(server.url('/csv/ids.csv').replace('127.0.0.1', 'localhost'), {
      http: noWait,
    });
    expect(table.rows).toBeGreaterThan(0);
  });

  test('HttpFile.stream stops the transfer when the reader stops', async () => {
    const file = new HttpFile(server.url('/big.csv'), noWait);
    let got = 0;
    for await (const chunk of file.stream()) {
      got += chunk.length;
      if (got > 100_000) break;
    }
    file.close();
    expect(got).toBeGreaterThan(100_000);
  });
});
