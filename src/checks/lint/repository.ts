/**
 * Repository rules: README and model card, LICENSE, pinned Python/Node dependencies, large files outside
 * Git LFS, and recorded checksums of model files. Pure functions over file names and texts; the engine
 * reads the files.
 */
import ignore from 'ignore';
import { CARD_FIELDS } from '../../core/model-card.js';
import { parseYamlSource, positionOf, yamlToJs } from '../../core/yaml-source.js';

export interface RepoFinding {
  rule: string;
  line?: number;
  message: string;
  key: string;
}

// ---------------------------------------------------------------- README, model card, LICENSE

const LICENSE = /^(licen[cs]e|copying)([._-].*)?$/i;

// The model card's file names and fields are shared with the release notes (src/core/model-card.ts).
export { CARD_FIELDS, findModelCard, findReadme } from '../../core/model-card.js';

export function hasLicense(rootNames: readonly string[]): boolean {
  return rootNames.some((n) => LICENSE.test(n));
}

/** Headings (`#`, setext `===`/`---`), front-matter keys and `**Field:**` labels of a Markdown text. */
export function cardLabels(text: string): string[] {
  const labels: string[] = [];
  const lines = text.split(/\r?\n/);
  let i = 0;
  if (lines[0]?.trim() === '---') {
    for (i = 1; i < lines.length && lines[i].trim() !== '---'; i++) {
      const key = /^([A-Za-z_][\w-]*)\s*:/.exec(lines[i]);
      if (key) labels.push(key[1]);
    }
    i++;
  }
  let fence = false;
  for (; i < lines.length; i++) {
    const line = lines[i];
    if (/^\s*(```|~~~)/.test(line)) fence = !fence;
    if (fence) continue;
    const h = /^\s{0,3}#{1,6}\s+(.*)$/.exec(line);
    if (h) labels.push(h[1]);
    else if (/^\s{0,3}(=+|-+)\s*$/.test(line) && i > 0 && lines[i - 1].trim()) labels.push(lines[i - 1]);
    const field = /^\s*(?:[-*]\s+)?(?:\*\*|__)?([A-Za-z][A-Za-z /_-]{2,40}?)(?:\*\*|__)?\s*:/.exec(line);
    if (field) labels.push(field[1]);
  }
  return labels;
}

export function missingCardFields(text: string): string[] {
  const labels = cardLabels(text);
  return CARD_FIELDS.filter((f) => !labels.some((l) => f.pattern.test(l))).map((f) => f.field);
}

// ---------------------------------------------------------------- dependencies

const PY_LOCKS = ['poetry.lock', 'uv.lock', 'pdm.lock', 'pylock.toml', 'Pipfile.lock'];
const NODE_LOCKS = [
  'package-lock.json',
  'npm-shrinkwrap.json',
  'yarn.lock',
  'pnpm-lock.yaml',
  'bun.lockb',
  'bun.lock',
];
const CONDA_LOCKS = ['conda-lock.yml', 'conda-lock.yaml'];

export type Manifest = 'requirements' | 'package.json' | 'pyproject.toml' | 'Pipfile' | 'conda';

/** Which dependency manifest a file is, by its name and folder. */
export function manifestKind(rel: string): Manifest | undefined {
  const parts = rel.split('/');
  const base = parts[parts.length - 1];
  if (/^(.*[-_.])?requirements([-_.].*)?\.txt$/i.test(base) || /^constraints([-_.].*)?\.txt$/i.test(base))
    return 'requirements';
  if (parts.length > 1 && parts[parts.length - 2].toLowerCase() === 'requirements' && base.endsWith('.txt'))
    return 'requirements';
  if (base === 'package.json' && !parts.includes('node_modules')) return 'package.json';
  if (base === 'pyproject.toml') return 'pyproject.toml';
  if (base === 'Pipfile') return 'Pipfile';
  if (/^environment(\.[\w-]+)?\.ya?ml$/i.test(base)) return 'conda';
  return undefined;
}

/** Lock files that make a manifest's ranges reproducible. */
export function lockFilesFor(kind: Manifest): readonly string[] {
  switch (kind) {
    case 'package.json':
      return NODE_LOCKS;
    case 'conda':
      return CONDA_LOCKS;
    case 'requirements':
      return [];
    default:
      return PY_LOCKS;
  }
}

/** A PEP 508 requirement pinned to exactly one version (`==1.2.3`, `===x`) or a direct reference. */
export function pep508Pinned(spec: string): boolean {
  const s = spec.split(';')[0].trim();
  if (/\s@\s|^[\w.-]+(\[[^\]]*\])?\s*@/.test(s)) return true;
  const clauses = s
    .replace(/^[\w.-]+(\[[^\]]*\])?/, '')
    .split(',')
    .map((c) => c.trim())
    .filter(Boolean);
  return clauses.length > 0 && clauses.some((c) => /^===?\s*[^\s*]+$/.test(c));
}

function unpinned(file: string, line: number, spec: string, name: string): RepoFinding {
  return {
    rule: 'MCI104',
    line,
    message: `${spec} is not pinned to one version: pin it (${name}==X.Y.Z) or commit a lock file`,
    key: `${file}|${name.toLowerCase()}`,
  };
}

/** requirements.txt and friends: every requirement line that is not `==`-pinned. */
export function lintRequirements(text: string, file: string): RepoFinding[] {
  const out: RepoFinding[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const first = i;
    let line = lines[i];
    while (line.endsWith('\\') && i + 1 < lines.length) line = line.slice(0, -1) + ' ' + lines[++i];
    const spec = line.replace(/(^|\s)#.*$/, '').trim();
    if (!spec || spec.startsWith('-')) continue; // options, -r, -e, --hash lines
    if (/^(\.|\/|~|git\+|https?:|file:)|\.(whl|zip|tar\.gz)$/.test(spec)) continue; // paths and URLs
    const req = spec.replace(/\s--hash=\S+/g, '').trim();
    const name = /^[A-Za-z0-9][\w.-]*/.exec(req)?.[0];
    if (!name || pep508Pinned(req)) continue;
    out.push(unpinned(file, first + 1, req, name));
  }
  return out;
}

const EXACT_SEMVER = /^=?v?\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/;

/** package.json without a lock file: dependencies whose version is a range. */
export function lintPackageJson(text: string, file: string): RepoFinding[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return []; // not our business: npm reports a broken package.json
  }
  const out: RepoFinding[] = [];
  for (const section of ['dependencies', 'devDependencies', 'optionalDependencies']) {
    const deps = (json as Record<string, unknown>)?.[section];
    if (typeof deps !== 'object' || deps === null) continue;
    const sectionAt = text.indexOf(`"${section}"`);
    for (const [name, v] of Object.entries(deps as Record<string, unknown>)) {
      if (typeof v !== 'string') continue;
      if (EXACT_SEMVER.test(v.trim())) continue;
      if (/^(file:|link:|workspace:|portal:)/.test(v)) continue;
      if (/#[0-9a-f]{40}$/.test(v)) continue; // a git dependency at a commit
      const at = text.indexOf(`"${name}"`, Math.max(0, sectionAt));
      const line = at < 0 ? undefined : text.slice(0, at).split('\n').length;
      out.push({
        rule: 'MCI104',
        line,
        message: `${name}@${v} (${section}) is a range and no lock file pins it: commit package-lock.json (or yarn/pnpm's) or pin ${name}@X.Y.Z`,
        key: `${file}|${name.toLowerCase()}`,
      });
    }
  }
  return out;
}

/** The string items of a TOML array that starts on `lines[i]` after `=`, with their line numbers. */
function tomlArrayStrings(lines: string[], i: number): { value: string; line: number }[] {
  const out: { value: string; line: number }[] = [];
  let depth = 0;
  for (let j = i; j < lines.length; j++) {
    const line = j === i ? lines[j].slice(lines[j].indexOf('=') + 1) : lines[j];
    for (const m of line.matchAll(/"((?:[^"\\]|\\.)*)"|'([^']*)'|([[\]])|#.*$/g)) {
      if (m[3] === '[') depth++;
      else if (m[3] === ']') {
        if (--depth === 0) return out;
      } else if (m[1] !== undefined || m[2] !== undefined) out.push({ value: m[1] ?? m[2], line: j + 1 });
    }
    if (depth === 0 && j > i) return out;
  }
  return out;
}

/** pyproject.toml (PEP 621 and Poetry) and Pipfile without a lock file. */
export function lintPyproject(text: string, file: string, pipfile = false): RepoFinding[] {
  const out: RepoFinding[] = [];
  const lines = text.split(/\r?\n/);
  let section = '';
  for (let i = 0; i < lines.length; i++) {
    const header = /^\s*\[([^\]]+)\]\s*(#.*)?$/.exec(lines[i]);
    if (header) {
      section = header[1].trim();
      continue;
    }
    if (!pipfile && section === 'project' && /^\s*dependencies\s*=/.test(lines[i])) {
      for (const { value, line } of tomlArrayStrings(lines, i)) {
        const name = /^[A-Za-z0-9][\w.-]*/.exec(value)?.[0];
        if (name && !pep508Pinned(value)) out.push(unpinned(file, line, value, name));
      }
    } else if (
      !pipfile &&
      section === 'project.optional-dependencies' &&
      /^\s*[\w.-]+\s*=\s*\[/.test(lines[i])
    ) {
      for (const { value, line } of tomlArrayStrings(lines, i)) {
        const name = /^[A-Za-z0-9][\w.-]*/.exec(value)?.[0];
        if (name && !pep508Pinned(value)) out.push(unpinned(file, line, value, name));
      }
    } else if (
      (pipfile && (section === 'packages' || section === 'dev-packages')) ||
      (!pipfile && /^tool\.poetry\.(group\.[\w-]+\.)?(dev-)?dependencies$/.test(section))
    ) {
      const m = /^\s*([A-Za-z0-9][\w.-]*)\s*=\s*(?:"([^"]*)"|'([^']*)'|\{.*?version\s*=\s*"([^"]*)")/.exec(
        lines[i],
      );
      if (!m || m[1].toLowerCase() === 'python') continue;
      const spec = m[2] ?? m[3] ?? m[4];
      if (spec === undefined || /^(==)?\d+(\.\d+)*$/.test(spec.trim())) continue;
      out.push({
        rule: 'MCI104',
        line: i + 1,
        message: `${m[1]} = "${spec}" is not pinned to one version and no lock file pins it: commit ${pipfile ? 'Pipfile.lock' : 'the lock file (poetry.lock, uv.lock, pdm.lock)'} or pin ==X.Y.Z`,
        key: `${file}|${m[1].toLowerCase()}`,
      });
    }
  }
  return out;
}

/** conda environment.yml without conda-lock: dependencies without a version (`numpy=1.26` pins). */
export function lintCondaEnvironment(text: string, file: string): RepoFinding[] {
  let src;
  let env: unknown;
  try {
    src = parseYamlSource(text, file);
    env = yamlToJs(src);
  } catch {
    return [];
  }
  const deps = (env as { dependencies?: unknown })?.dependencies;
  if (!Array.isArray(deps)) return [];
  const out: RepoFinding[] = [];
  deps.forEach((d, i) => {
    if (typeof d === 'string') {
      const name = /^[A-Za-z0-9][\w.-]*/.exec(d.replace(/^[\w-]+::/, ''))?.[0];
      if (name && !/[=]\s*\d|@/.test(d) && name !== 'python' && name !== 'pip')
        out.push({
          ...unpinned(file, positionOf(src, ['dependencies', i]).line ?? 1, d, name),
          message: `${d} is not pinned to one version: pin it (${name}=X.Y.Z) or use conda-lock`,
        });
    } else if (typeof d === 'object' && d !== null && Array.isArray((d as { pip?: unknown }).pip)) {
      (d as { pip: unknown[] }).pip.forEach((p, j) => {
        if (typeof p !== 'string' || p.startsWith('-')) return;
        const name = /^[A-Za-z0-9][\w.-]*/.exec(p)?.[0];
        if (name && !pep508Pinned(p))
          out.push(unpinned(file, positionOf(src, ['dependencies', i, 'pip', j]).line ?? 1, p, name));
      });
    }
  });
  return out;
}

// ---------------------------------------------------------------- Git LFS

/** `version https://git-lfs.github.com/spec/v1` pointer files, and their sha256 oid. */
export function lfsPointerOid(head: Buffer): string | undefined {
  if (head.length > 1024) return undefined;
  const text = head.toString('latin1');
  if (!text.startsWith('version https://git-lfs.github.com/spec/')) return undefined;
  return /^oid sha256:([0-9a-f]{64})$/m.exec(text)?.[1] ?? '';
}

/** `filter=lfs` from every .gitattributes of the repository, applied as Git applies them. */
export class LfsAttributes {
  private readonly rules: { dir: string; match: (rel: string) => boolean; lfs: boolean }[] = [];

  /** `dir` is the .gitattributes file's folder relative to the root ('' for the root). */
  add(dir: string, text: string): void {
    for (const raw of text.split(/\r?\n/)) {
      const line = raw.trim();
      if (!line || line.startsWith('#') || line.startsWith('!') || line.startsWith('[')) continue;
      const [pattern, ...attrs] = line.split(/\s+/);
      let lfs: boolean | undefined;
      for (const a of attrs) {
        if (a === 'filter=lfs') lfs = true;
        else if (a === '-filter' || a === '!filter' || (a.startsWith('filter=') && a !== 'filter=lfs'))
          lfs = false;
      }
      if (lfs === undefined) continue;
      const matcher = ignore().add(pattern);
      this.rules.push({ dir, match: (rel) => matcher.ignores(rel), lfs });
    }
    // Deeper .gitattributes files take precedence over shallower ones.
    this.rules.sort((a, b) => a.dir.split('/').length - b.dir.split('/').length);
  }

  isLfs(rel: string): boolean {
    let lfs = false;
    for (const r of this.rules) {
      if (r.dir && !rel.startsWith(`${r.dir}/`)) continue;
      const sub = r.dir ? rel.slice(r.dir.length + 1) : rel;
      if (r.match(sub)) lfs = r.lfs;
    }
    return lfs;
  }
}

// ---------------------------------------------------------------- checksums of model files

const MODEL_EXTENSIONS = [
  '.pt',
  '.pth',
  '.ckpt',
  '.bin',
  '.safetensors',
  '.onnx',
  '.h5',
  '.hdf5',
  '.keras',
  '.tflite',
  '.pb',
  '.gguf',
  '.ggml',
  '.pkl',
  '.pickle',
  '.joblib',
  '.mlmodel',
  '.mar',
];

export function isModelFile(rel: string): boolean {
  const n = rel.toLowerCase();
  return MODEL_EXTENSIONS.some((e) => n.endsWith(e));
}

export type HashAlgorithm = 'md5' | 'sha1' | 'sha256' | 'sha512';
const BY_LENGTH: Record<number, HashAlgorithm> = { 32: 'md5', 40: 'sha1', 64: 'sha256', 128: 'sha512' };

export interface RecordedChecksum {
  algorithm: HashAlgorithm;
  hex: string;
  /** Where it was recorded: `SHA256SUMS:3`. */
  source: string;
}

const LIST_NAME = /^(sha(1|256|512)sums?|md5sums?|checksums?)(\.(txt|sha256|md5))?$/i;
const SIDECAR = /\.(sha256|sha256sum|sha512|sha1|md5)$/i;

/** Checksum lists (`SHA256SUMS`, `checksums.txt`) and sidecars (`model.bin.sha256`). */
export function isChecksumFile(rel: string): boolean {
  const base = rel.split('/').pop() ?? rel;
  return LIST_NAME.test(base) || SIDECAR.test(base);
}

/**
 * The checksums a list or sidecar records, by path relative to the repository root. GNU (`HEX  name`,
 * `HEX *name`), BSD (`SHA256 (name) = HEX`) and bare sidecars (`HEX` alone names the file beside it).
 */
export function parseChecksumFile(rel: string, text: string): Map<string, RecordedChecksum> {
  const out = new Map<string, RecordedChecksum>();
  const dir = rel.includes('/') ? rel.slice(0, rel.lastIndexOf('/') + 1) : '';
  const sidecarOf = SIDECAR.test(rel) ? rel.replace(SIDECAR, '') : undefined;
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    let hex: string | undefined;
    let name: string | undefined;
    const gnu = /^\\?([0-9a-fA-F]{32,128})\s+\*?(.+)$/.exec(line);
    const bsd = /^(?:MD5|SHA1|SHA256|SHA512)\s*\((.+)\)\s*=\s*([0-9a-fA-F]{32,128})$/.exec(line);
    if (gnu) [hex, name] = [gnu[1], gnu[2]];
    else if (bsd) [hex, name] = [bsd[2], bsd[1]];
    else if (/^[0-9a-fA-F]{32,128}$/.test(line) && sidecarOf) [hex, name] = [line, undefined];
    if (!hex || !BY_LENGTH[hex.length]) return;
    let target: string;
    if (name === undefined) target = sidecarOf!;
    else {
      const clean = name.trim().replace(/^\.\//, '');
      if (clean.startsWith('/') || clean.split('/').includes('..')) return; // not a file of this repository
      target = dir + clean;
      if (sidecarOf && !out.size && clean === sidecarOf.split('/').pop()) target = sidecarOf;
    }
    out.set(target, { algorithm: BY_LENGTH[hex.length], hex: hex.toLowerCase(), source: `${rel}:${i + 1}` });
  });
  return out;
}
