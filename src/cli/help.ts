import { kebab, type OptionSpecs } from '../core/options.js';
import type { Command } from './command.js';

function optionLines(specs: OptionSpecs): string[] {
  const rows = Object.entries(specs)
    .filter(([, s]) => !s.configOnly)
    .map(([name, s]) => {
      const flag = `--${kebab(name)}${s.type === 'boolean' ? '' : ` ${s.metavar ?? (s.choices ? s.choices.join('|') : s.type === 'number' || s.type === 'integer' ? 'N' : s.type === 'list' ? 'A,B' : 'VALUE')}`}`;
      const extra = [
        s.required ? 'required' : '',
        s.default !== undefined && s.type !== 'boolean' ? `default ${String(s.default)}` : '',
      ]
        .filter(Boolean)
        .join(', ');
      return [flag, `${s.description}${extra ? ` (${extra})` : ''}`];
    });
  const width = Math.min(34, Math.max(...rows.map(([f]) => f.length)) + 2);
  return rows.map(([f, d]) => `  ${f.padEnd(width)}${d}`);
}

export function commandHelp(cmd: Command, common: OptionSpecs): string {
  const pos = cmd.positionals ? ` ${cmd.positionals.metavar}` : '';
  return [
    `Usage: model-ci ${cmd.name} [options]${pos}`,
    '',
    cmd.summary,
    '',
    'Options:',
    ...optionLines({ ...cmd.options, ...common }),
    '',
    'Examples:',
    ...cmd.examples.map((e) => `  ${e}`),
    '',
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
