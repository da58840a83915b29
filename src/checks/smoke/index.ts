/** The smoke check's public surface (the CLI, the action and the pipeline import from here). */
export { runSmoke, processPeakRssMb, SMOKE_CHECK, SMOKE_TITLE, type SmokeDeps } from './smoke.js';
export {
  validateSmokeOptions,
  SMOKE_DEFAULTS,
  type SmokeDefaults,
  type SmokeOptions,
  type ExpectedSignature,
  type ExpectedTensor,
} from './options.js';
export { GOLDEN_SCHEMA_ID, readGolden, writeGolden, type GoldenFile } from './golden.js';
export type { SubCheck, SubCheckStatus } from './record.js';
