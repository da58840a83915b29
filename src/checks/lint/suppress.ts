/**
 * Inline suppressions: `model-ci: ignore MCI203 -- <reason>` in a comment on the line of a finding, or on
 * a comment line directly above it (blank and other comment lines between are skipped);
 * `model-ci: ignore-file MCI401 -- <reason>` anywhere in a file for the whole file. A reason is required —
 * a suppression without one suppresses nothing and is reported (MCI100), as is one naming an unknown rule
 * or one that no longer matches a finding. hadolint's own `# hadolint ignore=DL3008,DL3015` comments in
 * Dockerfiles are honoured for the rules that follow those hadolint rules, so existing Dockerfiles keep
 * their decisions.
 */
import { visible } from '../../core/visible.js';
import { closestMatch } from '../../core/errors.js';
import { ruleIds, rulesForHadolint, selectRules } from './rules.js';

export interface Suppression {
  line: number;
  rules: string[];
  reason: string;
  /** Lines it covers (its own, and the next code line when it stands alone on a comment line). */
  covers: number[];
  wholeFile: boolean;
  /** hadolint's syntax: no reason required, never reported as unused. */
  hadolint: boolean;
  used: boolean;
}

export interface SuppressionProblem {
  line: number;
  message: string;
  key: string;
}

/**
 * The marker must follow a comment token at the start of a line or after a blank (or a quote: notebook
 * sources are JSON strings), so prose that mentions the syntax is not a suppression.
 */
const MARKER = /(?:^|[\s"])(?:#|\/\/|\/\*|<!--|--|;|%|REM)\s*model-ci:\s*ignore(-file)?\b([^\n]*)/i;
/** In Markdown only an HTML comment is a comment: `# model-ci: …` there is a heading or an example. */
const MARKDOWN_MARKER = /<!--\s*model-ci:\s*ignore(-file)?\b([^\n]*)/i;
const HADOLINT = /hadolint\s+ignore=([A-Z0-9, ]+)/i;
const COMMENT_ONLY = /^\s*(#|\/\/|<!--|--|;|\*|\/\*|%|REM\b)/i;

/** Parse every suppression in a text file; problems (no reason, unknown rule) come back separately. */
export function parseSuppressions(
  text: string,
  kind: 'dockerfile' | 'markdown' | 'other',
): { suppressions: Suppression[]; problems: SuppressionProblem[] } {
  const suppressions: Suppression[] = [];
  const problems: SuppressionProblem[] = [];
  if (!/model-ci:|hadolint/i.test(text)) return { suppressions, problems };
  const lines = text.split('\n');
  const nextCodeLine = (i: number) => {
    for (let j = i + 1; j < lines.length; j++)
      if (lines[j].trim() && !COMMENT_ONLY.test(lines[j])) return j + 1;
    return undefined;
  };
  lines.forEach((raw, i) => {
    const lineNo = i + 1;
    const standalone = COMMENT_ONLY.test(raw);
    const covers = [lineNo];
    if (standalone) {
      const next = nextCodeLine(i);
      if (next) covers.push(next);
    }
    const m = (kind === 'markdown' ? MARKDOWN_MARKER : MARKER).exec(raw);
    if (m) {
      const rest = m[2].replace(/(-->|\*\/|\\n",?|",?)\s*$/, '').trim();
      const ids = /^([A-Za-z]+\d[0-9A-Za-z]*(?:\s*,\s*[A-Za-z]+\d[0-9A-Za-z]*)*)/.exec(rest);
      if (!ids) {
        problems.push({
          line: lineNo,
          message: 'model-ci: ignore needs rule IDs and a reason, e.g. "model-ci: ignore MCI203 -- <reason>"',
          key: `suppression|${raw.trim()}`,
        });
        return;
      }
      const reason = rest
        .slice(ids[0].length)
        .replace(/^\s*(--|—|:|-)\s*/, '')
        .trim();
      const rules: string[] = [];
      for (const id of ids[1].split(',').map((s) => s.trim().toUpperCase())) {
        const viaHadolint = /^DL\d{4}$/.test(id) ? rulesForHadolint(id).map((r) => r.id) : [];
        const selected = selectRules(id);
        if (selected.length) rules.push(...selected);
        else if (viaHadolint.length) rules.push(...viaHadolint);
        else {
          const near = closestMatch(id, ruleIds());
          problems.push({
            line: lineNo,
            message: `model-ci: ignore names ${visible(id)}, which is not a rule${near ? ` (did you mean ${near}?)` : ''}`,
            key: `suppression|unknown|${id}`,
          });
        }
      }
      if (!/[A-Za-z]{2,}/.test(reason)) {
        problems.push({
          line: lineNo,
          message: `model-ci: ignore ${rules.join(', ')} has no reason, so it suppresses nothing; write "-- <why this is acceptable>" after the rule IDs`,
          key: `suppression|no-reason|${rules.join(',')}`,
        });
        return;
      }
      if (rules.length)
        suppressions.push({
          line: lineNo,
          rules,
          reason,
          covers,
          wholeFile: !!m[1],
          hadolint: false,
          used: false,
        });
      return;
    }
    const h = kind === 'dockerfile' ? HADOLINT.exec(raw) : null;
    if (h) {
      const rules = h[1]
        .split(',')
        .map((s) => s.trim())
        .flatMap((code) => rulesForHadolint(code).map((r) => r.id));
      if (rules.length)
        suppressions.push({
          line: lineNo,
          rules,
          reason: 'hadolint ignore',
          covers,
          wholeFile: false,
          hadolint: true,
          used: false,
        });
    }
  });
  return { suppressions, problems };
}

/** The suppression that covers a finding of `rule` on `line`, marking it used. */
export function suppressionFor(
  suppressions: readonly Suppression[],
  rule: string,
  line: number | undefined,
): Suppression | undefined {
  const s = suppressions.find(
    (x) => x.rules.includes(rule) && (x.wholeFile || (line !== undefined && x.covers.includes(line))),
  );
  if (s) s.used = true;
  return s;
}
