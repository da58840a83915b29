import { runnerIo } from '../action-io.js';
import { runDriftAction } from '../drift.js';

void runDriftAction(runnerIo());
