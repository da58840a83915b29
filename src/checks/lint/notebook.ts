/**
 * Jupyter notebook rules (nbformat 4, and 3's worksheets): outputs and execution counts left in, large
 * embedded images, and credentials printed into outputs. Credentials elsewhere in a notebook (its code)
 * are the secrets rules' (MCI5xx); those inside an output are MCI404, because the fix differs (clear the
 * outputs, and rotate the credential).
 */
import { DataFormatError } from '../../core/errors.js';
import { lineColumn, parseJsonText } from '../../core/json-file.js';
import type { SecretMatch } from './secrets.js';

export interface NotebookFinding {
  rule: string;
  line: number;
  message: string;
  key: string;
}

/** Images above this many bytes (decoded) are "large". */
export const LARGE_IMAGE_BYTES = 100 * 1024;

interface Cell {
  cell_type?: unknown;
  outputs?: unknown;
  execution_count?: unknown;
  prompt_number?: unknown;
}

function cellsOf(nb: unknown): Cell[] | undefined {
  if (typeof nb !== 'object' || nb === null) return undefined;
  const o = nb as { cells?: unknown; worksheets?: unknown };
  if (Array.isArray(o.cells)) return o.cells as Cell[];
  if (Array.isArray(o.worksheets))
    return (o.worksheets as { cells?: unknown }[]).flatMap((w) =>
      Array.isArray(w?.cells) ? (w.cells as Cell[]) : [],
    );
  return undefined;
}

/**
 * Character ranges of every `"outputs": [...]` array in the notebook's JSON text. A key can only appear
 * unescaped as a key (inside a string its quotes would be escaped), so a scan for the token is enough.
 */
export function outputSpans(text: string): [number, number][] {
  const spans: [number, number][] = [];
  const token = /"outputs"\s*:\s*\[/g;
  for (let m = token.exec(text); m; m = token.exec(text)) {
    let depth = 0;
    let i = m.index + m[0].length - 1;
    for (; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        // skip a string
        for (i++; i < text.length && text.charCodeAt(i) !== 0x22; i++) if (text.charCodeAt(i) === 0x5c) i++;
      } else if (c === 0x5b) depth++;
      else if (c === 0x5d && --depth === 0) break;
    }
    spans.push([m.index, i + 1]);
    token.lastIndex = i + 1;
  }
  return spans;
}

function lineOfPattern(text: string, pattern: RegExp): number {
  const m = pattern.exec(text);
  return m ? lineColumn(text, m.index).line : 1;
}

function lineOf(text: string, needle: string, fallback = 1): number {
  const at = needle ? text.indexOf(needle) : -1;
  return at < 0 ? fallback : lineColumn(text, at).line;
}

/**
 * Findings for one notebook. `secrets` are the credentials found in its text; those inside outputs become
 * MCI404 here, and the function returns the others for the secrets rules.
 */
export function lintNotebook(
  text: string,
  file: string,
  secrets: readonly SecretMatch[],
): { findings: NotebookFinding[]; otherSecrets: SecretMatch[] } {
  const findings: NotebookFinding[] = [];
  let nb: unknown;
  try {
    nb = parseJsonText(text, file, 'not a valid notebook');
  } catch (e) {
    if (!(e instanceof DataFormatError)) throw e;
    findings.push({
      rule: 'MCI405',
      line: e.position.line ?? 1,
      message: `not a valid notebook: ${e.detail.replace(/^not a valid notebook: /, '')}`,
      key: 'invalid',
    });
    return { findings, otherSecrets: [...secrets] };
  }
  const cells = cellsOf(nb);
  if (!cells) {
    findings.push({ rule: 'MCI405', line: 1, message: 'not a notebook: no "cells" list', key: 'invalid' });
    return { findings, otherSecrets: [...secrets] };
  }
  const spans = outputSpans(text);
  const inOutput = (offset: number) => spans.some(([a, b]) => offset >= a && offset < b);
  const code = cells.filter((c) => c && (c.cell_type === 'code' || c.cell_type === undefined));
  const withOutputs = code.filter((c) => Array.isArray(c.outputs) && c.outputs.length > 0);
  if (withOutputs.length) {
    const firstNonEmpty = spans.find(([a, b]) => {
      const open = text.indexOf('[', a);
      const next = /\S/.exec(text.slice(open + 1, Math.min(b, open + 256)));
      return next !== null && next[0] !== ']';
    });
    findings.push({
      rule: 'MCI401',
      line: firstNonEmpty ? lineColumn(text, firstNonEmpty[0]).line : 1,
      message: `${withOutputs.length} of ${code.length} code cells have outputs; clear them before committing (jupyter nbconvert --clear-output --inplace)`,
      key: 'outputs',
    });
  }
  const counted = code.filter(
    (c) =>
      (typeof c.execution_count === 'number' && c.execution_count !== null) ||
      typeof c.prompt_number === 'number',
  );
  if (counted.length)
    findings.push({
      rule: 'MCI402',
      line: lineOfPattern(text, /"(execution_count|prompt_number)"\s*:\s*\d/),
      message: `${counted.length} of ${code.length} code cells have execution counts`,
      key: 'counts',
    });
  cells.forEach((cell, index) => {
    if (!Array.isArray(cell?.outputs)) return;
    for (const output of cell.outputs as {
      data?: Record<string, unknown>;
      png?: unknown;
      jpeg?: unknown;
    }[]) {
      const data: Record<string, unknown> = { ...(output?.data ?? {}) };
      if (typeof output?.png === 'string') data['image/png'] = output.png; // nbformat 3
      if (typeof output?.jpeg === 'string') data['image/jpeg'] = output.jpeg;
      for (const [mime, value] of Object.entries(data)) {
        if (!mime.startsWith('image/')) continue;
        const b64 = Array.isArray(value) ? value.join('') : typeof value === 'string' ? value : '';
        const bytes =
          mime === 'image/svg+xml' ? b64.length : Math.floor((b64.replace(/\s/g, '').length * 3) / 4);
        if (bytes > LARGE_IMAGE_BYTES)
          findings.push({
            rule: 'MCI403',
            line: lineOf(text, b64.slice(0, 64)),
            message: `cell ${index + 1} embeds a ${mime} image of ${Math.round(bytes / 1024)} KB (limit ${LARGE_IMAGE_BYTES / 1024} KB)`,
            key: `image|${b64.slice(0, 128)}`,
          });
      }
    }
  });
  const otherSecrets: SecretMatch[] = [];
  for (const s of secrets) {
    if (inOutput(s.offset))
      findings.push({
        rule: 'MCI404',
        line: s.line,
        message: `a cell output contains a ${s.label}: ${s.masked}`,
        key: `secret|${s.hash}`,
      });
    else otherSecrets.push(s);
  }
  return { findings, otherSecrets };
}
