import { expect, test } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gateStep } from '../../src/checks/gate/step.js';
import { ROOT } from '../helpers/run-bundle.js';

// docs/gate.md listed multiclass metrics that `--task` refuses: the table may only name tasks the gate takes.
test("every task in docs/gate.md's known-metrics table is a --task choice", () => {
  const text = readFileSync(join(ROOT, 'docs/gate.md'), 'utf8');
  const table = text.split('### Known metrics')[1].split('\n\n')[1];
  const tasks = table
    .split('\n')
    .slice(2)
    .map((row) => row.split('|')[2].trim().split(' ')[0]);
  expect(tasks.length).toBeGreaterThan(5);
  const choices = gateStep.options.task.choices ?? [];
  expect(tasks.filter((t) => !choices.includes(t))).toEqual([]);
});
