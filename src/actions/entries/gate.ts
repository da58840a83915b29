import { runnerIo } from '../action-io.js';
import { runGateAction } from '../gate.js';

void runGateAction(runnerIo());
