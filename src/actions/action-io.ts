import * as core from '@actions/core';
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
  return {
    getInput: (name) => core.getInput(name),
    setOutput: (name, value) => core.setOutput(name, value),
    appendSummary: async (markdown) => {
      // Outside a runner there is no summary file; that is not an error.
      if (!process.env.GITHUB_STEP_SUMMARY) return;
      await core.summary.addRaw(markdown, true).write();
    },
    annotate: (severity, message, where) => {
      const props = {
        file: where.file,
        startLine: where.line,
        startColumn: where.column,
        title: where.title,
      };
      if (severity === 'error') core.error(message, props);
      else if (severity === 'warning') core.warning(message, props);
      else core.notice(message, props);
    },
    setFailed: (message) => core.setFailed(message),
    setSecret: (value) => core.setSecret(value),
    logger: {
      info: (m) => core.info(m),
      warn: (m) => core.warning(m),
      debug: (m) => core.debug(m),
      group: (title, fn) => core.group(title, fn),
    },
    env: process.env,
  };
}
