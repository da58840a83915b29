export const id = 425;
export const ids = [425,584];
export const modules = {

/***/ 96584:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   O: () => (/* binding */ GitHubApiError),
/* harmony export */   apiUrlsFrom: () => (/* binding */ apiUrlsFrom),
/* harmony export */   createGitHubClient: () => (/* binding */ createGitHubClient),
/* harmony export */   g: () => (/* binding */ describeApiError)
/* harmony export */ });
/* harmony import */ var _actions_github__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(11758);
/* harmony import */ var _octokit_plugin_retry__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(49735);
/* harmony import */ var _octokit_plugin_throttling__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(86856);
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(74296);
/**
 * The one way model-ci talks to GitHub: an Octokit from `@actions/github` with GitHub's recommended
 * throttling (`@octokit/plugin-throttling`: queued writes, waits out primary and secondary rate limits) and
 * retries of server errors (`@octokit/plugin-retry`: 5xx, three times with growing pauses). Every URL
 * comes from the runner's environment (`GITHUB_API_URL`, `GITHUB_GRAPHQL_URL`), so GitHub Enterprise
 * Server and a local test double work unchanged; nothing names github.com. The token is masked in the log
 * as soon as it is read and is never written anywhere.
 */




/** A GitHub API call that failed for a reason the caller may explain (no permission, not found). */
class GitHubApiError extends _core_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ModelCiError */ .M$ {
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
        throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ModelCiError */ .M$('no GitHub token: set the github-token input');
    options.setSecret?.(token);
    const urls = apiUrlsFrom({
        GITHUB_API_URL: options.apiUrl ?? process.env.GITHUB_API_URL,
        GITHUB_GRAPHQL_URL: options.graphqlUrl ?? process.env.GITHUB_GRAPHQL_URL,
    });
    const limitRetries = options.rateLimitRetries ?? 2;
    const rest = (0,_actions_github__WEBPACK_IMPORTED_MODULE_0__/* .getOctokit */ .Q)(token, {
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
    }, _octokit_plugin_retry__WEBPACK_IMPORTED_MODULE_2__/* .retry */ .L, _octokit_plugin_throttling__WEBPACK_IMPORTED_MODULE_3__/* .throttling */ .A);
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
function describeApiError(e) {
    const err = e;
    const status = typeof err?.status === 'number' ? err.status : undefined;
    const message = err?.response?.data?.message ?? err?.message ?? String(e);
    return { status, message: `${status ? `${status} ` : ''}${message}`.replace(/\s+/g, ' ').slice(0, 300) };
}


/***/ }),

/***/ 23425:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   githubReleaseHost: () => (/* binding */ githubReleaseHost)
/* harmony export */ });
/* harmony import */ var _client_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(96584);

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
function release(r) {
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
    const { status, message } = (0,_client_js__WEBPACK_IMPORTED_MODULE_0__/* .describeApiError */ .g)(e);
    const hint = status === 403 || status === 401
        ? ' (the token needs "contents: write" on this job)'
        : status === 404
            ? " (not found with this token: check the repository and the token's access)"
            : '';
    return new _client_js__WEBPACK_IMPORTED_MODULE_0__/* .GitHubApiError */ .O(`GitHub: ${what}: ${message}${hint}`, status);
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
                    throw new _client_js__WEBPACK_IMPORTED_MODULE_0__/* .GitHubApiError */ .O(`GitHub: the tag ${tag} already exists${existing ? ` at ${existing.slice(0, 12)}` : ''}, not at ${commit.slice(0, 12)}: a release tag is never moved`, 422);
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
                return release((await rest.repos.getReleaseByTag({ ...ref, tag })).data);
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
                return release(created.data);
            }
            catch (e) {
                throw failure(`creating the release ${r.tag}`, e);
            }
        },
        async updateRelease(id, change) {
            try {
                return release((await rest.repos.updateRelease({ ...ref, release_id: id, body: change.body })).data);
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
                throw new _client_js__WEBPACK_IMPORTED_MODULE_0__/* .GitHubApiError */ .O(`GitHub: the asset ${a.name} has ${a.size} bytes, more than ${maxBytes}`, undefined);
            try {
                const response = await rest.repos.getReleaseAsset({
                    ...ref,
                    asset_id: a.id,
                    headers: { accept: 'application/octet-stream' },
                });
                const data = response.data;
                const bytes = data instanceof ArrayBuffer ? Buffer.from(data) : Buffer.from(data);
                if (bytes.length > maxBytes)
                    throw new _client_js__WEBPACK_IMPORTED_MODULE_0__/* .GitHubApiError */ .O(`GitHub: the asset ${a.name} is larger than ${maxBytes} bytes`, undefined);
                return bytes;
            }
            catch (e) {
                if (e instanceof _client_js__WEBPACK_IMPORTED_MODULE_0__/* .GitHubApiError */ .O)
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


/***/ })

};
