import { describe, expect, test } from '@jest/globals';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parse } from 'yaml';
import { MAIN_INPUTS, MAIN_OUTPUTS } from '../../src/actions/main.js';
import { ACTIONS } from '../../src/actions/registry.js';
import { ROOT } from '../helpers/run-bundle.js';

interface ActionYml {
  name: string;
  description: string;
  inputs?: Record<string, { description: string; required?: boolean; default?: string }>;
  outputs?: Record<string, { description: string }>;
  runs: { using: string; main: string };
}

function load(file: string): ActionYml {
  return parse(readFileSync(file, 'utf8')) as ActionYml;
}

const bundles = JSON.parse(readFileSync(join(ROOT, 'scripts/bundles.json'), 'utf8')) as { name: string }[];

describe('action metadata', () => {
  const folders = readdirSync(join(ROOT, 'actions'));
  test('every actions/<check> folder has an adapter and a bundle, and vice versa', () => {
    expect(folders.sort()).toEqual(Object.keys(ACTIONS).sort());
    for (const name of folders) expect(bundles.map((b) => b.name)).toContain(name);
  });

  test.each(Object.entries(ACTIONS))('actions/%s/action.yml matches its adapter', (name, spec) => {
    const file = join(ROOT, 'actions', name, 'action.yml');
    const yml = load(file);
    expect(yml.runs.using).toBe('node24');
    expect(yml.runs.main).toBe(`../../dist/${name}/index.js`);
    expect(existsSync(resolve(dirname(file), yml.runs.main))).toBe(true);
    expect(Object.keys(yml.inputs ?? {}).sort()).toEqual([...spec.inputs].sort());
    expect(Object.keys(yml.outputs ?? {}).sort()).toEqual([...spec.outputs].sort());
    for (const [k, v] of Object.entries(yml.inputs ?? {})) {
      expect(v.description.length).toBeGreaterThan(5);
      expect(spec.required.includes(k)).toBe(v.required === true);
    }
  });

  test('the root action.yml matches the pipeline adapter', () => {
    const yml = load(join(ROOT, 'action.yml'));
    expect(yml.runs).toEqual({ using: 'node24', main: 'dist/main/index.js' });
    expect(existsSync(join(ROOT, yml.runs.main))).toBe(true);
    expect(Object.keys(yml.inputs ?? {}).sort()).toEqual([...MAIN_INPUTS].sort());
    expect(Object.keys(yml.outputs ?? {}).sort()).toEqual([...MAIN_OUTPUTS].sort());
  });
});

test('the smoke bundle carries exactly the runtime files src/model/bundle-assets.ts names', async () => {
  const { BUNDLE_ASSETS } = await import('../../src/model/bundle-assets.js');
  const smoke = (bundles as { name: string; assets?: unknown[] }[]).find((b) => b.name === 'smoke');
  expect(smoke?.assets).toEqual(BUNDLE_ASSETS);
  for (const a of BUNDLE_ASSETS) expect(existsSync(join(ROOT, 'dist', a.to))).toBe(true);
});
