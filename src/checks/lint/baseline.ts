/**
 * Fingerprints and the baseline file. A fingerprint hashes the rule, the file (relative to the linted
 * folder) and what the finding is about — the instruction text, the package name, the global a pickle
 * imports, the hash of a credential — never a line number, so a finding keeps its fingerprint when lines
 * above it move. Identical findings in one file are told apart by their order (`…:2`).
 *
 * A baseline (`model-ci lint --write-baseline`) records the fingerprints of today's findings and the
 * rules that existed when it was written. Later runs fail only on findings that are new; findings of rules
 * added by a newer model-ci are reported but never fail, so upgrading model-ci does not break an unchanged
 * repository.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ConfigError, DataFormatError, InputError } from '../../core/errors.js';
import { parseJsonText } from '../../core/json-file.js';
import { TOOL_VERSION } from '../../core/version.js';

export const BASELINE_SCHEMA = 'model-ci/lint-baseline@1';

export interface Fingerprinted {
  rule: string;
  file: string;
  key: string;
}

/** Add `fingerprint` to every finding: sha256(rule, file, key), then `:n` for the n-th identical one. */
export function fingerprint<T extends Fingerprinted>(
  findings: readonly T[],
): (T & { fingerprint: string })[] {
  const seen = new Map<string, number>();
  return findings.map((f) => {
    const h = createHash('sha256').update(`${f.rule}\0${f.file}\0${f.key}`).digest('hex').slice(0, 32);
    const n = (seen.get(h) ?? 0) + 1;
    seen.set(h, n);
    return { ...f, fingerprint: `${h}:${n}` };
  });
}

export interface BaselineEntry {
  rule: string;
  file: string;
  fingerprint: string;
  message: string;
}

export interface Baseline {
  schema: typeof BASELINE_SCHEMA;
  tool: { name: 'model-ci'; version: string };
  /** Every rule ID model-ci had when the baseline was written. */
  rules: string[];
  findings: BaselineEntry[];
}

export function makeBaseline(findings: readonly BaselineEntry[], rules: readonly string[]): Baseline {
  return {
    schema: BASELINE_SCHEMA,
    tool: { name: 'model-ci', version: TOOL_VERSION },
    rules: [...rules],
    findings: [...findings].sort(
      (a, b) =>
        a.file.localeCompare(b.file) ||
        a.rule.localeCompare(b.rule) ||
        a.fingerprint.localeCompare(b.fingerprint),
    ),
  };
}

export function readBaseline(file: string): Baseline {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new InputError(
      `baseline file not found: ${file} (create it with model-ci lint --write-baseline --baseline ${file})`,
    );
  }
  let json: unknown;
  try {
    json = parseJsonText(text, file, 'not a valid baseline file');
  } catch (e) {
    if (e instanceof DataFormatError) throw new ConfigError(e.position, e.detail);
    throw e;
  }
  const b = json as Partial<Baseline>;
  if (typeof b !== 'object' || b === null || b.schema !== BASELINE_SCHEMA)
    throw new ConfigError(
      { file, line: 1, column: 1 },
      `not a model-ci lint baseline: expected "schema": "${BASELINE_SCHEMA}"`,
    );
  if (!Array.isArray(b.rules) || !Array.isArray(b.findings))
    throw new ConfigError({ file, line: 1, column: 1 }, 'a baseline needs "rules" and "findings" lists');
  b.findings.forEach((f, i) => {
    if (typeof f?.fingerprint !== 'string' || typeof f?.rule !== 'string')
      throw new ConfigError({ file }, `findings[${i}] needs "rule" and "fingerprint" strings`);
  });
  return b as Baseline;
}

/** How each current finding relates to the baseline. */
export type BaselineState = 'new' | 'baselined' | 'new-rule';

export function compareToBaseline(
  findings: readonly { rule: string; fingerprint: string }[],
  baseline: Baseline | undefined,
): BaselineState[] {
  if (!baseline) return findings.map(() => 'new');
  const known = new Set(baseline.findings.map((f) => f.fingerprint));
  const rules = new Set(baseline.rules);
  return findings.map((f) =>
    known.has(f.fingerprint) ? 'baselined' : rules.has(f.rule) ? 'new' : 'new-rule',
  );
}
