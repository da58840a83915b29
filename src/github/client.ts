/**
 * The one way model-ci talks to GitHub: an Octokit from `@actions/github` with GitHub's recommended
 * throttling (`@octokit/plugin-throttling`: queued writes, waits out primary and secondary rate limits) and
 * retries of server errors (`@octokit/plugin-retry`: 5xx, three times with growing pauses). Every URL
 * comes from the runner's environment (`GITHUB_API_URL`, `GITHUB_GRAPHQL_URL`), so GitHub Enterprise
 * Server and a local test double work unchanged; nothing names github.com. The token is masked in the log
 * as soon as it is read and is never written anywhere.
 */
import { getOctokit } from '@actions/github';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { ModelCiError } from '../core/errors.js';
import type { Logger } from '../core/logger.js';

/** A GitHub API call that failed for a reason the caller may explain (no permission, not found). */
export class GitHubApiError extends ModelCiError {
  override name = 'GitHubApiError';
  constructor(
    message: string,
    readonly status: number | undefined,
  ) {
    super(message);
  }
}

export interface GitHubClientOptions {
  token: string;
  /** REST base URL (default `GITHUB_API_URL`, else `https://api.github.com`). */
  apiUrl?: string;
  /** GraphQL endpoint (default `GITHUB_GRAPHQL_URL`, else `<apiUrl>/graphql`). */
  graphqlUrl?: string;
  logger: Logger;
  /** How often a rate-limited request is retried (default 2). */
  rateLimitRetries?: number;
  /** Base of the pause between retries of a server error, in ms (default 1000: 1 s, 4 s, 9 s). */
  retryAfterBaseMs?: number;
  /**
   * One write at a time, a second apart, as GitHub asks of integrations (default true). Tests against a
   * local double turn the pause off.
   */
  paceWrites?: boolean;
  /** Mask a secret in the runner's log (`core.setSecret`); absent outside an action. */
  setSecret?: (value: string) => void;
}

export type Octokit = ReturnType<typeof getOctokit>;

export interface GitHubClient {
  rest: Octokit;
  /** Run a GraphQL query or mutation; GraphQL errors become a GitHubApiError. */
  graphql<T>(query: string, variables?: Record<string, unknown>): Promise<T>;
  apiUrl: string;
  graphqlUrl: string;
}

/** The API URLs from the runner's environment. */
export function apiUrlsFrom(env: Record<string, string | undefined>): { apiUrl: string; graphqlUrl: string } {
  const apiUrl = (env.GITHUB_API_URL || 'https://api.github.com').replace(/\/+$/, '');
  // GitHub Enterprise Server serves REST under /api/v3 and GraphQL at /api/graphql.
  const fallback = /\/api\/v3$/.test(apiUrl)
    ? apiUrl.replace(/\/api\/v3$/, '/api/graphql')
    : `${apiUrl}/graphql`;
  const graphqlUrl = (env.GITHUB_GRAPHQL_URL || fallback).replace(/\/+$/, '');
  return { apiUrl, graphqlUrl };
}

type ThrottleOptions = NonNullable<Parameters<typeof getOctokit>[1]>['throttle'];

/** The throttling plugin's write queue without its pause (it only calls `key(id).schedule(opts, fn)`). */
const UNPACED_WRITES = {
  key: () => ({ schedule: (_options: unknown, fn: () => unknown) => fn() }),
} as unknown as NonNullable<ThrottleOptions>['write'];

export function createGitHubClient(options: GitHubClientOptions): GitHubClient {
  const { token, logger } = options;
  if (!token) throw new ModelCiError('no GitHub token: set the github-token input');
  options.setSecret?.(token);
  const urls = apiUrlsFrom({
    GITHUB_API_URL: options.apiUrl ?? process.env.GITHUB_API_URL,
    GITHUB_GRAPHQL_URL: options.graphqlUrl ?? process.env.GITHUB_GRAPHQL_URL,
  });
  const limitRetries = options.rateLimitRetries ?? 2;
  const rest = getOctokit(
    token,
    {
      baseUrl: urls.apiUrl,
      ...(options.retryAfterBaseMs !== undefined
        ? { retry: { retryAfterBaseValue: options.retryAfterBaseMs } }
        : {}),
      throttle: {
        // The plugin's write queue, without its one-second pause (duck-typed: only key().schedule is used).
        ...(options.paceWrites === false ? { write: UNPACED_WRITES } : {}),
        onRateLimit: (after: number, req: { method: string; url: string }, _o: unknown, count: number) => {
          logger.warn(`GitHub rate limit reached on ${req.method} ${req.url}; retrying in ${after} s`);
          return count < limitRetries;
        },
        onSecondaryRateLimit: (
          after: number,
          req: { method: string; url: string },
          _o: unknown,
          count: number,
        ) => {
          logger.warn(`GitHub secondary rate limit on ${req.method} ${req.url}; retrying in ${after} s`);
          return count < limitRetries;
        },
      },
      // Octokit's own messages go to our logger, never to the console.
      log: {
        debug: (m: string) => logger.debug(m),
        info: (m: string) => logger.debug(m),
        warn: (m: string) => logger.warn(m),
        error: (m: string) => logger.warn(m),
      },
    },
    retry,
    throttling,
  );
  return {
    rest,
    apiUrl: urls.apiUrl,
    graphqlUrl: urls.graphqlUrl,
    async graphql<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
      // An absolute URL, so GITHUB_GRAPHQL_URL is honoured as given (GHES serves it outside /api/v3).
      const response = await rest.request({ method: 'POST', url: urls.graphqlUrl, query, variables });
      const data = response.data as { data?: T; errors?: { message: string; type?: string }[] };
      if (data.errors?.length)
        throw new GitHubApiError(
          `GitHub GraphQL: ${data.errors.map((e) => e.message).join('; ')}`,
          response.status,
        );
      return data.data as T;
    },
  };
}

/** A request failure as one line: `403 Resource not accessible by integration`. The token never appears. */
export function describeApiError(e: unknown): { status?: number; message: string } {
  const err = e as { status?: number; message?: string; response?: { data?: { message?: string } } };
  const status = typeof err?.status === 'number' ? err.status : undefined;
  const message = err?.response?.data?.message ?? err?.message ?? String(e);
  return { status, message: `${status ? `${status} ` : ''}${message}`.replace(/\s+/g, ' ').slice(0, 300) };
}
