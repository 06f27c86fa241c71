export { applyRetention, RETENTION_RULES, retentionTotals, type RetentionOutcome, type RetentionRule, type RetentionTotal } from './retention/apply.js';
export { isPseudonym, MAX_HANDLE_CHARS, neutralMetadata, normaliseHandle, PSEUDONYM_PREFIX, pseudonymOf } from './pseudonym.js';
export { privacyConfigSchema, privacySettings, type PrivacySettings } from './settings.js';
export { removePosts } from './store/remove-posts.js';
export { loadPseudonymKey, runRetention } from './retention/run.js';
