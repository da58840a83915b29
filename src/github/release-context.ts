/**
 * What a release learns from the runner's environment and event: the repository, the web server (for
 * links), the workflow run (for provenance), the ref, the labels of the pull request when the event
 * carries one (a `pull_request` closed event; a push's pull request is asked of the API later), and
 * whether the repository is private (Sigstore's public log is public). Nothing names github.com: GitHub
 * Enterprise Server sets the same variables. Outside a runner most of it is simply absent.
 */
import type { RunFacts } from '../checks/release/provenance.js';
import { readEvent } from './event.js';

export interface ReleaseEnvironment {
  repository?: string;
  serverUrl?: string;
  run?: RunFacts;
  ref?: string;
  eventLabels?: string[];
  repositoryPrivate?: boolean;
}

export function releaseEnvironment(env: Record<string, string | undefined>): ReleaseEnvironment {
  const event = readEvent(env);
  const payload = event.payload;
  const serverUrl = env.GITHUB_SERVER_URL?.replace(/\/+$/, '') || undefined;
  const repository = env.GITHUB_REPOSITORY || undefined;
  const pull = payload.pull_request as { labels?: { name?: unknown }[] } | undefined;
  const eventLabels =
    event.name.startsWith('pull_request') && Array.isArray(pull?.labels)
      ? pull.labels.map((l) => l?.name).filter((n): n is string => typeof n === 'string')
      : undefined;
  const repo = payload.repository as { private?: unknown; visibility?: unknown } | undefined;
  const repositoryPrivate =
    typeof repo?.private === 'boolean' ? repo.private || repo.visibility === 'internal' : undefined;
  const run: RunFacts | undefined =
    serverUrl && repository && env.GITHUB_RUN_ID
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
export function webUrlFromApi(apiUrl: string): string {
  const url = apiUrl.replace(/\/+$/, '');
  if (/^https:\/\/api\.github\.com$/i.test(url)) return 'https://github.com';
  return url.replace(/\/api\/v3$/, '');
}
