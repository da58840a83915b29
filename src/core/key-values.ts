import { InputError } from './errors.js';
import { visible } from './visible.js';

/**
 * The entries of an option that maps names to values: `a=1, b=2` (one line per pair or comma-separated, as
 * a flag or an action input gives it) or a mapping (as `.model-ci.yml` gives it). `example` shows the
 * expected form in the error.
 */
export function keyValueEntries(value: unknown, where: string, example: string): [string, unknown][] {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) return Object.entries(value);
  if (typeof value !== 'string')
    throw new InputError(`${where}: expected a mapping or key=value pairs such as "${example}"`);
  return value
    .split(/[\n,]/)
    .map((s) => s.trim())
    .filter(Boolean)
    .map((kv) => {
      const eq = kv.indexOf('=');
      if (eq < 0)
        throw new InputError(`${where}: expected key=value pairs such as "${example}", got "${visible(kv)}"`);
      return [kv.slice(0, eq).trim(), kv.slice(eq + 1).trim()];
    });
}
