export const id = 831;
export const ids = [831,584];
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

/***/ 35831:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  releaseEnvironment: () => (/* binding */ releaseEnvironment),
  webUrlFromApi: () => (/* binding */ webUrlFromApi)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: ./src/core/errors.ts
var errors = __webpack_require__(74296);
// EXTERNAL MODULE: ./src/core/json-file.ts
var json_file = __webpack_require__(59656);
// EXTERNAL MODULE: ./src/github/client.ts
var client = __webpack_require__(96584);
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


/***/ })

};
