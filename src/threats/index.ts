export { createThreatDetector, type ThreatDetector, type ThreatDetectorOptions } from './detector.js';
export { decideLevel, LEVEL_KINDS, type Decision, type Evidence } from './decide.js';
export { ThreatRulesError, WatchlistValueError } from './errors.js';
export { expandLexicons, LexiconReferenceError } from './expand.js';
export { threatRulesFileToYaml, threatRulesToYamlFiles } from './export.js';
export { loadThreatRulesDir, parseThreatRulesYaml, threatRulesFingerprint, validateThreatRules, validateThreatRulesFile } from './load.js';
export { lexiconWords } from './rule-index.js';
export { findPatterns, MAX_PATTERN_MATCHES, type PatternMatch } from './patterns.js';
export { NEGATIVE_KINDS, NEGATIVE_SCOPES, THREAT_RULE_LANGS, threatRulesFileSchema, type ThreatNegative, type ThreatRule, type ThreatRuleLang, type ThreatRules, type ThreatRulesFile } from './schema.js';
export { nameSkeleton } from './skeleton.js';
export {
  isThreatLevel,
  levelRank,
  MAX_SIGNALS,
  maxLevel,
  RULE_SIGNAL_KINDS,
  THREAT_CATEGORIES,
  THREAT_LEVELS,
  type RuleSignalKind,
  type SignalKind,
  type ThreatAssessment,
  type ThreatCategory,
  type ThreatInput,
  type ThreatLevel,
  type ThreatOutput,
  type ThreatSignal,
  toThreatOutput,
} from './types.js';
export {
  createWatchlistMatcher,
  maskWatchlistValue,
  WATCHLIST_KINDS,
  watchlistMatchKeys,
  type WatchlistEntryKeys,
  type WatchlistHit,
  type WatchlistKind,
  type WatchlistMatcher,
  type WatchlistMatchKeys,
} from './watchlist.js';
