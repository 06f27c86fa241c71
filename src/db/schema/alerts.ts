import { sql } from 'drizzle-orm';
import { bigint, bigserial, index, integer, jsonb, pgTable, primaryKey, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import type { ThreatLevel } from './classify.js';
import { posts } from './collect.js';
import { threatCases } from './threats.js';

const tz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export type RecipientRole = 'communications' | 'security' | 'admin';
export type RecipientLanguage = 'sv' | 'en';
export const ALERT_KINDS = ['surge', 'threat', 'threat-growth', 'threat-batch', 'escalation', 'source-silence', 'digest', 'test'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];
/** Alerts that name staff and places: security and admin only. */
export const THREAT_ALERT_KINDS: readonly AlertKind[] = ['threat', 'threat-growth', 'threat-batch', 'escalation'];
export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'unknown' | 'cancelled';
/** How a recipient wants to be reached: email always works; sms (critical threats only) needs a phone number. */
export type PersonalChannel = 'email' | 'sms';

/** Local "HH:MM" to "HH:MM" in alerts.timeZone; may wrap midnight (22:00 → 07:00). */
export interface QuietHours {
  start: string;
  end: string;
}

/** People who get alerts and digests. Personal data: read by the mail path only, never logged. */
export const recipients = pgTable(
  'recipients',
  {
    id: serial('id').primaryKey(),
    name: text('name').notNull(),
    email: text('email').notNull(),
    language: text('language').$type<RecipientLanguage>().notNull(),
    roles: jsonb('roles').$type<RecipientRole[]>().notNull(),
    region: text('region'),
    quietHours: jsonb('quiet_hours').$type<QuietHours | null>(),
    /** Narrative slugs for surge alerts; empty means every narrative. */
    narratives: jsonb('narratives').$type<string[]>().notNull().default([]),
    /** Lowest threat level mailed to this recipient; null means no threat mail. */
    minThreatLevel: text('min_threat_level'),
    /** E.164 number for SMS (critical threats and escalations only). */
    phone: text('phone'),
    channels: jsonb('channels').$type<PersonalChannel[]>().notNull().default(['email']),
    createdAt: tz('created_at').notNull().defaultNow(),
    updatedAt: tz('updated_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('recipients_email_uq').on(sql`lower(${t.email})`)],
);

/**
 * Who an alert is for, kept so that people added later still get it (first run): communicators (of one narrative),
 * recipients whose lowest threat level it reaches, or admins. `urgent` alerts ignore quiet hours.
 */
export interface AlertAudience {
  role: RecipientRole;
  narrative?: string;
  minLevel?: ThreatLevel;
  urgent: boolean;
  /** Escalations go to escalation channels and SMS first; email only when no such channel exists. */
  escalation?: boolean;
}

/** The email of an alert in each language, as blocks (src/mail/content.ts): rendered again for a late recipient. */
export type StoredAlertContent = Partial<Record<RecipientLanguage, Record<string, unknown>>>;

/** One row per decision to tell someone something; the unique dedupe key makes re-processing harmless. */
export const alerts = pgTable(
  'alerts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    kind: text('kind').$type<AlertKind>().notNull(),
    dedupeKey: text('dedupe_key').notNull(),
    severity: text('severity').notNull(),
    /** What it is about, for lists: a slug, `case:<id>`, `source:<id>`, an ISO week. */
    subject: text('subject').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    /** Null for alerts addressed to named people only (digest, test). */
    audience: jsonb('audience').$type<AlertAudience | null>(),
    content: jsonb('content').$type<StoredAlertContent | null>(),
    /** Alerts about one thing (a case, a surge episode) share a thread: mail clients show one conversation. */
    threadKey: text('thread_key'),
    createdAt: tz('created_at').notNull(),
  },
  (t) => [uniqueIndex('alerts_dedupe_key_uq').on(t.dedupeKey), index('alerts_kind_created_idx').on(t.kind, t.createdAt)],
);

/** Posts an alert is about (threat posts, batch members, surge examples). */
export const alertPosts = pgTable(
  'alert_posts',
  {
    alertId: bigint('alert_id', { mode: 'number' })
      .notNull()
      .references(() => alerts.id, { onDelete: 'cascade' }),
    postId: bigint('post_id', { mode: 'number' })
      .notNull()
      .references(() => posts.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.alertId, t.postId] }), index('alert_posts_post_idx').on(t.postId)],
);

/** Threat cases an alert is about, with the case's post count when it was told: growth is measured from there. */
export const alertCases = pgTable(
  'alert_cases',
  {
    alertId: bigint('alert_id', { mode: 'number' })
      .notNull()
      .references(() => alerts.id, { onDelete: 'cascade' }),
    caseId: bigint('case_id', { mode: 'number' })
      .notNull()
      .references(() => threatCases.id, { onDelete: 'cascade' }),
    postCount: integer('post_count').notNull(),
    level: text('level').$type<ThreatLevel>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.alertId, t.caseId] }), index('alert_cases_case_idx').on(t.caseId)],
);

/** Small per-key state of the alert rules (a narrative's surge episode), updated in the alert's transaction. */
export const alertState = pgTable('alert_state', {
  key: text('key').primaryKey(),
  state: jsonb('state').$type<Record<string, unknown>>().notNull(),
  updatedAt: tz('updated_at').notNull(),
});

export interface OutboxAttachment {
  cid: string;
  filename: string;
  contentType: string;
  base64: string;
}

/**
 * The transactional outbox: each row is one rendered email, written in the same transaction as its alert.
 * pending → sending (claimed) → sent | failed | unknown; cancelled when its recipient was removed first.
 */
export const mailOutbox = pgTable(
  'mail_outbox',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    alertId: bigint('alert_id', { mode: 'number' })
      .notNull()
      .references(() => alerts.id, { onDelete: 'cascade' }),
    recipientId: integer('recipient_id').references(() => recipients.id, { onDelete: 'set null' }),
    toAddress: text('to_address').notNull(),
    /** Derived from the alert's dedupe key and the recipient: a re-send carries the same id. */
    messageId: text('message_id').notNull(),
    subject: text('subject').notNull(),
    html: text('html').notNull(),
    text: text('text').notNull(),
    headers: jsonb('headers').$type<Record<string, string>>().notNull().default({}),
    attachments: jsonb('attachments').$type<OutboxAttachment[]>().notNull().default([]),
    status: text('status').$type<OutboxStatus>().notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    /** Times a claim was found abandoned (worker died while sending); the second makes the row `unknown`. */
    recoveries: integer('recoveries').notNull().default(0),
    /** Not sent before this: quiet hours and retry back-off. */
    notBefore: tz('not_before').notNull(),
    claimToken: text('claim_token'),
    claimedAt: tz('claimed_at'),
    sentAt: tz('sent_at'),
    lastErrorCode: text('last_error_code'),
    lastError: text('last_error'),
    createdAt: tz('created_at').notNull(),
    updatedAt: tz('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('mail_outbox_message_id_uq').on(t.messageId),
    index('mail_outbox_due_idx').on(t.notBefore).where(sql`${t.status} = 'pending'`),
    index('mail_outbox_sending_idx').on(t.claimedAt).where(sql`${t.status} = 'sending'`),
    index('mail_outbox_alert_idx').on(t.alertId),
  ],
);

export type ChannelKind = 'teams' | 'slack' | 'webhook' | 'sms';

/**
 * The outbox of the other channels (Teams, Slack, signed webhooks, SMS): one row per alert, channel and target (a
 * phone number for SMS, '' otherwise), written in the alert's transaction like its emails. The unique key makes a
 * repeated decision write nothing; rows are claimed with SKIP LOCKED and a token, like mail_outbox.
 */
export const channelOutbox = pgTable(
  'channel_outbox',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    alertId: bigint('alert_id', { mode: 'number' })
      .notNull()
      .references(() => alerts.id, { onDelete: 'cascade' }),
    /** The channel's name in the configuration (channels.<name>). */
    channel: text('channel').notNull(),
    kind: text('kind').$type<ChannelKind>().notNull(),
    target: text('target').notNull().default(''),
    recipientId: integer('recipient_id').references(() => recipients.id, { onDelete: 'set null' }),
    /** The JSON document sent (Adaptive Card, Block Kit, webhook event, SMS text); secrets are added at send time. */
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    status: text('status').$type<OutboxStatus>().notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    notBefore: tz('not_before').notNull(),
    claimToken: text('claim_token'),
    claimedAt: tz('claimed_at'),
    sentAt: tz('sent_at'),
    responseStatus: integer('response_status'),
    lastErrorCode: text('last_error_code'),
    lastError: text('last_error'),
    createdAt: tz('created_at').notNull(),
    updatedAt: tz('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('channel_outbox_target_uq').on(t.alertId, t.channel, t.target),
    index('channel_outbox_due_idx').on(t.notBefore).where(sql`${t.status} = 'pending'`),
    index('channel_outbox_sent_idx').on(t.channel, t.sentAt),
  ],
);
