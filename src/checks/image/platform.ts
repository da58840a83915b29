/** Platforms as `os/arch[/variant]` (`linux/amd64`, `linux/arm64/v8`), as OCI indexes name them. */
import { InputError } from '../../core/errors.js';
import { visible } from '../../core/visible.js';

export interface Platform {
  os: string;
  architecture: string;
  variant?: string;
}

/** Node's process.arch -> the OCI architecture name. */
const ARCH: Record<string, string> = {
  x64: 'amd64',
  arm64: 'arm64',
  arm: 'arm',
  ia32: '386',
  ppc64: 'ppc64le',
  s390x: 's390x',
  riscv64: 'riscv64',
};

export function hostPlatform(): Platform {
  return { os: 'linux', architecture: ARCH[process.arch] ?? process.arch };
}

export function formatPlatform(p: Platform): string {
  return `${p.os}/${p.architecture}${p.variant ? `/${p.variant}` : ''}`;
}

export function parsePlatform(text: string, where: string): Platform {
  const parts = text.trim().split('/');
  if (parts.length < 2 || parts.length > 3 || parts.some((s) => !/^[a-z0-9_]+$/.test(s)))
    throw new InputError(
      `${where}: expected OS/ARCH[/VARIANT] such as linux/amd64 or linux/arm64, got "${visible(text)}"`,
    );
  if (parts[0] === 'unknown' || parts[1] === 'unknown')
    throw new InputError(`${where}: "${visible(text)}" is not a platform an image can be built for`);
  return { os: parts[0], architecture: parts[1], ...(parts[2] ? { variant: parts[2] } : {}) };
}

/** Whether `have` (from an index or a config) serves `want`; arm64's variant v8 is implied when absent. */
export function platformMatches(have: Partial<Platform> | undefined, want: Platform): boolean {
  if (!have || have.os !== want.os || have.architecture !== want.architecture) return false;
  const norm = (p: Partial<Platform>) => p.variant ?? (p.architecture === 'arm64' ? 'v8' : undefined);
  return want.variant === undefined || norm(have) === norm(want);
}
