/**
 * `model-ci release`: on main, when the gates passed, a versioned, reproducible, attested release.
 *
 * 1. Read the results of this commit; a failing gate, smoke, data or lint result refuses the release
 *    (status fail) unless `force`, which the notes record.
 * 2. Read Git: the checkout must be a branch (not detached), clean (tracked files) and complete (not
 *    shallow: the tags and the history since the last one are needed). The previous release is the highest
 *    `<prefix>X.Y.Z` tag HEAD contains; the next version comes from `version`, else a `release:*` label of
 *    the pull request, else the Conventional Commits since it. A tag of this prefix already on HEAD means
 *    this commit is released: the run completes or confirms that release instead of making another.
 * 3. Compute the notes, `provenance.json` (subjects: the model files and the image) and its Sigstore
 *    signature. A dry run stops here, having created nothing and talked to nobody.
 * 4. Publish in an order a failure cannot leave half-done for long: sign first (a signing failure leaves
 *    nothing behind), then the annotated tag on the exact commit, then the published release, then the
 *    assets, then the floating major tag. Every step first looks at what exists, so a re-run after a
 *    failure (a 502 that outlasted the retries) creates only what is missing, and a re-run after success
 *    changes nothing (or only the notes, when they differ). A release tag is never moved.
 */
import { readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { IdentityProvider } from '@sigstore/sign';
import { confine } from '../../core/confine.js';
import { InputError, ModelCiError } from '../../core/errors.js';
import type { FileGuard } from '../../core/file-guard.js';
import { parseJsonText } from '../../core/json-file.js';
import type { Logger } from '../../core/logger.js';
import { cardSummary, findModelCard, findReadme } from '../../core/model-card.js';
import { kebab } from '../../core/options.js';
import type { CheckResult, Finding, Status } from '../../core/result.js';
import { runCheck, systemClock, type Clock } from '../../core/run-check.js';
import { validateResult } from '../../core/validate-result.js';
import { TOOL_VERSION } from '../../core/version.js';
import { visible } from '../../core/visible.js';
import { loadResults } from '../../report/load-results.js';
import { listModelFiles } from '../../model/model-files.js';
import { renderBody, type DataRow, type ImageFacts } from './body.js';
import { commitBump, labelBump, maxBump, parseCommit, type Bump, type ParsedCommit } from './commits.js';
import { sha256Bytes, sha256File } from './digests.js';
import { commitsSince, listTags, mergedTagNames, readRepoState, type RepoState } from './git.js';
import type { HostAsset, HostRelease, ReleaseHost } from './host.js';
import { checkTagPrefix, checkUrl, type ReleaseOptions } from './options.js';
import {
  buildStatement,
  canonicalJson,
  IN_TOTO_MEDIA_TYPE,
  type ResourceDescriptor,
  type RunFacts,
} from './provenance.js';
import { assetNames, readReleaseResults, resultName, type ReleaseResults } from './results.js';
import { BUNDLE_MEDIA_TYPE, signingDecision, signStatement } from './sigstore.js';
import {
  bumpVersion,
  classifyTags,
  FIRST_VERSION,
  greaterThan,
  isPrerelease,
  majorOf,
  parseVersion,
  type ReleaseTag,
} from './version.js';

export const RELEASE_CHECK = 'release';
export const RELEASE_TITLE = 'Model release';
export const PROVENANCE_ASSET = 'provenance.json';
export const BUNDLE_ASSET = 'provenance.sigstore.json';
export const REPORT_ASSET = 'report.html';
/** The most a downloaded result or provenance asset may hold. */
const MAX_ASSET_BYTES = 64 * 1024 * 1024;
/** The most of a model card that is read. */
const MAX_CARD_BYTES = 1024 * 1024;

export interface ReleaseContext {
  /** Relative paths resolve here: the CLI's working folder, the action's workspace. */
  baseDir: string;
  logger: Logger;
  files: FileGuard;
  clock?: Clock;
  /** Names an option in messages (`--tag-prefix`, `input "tag-prefix"`). */
  describe?: (key: string) => string;
  /** GitHub, when there is a token; a dry run never uses it. */
  host?: ReleaseHost;
  /** The GitHub Actions run, when on a runner. */
  run?: RunFacts;
  /** GITHUB_REF (`refs/heads/main`), when known. */
  ref?: string;
  /** Labels of the pull request in the event payload (a `pull_request` event), when there is one. */
  eventLabels?: string[];
  /** From the event payload's repository; undefined when not known. */
  repositoryPrivate?: boolean;
  /** The OIDC identity for Sigstore, when the job may request one. */
  identity?: IdentityProvider;
  /** `https://github.com`, for links in the notes. */
  serverUrl?: string;
  /** `owner/repo`, for links and provenance. */
  repository?: string;
}

interface Asset {
  name: string;
  contentType: string;
  data: Buffer;
}

const short = (sha: string) => sha.slice(0, 7);

/** Run a release (or a dry run) and return its result; bad input throws InputError. */
export async function runRelease(options: ReleaseOptions, ctx: ReleaseContext): Promise<CheckResult> {
  const clock = ctx.clock ?? systemClock;
  const describe = ctx.describe ?? ((k: string) => `--${kebab(k)}`);
  const inputs: Record<string, unknown> = { ...options };
  return runCheck(RELEASE_CHECK, inputs, () => release(options, ctx, describe, clock), clock);
}

async function release(
  options: ReleaseOptions,
  ctx: ReleaseContext,
  describe: (k: string) => string,
  clock: Clock,
) {
  const startedOn = iso(clock.now());
  const { logger, files } = ctx;
  const findings: Finding[] = [];
  const warn = (id: string, message: string, extra: Partial<Finding> = {}) => {
    findings.push({ id: `release/${id}`, severity: 'warning', message, ...extra });
    logger.warn(message);
  };

  const prefix = checkTagPrefix(options.tagPrefix, describe('tagPrefix'));
  const explicit = options.version ? parseVersion(options.version, describe('version')) : undefined;
  const endpoints = {
    fulcioUrl: checkUrl(options.fulcioUrl, describe('fulcioUrl')),
    rekorUrl: checkUrl(options.rekorUrl, describe('rekorUrl')),
  };
  const reportUrl = options.reportUrl ? checkUrl(options.reportUrl, describe('reportUrl')) : undefined;

  // ---- the results of this commit
  const resultsDir = resolve(ctx.baseDir, options.results);
  const results = readReleaseResults(resultsDir, describe('results'), options.require ?? [], options.results);
  files.addInputs(results.files, 'result file');
  for (const w of results.warnings) warn('result-skipped', w);
  const provenanceOut = options.provenance ? resolve(ctx.baseDir, options.provenance) : undefined;
  const bundleOut = provenanceOut ? bundlePathFor(provenanceOut) : undefined;
  if (provenanceOut && bundleOut) {
    files.claimOutput(provenanceOut, describe('provenance'));
    files.claimOutput(bundleOut, `the Sigstore bundle beside ${describe('provenance')}`);
  }

  // ---- Git
  const repo = await readRepoState(ctx.baseDir);
  checkCheckout(repo, options.dryRun, warn);
  const allTags = await listTags(repo.root, prefix);
  const classified = classifyTags(allTags, prefix);
  for (const w of classified.ignored) warn('tag-not-semver', w);
  const merged = await mergedTagNames(repo.root, prefix);
  const atHead = classified.releases.filter((t) => t.commit === repo.head);
  const previous = classified.releases.find((t) => merged.has(t.name) && t.commit !== repo.head);
  const history = await commitsSince(repo.root, previous?.commit);
  const changes = history.commits.map(parseCommit);

  // ---- the version
  const labels = ctx.eventLabels ?? (await labelsOfCommit(ctx, repo.head, options.dryRun, warn));
  const decided = decideVersion({ explicit, previous, atHead, changes, labels, describe });
  const common = {
    previous_tag: previous?.name ?? '',
    commit: repo.head,
    branch: repo.branch ?? null,
    dry_run: options.dryRun,
    commits: changes.length,
  };
  if (!decided.version) {
    const summary = `Nothing to release since ${previous?.name}: ${decided.reason} (label the pull request release:patch, release:minor or release:major, or give a version)`;
    logger.info(summary);
    return {
      status: worst(findings, 'pass'),
      title: RELEASE_TITLE,
      summary,
      metrics: { commits: changes.length },
      findings,
      details: {
        ...common,
        version: '',
        tag: '',
        body: '',
        release_url: '',
        released: false,
        reason: decided.reason,
      },
    };
  }
  const version = decided.version;
  const tag = `${prefix}${version}`;
  const clash = allTags.find((t) => t.name === tag);
  if (clash && clash.commit !== repo.head)
    throw new InputError(
      `the tag ${tag} already exists at ${short(clash.commit)}, not at this commit ${short(repo.head)}: a release tag is never moved (give another ${describe('version')})`,
    );

  // ---- gates
  const refused = results.failing.length > 0 && !options.force;
  for (const r of results.failing)
    findings.push({
      id: refused ? 'release/refused' : 'release/forced',
      severity: refused ? 'error' : 'warning',
      message: refused
        ? `${resultName(r)} ${r.status === 'error' ? 'could not run' : 'failed'}: ${visible(r.summary)}`
        : `released with force although ${resultName(r)} ${r.status === 'error' ? 'could not run' : 'failed'}: ${visible(r.summary)}`,
      subject: resultName(r),
    });

  // ---- subjects and materials
  const webUrl =
    ctx.host?.webUrl ?? (ctx.serverUrl && ctx.repository ? `${ctx.serverUrl}/${ctx.repository}` : undefined);
  const model = modelSubjects(options, results, repo, ctx, warn, describe);
  const image = imageFacts(results);
  const subjects: ResourceDescriptor[] = [...model.subjects];
  if (image && /^sha256:[0-9a-f]{64}$/.test(image.digest))
    subjects.push({ name: image.repository, digest: { sha256: image.digest.slice('sha256:'.length) } });
  if (!subjects.length)
    throw new InputError(
      `nothing to attest: no model files and no image digest (give ${describe('model')}, or include an image or smoke result that names the model)`,
    );
  const data = dataMaterials(options, results, repo, ctx, warn, describe);
  const resultAssets = assetNames(results.results);
  const resultMaterials: ResourceDescriptor[] = [...resultAssets.entries()].map(([name, r]) => ({
    name: `results/${name}`,
    digest: { sha256: sha256File(join(results.dir, r.file), 'result file').sha256 },
    annotations: { check: r.result.check, status: r.result.status },
  }));

  // ---- notes
  const card = readCard(options, repo, ctx, describe);
  const previousResults = await readPreviousResults(options, previous, ctx, describe, warn);
  const hasReport = isFile(join(results.dir, REPORT_ASSET));
  const report = reportUrl
    ? { url: reportUrl, label: 'report' }
    : hasReport && webUrl
      ? {
          url: `${webUrl}/releases/download/${encodeURIComponent(tag)}/${REPORT_ASSET}`,
          label: 'report (HTML)',
        }
      : ctx.run
        ? {
            url: `${ctx.run.serverUrl}/${ctx.run.repository}/actions/runs/${ctx.run.runId}`,
            label: 'workflow run',
          }
        : undefined;
  const decision = signingDecision(options.sign, {
    identity: ctx.identity !== undefined,
    repositoryPrivate: ctx.repositoryPrivate,
    dryRun: options.dryRun || refused,
  });
  const assetList = [
    ...resultAssets.keys(),
    ...(hasReport ? [REPORT_ASSET] : []),
    PROVENANCE_ASSET,
    ...(decision.sign ? [BUNDLE_ASSET] : []),
  ];
  const body = renderBody({
    tag,
    version,
    commit: repo.head,
    previousTag: previous?.name,
    webUrl,
    bumpReason: decided.reason,
    card,
    results: results.results.map((r) => r.result),
    previous: previousResults.results,
    previousNote: previousResults.note,
    changes,
    changesTruncated: history.truncated,
    forced: options.force ? results.failing : [],
    image,
    data: dataRows(results, data.byPath, repo),
    provenance: {
      modelFiles: model.subjects.length,
      image: subjects.length > model.subjects.length,
      signed: decision.sign,
      note: decision.reason,
    },
    report,
    assets: assetList,
  });

  // ---- provenance
  const repositoryUri = webUrl ? `git+${webUrl}` : undefined;
  const statement = buildStatement({
    subjects,
    repositoryUri,
    ref: ctx.ref ?? (repo.branch ? `refs/heads/${repo.branch}` : undefined),
    commit: repo.head,
    run: ctx.run,
    release: {
      version,
      tag,
      previousTag: previous?.name,
      tagPrefix: prefix,
      force: options.force,
      floatingTag: options.floatingTag,
      explicitVersion: explicit,
    },
    materials: [...data.materials, ...resultMaterials],
    toolVersion: TOOL_VERSION,
    startedOn,
    finishedOn: iso(clock.now()),
  });
  let provenance: Buffer = Buffer.from(canonicalJson(statement));

  const details: Record<string, unknown> = {
    ...common,
    version,
    tag,
    body,
    release_url: '',
    released: false,
    reason: decided.reason,
    rerun: decided.rerun,
    forced: options.force && results.failing.length > 0 ? results.failing.map(resultName) : [],
    subjects: subjects.map((s) => ({ name: s.name, sha256: s.digest?.sha256 })),
    signing: decision.reason,
    assets: assetList,
    actions: [] as string[],
  };
  const metrics = { commits: changes.length, subjects: subjects.length, assets: assetList.length };
  const writeProvenance = (bytes: Buffer, bundle?: Buffer) => {
    if (!provenanceOut || !bundleOut) return;
    files.write(provenanceOut, bytes, describe('provenance'));
    details.provenance_path = provenanceOut;
    if (bundle) {
      files.write(bundleOut, bundle, `the Sigstore bundle beside ${describe('provenance')}`);
      details.bundle_path = bundleOut;
    }
  };

  if (refused) {
    writeProvenance(provenance);
    const failed = results.failing.map(resultName).join(', ');
    return {
      status: 'fail' as Status,
      title: RELEASE_TITLE,
      summary: `Refused: ${failed} failed; ${tag} was not released (force: true releases anyway, and says so in the notes)`,
      metrics,
      findings,
      details,
    };
  }
  if (options.dryRun) {
    writeProvenance(provenance);
    return {
      status: worst(findings, options.force && results.failing.length ? 'warn' : 'pass'),
      title: RELEASE_TITLE,
      summary: `Dry run: would release ${tag} (${decided.reason}) at ${short(repo.head)}${previous ? `, after ${previous.name}` : ''}; nothing was created`,
      metrics,
      findings,
      details,
    };
  }

  // ---- publish
  if (!ctx.host)
    throw new InputError(
      'a release needs a GitHub token with "contents: write": the action\'s github-token input, or GITHUB_TOKEN for the CLI (or run with --dry-run)',
    );
  const assets: Asset[] = [
    ...[...resultAssets.entries()].map(([name, r]) => ({
      name,
      contentType: 'application/json',
      data: readFileSync(join(results.dir, r.file)),
    })),
    ...(hasReport
      ? [
          {
            name: REPORT_ASSET,
            contentType: 'text/html',
            data: readFileSync(join(results.dir, REPORT_ASSET)),
          },
        ]
      : []),
  ];
  const published = await publish({
    host: ctx.host,
    tag,
    version,
    head: repo.head,
    prefix,
    previous,
    rerun: decided.rerun,
    body,
    assets,
    provenance,
    sign: decision.sign
      ? (payload) => signStatement(payload, ctx.identity as IdentityProvider, endpoints)
      : undefined,
    floatingTag: options.floatingTag,
    releases: classified.releases,
    logger,
    warn,
  });
  provenance = published.provenance;
  writeProvenance(provenance, published.bundle);
  details.release_url = published.release.htmlUrl;
  details.released = true;
  details.actions = published.actions;
  details.floating_tag = published.floating ?? '';
  const did = published.actions.filter((a) => !/unchanged|already/.test(a));
  const summary = !published.actions.includes('release created')
    ? `${tag} is released at ${short(repo.head)}; ${did.length ? `completed: ${did.join(', ')}` : 'nothing changed'}: ${published.release.htmlUrl}`
    : `Released ${tag} (${decided.reason}) at ${short(repo.head)}: ${published.release.htmlUrl}`;
  logger.info(summary);
  return {
    status: worst(findings, options.force && results.failing.length ? 'warn' : 'pass'),
    title: RELEASE_TITLE,
    summary,
    metrics,
    findings,
    details,
  };
}

/** `release:*` labels of the pull requests the commit came from (a push to main has none in its event). */
async function labelsOfCommit(
  ctx: ReleaseContext,
  head: string,
  dryRun: boolean,
  warn: (id: string, message: string) => void,
): Promise<string[]> {
  if (!ctx.host || dryRun) return [];
  try {
    return (await ctx.host.pullRequestLabels(head)).flatMap((p) => p.labels);
  } catch (e) {
    if (!(e instanceof ModelCiError)) throw e;
    warn(
      'labels-unreadable',
      `the pull request labels could not be read (${e.message}); the commits decide the version`,
    );
    return [];
  }
}

function iso(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function worst(findings: readonly Finding[], floor: Status): Status {
  if (findings.some((f) => f.severity === 'error')) return 'fail';
  if (floor === 'pass' && findings.some((f) => f.severity === 'warning')) return 'warn';
  return floor;
}

/** `out/provenance.json` -> `out/provenance.sigstore.json`. */
export function bundlePathFor(provenancePath: string): string {
  const base = basename(provenancePath).replace(/\.json$/i, '');
  return join(dirname(provenancePath), `${base}.sigstore.json`);
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function checkCheckout(repo: RepoState, dryRun: boolean, warn: (id: string, message: string) => void): void {
  if (repo.shallow)
    throw new InputError(
      `${repo.root} is a shallow clone: the version comes from the last release tag and the commits since it, which a shallow clone lacks. Fetch them: "fetch-depth: 0" on actions/checkout (it fetches the tags too), or git fetch --tags --unshallow`,
    );
  const problems: string[] = [];
  if (!repo.branch)
    problems.push(
      `HEAD is detached at ${short(repo.head)}: release from a branch (on push to main, actions/checkout checks out the branch; locally: git switch main)`,
    );
  if (repo.dirty.length)
    problems.push(
      `the working tree has uncommitted changes to ${repo.dirty.length} tracked file${repo.dirty.length > 1 ? 's' : ''} (${repo.dirty.slice(0, 5).map(visible).join(', ')}${repo.dirty.length > 5 ? ', …' : ''}): the release would not be what the commit holds; commit or stash them`,
    );
  if (!problems.length) return;
  if (!dryRun) throw new InputError(problems.join('; also, '));
  for (const p of problems) warn(p.startsWith('HEAD') ? 'detached' : 'dirty', `${p} (a dry run goes on)`);
}

interface Decided {
  version?: string;
  reason: string;
  rerun: boolean;
}

function decideVersion(a: {
  explicit?: string;
  previous?: ReleaseTag;
  atHead: ReleaseTag[];
  changes: ParsedCommit[];
  labels: string[];
  describe: (k: string) => string;
}): Decided {
  const fresh = freshVersion(a);
  const current = a.atHead[0];
  if (!current) return fresh;
  if (a.explicit && a.explicit !== current.version)
    throw new InputError(
      `this commit is already released as ${current.name}; a commit gets one release (${a.describe('version')} ${a.explicit} would be a second)`,
    );
  // The same reason as the first run gave, so a re-run renders the same notes.
  const reason = fresh.version === current.version ? fresh.reason : `version ${current.version}`;
  return { version: current.version, reason, rerun: true };
}

/** The version by `version`, labels or commits, as if this commit had no release yet. */
function freshVersion(a: {
  explicit?: string;
  previous?: ReleaseTag;
  changes: ParsedCommit[];
  labels: string[];
  describe: (k: string) => string;
}): Decided {
  if (a.explicit) {
    if (a.previous && !greaterThan(a.explicit, a.previous.version))
      throw new InputError(
        `${a.describe('version')} ${a.explicit} is not above the previous release ${a.previous.name}: versions only go up`,
      );
    return { version: a.explicit, reason: `version ${a.explicit} given`, rerun: false };
  }
  if (!a.previous) return { version: FIRST_VERSION, reason: 'first release', rerun: false };
  const label = maxBump(a.labels.map(labelBump));
  if (label)
    return {
      version: bumpVersion(a.previous.version, label),
      reason: `${label}: pull request label release:${label}`,
      rerun: false,
    };
  const byCommits = commitBump(a.changes);
  if (!byCommits.bump) return { reason: byCommits.reason, rerun: false };
  return {
    version: bumpVersion(a.previous.version, byCommits.bump as Bump),
    reason: byCommits.reason,
    rerun: false,
  };
}

/** A path inside the repository as a subject or material name (`model/weights.bin`). */
function repoName(repo: RepoState, path: string): string | undefined {
  let real: string;
  try {
    real = realpathSync(path);
  } catch {
    return undefined;
  }
  const rel = relative(realpathSync(repo.root), real);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return undefined;
  return rel.split(sep).join('/');
}

function modelSubjects(
  options: ReleaseOptions,
  results: ReleaseResults,
  repo: RepoState,
  ctx: ReleaseContext,
  warn: (id: string, message: string) => void,
  describe: (k: string) => string,
): { subjects: ResourceDescriptor[] } {
  const of = (check: string) => results.results.find((r) => r.result.check === check)?.result;
  const named = (r: CheckResult | undefined) =>
    typeof r?.inputs.model === 'string' ? r.inputs.model : undefined;
  let modelPath: string | undefined;
  let include = options.include ?? [];
  if (options.model) modelPath = resolve(ctx.baseDir, options.model);
  else {
    const image = of('image');
    const fromResults = named(image) ?? named(of('smoke'));
    if (fromResults) {
      const path = resolve(ctx.baseDir, fromResults);
      if (statOk(path)) {
        modelPath = path;
        if (!include.length && image && named(image) === fromResults && Array.isArray(image.inputs.include))
          include = (image.inputs.include as unknown[]).filter((x): x is string => typeof x === 'string');
      } else
        warn(
          'model-not-found',
          `the model the results name (${visible(fromResults)}) is not in this checkout; give ${describe('model')}`,
        );
    }
  }
  if (!modelPath) return { subjects: [] };
  const listed = listModelFiles(modelPath, include);
  const subjects: ResourceDescriptor[] = [];
  for (const f of listed.files) {
    const name = repoName(repo, f.path);
    if (!name)
      throw new InputError(
        `model file ${visible(f.path)} is outside the repository ${repo.root}: a release names files of its commit`,
      );
    ctx.files.addInput(f.path, 'model file');
    subjects.push({ name, digest: { sha256: sha256File(f.path, 'model file').sha256 } });
  }
  return { subjects };
}

function statOk(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}

function imageFacts(results: ReleaseResults): ImageFacts | undefined {
  const image = results.results.find((r) => r.result.check === 'image')?.result;
  const d = image?.details as
    | { repository?: unknown; digest?: unknown; image_ref?: unknown; tags?: unknown; pushed?: unknown }
    | undefined;
  if (!d || typeof d.digest !== 'string' || typeof d.repository !== 'string') return undefined;
  return {
    repository: d.repository,
    digest: d.digest,
    ref: typeof d.image_ref === 'string' ? d.image_ref : `${d.repository}@${d.digest}`,
    tags: Array.isArray(d.tags) ? d.tags.filter((t): t is string => typeof t === 'string') : [],
    pushed: d.pushed === true,
  };
}

/** Inputs of results that name data files. */
const DATA_KEYS = ['data', 'reference', 'current', 'baselineData'] as const;

function dataMaterials(
  options: ReleaseOptions,
  results: ReleaseResults,
  repo: RepoState,
  ctx: ReleaseContext,
  warn: (id: string, message: string) => void,
  describe: (k: string) => string,
): { materials: ResourceDescriptor[]; byPath: Map<string, { name: string; sha256: string }> } {
  const byPath = new Map<string, { name: string; sha256: string }>();
  const add = (path: string, given: boolean) => {
    if (byPath.has(path)) return;
    const name = repoName(repo, path);
    if (!name) {
      if (given)
        throw new InputError(
          `${describe('data')}: ${visible(path)} is not a file of the repository ${repo.root}`,
        );
      return;
    }
    if (!confine(repo.root, name).ok) return;
    ctx.files.addInput(path, 'data file');
    byPath.set(path, { name, sha256: sha256File(path, 'data file').sha256 });
  };
  for (const d of options.data ?? []) {
    const path = resolve(ctx.baseDir, d);
    if (!isFile(path)) throw new InputError(`${describe('data')}: ${visible(d)} does not exist`);
    add(path, true);
  }
  let missing = 0;
  for (const { result } of results.results)
    for (const key of DATA_KEYS) {
      const v = result.inputs[key];
      if (typeof v !== 'string' || v === '') continue;
      const path = resolve(ctx.baseDir, v);
      if (isFile(path)) add(path, false);
      else missing++;
    }
  if (missing)
    warn(
      'data-not-found',
      `${missing} data file${missing > 1 ? 's' : ''} the results name ${missing > 1 ? 'are' : 'is'} not in this checkout: not recorded in the provenance (give ${describe('data')})`,
    );
  const materials = [...byPath.values()]
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((d) => ({ name: d.name, digest: { sha256: d.sha256 } }));
  return { materials, byPath };
}

function num(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

function dataRows(
  results: ReleaseResults,
  byPath: Map<string, { name: string; sha256: string }>,
  repo: RepoState,
): DataRow[] {
  const rows: DataRow[] = [];
  for (const { result: r } of results.results) {
    if (!['data', 'data-profile', 'data-merge'].includes(r.check)) continue;
    const d = r.details as { data?: unknown; rows?: unknown; columns?: unknown };
    const file =
      typeof r.inputs.data === 'string' ? r.inputs.data : typeof d.data === 'string' ? d.data : undefined;
    const known = file ? (byPath.get(resolve(repo.root, file)) ?? byPath.get(file)) : undefined;
    const columns =
      num(r.metrics.columns) ??
      (d.columns && typeof d.columns === 'object' && !Array.isArray(d.columns)
        ? Object.keys(d.columns).length
        : undefined);
    const quality =
      r.check === 'data'
        ? `${num(r.metrics.successful) ?? '?'} of ${num(r.metrics.evaluated) ?? '?'} expectations met`
        : r.check === 'data-merge'
          ? 'profiled (merged shards)'
          : 'profiled';
    rows.push({
      file: known?.name ?? (file ? basename(file) : resultName(r)),
      rows: num(d.rows) ?? num(r.metrics.rows),
      columns,
      quality,
      sha256: known?.sha256,
    });
  }
  return rows;
}

function readCard(
  options: ReleaseOptions,
  repo: RepoState,
  ctx: ReleaseContext,
  describe: (k: string) => string,
) {
  let file: string | undefined;
  if (options.modelCard) {
    file = resolve(ctx.baseDir, options.modelCard);
    if (!isFile(file))
      throw new InputError(`${describe('modelCard')}: ${visible(options.modelCard)} does not exist`);
  } else
    for (const dir of [ctx.baseDir, repo.root]) {
      let names: string[];
      try {
        names = readdirSync(dir);
      } catch {
        continue;
      }
      const name = findModelCard(names) ?? findReadme(names);
      if (name && isFile(join(dir, name))) {
        file = join(dir, name);
        break;
      }
    }
  if (!file) return undefined;
  ctx.files.addInput(file, 'model card');
  const buf = readFileSync(file);
  const text = buf.subarray(0, MAX_CARD_BYTES).toString('utf8');
  return { ...cardSummary(text), file: repoName(repo, file) ?? basename(file) };
}

async function readPreviousResults(
  options: ReleaseOptions,
  previous: ReleaseTag | undefined,
  ctx: ReleaseContext,
  describe: (k: string) => string,
  warn: (id: string, message: string) => void,
): Promise<{ results?: CheckResult[]; note?: string }> {
  if (!previous) return {};
  if (options.previousResults) {
    const loaded = loadResults(resolve(ctx.baseDir, options.previousResults), describe('previousResults'));
    ctx.files.addInputs(loaded.files, 'previous result file');
    return { results: loaded.results.map((r) => r.result) };
  }
  if (options.dryRun)
    return {
      note: `No changes against ${previous.name}: a dry run does not download its results (give ${describe('previousResults')}).`,
    };
  if (!ctx.host) return {};
  try {
    const rel = await ctx.host.findRelease(previous.name);
    if (!rel) {
      warn(
        'previous-release-missing',
        `${previous.name} has no GitHub release: no metric changes in the notes`,
      );
      return { note: `No changes against ${previous.name}: it has no GitHub release.` };
    }
    const out: CheckResult[] = [];
    for (const a of rel.assets) {
      if (!a.name.endsWith('.json') || a.name === PROVENANCE_ASSET || a.name === BUNDLE_ASSET) continue;
      const bytes = await ctx.host.downloadAsset(a, MAX_ASSET_BYTES);
      try {
        out.push(
          validateResult(
            parseJsonText(bytes.toString('utf8'), `${previous.name}/${a.name}`),
            `${previous.name}/${a.name}`,
          ),
        );
      } catch (e) {
        warn(
          'previous-result-skipped',
          `${visible(`${previous.name}/${a.name}`)}: ${visible((e as Error).message)}; skipped`,
        );
      }
    }
    if (!out.length) return { note: `No changes against ${previous.name}: its release has no result files.` };
    return { results: out };
  } catch (e) {
    if (!(e instanceof ModelCiError)) throw e;
    warn(
      'previous-results-unreadable',
      `the results of ${previous.name} could not be read (${e.message}): no metric changes in the notes`,
    );
    return { note: `No changes against ${previous.name}: its results could not be read.` };
  }
}

interface Publish {
  host: ReleaseHost;
  tag: string;
  version: string;
  head: string;
  prefix: string;
  previous?: ReleaseTag;
  rerun: boolean;
  body: string;
  assets: Asset[];
  provenance: Buffer;
  sign?: (payload: Buffer) => Promise<unknown>;
  floatingTag: boolean;
  releases: ReleaseTag[];
  logger: Logger;
  warn: (id: string, message: string) => void;
}

async function publish(p: Publish): Promise<{
  release: HostRelease;
  actions: string[];
  provenance: Buffer;
  bundle?: Buffer;
  floating?: string;
}> {
  const { host, tag, head } = p;
  const actions: string[] = [];
  if (!(await host.commitExists(head)))
    throw new InputError(
      `commit ${short(head)} is not on GitHub (${host.repository}): push it first; the release tag names the exact commit`,
    );
  const tagged = await host.tagCommit(tag);
  if (tagged && tagged !== head)
    throw new ModelCiError(
      `the tag ${tag} already exists on GitHub at ${short(tagged)}, not at ${short(head)}: a release tag is never moved (git fetch --tags, then give another version)`,
    );
  if (!tagged && !p.rerun) {
    // A release of this commit that the local clone does not know yet (its tag was not fetched).
    for (const t of await host.listTags(p.prefix)) {
      const v = t.name.slice(p.prefix.length);
      if (t.name === tag || !/^\d+\.\d+\.\d+/.test(v)) continue;
      if (p.previous && !safeGreater(v, p.previous.version)) continue;
      if ((await host.tagCommit(t.name)) === head)
        throw new InputError(
          `this commit is already released as ${t.name} on GitHub, a tag this clone lacks (git fetch --tags): a commit gets one release`,
        );
    }
  }
  let release = await host.findRelease(tag);
  const existing: HostAsset[] = release ? await host.listAssets(release) : [];
  const byName = new Map(existing.map((a) => [a.name, a]));

  // The provenance attached is the one signed: an earlier run's, when it got that far.
  let provenance = p.provenance;
  const attached = byName.get(PROVENANCE_ASSET);
  if (attached) provenance = await host.downloadAsset(attached, MAX_ASSET_BYTES);
  let bundle: Buffer | undefined;
  if (p.sign && !byName.has(BUNDLE_ASSET)) {
    bundle = Buffer.from(`${JSON.stringify(await p.sign(provenance), null, 2)}\n`);
    actions.push('provenance signed');
  }

  if (!tagged) {
    await host.createAnnotatedTag(tag, head, `${tag}\n\nModel release ${p.version}, tagged by model-ci.`);
    actions.push(`tag ${tag} created`);
  } else actions.push(`tag ${tag} already in place`);

  const resume = (e: unknown): never => {
    const message = e instanceof Error ? e.message : String(e);
    throw new ModelCiError(
      `${message}. The tag ${tag} is in place at ${short(head)}: re-run to complete the release (a re-run finds what exists and creates only what is missing)`,
    );
  };
  try {
    if (!release) {
      release = await host.createRelease({
        tag,
        commit: head,
        name: tag,
        body: p.body,
        prerelease: isPrerelease(p.version),
      });
      actions.push('release created');
    } else if ((release.body ?? '') !== p.body) {
      release = await host.updateRelease(release.id, { body: p.body });
      actions.push('release notes updated');
    } else actions.push('release unchanged');
  } catch (e) {
    resume(e);
  }
  const rel = release as HostRelease;

  const wanted: Asset[] = [
    ...p.assets,
    { name: PROVENANCE_ASSET, contentType: IN_TOTO_MEDIA_TYPE, data: provenance },
    ...(bundle ? [{ name: BUNDLE_ASSET, contentType: BUNDLE_MEDIA_TYPE, data: bundle }] : []),
  ];
  let uploaded = 0;
  for (const a of wanted) {
    const have = byName.get(a.name);
    if (have) {
      const digest = `sha256:${sha256Bytes(a.data)}`;
      if (have.digest && have.digest !== digest && a.name !== PROVENANCE_ASSET)
        p.warn(
          'asset-differs',
          `${a.name} is already attached to ${tag} with other content (${have.digest.slice(0, 19)}…); it is kept: a release's assets are not replaced`,
        );
      continue;
    }
    try {
      const up = await host.uploadAsset(rel, a);
      const digest = `sha256:${sha256Bytes(a.data)}`;
      if (up.digest && up.digest !== digest)
        throw new ModelCiError(`GitHub reports ${a.name} as ${up.digest}, but ${digest} was uploaded`);
      uploaded++;
    } catch (e) {
      resume(e);
    }
  }
  actions.push(uploaded ? `${uploaded} asset${uploaded > 1 ? 's' : ''} uploaded` : 'assets already attached');

  let floating: string | undefined;
  if (p.floatingTag) {
    const major = majorOf(p.version);
    const name = `${p.prefix}${major}`;
    const higher = p.releases.find(
      (r) => majorOf(r.version) === major && !isPrerelease(r.version) && greaterThan(r.version, p.version),
    );
    if (isPrerelease(p.version)) actions.push(`${name} not moved (a pre-release)`);
    else if (major === 0) actions.push(`no floating tag for 0.x releases`);
    else if (higher) actions.push(`${name} not moved (${higher.name} is newer)`);
    else {
      const moved = await host.moveTag(name, head).catch(resume);
      actions.push(`${name} ${moved === 'unchanged' ? 'already here' : moved}`);
      floating = name;
    }
  }
  return { release: rel, actions, provenance, bundle, floating };
}

function safeGreater(a: string, b: string): boolean {
  try {
    return greaterThan(a, b);
  } catch {
    return false;
  }
}
