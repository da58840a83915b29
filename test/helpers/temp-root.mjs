// jest globalSetup/globalTeardown: every temporary folder of a test run (the tests' own and those of the
// bundles and tools they start, which inherit TMPDIR) goes under one folder, removed when the run ends,
// so a run leaves nothing in /tmp however a test ends.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export async function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'model-ci-test-'));
  process.env.MODEL_CI_TEST_TMP = dir;
  process.env.TMPDIR = dir;
}

export async function teardown() {
  const dir = process.env.MODEL_CI_TEST_TMP;
  if (!dir) return;
  try {
    rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
  } catch (err) {
    console.warn(`could not remove the test run's temporary folder ${dir}: ${err.message}`);
  }
}
