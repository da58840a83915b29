import { runnerIo } from '../action-io.js';
import { runImageAction } from '../image.js';

void runImageAction(runnerIo());
