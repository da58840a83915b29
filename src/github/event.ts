/**
 * Which pull request a report belongs to, from the runner's event. `pull_request` (and
 * `pull_request_target`) carry it; a `workflow_run` (phase two of the fork-safe pattern) gets the number
 * from phase one's artifact — which the fork controls — so the number is trusted only when that pull
 * request's head is the commit the triggering run built (same sha, same head repository).
 */
import { readFileSync } from 'node:fs';
import { InputError } from '../core/errors.js';
import { parseJsonText } from '../core/json-file.js';
import { describeApiError, type GitHubClient } from './client.js';
import type { PullRequestRef } from './sticky-comment.js';

export interface EventInfo {
  name: string;
  payload: Record<string, unknown>;
  owner: string;
  repo: string;
}

/** The event name, payload and repository of the run; a missing or broken payload is an empty one. */
export function readEvent(env: Record<string, string | undefined>): EventInfo {
  const [owner = '', repo = ''] = (env.GITHUB_REPOSITORY ?? '').split('/');
  let payload: Record<string, unknown> = {};
  if (env.GITHUB_EVENT_PATH) {
    try {
      const doc = parseJsonText(readFileSync(env.GITHUB_EVENT_PATH, 'utf8'), env.GITHUB_EVENT_PATH);
      if (doc && typeof doc === 'object' && !Array.isArray(doc)) payload = doc as Record<string, unknown>;
    } catch {
      payload = {};
    }
  }
  return { name: env.GITHUB_EVENT_NAME ?? '', payload, owner, repo };
}

/** `pr-number` as given (an artifact's text): digits only, at most 10 of them. */
export function parsePrNumber(raw: string, what = 'input "pr-number"'): number | undefined {
  const text = raw.trim();
  if (text === '') return undefined;
  if (!/^[1-9]\d{0,9}$/.test(text))
    throw new InputError(`${what}: expected a pull-request number, got ${JSON.stringify(text.slice(0, 40))}`);
  return Number(text);
}

export type Target = { pr: PullRequestRef; reason?: undefined } | { pr?: undefined; reason: string };

interface WorkflowRun {
  head_sha?: string;
  event?: string;
  head_repository?: { full_name?: string } | null;
  pull_requests?: { number: number; head?: { sha?: string } }[];
}

/**
 * The pull request to comment on, or why there is none. `prNumber` is the `pr-number` input. Needs the
 * client only for `workflow_run` (to cross-check the number against the triggering run's head).
 */
export async function resolvePullRequest(
  event: EventInfo,
  prNumber: number | undefined,
  client: GitHubClient | undefined,
): Promise<Target> {
  if (!event.owner || !event.repo) return { reason: 'GITHUB_REPOSITORY is not set (not on a GitHub runner)' };
  const at = (number: number): PullRequestRef => ({ owner: event.owner, repo: event.repo, number });
  const payload = event.payload;
  if (event.name === 'workflow_run') {
    const run = (payload.workflow_run ?? {}) as WorkflowRun;
    const number = prNumber ?? run.pull_requests?.[0]?.number;
    if (number === undefined)
      return {
        reason:
          'this workflow_run has no pull request attached (GitHub lists none for runs from forks): pass the number from the first phase\'s artifact as "pr-number"',
      };
    if (!run.head_sha)
      return { reason: 'the workflow_run event has no head_sha to check the pull request against' };
    if (!client) return { reason: 'no GitHub token to check the pull request against the triggering run' };
    let head: { sha?: string; repo?: { full_name?: string } | null };
    try {
      const pr = await client.rest.rest.pulls.get({
        owner: event.owner,
        repo: event.repo,
        pull_number: number,
      });
      head = pr.data.head;
    } catch (e) {
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
  if (prNumber !== undefined) return { pr: at(prNumber) };
  const pull = payload.pull_request as { number?: number } | undefined;
  if (event.name.startsWith('pull_request') && pull && typeof pull.number === 'number')
    return { pr: at(pull.number) };
  const issue = payload.issue as { number?: number; pull_request?: unknown } | undefined;
  if (event.name === 'issue_comment' && issue?.pull_request && typeof issue.number === 'number')
    return { pr: at(issue.number) };
  return {
    reason: `the ${event.name || 'unknown'} event is not about a pull request: nothing to comment on`,
  };
}
