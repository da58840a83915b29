import { runnerIo } from '../action-io.js';
import { runLintAction } from '../lint.js';

void runLintAction(runnerIo());
