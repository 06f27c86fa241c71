// Pure rules: data in, data out.
export { alertsConfigSchema, NEWS_DEFAULTS, SOCIAL_DEFAULTS, thresholdsFor, type AlertSettings, type SurgeChannel, type SurgeThresholds } from './settings.js';
export { evaluateSurge, expectedCount, EMPTY_SURGE_STATE, type SurgeAlert, type SurgeCounts, type SurgeState } from './surge.js';
export { findSilentSources, type SilenceFinding, type SourceActivity } from './silence.js';
export { closedBucket, ignoresQuietHours, isImmediate, threatKey } from './threat-routing.js';
export { isAtLeast, isThreatLevel, THREAT_LEVELS } from './levels.js';
export { localTime, parseClock, zonedTime, type LocalTime } from './time-zone.js';
export {
  adminRecipients,
  isValidEmail,
  LANGUAGES,
  parseQuietHours,
  parseRoles,
  parseThreatLevel,
  quietUntil,
  RecipientInputError,
  ROLES,
  surgeRecipients,
  threatRecipients,
  type Recipient,
} from './recipients.js';
export { composeEmails, type ComposeOptions } from './compose.js';
export { surgeEmail, narrativeTitle } from './emails/surge-email.js';
export { categoryLabel, threatBatchEmail, threatEmail } from './emails/threat-email.js';
export { postItem, threatItem } from './emails/post-items.js';
export { silenceEmail } from './emails/silence-email.js';
export { formatNumber, formatTime, uiLink } from './emails/strings.js';
export type { EmailOptions, NarrativeFacts, PostFacts, SilenceFacts, SurgeFacts, ThreatFacts, Tally } from './emails/facts.js';
// I/O edges: read the database, decide, write alert + outbox in one transaction.
export type { AlertDeps } from './jobs/deps.js';
export { checkPosts, runAlertTick, type CheckSummary, type TickSummary } from './jobs/entry.js';
export { loadNarratives, loadRecipients, toPostFacts } from './jobs/load.js';
export { recordAlert } from './jobs/record.js';
export { queueTestEmail } from './jobs/test-mail.js';
