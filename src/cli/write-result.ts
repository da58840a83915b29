import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { InputError } from '../core/errors.js';
import { toJsonText, type CheckResult } from '../core/result.js';

/** Write a result file, refusing to overwrite one of the command's own input files. */
export function writeResultFile(out: string, result: CheckResult, inputFiles: readonly string[]): void {
  const target = resolve(out);
  if (inputFiles.some((f) => resolve(f) === target)) {
    throw new InputError(
      `--out ${out} is one of the input files; choose another path so the input is not overwritten`,
    );
  }
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, toJsonText(result));
}
