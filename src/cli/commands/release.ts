import { RELEASE_OPTIONS } from '../../checks/release/options.js';
import type { Command } from '../command.js';

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
  async run(values, positionals, io) {
    // Loaded on use, as one module: the GitHub client and Sigstore are most of what this command weighs
    // (every other command starts without them), and one import keeps each of their modules in one chunk.
    const { runReleaseCommand } = await import('./release-run.js');
    return runReleaseCommand(values, positionals, io);
  },
};
