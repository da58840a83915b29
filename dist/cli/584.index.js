export const id = 584;
export const ids = [584];
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


/***/ })

};
