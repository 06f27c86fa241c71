export { assessedText, assessThreats, needsCase, threatRow, type ThreatPostInput, type ThreatRow, type ThreatSuggester } from './assess-posts.js';
export { getCase, listCases, type CaseDetail, type CaseListItem, type EarlierPost, type ThreatCaseEventRow, type ThreatCasePostRow, type ThreatCaseRow } from './case-queries.js';
export { loadConfiguredModel, ThreatDetectorCache, type CachedThreatDetector, type ThreatDetectorCacheOptions } from './detector-cache.js';
export { buildEvidencePack, exportCaseEvidence, type EvidencePack, type EvidencePost, type WrittenEvidence } from './evidence.js';
export { caseReportEvidence, purgeCaseReports, type EvidenceReport } from './case-reports.js';
export { MAX_SECRECY_MARKING_CHARS, releaseCase, setSecrecyMarking } from './case-record.js';
export { renderEvidenceHtml } from './evidence-html.js';
export { evidenceTime, type EvidenceTime } from './evidence-time.js';
export { fileCases, SYSTEM_ACTOR, type CaseChange } from './file-cases.js';
export { threatGroupKey } from './group-key.js';
// Pure; lives with the alert content that shows it. Re-exported for the case pages.
export { decisiveSpans, uniqueSpans, type DecisiveSpan } from '../alerts/index.js';
export { purgeDismissedCases, type PurgeOutcome } from './retention.js';
export { CASE_STATUSES, CASE_TRANSITIONS, CASE_VERDICTS, isCaseStatus, isCaseVerdict, reviewCase, ThreatCaseNotFoundError, ThreatCaseReviewError, type CaseReview } from './review.js';
export {
  getThreatRulesVersion,
  loadStoredThreatRules,
  restoreThreatRules,
  saveThreatRules,
  threatRulesHistory,
  threatRulesRevision,
  ThreatRulesVersionNotFoundError,
  type RulesAuthor,
  type StoredThreatRules,
} from './rules-store.js';
export { threatsConfigSchema, type ThreatSettings } from '../config/index.js';
export { bandPrecision, rulePrecision, type BandPrecision, type RulePrecision, type VerdictCounts } from './stats.js';
export { deriveWatchlistKey, loadWatchlistKey, parseWatchlistKey, WatchlistKeyError, watchlistKeyPath, type WatchlistKey } from './watchlist-key.js';
export {
  addWatchlistEntry,
  listWatchlist,
  loadWatchlistMatcher,
  removeWatchlistEntry,
  WatchlistEntryNotFoundError,
  watchlistRevision,
  type WatchlistListing,
} from './watchlist-store.js';
export { writeThreatResults, type ThreatWriteOutcome } from './write-results.js';
export { countMissedPosts, listMissedPosts, markMissedPost, MissedPostError, missedPostsJsonl, type MissedMark, type MissedPost } from './missed.js';
