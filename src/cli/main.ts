import { redactUrlsIn } from '../core/data-url.js';
import { ModelCiError } from '../core/errors.js';
import { didYouMean } from '../core/errors.js';
import { TOOL_VERSION } from '../core/version.js';
import { neutralizeCommands, visible } from '../core/visible.js';
import { costStep } from '../checks/cost/step.js';
import { dataCheckStep } from '../checks/data/step.js';
import { driftStep } from '../checks/drift/step.js';
import { gateStep } from '../checks/gate/step.js';
import { imageStep } from '../checks/image/step.js';
import { metricsStep } from '../checks/metrics/step.js';
import { smokeStep } from '../checks/smoke/step.js';
import { COMMON_FLAGS, parseArgs } from './args.js';
import type { Command } from './command.js';
import { dataMergeCommand } from './commands/data-merge.js';
import { dataProfileCommand } from './commands/data-profile.js';
import { lintCommand } from './commands/lint.js';
import { releaseCommand } from './commands/release.js';
import { reportCommand } from './commands/report.js';
import { runCommand } from './commands/run.js';
import { commandHelp, groupHelp, mainHelp } from './help.js';
import type { CliIo } from './io.js';
import { stepCommand } from './step-command.js';

/** Every command that exists; nothing unbuilt is listed. */
export const COMMANDS: readonly Command[] = [
  lintCommand,
  stepCommand(smokeStep),
  stepCommand(metricsStep),
  stepCommand(gateStep),
  stepCommand(dataCheckStep, 'data check'),
  dataProfileCommand,
  dataMergeCommand,
  stepCommand(driftStep),
  stepCommand(imageStep),
  stepCommand(costStep),
  reportCommand,
  releaseCommand,
  runCommand,
];

/** Longest command name that prefixes argv (`data check` before `data`). */
function findCommand(argv: readonly string[]): { cmd?: Command; rest: string[] } {
  const byLength = [...COMMANDS].sort((a, b) => b.name.split(' ').length - a.name.split(' ').length);
  for (const cmd of byLength) {
    const words = cmd.name.split(' ');
    if (words.every((w, i) => argv[i] === w)) return { cmd, rest: argv.slice(words.length) };
  }
  return { rest: [...argv] };
}

/**
 * The CLI: returns the exit code (0 pass/warn, 1 fail, 2 usage or input error). Errors print one line;
 * `--debug` adds the stack.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const debug = argv.includes('--debug') || io.env.MODEL_CI_DEBUG === '1';
  try {
    if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
      io.stdout(mainHelp(COMMANDS, TOOL_VERSION));
      return 0;
    }
    if (argv[0] === '--version' || argv[0] === '-V') {
      io.stdout(`${TOOL_VERSION}\n`);
      return 0;
    }
    const { cmd, rest } = findCommand(argv);
    const group = !cmd && COMMANDS.some((c) => c.name.startsWith(`${argv[0]} `)) ? argv[0] : undefined;
    if (group) return groupUsage(group, argv.slice(1), io);
    if (!cmd) {
      const names = COMMANDS.map((c) => c.name);
      const word = argv[0].startsWith('-')
        ? argv[0]
        : argv
            .filter((a) => !a.startsWith('-'))
            .slice(0, 2)
            .join(' ');
      io.stderr(
        `model-ci: error: unknown command "${word}"${didYouMean(word, names)}; commands: ${names.join(', ')}\n`,
      );
      return 2;
    }
    // A command may describe a common flag its own way (`run --out` writes the run file, not one result).
    const specs = { ...COMMON_FLAGS, ...cmd.options };
    const { values, positionals } = parseArgs(rest, specs, cmd.positionals?.max ?? 0);
    if (values.help) {
      io.stdout(commandHelp(cmd, COMMON_FLAGS));
      return 0;
    }
    return await cmd.run(values, positionals, io);
  } catch (e) {
    const err = e as Error;
    // Messages quote what the user gave (file names, columns, keys): shown, never obeyed by a terminal.
    if (e instanceof ModelCiError) io.stderr(`model-ci: error: ${visible(redactUrlsIn(err.message))}\n`);
    else
      io.stderr(
        `model-ci: internal error: ${visible(redactUrlsIn(err?.message ?? String(e)))}${debug ? '' : ' (run with --debug for the stack trace)'}\n`,
      );
    if (debug && err?.stack)
      io.stderr(`${neutralizeCommands(redactUrlsIn(err.stack).split('\n').map(visible).join('\n'))}\n`);
    return 2;
  }
}

/**
 * `model-ci data` with `--help` (or `-h`, `help`): the subcommands, exit 0. Alone: the same list on stderr,
 * exit 2 (a subcommand is missing). An unknown subcommand: one line naming the ones that exist.
 */
function groupUsage(group: string, rest: readonly string[], io: CliIo): number {
  const subs = COMMANDS.filter((c) => c.name.startsWith(`${group} `)).map((c) =>
    c.name.slice(group.length + 1),
  );
  const word = rest[0];
  if (word === '--help' || word === '-h' || word === 'help') {
    io.stdout(groupHelp(group, COMMANDS));
    return 0;
  }
  if (word === undefined || word.startsWith('-')) {
    io.stderr(`model-ci ${group}: a subcommand is needed\n\n${groupHelp(group, COMMANDS)}`);
    return 2;
  }
  io.stderr(
    `model-ci: error: unknown command "${group} ${visible(word)}"${didYouMean(word, subs)}; ${group} subcommands: ${subs.join(', ')}\n`,
  );
  return 2;
}
