/**
 * actions/data-check and actions/drift (dist bundles under Node 24, as the runner runs them) reading
 * presigned-looking https URLs from a local server with a self-signed certificate (trusted through
 * NODE_EXTRA_CA_CERTS, as a user with a private CA would): the URL is masked (`::add-mask::`) before
 * anything else is printed, and no credential reaches the log, the summary, the outputs or the result.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { cpSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readResultFile } from '../../src/core/validate-result.js';
import { startRangeServer, type RangeServer } from '../helpers/range-server.js';
import { ROOT, runBundle, type BundleRun } from '../helpers/run-bundle.js';
import { selfSignedCertificate, type SelfSigned } from '../helpers/self-signed.js';

const DEMO = join(ROOT, 'workflows-examples/demo');
const SIGNATURE = 'ZmFrZS1zaWduYXR1cmUtZm9yLXRlc3Rz0123';

let server: RangeServer;
let tls: SelfSigned;

function presigned(path: string): string {
  return `${server.url(path)}?X-Amz-Credential=AKIAEXAMPLE%2F20261204&X-Amz-Signature=${SIGNATURE}`;
}

function workspace(): string {
  const ws = mkdtempSync(join(tmpdir(), 'data-url-ws-'));
  cpSync(join(DEMO, 'data-suite.yml'), join(ws, 'data-suite.yml'));
  return ws;
}

/** Nothing but the mask command holds the signature. */
function expectMasked(run: BundleRun, ws: string): void {
  expect(run.stdout).toContain(`::add-mask::${SIGNATURE}`);
  const firstMask = run.stdout.indexOf('::add-mask::');
  expect(run.stdout.slice(0, firstMask)).not.toContain('127.0.0.1');
  const texts = [
    run.stdout.replace(/^::add-mask::.*$/gm, ''),
    run.stderr,
    run.summary,
    JSON.stringify(run.outputs),
    ...readdirSync(ws, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => readFileSync(join(e.parentPath, e.name), 'utf8')),
  ];
  if (run.outputs['result-path']) texts.push(readFileSync(run.outputs['result-path'], 'utf8'));
  for (const text of texts) {
    expect(text).not.toContain(SIGNATURE);
    expect(text).not.toContain('AKIAEXAMPLE');
  }
}

beforeAll(async () => {
  tls = selfSignedCertificate();
  server = await startRangeServer(tls);
  for (const name of ['eval.csv', 'reference.csv', 'current.csv'])
    server.files.set(`/data/${name}`, { body: readFileSync(join(DEMO, 'data', name)), etag: `"${name}"` });
  for (const name of ['eval.csv', 'reference.csv', 'current.csv'])
    server.behaviour.set(`/data/${name}`, { requireQuery: { name: 'X-Amz-Signature', value: SIGNATURE } });
});

afterAll(async () => {
  await server?.close();
});

describe('data URLs in the actions (dist bundles under Node 24)', () => {
  test('data-check reads a presigned https URL, masked in the log', async () => {
    const ws = workspace();
    const run = await runBundle('data-check', {
      workspace: ws,
      inputs: { data: presigned('/data/eval.csv'), suite: 'data-suite.yml' },
      env: { NODE_EXTRA_CA_CERTS: tls.certFile },
    });
    expect(run.failures).toEqual([]);
    expect(run.outputs).toMatchObject({ status: 'pass', 'failed-expectations': '0' });
    const result = readResultFile(run.outputs['result-path']);
    expect(result.inputs.data).toBe(`${server.url('/data/eval.csv')}?…`);
    expectMasked(run, ws);
  });

  test('data-check: an expired URL fails the step with one line naming the URL without its query', async () => {
    const ws = workspace();
    const run = await runBundle('data-check', {
      workspace: ws,
      inputs: {
        data: presigned('/data/eval.csv').replace(SIGNATURE, `${SIGNATURE}x`),
        suite: 'data-suite.yml',
      },
      env: { NODE_EXTRA_CA_CERTS: tls.certFile },
    });
    expect(run.code).toBe(1);
    expect(run.failures).toEqual([
      `GET ${server.url('/data/eval.csv')}?…: 403 Forbidden: the presigned URL has expired or is not authorised`,
    ]);
    expectMasked(run, ws);
  });

  test('behind a proxy: NODE_USE_ENV_PROXY=1 and HTTP_PROXY send the request through it', async () => {
    // The range server answers absolute-form requests (`GET http://data.invalid/data/eval.csv`) as a proxy
    // would: a host that cannot resolve proves the request went to the proxy.
    const proxy = await startRangeServer();
    try {
      proxy.files.set('/data/eval.csv', { body: readFileSync(join(DEMO, 'data', 'eval.csv')) });
      const ws = workspace();
      const run = await runBundle('data-check', {
        workspace: ws,
        inputs: { data: 'http://data.invalid/data/eval.csv', suite: 'data-suite.yml' },
        env: { NODE_USE_ENV_PROXY: '1', HTTP_PROXY: proxy.url('') },
      });
      expect(run.failures).toEqual([]);
      expect(run.outputs.status).toBe('pass');
      expect(proxy.requests.get('/data/eval.csv')).toHaveLength(1);
    } finally {
      await proxy.close();
    }
  });

  test('drift compares two URLs', async () => {
    const ws = workspace();
    const run = await runBundle('drift', {
      workspace: ws,
      inputs: { reference: presigned('/data/reference.csv'), current: presigned('/data/current.csv') },
      env: { NODE_EXTRA_CA_CERTS: tls.certFile },
    });
    expect(run.outputs.status).toBe('warn');
    expect(readResultFile(run.outputs['result-path']).summary).toContain('monthly_charges');
    expectMasked(run, ws);
  });
});
