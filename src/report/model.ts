/**
 * What the report says, before it is written as Markdown or HTML: the verdict, one entry per result with
 * its presenter and key figures, and each figure compared with the same figure of the base branch's
 * result (same check and name). Pure.
 */
import type { CheckPresenter, KeyFigure } from '../core/present.js';
import { worstStatus, type CheckResult, type Status } from '../core/result.js';
import { formatNumber, formatPercentChange, formatSigned } from './format.js';
import { PRESENTERS, presenterFor } from './presenters.js';
import type { LoadedResult } from './load-results.js';

/** A key figure of the head result with its comparison to the base result. */
export interface FigureComparison {
  figure: KeyFigure;
  base?: KeyFigure;
  /** `AUC 0.819`, `p95 0.709 ms` (unescaped). */
  text: string;
  /** `+0.012`, `−8%`, `±0`; undefined without a base value. */
  change?: string;
  /** Whether the change is an improvement, when the figure says which direction is better. */
  verdict?: 'better' | 'worse' | 'same';
  /** Members in head but not in base (`new: monthly_charges`) and the other way round. */
  added: string[];
  removed: string[];
}

export interface ReportEntry {
  result: CheckResult;
  file: string;
  presenter?: CheckPresenter;
  base?: CheckResult;
  figures: FigureComparison[];
}

export interface ReportModel {
  status: Status;
  counts: Record<Status, number>;
  entries: ReportEntry[];
  /** Whether base results were given (the overview then has a "vs base" column). */
  compared: boolean;
  /** Base results without a head result of the same check and name. */
  removed: CheckResult[];
  warnings: string[];
}

/** `check` + `name`: how a head result finds its base. */
function keyOf(r: CheckResult): string {
  return `${r.check}\u0000${r.name ?? ''}`;
}

/** A presenter's figures, or none when it throws on a result it does not understand. */
function figuresOf(
  presenter: CheckPresenter | undefined,
  result: CheckResult,
  warnings: string[],
): KeyFigure[] {
  if (!presenter?.keyFigures) return [];
  try {
    return presenter.keyFigures(result);
  } catch (e) {
    warnings.push(`${result.check}: key figures could not be read from the result (${(e as Error).message})`);
    return [];
  }
}

export function figureText(f: KeyFigure): string {
  return `${f.label} ${formatNumber(f.value)}${f.unit && f.value !== null ? ` ${f.unit}` : ''}`;
}

/** Compare one figure with its base figure. */
export function compareFigure(figure: KeyFigure, base: KeyFigure | undefined): FigureComparison {
  const out: FigureComparison = { figure, base, text: figureText(figure), added: [], removed: [] };
  if (figure.members && base?.members) {
    const was = new Set(base.members);
    const is = new Set(figure.members);
    out.added = figure.members.filter((m) => !was.has(m));
    out.removed = base.members.filter((m) => !is.has(m));
  }
  if (!base || figure.value === null || base.value === null) return out;
  const delta = figure.value - base.value;
  const relative = (figure.change ?? 'absolute') === 'relative';
  if (relative)
    out.change =
      base.value === 0
        ? delta === 0
          ? '±0%'
          : formatSigned(delta)
        : formatPercentChange(delta / Math.abs(base.value));
  else out.change = formatSigned(delta);
  // A change too small to show is no change.
  const shown = /^±0%?$/.test(out.change);
  if (figure.better)
    out.verdict =
      shown || delta === 0 ? 'same' : delta > 0 === (figure.better === 'higher') ? 'better' : 'worse';
  else if (shown || delta === 0) out.verdict = 'same';
  return out;
}

/** Pipeline order (the presenters' order), then the check id, then the name, then the file. */
function order(a: ReportEntry, b: ReportEntry): number {
  const rank = (e: ReportEntry) => {
    const i = PRESENTERS.findIndex((p) => p.check === e.result.check);
    return i < 0 ? PRESENTERS.length : i;
  };
  const cmp = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  return (
    rank(a) - rank(b) ||
    cmp(a.result.check, b.result.check) ||
    cmp(a.result.name ?? '', b.result.name ?? '') ||
    cmp(a.file, b.file)
  );
}

/** The report of `head` results, compared with `base` results when given. */
export function buildReport(
  head: readonly LoadedResult[],
  base?: readonly LoadedResult[],
  warnings: readonly string[] = [],
): ReportModel {
  const notes = [...warnings];
  const bases = new Map<string, LoadedResult[]>();
  for (const b of base ?? []) {
    const list = bases.get(keyOf(b.result)) ?? [];
    list.push(b);
    bases.set(keyOf(b.result), list);
  }
  const used = new Set<LoadedResult>();
  const entries = head.map(({ result, file }): ReportEntry => {
    const presenter = presenterFor(result.check);
    const candidates = bases.get(keyOf(result)) ?? [];
    // Several results of one check and name (matrix shards): pair them by file name.
    const match =
      candidates.find((c) => !used.has(c) && c.file === file) ?? candidates.find((c) => !used.has(c));
    if (match) used.add(match);
    const headFigures = figuresOf(presenter, result, notes);
    const baseFigures = match ? figuresOf(presenter, match.result, notes) : [];
    const figures = headFigures.map((f) =>
      compareFigure(
        f,
        baseFigures.find((b) => b.label === f.label),
      ),
    );
    return { result, file, presenter, base: match?.result, figures };
  });
  entries.sort(order);
  const counts: Record<Status, number> = { pass: 0, warn: 0, fail: 0, error: 0 };
  for (const e of entries) counts[e.result.status]++;
  return {
    status: worstStatus(...entries.map((e) => e.result.status)),
    counts,
    entries,
    compared: base !== undefined,
    removed: (base ?? []).filter((b) => !used.has(b)).map((b) => b.result),
    warnings: notes,
  };
}

/** `1 failed, 1 warning, 4 passed` (worst first; `no results` when empty). */
export function countsText(counts: Record<Status, number>): string {
  const parts: string[] = [];
  if (counts.error) parts.push(`${counts.error} error${counts.error === 1 ? '' : 's'}`);
  if (counts.fail) parts.push(`${counts.fail} failed`);
  if (counts.warn) parts.push(`${counts.warn} warning${counts.warn === 1 ? '' : 's'}`);
  if (counts.pass) parts.push(`${counts.pass} passed`);
  return parts.join(', ') || 'no results';
}
