/* eslint-disable no-control-regex -- control characters are what these tests look for */
/**
 * The hostile pass of issue 14, shared by every test in test/safety/: each hostile input runs against the
 * sources (the CLI in-process), the CLI bundle (dist/cli under Node 24, as a workflow's `run:` step would)
 * and, where the command is an action, the action bundle (dist/<action> under Node 24, as the runner runs
 * it). Every run must keep the invariants: no input overwritten, nothing read outside its folder, no
 * workflow command reaching the runner other than ours, no hang, no "internal error" or stack trace.
 */
import { expect } from '@jest/globals';
import { execFile, execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  existsSync,
  linkSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  symlinkSync,
  writeFileSync,
  cpSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { runCli } from '../../src/cli/main.js';
import type { CliIo } from '../../src/cli/io.js';
import { ROOT, runBundle } from '../helpers/run-bundle.js';
// @ts-expect-error plain ESM script without types
import { ensureNode24 } from '../../scripts/node24.mjs';

export const DEMO = join(ROOT, 'workflows-examples', 'demo');
export const CLI_BUNDLE = join(ROOT, 'dist', 'cli', 'index.js');
/** The column name and rules key the issue names as its injection probes. */
export const INJECTED_COLUMN = 'x\n::error title=injected::pwned';
export const INJECTED_KEY = 'roc\r_auc\x1b[2J';

export type Via = 'sources' | 'dist/cli (Node 24)' | 'action bundle (Node 24)';

export interface Run {
  via: Via;
  code: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  /** Action runs: what the runner would take as workflow commands (stop-commands honoured). */
  commands: RunnerCommand[];
  outputs: Record<string, string>;
  summary: string;
}

export interface RunnerCommand {
  name: string;
  properties: Record<string, string>;
  message: string;
}

/** A file to create in a workspace: text, bytes, or a special file. */
export type Entry =
  | string
  | Buffer
  | { symlink: string }
  | { hardlink: string }
  | { fifo: true }
  | { dir: true }
  | { copy: string };

/**
 * The demo model repo into `dir`: its files copied, its `.cache/base` (the image step's 84 MB base image,
 * which no case writes) hard-linked where the file system allows, so hundreds of cases do not copy it each time.
 */
function copyDemo(dir: string): void {
  cpSync(DEMO, dir, { recursive: true, filter: (src) => src !== join(DEMO, '.cache') });
  const link = (from: string, to: string) => {
    mkdirSync(to, { recursive: true });
    for (const e of readdirSync(from, { withFileTypes: true })) {
      const [a, b] = [join(from, e.name), join(to, e.name)];
      if (e.isDirectory()) link(a, b);
      else if (e.isFile()) {
        try {
          linkSync(a, b);
        } catch {
          cpSync(a, b);
        }
      }
    }
  };
  // Only the base: `.cache/image` is an output of earlier demo runs, not part of the repo.
  const base = join(DEMO, '.cache', 'base');
  if (existsSync(base)) link(base, join(dir, '.cache', 'base'));
}

/** A fresh folder with `entries` (paths relative to it) and, if asked, a copy of the demo model repo. */
export function workspace(entries: Record<string, Entry> = {}, withDemo = false): string {
  const dir = mkdtempSync(join(tmpdir(), 'mci-hostile-'));
  if (withDemo) copyDemo(dir);
  for (const [name, entry] of Object.entries(entries)) {
    const path = join(dir, name);
    mkdirSync(dirname(path), { recursive: true });
    if (typeof entry === 'string' || Buffer.isBuffer(entry)) writeFileSync(path, entry);
    else if ('symlink' in entry) symlinkSync(entry.symlink, path);
    else if ('hardlink' in entry) execFileSync('ln', [join(dir, entry.hardlink), path]);
    else if ('fifo' in entry) execFileSync('mkfifo', [path]);
    else if ('dir' in entry) mkdirSync(path, { recursive: true });
    else cpSync(join(ROOT, entry.copy), path, { recursive: true });
  }
  return dir;
}

/** Every file below `dir` as kind + content hash (or link target), to prove that nothing was overwritten. */
export function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      const s = lstatSync(p);
      const rel = relative(dir, p);
      if (s.isSymbolicLink()) out.set(rel, `link:${readlinkSync(p)}`);
      else if (s.isDirectory()) {
        out.set(rel, 'dir');
        walk(p);
      } else if (s.isFile())
        out.set(rel, `file:${s.ino}:${createHash('sha256').update(readFileSync(p)).digest('hex')}`);
      else out.set(rel, `special:${s.mode}`);
    }
  };
  walk(dir);
  return out;
}

/** Every entry of `before` is still there, the same kind, the same bytes (new files may have appeared). */
export function expectUnchanged(before: Map<string, string>, dir: string): void {
  const after = snapshot(dir);
  const changed = [...before].filter(([k, v]) => after.get(k) !== v && !v.startsWith('dir'));
  // An atomic replace changes the inode of an output; inputs keep theirs and their bytes.
  expect(changed.map(([k]) => k)).toEqual([]);
}

/** Run the CLI from the sources, in this process, with captured output. */
export async function runSources(args: string[], cwd: string): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    cwd,
    env: {},
    isTTY: false,
  };
  const code = await runCli(args, io);
  return { via: 'sources', code, stdout, stderr, timedOut: false, commands: [], outputs: {}, summary: '' };
}

/**
 * Run `dist/cli/index.js` under Node 24 in `cwd`. `prefix` runs it through another program first (e.g.
 * `setpriv` to drop privileges, `unshare` for a private mount). A run longer than `timeoutMs` is a hang.
 */
export function runCliBundle(
  args: string[],
  cwd: string,
  options: { prefix?: string[]; timeoutMs?: number; env?: Record<string, string> } = {},
): Promise<Run> {
  const node = ensureNode24() as string;
  const argv = [...(options.prefix ?? []), node, CLI_BUNDLE, ...args];
  return new Promise((resolve) => {
    execFile(
      argv[0],
      argv.slice(1),
      {
        cwd,
        env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: cwd, ...options.env },
        timeout: options.timeoutMs ?? 90_000,
        killSignal: 'SIGKILL',
        maxBuffer: 64 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        const e = error as (Error & { code?: number; killed?: boolean; signal?: string }) | null;
        resolve({
          via: 'dist/cli (Node 24)',
          code: e ? (typeof e.code === 'number' ? e.code : null) : 0,
          stdout,
          stderr,
          timedOut: Boolean(e?.killed || e?.signal === 'SIGKILL'),
          commands: runnerCommands(stdout + '\n' + stderr),
          outputs: {},
          summary: '',
        });
      },
    );
  });
}

/** Run an action bundle under Node 24 exactly as the runner does (test/helpers/run-bundle.ts). */
export async function runAction(
  name: string,
  inputs: Record<string, string>,
  workspaceDir: string,
  env: Record<string, string> = {},
): Promise<Run> {
  const r = await runBundle(name, { inputs, workspace: workspaceDir, env });
  return {
    via: 'action bundle (Node 24)',
    code: r.code,
    stdout: r.stdout,
    stderr: r.stderr,
    // runBundle kills after 120 s; a killed run has no exit code of its own
    timedOut: r.code === null,
    commands: [...runnerCommands(r.stdout), ...runnerCommands(r.stderr)],
    outputs: r.outputs,
    summary: r.summary,
  };
}

function unescapeData(s: string): string {
  return s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
}

function unescapeProperty(s: string): string {
  return unescapeData(s).replace(/%3A/g, ':').replace(/%2C/g, ',');
}

/**
 * The workflow commands the runner would execute for `text` (one stream): lines starting, after blanks,
 * with `::name props::message` or the older `##[name props]message`; between `::stop-commands::TOKEN` and
 * `::TOKEN::` nothing is a command.
 */
export function runnerCommands(text: string): RunnerCommand[] {
  const out: RunnerCommand[] = [];
  let stopToken: string | undefined;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trimStart();
    if (stopToken !== undefined) {
      if (line.trim() === `::${stopToken}::`) stopToken = undefined;
      continue;
    }
    const v2 = /^::([A-Za-z_-]+)(?: ([^:]*))?::(.*)$/.exec(line);
    const v1 = /^##\[([A-Za-z_-]+)(?: ([^\]]*))?\](.*)$/.exec(line);
    const m = v2 ?? v1;
    if (!m) continue;
    const properties: Record<string, string> = {};
    for (const kv of (m[2] ?? '').split(v2 ? ',' : ';').filter((s) => s.includes('='))) {
      const k = kv.indexOf('=');
      properties[kv.slice(0, k).trim()] = unescapeProperty(kv.slice(k + 1));
    }
    const cmd = { name: m[1], properties, message: unescapeData(m[3]) };
    out.push(cmd);
    if (cmd.name === 'stop-commands') stopToken = cmd.message;
  }
  return out;
}

/** The commands our actions send; anything else (add-mask, set-output, set-env, add-path...) is foreign. */
const OUR_COMMANDS = new Set(['error', 'warning', 'notice', 'debug', 'group', 'endgroup', 'stop-commands']);

/**
 * The invariants every hostile run keeps: it ended (no hang), it said something clear (no internal error,
 * no stack trace), and the runner saw no command but ours — none carrying PR text that could act (a
 * foreign title, an ESC sequence, a line break).
 */
export function expectSafe(run: Run): void {
  const all = `${run.stdout}\n${run.stderr}`;
  expect({ via: run.via, timedOut: run.timedOut }).toEqual({ via: run.via, timedOut: false });
  expect(all).not.toMatch(/internal error/i);
  expect(all).not.toMatch(/\n\s+at .*\(.*:\d+:\d+\)/); // no stack trace
  expect(all).not.toContain('\x1b'); // no terminal escape reaches a log
  if (run.via === 'action bundle (Node 24)') {
    const foreign = run.commands.filter((c) => !OUR_COMMANDS.has(c.name) && c.name !== stopTokenOf(run));
    expect(foreign).toEqual([]);
    for (const c of run.commands) {
      expect(c.message).not.toMatch(/[\r\n\x1b]/);
      expect(Object.values(c.properties).join(' ')).not.toMatch(/[\r\n\x1b]/);
      expect(c.properties.title ?? '').not.toBe('injected');
    }
  } else {
    // The CLI sends no workflow command at all: every line it prints starts with its own words.
    expect(run.commands).toEqual([]);
  }
}

function stopTokenOf(run: Run): string | undefined {
  return run.commands.find((c) => c.name === 'stop-commands')?.message;
}

/** One line on stderr: the CLI's way of saying what was wrong (exit code 2). */
export function expectOneLineError(run: Run, message: RegExp): void {
  expectSafe(run);
  if (run.via === 'action bundle (Node 24)') {
    expect(run.code).toBe(1); // the runner's failed step
    const failures = run.commands.filter((c) => c.name === 'error' && !c.properties.file);
    expect(failures.map((f) => f.message).join('\n')).toMatch(message);
    return;
  }
  expect(run.code).toBe(2);
  const lines = run.stderr.trim().split('\n');
  expect(lines[lines.length - 1]).toMatch(/^model-ci: error: /);
  expect(lines[lines.length - 1]).toMatch(message);
}

/** Which ways a case runs: the sources and the CLI bundle always, an action bundle when it has one. */
export const CLI_WAYS: readonly Via[] = ['sources', 'dist/cli (Node 24)'];

/** Run CLI `args` in `cwd` the given way. */
export function runWay(way: Via, args: string[], cwd: string): Promise<Run> {
  return way === 'sources' ? runSources(args, cwd) : runCliBundle(args, cwd);
}

/** One hostile input and what must happen to it. */
export interface HostileCase {
  name: string;
  /** The workspace's files (paths relative to it). */
  files?: Record<string, Entry>;
  /** Start from a copy of the demo model repo (workflows-examples/demo). */
  demo?: boolean;
  /** The CLI arguments, run from the sources and from dist/cli under Node 24. */
  args?: string[];
  /** The action bundle and its inputs (paths relative to the workspace), run as the runner runs it. */
  action?: { name: string; inputs: Record<string, string> };
  /** What this case expects besides the invariants {@link expectSafe} checks. */
  check(run: Run, dir: string): void;
  /** Prepare the workspace further (after `files`), e.g. make a folder read-only. */
  prepare?(dir: string): void;
  /** Undo `prepare` (always called). */
  cleanup?(dir: string): void;
  /** Run the CLI bundle through this program first (e.g. `setpriv` to drop root). */
  prefix?: (dir: string) => string[];
  /** Skip the in-process run (privileges or mounts only a child process can have). */
  bundlesOnly?: boolean;
}

/** The ways `c` runs: sources and dist/cli for CLI args, the action bundle for an action. */
export function waysOf(c: HostileCase): Via[] {
  return [
    ...(c.args && !c.bundlesOnly ? (['sources'] as Via[]) : []),
    ...(c.args ? (['dist/cli (Node 24)'] as Via[]) : []),
    ...(c.action ? (['action bundle (Node 24)'] as Via[]) : []),
  ];
}

/**
 * Run one case one way in a fresh workspace: the invariants of {@link expectSafe}, the case's own check,
 * and every file that was there before is byte for byte the same afterwards.
 */
export async function runCase(c: HostileCase, way: Via): Promise<Run> {
  const dir = workspace(c.files ?? {}, c.demo ?? false);
  c.prepare?.(dir);
  try {
    const before = snapshot(dir);
    const run =
      way === 'sources'
        ? await runSources(c.args!, dir)
        : way === 'dist/cli (Node 24)'
          ? await runCliBundle(c.args!, dir, { prefix: c.prefix?.(dir) })
          : await runAction(c.action!.name, c.action!.inputs, dir);
    expectSafe(run);
    c.check(run, dir);
    expectUnchanged(before, dir);
    return run;
  } finally {
    c.cleanup?.(dir);
    // A workspace with the demo holds its 84 MB image base: hundreds of cases would fill the disk.
    try {
      rmSync(dir, { recursive: true, force: true });
    } catch {
      // a mount a case left behind: the run's temporary folder goes in jest's global teardown
    }
  }
}

/** `[label, case, way]` rows for `test.each`: one test per case and way. */
export function table(cases: readonly HostileCase[]): [string, HostileCase, Via][] {
  return cases.flatMap((c) =>
    waysOf(c).map((way): [string, HostileCase, Via] => [`${c.name} — ${way}`, c, way]),
  );
}
