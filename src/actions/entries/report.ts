import { runnerIo } from '../action-io.js';
import { runReportAction } from '../report.js';

void runReportAction(runnerIo());
