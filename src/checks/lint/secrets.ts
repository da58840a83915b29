/**
 * High-confidence credential patterns only: every pattern has a fixed, registered prefix or structure
 * (AKIA…, ghp_…, -----BEGIN … PRIVATE KEY-----, xoxb-…, sk_live_…, AIza…, hf_…), so a finding is almost
 * certainly a real credential; generic "high entropy string" guessing is left out on purpose. Obvious
 * placeholders (`EXAMPLE`, `xxxx…`, too few distinct characters) are skipped.
 *
 * The value never leaves this module: findings carry a masked form (the public prefix and the length)
 * and a hash for fingerprints. Text is scanned as latin1 (every pattern is ASCII), in chunks with an
 * overlap for large files, so memory stays bounded.
 */
import { createHash } from 'node:crypto';

export interface SecretMatch {
  rule: string;
  /** What was found, in words: `GitHub token`. */
  label: string;
  /** 1-based line and column of the value. */
  line: number;
  column: number;
  /** Offset of the value in the text that was scanned. */
  offset: number;
  /** The value with everything but its public prefix hidden: `ghp_… (40 characters)`. */
  masked: string;
  /** sha256 of the value (hex): a stable fingerprint that does not reveal it. */
  hash: string;
  /** The raw value: only for `core.setSecret` in the action; never put in a finding, a log or a file. */
  value: string;
}

interface Pattern {
  rule: string;
  label: string;
  /** Public prefix kept in the masked form. */
  prefix: (value: string) => string;
  source: string;
}

const P: Pattern[] = [
  {
    rule: 'MCI501',
    label: 'AWS access key ID',
    prefix: (v) => v.slice(0, 4),
    source: String.raw`\b(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}\b`,
  },
  {
    rule: 'MCI502',
    label: 'AWS secret access key',
    prefix: () => '',
    source: String.raw`(?<=[Aa][Ww][Ss]_?[Ss][Ee][Cc][Rr][Ee][Tt]_?(?:[Aa][Cc][Cc][Ee][Ss][Ss]_?)?[Kk][Ee][Yy]["']?\s*[:=]\s*["']?)[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])`,
  },
  {
    rule: 'MCI503',
    label: 'GitHub token',
    prefix: (v) => (v.startsWith('github_pat_') ? 'github_pat_' : v.slice(0, 4)),
    source: String.raw`\b(?:gh[pousr]_[A-Za-z0-9]{36,251}|github_pat_[A-Za-z0-9_]{82})\b`,
  },
  {
    rule: 'MCI504',
    label: 'private key',
    prefix: (v) => v.slice(0, v.indexOf('-----', 5) + 5),
    source: String.raw`-----BEGIN (?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY(?: BLOCK)?-----[\s\S]{1,300}?[A-Za-z0-9+/]{40,}`,
  },
  {
    rule: 'MCI505',
    label: 'Slack token',
    prefix: (v) => (v.startsWith('https') ? 'https://hooks.slack.com/services/' : v.slice(0, 5)),
    source: String.raw`\bxox[baprs]-[0-9A-Za-z]{8,}-[0-9A-Za-z-]{8,250}|https://hooks\.slack\.com/services/T[A-Z0-9]{6,}/B[A-Z0-9]{6,}/[A-Za-z0-9]{20,}`,
  },
  {
    rule: 'MCI506',
    label: 'Stripe live key',
    prefix: (v) => v.slice(0, 8),
    source: String.raw`\b[sr]k_live_[0-9A-Za-z]{20,99}\b`,
  },
  {
    rule: 'MCI507',
    label: 'Google API key',
    prefix: (v) => v.slice(0, 4),
    source: String.raw`\bAIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])`,
  },
  {
    rule: 'MCI508',
    label: 'Hugging Face token',
    prefix: (v) => (v.startsWith('hf_') ? 'hf_' : 'api_org_'),
    source: String.raw`\b(?:hf|api_org)_[A-Za-z]{34}\b`,
  },
  {
    rule: 'MCI509',
    label: 'AI API key',
    prefix: (v) => (v.startsWith('sk-ant-') ? 'sk-ant-' : v.startsWith('sk-proj-') ? 'sk-proj-' : 'sk-'),
    source: String.raw`\bsk-ant-(?:api|admin)\d\d-[A-Za-z0-9_-]{80,}|\bsk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{16,}T3BlbkFJ[A-Za-z0-9_-]{16,}|\bsk-proj-[A-Za-z0-9_-]{40,}`,
  },
  {
    rule: 'MCI510',
    label: 'package registry token',
    prefix: (v) => (v.startsWith('npm_') ? 'npm_' : 'pypi-'),
    source: String.raw`\bnpm_[A-Za-z0-9]{36}\b|\bpypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,}`,
  },
  {
    rule: 'MCI511',
    label: 'GitLab token',
    prefix: () => 'glpat-',
    source: String.raw`\bglpat-[0-9A-Za-z_-]{20}(?![0-9A-Za-z_-])`,
  },
];

/**
 * Literal parts every pattern needs. Testing for them first is ~10x faster than the full expression (whose
 * many `\b` alternatives V8 cannot skip ahead on), and almost every file has none of them.
 */
const PREFILTER =
  /AKIA|ASIA|ABIA|ACCA|gh[pousr]_|github_pat_|PRIVATE KEY|xox[baprs]-|hooks\.slack\.com|[sr]k_live_|AIza|hf_|api_org_|sk-|npm_|pypi-|glpat-|[Aa][Ww][Ss]_?[Ss][Ee][Cc][Rr][Ee][Tt]/;

/** One pass over the text: every pattern is an alternative in its own capture group. */
const COMBINED = new RegExp(P.map((p) => `(${p.source})`).join('|'), 'g');
/** A 40-character base64 word: the secret half of an AWS key pair when it follows an access key ID. */
const AWS_SECRET_NEAR = /(?<![A-Za-z0-9/+])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/g;
const AWS_PAIR_WINDOW = 400;

/** Documentation placeholders and test values, not credentials. */
function isPlaceholder(value: string, prefixLength: number): boolean {
  const body = value.slice(prefixLength);
  if (/EXAMPLE|example|X{8}|x{8}|0{10}|\*{4}|<|>|your_?(key|token)/i.test(body)) return true;
  return new Set(body).size < 8;
}

/** A value that looks random: upper and lower case letters and digits, as AWS secrets are. */
function looksRandom(v: string): boolean {
  return /[a-z]/.test(v) && /[A-Z]/.test(v) && /[0-9]/.test(v) && new Set(v).size >= 16;
}

function sha256(s: string): string {
  return createHash('sha256').update(s, 'latin1').digest('hex');
}

function masked(prefix: string, value: string): string {
  return `${prefix}… (${value.length} characters)`;
}

/** Counts lines as matches are found, left to right. */
class LineCounter {
  private pos = 0;
  private line: number;
  private lineStart = 0;
  constructor(
    private readonly text: string,
    startLine: number,
  ) {
    this.line = startLine;
  }
  at(offset: number): { line: number; column: number } {
    for (
      let i = this.text.indexOf('\n', this.pos);
      i >= 0 && i < offset;
      i = this.text.indexOf('\n', i + 1)
    ) {
      this.line++;
      this.lineStart = i + 1;
    }
    this.pos = Math.max(this.pos, offset);
    return { line: this.line, column: offset - this.lineStart + 1 };
  }
}

/**
 * Every credential in `text` (latin1-decoded). `startLine` is the line number of the text's first line
 * (for chunks of a large file); offsets are relative to `text`.
 */
export function findSecrets(text: string, startLine = 1): SecretMatch[] {
  const out: SecretMatch[] = [];
  if (!PREFILTER.test(text)) return out;
  const lines = new LineCounter(text, startLine);
  const awsIds: number[] = [];
  COMBINED.lastIndex = 0;
  for (let m = COMBINED.exec(text); m; m = COMBINED.exec(text)) {
    const i = m.slice(1).findIndex((g) => g !== undefined);
    const p = P[i];
    const value = m[0];
    const prefix = p.prefix(value);
    if (isPlaceholder(value, prefix.length)) continue;
    if (p.rule === 'MCI502' && !looksRandom(value)) continue;
    const where = lines.at(m.index);
    if (p.rule === 'MCI501') awsIds.push(m.index + value.length);
    out.push({
      rule: p.rule,
      label: p.label,
      ...where,
      offset: m.index,
      masked: p.rule === 'MCI504' ? prefix : masked(prefix, value),
      hash: sha256(value),
      value,
    });
  }
  // The secret half of an AWS pair, when it follows an access key ID closely without a telltale name.
  for (const end of awsIds) {
    AWS_SECRET_NEAR.lastIndex = end;
    const window = text.slice(0, end + AWS_PAIR_WINDOW);
    const m = AWS_SECRET_NEAR.exec(window);
    if (!m || !looksRandom(m[0]) || isPlaceholder(m[0], 0)) continue;
    if (out.some((s) => s.offset === m.index)) continue;
    out.push({
      rule: 'MCI502',
      label: 'AWS secret access key',
      ...new LineCounter(text, startLine).at(m.index),
      offset: m.index,
      masked: masked('', m[0]),
      hash: sha256(m[0]),
      value: m[0],
    });
  }
  return out.sort((a, b) => a.offset - b.offset);
}

/** Longest credential a pattern matches, and so the overlap between chunks of a large file. */
export const SECRET_CHUNK_OVERLAP = 8 * 1024;
