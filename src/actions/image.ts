import { imageStep } from '../checks/image/step.js';
import type { StepDefinition } from '../core/step.js';
import type { ActionIo } from './action-io.js';
import { runStepAction } from './harness.js';
import { actionSpec } from './registry-spec.js';

export const IMAGE_OUTPUTS = ['digest', 'tags', 'image-ref'] as const;
export const imageAction = actionSpec(imageStep as StepDefinition<never>, IMAGE_OUTPUTS);

/** The image action; the password input is masked before anything runs (GitHub masks secrets, but not every input is one). */
export function runImageAction(io: ActionIo) {
  const password = io.getInput('password');
  if (password) io.setSecret(password);
  return runStepAction(imageStep, io, (r) => ({
    digest: String(r.details.digest ?? ''),
    tags: ((r.details.tags as string[] | undefined) ?? []).join('\n'),
    'image-ref': String(r.details.image_ref ?? ''),
  }));
}
