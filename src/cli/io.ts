import { guardConsole } from '../core/visible.js';

/** What the CLI touches of the process; injected so tests can capture output and pin the environment. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
  env: Record<string, string | undefined>;
  /** stderr is a terminal: enables colour (unless NO_COLOR) and progress. */
  isTTY: boolean;
}

export function processIo(): CliIo {
  guardConsole(); // engines' console output may quote a model's names: never a runner command
  return {
    stdout: (t) => void process.stdout.write(t),
    stderr: (t) => void process.stderr.write(t),
    cwd: process.cwd(),
    env: process.env,
    isTTY: Boolean(process.stderr.isTTY),
  };
}

export function useColor(io: CliIo): boolean {
  return io.isTTY && io.env.NO_COLOR === undefined;
}
