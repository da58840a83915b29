/**
 * PR text cannot command the runner. GitHub treats an output line that starts with `::` as a workflow
 * command, and a terminal obeys ANSI escapes; text taken from data or files (column names, keys, values,
 * file names, a served model's output) is therefore printed with its control characters made visible.
 */
import { format } from 'node:util';

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\x1b': '\\x1b', '\0': '\\0' };

// C0 controls, DEL, C1 controls, the Unicode line/paragraph separators and the bidirectional overrides
// (which can make text read differently from what it is: "Trojan Source").
// eslint-disable-next-line no-control-regex
const CONTROL = /[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/g;

function escapeOne(c: string): string {
  const named = NAMED[c];
  if (named) return named;
  const code = c.charCodeAt(0);
  return code <= 0xff
    ? `\\x${code.toString(16).padStart(2, '0')}`
    : `\\u${code.toString(16).padStart(4, '0')}`;
}

/**
 * `text` with every control character written as an escape (`\n`, `\r`, `\x1b`, `\u202e`, ...), so it
 * stays on one line, cannot start a workflow command and cannot move a terminal's cursor. Backslashes are
 * left alone: the escapes are for people to read, not to be decoded.
 */
export function visible(text: string): string {
  return text.replace(CONTROL, escapeOne);
}

/** True when `text` holds a character {@link visible} would escape. */
export function hasControl(text: string): boolean {
  CONTROL.lastIndex = 0;
  const found = CONTROL.test(text);
  CONTROL.lastIndex = 0;
  return found;
}

/**
 * Last line of defence at the runner's stdout and stderr: a line we print that begins (after blanks) with
 * `::` (or the runner's older `##[` form) would be read as a workflow command. Our own commands never
 * pass through here (they go through @actions/core's command functions), so any such line came from
 * foreign text: break it with a zero-width space, which the runner does not parse and a person does not see.
 */
export function neutralizeCommands(text: string): string {
  return text.replace(/(^|[\n\r])([ \t]*)(:(?=:)|#(?=#\[))/g, '$1$2$3\u200b');
}

/**
 * Route `console.*` (which engines such as onnxruntime and TF.js use for their warnings, quoting node and
 * layer names from the model a pull request supplied) through {@link visible} and
 * {@link neutralizeCommands}, so that no library can print a runner command on our behalf. Idempotent.
 */
export function guardConsole(): void {
  if (consoleGuarded) return;
  consoleGuarded = true;
  const writer =
    (stream: NodeJS.WriteStream) =>
    (...args: unknown[]): void => {
      const lines = format(...args).split(/\r?\n/);
      stream.write(`${lines.map((l) => neutralizeCommands(visible(l))).join('\n')}\n`);
    };
  /* eslint-disable no-console -- replacing console is the point: nothing else may print unfiltered */
  console.log = console.info = console.debug = writer(process.stdout);
  console.warn = console.error = console.trace = writer(process.stderr);
  /* eslint-enable no-console */
}
let consoleGuarded = false;

/**
 * Wrap foreign output (a served model's log lines) so that the runner ignores any workflow command in it:
 * `::stop-commands::TOKEN` … `::TOKEN::`. The token must be unguessable by whoever wrote the output.
 */
export function stopCommandsBlock(text: string, token: string): string[] {
  return [`::stop-commands::${token}`, ...text.split(/\r?\n|\r/), `::${token}::`];
}
