import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
// @ts-expect-error plain ESM script without types
import { ensureNode24 } from '../../scripts/node24.mjs';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface Annotation {
  level: 'error' | 'warning' | 'notice';
  message: string;
  properties: Record<string, string>;
}

export interface BundleRun {
  code: number | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
  annotations: Annotation[];
  /** Lines the runner would show as the step's failure (`::error::` without a file). */
  failures: string[];
}

/** Parse the `name<<delimiter` blocks @actions/core writes to $GITHUB_OUTPUT. */
export function parseOutputFile(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^([^<=]+)<<(.+)$/.exec(lines[i]);
    if (m) {
      const [, name, delimiter] = m;
      const value: string[] = [];
      for (i++; i < lines.length && lines[i] !== delimiter; i++) value.push(lines[i]);
      out[name] = value.join('\n');
    } else if (lines[i].includes('=')) {
      const k = lines[i].indexOf('=');
      out[lines[i].slice(0, k)] = lines[i].slice(k + 1);
    }
  }
  return out;
}

function unescapeCommand(s: string): string {
  return s
    .replace(/%0D/g, '\r')
    .replace(/%0A/g, '\n')
    .replace(/%3A/g, ':')
    .replace(/%2C/g, ',')
    .replace(/%25/g, '%');
}

/** Workflow commands (`::error file=a,line=1::msg`) printed on stdout. */
export function parseAnnotations(stdout: string): Annotation[] {
  const out: Annotation[] = [];
  for (const line of stdout.split('\n')) {
    const m = /^::(error|warning|notice)( [^:]*)?::(.*)$/.exec(line);
    if (!m) continue;
    const properties: Record<string, string> = {};
    for (const kv of (m[2] ?? '').trim().split(',').filter(Boolean)) {
      const k = kv.indexOf('=');
      properties[kv.slice(0, k)] = unescapeCommand(kv.slice(k + 1));
    }
    out.push({ level: m[1] as Annotation['level'], message: unescapeCommand(m[3]), properties });
  }
  return out;
}

/**
 * Run `dist/<name>/index.js` under Node 24 exactly as the runner does: INPUT_* variables (name upper-cased,
 * spaces to underscores, hyphens kept), GITHUB_OUTPUT / GITHUB_STEP_SUMMARY files, a real pull_request
 * event payload in GITHUB_EVENT_PATH, GITHUB_WORKSPACE as the working directory.
 */
export async function runBundle(
  name: string,
  options: {
    inputs?: Record<string, string>;
    workspace: string;
    env?: Record<string, string>;
    event?: string;
  },
): Promise<BundleRun> {
  const node = ensureNode24() as string;
  const temp = mkdtempSync(join(tmpdir(), 'runner-'));
  const outputFile = join(temp, 'output');
  const summaryFile = join(temp, 'summary.md');
  writeFileSync(outputFile, '');
  writeFileSync(summaryFile, '');
  const eventPath = join(ROOT, 'test/fixtures/github', options.event ?? 'pull_request.opened.json');
  const event = JSON.parse(readFileSync(eventPath, 'utf8'));
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: temp,
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: options.workspace,
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_REPOSITORY: event.repository.full_name,
    GITHUB_SHA: event.pull_request.head.sha,
    GITHUB_REF: `refs/pull/${event.number}/merge`,
    GITHUB_HEAD_REF: event.pull_request.head.ref,
    GITHUB_BASE_REF: event.pull_request.base.ref,
    GITHUB_RUN_ID: '1658821493',
    GITHUB_RUN_NUMBER: '3',
    GITHUB_JOB: 'model-ci',
    GITHUB_ACTION: '__run',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_API_URL: 'https://api.github.com',
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    RUNNER_TEMP: temp,
    RUNNER_OS: 'Linux',
    RUNNER_ARCH: 'X64',
    ...options.env,
  };
  for (const [k, v] of Object.entries(options.inputs ?? {}))
    env[`INPUT_${k.replace(/ /g, '_').toUpperCase()}`] = v;
  const bundle = join(ROOT, 'dist', name, 'index.js');
  if (!existsSync(bundle)) throw new Error(`${bundle} does not exist: run npm run build`);
  return new Promise((resolve) => {
    execFile(
      node,
      [bundle],
      { cwd: options.workspace, env, timeout: 120_000, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? ((error as { code?: number }).code ?? 1) : 0;
        const annotations = parseAnnotations(stdout);
        resolve({
          code: typeof code === 'number' ? code : 1,
          stdout,
          stderr,
          outputs: parseOutputFile(readFileSync(outputFile, 'utf8')),
          summary: readFileSync(summaryFile, 'utf8'),
          annotations,
          failures: annotations
            .filter((a) => a.level === 'error' && !a.properties.file)
            .map((a) => a.message),
        });
      },
    );
  });
}
