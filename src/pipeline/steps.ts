import type { StepDefinition } from '../core/step.js';
import { costStep } from '../checks/cost/step.js';
import { dataCheckStep } from '../checks/data/step.js';
import { driftStep } from '../checks/drift/step.js';
import { gateStep } from '../checks/gate/step.js';
import { lintStep } from '../checks/lint/step.js';
import { imageStep } from '../checks/image/step.js';
import { metricsStep } from '../checks/metrics/step.js';
import { smokeStep } from '../checks/smoke/step.js';

/**
 * Every check the pipeline knows, in the order `model-ci run` runs them (the order of the report too).
 * Only this composition layer imports more than one check.
 */
export const PIPELINE_STEPS: readonly StepDefinition<never>[] = [
  lintStep as StepDefinition<never>,
  smokeStep as StepDefinition<never>,
  metricsStep as StepDefinition<never>,
  gateStep as StepDefinition<never>,
  dataCheckStep as StepDefinition<never>,
  driftStep as StepDefinition<never>,
  imageStep as StepDefinition<never>,
  // Last: it reads the smoke (and image) results of the same run.
  costStep as StepDefinition<never>,
];
