export const id = 507;
export const ids = [507];
export const modules = {

/***/ 98507:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   KP: () => (/* binding */ readRepoState),
/* harmony export */   ZM: () => (/* binding */ mergedTagNames),
/* harmony export */   cB: () => (/* binding */ listTags),
/* harmony export */   nt: () => (/* binding */ commitsSince),
/* harmony export */   originRepository: () => (/* binding */ originRepository)
/* harmony export */ });
/* unused harmony exports runGit, commitTime */
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(31421);
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_child_process__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(74296);
/* harmony import */ var _core_visible_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(47713);
/**
 * What the release reads from the local Git repository: where it is, the commit checked out and whether
 * the checkout is fit to release (not dirty, not detached, not shallow), the release tags, and the commits
 * since the previous release. Git runs with argument arrays (execFile, never a shell), with prompts off
 * and a fixed locale; every name passed to it was validated first (the tag prefix, semver versions).
 */



/** Run git in `cwd`; resolves with the exit code (a missing git binary is an InputError). */
function runGit(cwd, args) {
    return new Promise((resolve, reject) => {
        (0,node_child_process__WEBPACK_IMPORTED_MODULE_0__.execFile)('git', [...args], {
            cwd,
            encoding: 'utf8',
            maxBuffer: 64 * 1024 * 1024,
            timeout: 60_000,
            env: { ...process.env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C', GIT_PAGER: 'cat' },
        }, (error, stdout, stderr) => {
            const e = error;
            if (e && e.code === 'ENOENT')
                return reject(new _core_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz('git is not installed (or not on PATH): the release reads the Git history'));
            resolve({ code: e ? (typeof e.code === 'number' ? e.code : 1) : 0, stdout, stderr });
        });
    });
}
async function git(cwd, args, what) {
    const r = await runGit(cwd, args);
    if (r.code !== 0)
        throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ModelCiError */ .M$(`git ${what} failed: ${(0,_core_visible_js__WEBPACK_IMPORTED_MODULE_2__/* .visible */ .RK)(r.stderr.trim().split('\n')[0] ?? '').slice(0, 300)}`);
    return r.stdout;
}
/** The repository around `cwd` and the state of its checkout. */
async function readRepoState(cwd) {
    const top = await runGit(cwd, ['rev-parse', '--show-toplevel']);
    if (top.code !== 0)
        throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz(`${cwd} is not inside a Git working tree: the release reads the version from Git tags (run it in the repository, after actions/checkout)`);
    const root = top.stdout.trim();
    const head = await runGit(root, ['rev-parse', '--verify', '--quiet', 'HEAD^{commit}']);
    if (head.code !== 0)
        throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz(`${root}: the repository has no commit yet; nothing to release`);
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


/***/ })

};
