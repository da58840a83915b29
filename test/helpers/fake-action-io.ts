import type { ActionIo } from '../../src/actions/action-io.js';

export interface FakeRun {
  io: ActionIo;
  outputs: Record<string, string>;
  summary: string[];
  failures: string[];
  logs: string[];
  secrets: string[];
}

/** An ActionIo that records everything the action does, with the given inputs and environment. */
export function fakeActionIo(
  inputs: Record<string, string>,
  env: Record<string, string | undefined>,
): FakeRun {
  const run: FakeRun = {
    outputs: {},
    summary: [],
    failures: [],
    logs: [],
    secrets: [],
    io: undefined as unknown as ActionIo,
  };
  const log = (level: string) => (m: string) => void run.logs.push(`${level}: ${m}`);
  run.io = {
    getInput: (name) => inputs[name] ?? '',
    setOutput: (name, value) => void (run.outputs[name] = value),
    appendSummary: async (md) => void run.summary.push(md),
    annotate: (severity, message) => void run.logs.push(`annotation ${severity}: ${message}`),
    setFailed: (m) => void run.failures.push(m),
    setSecret: (s) => void run.secrets.push(s),
    logger: {
      info: log('info'),
      warn: log('warn'),
      debug: log('debug'),
      group: (_t, fn) => fn(),
      foreign: (t, text) => void run.logs.push(`${t}: ${text}`),
    },
    env,
  };
  return run;
}
