/**
 * The shape of a lint result's `details`, apart from the step that writes it and the presenter that reads
 * it (so that neither imports the other).
 */
import type { BaselineState } from './baseline.js';
import type { LintSeverity } from './rules.js';

/** What `details` of a lint result holds (the report's presenter reads it). */
export interface LintDetails {
  root: string;
  source: 'git' | 'walk';
  files: number;
  bytes: number;
  baseline?: { file: string; entries: number; written: boolean };
  sarif?: string;
  /** Per rule: name, effective severity, findings reported (not suppressed) and new ones. */
  rules: Record<string, { name: string; severity: LintSeverity; count: number; new: number }>;
  findings: {
    rule: string;
    severity: LintSeverity;
    /** Relative to `root`. */
    file?: string;
    line?: number;
    message: string;
    fingerprint: string;
    state: BaselineState;
    suppressed?: string;
  }[];
  /** True when `findings` was cut to its first 2000 (MAX_DETAIL_FINDINGS in step.ts). */
  truncated: boolean;
}
