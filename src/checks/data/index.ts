/**
 * Data quality: exact profiles, expectation suites (Great Expectations vocabulary), schema inference and
 * mergeable profiles for sharded data. See docs/data.md.
 */
export { dataCheck, dataCheckProfile, dataMerge, dataProfile, failureMessage } from './check.js';
export { loadSuite, parseSuite, suiteColumns, type ExpectationSuite } from './suite.js';
export {
  EXPECTATIONS,
  TYPE_FAMILIES,
  type PreparedExpectation,
  type Severity,
} from './expectation-catalog.js';
export type { ExpectationResult } from './expectation-result.js';
export { profileTable, profileColumn, type ColumnProfile, type TableProfile } from './profile.js';
export {
  PROFILE_STATE_FORMAT,
  mergeProfiles,
  parseProfileState,
  profileShard,
  summarizeState,
  type ProfileState,
} from './profile-state.js';
export { parseShard, shardRange, sliceTable, type Shard } from './shard.js';
export {
  inferSuite,
  inferSuiteFromTable,
  stateDtypes,
  suiteToJson,
  suiteToYaml,
  tableDtypes,
  type GxSuite,
} from './infer.js';
export { compileRegex } from './regex.js';
export { readProfileState, readTableForSuite } from './inputs.js';
