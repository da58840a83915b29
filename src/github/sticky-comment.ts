/**
 * One comment per pull request per report id, kept up to date instead of a new comment on every push.
 *
 * Finding it: every comment of the pull request is listed (all pages). A comment is the report's own only
 * when it was written by the token's identity *and* carries the report's marker exactly once; a comment by
 * anyone else holding the marker (a forged one) is never edited, hidden or deleted.
 *
 * Modes: `update` (edit the newest own comment, or create one), `new` (always a new comment),
 * `hide-and-new` (a new comment, then the older own ones minimized as outdated through GraphQL's
 * `minimizeComment`), `delete-and-new` (a new comment, then the older own ones deleted). The new comment
 * always comes first, so the pull request is never left without a report.
 *
 * When to write (`comment-on`): `always`; `warn` / `fail` only when the verdict is at least that bad —
 * but an existing comment is still updated when things get better, so it never shows a stale failure;
 * `change` only when the verdict or a key figure moved against the previous comment (with no previous
 * comment: when the verdict is not a pass or a key figure moved against the base branch), so quiet pull
 * requests stay quiet.
 */
import type { Status } from '../core/result.js';
import type { Logger } from '../core/logger.js';
import type { BuiltComment } from '../report/comment.js';
import { countMarker, parseSections, reportMarker } from '../report/marker.js';
import { GitHubApiError, describeApiError, type GitHubClient } from './client.js';

export const COMMENT_MODES = ['update', 'new', 'hide-and-new', 'delete-and-new'] as const;
export type CommentMode = (typeof COMMENT_MODES)[number];
export const COMMENT_ON = ['always', 'change', 'warn', 'fail'] as const;
export type CommentOn = (typeof COMMENT_ON)[number];

export interface PullRequestRef {
  owner: string;
  repo: string;
  number: number;
}

export interface Identity {
  login: string;
  id?: number;
}

interface IssueComment {
  id: number;
  node_id: string;
  body?: string;
  html_url: string;
  user: { login: string; id: number } | null;
}

export interface StickyOptions {
  id: string;
  section: string;
  mode: CommentMode;
  commentOn: CommentOn;
  status: Status;
  /** Whether a key figure moved against the base branch (for `change` without a previous comment). */
  movedAgainstBase: boolean;
  /** Renders the body, given the body of the comment it replaces (whose other sections are kept). */
  build(previousBody: string | undefined): BuiltComment;
}

export interface StickyOutcome {
  action: 'created' | 'updated' | 'skipped';
  commentId?: number;
  url?: string;
  /** In words, for the log and the job summary. */
  reason: string;
  /** Own older comments hidden or deleted. */
  cleaned: number;
}

/** The token's identity: GraphQL's viewer (REST `GET /user` is refused to a workflow's GITHUB_TOKEN). */
export async function tokenIdentity(client: GitHubClient): Promise<Identity> {
  const data = await client.graphql<{ viewer: { login: string; databaseId?: number | null } }>(
    'query { viewer { login databaseId } }',
  );
  return { login: data.viewer.login, id: data.viewer.databaseId ?? undefined };
}

/** GraphQL names a bot `github-actions`, REST `github-actions[bot]`: both are the same author. */
export function isIdentity(user: IssueComment['user'], me: Identity): boolean {
  if (!user) return false;
  if (me.id !== undefined && user.id === me.id) return true;
  const plain = (s: string) => s.toLowerCase().replace(/\[bot\]$/, '');
  return plain(user.login) === plain(me.login);
}

/** Every comment of the pull request, oldest first (all pages of 100). */
export async function listComments(client: GitHubClient, pr: PullRequestRef): Promise<IssueComment[]> {
  return (await client.rest.paginate(client.rest.rest.issues.listComments, {
    owner: pr.owner,
    repo: pr.repo,
    issue_number: pr.number,
    per_page: 100,
  })) as IssueComment[];
}

/** The report's own comments (oldest first), and those that carry its marker but are not its own. */
export function ownComments(
  comments: readonly IssueComment[],
  id: string,
  me: Identity,
): { own: IssueComment[]; foreign: IssueComment[] } {
  const marker = reportMarker(id);
  const own: IssueComment[] = [];
  const foreign: IssueComment[] = [];
  for (const c of comments) {
    const n = countMarker(c.body ?? '', marker);
    if (n === 0) continue;
    if (n === 1 && isIdentity(c.user, me)) own.push(c);
    else foreign.push(c);
  }
  return { own, foreign };
}

const RANK: Record<Status, number> = { pass: 0, warn: 1, fail: 2, error: 3 };

/** Whether `comment-on` lets this report write, and why (or why not). */
export function shouldWrite(
  options: Pick<StickyOptions, 'commentOn' | 'status' | 'movedAgainstBase'>,
  previous: { state?: string } | undefined,
  state: string,
): { write: boolean; reason: string } {
  const { commentOn, status } = options;
  switch (commentOn) {
    case 'always':
      return { write: true, reason: 'comment-on: always' };
    case 'warn':
    case 'fail': {
      const bad = RANK[status] >= RANK[commentOn];
      if (bad) return { write: true, reason: `the verdict is ${status} (comment-on: ${commentOn})` };
      if (previous)
        return { write: true, reason: `the verdict improved to ${status}; the existing comment is updated` };
      return {
        write: false,
        reason: `the verdict is ${status} and comment-on is ${commentOn}: nothing to say`,
      };
    }
    case 'change': {
      if (previous)
        return previous.state === state
          ? { write: false, reason: 'nothing changed since the previous comment (comment-on: change)' }
          : { write: true, reason: 'the verdict or a key figure changed since the previous comment' };
      if (status !== 'pass') return { write: true, reason: `the verdict is ${status}` };
      if (options.movedAgainstBase)
        return { write: true, reason: 'a key figure moved against the base branch' };
      return {
        write: false,
        reason:
          'all checks pass and no key figure moved (comment-on: change): a quiet pull request stays quiet',
      };
    }
  }
}

const MINIMIZE = `mutation($id: ID!) { minimizeComment(input: { subjectId: $id, classifier: OUTDATED }) { minimizedComment { isMinimized } } }`;

/** Post, update or leave the report's comment on `pr` as `options` say. */
export async function upsertReportComment(
  client: GitHubClient,
  pr: PullRequestRef,
  options: StickyOptions,
  logger: Logger,
): Promise<StickyOutcome> {
  const me = await tokenIdentity(client);
  const comments = await listComments(client, pr);
  const { own, foreign } = ownComments(comments, options.id, me);
  for (const c of foreign)
    logger.warn(
      `comment ${c.id} by ${c.user?.login ?? 'a deleted user'} carries the report's marker but is not this token's own comment: it is left alone`,
    );
  const latest = own.at(-1);
  const built = options.build(latest?.body);
  const previous = latest
    ? parseSections(latest.body ?? '').find((s) => s.name === options.section)
    : undefined;
  const decision = shouldWrite(options, latest ? { state: previous?.state } : undefined, built.section.state);
  if (!decision.write)
    return {
      action: 'skipped',
      reason: decision.reason,
      commentId: latest?.id,
      url: latest?.html_url,
      cleaned: 0,
    };

  const ref = { owner: pr.owner, repo: pr.repo };
  if (options.mode === 'update' && latest) {
    let body = built.body;
    let updated = (await client.rest.rest.issues.updateComment({ ...ref, comment_id: latest.id, body }))
      .data as IssueComment;
    // Another workflow may have written its section at the same moment: read back, merge again if ours
    // or theirs was lost (twice at most; the last writer wins beyond that).
    for (let attempt = 0; attempt < 2; attempt++) {
      const now = (await client.rest.rest.issues.getComment({ ...ref, comment_id: latest.id }))
        .data as IssueComment;
      if (now.body === body) break;
      body = options.build(now.body).body;
      updated = (await client.rest.rest.issues.updateComment({ ...ref, comment_id: latest.id, body }))
        .data as IssueComment;
    }
    return {
      action: 'updated',
      commentId: updated.id,
      url: updated.html_url,
      reason: decision.reason,
      cleaned: 0,
    };
  }
  const created = (
    await client.rest.rest.issues.createComment({ ...ref, issue_number: pr.number, body: built.body })
  ).data as IssueComment;
  let cleaned = 0;
  if (options.mode === 'hide-and-new' || options.mode === 'delete-and-new') {
    const targets = options.mode === 'hide-and-new' ? await notMinimized(client, own) : own;
    for (const old of targets) {
      try {
        if (options.mode === 'hide-and-new') await client.graphql(MINIMIZE, { id: old.node_id });
        else await client.rest.rest.issues.deleteComment({ ...ref, comment_id: old.id });
        cleaned++;
      } catch (e) {
        // The new comment is there; an old one left visible is not worth failing for.
        logger.warn(
          `could not ${options.mode === 'hide-and-new' ? 'hide' : 'delete'} comment ${old.id}: ${describeApiError(e).message}`,
        );
      }
    }
  }
  return {
    action: 'created',
    commentId: created.id,
    url: created.html_url,
    reason: decision.reason,
    cleaned,
  };
}

const MINIMIZED = `query($ids: [ID!]!) { nodes(ids: $ids) { ... on IssueComment { id isMinimized } } }`;

/** The comments not hidden yet (earlier runs hid theirs), asked in pages of 100 ids. */
async function notMinimized(
  client: GitHubClient,
  comments: readonly IssueComment[],
): Promise<IssueComment[]> {
  const hidden = new Set<string>();
  for (let i = 0; i < comments.length; i += 100) {
    const ids = comments.slice(i, i + 100).map((c) => c.node_id);
    const data = await client.graphql<{ nodes: ({ id: string; isMinimized: boolean } | null)[] }>(MINIMIZED, {
      ids,
    });
    for (const n of data.nodes) if (n?.isMinimized) hidden.add(n.id);
  }
  return comments.filter((c) => !hidden.has(c.node_id));
}

/** Why a comment could not be written, in words a workflow author acts on. */
export function explainCommentFailure(e: unknown): string {
  const { status, message } = describeApiError(e);
  if (status === 403 || status === 401)
    return `the token may not write to the pull request (${message}). On pull requests from forks GitHub gives workflows a read-only token: post from a workflow_run workflow instead (workflows-examples/fork-safe-report.yml), or grant "pull-requests: write" to this job`;
  if (status === 404) return `the pull request or repository was not found with this token (${message})`;
  if (e instanceof GitHubApiError) return e.message;
  return `GitHub answered ${message}`;
}
