/**
 * schema/profile-state.schema.json describes what `data profile` / `data merge` write: real profiles (one
 * file, merged shards, numeric/categorical/all-null columns) validate; a profile of the older format
 * validates; the format's required fields and the sketches' bounds are enforced (an @2 sketch without its
 * rank-error bound, a negative `kll.w1`).
 */
import { describe, expect, test } from '@jest/globals';
import { Ajv } from 'ajv';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli } from '../../helpers/cli.js';
import { mergeProfiles, parseProfileState, profileShard } from '../../../src/checks/data/profile-state.js';
import { ROOT } from '../../helpers/run-bundle.js';
import { categorical, numeric, table } from '../drift/tables.js';

const schema = JSON.parse(readFileSync(join(ROOT, 'schema/profile-state.schema.json'), 'utf8'));
const validate = new Ajv({ strict: true }).compile(schema);
const errors = () => JSON.stringify(validate.errors);

function sample(file: string, n: number) {
  return table(file, [
    numeric(
      'x',
      Array.from({ length: n }, (_, i) => Math.sin(i) * 100 + i / 7),
    ),
    numeric(
      'k',
      Array.from({ length: n }, (_, i) => i % 9),
    ),
    categorical(
      'city',
      Array.from({ length: n }, (_, i) => (i % 11 === 0 ? null : ['Oslo', 'Lima', 'Pune'][i % 3])),
    ),
    categorical(
      'empty',
      Array.from({ length: n }, () => null),
    ),
  ]);
}

describe('profile state JSON schema', () => {
  test('profiles of one file and merged shards validate, and carry kll.error and kll.w1', () => {
    const t = sample('data.csv', 5000);
    const whole = profileShard(t);
    const merged = mergeProfiles(
      ...[0, 1, 2, 3].map((index) => profileShard(t, { shard: { index, count: 4 } })),
    );
    for (const p of [whole, merged]) {
      const json = JSON.parse(JSON.stringify(p));
      expect(validate(json)).toBe(true);
      expect(errors()).toBe('null');
      const x = json.columns.x.kll;
      expect(typeof x.error).toBe('number');
      expect(x.w1).toBeGreaterThan(0);
      // The same document passes the reader's own validation.
      expect(parseProfileState(json, 'p.json').rows).toBe(5000);
    }
  });

  test('what the CLI writes (data profile --shard, then data merge) validates', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'profile-schema-'));
    try {
      const lines = ['x,n,city'];
      for (let i = 0; i < 3000; i++)
        lines.push(`${(Math.sin(i) * 50).toFixed(3)},${i % 7},${i % 3 ? 'Oslo' : 'Lima'}`);
      writeFileSync(join(dir, 'd.csv'), lines.join('\n') + '\n');
      const outs: string[] = [];
      for (const shard of ['0/2', '1/2']) {
        const out = `p${shard[0]}.json`;
        const r = await cli(
          ['data', 'profile', '--data', 'd.csv', '--shard', shard, '--out', out, '-q'],
          dir,
        );
        expect(r.code).toBe(0);
        outs.push(out);
      }
      const m = await cli(['data', 'merge', ...outs, '--out', 'merged.json', '-q'], dir);
      expect(m.code).toBe(0);
      for (const f of [...outs, 'merged.json']) {
        const doc = JSON.parse(readFileSync(join(dir, f), 'utf8'));
        const state = doc.details?.profile ?? doc;
        expect(validate(state)).toBe(true);
        expect(errors()).toBe('null');
        expect(state.columns.x.kll.w1).toBeGreaterThan(0);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('an @1 profile (no kll.error, no kll.w1) and an @2 profile without kll.w1 validate', () => {
    const json = JSON.parse(JSON.stringify(profileShard(sample('d.csv', 1000))));
    delete json.columns.x.kll.w1;
    expect(validate(json)).toBe(true);
    delete json.columns.x.kll.error;
    expect(validate(json)).toBe(false);
    expect(errors()).toMatch(/error/);
    json.format = 'model-ci/profile-state@1';
    expect(validate(json)).toBe(true);
  });

  test('invalid sketch bounds and unknown fields are rejected', () => {
    const good = JSON.parse(JSON.stringify(profileShard(sample('d.csv', 1000))));
    const bad = (edit: (p: typeof good) => void) => {
      const p = structuredClone(good);
      edit(p);
      return validate(p);
    };
    expect(bad((p) => (p.columns.x.kll.w1 = -1))).toBe(false);
    expect(bad((p) => (p.columns.x.kll.error = 'small'))).toBe(false);
    expect(bad((p) => (p.columns.x.extra = 1))).toBe(false);
    expect(bad((p) => (p.format = 'model-ci/profile-state@9'))).toBe(false);
    expect(bad((p) => delete p.columns.city.hll)).toBe(false);
    // The reader rejects a negative w1 too, naming the key path.
    const p = structuredClone(good);
    p.columns.x.kll.w1 = -1;
    expect(() => parseProfileState(p, 'p.json')).toThrow(
      /p\.json: columns\.x: expected valid sketch state \(KLL w1 must be a finite number ≥ 0, got -1\)/,
    );
  });
});
