/**
 * How the CLI shows long work on stderr (never stdout, never the result):
 * - on a terminal, a phase still running after `delayMs` (2 s; `MODEL_CI_PROGRESS_DELAY_MS` changes it)
 *   gets a bar redrawn in place at most 10 times a second — label, bar, percent, bytes, rows, ETA — and,
 *   when it ends, one line with its size and time instead of the bar;
 * - without a terminal (CI logs), a phase that took `delayMs` or more leaves one line with its time, no
 *   redrawing (logs keep every byte);
 * - with `--quiet`, nothing.
 */
import type { Progress, ProgressStart } from '../core/progress.js';
import { noProgress } from '../core/progress.js';
import { visible } from '../core/visible.js';
import { formatDuration, formatNumber } from '../report/format.js';
import type { CliIo } from './io.js';

const DEFAULT_DELAY_MS = 2000;
const REDRAW_MS = 100;
const BAR_WIDTH = 20;

export interface ProgressBarOptions {
  quiet?: boolean;
  /** Milliseconds since some origin; injected by tests so no assertion depends on timing. */
  now?: () => number;
}

/** `12.3 MB`, `512 kB`, `800 B` (decimal units, as file managers and `ls -h --si`). */
export function formatBytes(n: number): string {
  if (n >= 1e9) return `${formatNumber(n / 1e9, 3)} GB`;
  if (n >= 1e6) return `${formatNumber(n / 1e6, 3)} MB`;
  if (n >= 1e3) return `${formatNumber(n / 1e3, 3)} kB`;
  return `${Math.round(n)} B`;
}

function delayOf(io: CliIo): number {
  const v = Number(io.env.MODEL_CI_PROGRESS_DELAY_MS);
  return io.env.MODEL_CI_PROGRESS_DELAY_MS !== undefined && Number.isFinite(v) && v >= 0
    ? v
    : DEFAULT_DELAY_MS;
}

/** The progress starter of the CLI logger. */
export function cliProgress(io: CliIo, opts: ProgressBarOptions = {}): ProgressStart {
  const now = opts.now ?? (() => performance.now());
  const delay = delayOf(io);
  return (rawLabel: string): Progress => {
    if (opts.quiet) return noProgress;
    const label = visible(rawLabel);
    const start = now();
    let lastDraw = -Infinity;
    let drawn = false;
    let done = 0;
    let total = 0;
    let rows = 0;
    const draw = (t: number) => {
      const share = total > 0 ? Math.min(1, done / total) : 0;
      const filled = Math.round(share * BAR_WIDTH);
      const elapsed = t - start;
      const eta = share > 0 && share < 1 ? (elapsed / share) * (1 - share) : 0;
      const text =
        `${label} [${'█'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)}] ${Math.floor(share * 100)}% ` +
        `${formatBytes(done)} / ${formatBytes(total)}, ${formatNumber(rows)} rows` +
        (eta > 0 ? `, ETA ${formatDuration(eta)}` : '');
      io.stderr(`\r\u001b[K${text}`);
      drawn = true;
      lastDraw = t;
    };
    return {
      update(d, tot, r) {
        done = d;
        total = tot;
        rows = r;
        if (!io.isTTY) return;
        const t = now();
        if (t - start >= delay && t - lastDraw >= REDRAW_MS) draw(t);
      },
      end(ok = true) {
        const elapsed = now() - start;
        if (drawn) io.stderr('\r\u001b[K');
        if (!ok || (!drawn && elapsed < delay)) return;
        io.stderr(
          `${label}: ${formatBytes(total || done)}, ${formatNumber(rows)} rows in ${formatDuration(elapsed)}\n`,
        );
      },
    };
  };
}
