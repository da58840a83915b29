import { expect, test } from '@jest/globals';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { configJsonSchema } from '../../src/core/config.js';
import { PIPELINE_STEPS } from '../../src/pipeline/steps.js';
import { ROOT } from '../helpers/run-bundle.js';

// The published schema (for editors: `# yaml-language-server: $schema=...`) is generated from the option
// specs; regenerate with `UPDATE_SCHEMA=1 npm test -- config-schema`.
test('schema/config.schema.json is generated from the option specs', () => {
  const file = join(ROOT, 'schema', 'config.schema.json');
  const text = JSON.stringify(configJsonSchema(PIPELINE_STEPS), null, 2) + '\n';
  if (process.env.UPDATE_SCHEMA === '1') writeFileSync(file, text);
  expect(readFileSync(file, 'utf8')).toBe(text);
});
