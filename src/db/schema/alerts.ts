import { sql } from 'drizzle-orm';
import { bigint, bigserial, index, integer, jsonb, pgTable, primaryKey, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { posts } from './collect.js';

const tz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export type RecipientRole = 'communications' | 'security' | 'admin';
export type RecipientLanguage = 'sv' | 'en';
export type AlertKind = 'surge' | 'threat' | 'threat-batch' | 'source-silence' | 'digest' | 'test';
export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'unknown' | 'cancelled';

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
    createdAt: tz('created_at').notNull().defaultNow(),
    updatedAt: tz('updated_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('recipients_email_uq').on(sql`lower(${t.email})`)],
);

/** One row per decision to tell someone something; the unique dedupe key makes re-processing harmless. */
export const alerts = pgTable(
  'alerts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    kind: text('kind').$type<AlertKind>().notNull(),
    dedupeKey: text('dedupe_key').notNull(),
    severity: text('severity').notNull(),
    /** What it is about, for lists: a slug, `post:<id>`, `source:<id>`, an ISO week. */
    subject: text('subject').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
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
