import { describe, expect, test } from '@jest/globals';
import { COMMANDS } from '../../src/cli/main.js';
import { cli } from '../helpers/cli.js';
import { docFiles } from './doc-files.js';

// Every `model-ci <command> --flag` the documents show must be a flag that command's --help lists: a user
// copies the example, and an option that does not exist is a papercut (docs/smoke.md had --start-command).

const NAMES = [...COMMANDS.map((c) => c.name)].sort((a, b) => b.length - a.length);

interface Use {
  file: string;
  line: number;
  command: string;
  flag: string;
}

/** The invocations in a document: `model-ci <command> ...` up to the end of the code span or shell command. */
export function flagUses(file: string, text: string): Use[] {
  const uses: Use[] = [];
  // Shell continuations (`\` at the end of a line) belong to the command on the line above.
  const lines = text.split('\n');
  lines.forEach((raw, i) => {
    let line = raw;
    for (let j = i; line.endsWith('\\') && j + 1 < lines.length; j++) line = line.slice(0, -1) + lines[j + 1];
    const re =
      /(?:^|[\s`(>$])(?:npx\s+)?(?:model-ci|node dist\/cli\/index\.js)\s+([a-z][a-z-]*(?: [a-z][a-z-]*)?)([^`|;&#\n]*)/g;
    for (const m of line.matchAll(re)) {
      const words = m[1];
      const command = NAMES.find((n) => words === n || words.startsWith(`${n} `));
      if (!command) continue;
      const args = (words.slice(command.length) + m[2]).replace(/'[^']*'|"[^"]*"/g, ' ');
      for (const f of args.matchAll(/(?:^|\s)--([a-z][a-z0-9-]*)/g))
        uses.push({ file, line: i + 1, command, flag: `--${f[1]}` });
    }
  });
  return uses;
}

const uses = docFiles().flatMap(([file, text]) => flagUses(file, text));

describe('every flag the documents show exists', () => {
  test('the documents show a good number of flags (the extractor works)', () => {
    expect(uses.length).toBeGreaterThan(40);
    expect(uses).toContainEqual(
      expect.objectContaining({ file: 'docs/smoke.md', command: 'smoke', flag: '--start' }),
    );
  });

  test('the extractor finds a flag that does not exist', () => {
    const found = flagUses(
      'x.md',
      "```sh\nmodel-ci smoke --url 'http://x' --start-command python serve.py\n```\n",
    );
    expect(found.map((u) => u.flag)).toEqual(['--url', '--start-command']);
  });

  test.each(NAMES)('model-ci %s: every documented flag is in its --help', async (command) => {
    const help = (await cli([...command.split(' '), '--help'])).stdout;
    const listed = new Set([...help.matchAll(/--[a-z][a-z0-9-]*/g)].map((m) => m[0]));
    const missing = uses
      .filter((u) => u.command === command && !listed.has(u.flag))
      .map((u) => `${u.file}:${u.line}: ${u.flag}`);
    expect(missing).toEqual([]);
  });
});
