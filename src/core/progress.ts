/**
 * Progress of long work (reading a data file), reported by library code and drawn by the face that runs
 * it: the CLI draws a bar on a terminal's stderr, or one line per phase with its time without a terminal
 * (src/cli/progress-bar.ts); actions and tests report nothing. Never part of a result or of stdout.
 */
export interface Progress {
  /** `done` of `total` bytes, and the rows read so far. Cheap: called once per read batch. */
  update(done: number, total: number, rows: number): void;
  /** The phase is over (also on failure: `ok` false, nothing more is drawn). */
  end(ok?: boolean): void;
}

/** Starts the progress of one phase, e.g. `reading data/eval.csv`. */
export type ProgressStart = (label: string) => Progress;

export const noProgress: Progress = { update() {}, end() {} };
