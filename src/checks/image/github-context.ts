/**
 * What an image build takes from the GitHub Actions run: the commit (on pull_request events the PR's
 * head sha from the event payload, not GITHUB_SHA's merge commit), the ref, the PR number, and the
 * repository's URL, description and licence for labels. Read only when GITHUB_ACTIONS is "true".
 */
import { readFileSync } from 'node:fs';

export interface GithubContext {
  sha?: string;
  ref?: string;
  pr?: number;
  sourceUrl?: string;
  description?: string;
  licenses?: string;
}

interface EventPayload {
  pull_request?: { number?: number; head?: { sha?: string } };
  number?: number;
  repository?: { html_url?: string; description?: string | null; license?: { spdx_id?: string } | null };
}

export function githubContext(env: NodeJS.ProcessEnv): GithubContext {
  if (env.GITHUB_ACTIONS !== 'true') return {};
  let event: EventPayload = {};
  try {
    if (env.GITHUB_EVENT_PATH)
      event = JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, 'utf8')) as EventPayload;
  } catch {
    event = {};
  }
  const pr = event.pull_request;
  const repo = event.repository;
  const server = env.GITHUB_SERVER_URL || 'https://github.com';
  const license = repo?.license?.spdx_id;
  return {
    sha: pr?.head?.sha || env.GITHUB_SHA || undefined,
    ref: env.GITHUB_REF || undefined,
    ...(pr ? { pr: pr.number ?? event.number } : {}),
    sourceUrl: repo?.html_url || (env.GITHUB_REPOSITORY ? `${server}/${env.GITHUB_REPOSITORY}` : undefined),
    ...(repo?.description ? { description: repo.description } : {}),
    ...(license && license !== 'NOASSERTION' ? { licenses: license } : {}),
  };
}
