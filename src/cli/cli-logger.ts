import type { Logger } from '../core/logger.js';
import { visible } from '../core/visible.js';
import type { CliIo } from './io.js';

/** Progress and notes go to stderr so stdout stays the human summary; --quiet silences info. */
export function cliLogger(io: CliIo, opts: { quiet?: boolean; debug?: boolean }): Logger {
  return {
    info: (m) => void (opts.quiet ? undefined : io.stderr(`${m}\n`)),
    warn: (m) => io.stderr(`warning: ${m}\n`),
    debug: (m) => void (opts.debug ? io.stderr(`debug: ${m}\n`) : undefined),
    group: async (title, fn) => {
      if (!opts.quiet) io.stderr(`── ${title}\n`);
      return fn();
    },
    foreign: (title, text) => {
      if (opts.quiet) return;
      io.stderr(`${title}\n`);
      for (const line of text.split(/\r?\n/)) io.stderr(`  | ${visible(line)}\n`);
    },
  };
}
