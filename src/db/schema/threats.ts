import { bigint, bigserial, customType, index, integer, jsonb, pgTable, primaryKey, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import type { FetchExchange } from './collect.js';
import { posts } from './collect.js';
import type { ThreatLevel } from './classify.js';

const tz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export type ThreatCaseStatus = 'new' | 'acknowledged' | 'escalated' | 'dismissed';

/** A signal as stored with a case post (same shape as post_threats.signals). */
export interface StoredThreatSignal {
  kind: string;
  text: string;
  start: number;
  end: number;
  rule?: string;
  /** Words that only set the scene (who speaks, who is spoken of): shown in the text, left out of signal lists. */
  support?: boolean;
}

/** Every saved state of the threat rules (all language files together); the highest version is in force. */
export const threatRuleVersions = pgTable(
  'threat_rule_versions',
  {
    id: serial('id').primaryKey(),
    version: integer('version').notNull(),
    /** `{ files: [...] }`, each file as validated from config/threats/<lang>.yaml. */
    definition: jsonb('definition').$type<Record<string, unknown>>().notNull(),
    fingerprint: text('fingerprint').notNull(),
    createdBy: text('created_by').notNull(),
    reason: text('reason').notNull(),
    createdAt: tz('created_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('threat_rule_versions_version_uq').on(t.version)],
);

/**
 * Staff names, aliases and office addresses to recognise in posts. The value is stored sealed (AES-256-GCM) and
 * matched through keyed hashes (HMAC-SHA-256) of its name skeletons: neither reveals it without the watchlist key.
 */
export const watchlistEntries = pgTable('watchlist_entries', {
  id: serial('id').primaryKey(),
  kind: text('kind').$type<'name' | 'address'>().notNull(),
  /** base64url of iv (12 bytes) | auth tag (16 bytes) | ciphertext. */
  sealed: text('sealed').notNull(),
  matchKeys: jsonb('match_keys').$type<{ tokens: string[][]; joined: string[]; exact: string[] | null }>().notNull(),
  /** Short id of the key that sealed it, so entries sealed with another key are recognised and skipped. */
  keyId: text('key_id').notNull(),
  createdBy: text('created_by').notNull(),
  createdAt: tz('created_at').notNull().defaultNow(),
});

/**
 * One case per threatening text in the review queue: reposts and quotes of the same text (same group key) join it
 * with a count. Status moves new → acknowledged → escalated (police report) | dismissed.
 */
export const threatCases = pgTable(
  'threat_cases',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    /** SHA-256 of the normalised text of the sentences carrying the evidence. */
    groupKey: text('group_key').notNull(),
    level: text('level').$type<ThreatLevel>().notNull(),
    categories: jsonb('categories').$type<string[]>().notNull().default([]),
    status: text('status').$type<ThreatCaseStatus>().notNull().default('new'),
    assignee: text('assignee'),
    policeRef: text('police_ref'),
    postCount: integer('post_count').notNull().default(0),
    /** When the newest post joined (reposts update the case instead of opening another). */
    lastPostAt: tz('last_post_at'),
    createdAt: tz('created_at').notNull(),
    updatedAt: tz('updated_at').notNull(),
    statusChangedAt: tz('status_changed_at').notNull(),
    /** When the retention job removed the post texts of this (dismissed) case. */
    textPurgedAt: tz('text_purged_at'),
  },
  (t) => [uniqueIndex('threat_cases_group_key_uq').on(t.groupKey), index('threat_cases_status_level_idx').on(t.status, t.level, t.createdAt)],
);

/**
 * The posts of a case, each with a snapshot taken when it joined (text, times, signals, HTTP exchanges of its fetch
 * run): the evidence stays as detected even if the post is edited, deleted or its source removed.
 */
export const threatCasePosts = pgTable(
  'threat_case_posts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    caseId: bigint('case_id', { mode: 'number' })
      .notNull()
      .references(() => threatCases.id, { onDelete: 'cascade' }),
    postId: bigint('post_id', { mode: 'number' }).references(() => posts.id, { onDelete: 'set null' }),
    level: text('level').$type<ThreatLevel>().notNull(),
    categories: jsonb('categories').$type<string[]>().notNull().default([]),
    signals: jsonb('signals').$type<StoredThreatSignal[]>().notNull().default([]),
    /** Every rule that fired (signals are capped; precision per rule needs them all). */
    rules: jsonb('rules').$type<string[]>().notNull().default([]),
    rulesVersion: text('rules_version').notNull(),
    text: text('text').notNull(),
    /** SHA-256 of `text` as assessed. */
    textSha256: text('text_sha256').notNull(),
    platform: text('platform').notNull(),
    url: text('url'),
    authorHandle: text('author_handle'),
    publishedAt: tz('published_at'),
    fetchedAt: tz('fetched_at').notNull(),
    fetchRunId: bigint('fetch_run_id', { mode: 'number' }),
    exchanges: jsonb('exchanges').$type<FetchExchange[]>().notNull().default([]),
    contentHash: text('content_hash').notNull(),
    addedAt: tz('added_at').notNull(),
  },
  (t) => [uniqueIndex('threat_case_posts_post_uq').on(t.postId), index('threat_case_posts_case_idx').on(t.caseId, t.addedAt)],
);

/** Who did what to a case and when: creation, posts joining, status changes, assignment, notes, purges. */
export const threatCaseEvents = pgTable(
  'threat_case_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    caseId: bigint('case_id', { mode: 'number' })
      .notNull()
      .references(() => threatCases.id, { onDelete: 'cascade' }),
    at: tz('at').notNull(),
    actor: text('actor').notNull(),
    action: text('action').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status'),
    note: text('note'),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [index('threat_case_events_case_idx').on(t.caseId, t.at)],
);

/**
 * LSH band keys of each case's evidence text (issue 18): a near-copy of a filed threat (a word changed, an emoji,
 * a look-alike letter) joins the case instead of opening another. `shingles` are the case's first text's.
 */
export const threatCaseBands = pgTable(
  'threat_case_bands',
  {
    bandKey: bigint('band_key', { mode: 'number' }).notNull(),
    caseId: bigint('case_id', { mode: 'number' })
      .notNull()
      .references(() => threatCases.id, { onDelete: 'cascade' }),
    shingles: customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' })('shingles').notNull(),
  },
  (t) => [primaryKey({ columns: [t.bandKey, t.caseId] })],
);
