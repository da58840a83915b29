/**
 * `actions/release`: on main, after the gates, tag and publish the model release (src/checks/release).
 * The token is masked before anything else happens and used only for GitHub's API; the OIDC token that
 * signs the provenance is masked as soon as it arrives. The step fails when the release is refused (a
 * failing gate without `force`), when an input is bad, or when GitHub fails beyond its retries — then the
 * message says what exists and that a re-run completes the release.
 */
import { dirname, join } from 'node:path';
import { ModelCiError } from '../core/errors.js';
import { FileGuard } from '../core/file-guard.js';
import { kebab } from '../core/options.js';
import { toJsonText } from '../core/result.js';
import { checkRepository, RELEASE_OPTIONS, type ReleaseOptions } from '../checks/release/options.js';
import { releasePresenter } from '../checks/release/present.js';
import { runRelease } from '../checks/release/release.js';
import { oidcIdentity } from '../checks/release/sigstore.js';
import { apiUrlsFrom, createGitHubClient, type GitHubClientOptions } from '../github/client.js';
import { releaseEnvironment } from '../github/release-context.js';
import { githubReleaseHost } from '../github/releases.js';
import type { ActionIo } from './action-io.js';
import { annotateFindings, failStep, inputNames, readInputs, resultPathFor, workspaceOf } from './harness.js';
import type { ActionSpec } from './registry-spec.js';

export const RELEASE_INPUTS = [...inputNames(RELEASE_OPTIONS), 'github-token'] as const;
export const RELEASE_OUTPUTS = [
  'status',
  'result-path',
  'version',
  'tag',
  'previous-tag',
  'release-url',
  'provenance-path',
] as const;
export const releaseAction: ActionSpec = {
  inputs: RELEASE_INPUTS,
  required: ['results'],
  outputs: RELEASE_OUTPUTS,
};

export interface ReleaseActionDeps {
  /** Client settings for tests (shorter retry pauses). */
  client?: Partial<Pick<GitHubClientOptions, 'retryAfterBaseMs' | 'rateLimitRetries' | 'paceWrites'>>;
}

export async function runReleaseAction(io: ActionIo, deps: ReleaseActionDeps = {}): Promise<void> {
  try {
    const token = io.getInput('github-token').trim();
    if (token) io.setSecret(token);
    const options = readInputs<ReleaseOptions>(RELEASE_OPTIONS, io);
    const workspace = workspaceOf(io);
    const files = new FileGuard(workspace);
    const resultPath = files.claimOutput(resultPathFor('release', io), 'input "result-path"');
    // provenance.json always lands beside the result, so later steps can use it (output provenance-path).
    options.provenance ??= join(dirname(resultPath), 'provenance.json');
    const facts = releaseEnvironment(io.env);
    const repoText = options.repository ?? facts.repository;
    const repo = repoText
      ? checkRepository(repoText, options.repository ? 'input "repository"' : 'GITHUB_REPOSITORY')
      : undefined;
    if (!options.dryRun && !repo)
      throw new ModelCiError(
        'GITHUB_REPOSITORY is not set and no "repository" input was given: which repository to release?',
      );
    const host =
      !options.dryRun && token && repo
        ? githubReleaseHost(
            createGitHubClient({
              token,
              ...apiUrlsFrom(io.env),
              logger: io.logger,
              setSecret: io.setSecret,
              ...deps.client,
            }),
            repo,
            facts.serverUrl,
          )
        : undefined;
    const result = await runRelease(options, {
      baseDir: workspace,
      logger: io.logger,
      files,
      describe: (k) => `input "${kebab(k)}"`,
      host,
      run: facts.run,
      ref: facts.ref,
      eventLabels: facts.eventLabels,
      repositoryPrivate: facts.repositoryPrivate,
      identity: oidcIdentity(io.env, (t) => io.setSecret(t)),
      serverUrl: facts.serverUrl,
      repository: repo ? `${repo.owner}/${repo.repo}` : undefined,
    });
    files.write(resultPath, toJsonText(result), 'input "result-path"');
    const d = result.details as Record<string, unknown>;
    const str = (v: unknown) => (typeof v === 'string' ? v : '');
    io.setOutput('status', result.status);
    io.setOutput('result-path', resultPath);
    io.setOutput('version', str(d.version));
    io.setOutput('tag', str(d.tag));
    io.setOutput('previous-tag', str(d.previous_tag));
    io.setOutput('release-url', str(d.release_url));
    io.setOutput('provenance-path', str(d.provenance_path));
    annotateFindings(result.findings, io, workspace);
    // The notes were written by this run (every foreign text in them escaped): shown as GitHub renders them.
    const notes = str(d.body)
      ? `\n<details><summary>Release notes${d.released ? '' : ' (not published)'}</summary>\n\n${str(d.body)}\n</details>\n`
      : '';
    await io.appendSummary(`${releasePresenter.markdown(result)}${notes}`);
    io.logger.info(`${result.status}: ${result.summary}`);
    if (result.status === 'fail' || result.status === 'error')
      failStep(io, `Model release: ${result.summary}`);
  } catch (e) {
    if (e instanceof ModelCiError) failStep(io, e.message);
    else {
      failStep(io, `internal error in model-ci release: ${(e as Error).message}`);
      io.logger.debug((e as Error).stack ?? '');
    }
  }
}
