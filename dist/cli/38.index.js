export const id = 38;
export const ids = [38];
export const modules = {

/***/ 80038:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runReleaseCommand: () => (/* binding */ runReleaseCommand)
});

// EXTERNAL MODULE: ./src/core/file-guard.ts
var file_guard = __webpack_require__(11645);
// EXTERNAL MODULE: ./src/core/options.ts
var core_options = __webpack_require__(83457);
// EXTERNAL MODULE: ./src/core/visible.ts
var visible = __webpack_require__(47713);
// EXTERNAL MODULE: ./src/checks/release/options.ts
var release_options = __webpack_require__(91741);
// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(31421);
// EXTERNAL MODULE: ./src/core/errors.ts
var errors = __webpack_require__(74296);
;// CONCATENATED MODULE: ./src/checks/release/git.ts
/**
 * What the release reads from the local Git repository: where it is, the commit checked out and whether
 * the checkout is fit to release (not dirty, not detached, not shallow), the release tags, and the commits
 * since the previous release. Git runs with argument arrays (execFile, never a shell), with prompts off
 * and a fixed locale; every name passed to it was validated first (the tag prefix, semver versions).
 */



/** Run git in `cwd`; resolves with the exit code (a missing git binary is an InputError). */
function runGit(cwd, args) {
    return new Promise((resolve, reject) => {
        (0,external_node_child_process_.execFile)('git', [...args], {
            cwd,
            encoding: 'utf8',
            maxBuffer: 64 * 1024 * 1024,
            timeout: 60_000,
            env: { ...process.env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C', GIT_PAGER: 'cat' },
        }, (error, stdout, stderr) => {
            const e = error;
            if (e && e.code === 'ENOENT')
                return reject(new errors/* InputError */.dz('git is not installed (or not on PATH): the release reads the Git history'));
            resolve({ code: e ? (typeof e.code === 'number' ? e.code : 1) : 0, stdout, stderr });
        });
    });
}
async function git(cwd, args, what) {
    const r = await runGit(cwd, args);
    if (r.code !== 0)
        throw new errors/* ModelCiError */.M$(`git ${what} failed: ${(0,visible/* visible */.RK)(r.stderr.trim().split('\n')[0] ?? '').slice(0, 300)}`);
    return r.stdout;
}
/** The repository around `cwd` and the state of its checkout. */
async function readRepoState(cwd) {
    const top = await runGit(cwd, ['rev-parse', '--show-toplevel']);
    if (top.code !== 0)
        throw new errors/* InputError */.dz(`${cwd} is not inside a Git working tree: the release reads the version from Git tags (run it in the repository, after actions/checkout)`);
    const root = top.stdout.trim();
    const head = await runGit(root, ['rev-parse', '--verify', '--quiet', 'HEAD^{commit}']);
    if (head.code !== 0)
        throw new errors/* InputError */.dz(`${root}: the repository has no commit yet; nothing to release`);
    const branch = await runGit(root, ['symbolic-ref', '--quiet', '--short', 'HEAD']);
    const status = await git(root, ['status', '--porcelain=v1', '-z', '--untracked-files=no'], 'status');
    const shallow = await git(root, ['rev-parse', '--is-shallow-repository'], 'rev-parse');
    return {
        root,
        head: head.stdout.trim(),
        branch: branch.code === 0 ? branch.stdout.trim() : undefined,
        dirty: status
            .split('\0')
            .filter((s) => s.length > 3)
            .map((s) => s.slice(3))
            .slice(0, 20),
        shallow: shallow.trim() === 'true',
    };
}
/** Every tag whose name starts with `prefix`, with the commit it names. */
async function listTags(root, prefix) {
    const out = await git(root, ['for-each-ref', '--format=%(refname:strip=2)%00%(objectname)%00%(*objectname)', `refs/tags/${prefix}*`], 'for-each-ref');
    return out
        .split('\n')
        .filter(Boolean)
        .map((line) => {
        const [name, object, peeled] = line.split('\0');
        return { name, commit: peeled || object };
    })
        .filter((t) => t.name.startsWith(prefix));
}
/** Names of the tags starting with `prefix` that HEAD contains (the tag's commit is HEAD or an ancestor). */
async function mergedTagNames(root, prefix) {
    const out = await git(root, ['tag', '--merged', 'HEAD', '--list', `${prefix}*`], 'tag --merged');
    return new Set(out.split('\n').filter(Boolean));
}
/**
 * The commits reachable from HEAD and not from `since` (a commit; all of them when undefined), newest
 * first, at most `max` (and whether there were more).
 */
async function commitsSince(root, since, max = 1000) {
    const range = since ? `${since}..HEAD` : 'HEAD';
    const out = await git(root, ['log', '-z', '--format=%H%n%B', `--max-count=${max + 1}`, range, '--'], 'log');
    const commits = out
        .split('\0')
        .filter((s) => s.trim() !== '')
        .map((s) => {
        const nl = s.indexOf('\n');
        return {
            sha: s.slice(0, nl < 0 ? s.length : nl).trim(),
            message: nl < 0 ? '' : s.slice(nl + 1).trim(),
        };
    })
        .filter((c) => /^[0-9a-f]{40,64}$/.test(c.sha));
    return { commits: commits.slice(0, max), truncated: commits.length > max };
}
/** The committer time of a commit, ISO 8601 in UTC. */
async function commitTime(root, commit) {
    const out = (await git(root, ['show', '-s', '--format=%ct', commit, '--'], 'show')).trim();
    return new Date(Number(out) * 1000).toISOString().replace(/\.000Z$/, 'Z');
}
/** `OWNER/REPO` from the `origin` remote's URL (https, ssh or scp-like), or undefined. */
async function originRepository(root) {
    const r = await runGit(root, ['remote', 'get-url', 'origin']);
    if (r.code !== 0)
        return undefined;
    const url = r.stdout.trim();
    const m = /[/:]([^/:]+)\/([^/]+?)(?:\.git)?\/?$/.exec(url);
    return m ? `${m[1]}/${m[2]}` : undefined;
}

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./src/core/confine.ts
var confine = __webpack_require__(13387);
// EXTERNAL MODULE: ./src/core/json-file.ts
var json_file = __webpack_require__(59656);
// EXTERNAL MODULE: ./src/core/model-card.ts
var model_card = __webpack_require__(46057);
// EXTERNAL MODULE: ./src/core/run-check.ts
var run_check = __webpack_require__(72919);
// EXTERNAL MODULE: ./src/core/validate-result.ts + 1 modules
var validate_result = __webpack_require__(75231);
// EXTERNAL MODULE: ./src/core/version.ts
var core_version = __webpack_require__(83323);
// EXTERNAL MODULE: ./src/report/load-results.ts
var load_results = __webpack_require__(1067);
// EXTERNAL MODULE: ./src/model/model-files.ts
var model_files = __webpack_require__(61462);
// EXTERNAL MODULE: ./src/report/escape.ts
var report_escape = __webpack_require__(14031);
// EXTERNAL MODULE: ./src/report/format.ts
var format = __webpack_require__(12011);
;// CONCATENATED MODULE: ./src/checks/release/results.ts
/**
 * The results a release is made from: every model-ci result file of the folder (the release's own results
 * excluded), which of them gate the release (gate, smoke, data, lint), and which of those failed. Reading
 * and validating the folder is the report's loader (bounded walk, no link out of the folder, each file
 * validated as `model-ci/result@1`).
 */





/** A result's label for messages and tables: `gate`, `metrics (candidate)`. */
function resultName(r) {
    return r.name ? `${r.check} (${r.name})` : r.check;
}
/**
 * Load the results folder. Throws InputError when it is missing, holds no result, holds nothing that
 * gates a release, or lacks a check `required` names.
 */
function readReleaseResults(dir, what, required, shown = dir) {
    let isDir = false;
    try {
        isDir = (0,external_node_fs_.statSync)(dir).isDirectory();
    }
    catch {
        throw new errors/* InputError */.dz(`${what} ${shown}: no such folder`);
    }
    if (!isDir)
        throw new errors/* InputError */.dz(`${what} ${shown}: not a folder`);
    const loaded = (0,load_results/* loadResults */.z)(dir, what);
    const results = loaded.results.filter((r) => r.result.check !== 'release');
    if (!results.length)
        throw new errors/* InputError */.dz(`${what} ${shown}: no model-ci result files (model-ci run --out-dir writes them; a workflow downloads them with actions/download-artifact); a release is made from its checks' results`);
    const present = new Set(results.map((r) => r.result.check));
    const missing = required.filter((c) => !present.has(c));
    if (missing.length)
        throw new errors/* InputError */.dz(`${what} ${shown}: no ${missing.join(', ')} result, which the release requires (found: ${[...present].sort().join(', ')})`);
    if (!results.some((r) => release_options/* GATING_CHECKS */.nm.includes(r.result.check)))
        throw new errors/* InputError */.dz(`${what} ${shown}: no ${release_options/* GATING_CHECKS */.nm.join(', ')} result: nothing says this commit passed its gates (found: ${[...present].sort().join(', ')})`);
    const failing = results
        .map((r) => r.result)
        .filter((r) => release_options/* GATING_CHECKS */.nm.includes(r.check) &&
        (r.status === 'fail' || r.status === 'error'));
    return { dir: loaded.dir, results, files: loaded.files, warnings: loaded.warnings, failing };
}
/**
 * Asset names for the result files: the file name, or the folder-relative path with `/` as `--` when two
 * files share a name (GitHub asset names are flat and unique per release).
 */
function assetNames(results) {
    const byBase = new Map();
    for (const r of results)
        byBase.set((0,external_node_path_.basename)(r.file), (byBase.get((0,external_node_path_.basename)(r.file)) ?? 0) + 1);
    const out = new Map();
    for (const r of results) {
        const base = (0,external_node_path_.basename)(r.file);
        const name = (byBase.get(base) ?? 0) > 1 ? r.file.replace(/\//g, '--') : base;
        out.set(name.replace(/[^A-Za-z0-9._-]/g, '_'), r);
    }
    return out;
}

;// CONCATENATED MODULE: ./src/checks/release/body.ts



/** GitHub refuses release bodies over 125 000 characters; the notes stay well below. */
const BODY_LIMIT = 100_000;
/** A code span: Markdown, HTML and mentions are inert inside it, so only backticks and controls go. */
// eslint-disable-next-line no-control-regex
const code = (text) => `\`${text.replace(/[`\x00-\x1f\x7f]/g, '')}\``;
/** A URL that cannot break out of a Markdown link destination. */
function linkTarget(url) {
    return url.replace(/[\s()<>]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}
const LOWER_IS_BETTER = /loss|error|rmse|mse|mae|mape|brier|ece|latency|_ms$|size|usd|cost/i;
function num(v) {
    return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}
/**
 * The figures a release is judged by, from its results: the gate's candidate metrics (else a metrics
 * result's), the smoke test's latency and throughput, the image's size and the cost estimate.
 */
function releaseMetrics(results) {
    const rows = [];
    const better = (name) => (LOWER_IS_BETTER.test(name) ? 'lower' : 'higher');
    const gate = results.find((r) => r.check === 'gate');
    if (gate) {
        for (const [name, v] of Object.entries(gate.metrics)) {
            const value = v && typeof v === 'object' ? num(v.candidate) : undefined;
            if (value !== undefined)
                rows.push({ label: name, value, better: better(name) });
        }
    }
    else {
        const metrics = results.filter((r) => r.check === 'metrics');
        const pick = metrics.find((r) => r.name === 'candidate') ?? (metrics.length === 1 ? metrics[0] : undefined);
        for (const [name, v] of Object.entries(pick?.metrics ?? {})) {
            const value = num(v);
            if (value !== undefined && !/^(tp|fp|tn|fn)$/.test(name))
                rows.push({ label: name, value, better: better(name) });
        }
    }
    const smoke = results.find((r) => r.check === 'smoke');
    const p95 = num(smoke?.metrics.latency_p95_ms);
    if (p95 !== undefined)
        rows.push({ label: 'latency p95 (ms)', value: p95, better: 'lower' });
    const throughput = num(smoke?.metrics.throughput_per_s);
    if (throughput !== undefined)
        rows.push({ label: 'throughput (rows/s)', value: throughput, better: 'higher' });
    const image = results.find((r) => r.check === 'image');
    const size = num(image?.metrics.size_bytes);
    if (size !== undefined)
        rows.push({ label: 'image size (MB)', value: size / 1e6, better: 'lower' });
    const cost = results.find((r) => r.check === 'cost');
    const monthly = num(cost?.metrics.monthly_usd);
    if (monthly !== undefined)
        rows.push({ label: 'serving cost (USD/month)', value: monthly, better: 'lower' });
    return rows;
}
function commitLink(input, sha) {
    const short = code(sha.slice(0, 7));
    return input.webUrl ? `[${short}](${linkTarget(`${input.webUrl}/commit/${sha}`)})` : short;
}
function tagLink(input, tag) {
    return input.webUrl
        ? `[${(0,report_escape/* escapeMarkdown */.FV)(tag)}](${linkTarget(`${input.webUrl}/releases/tag/${encodeURIComponent(tag)}`)})`
        : code(tag);
}
function changeCell(row, before) {
    if (before === undefined)
        return 'new';
    const d = row.value - before;
    if (d === 0 || Math.abs(d) < 1e-12)
        return '±0';
    const good = row.better === 'higher' ? d > 0 : d < 0;
    return `${(0,format/* formatSigned */.Gp)(d)} ${good ? '🟢' : '🔴'}`;
}
function metricsSection(input) {
    const rows = releaseMetrics(input.results);
    if (!rows.length)
        return [];
    const prev = input.previous
        ? new Map(releaseMetrics(input.previous).map((r) => [r.label, r.value]))
        : undefined;
    const lines = ['### Metrics', ''];
    if (prev && input.previousTag) {
        lines.push(...(0,format/* markdownTable */.Qj)(['metric', (0,report_escape/* escapeMarkdown */.FV)(input.previousTag), (0,report_escape/* escapeMarkdown */.FV)(input.tag), 'change'], rows.map((r) => [
            (0,report_escape/* escapeMarkdown */.FV)(r.label),
            (0,format/* formatNumber */.ZV)(prev.get(r.label)),
            (0,format/* formatNumber */.ZV)(r.value),
            changeCell(r, prev.get(r.label)),
        ])));
    }
    else {
        lines.push(...(0,format/* markdownTable */.Qj)(['metric', (0,report_escape/* escapeMarkdown */.FV)(input.tag)], rows.map((r) => [(0,report_escape/* escapeMarkdown */.FV)(r.label), (0,format/* formatNumber */.ZV)(r.value)])));
        if (input.previousNote)
            lines.push('', `_${(0,report_escape/* escapeMarkdown */.FV)(input.previousNote)}_`);
    }
    lines.push('');
    return lines;
}
/** The pipeline's order (lint first, cost last), so the notes read like the report. */
const ORDER = [
    'lint',
    'smoke',
    'metrics',
    'gate',
    'data',
    'data-profile',
    'data-merge',
    'drift',
    'image',
    'cost',
];
function checksSection(input) {
    const rank = (c) => (ORDER.includes(c) ? ORDER.indexOf(c) : ORDER.length);
    const sorted = [...input.results].sort((a, b) => rank(a.check) - rank(b.check) || (a.name ?? '').localeCompare(b.name ?? ''));
    return [
        '### Checks',
        '',
        ...(0,format/* markdownTable */.Qj)(['check', 'status', 'summary'], sorted.map((r) => [
            (0,report_escape/* escapeMarkdown */.FV)(resultName(r)),
            `${(0,format/* statusIcon */.I8)(r.status)} ${r.status}`,
            (0,report_escape/* escapeMarkdown */.FV)((0,report_escape/* truncateText */.EJ)(r.summary, 200)),
        ])),
        '',
    ];
}
function cardSection(input) {
    const card = input.card;
    if (!card || (!card.fields.length && !card.title))
        return [];
    const lines = ['### Model card', ''];
    lines.push(`${card.title ? `**${(0,report_escape/* escapeMarkdown */.FV)(card.title)}** — ` : ''}from ${code(card.file)}`, '');
    for (const f of card.fields)
        lines.push(`- **${(0,report_escape/* escapeMarkdown */.FV)(f.field[0].toUpperCase() + f.field.slice(1))}**: ${(0,report_escape/* escapeMarkdown */.FV)(f.text)}`);
    lines.push('');
    return lines;
}
function dataSection(input) {
    if (!input.data.length)
        return [];
    const drift = input.results.filter((r) => r.check === 'drift');
    return [
        '### Data',
        '',
        ...(0,format/* markdownTable */.Qj)(['data', 'rows × columns', 'quality', 'sha256'], input.data.map((d) => [
            code(d.file),
            d.rows !== undefined
                ? `${(0,format/* formatNumber */.ZV)(d.rows)} × ${d.columns !== undefined ? (0,format/* formatNumber */.ZV)(d.columns) : '–'}`
                : '–',
            (0,report_escape/* escapeMarkdown */.FV)(d.quality),
            d.sha256 ? code(d.sha256.slice(0, 16)) : '–',
        ])),
        ...drift.map((r) => `\n- ${(0,format/* statusIcon */.I8)(r.status)} **${(0,report_escape/* escapeMarkdown */.FV)(resultName(r))}**: ${(0,report_escape/* escapeMarkdown */.FV)(r.summary)}`),
        '',
    ];
}
function imageSection(input) {
    const i = input.image;
    if (!i)
        return [];
    return [
        '### Serving image',
        '',
        `- ${code(i.ref)}${i.pushed ? '' : ' (built, not pushed)'}`,
        ...(i.tags.length ? [`- tags: ${i.tags.map(code).join(', ')}`] : []),
        '',
    ];
}
const GROUPS = [
    { title: '⚠️ Breaking changes', test: (c) => c.breaking },
    { title: 'Features', test: (c) => !c.breaking && c.type === 'feat' },
    { title: 'Fixes', test: (c) => !c.breaking && c.bump === 'patch' },
];
function changesSection(input) {
    const title = input.previousTag ? `### Changes since ${(0,report_escape/* escapeMarkdown */.FV)(input.previousTag)}` : '### Changes';
    const lines = [title, ''];
    const shown = new Set();
    const PER_GROUP = 50;
    for (const g of GROUPS) {
        const list = input.changes.filter(g.test);
        if (!list.length)
            continue;
        lines.push(`**${g.title}**`, '');
        for (const c of list.slice(0, PER_GROUP)) {
            shown.add(c);
            const scope = c.scope ? `**${(0,report_escape/* escapeMarkdown */.FV)(c.scope)}:** ` : '';
            const text = c.breaking && c.breakingNotes[0] && c.breakingNotes[0] !== c.subject
                ? `${c.subject} — ${c.breakingNotes[0]}`
                : c.subject;
            lines.push(`- ${scope}${(0,report_escape/* escapeMarkdown */.FV)((0,report_escape/* truncateText */.EJ)(text, 300))} (${commitLink(input, c.sha)})`);
        }
        if (list.length > PER_GROUP)
            lines.push(`- … and ${list.length - PER_GROUP} more`);
        lines.push('');
    }
    const others = input.changes.filter((c) => !shown.has(c));
    if (others.length) {
        const plain = others.filter((c) => !c.conventional).length;
        lines.push(`${shown.size ? 'Also' : 'Commits'}: ${others.length} other commit${others.length > 1 ? 's' : ''}${plain ? ` (${plain} not conventional)` : ''} that bump nothing.${input.changesTruncated ? ' Only the latest 1000 commits were read.' : ''}`, '');
    }
    else if (!input.changes.length)
        lines.push('No commits since the previous release.', '');
    return lines;
}
/** The release notes for GitHub (Markdown). */
function renderBody(input) {
    const lines = [];
    const facts = [
        `**${(0,report_escape/* escapeMarkdown */.FV)(input.tag)}** (${(0,report_escape/* escapeMarkdown */.FV)(input.bumpReason)})`,
        `commit ${commitLink(input, input.commit)}`,
        input.previousTag ? `previous release ${tagLink(input, input.previousTag)}` : 'first release',
    ];
    if (input.report)
        facts.push(`[${(0,report_escape/* escapeMarkdown */.FV)(input.report.label)}](${linkTarget(input.report.url)})`);
    lines.push(facts.join(' · '), '');
    if (input.forced.length)
        lines.push('> [!WARNING]', `> Released with \`force\` although ${input.forced.map((r) => `**${(0,report_escape/* escapeMarkdown */.FV)(resultName(r))}** ${r.status}ed (${(0,report_escape/* escapeMarkdown */.FV)((0,report_escape/* truncateText */.EJ)(r.summary, 120))})`).join('; ')}.`, '');
    lines.push(...cardSection(input));
    lines.push(...metricsSection(input));
    lines.push(...checksSection(input));
    lines.push(...dataSection(input));
    lines.push(...imageSection(input));
    lines.push(...changesSection(input));
    const subjects = [
        input.provenance.modelFiles
            ? `${input.provenance.modelFiles} model file${input.provenance.modelFiles > 1 ? 's' : ''}`
            : '',
        input.provenance.image ? 'the serving image' : '',
    ].filter(Boolean);
    lines.push('### Provenance', '', `${code('provenance.json')}: an in-toto Statement v1 with a SLSA provenance v1 predicate; subjects: ${subjects.join(' and ') || 'none'} (sha256); materials: the commit, the data and the result files. ${input.provenance.signed ? `Signed with Sigstore: ${code('provenance.sigstore.json')}.` : `${(0,report_escape/* escapeMarkdown */.FV)(input.provenance.note.replace(/^./, (c) => c.toUpperCase()))}.`}`, '');
    if (input.assets.length)
        lines.push(`Attached: ${input.assets.map(code).join(', ')}.`, '');
    let body = lines.join('\n');
    if (body.length > BODY_LIMIT)
        body = `${body.slice(0, BODY_LIMIT)}\n\n_(notes shortened to ${BODY_LIMIT} characters)_\n`;
    return body;
}

// EXTERNAL MODULE: ./node_modules/conventional-commits-parser/dist/index.js + 5 modules
var dist = __webpack_require__(34674);
;// CONCATENATED MODULE: ./src/checks/release/commits.ts
/**
 * Commits since the previous release, read as Conventional Commits (conventionalcommits.org 1.0, parsed
 * by `conventional-commits-parser` with the `!` breaking marker): `fix:`/`perf:` bump the patch, `feat:`
 * the minor, `!` or a `BREAKING CHANGE:` footer the major — the semantic-release / release-please rules.
 * GitHub's merge commits ("Merge pull request #12 from …") are read by their second line. A message that
 * is not a conventional commit bumps nothing and is listed as such.
 */

const BUMP_RANK = { patch: 1, minor: 2, major: 3 };
const PATCH_TYPES = new Set(['fix', 'perf', 'deps']);
const parser = new dist/* CommitParser */.Jf({
    headerPattern: /^(\w+)(?:\(([^()\r\n]*)\))?!?: (.+)$/,
    breakingHeaderPattern: /^(\w+)(?:\(([^()\r\n]*)\))?!: (.+)$/,
    headerCorrespondence: ['type', 'scope', 'subject'],
    noteKeywords: ['BREAKING CHANGE', 'BREAKING-CHANGE'],
    mergePattern: /^Merge pull request #(\d+) from (.*)$/,
    mergeCorrespondence: ['id', 'source'],
});
/** One commit message read as a conventional commit. */
function parseCommit(raw) {
    const firstLine = raw.message.split('\n')[0]?.trim() ?? '';
    let c;
    try {
        c = parser.parse(raw.message);
    }
    catch {
        return { sha: raw.sha, subject: firstLine, breaking: false, breakingNotes: [], conventional: false };
    }
    const type = typeof c.type === 'string' && c.type ? c.type.toLowerCase() : undefined;
    if (!type || !c.subject) {
        return { sha: raw.sha, subject: firstLine, breaking: false, breakingNotes: [], conventional: false };
    }
    const breakingNotes = c.notes
        .filter((n) => /^BREAKING[ -]CHANGE$/i.test(n.title))
        .map((n) => n.text.trim() || String(c.subject));
    const breaking = breakingNotes.length > 0;
    const bump = breaking
        ? 'major'
        : type === 'feat'
            ? 'minor'
            : PATCH_TYPES.has(type)
                ? 'patch'
                : undefined;
    return {
        sha: raw.sha,
        type,
        scope: typeof c.scope === 'string' && c.scope ? c.scope : undefined,
        subject: String(c.subject).trim(),
        breaking,
        breakingNotes,
        conventional: true,
        bump,
    };
}
/** The largest of some bumps, or undefined. */
function maxBump(bumps) {
    let best;
    for (const b of bumps)
        if (b && (!best || BUMP_RANK[b] > BUMP_RANK[best]))
            best = b;
    return best;
}
/** What the commits ask for, and why in words: `minor: 2 feat commits, 1 fix`. */
function commitBump(commits) {
    const bump = maxBump(commits.map((c) => c.bump));
    const count = (pred) => commits.filter(pred).length;
    const parts = [];
    const breaking = count((c) => c.breaking);
    const feats = count((c) => !c.breaking && c.type === 'feat');
    const fixes = count((c) => !c.breaking && c.bump === 'patch');
    if (breaking)
        parts.push(`${breaking} breaking change${breaking > 1 ? 's' : ''}`);
    if (feats)
        parts.push(`${feats} feat commit${feats > 1 ? 's' : ''}`);
    if (fixes)
        parts.push(`${fixes} fix commit${fixes > 1 ? 's' : ''}`);
    if (!bump) {
        const other = commits.length;
        return {
            reason: other
                ? `${other} commit${other > 1 ? 's' : ''}, none of them a fix, feat or breaking change`
                : 'no commits',
        };
    }
    return { bump, reason: `${bump}: ${parts.join(', ')}` };
}
/** `release:major`, `release: minor`, `Release:Patch` -> the bump; other labels -> undefined. */
function labelBump(label) {
    const m = /^release:\s*(major|minor|patch)$/i.exec(label.trim());
    return m ? m[1].toLowerCase() : undefined;
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
;// CONCATENATED MODULE: ./src/checks/release/digests.ts
/**
 * sha256 of the files a release names: the model files (its subjects, equal to what `sha256sum` prints),
 * the data files and the result files (its materials). Files are read in chunks, so a large data file
 * costs bounded memory, and only regular files are read (a FIFO would never end).
 */





/** sha256 (hex) and size of a regular file. */
function sha256File(path, what = 'file') {
    let fd;
    try {
        fd = (0,external_node_fs_.openSync)(path, 'r');
    }
    catch (e) {
        throw new errors/* InputError */.dz(`cannot read ${what} ${(0,visible/* visible */.RK)(path)}: ${(0,file_guard/* fsReason */.EG)(e)}`);
    }
    try {
        if (!(0,external_node_fs_.fstatSync)(fd).isFile())
            throw new errors/* InputError */.dz(`${what} ${(0,visible/* visible */.RK)(path)} is not a regular file`);
        const hash = (0,external_node_crypto_.createHash)('sha256');
        const buf = Buffer.allocUnsafe(1 << 20);
        let size = 0;
        for (let n = (0,external_node_fs_.readSync)(fd, buf, 0, buf.length, size); n > 0; n = (0,external_node_fs_.readSync)(fd, buf, 0, buf.length, size)) {
            hash.update(buf.subarray(0, n));
            size += n;
        }
        return { sha256: hash.digest('hex'), size };
    }
    finally {
        (0,external_node_fs_.closeSync)(fd);
    }
}
function sha256Bytes(bytes) {
    return (0,external_node_crypto_.createHash)('sha256').update(bytes).digest('hex');
}

;// CONCATENATED MODULE: ./src/checks/release/provenance.ts
/**
 * `provenance.json`: an in-toto Statement v1 (github.com/in-toto/attestation, spec/v1/statement.md)
 * whose predicate is SLSA provenance v1 (slsa.dev/spec/v1.0/provenance).
 *
 * - subject: every model file (name = path in the repository, digest = sha256 as `sha256sum` prints it)
 *   and the serving image (name = its repository, digest = the manifest digest the registry reported);
 * - buildDefinition.buildType: `https://model-ci.dev/buildtypes/release/v1` (docs/release.md describes
 *   it); externalParameters: the workflow (ref, repository, path — as GitHub's own workflow build type
 *   records it) and the release options; internalParameters: the GitHub run's facts and the tool version;
 *   resolvedDependencies: the source commit (`gitCommit`), the data files and the result files the release
 *   was judged on (sha256 each);
 * - runDetails: the builder (`https://github.com/actions/runner/github-hosted` or `…/self-hosted` on
 *   Actions, `https://model-ci.dev/builders/local/v1` elsewhere) with `version: {model-ci}`, and the
 *   run as `invocationId` (`<server>/<repo>/actions/runs/<id>/attempts/<n>`) with start and finish times.
 *
 * Serialised with sorted keys and no insignificant whitespace differences between runs, so the bytes a
 * signature covers are the bytes of the attached file.
 */
const STATEMENT_TYPE = 'https://in-toto.io/Statement/v1';
const SLSA_PROVENANCE_V1 = 'https://slsa.dev/provenance/v1';
const RELEASE_BUILD_TYPE = 'https://model-ci.dev/buildtypes/release/v1';
const LOCAL_BUILDER = 'https://model-ci.dev/builders/local/v1';
const IN_TOTO_MEDIA_TYPE = 'application/vnd.in-toto+json';
/** `owner/repo/.github/workflows/x.yml@refs/heads/main` -> its path and ref. */
function parseWorkflowRef(workflowRef, repository) {
    const at = workflowRef.lastIndexOf('@');
    const left = at < 0 ? workflowRef : workflowRef.slice(0, at);
    const ref = at < 0 ? undefined : workflowRef.slice(at + 1);
    const path = left.startsWith(`${repository}/`) ? left.slice(repository.length + 1) : undefined;
    return { path, ref };
}
function buildStatement(input) {
    const run = input.run;
    const workflow = run?.workflowRef ? parseWorkflowRef(run.workflowRef, run.repository) : undefined;
    const externalParameters = {
        ...(run && workflow
            ? {
                workflow: {
                    ref: workflow.ref ?? input.ref ?? '',
                    repository: `${run.serverUrl}/${run.repository}`,
                    path: workflow.path ?? '',
                },
            }
            : {}),
        release: {
            tagPrefix: input.release.tagPrefix,
            force: input.release.force,
            floatingTag: input.release.floatingTag,
            ...(input.release.explicitVersion ? { version: input.release.explicitVersion } : {}),
        },
    };
    const internalParameters = {
        ...(run
            ? {
                github: {
                    ...(run.eventName ? { event_name: run.eventName } : {}),
                    ...(run.repositoryId ? { repository_id: run.repositoryId } : {}),
                    ...(run.repositoryOwnerId ? { repository_owner_id: run.repositoryOwnerId } : {}),
                    ...(run.runnerEnvironment ? { runner_environment: run.runnerEnvironment } : {}),
                },
            }
            : {}),
        model_ci: {
            version: input.toolVersion,
            release: {
                version: input.release.version,
                tag: input.release.tag,
                ...(input.release.previousTag ? { previousTag: input.release.previousTag } : {}),
            },
        },
    };
    const source = {
        ...(input.repositoryUri ? { uri: `${input.repositoryUri}${input.ref ? `@${input.ref}` : ''}` } : {}),
        digest: { gitCommit: input.commit },
    };
    const builderId = run
        ? `https://github.com/actions/runner/${run.runnerEnvironment === 'self-hosted' ? 'self-hosted' : 'github-hosted'}`
        : LOCAL_BUILDER;
    return {
        _type: STATEMENT_TYPE,
        subject: input.subjects,
        predicateType: SLSA_PROVENANCE_V1,
        predicate: {
            buildDefinition: {
                buildType: RELEASE_BUILD_TYPE,
                externalParameters,
                internalParameters,
                resolvedDependencies: [source, ...input.materials],
            },
            runDetails: {
                builder: { id: builderId, version: { 'model-ci': input.toolVersion } },
                metadata: {
                    ...(run
                        ? {
                            invocationId: `${run.serverUrl}/${run.repository}/actions/runs/${run.runId}/attempts/${run.runAttempt}`,
                        }
                        : {}),
                    startedOn: input.startedOn,
                    finishedOn: input.finishedOn,
                },
            },
        },
    };
}
/** JSON with object keys sorted at every level, two-space indented, ending in a newline. */
function canonicalJson(value) {
    const sort = (v) => Array.isArray(v)
        ? v.map(sort)
        : v && typeof v === 'object'
            ? Object.fromEntries(Object.keys(v)
                .sort()
                .map((k) => [k, sort(v[k])]))
            : v;
    return `${JSON.stringify(sort(value), null, 2)}\n`;
}

// EXTERNAL MODULE: ./node_modules/@sigstore/bundle/dist/index.js
var bundle_dist = __webpack_require__(61040);
// EXTERNAL MODULE: ./node_modules/@sigstore/sign/dist/index.js
var sign_dist = __webpack_require__(15179);
;// CONCATENATED MODULE: ./src/checks/release/sigstore.ts
/**
 * Keyless signing of `provenance.json` with Sigstore (`@sigstore/sign`): the workflow's OIDC token
 * (`permissions: id-token: write`) gets a short-lived certificate from Fulcio naming the workflow, the
 * statement is signed as a DSSE envelope (payload type `application/vnd.in-toto+json`, as in-toto requires
 * for attestations) and the signature is recorded in Rekor. The result is a Sigstore bundle (v0.3 JSON),
 * attached as `provenance.sigstore.json`; `cosign verify-blob-attestation --bundle`, `gh attestation
 * verify --bundle` and sigstore-js verify it (docs/release.md).
 *
 * When to sign (`sign`): `true` always (an error without a token); `false` never; `auto` when a token is
 * available and the repository is not private — the public Rekor log is public, and an entry names the
 * repository and workflow.
 */




const BUNDLE_MEDIA_TYPE = 'application/vnd.dev.sigstore.bundle.v0.3+json';
/**
 * The OIDC identity of this run: `SIGSTORE_ID_TOKEN` (as cosign reads it), else GitHub Actions' token
 * service (`ACTIONS_ID_TOKEN_REQUEST_URL`, present only with `id-token: write`), for audience `sigstore`.
 * `onToken` masks the token in the log.
 */
function oidcIdentity(env, onToken = () => { }) {
    if (env.SIGSTORE_ID_TOKEN) {
        const token = env.SIGSTORE_ID_TOKEN;
        return {
            getToken: async () => {
                onToken(token);
                return token;
            },
        };
    }
    const url = env.ACTIONS_ID_TOKEN_REQUEST_URL;
    const bearer = env.ACTIONS_ID_TOKEN_REQUEST_TOKEN;
    if (!url || !bearer)
        return undefined;
    return {
        async getToken() {
            const u = new URL(url);
            u.searchParams.set('audience', 'sigstore');
            let response;
            try {
                response = await fetch(u, {
                    headers: { Accept: 'application/json', Authorization: `Bearer ${bearer}` },
                });
            }
            catch (e) {
                throw new errors/* ModelCiError */.M$(`the OIDC token could not be requested: ${e.message}`);
            }
            if (!response.ok)
                throw new errors/* ModelCiError */.M$(`the OIDC token service answered ${response.status} ${response.statusText}`);
            const body = (await response.json());
            if (typeof body.value !== 'string' || !body.value)
                throw new errors/* ModelCiError */.M$('the OIDC token service answered without a token');
            onToken(body.value);
            return body.value;
        },
    };
}
/** Whether to sign, and why (for the log and the result). */
function signingDecision(mode, facts) {
    if (facts.dryRun)
        return { sign: false, reason: 'not signed: dry run' };
    if (mode === 'false')
        return { sign: false, reason: 'not signed (sign: false)' };
    if (!facts.identity) {
        if (mode === 'true')
            throw new errors/* InputError */.dz('sign: true needs an OIDC token: give the release job "permissions: id-token: write" (or set SIGSTORE_ID_TOKEN)');
        return {
            sign: false,
            reason: 'not signed: no OIDC token (the job has no "id-token: write" permission)',
        };
    }
    if (mode === 'auto' && facts.repositoryPrivate)
        return {
            sign: false,
            reason: 'not signed: the repository is private, and the public Rekor log would publish its name and workflow (sign: true signs anyway)',
        };
    return { sign: true, reason: 'signed with Sigstore' };
}
/** Sign an in-toto statement (its exact bytes) and return the Sigstore bundle as JSON. */
async function signStatement(payload, identity, endpoints) {
    const fetchOptions = { timeout: 30_000, retry: { retries: 2, factor: 2, minTimeout: 500 } };
    const signer = new sign_dist/* FulcioSigner */.$o({
        identityProvider: identity,
        fulcioBaseURL: endpoints.fulcioUrl,
        ...fetchOptions,
    });
    const witness = new sign_dist/* RekorWitness */.fU({ rekorBaseURL: endpoints.rekorUrl, entryType: 'dsse', ...fetchOptions });
    const builder = new sign_dist/* DSSEBundleBuilder */.VV({ signer, witnesses: [witness] });
    try {
        const bundle = await builder.create({ data: payload, type: IN_TOTO_MEDIA_TYPE });
        return (0,bundle_dist.bundleToJSON)(bundle);
    }
    catch (e) {
        const err = e;
        const why = [err.message, err.cause?.message].filter(Boolean).join(': ');
        throw new errors/* ModelCiError */.M$(`signing provenance.json with Sigstore failed (${why.slice(0, 300)}); nothing was released — re-run, or set sign: false`);
    }
}

// EXTERNAL MODULE: ./node_modules/semver/index.js
var semver = __webpack_require__(62088);
var semver_default = /*#__PURE__*/__webpack_require__.n(semver);
;// CONCATENATED MODULE: ./src/checks/release/version.ts
/**
 * Release versions from tags: `<prefix>X.Y.Z` tags are releases (semver 2.0 as npm's `semver` reads it,
 * strictly); `<prefix><major>` tags are the floating major tags this tool moves; any other tag with the
 * prefix is ignored with a warning. The next version is the previous one bumped (by labels, else by
 * commits), or the version given.
 */



/** Sort tags with the prefix into releases, floating majors and the rest (warned about). */
function classifyTags(tags, prefix) {
    const out = { releases: [], floating: [], ignored: [] };
    for (const t of tags) {
        if (!t.name.startsWith(prefix))
            continue;
        const rest = t.name.slice(prefix.length);
        if (/^(0|[1-9]\d{0,8})$/.test(rest)) {
            out.floating.push(t);
            continue;
        }
        const v = semver_default().valid(rest);
        if (v && v === rest)
            out.releases.push({ name: t.name, version: v, commit: t.commit });
        else
            out.ignored.push(`tag ${(0,visible/* visible */.RK)(t.name)} is not ${prefix}X.Y.Z (semantic versioning): ignored when looking for the previous release`);
    }
    out.releases.sort((a, b) => semver_default().rcompare(a.version, b.version));
    return out;
}
/** A version as given (`1.2.0` or `v1.2.0`), checked; throws InputError naming `where`. */
function parseVersion(text, where) {
    const t = text.trim().replace(/^v(?=\d)/, '');
    const v = semver_default().valid(t);
    if (!v || v !== t)
        throw new errors/* InputError */.dz(`${where}: ${JSON.stringify(text.slice(0, 60))} is not a semantic version (X.Y.Z, e.g. 1.4.0 or 2.0.0-rc.1)`);
    return v;
}
/** The version the release gets when nothing was released before. */
const FIRST_VERSION = '1.0.0';
/** `previous` bumped; a pre-release is promoted to its release by any bump (semver's `inc`). */
function bumpVersion(previous, bump) {
    const next = semver_default().inc(previous, bump);
    if (!next)
        throw new errors/* InputError */.dz(`cannot bump ${previous} by ${bump}`);
    return next;
}
function isPrerelease(version) {
    return (semver_default().prerelease(version)?.length ?? 0) > 0;
}
function majorOf(version) {
    return semver_default().major(version);
}
function greaterThan(a, b) {
    return semver_default().gt(a, b);
}

;// CONCATENATED MODULE: ./src/checks/release/release.ts
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






















const RELEASE_CHECK = 'release';
const RELEASE_TITLE = 'Model release';
const PROVENANCE_ASSET = 'provenance.json';
const BUNDLE_ASSET = 'provenance.sigstore.json';
const REPORT_ASSET = 'report.html';
/** The most a downloaded result or provenance asset may hold. */
const MAX_ASSET_BYTES = 64 * 1024 * 1024;
/** The most of a model card that is read. */
const MAX_CARD_BYTES = 1024 * 1024;
const release_short = (sha) => sha.slice(0, 7);
/** Run a release (or a dry run) and return its result; bad input throws InputError. */
async function runRelease(options, ctx) {
    const clock = ctx.clock ?? run_check/* systemClock */.m;
    const describe = ctx.describe ?? ((k) => `--${(0,core_options/* kebab */.i9)(k)}`);
    const inputs = { ...options };
    return (0,run_check/* runCheck */.k)(RELEASE_CHECK, inputs, () => release(options, ctx, describe, clock), clock);
}
async function release(options, ctx, describe, clock) {
    const startedOn = iso(clock.now());
    const { logger, files } = ctx;
    const findings = [];
    const warn = (id, message, extra = {}) => {
        findings.push({ id: `release/${id}`, severity: 'warning', message, ...extra });
        logger.warn(message);
    };
    const prefix = (0,release_options/* checkTagPrefix */.HR)(options.tagPrefix, describe('tagPrefix'));
    const explicit = options.version ? parseVersion(options.version, describe('version')) : undefined;
    const endpoints = {
        fulcioUrl: (0,release_options/* checkUrl */.CU)(options.fulcioUrl, describe('fulcioUrl')),
        rekorUrl: (0,release_options/* checkUrl */.CU)(options.rekorUrl, describe('rekorUrl')),
    };
    const reportUrl = options.reportUrl ? (0,release_options/* checkUrl */.CU)(options.reportUrl, describe('reportUrl')) : undefined;
    // ---- the results of this commit
    const resultsDir = (0,external_node_path_.resolve)(ctx.baseDir, options.results);
    const results = readReleaseResults(resultsDir, describe('results'), options.require ?? [], options.results);
    files.addInputs(results.files, 'result file');
    for (const w of results.warnings)
        warn('result-skipped', w);
    const provenanceOut = options.provenance ? (0,external_node_path_.resolve)(ctx.baseDir, options.provenance) : undefined;
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
    for (const w of classified.ignored)
        warn('tag-not-semver', w);
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
        throw new errors/* InputError */.dz(`the tag ${tag} already exists at ${release_short(clash.commit)}, not at this commit ${release_short(repo.head)}: a release tag is never moved (give another ${describe('version')})`);
    // ---- gates
    const refused = results.failing.length > 0 && !options.force;
    for (const r of results.failing)
        findings.push({
            id: refused ? 'release/refused' : 'release/forced',
            severity: refused ? 'error' : 'warning',
            message: refused
                ? `${resultName(r)} ${r.status === 'error' ? 'could not run' : 'failed'}: ${(0,visible/* visible */.RK)(r.summary)}`
                : `released with force although ${resultName(r)} ${r.status === 'error' ? 'could not run' : 'failed'}: ${(0,visible/* visible */.RK)(r.summary)}`,
            subject: resultName(r),
        });
    // ---- subjects and materials
    const webUrl = ctx.host?.webUrl ?? (ctx.serverUrl && ctx.repository ? `${ctx.serverUrl}/${ctx.repository}` : undefined);
    const model = modelSubjects(options, results, repo, ctx, warn, describe);
    const image = imageFacts(results);
    const subjects = [...model.subjects];
    if (image && /^sha256:[0-9a-f]{64}$/.test(image.digest))
        subjects.push({ name: image.repository, digest: { sha256: image.digest.slice('sha256:'.length) } });
    if (!subjects.length)
        throw new errors/* InputError */.dz(`nothing to attest: no model files and no image digest (give ${describe('model')}, or include an image or smoke result that names the model)`);
    const data = dataMaterials(options, results, repo, ctx, warn, describe);
    const resultAssets = assetNames(results.results);
    const resultMaterials = [...resultAssets.entries()].map(([name, r]) => ({
        name: `results/${name}`,
        digest: { sha256: sha256File((0,external_node_path_.join)(results.dir, r.file), 'result file').sha256 },
        annotations: { check: r.result.check, status: r.result.status },
    }));
    // ---- notes
    const card = readCard(options, repo, ctx, describe);
    const previousResults = await readPreviousResults(options, previous, ctx, describe, warn);
    const hasReport = isFile((0,external_node_path_.join)(results.dir, REPORT_ASSET));
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
        toolVersion: core_version/* TOOL_VERSION */.w,
        startedOn,
        finishedOn: iso(clock.now()),
    });
    let provenance = Buffer.from(canonicalJson(statement));
    const details = {
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
        actions: [],
    };
    const metrics = { commits: changes.length, subjects: subjects.length, assets: assetList.length };
    const writeProvenance = (bytes, bundle) => {
        if (!provenanceOut || !bundleOut)
            return;
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
            status: 'fail',
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
            summary: `Dry run: would release ${tag} (${decided.reason}) at ${release_short(repo.head)}${previous ? `, after ${previous.name}` : ''}; nothing was created`,
            metrics,
            findings,
            details,
        };
    }
    // ---- publish
    if (!ctx.host)
        throw new errors/* InputError */.dz('a release needs a GitHub token with "contents: write": the action\'s github-token input, or GITHUB_TOKEN for the CLI (or run with --dry-run)');
    const assets = [
        ...[...resultAssets.entries()].map(([name, r]) => ({
            name,
            contentType: 'application/json',
            data: (0,external_node_fs_.readFileSync)((0,external_node_path_.join)(results.dir, r.file)),
        })),
        ...(hasReport
            ? [
                {
                    name: REPORT_ASSET,
                    contentType: 'text/html',
                    data: (0,external_node_fs_.readFileSync)((0,external_node_path_.join)(results.dir, REPORT_ASSET)),
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
            ? (payload) => signStatement(payload, ctx.identity, endpoints)
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
        ? `${tag} is released at ${release_short(repo.head)}; ${did.length ? `completed: ${did.join(', ')}` : 'nothing changed'}: ${published.release.htmlUrl}`
        : `Released ${tag} (${decided.reason}) at ${release_short(repo.head)}: ${published.release.htmlUrl}`;
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
async function labelsOfCommit(ctx, head, dryRun, warn) {
    if (!ctx.host || dryRun)
        return [];
    try {
        return (await ctx.host.pullRequestLabels(head)).flatMap((p) => p.labels);
    }
    catch (e) {
        if (!(e instanceof errors/* ModelCiError */.M$))
            throw e;
        warn('labels-unreadable', `the pull request labels could not be read (${e.message}); the commits decide the version`);
        return [];
    }
}
function iso(d) {
    return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
function worst(findings, floor) {
    if (findings.some((f) => f.severity === 'error'))
        return 'fail';
    if (floor === 'pass' && findings.some((f) => f.severity === 'warning'))
        return 'warn';
    return floor;
}
/** `out/provenance.json` -> `out/provenance.sigstore.json`. */
function bundlePathFor(provenancePath) {
    const base = (0,external_node_path_.basename)(provenancePath).replace(/\.json$/i, '');
    return (0,external_node_path_.join)((0,external_node_path_.dirname)(provenancePath), `${base}.sigstore.json`);
}
function isFile(path) {
    try {
        return (0,external_node_fs_.statSync)(path).isFile();
    }
    catch {
        return false;
    }
}
function checkCheckout(repo, dryRun, warn) {
    if (repo.shallow)
        throw new errors/* InputError */.dz(`${repo.root} is a shallow clone: the version comes from the last release tag and the commits since it, which a shallow clone lacks. Fetch them: "fetch-depth: 0" on actions/checkout (it fetches the tags too), or git fetch --tags --unshallow`);
    const problems = [];
    if (!repo.branch)
        problems.push(`HEAD is detached at ${release_short(repo.head)}: release from a branch (on push to main, actions/checkout checks out the branch; locally: git switch main)`);
    if (repo.dirty.length)
        problems.push(`the working tree has uncommitted changes to ${repo.dirty.length} tracked file${repo.dirty.length > 1 ? 's' : ''} (${repo.dirty.slice(0, 5).map(visible/* visible */.RK).join(', ')}${repo.dirty.length > 5 ? ', …' : ''}): the release would not be what the commit holds; commit or stash them`);
    if (!problems.length)
        return;
    if (!dryRun)
        throw new errors/* InputError */.dz(problems.join('; also, '));
    for (const p of problems)
        warn(p.startsWith('HEAD') ? 'detached' : 'dirty', `${p} (a dry run goes on)`);
}
function decideVersion(a) {
    const fresh = freshVersion(a);
    const current = a.atHead[0];
    if (!current)
        return fresh;
    if (a.explicit && a.explicit !== current.version)
        throw new errors/* InputError */.dz(`this commit is already released as ${current.name}; a commit gets one release (${a.describe('version')} ${a.explicit} would be a second)`);
    // The same reason as the first run gave, so a re-run renders the same notes.
    const reason = fresh.version === current.version ? fresh.reason : `version ${current.version}`;
    return { version: current.version, reason, rerun: true };
}
/** The version by `version`, labels or commits, as if this commit had no release yet. */
function freshVersion(a) {
    if (a.explicit) {
        if (a.previous && !greaterThan(a.explicit, a.previous.version))
            throw new errors/* InputError */.dz(`${a.describe('version')} ${a.explicit} is not above the previous release ${a.previous.name}: versions only go up`);
        return { version: a.explicit, reason: `version ${a.explicit} given`, rerun: false };
    }
    if (!a.previous)
        return { version: FIRST_VERSION, reason: 'first release', rerun: false };
    const label = maxBump(a.labels.map(labelBump));
    if (label)
        return {
            version: bumpVersion(a.previous.version, label),
            reason: `${label}: pull request label release:${label}`,
            rerun: false,
        };
    const byCommits = commitBump(a.changes);
    if (!byCommits.bump)
        return { reason: byCommits.reason, rerun: false };
    return {
        version: bumpVersion(a.previous.version, byCommits.bump),
        reason: byCommits.reason,
        rerun: false,
    };
}
/** A path inside the repository as a subject or material name (`model/weights.bin`). */
function repoName(repo, path) {
    let real;
    try {
        real = (0,external_node_fs_.realpathSync)(path);
    }
    catch {
        return undefined;
    }
    const rel = (0,external_node_path_.relative)((0,external_node_fs_.realpathSync)(repo.root), real);
    if (rel === '' || rel.startsWith('..') || (0,external_node_path_.isAbsolute)(rel))
        return undefined;
    return rel.split(external_node_path_.sep).join('/');
}
function modelSubjects(options, results, repo, ctx, warn, describe) {
    const of = (check) => results.results.find((r) => r.result.check === check)?.result;
    const named = (r) => typeof r?.inputs.model === 'string' ? r.inputs.model : undefined;
    let modelPath;
    let include = options.include ?? [];
    if (options.model)
        modelPath = (0,external_node_path_.resolve)(ctx.baseDir, options.model);
    else {
        const image = of('image');
        const fromResults = named(image) ?? named(of('smoke'));
        if (fromResults) {
            const path = (0,external_node_path_.resolve)(ctx.baseDir, fromResults);
            if (statOk(path)) {
                modelPath = path;
                if (!include.length && image && named(image) === fromResults && Array.isArray(image.inputs.include))
                    include = image.inputs.include.filter((x) => typeof x === 'string');
            }
            else
                warn('model-not-found', `the model the results name (${(0,visible/* visible */.RK)(fromResults)}) is not in this checkout; give ${describe('model')}`);
        }
    }
    if (!modelPath)
        return { subjects: [] };
    const listed = (0,model_files/* listModelFiles */.J8)(modelPath, include);
    const subjects = [];
    for (const f of listed.files) {
        const name = repoName(repo, f.path);
        if (!name)
            throw new errors/* InputError */.dz(`model file ${(0,visible/* visible */.RK)(f.path)} is outside the repository ${repo.root}: a release names files of its commit`);
        ctx.files.addInput(f.path, 'model file');
        subjects.push({ name, digest: { sha256: sha256File(f.path, 'model file').sha256 } });
    }
    return { subjects };
}
function statOk(path) {
    try {
        (0,external_node_fs_.statSync)(path);
        return true;
    }
    catch {
        return false;
    }
}
function imageFacts(results) {
    const image = results.results.find((r) => r.result.check === 'image')?.result;
    const d = image?.details;
    if (!d || typeof d.digest !== 'string' || typeof d.repository !== 'string')
        return undefined;
    return {
        repository: d.repository,
        digest: d.digest,
        ref: typeof d.image_ref === 'string' ? d.image_ref : `${d.repository}@${d.digest}`,
        tags: Array.isArray(d.tags) ? d.tags.filter((t) => typeof t === 'string') : [],
        pushed: d.pushed === true,
    };
}
/** Inputs of results that name data files. */
const DATA_KEYS = ['data', 'reference', 'current', 'baselineData'];
function dataMaterials(options, results, repo, ctx, warn, describe) {
    const byPath = new Map();
    const add = (path, given) => {
        if (byPath.has(path))
            return;
        const name = repoName(repo, path);
        if (!name) {
            if (given)
                throw new errors/* InputError */.dz(`${describe('data')}: ${(0,visible/* visible */.RK)(path)} is not a file of the repository ${repo.root}`);
            return;
        }
        if (!(0,confine/* confine */.Do)(repo.root, name).ok)
            return;
        ctx.files.addInput(path, 'data file');
        byPath.set(path, { name, sha256: sha256File(path, 'data file').sha256 });
    };
    for (const d of options.data ?? []) {
        const path = (0,external_node_path_.resolve)(ctx.baseDir, d);
        if (!isFile(path))
            throw new errors/* InputError */.dz(`${describe('data')}: ${(0,visible/* visible */.RK)(d)} does not exist`);
        add(path, true);
    }
    let missing = 0;
    for (const { result } of results.results)
        for (const key of DATA_KEYS) {
            const v = result.inputs[key];
            if (typeof v !== 'string' || v === '')
                continue;
            const path = (0,external_node_path_.resolve)(ctx.baseDir, v);
            if (isFile(path))
                add(path, false);
            else
                missing++;
        }
    if (missing)
        warn('data-not-found', `${missing} data file${missing > 1 ? 's' : ''} the results name ${missing > 1 ? 'are' : 'is'} not in this checkout: not recorded in the provenance (give ${describe('data')})`);
    const materials = [...byPath.values()]
        .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
        .map((d) => ({ name: d.name, digest: { sha256: d.sha256 } }));
    return { materials, byPath };
}
function release_num(v) {
    return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}
function dataRows(results, byPath, repo) {
    const rows = [];
    for (const { result: r } of results.results) {
        if (!['data', 'data-profile', 'data-merge'].includes(r.check))
            continue;
        const d = r.details;
        const file = typeof r.inputs.data === 'string' ? r.inputs.data : typeof d.data === 'string' ? d.data : undefined;
        const known = file ? (byPath.get((0,external_node_path_.resolve)(repo.root, file)) ?? byPath.get(file)) : undefined;
        const columns = release_num(r.metrics.columns) ??
            (d.columns && typeof d.columns === 'object' && !Array.isArray(d.columns)
                ? Object.keys(d.columns).length
                : undefined);
        const quality = r.check === 'data'
            ? `${release_num(r.metrics.successful) ?? '?'} of ${release_num(r.metrics.evaluated) ?? '?'} expectations met`
            : r.check === 'data-merge'
                ? 'profiled (merged shards)'
                : 'profiled';
        rows.push({
            file: known?.name ?? (file ? (0,external_node_path_.basename)(file) : resultName(r)),
            rows: release_num(d.rows) ?? release_num(r.metrics.rows),
            columns,
            quality,
            sha256: known?.sha256,
        });
    }
    return rows;
}
function readCard(options, repo, ctx, describe) {
    let file;
    if (options.modelCard) {
        file = (0,external_node_path_.resolve)(ctx.baseDir, options.modelCard);
        if (!isFile(file))
            throw new errors/* InputError */.dz(`${describe('modelCard')}: ${(0,visible/* visible */.RK)(options.modelCard)} does not exist`);
    }
    else
        for (const dir of [ctx.baseDir, repo.root]) {
            let names;
            try {
                names = (0,external_node_fs_.readdirSync)(dir);
            }
            catch {
                continue;
            }
            const name = (0,model_card/* findModelCard */.pg)(names) ?? (0,model_card/* findReadme */.O)(names);
            if (name && isFile((0,external_node_path_.join)(dir, name))) {
                file = (0,external_node_path_.join)(dir, name);
                break;
            }
        }
    if (!file)
        return undefined;
    ctx.files.addInput(file, 'model card');
    const buf = (0,external_node_fs_.readFileSync)(file);
    const text = buf.subarray(0, MAX_CARD_BYTES).toString('utf8');
    return { ...(0,model_card/* cardSummary */.jJ)(text), file: repoName(repo, file) ?? (0,external_node_path_.basename)(file) };
}
async function readPreviousResults(options, previous, ctx, describe, warn) {
    if (!previous)
        return {};
    if (options.previousResults) {
        const loaded = (0,load_results/* loadResults */.z)((0,external_node_path_.resolve)(ctx.baseDir, options.previousResults), describe('previousResults'));
        ctx.files.addInputs(loaded.files, 'previous result file');
        return { results: loaded.results.map((r) => r.result) };
    }
    if (options.dryRun)
        return {
            note: `No changes against ${previous.name}: a dry run does not download its results (give ${describe('previousResults')}).`,
        };
    if (!ctx.host)
        return {};
    try {
        const rel = await ctx.host.findRelease(previous.name);
        if (!rel) {
            warn('previous-release-missing', `${previous.name} has no GitHub release: no metric changes in the notes`);
            return { note: `No changes against ${previous.name}: it has no GitHub release.` };
        }
        const out = [];
        for (const a of rel.assets) {
            if (!a.name.endsWith('.json') || a.name === PROVENANCE_ASSET || a.name === BUNDLE_ASSET)
                continue;
            const bytes = await ctx.host.downloadAsset(a, MAX_ASSET_BYTES);
            try {
                out.push((0,validate_result/* validateResult */._t)((0,json_file/* parseJsonText */.lk)(bytes.toString('utf8'), `${previous.name}/${a.name}`), `${previous.name}/${a.name}`));
            }
            catch (e) {
                warn('previous-result-skipped', `${(0,visible/* visible */.RK)(`${previous.name}/${a.name}`)}: ${(0,visible/* visible */.RK)(e.message)}; skipped`);
            }
        }
        if (!out.length)
            return { note: `No changes against ${previous.name}: its release has no result files.` };
        return { results: out };
    }
    catch (e) {
        if (!(e instanceof errors/* ModelCiError */.M$))
            throw e;
        warn('previous-results-unreadable', `the results of ${previous.name} could not be read (${e.message}): no metric changes in the notes`);
        return { note: `No changes against ${previous.name}: its results could not be read.` };
    }
}
async function publish(p) {
    const { host, tag, head } = p;
    const actions = [];
    if (!(await host.commitExists(head)))
        throw new errors/* InputError */.dz(`commit ${release_short(head)} is not on GitHub (${host.repository}): push it first; the release tag names the exact commit`);
    const tagged = await host.tagCommit(tag);
    if (tagged && tagged !== head)
        throw new errors/* ModelCiError */.M$(`the tag ${tag} already exists on GitHub at ${release_short(tagged)}, not at ${release_short(head)}: a release tag is never moved (git fetch --tags, then give another version)`);
    if (!tagged && !p.rerun) {
        // A release of this commit that the local clone does not know yet (its tag was not fetched).
        for (const t of await host.listTags(p.prefix)) {
            const v = t.name.slice(p.prefix.length);
            if (t.name === tag || !/^\d+\.\d+\.\d+/.test(v))
                continue;
            if (p.previous && !safeGreater(v, p.previous.version))
                continue;
            if ((await host.tagCommit(t.name)) === head)
                throw new errors/* InputError */.dz(`this commit is already released as ${t.name} on GitHub, a tag this clone lacks (git fetch --tags): a commit gets one release`);
        }
    }
    let release = await host.findRelease(tag);
    const existing = release ? await host.listAssets(release) : [];
    const byName = new Map(existing.map((a) => [a.name, a]));
    // The provenance attached is the one signed: an earlier run's, when it got that far.
    let provenance = p.provenance;
    const attached = byName.get(PROVENANCE_ASSET);
    if (attached)
        provenance = await host.downloadAsset(attached, MAX_ASSET_BYTES);
    let bundle;
    if (p.sign && !byName.has(BUNDLE_ASSET)) {
        bundle = Buffer.from(`${JSON.stringify(await p.sign(provenance), null, 2)}\n`);
        actions.push('provenance signed');
    }
    if (!tagged) {
        await host.createAnnotatedTag(tag, head, `${tag}\n\nModel release ${p.version}, tagged by model-ci.`);
        actions.push(`tag ${tag} created`);
    }
    else
        actions.push(`tag ${tag} already in place`);
    const resume = (e) => {
        const message = e instanceof Error ? e.message : String(e);
        throw new errors/* ModelCiError */.M$(`${message}. The tag ${tag} is in place at ${release_short(head)}: re-run to complete the release (a re-run finds what exists and creates only what is missing)`);
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
        }
        else if ((release.body ?? '') !== p.body) {
            release = await host.updateRelease(release.id, { body: p.body });
            actions.push('release notes updated');
        }
        else
            actions.push('release unchanged');
    }
    catch (e) {
        resume(e);
    }
    const rel = release;
    const wanted = [
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
                p.warn('asset-differs', `${a.name} is already attached to ${tag} with other content (${have.digest.slice(0, 19)}…); it is kept: a release's assets are not replaced`);
            continue;
        }
        try {
            const up = await host.uploadAsset(rel, a);
            const digest = `sha256:${sha256Bytes(a.data)}`;
            if (up.digest && up.digest !== digest)
                throw new errors/* ModelCiError */.M$(`GitHub reports ${a.name} as ${up.digest}, but ${digest} was uploaded`);
            uploaded++;
        }
        catch (e) {
            resume(e);
        }
    }
    actions.push(uploaded ? `${uploaded} asset${uploaded > 1 ? 's' : ''} uploaded` : 'assets already attached');
    let floating;
    if (p.floatingTag) {
        const major = majorOf(p.version);
        const name = `${p.prefix}${major}`;
        const higher = p.releases.find((r) => majorOf(r.version) === major && !isPrerelease(r.version) && greaterThan(r.version, p.version));
        if (isPrerelease(p.version))
            actions.push(`${name} not moved (a pre-release)`);
        else if (major === 0)
            actions.push(`no floating tag for 0.x releases`);
        else if (higher)
            actions.push(`${name} not moved (${higher.name} is newer)`);
        else {
            const moved = await host.moveTag(name, head).catch(resume);
            actions.push(`${name} ${moved === 'unchanged' ? 'already here' : moved}`);
            floating = name;
        }
    }
    return { release: rel, actions, provenance, bundle, floating };
}
function safeGreater(a, b) {
    try {
        return greaterThan(a, b);
    }
    catch {
        return false;
    }
}

// EXTERNAL MODULE: ./node_modules/@actions/github/lib/github.js + 21 modules
var github = __webpack_require__(11758);
// EXTERNAL MODULE: ./node_modules/@octokit/plugin-retry/dist-bundle/index.js
var dist_bundle = __webpack_require__(49735);
// EXTERNAL MODULE: ./node_modules/@octokit/plugin-throttling/dist-bundle/index.js
var plugin_throttling_dist_bundle = __webpack_require__(86856);
;// CONCATENATED MODULE: ./src/github/client.ts
/**
 * The one way model-ci talks to GitHub: an Octokit from `@actions/github` with GitHub's recommended
 * throttling (`@octokit/plugin-throttling`: queued writes, waits out primary and secondary rate limits) and
 * retries of server errors (`@octokit/plugin-retry`: 5xx, three times with growing pauses). Every URL
 * comes from the runner's environment (`GITHUB_API_URL`, `GITHUB_GRAPHQL_URL`), so GitHub Enterprise
 * Server and a local test double work unchanged; nothing names github.com. The token is masked in the log
 * as soon as it is read and is never written anywhere.
 */




/** A GitHub API call that failed for a reason the caller may explain (no permission, not found). */
class GitHubApiError extends errors/* ModelCiError */.M$ {
    status;
    name = 'GitHubApiError';
    constructor(message, status) {
        super(message);
        this.status = status;
    }
}
/** The API URLs from the runner's environment. */
function apiUrlsFrom(env) {
    const apiUrl = (env.GITHUB_API_URL || 'https://api.github.com').replace(/\/+$/, '');
    // GitHub Enterprise Server serves REST under /api/v3 and GraphQL at /api/graphql.
    const fallback = /\/api\/v3$/.test(apiUrl)
        ? apiUrl.replace(/\/api\/v3$/, '/api/graphql')
        : `${apiUrl}/graphql`;
    const graphqlUrl = (env.GITHUB_GRAPHQL_URL || fallback).replace(/\/+$/, '');
    return { apiUrl, graphqlUrl };
}
/** The throttling plugin's write queue without its pause (it only calls `key(id).schedule(opts, fn)`). */
const UNPACED_WRITES = {
    key: () => ({ schedule: (_options, fn) => fn() }),
};
function createGitHubClient(options) {
    const { token, logger } = options;
    if (!token)
        throw new errors/* ModelCiError */.M$('no GitHub token: set the github-token input');
    options.setSecret?.(token);
    const urls = apiUrlsFrom({
        GITHUB_API_URL: options.apiUrl ?? process.env.GITHUB_API_URL,
        GITHUB_GRAPHQL_URL: options.graphqlUrl ?? process.env.GITHUB_GRAPHQL_URL,
    });
    const limitRetries = options.rateLimitRetries ?? 2;
    const rest = (0,github/* getOctokit */.Q)(token, {
        baseUrl: urls.apiUrl,
        ...(options.retryAfterBaseMs !== undefined
            ? { retry: { retryAfterBaseValue: options.retryAfterBaseMs } }
            : {}),
        throttle: {
            // The plugin's write queue, without its one-second pause (duck-typed: only key().schedule is used).
            ...(options.paceWrites === false ? { write: UNPACED_WRITES } : {}),
            onRateLimit: (after, req, _o, count) => {
                logger.warn(`GitHub rate limit reached on ${req.method} ${req.url}; retrying in ${after} s`);
                return count < limitRetries;
            },
            onSecondaryRateLimit: (after, req, _o, count) => {
                logger.warn(`GitHub secondary rate limit on ${req.method} ${req.url}; retrying in ${after} s`);
                return count < limitRetries;
            },
        },
        // Octokit's own messages go to our logger, never to the console.
        log: {
            debug: (m) => logger.debug(m),
            info: (m) => logger.debug(m),
            warn: (m) => logger.warn(m),
            error: (m) => logger.warn(m),
        },
    }, dist_bundle/* retry */.L, plugin_throttling_dist_bundle/* throttling */.A);
    return {
        rest,
        apiUrl: urls.apiUrl,
        graphqlUrl: urls.graphqlUrl,
        async graphql(query, variables = {}) {
            // An absolute URL, so GITHUB_GRAPHQL_URL is honoured as given (GHES serves it outside /api/v3).
            const response = await rest.request({ method: 'POST', url: urls.graphqlUrl, query, variables });
            const data = response.data;
            if (data.errors?.length)
                throw new GitHubApiError(`GitHub GraphQL: ${data.errors.map((e) => e.message).join('; ')}`, response.status);
            return data.data;
        },
    };
}
/** A request failure as one line: `403 Resource not accessible by integration`. The token never appears. */
function client_describeApiError(e) {
    const err = e;
    const status = typeof err?.status === 'number' ? err.status : undefined;
    const message = err?.response?.data?.message ?? err?.message ?? String(e);
    return { status, message: `${status ? `${status} ` : ''}${message}`.replace(/\s+/g, ' ').slice(0, 300) };
}

;// CONCATENATED MODULE: ./src/github/event.ts
/**
 * Which pull request a report belongs to, from the runner's event. `pull_request` (and
 * `pull_request_target`) carry it; a `workflow_run` (phase two of the fork-safe pattern) gets the number
 * from phase one's artifact — which the fork controls — so the number is trusted only when that pull
 * request's head is the commit the triggering run built (same sha, same head repository).
 */




/** The event name, payload and repository of the run; a missing or broken payload is an empty one. */
function readEvent(env) {
    const [owner = '', repo = ''] = (env.GITHUB_REPOSITORY ?? '').split('/');
    let payload = {};
    if (env.GITHUB_EVENT_PATH) {
        try {
            const doc = (0,json_file/* parseJsonText */.lk)((0,external_node_fs_.readFileSync)(env.GITHUB_EVENT_PATH, 'utf8'), env.GITHUB_EVENT_PATH);
            if (doc && typeof doc === 'object' && !Array.isArray(doc))
                payload = doc;
        }
        catch {
            payload = {};
        }
    }
    return { name: env.GITHUB_EVENT_NAME ?? '', payload, owner, repo };
}
/** `pr-number` as given (an artifact's text): digits only, at most 10 of them. */
function parsePrNumber(raw, what = 'input "pr-number"') {
    const text = raw.trim();
    if (text === '')
        return undefined;
    if (!/^[1-9]\d{0,9}$/.test(text))
        throw new InputError(`${what}: expected a pull-request number, got ${JSON.stringify(text.slice(0, 40))}`);
    return Number(text);
}
/**
 * The pull request to comment on, or why there is none. `prNumber` is the `pr-number` input. Needs the
 * client only for `workflow_run` (to cross-check the number against the triggering run's head).
 */
async function resolvePullRequest(event, prNumber, client) {
    if (!event.owner || !event.repo)
        return { reason: 'GITHUB_REPOSITORY is not set (not on a GitHub runner)' };
    const at = (number) => ({ owner: event.owner, repo: event.repo, number });
    const payload = event.payload;
    if (event.name === 'workflow_run') {
        const run = (payload.workflow_run ?? {});
        const number = prNumber ?? run.pull_requests?.[0]?.number;
        if (number === undefined)
            return {
                reason: 'this workflow_run has no pull request attached (GitHub lists none for runs from forks): pass the number from the first phase\'s artifact as "pr-number"',
            };
        if (!run.head_sha)
            return { reason: 'the workflow_run event has no head_sha to check the pull request against' };
        if (!client)
            return { reason: 'no GitHub token to check the pull request against the triggering run' };
        let head;
        try {
            const pr = await client.rest.rest.pulls.get({
                owner: event.owner,
                repo: event.repo,
                pull_number: number,
            });
            head = pr.data.head;
        }
        catch (e) {
            return { reason: `pull request #${number} could not be read (${describeApiError(e).message})` };
        }
        if (head.sha !== run.head_sha)
            return {
                reason: `pull request #${number} is at ${String(head.sha).slice(0, 12)}, but the triggering run built ${run.head_sha.slice(0, 12)}: either the pull request moved on (its newer run will report) or the artifact names another pull request; not commenting`,
            };
        const runRepo = run.head_repository?.full_name;
        if (runRepo && head.repo?.full_name && runRepo !== head.repo.full_name)
            return {
                reason: `pull request #${number} comes from ${head.repo.full_name}, but the triggering run built ${runRepo}; not commenting`,
            };
        return { pr: at(number) };
    }
    if (prNumber !== undefined)
        return { pr: at(prNumber) };
    const pull = payload.pull_request;
    if (event.name.startsWith('pull_request') && pull && typeof pull.number === 'number')
        return { pr: at(pull.number) };
    const issue = payload.issue;
    if (event.name === 'issue_comment' && issue?.pull_request && typeof issue.number === 'number')
        return { pr: at(issue.number) };
    return {
        reason: `the ${event.name || 'unknown'} event is not about a pull request: nothing to comment on`,
    };
}

;// CONCATENATED MODULE: ./src/github/release-context.ts

function releaseEnvironment(env) {
    const event = readEvent(env);
    const payload = event.payload;
    const serverUrl = env.GITHUB_SERVER_URL?.replace(/\/+$/, '') || undefined;
    const repository = env.GITHUB_REPOSITORY || undefined;
    const pull = payload.pull_request;
    const eventLabels = event.name.startsWith('pull_request') && Array.isArray(pull?.labels)
        ? pull.labels.map((l) => l?.name).filter((n) => typeof n === 'string')
        : undefined;
    const repo = payload.repository;
    const repositoryPrivate = typeof repo?.private === 'boolean' ? repo.private || repo.visibility === 'internal' : undefined;
    const run = serverUrl && repository && env.GITHUB_RUN_ID
        ? {
            serverUrl,
            repository,
            runId: env.GITHUB_RUN_ID,
            runAttempt: env.GITHUB_RUN_ATTEMPT || '1',
            workflowRef: env.GITHUB_WORKFLOW_REF || undefined,
            eventName: env.GITHUB_EVENT_NAME || undefined,
            repositoryId: env.GITHUB_REPOSITORY_ID || undefined,
            repositoryOwnerId: env.GITHUB_REPOSITORY_OWNER_ID || undefined,
            runnerEnvironment: env.RUNNER_ENVIRONMENT || undefined,
        }
        : undefined;
    return {
        repository,
        serverUrl,
        run,
        ref: env.GITHUB_REF || undefined,
        eventLabels,
        repositoryPrivate,
    };
}
/** The web server of an API URL: `https://api.github.com` -> `https://github.com`, GHES `/api/v3` dropped. */
function webUrlFromApi(apiUrl) {
    const url = apiUrl.replace(/\/+$/, '');
    if (/^https:\/\/api\.github\.com$/i.test(url))
        return 'https://github.com';
    return url.replace(/\/api\/v3$/, '');
}

;// CONCATENATED MODULE: ./src/github/releases.ts

function statusOf(e) {
    const s = e?.status;
    return typeof s === 'number' ? s : undefined;
}
function asset(a) {
    return {
        id: a.id,
        name: a.name,
        size: a.size,
        ...(a.digest ? { digest: a.digest } : {}),
        downloadUrl: a.browser_download_url,
    };
}
function releases_release(r) {
    return {
        id: r.id,
        tagName: r.tag_name,
        name: r.name,
        body: r.body ?? null,
        draft: r.draft,
        prerelease: r.prerelease,
        htmlUrl: r.html_url,
        uploadUrl: r.upload_url,
        assets: (r.assets ?? []).map(asset),
    };
}
/** What failed, in words: `creating the release model-v1.2.0: 502 Server Error`. */
function failure(what, e) {
    const { status, message } = client_describeApiError(e);
    const hint = status === 403 || status === 401
        ? ' (the token needs "contents: write" on this job)'
        : status === 404
            ? " (not found with this token: check the repository and the token's access)"
            : '';
    return new GitHubApiError(`GitHub: ${what}: ${message}${hint}`, status);
}
function githubReleaseHost(client, repo, serverUrl) {
    const rest = client.rest.rest;
    const ref = { owner: repo.owner, repo: repo.repo };
    async function peel(object) {
        let current = object;
        for (let i = 0; i < 5 && current.type === 'tag'; i++) {
            const tag = await rest.git.getTag({ ...ref, tag_sha: current.sha });
            current = tag.data.object;
        }
        return current.sha;
    }
    async function tagCommit(tag) {
        try {
            const r = await rest.git.getRef({ ...ref, ref: `tags/${tag}` });
            return await peel(r.data.object);
        }
        catch (e) {
            if (statusOf(e) === 404)
                return undefined;
            throw failure(`reading the tag ${tag}`, e);
        }
    }
    return {
        repository: `${repo.owner}/${repo.repo}`,
        webUrl: serverUrl ? `${serverUrl.replace(/\/+$/, '')}/${repo.owner}/${repo.repo}` : undefined,
        async commitExists(sha) {
            try {
                await rest.git.getCommit({ ...ref, commit_sha: sha });
                return true;
            }
            catch (e) {
                if (statusOf(e) === 404 || statusOf(e) === 422)
                    return false;
                throw failure(`reading the commit ${sha.slice(0, 12)}`, e);
            }
        },
        tagCommit,
        async listTags(prefix) {
            try {
                // Not paginated: GitHub answers every matching ref at once.
                const refs = (await rest.git.listMatchingRefs({ ...ref, ref: `tags/${prefix}` })).data;
                return refs.map((r) => ({ name: r.ref.replace(/^refs\/tags\//, ''), object: r.object }));
            }
            catch (e) {
                throw failure(`listing the tags ${prefix}*`, e);
            }
        },
        async createAnnotatedTag(tag, commit, message) {
            let tagSha;
            try {
                const created = await rest.git.createTag({ ...ref, tag, message, object: commit, type: 'commit' });
                tagSha = created.data.sha;
            }
            catch (e) {
                throw failure(`creating the tag object ${tag}`, e);
            }
            try {
                await rest.git.createRef({ ...ref, ref: `refs/tags/${tag}`, sha: tagSha });
            }
            catch (e) {
                if (statusOf(e) !== 422)
                    throw failure(`creating the tag ${tag}`, e);
                // "Reference already exists": ours from a response that was lost, or someone else's.
                const existing = await tagCommit(tag);
                if (existing !== commit)
                    throw new GitHubApiError(`GitHub: the tag ${tag} already exists${existing ? ` at ${existing.slice(0, 12)}` : ''}, not at ${commit.slice(0, 12)}: a release tag is never moved`, 422);
            }
        },
        async moveTag(tag, commit) {
            let current;
            try {
                current = (await rest.git.getRef({ ...ref, ref: `tags/${tag}` })).data.object;
            }
            catch (e) {
                if (statusOf(e) !== 404)
                    throw failure(`reading the tag ${tag}`, e);
            }
            try {
                if (!current) {
                    await rest.git.createRef({ ...ref, ref: `refs/tags/${tag}`, sha: commit });
                    return 'created';
                }
                if (current.type === 'commit' && current.sha === commit)
                    return 'unchanged';
                await rest.git.updateRef({ ...ref, ref: `tags/${tag}`, sha: commit, force: true });
                return 'moved';
            }
            catch (e) {
                throw failure(`moving the tag ${tag}`, e);
            }
        },
        async findRelease(tag) {
            try {
                return releases_release((await rest.repos.getReleaseByTag({ ...ref, tag })).data);
            }
            catch (e) {
                if (statusOf(e) === 404)
                    return undefined;
                throw failure(`reading the release ${tag}`, e);
            }
        },
        async createRelease(r) {
            try {
                const created = await rest.repos.createRelease({
                    ...ref,
                    tag_name: r.tag,
                    target_commitish: r.commit,
                    name: r.name,
                    body: r.body,
                    draft: false,
                    prerelease: r.prerelease,
                });
                return releases_release(created.data);
            }
            catch (e) {
                throw failure(`creating the release ${r.tag}`, e);
            }
        },
        async updateRelease(id, change) {
            try {
                return releases_release((await rest.repos.updateRelease({ ...ref, release_id: id, body: change.body })).data);
            }
            catch (e) {
                throw failure(`updating the release ${id}`, e);
            }
        },
        async listAssets(r) {
            try {
                const list = await client.rest.paginate(rest.repos.listReleaseAssets, {
                    ...ref,
                    release_id: r.id,
                    per_page: 100,
                });
                return list.map(asset);
            }
            catch (e) {
                throw failure(`listing the assets of ${r.tagName}`, e);
            }
        },
        async uploadAsset(r, a) {
            try {
                // The template as GitHub returned it; octokit expands {?name,label}.
                const response = await client.rest.request({
                    method: 'POST',
                    url: r.uploadUrl,
                    name: a.name,
                    data: a.data,
                    headers: { 'content-type': a.contentType, 'content-length': a.data.length },
                });
                return asset(response.data);
            }
            catch (e) {
                throw failure(`uploading ${a.name} to the release ${r.tagName}`, e);
            }
        },
        async downloadAsset(a, maxBytes) {
            if (a.size > maxBytes)
                throw new GitHubApiError(`GitHub: the asset ${a.name} has ${a.size} bytes, more than ${maxBytes}`, undefined);
            try {
                const response = await rest.repos.getReleaseAsset({
                    ...ref,
                    asset_id: a.id,
                    headers: { accept: 'application/octet-stream' },
                });
                const data = response.data;
                const bytes = data instanceof ArrayBuffer ? Buffer.from(data) : Buffer.from(data);
                if (bytes.length > maxBytes)
                    throw new GitHubApiError(`GitHub: the asset ${a.name} is larger than ${maxBytes} bytes`, undefined);
                return bytes;
            }
            catch (e) {
                if (e instanceof GitHubApiError)
                    throw e;
                throw failure(`downloading ${a.name}`, e);
            }
        },
        async pullRequestLabels(commit) {
            try {
                const pulls = await rest.repos.listPullRequestsAssociatedWithCommit({
                    ...ref,
                    commit_sha: commit,
                    per_page: 100,
                });
                return pulls.data.map((p) => ({
                    number: p.number,
                    labels: (p.labels ?? []).map((l) => (typeof l === 'string' ? l : (l.name ?? ''))).filter(Boolean),
                }));
            }
            catch (e) {
                throw failure(`reading the pull requests of ${commit.slice(0, 12)}`, e);
            }
        },
    };
}

// EXTERNAL MODULE: ./src/cli/cli-logger.ts + 2 modules
var cli_logger = __webpack_require__(65336);
// EXTERNAL MODULE: ./src/cli/emit-result.ts
var emit_result = __webpack_require__(95521);
;// CONCATENATED MODULE: ./src/cli/commands/release-run.ts
/**
 * The body of `model-ci release` (src/cli/commands/release.ts loads this module on use): it imports the
 * GitHub client and Sigstore, which no other command needs at start-up.
 */












const runReleaseCommand = async (values, _positionals, io) => {
    const options = (0,core_options/* finishOptions */.CS)(release_options/* RELEASE_OPTIONS */.VP, values, (k) => `--${(0,core_options/* kebab */.i9)(k)}`);
    const logger = (0,cli_logger/* cliLogger */.$)(io, { quiet: values.quiet, debug: values.debug });
    const files = new file_guard/* FileGuard */.oB(io.cwd);
    if (typeof values.out === 'string')
        files.claimOutput(values.out, '--out');
    const facts = releaseEnvironment(io.env);
    const repoText = options.repository ?? facts.repository ?? (await originRepository(io.cwd));
    const repo = repoText
        ? (0,release_options/* checkRepository */.n_)(repoText, options.repository ? '--repository' : 'the repository')
        : undefined;
    const { apiUrl } = apiUrlsFrom(io.env);
    const serverUrl = facts.serverUrl ?? webUrlFromApi(apiUrl);
    const token = io.env.GITHUB_TOKEN || io.env.GH_TOKEN || '';
    const host = !options.dryRun && token && repo
        ? githubReleaseHost(createGitHubClient({ token, apiUrl, logger }), repo, serverUrl)
        : undefined;
    const result = await runRelease(options, {
        baseDir: io.cwd,
        logger,
        files,
        host,
        run: facts.run,
        ref: facts.ref,
        eventLabels: facts.eventLabels,
        repositoryPrivate: facts.repositoryPrivate,
        identity: oidcIdentity(io.env),
        serverUrl: repo ? serverUrl : undefined,
        repository: repo ? `${repo.owner}/${repo.repo}` : undefined,
    });
    const code = (0,emit_result/* emitResult */.p)(result, values, io, files);
    const d = result.details;
    if (!values.quiet && d.tag) {
        io.stdout(`\nversion   ${d.version}\ntag       ${d.tag}\nprevious  ${d.previous_tag || '(none: first release)'}\n\n`);
        io.stdout(`${(d.body ?? '').split('\n').map(visible/* visible */.RK).join('\n')}\n`);
    }
    return code;
};


/***/ })

};
