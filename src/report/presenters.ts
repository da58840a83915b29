/**
 * Every check's presenter, by the `check` of its results: the report renders any results folder with
 * these, without loading a check's code (model runtimes, registries, network clients). One line per check.
 */
import type { CheckPresenter } from '../core/present.js';
import { costPresenter } from '../checks/cost/present.js';
import { imagePresenter } from '../checks/image/present.js';
import { lintPresenter } from '../checks/lint/present.js';
import { dataMergePresenter, dataPresenter, dataProfilePresenter } from '../checks/data/present.js';
import { driftPresenter } from '../checks/drift/present.js';
import { gatePresenter } from '../checks/gate/present.js';
import { metricsPresenter } from '../checks/metrics/present.js';
import { releasePresenter } from '../checks/release/present.js';
import { smokePresenter } from '../checks/smoke/present.js';

export const PRESENTERS: readonly CheckPresenter[] = [
  lintPresenter,
  smokePresenter,
  metricsPresenter,
  gatePresenter,
  dataPresenter,
  dataProfilePresenter,
  dataMergePresenter,
  driftPresenter,
  imagePresenter,
  costPresenter,
  releasePresenter,
];

/** The presenter for a result's `check`, or undefined (the report then renders it generically). */
export function presenterFor(check: string): CheckPresenter | undefined {
  return PRESENTERS.find((p) => p.check === check);
}
