/**
 * The GitHub side of a report, shared by `actions/report` and the root action: upload the artifact, find
 * the pull request, write the sticky comment. Nothing here fails the step: when it cannot comment (no
 * pull request, a read-only token on a fork's pull request, the API down) it says why in a note, which
 * goes to the log and the job summary.
 */
import { buildComment } from '../report/comment.js';
import type { ReportLinks } from '../report/markdown.js';
import type { ReportModel } from '../report/model.js';
import { TOOL_VERSION } from '../core/version.js';
import { uploadArtifact, runUrl, type ArtifactOutcome, type ArtifactUpload } from '../github/artifacts.js';
import { createGitHubClient, type GitHubClient, type GitHubClientOptions } from '../github/client.js';
import { readEvent, resolvePullRequest } from '../github/event.js';
import {
  explainCommentFailure,
  upsertReportComment,
  type CommentMode,
  type CommentOn,
} from '../github/sticky-comment.js';
import type { ActionIo } from './action-io.js';

export interface PublishOptions {
  model: ReportModel;
  id: string;
  section: string;
  mode: CommentMode;
  commentOn: CommentOn;
  comment: boolean;
  token: string;
  prNumber?: number;
  /** What to upload (undefined: `upload-artifact: false`). */
  artifact?: Omit<ArtifactUpload, 'env'>;
  /** The HTML report's file name inside the artifact. */
  htmlName: string;
}

export interface PublishOutcome {
  commentId?: number;
  commentUrl?: string;
  links: ReportLinks;
  /** Lines for the job summary: what happened to the artifact and the comment, and why. */
  notes: string[];
}

/** What publishing needs from outside; tests pass their own upload. */
export interface PublishDeps {
  upload(upload: ArtifactUpload): Promise<ArtifactOutcome>;
  client(options: GitHubClientOptions): GitHubClient;
}

export const DEFAULT_DEPS: PublishDeps = { upload: uploadArtifact, client: createGitHubClient };

/** `acme/churn-model · retrain-usage · 3f1c0a9` for the HTML report's header (from the runner's environment). */
export function runContext(env: Record<string, string | undefined>): string | undefined {
  const parts = [
    env.GITHUB_REPOSITORY,
    env.GITHUB_HEAD_REF || env.GITHUB_REF_NAME,
    env.GITHUB_SHA?.slice(0, 7),
  ];
  const text = parts.filter((p): p is string => !!p).join(' · ');
  return text || undefined;
}

/** Whether any key figure moved against the base branch (or a check appeared or went away). */
export function movedAgainstBase(model: ReportModel): boolean {
  if (!model.compared) return false;
  if (model.removed.length) return true;
  return model.entries.some(
    (e) =>
      !e.base ||
      e.figures.some((f) => (f.verdict && f.verdict !== 'same') || f.added.length || f.removed.length),
  );
}

export async function publishReport(
  io: ActionIo,
  options: PublishOptions,
  deps: PublishDeps = DEFAULT_DEPS,
): Promise<PublishOutcome> {
  const notes: string[] = [];
  let artifactUrl: string | undefined;
  if (options.artifact) {
    const outcome = await deps.upload({ ...options.artifact, env: io.env });
    artifactUrl = outcome.url;
    notes.push(`Artifact: ${outcome.note}.`);
  } else notes.push('Artifact: not uploaded (upload-artifact is false).');
  const run = runUrl(io.env);
  const links: ReportLinks = {
    html: {
      url: artifactUrl,
      label: artifactUrl
        ? `${options.htmlName} in the artifact ${options.artifact?.name ?? ''}`.trim()
        : options.htmlName,
    },
    run: run ? { url: run, label: `workflow run ${io.env.GITHUB_RUN_ID}` } : undefined,
  };
  const out: PublishOutcome = { links, notes };
  if (!options.comment) {
    notes.push('Comment: not posted (comment is false).');
    return out;
  }
  const event = readEvent(io.env);
  let client: GitHubClient | undefined;
  try {
    if (options.token)
      client = deps.client({
        token: options.token,
        logger: io.logger,
        setSecret: io.setSecret,
        apiUrl: io.env.GITHUB_API_URL,
        graphqlUrl: io.env.GITHUB_GRAPHQL_URL,
      });
    const target = await resolvePullRequest(event, options.prNumber, client);
    if (!target.pr) {
      notes.push(`Comment: not posted: ${target.reason}.`);
      return out;
    }
    if (!client) {
      notes.push('Comment: not posted: no github-token.');
      return out;
    }
    const outcome = await upsertReportComment(
      client,
      target.pr,
      {
        id: options.id,
        section: options.section,
        mode: options.mode,
        commentOn: options.commentOn,
        status: options.model.status,
        movedAgainstBase: movedAgainstBase(options.model),
        build: (previousBody) =>
          buildComment(options.model, {
            id: options.id,
            section: options.section,
            previousBody,
            links,
            version: TOOL_VERSION,
          }),
      },
      io.logger,
    );
    out.commentId = outcome.commentId;
    out.commentUrl = outcome.url;
    const where = `pull request #${target.pr.number}`;
    if (outcome.action === 'skipped') notes.push(`Comment: not written on ${where}: ${outcome.reason}.`);
    else
      notes.push(
        `Comment: ${outcome.action} on ${where}: ${outcome.reason}${outcome.cleaned ? `; ${outcome.cleaned} older comment${outcome.cleaned === 1 ? '' : 's'} ${options.mode === 'hide-and-new' ? 'hidden' : 'deleted'}` : ''}.`,
      );
  } catch (e) {
    const why = explainCommentFailure(e);
    io.logger.warn(`model-ci report: no comment: ${why}`);
    notes.push(`Comment: not posted: ${why}.`);
  }
  for (const n of notes) io.logger.info(n);
  return out;
}
