import type { Logger } from '../core/logger.js';
import { neutralizeCommands, visible } from '../core/visible.js';
import type { CliIo } from './io.js';
import { cliProgress } from './progress-bar.js';

/** Progress and notes go to stderr so stdout stays the human summary; --quiet silences info. */
export function cliLogger(io: CliIo, opts: { quiet?: boolean; debug?: boolean }): Logger {
  return {
    // Messages quote file names, columns and values: their control characters are shown, never obeyed.
    info: (m) => void (opts.quiet ? undefined : io.stderr(`${neutralizeCommands(visible(m))}\n`)),
    warn: (m) => io.stderr(`warning: ${visible(m)}\n`),
    debug: (m) => void (opts.debug ? io.stderr(`debug: ${visible(m)}\n`) : undefined),
    group: async (title, fn) => {
      if (!opts.quiet) io.stderr(`── ${visible(title)}\n`);
      return fn();
    },
    progress: cliProgress(io, { quiet: opts.quiet }),
    foreign: (title, text) => {
      if (opts.quiet) return;
      io.stderr(`${visible(title)}\n`);
      for (const line of text.split(/\r?\n/)) io.stderr(`  | ${visible(line)}\n`);
    },
  };
}
