/**
 * `builder: docker`: the user's own Dockerfile built and pushed by `docker buildx build --push`, for
 * images that need more than the generated serving app. The command is an argument array (no shell);
 * without a docker CLI, buildx or a reachable daemon it stops with a message saying which is missing.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { InputError } from '../../core/errors.js';
import type { Logger } from '../../core/logger.js';
import { RegistryError } from './registry/errors.js';

export interface DockerBuild {
  dockerfile: string;
  tags: string[];
  platforms: string[];
  labels: Record<string, string>;
  push: boolean;
}

const NATIVE = 'use builder: native (the default), which needs no daemon';

function firstLine(text: string): string {
  return (text.split('\n').find((l) => l.trim()) ?? '').trim().slice(0, 200);
}

/** Check that docker, buildx and a daemon are there. @throws InputError saying which is missing */
export function checkDocker(env: NodeJS.ProcessEnv = process.env): void {
  const info = spawnSync('docker', ['info', '--format', '{{.ServerVersion}}'], {
    encoding: 'utf8',
    env,
    timeout: 30_000,
    shell: false,
  });
  if (info.error && (info.error as NodeJS.ErrnoException).code === 'ENOENT')
    throw new InputError(`builder docker: the docker CLI is not installed; ${NATIVE}`);
  if (info.status !== 0 || !info.stdout.trim())
    throw new InputError(
      `builder docker: no Docker daemon is reachable (docker info: ${firstLine(info.stderr || info.stdout) || `exit ${info.status}`}); ${NATIVE}`,
    );
  const buildx = spawnSync('docker', ['buildx', 'version'], {
    encoding: 'utf8',
    env,
    timeout: 30_000,
    shell: false,
  });
  if (buildx.status !== 0)
    throw new InputError(
      `builder docker: the docker buildx plugin is not installed (${firstLine(buildx.stderr)}); ${NATIVE}`,
    );
}

/** The buildx argument array (exported for tests: no value ever reaches a shell). */
export function buildxArgs(b: DockerBuild, metadataFile: string): string[] {
  const args = ['buildx', 'build', '--file', b.dockerfile, '--metadata-file', metadataFile];
  if (b.push) args.push('--push');
  if (b.platforms.length) args.push('--platform', b.platforms.join(','));
  for (const t of b.tags) args.push('--tag', t);
  for (const [k, v] of Object.entries(b.labels)) args.push('--label', `${k}=${v}`);
  args.push(dirname(b.dockerfile));
  return args;
}

/** Run the build; returns the pushed digest (buildx's `containerimage.digest`). */
export async function dockerBuild(
  b: DockerBuild,
  logger: Logger,
  env: NodeJS.ProcessEnv = process.env,
): Promise<string> {
  checkDocker(env);
  const dir = mkdtempSync(join(tmpdir(), 'model-ci-buildx-'));
  const metadata = join(dir, 'metadata.json');
  try {
    const code = await new Promise<number>((resolve, reject) => {
      const child = spawn('docker', buildxArgs(b, metadata), {
        env,
        shell: false,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      child.stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
      child.stderr.on('data', (c: Buffer) => (out += c.toString('utf8')));
      child.on('error', reject);
      child.on('close', (c) => {
        logger.foreign('docker buildx build', out.slice(-20_000));
        resolve(c ?? 1);
      });
    });
    if (code !== 0)
      throw new RegistryError(
        `builder docker: docker buildx build exited with code ${code} (its output is in the log)`,
      );
    const digest = (JSON.parse(readFileSync(metadata, 'utf8')) as Record<string, string>)[
      'containerimage.digest'
    ];
    if (!digest) throw new RegistryError('builder docker: buildx reported no image digest');
    return digest;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
