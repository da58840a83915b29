import type { CheckResult } from '../core/result.js';
import { visible } from '../core/visible.js';
import type { CliIo } from './io.js';

/** Findings shown per failed check under --quiet; the rest are in the result file. */
const MAX_QUIET_FINDINGS = 10;

/**
 * `--quiet` is quiet, not mute: a check that failed or errored still says why, compactly on stderr (its
 * status and summary, then its error findings); a pass or warn prints nothing.
 */
export function printFailure(r: CheckResult, io: CliIo): void {
  if (r.status !== 'fail' && r.status !== 'error') return;
  const title = visible(r.name ? `${r.title} (${r.name})` : r.title);
  io.stderr(`${r.status}: ${title}: ${visible(r.summary)}\n`);
  const errors = r.findings.filter((f) => f.severity === 'error');
  for (const f of errors.slice(0, MAX_QUIET_FINDINGS)) {
    const where = f.file ? `${visible(f.file)}${f.line ? `:${f.line}` : ''}: ` : '';
    // The summary of an input error is its one finding: not said twice.
    if (errors.length === 1 && f.message === r.summary && !where) break;
    io.stderr(`  ${where}${visible(f.message)}\n`);
  }
  if (errors.length > MAX_QUIET_FINDINGS)
    io.stderr(`  … ${errors.length - MAX_QUIET_FINDINGS} more in the result file\n`);
}
