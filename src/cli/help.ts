import { kebab, type OptionSpecs } from '../core/options.js';
import type { Command } from './command.js';

/** The value placeholder of a non-boolean flag: `FILE`, `a|b`, `N`, `A,B`, `VALUE`. */
function metavarOf(s: OptionSpecs[string]): string {
  if (s.metavar) return s.metavar;
  if (s.choices) return s.choices.join('|');
  if (s.type === 'number' || s.type === 'integer') return 'N';
  return s.type === 'list' ? 'A,B' : 'VALUE';
}

/**
 * One row per flag. A boolean option of a command lists both spellings (`--x, --no-x`) and its default,
 * so a user can tell an opt-out from an opt-in; the common switches (`--quiet`) are plain.
 */
export function optionRows(specs: OptionSpecs, negatable: boolean): [string, string][] {
  return Object.entries(specs)
    .filter(([, s]) => !s.configOnly)
    .map(([name, s]): [string, string] => {
      const key = kebab(name);
      const flag =
        s.type !== 'boolean' ? `--${key} ${metavarOf(s)}` : negatable ? `--${key}, --no-${key}` : `--${key}`;
      const dflt =
        s.type === 'boolean'
          ? negatable
            ? `default ${s.default === true ? `--${key}` : `--no-${key}`}`
            : ''
          : s.default !== undefined
            ? `default ${String(s.default)}`
            : '';
      const extra = [s.required ? 'required' : '', dflt].filter(Boolean).join(', ');
      return [flag, `${s.description}${extra ? ` (${extra})` : ''}`];
    });
}

function optionLines(rows: [string, string][]): string[] {
  const width = Math.min(34, Math.max(...rows.map(([f]) => f.length)) + 2);
  // A flag longer than the column gets its description on the next line, aligned.
  return rows.map(([f, d]) =>
    f.length + 2 > width ? `  ${f}\n  ${''.padEnd(width)}${d}` : `  ${f.padEnd(width)}${d}`,
  );
}

export function commandHelp(cmd: Command, common: OptionSpecs): string {
  const pos = cmd.positionals ? ` ${cmd.positionals.metavar}` : '';
  return [
    `Usage: model-ci ${cmd.name} [options]${pos}`,
    '',
    cmd.summary,
    '',
    'Options:',
    ...optionLines([
      ...optionRows(cmd.options, true),
      ...optionRows(withoutKeys(common, cmd.options), false),
    ]),
    '',
    'Examples:',
    ...cmd.examples.map((e) => `  ${e}`),
    '',
    'Boolean options also take a value: --x=true, --x false (true/false, yes/no, on/off).',
    'Exit codes: 0 pass or warn, 1 fail, 2 usage or input error.',
    '',
  ].join('\n');
}

export function mainHelp(commands: readonly Command[], version: string): string {
  const width = Math.max(...commands.map((c) => c.name.length)) + 2;
  return [
    `model-ci ${version}: CI checks for machine-learning repositories`,
    '',
    'Usage: model-ci <command> [options]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}${c.summary}`),
    '',
    'Run `model-ci <command> --help` for the options of a command.',
    'Global: --help, --version. Exit codes: 0 pass or warn, 1 fail, 2 usage or input error.',
    '',
  ].join('\n');
}

/** `specs` without the options `own` redefines (a command's own `--out` replaces the common one). */
function withoutKeys(specs: OptionSpecs, own: OptionSpecs): OptionSpecs {
  return Object.fromEntries(Object.entries(specs).filter(([k]) => !(k in own)));
}

/** `model-ci data --help`: the subcommands of a command group (`data check`, `data profile`, ...). */
export function groupHelp(group: string, commands: readonly Command[]): string {
  const subs = commands.filter((c) => c.name.startsWith(`${group} `));
  const width = Math.max(...subs.map((c) => c.name.length)) + 2;
  return [
    `Usage: model-ci ${group} <subcommand> [options]`,
    '',
    'Subcommands:',
    ...subs.map((c) => `  ${c.name.padEnd(width)}${c.summary}`),
    '',
    `Run \`model-ci ${group} <subcommand> --help\` for its options.`,
    '',
  ].join('\n');
}
