import * as core from '@actions/core';
import { randomBytes } from 'node:crypto';
import { guardConsole, neutralizeCommands, stopCommandsBlock, visible } from '../core/visible.js';
import type { Logger } from '../core/logger.js';
import type { Severity } from '../core/result.js';

/** The runner as an action sees it; the real one maps to @actions/core, tests pass their own. */
export interface ActionIo {
  getInput(name: string): string;
  setOutput(name: string, value: string): void;
  /** Append Markdown to the job summary. */
  appendSummary(markdown: string): Promise<void>;
  annotate(
    severity: Severity,
    message: string,
    where: { file?: string; line?: number; column?: number; title?: string },
  ): void;
  setFailed(message: string): void;
  setSecret(value: string): void;
  logger: Logger;
  env: Record<string, string | undefined>;
}

export function runnerIo(): ActionIo {
  guardConsole();
  return {
    getInput: (name) => core.getInput(name),
    setOutput: (name, value) => core.setOutput(name, value),
    appendSummary: async (markdown) => {
      // Outside a runner there is no summary file; that is not an error.
      if (!process.env.GITHUB_STEP_SUMMARY) return;
      await core.summary.addRaw(markdown, true).write();
    },
    // Annotation text quotes PR text (columns, keys, file names): @actions/core escapes what the runner
    // parses (%, CR, LF, and `:`/`,` in properties); visible() also shows ESC and the other controls.
    annotate: (severity, message, where) => {
      const props = {
        file: where.file === undefined ? undefined : visible(where.file),
        startLine: where.line,
        startColumn: where.column,
        title: where.title === undefined ? undefined : visible(where.title),
      };
      if (severity === 'error') core.error(visible(message), props);
      else if (severity === 'warning') core.warning(visible(message), props);
      else core.notice(visible(message), props);
    },
    setFailed: (message) => core.setFailed(visible(message)),
    setSecret: (value) => core.setSecret(value),
    // Every line we log passes neutralizeCommands: a `::` that reached a message from foreign text can
    // never start a workflow command. Our own commands go through core's command functions instead.
    logger: {
      info: (m) => core.info(neutralizeCommands(visible(m))),
      warn: (m) => core.warning(visible(m)),
      debug: (m) => core.debug(visible(m)),
      group: (title, fn) => core.group(visible(title), fn),
      foreign: (title, text) => {
        core.info(visible(title));
        // The runner ignores workflow commands until it sees `::<token>::`; the token is random per call.
        // Inside, every line also has its control characters made visible (ANSI cannot clear the log).
        const block = stopCommandsBlock(text, randomBytes(16).toString('hex'));
        block.forEach((line, i) =>
          process.stdout.write(`${i === 0 || i === block.length - 1 ? line : visible(line)}\n`),
        );
      },
      secret: (value) => core.setSecret(value),
    },
    env: process.env,
  };
}
