import { runnerIo } from '../action-io.js';
import { runSmokeAction } from '../smoke.js';

void runSmokeAction(runnerIo());
