import type { ActionSpec } from './registry-spec.js';
import { costAction } from './cost.js';
import { dataCheckAction } from './data-check.js';
import { driftAction } from './drift.js';
import { gateAction } from './gate.js';
import { lintAction } from './lint.js';
import { imageAction } from './image.js';
import { releaseAction } from './release.js';
import { reportAction } from './report.js';
import { smokeAction } from './smoke.js';

/** Every check action, by folder name under actions/ (used by tests and docs, never bundled). */
export const ACTIONS: Record<string, ActionSpec> = {
  lint: lintAction,
  smoke: smokeAction,
  gate: gateAction,
  'data-check': dataCheckAction,
  drift: driftAction,
  image: imageAction,
  cost: costAction,
  report: reportAction,
  release: releaseAction,
};
