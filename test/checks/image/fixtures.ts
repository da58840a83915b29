/** Shared set-up of the image tests: a workspace with the demo model, a base image, podman flags. */
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../../helpers/run-bundle.js';

/** The demo base (node + its libraries) as an OCI layout, built once per machine by the demo's script. */
export function demoBase(platforms?: string): string {
  const dir = platforms
    ? join(ROOT, '.cache', `test-base-${platforms.replace(/[^a-z0-9]+/g, '-')}`)
    : join(ROOT, '.cache', 'demo-base');
  execFileSync(
    process.execPath,
    [join(ROOT, 'scripts', 'demo-base.mjs'), dir, ...(platforms ? ['--platforms', platforms] : [])],
    { stdio: 'ignore' },
  );
  return dir;
}

/** A fresh "repository" holding the demo model (and a copy of the base layout when asked). */
export function workspace(withBase?: string): string {
  const ws = mkdtempSync(join(tmpdir(), 'model-ci-image-ws-'));
  cpSync(join(ROOT, 'workflows-examples/demo/model'), join(ws, 'model'), { recursive: true });
  if (withBase) cpSync(withBase, join(ws, 'base'), { recursive: true });
  return ws;
}

/**
 * Copy a base layout into a registry with skopeo (the base then lives in the registry, as in real use).
 * Asynchronous: a token server of the test runs in this process and must keep answering meanwhile.
 */
export async function pushBase(layout: string, ref: string, creds?: string): Promise<void> {
  await promisify(execFile)('skopeo', [
    'copy',
    '--all',
    '--quiet',
    '--dest-tls-verify=false',
    ...(creds ? ['--dest-creds', creds] : []),
    `oci:${layout}:node`,
    `docker://${ref}`,
  ]);
}

/** skopeo without blocking this process (for registries whose token server runs in the test). */
export async function skopeoAsync(args: string[]): Promise<string> {
  return (await promisify(execFile)('skopeo', args, { encoding: 'utf8' })).stdout;
}

export function skopeo(args: string[]): string {
  return execFileSync('skopeo', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** The demo's golden file in HTTP form: its input tensor as rows and its one output under "outputs". */
export function httpGolden(dir: string): string {
  const g = JSON.parse(readFileSync(join(ROOT, 'workflows-examples/demo/smoke/golden.json'), 'utf8')) as {
    inputs: Record<string, { shape: number[]; data: number[] }>;
    outputs: Record<string, { dtype: string; shape: number[]; data: number[] }>;
  };
  const input = Object.values(g.inputs)[0];
  const width = input.shape[1];
  const rows = Array.from({ length: input.shape[0] }, (_, i) => input.data.slice(i * width, (i + 1) * width));
  const out = Object.values(g.outputs)[0];
  const file = join(dir, 'golden-http.json');
  writeFileSync(
    file,
    JSON.stringify({
      schema: 'model-ci/smoke-golden@1',
      rows,
      outputs: { outputs: { dtype: 'float64', shape: out.shape, data: out.data } },
    }),
  );
  return file;
}

/** podman with this container's flags and a private store per test. */
export function podmanArgs(store: string): string[] {
  return [
    '--root',
    join(store, 'root'),
    '--runroot',
    join(store, 'run'),
    '--storage-driver',
    'vfs',
    '--runtime',
    'runc',
    '--cgroup-manager',
    'cgroupfs',
    '--events-backend',
    'file',
  ];
}
