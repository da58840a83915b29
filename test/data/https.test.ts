/** Data over HTTPS: a self-signed server, trusted through the `ca` option (users: NODE_EXTRA_CA_CERTS). */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readTable } from '../../src/data/read-table.js';
import { startRangeServer, type RangeServer } from '../helpers/range-server.js';
import { selfSignedCertificate, type SelfSigned } from '../helpers/self-signed.js';
import { FIXTURES } from './table-helpers.js';

let server: RangeServer;
let tls: SelfSigned;

beforeAll(async () => {
  tls = selfSignedCertificate();
  server = await startRangeServer(tls);
  server.files.set('/ids.csv', { body: readFileSync(join(FIXTURES, 'csv/ids.csv')), etag: '"1"' });
  server.files.set('/types.parquet', { body: readFileSync(join(FIXTURES, 'parquet/types.parquet')) });
});

afterAll(async () => {
  await server?.close();
});

describe('https', () => {
  test.each(['/ids.csv', '/types.parquet'])('%s reads as the local file', async (path) => {
    const remote = await readTable(server.url(path), { http: { ca: tls.cert, retries: 0 } });
    const local = await readTable(join(FIXTURES, path.endsWith('.csv') ? 'csv' : 'parquet', path.slice(1)));
    expect(remote.file).toBe(server.url(path));
    expect({ ...remote, file: '' }).toEqual({ ...local, file: '' });
  });

  test('an untrusted certificate: a clear error, not retried', async () => {
    server.reset();
    const message = await readTable(server.url('/ids.csv?token=abcdefghijkl'), {
      http: { retries: 3 },
    }).catch((e: Error) => e.message);
    expect(message).toBe(
      `GET ${server.url('/ids.csv')}?…: the server presented a self-signed certificate (DEPTH_ZERO_SELF_SIGNED_CERT); trust a private CA with NODE_EXTRA_CA_CERTS`,
    );
    expect(server.requests.get('/ids.csv') ?? []).toHaveLength(0);
  });

  test('a redirect from https to plain http is refused', async () => {
    const plain = await startRangeServer();
    try {
      const { createServer } = await import('node:https');
      const redirector = createServer({ key: tls.key, cert: tls.cert }, (_req, res) => {
        res.writeHead(302, { location: plain.url('/ids.csv') }).end();
      });
      await new Promise<void>((r) => redirector.listen(0, '127.0.0.1', r));
      const port = (redirector.address() as { port: number }).port;
      const message = await readTable(`https://127.0.0.1:${port}/moved.csv`, {
        http: { ca: tls.cert, retries: 0 },
      }).catch((e: Error) => e.message);
      redirector.closeAllConnections();
      await new Promise((r) => redirector.close(r));
      expect(message).toBe(
        `GET https://127.0.0.1:${port}/moved.csv: redirected from https to plain http (${plain.url('/ids.csv')}); refused`,
      );
    } finally {
      await plain.close();
    }
  });
});
