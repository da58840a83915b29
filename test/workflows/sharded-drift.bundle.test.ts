/**
 * workflows-examples/sharded-drift.yml end to end, as its jobs would run it: every `run:` line of the
 * profile matrix (2 sides × 4 shards) and of the merge step goes through dist/cli under Node 24 with the
 * workflow's own arguments (taken from the YAML, env and matrix values substituted), then the drift step
 * runs the drift action bundle (dist/drift) with the workflow's `with:` inputs. The result must agree with
 * row-level drift on the same files.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'yaml';
import type { DriftDetails } from '../../src/checks/drift/types.js';
// @ts-expect-error plain ESM script without types
import { ensureNode24 } from '../../scripts/node24.mjs';
import { ROOT, runBundle } from '../helpers/run-bundle.js';

const run = promisify(execFile);

interface Step {
  name?: string;
  run?: string;
  uses?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
}

const workflow = parse(readFileSync(join(ROOT, 'workflows-examples/sharded-drift.yml'), 'utf8'));
let dir: string;

/** The words of a `run:` line after substituting $VARS and ${{ matrix.x }} (double quotes grouping). */
function words(line: string, vars: Record<string, string>): string[] {
  const expanded = line
    .replace(/\$\{\{\s*matrix\.(\w+)\s*\}\}/g, (_, k: string) => vars[k])
    .replace(/\$(\w+)/g, (_, k: string) => vars[k] ?? `$${k}`);
  return [...expanded.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]);
}

async function cliLine(line: string, vars: Record<string, string>): Promise<void> {
  const [node, cli, ...args] = words(line, vars);
  expect([node, cli]).toEqual(['node', '.model-ci/dist/cli/index.js']);
  // Globs in the merge step, as the shell would expand them.
  const expandedArgs = args.flatMap((a) => {
    if (!a.includes('*')) return [a];
    const [folder, pattern] = [a.slice(0, a.lastIndexOf('/')), a.slice(a.lastIndexOf('/') + 1)];
    const re = new RegExp(`^${pattern.replace(/[.]/g, '\\.').replace('*', '.*')}$`);
    return readdirSync(join(dir, folder))
      .filter((f) => re.test(f))
      .sort()
      .map((f) => `${folder}/${f}`);
  });
  await run(ensureNode24() as string, [join(dir, '.model-ci/dist/cli/index.js'), ...expandedArgs], {
    cwd: dir,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir },
    maxBuffer: 16 * 1024 * 1024,
  });
}

function csv(n: number, seed: number, shift: number): string {
  let s = seed;
  const rnd = () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
  const lines = ['id,amount,country,items'];
  for (let i = 0; i < n; i++) {
    const amount = Math.exp((rnd() + rnd() + rnd() - 1.5) * 0.8 + shift).toFixed(2);
    const country = rnd() < 0.5 + shift / 2 ? 'NO' : rnd() < 0.5 ? 'SE' : 'DK';
    lines.push(`${i},${amount},${country},${Math.floor(rnd() * 6)}`);
  }
  return lines.join('\n') + '\n';
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'sharded-drift-'));
  mkdirSync(join(dir, 'data'));
  writeFileSync(join(dir, 'data/reference.csv'), csv(40_000, 7, 0));
  writeFileSync(join(dir, 'data/current.csv'), csv(40_000, 8, 0.4));
  cpSync(join(ROOT, 'dist/cli'), join(dir, '.model-ci/dist/cli'), { recursive: true });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('workflows-examples/sharded-drift.yml end to end (dist/cli and dist/drift under Node 24)', () => {
  test('4 shards per side profiled, merged, drift from profiles agrees with row-level drift', async () => {
    const env = { ...workflow.env } as Record<string, string>;
    // Job "profile": the matrix, each job's Profile step with its own env.
    const profile = workflow.jobs.profile;
    const step = (profile.steps as Step[]).find((s) => s.name === 'Profile')!;
    const { side: sides, shard: shards } = profile.strategy.matrix as { side: string[]; shard: number[] };
    expect(sides).toEqual(['reference', 'current']);
    expect(shards).toHaveLength(4);
    mkdirSync(join(dir, 'profiles'));
    for (const side of sides) {
      for (const shard of shards) {
        const matrix = { side, shard: String(shard) };
        const stepEnv = Object.fromEntries(
          Object.entries(step.env ?? {}).map(([k, v]) => [k, words(v, matrix).join(' ')]),
        );
        await cliLine(step.run!, { ...env, ...matrix, ...stepEnv });
        // upload-artifact + download-artifact (merge-multiple) = the file lands in profiles/.
        const name = `profile-${side}-${shard}.json`;
        cpSync(join(dir, name), join(dir, 'profiles', name));
      }
    }
    // Job "drift": merge, then the drift action.
    const steps = workflow.jobs.drift.steps as Step[];
    const merge = steps.find((s) => s.name?.startsWith('Merge'))!;
    for (const line of merge.run!.trim().split('\n')) await cliLine(line, env);
    const driftStep = steps.find((s) => s.uses === 'OWNER/model-ci/actions/drift@v1')!;
    const action = await runBundle('drift', { workspace: dir, inputs: driftStep.with });
    // Dataset drift in amount and country (2 of 3 compared columns): the step fails, as configured.
    expect(action.stderr).toBe('');
    expect(action.code).toBe(1);
    const result = JSON.parse(readFileSync(join(dir, driftStep.with!['result-path']), 'utf8'));
    const details = result.details as DriftDetails;
    expect(details.approximate).toBe(true);
    expect(details.reference_rows).toBe(40_000);
    expect(details.columns.map((c) => c.name)).toEqual(['amount', 'country', 'items']);
    expect(action.summary).toContain('From profiles: statistics are approximate');

    // Row-level drift on the same files, through the same CLI.
    await cliLine(
      'node .model-ci/dist/cli/index.js drift --reference data/reference.csv --current data/current.csv --exclude id --out rows.json',
      env,
    ).catch(() => undefined); // exit 1 on dataset drift
    const rows = JSON.parse(readFileSync(join(dir, 'rows.json'), 'utf8')).details as DriftDetails;
    for (const c of details.columns) {
      const r = rows.columns.find((x) => x.name === c.name)!;
      expect(c.test).toBe(r.test);
      if (!c.undecided) expect([c.name, c.drifted]).toEqual([c.name, r.drifted]);
      if (c.value_bounds) {
        expect(r.value).toBeGreaterThanOrEqual(c.value_bounds[0] - 1e-9);
        expect(r.value).toBeLessThanOrEqual(c.value_bounds[1] + 1e-9);
      } else {
        expect(c.value).toBeCloseTo(r.value!, 9);
      }
    }
  });
});
