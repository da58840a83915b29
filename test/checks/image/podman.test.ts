import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '../../../src/checks/smoke/http.js';
import { readResultFile } from '../../../src/core/validate-result.js';
import { cli } from '../../helpers/cli.js';
import { startRegistry, type TestRegistry } from '../../helpers/registry.js';
import { demoBase, httpGolden, podmanArgs, pushBase, workspace } from './fixtures.js';

const run = promisify(execFile);
let registry: TestRegistry;
// Directly under /tmp, not the test run's TMPDIR: podman refuses a runroot path longer than 50 characters.
const store = mkdtempSync('/tmp/mci-podman-');
const podman = (...args: string[]) => run('podman', [...podmanArgs(store), ...args], { encoding: 'utf8' });
process.env.DOCKER_CONFIG = mkdtempSync(join(tmpdir(), 'docker-config-'));

beforeAll(async () => {
  registry = await startRegistry();
  await pushBase(demoBase(), `${registry.host}/base/node:20`);
}, 120_000);
afterAll(async () => {
  await podman('rm', '--force', '--all').catch(() => undefined);
  await registry?.stop();
  rmSync(store, { recursive: true, force: true });
});

function get(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    http
      .get(url, (res) => {
        let body = '';
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve(body));
      })
      .on('error', reject);
  });
}

describe('the demo image under podman', () => {
  test('pulls from the registry, answers /predict with the golden outputs, exposes /metrics, stops cleanly', async () => {
    const ws = workspace();
    const build = await cli(
      [
        'image',
        '--model',
        'model/model.json',
        '--repository',
        `${registry.host}/demo/churn`,
        '--base',
        `${registry.host}/base/node:20`,
        '--tag',
        'podman',
        '--push',
        '--cache-dir',
        mkdtempSync(join(tmpdir(), 'cache-')),
        '--out',
        'image.json',
      ],
      ws,
    );
    expect(build.code).toBe(0);
    const image = readResultFile(join(ws, 'image.json')).details as {
      image_ref: string;
      model: { digest: string };
    };
    await podman('pull', '--quiet', '--tls-verify=false', image.image_ref);
    const port = await freePort();
    const { stdout: id } = await podman(
      'run',
      '--detach',
      '--ulimit',
      'nofile=1024:1024',
      '--ulimit',
      'nproc=1024:1024',
      '-p',
      `127.0.0.1:${port}:8000`,
      image.image_ref,
    );
    const container = id.trim();
    try {
      const golden = httpGolden(ws);
      const smoke = await cli(
        [
          'smoke',
          '--url',
          `http://127.0.0.1:${port}/predict`,
          '--golden',
          golden,
          '--runs',
          '5',
          '--batch',
          '4',
          '--start-timeout-ms',
          '60000',
          '--out',
          'smoke.json',
        ],
        ws,
      );
      expect(smoke.stderr).not.toMatch(/error/);
      expect(smoke.code).toBe(0);
      const checks = readResultFile(join(ws, 'smoke.json')).details.checks as {
        name: string;
        status: string;
      }[];
      expect(checks.find((c) => c.name === 'golden')?.status).toBe('pass');
      const metrics = await get(`http://127.0.0.1:${port}/metrics`);
      expect(metrics).toMatch(/^http_requests_total\{method="POST",route="\/predict",status="200"\} \d+$/m);
      expect(metrics).toContain(`digest="${image.model.digest}"`);
      const { stdout: user } = await podman('inspect', '--format', '{{.Config.User}}', container);
      expect(user.trim()).toBe('65532:65532');
      await podman('stop', '--time', '10', container);
      const { stdout: exit } = await podman('inspect', '--format', '{{.State.ExitCode}}', container);
      expect(exit.trim()).toBe('0');
      const { stdout: logs } = await podman('logs', container);
      expect(logs).toContain('"msg":"shutdown","reason":"SIGTERM"');
      expect(logs).toContain('"backend":"wasm"');
    } finally {
      await podman('rm', '--force', container).catch(() => undefined);
    }
  }, 180_000);
});
