import type { FileGuard } from '../core/file-guard.js';
import { exitCodeFor, toJsonText, type CheckResult } from '../core/result.js';
import type { CliIo } from './io.js';
import { printFailure } from './print-failure.js';
import { printResult } from './print-result.js';

/**
 * The end of every check command: the --out file (claimed before the check ran, written atomically), the
 * summary on stdout, the exit code.
 */
export function emitResult(
  result: CheckResult,
  values: Record<string, unknown>,
  io: CliIo,
  files: FileGuard,
): number {
  if (typeof values.out === 'string') files.write(values.out, toJsonText(result), '--out');
  if (!values.quiet) printResult(result, io);
  else printFailure(result, io);
  return exitCodeFor(result.status);
}
