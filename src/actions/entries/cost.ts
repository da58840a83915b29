import { runnerIo } from '../action-io.js';
import { runCostAction } from '../cost.js';

void runCostAction(runnerIo());
