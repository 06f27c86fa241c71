// Pure rules: data in, data out.
export { thresholdsFor, type SurgeChannel } from './settings.js';
// Settings schemas live in src/config (import alertsConfigSchema, SOCIAL_DEFAULTS… from there); the types are named here too.
export type { AlertSettings, ChannelSettings, ChannelsSettings, SurgeThresholds } from '../config/index.js';
export { evaluateSurge, expectedCount, EMPTY_SURGE_STATE, type SurgeAlert, type SurgeCounts, type SurgeState } from './surge.js';
export { findSilentSources, type SilenceFinding, type SourceActivity } from './silence.js';
export { caseThread, closedBucket, decideCaseAlert, escalationKey, growthKey, ignoresQuietHours, isImmediate, threatKey, type CaseTold } from './threat-routing.js';
export { isAtLeast, isThreatLevel, THREAT_LEVELS } from './levels.js';
export { localTime, parseClock, zonedTime, type LocalTime } from '../text/index.js';
export {
  audienceRecipients,
  isInAudience,
  LANGUAGES,
  parsePersonalChannels,
  parsePhone,
  parseQuietHours,
  parseRoles,
  parseThreatLevel,
  PERSONAL_CHANNELS,
  quietUntil,
  recipientFromInput,
  RecipientInputError,
  ROLES,
  rolesWithoutRecipient,
  type Recipient,
  type RecipientInput,
} from './recipients.js';
export { isValidEmail } from '../text/index.js';
export { composeEmails, type ComposeOptions } from './compose.js';
export { allowsSms, channelTakes, planDeliveries, type DeliveryPlan, type DeliveryPlanInput } from './deliveries.js';
export { channelMessage, slackEscape, slackPayload, smsText, teamsPayload, webhookEvent, type AlertMeta, type ChannelMessage } from './channels/render.js';
export { surgeEmail, narrativeTitle } from './emails/surge-email.js';
export { caseLink, categoryLabel, escalationEmail, signalLines, threatBatchEmail, threatEmail, threatGrowthEmail } from './emails/threat-email.js';
export { postItem, threatItem, threatSpans } from './emails/post-items.js';
export { silenceEmail } from './emails/silence-email.js';
export { formatNumber, formatTime, uiLink } from './emails/strings.js';
export type {
  CaseChangeFacts,
  EmailOptions,
  EscalationFacts,
  NarrativeFacts,
  PostFacts,
  SilenceFacts,
  SurgeFacts,
  ThreatFacts,
  Tally,
} from './emails/facts.js';
// I/O edges: read the database, decide, write alert + outbox in one transaction; deliver to channels.
export { emailOptions, type AlertDeps } from './jobs/deps.js';
export { checkPosts, runAlertTick, type CheckSummary, type TickSummary } from './jobs/entry.js';
export { loadNarratives, loadRecipients, toPostFacts, toThreatFacts } from './jobs/load.js';
export { recordAddressedAlert, recordAlert, writeAlert, type AlertDraft } from './jobs/record.js';
export { queueTestEmail } from './jobs/test-mail.js';
export { deliverChannelPosts, type ChannelDeliverDeps, type ChannelDeliverySettings, type ChannelDeliverySummary } from './channels/deliver.js';
export { buildChannelRequest, postToChannel, signWebhook, verifyWebhookSignature, WEBHOOK_REPLAY_WINDOW_SECONDS, type ChannelRequest } from './channels/send.js';
export { deliverWaitingAlerts, resendAlert, type ResendOutcome } from './jobs/waiting.js';
export { ensureFirstRecipient, unreachedRoles } from './jobs/first-run.js';
export { decisiveSpans, uniqueSpans, type DecisiveSpan } from './decisive-spans.js';
