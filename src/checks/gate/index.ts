/** The metric-regression gate: rules, baselines, paired comparisons and the gate itself. */
export { gate, type ChangeInterval, type GateInput, type RuleOutcome, type RuleReport } from './gate.js';
export {
  comparedMetrics,
  conditionText,
  describeRule,
  parseRules,
  parseRulesDocument,
  RULE_KEYS,
  type GateRule,
  type GateRules,
  type ParseRulesOptions,
  type RulesSource,
} from './rules.js';
export { comparePaired, type PairedBinary, type PairedOptions, type PairedRegression } from './paired.js';
export { joinById, type IdSide, type JoinResult } from './join.js';
export { baselineFromResult } from './baseline.js';
export {
  KNOWN_METRICS,
  KNOWN_METRIC_NAMES,
  METRIC_INFO,
  defaultGreaterIsBetter,
} from '../../stats/metrics/known-metrics.js';
