import { InputError, didYouMean } from '../core/errors.js';
import { booleanText, camel, coerceText, kebab, type OptionSpecs } from '../core/options.js';

/** Flags every check command takes besides its own options. */
export const COMMON_FLAGS: OptionSpecs = {
  out: {
    type: 'path',
    description: 'write the result JSON (model-ci/result@1) to this file',
    metavar: 'FILE',
  },
  quiet: {
    type: 'boolean',
    description: 'print nothing on a pass; on a failure or error, only why (stderr)',
  },
  debug: { type: 'boolean', description: 'print stack traces of errors' },
  help: { type: 'boolean', description: 'show this help' },
};

export interface ParsedArgs {
  values: Record<string, unknown>;
  positionals: string[];
}

/**
 * Parse `--name value`, `--name=value`, boolean `--name` / `--no-name` / `--name=false` / `--name false`
 * (as argparse and Great Expectations users write them) against option specs.
 * Every problem is an InputError with the flag, the value and what was allowed.
 */
export function parseArgs(argv: readonly string[], specs: OptionSpecs, maxPositionals = 0): ParsedArgs {
  const values: Record<string, unknown> = {};
  const positionals: string[] = [];
  const flags = Object.keys(specs)
    .filter((n) => !specs[n].configOnly)
    .map(kebab);
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('--') || arg === '--') {
      if (arg === '-h' || arg === '-q') {
        values[arg === '-h' ? 'help' : 'quiet'] = true;
        continue;
      }
      if (arg.startsWith('-') && arg.length > 1) {
        throw new InputError(`unknown option "${arg}"; options are written --name (see --help)`);
      }
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    let flag = eq >= 0 ? arg.slice(2, eq) : arg.slice(2);
    let negated = false;
    if (
      !(camel(flag) in specs) &&
      flag.startsWith('no-') &&
      specs[camel(flag.slice(3))]?.type === 'boolean'
    ) {
      flag = flag.slice(3);
      negated = true;
    }
    const name = camel(flag);
    const spec = specs[name];
    if (!spec || spec.configOnly) {
      throw new InputError(`unknown option "--${flag}"${didYouMean(flag, flags)} (see --help)`);
    }
    if (spec.type === 'boolean' && eq < 0) {
      // `--x false` / `--x true`: the next word is the value when it is a boolean word, else `--x` alone.
      // Digits are left alone: `--flag 1` more likely means a positional argument than a value.
      const word = argv[i + 1]?.trim();
      const given = word !== undefined && !/^\d+$/.test(word) ? booleanText(word) : undefined;
      if (given !== undefined) i++;
      values[name] = (given ?? true) !== negated;
      continue;
    }
    let raw: string;
    if (eq >= 0) raw = arg.slice(eq + 1);
    else {
      const next = argv[i + 1];
      if (next === undefined || (next.startsWith('--') && next.length > 2)) {
        throw new InputError(`option --${flag} needs a value${spec.metavar ? ` (${spec.metavar})` : ''}`);
      }
      raw = next;
      i++;
    }
    const given = `--${negated ? 'no-' : ''}${flag}`;
    let value = coerceText(spec, raw, given);
    if (negated) value = !(value as boolean); // `--no-x=true` means x is false
    if (spec.type === 'list' && Array.isArray(values[name]))
      values[name] = [...(values[name] as string[]), ...(value as string[])];
    else values[name] = value;
  }
  if (positionals.length > maxPositionals) {
    const extra = positionals[maxPositionals];
    throw new InputError(
      `unexpected argument "${extra}"${maxPositionals === 0 ? '; this command takes only --options' : `; this command takes at most ${maxPositionals} arguments, got ${positionals.length}`}`,
    );
  }
  return { values, positionals };
}
