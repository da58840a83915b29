import { runnerIo } from '../action-io.js';
import { runDataCheckAction } from '../data-check.js';

void runDataCheckAction(runnerIo());
