import { FileGuard } from '../../core/file-guard.js';
import { finishOptions, kebab } from '../../core/options.js';
import { visible } from '../../core/visible.js';
import { checkRepository, RELEASE_OPTIONS, type ReleaseOptions } from '../../checks/release/options.js';
import { cliLogger } from '../cli-logger.js';
import type { Command } from '../command.js';
import { emitResult } from '../emit-result.js';

/**
 * `model-ci release`: run in the repository's working tree (after the checks, on main). A dry run reads
 * only the local Git history and the result files and prints the version, tag and notes; a real run
 * needs a token with `contents: write` in GITHUB_TOKEN (or GH_TOKEN, as the GitHub CLI reads it), never a
 * flag, so it stays out of shell histories and process lists.
 */
export const releaseCommand: Command = {
  name: 'release',
  summary:
    'Tag and publish a versioned GitHub release of the model (notes, result files, signed provenance) when its gates passed',
  options: RELEASE_OPTIONS,
  examples: [
    'model-ci release --results model-ci-report --dry-run',
    'GITHUB_TOKEN=… model-ci release --results results/ --floating-tag --out release.json',
    'model-ci release --results results/ --version 2.0.0 --provenance provenance.json',
  ],
  async run(values, _positionals, io) {
    // Loaded on use: the GitHub client and Sigstore are most of what this command weighs, and every
    // other command starts without them.
    // One after another: jest's ESM loader trips over concurrent imports of a shared dependency.
    const { originRepository } = await import('../../checks/release/git.js');
    const { runRelease } = await import('../../checks/release/release.js');
    const { oidcIdentity } = await import('../../checks/release/sigstore.js');
    const { apiUrlsFrom, createGitHubClient } = await import('../../github/client.js');
    const { releaseEnvironment, webUrlFromApi } = await import('../../github/release-context.js');
    const { githubReleaseHost } = await import('../../github/releases.js');
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
  },
};
