/**
 * The body of `model-ci release` (src/cli/commands/release.ts loads this module on use): it imports the
 * GitHub client and Sigstore, which no other command needs at start-up.
 */
import { FileGuard } from '../../core/file-guard.js';
import { finishOptions, kebab } from '../../core/options.js';
import { visible } from '../../core/visible.js';
import { checkRepository, RELEASE_OPTIONS, type ReleaseOptions } from '../../checks/release/options.js';
import { originRepository } from '../../checks/release/git.js';
import { runRelease } from '../../checks/release/release.js';
import { oidcIdentity } from '../../checks/release/sigstore.js';
import { apiUrlsFrom, createGitHubClient } from '../../github/client.js';
import { releaseEnvironment, webUrlFromApi } from '../../github/release-context.js';
import { githubReleaseHost } from '../../github/releases.js';
import { cliLogger } from '../cli-logger.js';
import type { Command } from '../command.js';
import { emitResult } from '../emit-result.js';

export const runReleaseCommand: Command['run'] = async (values, _positionals, io) => {
  const options = finishOptions<ReleaseOptions>(RELEASE_OPTIONS, values, (k) => `--${kebab(k)}`);
  const logger = cliLogger(io, { quiet: values.quiet as boolean, debug: values.debug as boolean });
  const files = new FileGuard(io.cwd);
  if (typeof values.out === 'string') files.claimOutput(values.out, '--out');
  const facts = releaseEnvironment(io.env);
  const repoText = options.repository ?? facts.repository ?? (await originRepository(io.cwd));
  const repo = repoText
    ? checkRepository(repoText, options.repository ? '--repository' : 'the repository')
    : undefined;
  const { apiUrl } = apiUrlsFrom(io.env);
  const serverUrl = facts.serverUrl ?? webUrlFromApi(apiUrl);
  const token = io.env.GITHUB_TOKEN || io.env.GH_TOKEN || '';
  const host =
    !options.dryRun && token && repo
      ? githubReleaseHost(createGitHubClient({ token, apiUrl, logger }), repo, serverUrl)
      : undefined;
  const result = await runRelease(options, {
    baseDir: io.cwd,
    logger,
    files,
    host,
    run: facts.run,
    ref: facts.ref,
    eventLabels: facts.eventLabels,
    repositoryPrivate: facts.repositoryPrivate,
    identity: oidcIdentity(io.env),
    serverUrl: repo ? serverUrl : undefined,
    repository: repo ? `${repo.owner}/${repo.repo}` : undefined,
  });
  const code = emitResult(result, values, io, files);
  const d = result.details as { version?: string; tag?: string; previous_tag?: string; body?: string };
  if (!values.quiet && d.tag) {
    io.stdout(
      `\nversion   ${d.version}\ntag       ${d.tag}\nprevious  ${d.previous_tag || '(none: first release)'}\n\n`,
    );
    io.stdout(`${(d.body ?? '').split('\n').map(visible).join('\n')}\n`);
  }
  return code;
};
