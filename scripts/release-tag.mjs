#!/usr/bin/env node
// Tags a release of model-ci itself, as action authors do (actions/typescript-action): an annotated tag
// vX.Y.Z on the current commit, and the floating major tag vX moved to it, so `uses: OWNER/model-ci@v1`
// gets the release while `@vX.Y.Z` or a full commit sha stays pinned.
//
//   node scripts/release-tag.mjs 1.2.0            # check and tag locally; prints what it did
//   node scripts/release-tag.mjs 1.2.0 --push     # also push vX.Y.Z and (forced) vX to origin
//   options: --remote NAME (origin), --branch NAME (main), --dry-run (check only)
//
// It refuses (exit 1, one line saying why) unless: the version is X.Y.Z (or a pre-release, which moves no
// major tag), the working tree is clean, HEAD is the release branch, package.json and src/core/version.ts
// carry that version, dist/ is committed (CI checks that it matches a fresh build), and the tag does not
// exist yet. vX only moves forward: not when a higher vX.*.* exists. Git runs with argument arrays, never a
// shell.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?$/;

function fail(message) {
  process.stderr.write(`release-tag: ${message}\n`);
  process.exit(1);
}

function parseArgs(argv) {
  const out = { version: undefined, push: false, dryRun: false, remote: 'origin', branch: 'main' };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--push') out.push = true;
    else if (a === '--dry-run') out.dryRun = true;
    else if (a === '--remote' || a === '--branch') {
      const v = argv[++i];
      if (!v || v.startsWith('-')) fail(`${a} needs a value`);
      out[a.slice(2)] = v;
    } else if (a.startsWith('-'))
      fail(`unknown option ${a} (options: --push, --dry-run, --remote NAME, --branch NAME)`);
    else if (out.version === undefined) out.version = a.replace(/^v/, '');
    else fail(`one version only, got ${JSON.stringify(a)} too`);
  }
  if (!out.version) fail('give the version to release, e.g. node scripts/release-tag.mjs 1.2.0');
  return out;
}

const args = parseArgs(process.argv.slice(2));
const root = process.cwd();
const gitRaw = (...a) =>
  execFileSync('git', a, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
const git = (...a) => gitRaw(...a).trim();
const tryGit = (...a) => {
  try {
    return git(...a);
  } catch {
    return undefined;
  }
};

const m = SEMVER.exec(args.version);
if (!m) fail(`"${args.version}" is not a semantic version X.Y.Z`);
const [major, minor, patch, pre] = [Number(m[1]), Number(m[2]), Number(m[3]), m[4]];
const tag = `v${args.version}`;
const floating = `v${major}`;

if (tryGit('rev-parse', '--show-toplevel') === undefined) fail(`${root} is not a Git working tree`);
const dirty = gitRaw('status', '--porcelain', '--untracked-files=no').trimEnd();
if (dirty) fail(`the working tree has uncommitted changes:\n${dirty}`);
const branch = tryGit('symbolic-ref', '--quiet', '--short', 'HEAD');
if (branch !== args.branch)
  fail(`HEAD is ${branch ? `on ${branch}` : 'detached'}; releases are tagged on ${args.branch}`);

const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
if (pkg.version !== args.version)
  fail(
    `package.json says ${pkg.version}, not ${args.version}: bump it (and src/core/version.ts) in a commit first`,
  );
const versionTs = readFileSync(join(root, 'src/core/version.ts'), 'utf8');
if (!versionTs.includes(`'${args.version}'`))
  fail(`src/core/version.ts does not say '${args.version}': bump TOOL_VERSION with package.json`);
if (!git('ls-files', 'dist').trim()) fail('dist/ is not committed: npm run build, commit dist/, then tag');

if (tryGit('rev-parse', '--verify', '--quiet', `refs/tags/${tag}`) !== undefined)
  fail(`${tag} already exists: a release tag is never moved`);
if (args.push) {
  const remote = tryGit('ls-remote', '--tags', args.remote, `refs/tags/${tag}`);
  if (remote === undefined) fail(`cannot reach the remote ${args.remote}`);
  if (remote) fail(`${tag} already exists on ${args.remote}: a release tag is never moved`);
}

// vX follows the highest vX.*.* release; a pre-release or an older line (a backport) leaves it alone.
const higher = git('tag', '--list', `v${major}.*`)
  .split('\n')
  .map((t) => SEMVER.exec(t.replace(/^v/, '')))
  .filter((t) => t && !t[4])
  .find((t) => {
    const [a, b] = [Number(t[2]), Number(t[3])];
    return a > minor || (a === minor && b > patch);
  });
const moveMajor = !pre && !higher;

const head = git('rev-parse', 'HEAD');
const plan = [`tag ${tag} at ${head.slice(0, 12)}`];
if (moveMajor) plan.push(`move ${floating} to ${tag}`);
else plan.push(`leave ${floating} (${pre ? 'a pre-release' : `v${higher[0]} is newer`})`);
if (args.push) plan.push(`push ${tag}${moveMajor ? ` and ${floating}` : ''} to ${args.remote}`);
if (args.dryRun) {
  process.stdout.write(`would ${plan.join('; ')}\n`);
  process.exit(0);
}

git('tag', '-a', tag, '-m', `model-ci ${tag}`);
if (moveMajor) git('tag', '-f', '-a', floating, '-m', `model-ci ${floating} (at ${tag})`, tag + '^{commit}');
if (args.push) {
  git('push', args.remote, `refs/tags/${tag}`);
  if (moveMajor) git('push', '--force', args.remote, `refs/tags/${floating}`);
}
process.stdout.write(`${plan.join('; ')}\n`);
