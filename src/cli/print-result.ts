import type { CheckResult, Status } from '../core/result.js';
import { neutralizeCommands, visible } from '../core/visible.js';
import { displaySeverity, formatMetricValue } from '../report/format.js';
import { presenterFor } from '../report/presenters.js';
import { useColor, type CliIo } from './io.js';

const COLOR: Record<Status, string> = { pass: '32', warn: '33', fail: '31', error: '31' };
const MARK: Record<Status, string> = { pass: '✔', warn: '!', fail: '✘', error: '✘' };

/** The human summary of one result on stdout: a status line, metrics, findings. */
export function printResult(r: CheckResult, io: CliIo): void {
  const paint = (s: string) => (useColor(io) ? `\u001b[${COLOR[r.status]}m${s}\u001b[0m` : s);
  // Results may come from anywhere (a file): every text in them is made visible again before printing.
  const title = visible(r.name ? `${r.title} (${r.name})` : r.title);
  io.stdout(`${paint(`${MARK[r.status]} ${title}: ${r.status}`)} — ${visible(r.summary)}\n`);
  const entries = Object.entries(r.metrics);
  if (entries.length) {
    const width = Math.max(...entries.map(([k]) => visible(k).length)) + 2;
    for (const [k, v] of entries)
      io.stdout(`    ${visible(k).padEnd(width)}${formatMetricValue(v, visible)}\n`);
  }
  for (const line of presenterFor(r.check)?.text?.(r) ?? []) io.stdout(`    ${neutralizeCommands(line)}\n`);
  for (const f of r.findings.slice(0, 20)) {
    const where = f.file ? `${visible(f.file)}${f.line ? `:${f.line}` : ''}: ` : '';
    io.stdout(`  ${displaySeverity(f, r)}: ${where}${visible(f.message)}\n`);
  }
  if (r.findings.length > 20) io.stdout(`  … ${r.findings.length - 20} more findings in the result file\n`);
}
