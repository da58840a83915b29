import { kebab } from '../core/options.js';
import type { StepDefinition } from '../core/step.js';
import { COMMON_OUTPUTS, inputNames } from './harness.js';

/** What an action exposes; action.yml must say exactly this (test/actions/metadata.test.ts checks). */
export interface ActionSpec {
  inputs: readonly string[];
  required: readonly string[];
  outputs: readonly string[];
}

export function actionSpec(step: StepDefinition<never>, extraOutputs: readonly string[]): ActionSpec {
  return {
    inputs: inputNames(step.options),
    required: Object.entries(step.options)
      .filter(([, s]) => s.required && !s.configOnly)
      .map(([k]) => kebab(k)),
    outputs: [...COMMON_OUTPUTS, ...extraOutputs],
  };
}
