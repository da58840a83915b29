/**
 * One lint of a folder: list its files, run every rule family on each, then apply configuration
 * (disabled rules, severities, ignored paths), inline suppressions and fingerprints. Reading is bounded:
 * a text file is read whole only up to `maxScanBytes` (larger ones are scanned for credentials in chunks
 * up to that size and reported as partly scanned), binary files are only sniffed, and model files are
 * streamed by their scanners.
 */
import { displayPath } from '../../core/paths.js';
import { basename, resolve } from 'node:path';
import ignore from 'ignore';
import { fsReason } from '../../core/file-guard.js';
import type { Logger } from '../../core/logger.js';
import { visible } from '../../core/visible.js';
import { fingerprint } from './baseline.js';
import { FileSource } from './byte-source.js';
import { Hasher } from './hasher.js';
import { isDockerfile, lintDockerfile } from './dockerfile.js';
import { lintOnnxExternalData, lintTfjsManifest, looksLikeTfjsModel } from './model-refs.js';
import { isModelScanCandidate, scanModelFile } from './model-scan.js';
import { lintNotebook } from './notebook.js';
import {
  LfsAttributes,
  findModelCard,
  findReadme,
  hasLicense,
  isChecksumFile,
  isModelFile,
  lfsPointerOid,
  lintCondaEnvironment,
  lintPackageJson,
  lintPyproject,
  lintRequirements,
  lockFilesFor,
  manifestKind,
  missingCardFields,
  parseChecksumFile,
  type RecordedChecksum,
} from './repository.js';
import type { LintSeverity } from './rules.js';
import { SECRET_CHUNK_OVERLAP, findSecrets, type SecretMatch } from './secrets.js';
import type { LintSettings } from './settings.js';
import { parseSuppressions, suppressionFor, type Suppression } from './suppress.js';
import { listFiles } from './walk.js';

/** A finding before configuration and suppressions are applied. */
interface RawFinding {
  rule: string;
  /** Relative to the linted folder; '' for findings about the repository as a whole. */
  file: string;
  line?: number;
  column?: number;
  message: string;
  key: string;
}

export interface LintFinding extends RawFinding {
  severity: LintSeverity;
  fingerprint: string;
  /** Set when an inline suppression or `per-file-ignores` silenced it. */
  suppressed?: string;
}

export interface LintRun {
  root: string;
  gitTop?: string;
  source: 'git' | 'walk';
  files: number;
  /** Every linted path, relative to the root. */
  paths: ReadonlySet<string>;
  bytes: number;
  findings: LintFinding[];
}

export interface LintHooks {
  /** Called with every credential found, so an action can mask it (`core.setSecret`). */
  onSecret?: (value: string) => void;
}

const HEAD = 64 * 1024;
const CHUNK = 1024 * 1024;

function isBinary(head: Buffer): boolean {
  return head.subarray(0, 8000).includes(0);
}

function secretFinding(s: SecretMatch, file: string): RawFinding {
  return {
    rule: s.rule,
    file,
    line: s.line,
    column: s.column,
    message: `${s.label} ${s.masked}: remove it and rotate the credential`,
    key: `secret|${s.hash}`,
  };
}

/** Credentials in a text larger than the whole-file limit: chunks with an overlap, up to `limit` bytes. */
function secretsInChunks(src: FileSource, limit: number): SecretMatch[] {
  const out: SecretMatch[] = [];
  let line = 1;
  let lastEnd = -1;
  for (let pos = 0; pos < Math.min(src.size, limit); pos += CHUNK) {
    const buf = src.read(pos, Math.min(CHUNK + SECRET_CHUNK_OVERLAP, limit - pos));
    const text = buf.toString('latin1');
    for (const m of findSecrets(text, line)) {
      const at = pos + m.offset;
      if (at <= lastEnd) continue;
      out.push({ ...m, offset: at });
      lastEnd = at;
    }
    // Lines of the part that the next chunk does not repeat.
    const body = text.slice(0, Math.min(text.length, CHUNK));
    for (let i = body.indexOf('\n'); i >= 0; i = body.indexOf('\n', i + 1)) line++;
  }
  return out;
}

/** Lint the folder `settings.root`. */
export async function lintRepository(
  settings: LintSettings,
  logger: Logger,
  hooks: LintHooks = {},
  exclude: readonly string[] = [],
): Promise<LintRun> {
  const root = settings.root;
  const walk = await listFiles(root, settings.ignore);
  if (exclude.length) {
    const skip = new Set(exclude.map((p) => resolve(p)));
    walk.files = walk.files.filter((f) => !skip.has(resolve(f.abs)));
  }
  logger.info(
    `linting ${walk.files.length} files in ${visible(displayPath(process.cwd(), root))} (${walk.source === 'git' ? 'as Git lists them' : 'walking the folder'})`,
  );
  const raw: RawFinding[] = walk.problems.map((p) => ({
    rule: p.rule,
    file: p.rel === '.' ? '' : p.rel,
    message: p.message,
    key: p.key,
  }));
  const suppressions = new Map<string, Suppression[]>();
  const add = (f: RawFinding): void => void raw.push(f);
  const on = (rule: string) => settings.severity.has(rule);

  // First pass: small files other rules depend on (.gitattributes, checksum lists, lock files).
  const lfs = new LfsAttributes();
  const checksums = new Map<string, RecordedChecksum>();
  const names = new Set(walk.files.map((f) => f.rel));
  for (const f of walk.files) {
    const base = basename(f.rel);
    if ((base === '.gitattributes' || isChecksumFile(f.rel)) && f.size <= 4 * 1024 * 1024) {
      let text: string;
      try {
        const src = FileSource.open(f.abs);
        try {
          text = src.read(0, src.size).toString('utf8');
        } finally {
          src.close();
        }
      } catch {
        continue; // reported when the main pass reads it
      }
      if (base === '.gitattributes')
        lfs.add(f.rel.includes('/') ? f.rel.slice(0, f.rel.lastIndexOf('/')) : '', text);
      else for (const [k, v] of parseChecksumFile(f.rel, text)) if (!checksums.has(k)) checksums.set(k, v);
    }
  }
  const rootNames = walk.files.filter((f) => !f.rel.includes('/')).map((f) => f.rel);
  const dirOf = (rel: string) => (rel.includes('/') ? rel.slice(0, rel.lastIndexOf('/') + 1) : '');
  const hasLockNear = (rel: string, locks: readonly string[]) => {
    // The manifest's folder or any folder above it (npm and Poetry workspaces keep one lock at the top).
    for (let dir = dirOf(rel); ; dir = dirOf(dir.slice(0, -1))) {
      if (locks.some((l) => names.has(dir + l))) return true;
      if (!dir) return false;
    }
  };

  let bytes = 0;
  let modelFiles = 0;
  const hasher = new Hasher();
  const hashes: Promise<void>[] = [];
  try {
    for (const f of walk.files) {
      bytes += f.size;
      const base = basename(f.rel);
      const lower = base.toLowerCase();
      let src: FileSource;
      try {
        src = FileSource.open(f.abs);
      } catch (e) {
        add({ rule: 'MCI109', file: f.rel, message: `could not be read: ${fsReason(e)}`, key: 'unreadable' });
        continue;
      }
      let text: string | undefined;
      let pointerOid: string | undefined;
      try {
        const head = src.read(0, HEAD);
        pointerOid = lfsPointerOid(head);
        const binary = isBinary(head);
        if (!binary && pointerOid === undefined) {
          if (src.size <= settings.maxScanBytes) {
            text = (src.size <= HEAD ? head : src.read(0, src.size)).toString('utf8');
          } else if (on('MCI109') || [...settings.severity.keys()].some((r) => r.startsWith('MCI5'))) {
            for (const s of secretsInChunks(src, settings.maxScanBytes)) {
              hooks.onSecret?.(s.value);
              add(secretFinding(s, f.rel));
            }
            add({
              rule: 'MCI109',
              file: f.rel,
              message: `a text file of ${(src.size / 1024 / 1024).toFixed(1)} MB: only its first ${settings.maxScanBytes / 1024 / 1024} MB were scanned (max-scan-mb)`,
              key: 'partial',
            });
          }
        }
      } catch (e) {
        add({ rule: 'MCI109', file: f.rel, message: `could not be read: ${fsReason(e)}`, key: 'unreadable' });
        continue;
      } finally {
        src.close();
      }

      if (text !== undefined) {
        const docker = isDockerfile(base);
        const parsed = parseSuppressions(
          text,
          docker ? 'dockerfile' : /\.(md|markdown|mdx)$/.test(lower) ? 'markdown' : 'other',
        );
        if (parsed.suppressions.length) suppressions.set(f.rel, parsed.suppressions);
        for (const p of parsed.problems)
          add({ rule: 'MCI100', file: f.rel, line: p.line, message: p.message, key: p.key });
        let secrets = findSecrets(text);
        for (const s of secrets) hooks.onSecret?.(s.value);
        if (lower.endsWith('.ipynb')) {
          const nb = lintNotebook(text, f.rel, secrets);
          for (const n of nb.findings) add({ ...n, file: f.rel });
          secrets = nb.otherSecrets;
        }
        for (const s of secrets) add(secretFinding(s, f.rel));
        if (docker) for (const d of lintDockerfile(text)) add({ ...d, file: f.rel });
        const manifest = manifestKind(f.rel);
        if (manifest && on('MCI104') && !hasLockNear(f.rel, lockFilesFor(manifest))) {
          const found =
            manifest === 'requirements'
              ? lintRequirements(text, f.rel)
              : manifest === 'package.json'
                ? lintPackageJson(text, f.rel)
                : manifest === 'conda'
                  ? lintCondaEnvironment(text, f.rel)
                  : lintPyproject(text, f.rel, manifest === 'Pipfile');
          for (const d of found) add({ ...d, file: f.rel });
        }
        if (lower.endsWith('.json') && looksLikeTfjsModel(text))
          for (const r of lintTfjsManifest(f.abs, text)) add({ ...r, file: f.rel });
      }

      if (isModelFile(f.rel)) {
        modelFiles++;
        if (on('MCI106') || on('MCI107')) {
          const recorded = checksums.get(f.rel);
          const inLfs = pointerOid !== undefined || lfs.isLfs(f.rel);
          const dvc = names.has(`${f.rel}.dvc`);
          if (recorded) {
            const compare = (actual: string) => {
              if (actual !== recorded.hex)
                add({
                  rule: 'MCI107',
                  file: f.rel,
                  message: `its ${recorded.algorithm} is ${actual.slice(0, 12)}…, but ${visible(recorded.source)} records ${recorded.hex.slice(0, 12)}…`,
                  key: `checksum|${recorded.hex}`,
                });
            };
            if (pointerOid && recorded.algorithm === 'sha256') compare(pointerOid);
            else if (pointerOid === undefined)
              hashes.push(
                hasher.hash(f.abs, recorded.algorithm).then(compare, (e: unknown) =>
                  add({
                    rule: 'MCI109',
                    file: f.rel,
                    message: `could not be read to check its checksum: ${fsReason(e)}`,
                    key: 'unreadable',
                  }),
                ),
              );
          } else if (!inLfs && !dvc)
            add({
              rule: 'MCI106',
              file: f.rel,
              message:
                'model file without a recorded checksum (SHA256SUMS, a .sha256 file beside it, Git LFS or DVC)',
              key: 'checksum',
            });
        }
      }
      if (f.size > settings.largeFileBytes && pointerOid === undefined && !lfs.isLfs(f.rel))
        add({
          rule: 'MCI105',
          file: f.rel,
          message: `${(f.size / 1024 / 1024).toFixed(1)} MB file not stored in Git LFS (limit ${settings.largeFileBytes / 1024 / 1024} MB)`,
          key: 'lfs',
        });
      if (pointerOid === undefined && lower.endsWith('.onnx')) {
        try {
          for (const r of lintOnnxExternalData(f.abs)) add({ ...r, file: f.rel });
        } catch (e) {
          add({
            rule: 'MCI109',
            file: f.rel,
            message: `could not be read: ${fsReason(e)}`,
            key: 'unreadable',
          });
        }
      }
      if (pointerOid === undefined && isModelScanCandidate(f.rel)) {
        const scanOn = ['MCI301', 'MCI302', 'MCI303', 'MCI304', 'MCI305'].some(on);
        if (scanOn) {
          try {
            const found = await scanModelFile(f.abs, {
              allowedGlobals: settings.allowedGlobals,
              maxArchiveBytes: settings.maxArchiveBytes,
              maxZipRatio: settings.maxZipRatio,
            });
            for (const m of found) add({ ...m, file: f.rel });
          } catch (e) {
            add({
              rule: 'MCI109',
              file: f.rel,
              message: `could not be read: ${fsReason(e)}`,
              key: 'unreadable',
            });
          }
        }
      }
    }

    await Promise.all(hashes);
  } finally {
    await hasher.close();
  }

  // The repository as a whole.
  const readme = findReadme(rootNames);
  if (!readme)
    add({ rule: 'MCI101', file: '', message: 'no README at the top of the repository', key: 'readme' });
  if (!hasLicense(rootNames))
    add({
      rule: 'MCI103',
      file: '',
      message: 'no LICENSE file at the top of the repository',
      key: 'license',
    });
  const card = findModelCard(rootNames) ?? (modelFiles > 0 ? readme : undefined);
  if (card && on('MCI102')) {
    const f = walk.files.find((x) => x.rel === card)!;
    try {
      const src = FileSource.open(f.abs);
      let text: string;
      try {
        text = src.read(0, Math.min(src.size, settings.maxScanBytes)).toString('utf8');
      } finally {
        src.close();
      }
      const missing = missingCardFields(text);
      if (missing.length)
        add({
          rule: 'MCI102',
          file: card,
          line: 1,
          message: `the model card has no ${missing.join(', ')} section`,
          key: 'card',
        });
    } catch {
      /* reported as unreadable above */
    }
  }

  return {
    root,
    gitTop: walk.gitTop,
    source: walk.source,
    files: walk.files.length,
    paths: names,
    bytes,
    findings: finish(raw, settings, suppressions),
  };
}

/** Configuration, suppressions and fingerprints: raw findings -> what the run reports. */
function finish(
  raw: RawFinding[],
  settings: LintSettings,
  suppressions: Map<string, Suppression[]>,
): LintFinding[] {
  const perFile = settings.perFileIgnores.map((p) => ({
    ig: ignore().add(p.pattern),
    rules: new Set(p.rules),
  }));
  const kept: (RawFinding & { severity: LintSeverity; suppressed?: string })[] = [];
  for (const f of raw) {
    const severity = settings.severity.get(f.rule);
    if (!severity) continue;
    let suppressed: string | undefined;
    if (f.file && perFile.some((p) => p.rules.has(f.rule) && p.ig.ignores(f.file)))
      suppressed = 'per-file-ignores';
    else if (f.rule !== 'MCI100') {
      const s = suppressionFor(suppressions.get(f.file) ?? [], f.rule, f.line);
      if (s) suppressed = `inline: ${s.reason}`;
    }
    kept.push({ ...f, severity, ...(suppressed ? { suppressed } : {}) });
  }
  // Suppressions that silenced nothing hide the next problem on their line.
  if (settings.severity.has('MCI100'))
    for (const [file, list] of suppressions)
      for (const s of list)
        if (!s.used && !s.hadolint && s.rules.some((r) => settings.severity.has(r)))
          kept.push({
            rule: 'MCI100',
            file,
            line: s.line,
            message: `model-ci: ignore ${s.rules.join(', ')} suppresses nothing here; remove it`,
            key: `unused|${s.rules.join(',')}|${s.reason}`,
            severity: settings.severity.get('MCI100')!,
          });
  kept.sort((a, b) =>
    a.file < b.file
      ? -1
      : a.file > b.file
        ? 1
        : (a.line ?? 0) - (b.line ?? 0) || a.rule.localeCompare(b.rule),
  );
  return fingerprint(kept);
}
