import { runnerIo } from '../action-io.js';
import { runReleaseAction } from '../release.js';

void runReleaseAction(runnerIo());
