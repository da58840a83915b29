import { resolve } from 'node:path';
import { exitCodeFor, type CheckResult } from '../core/result.js';
import type { CliIo } from './io.js';
import { printResult } from './print-result.js';
import { writeResultFile } from './write-result.js';

/** The end of every check command: --out file (never over an input), the summary on stdout, the exit code. */
export function emitResult(
  result: CheckResult,
  values: Record<string, unknown>,
  io: CliIo,
  inputFiles: readonly string[],
): number {
  if (typeof values.out === 'string')
    writeResultFile(
      resolve(io.cwd, values.out),
      result,
      inputFiles.map((f) => resolve(io.cwd, f)),
    );
  if (!values.quiet) printResult(result, io);
  return exitCodeFor(result.status);
}
