import type { Finding, Severity } from '../../core/result.js';

export type SubCheckStatus = 'pass' | 'warn' | 'fail' | 'skip';

/** One line of `details.checks`: each smoke sub-check (loads, signature, finite, ...) is reported separately. */
export interface SubCheck {
  name: string;
  status: SubCheckStatus;
  message: string;
}

/** Collects sub-check lines and the findings that failed ones produce. */
export class CheckLog {
  readonly checks: SubCheck[] = [];
  readonly findings: Finding[] = [];

  pass(name: string, message: string): void {
    this.checks.push({ name, status: 'pass', message });
  }

  skip(name: string, message: string): void {
    this.checks.push({ name, status: 'skip', message });
  }

  /** A failed sub-check: one line in `checks` and one finding per message in `problems` (the first when one). */
  fail(
    name: string,
    id: string,
    problems: string | string[],
    extra: { severity?: Severity; file?: string; line?: number; column?: number; subject?: string } = {},
  ): void {
    const list = Array.isArray(problems) ? problems : [problems];
    const severity = extra.severity ?? 'error';
    this.checks.push({ name, status: severity === 'error' ? 'fail' : 'warn', message: list.join('; ') });
    for (const message of list) {
      const f: Finding = { id, severity, message };
      if (extra.file) f.file = extra.file;
      if (extra.line !== undefined) f.line = extra.line;
      if (extra.column !== undefined) f.column = extra.column;
      if (extra.subject) f.subject = extra.subject;
      this.findings.push(f);
    }
  }

  /** Names of the sub-checks that failed. */
  failed(): string[] {
    return this.checks.filter((c) => c.status === 'fail').map((c) => c.name);
  }
}

/** A number for messages: up to 4 significant digits, no exponent for ordinary magnitudes. */
export function fmt(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  if (x === 0) return '0';
  const a = Math.abs(x);
  if (a >= 1e-3 && a < 1e6) return String(Number(x.toPrecision(4)));
  return Number(x.toPrecision(4)).toExponential();
}
