import { runCli } from '../../src/cli/main.js';
import type { CliIo } from '../../src/cli/io.js';
import { ROOT } from './run-bundle.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run the CLI in-process with captured output, as if from `cwd` (default: the repository root). */
export async function cli(args: string[], cwd = ROOT, env: Record<string, string> = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    cwd,
    env,
    isTTY: false,
  };
  const code = await runCli(args, io);
  return { code, stdout, stderr };
}
