import { runnerIo } from '../action-io.js';
import { runMain } from '../main.js';

void runMain(runnerIo());
